"""The example notebook, executed headless: its map cell's output holds the SVG."""

import nbclient
import nbformat


def test_the_notebook_runs_and_shows_the_map(root):
    nb = nbformat.read(root / "examples" / "notebook.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    svgs = [o["data"]["image/svg+xml"] for o in outputs if "image/svg+xml" in o.get("data", {})]
    assert len(svgs) == 1
    assert svgs[0].lstrip().startswith("<?xml") and "<svg" in svgs[0]
    assert 'width="640"' in svgs[0]
    # The totals cell shows km per value of the first layer.
    texts = [o["data"]["text/plain"] for o in outputs if "text/plain" in o.get("data", {})]
    assert any("SDF" in t for t in texts)
