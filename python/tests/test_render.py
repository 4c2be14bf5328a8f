"""Every render format, the options by their story keys, and saving."""

import struct
import xml.etree.ElementTree as ET

import pytest

import bordermap

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def ds():
    return bordermap.load()


def png_size(png):
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def test_the_default_map_is_the_commands_svg_byte_for_byte(ds, cli):
    m = ds.render()
    assert m.format == "svg"
    assert m.svg == cli("render", "-o", "-")
    assert m._repr_svg_() == m.svg.decode()
    assert m._repr_png_() is None


def test_svg_is_well_formed_with_the_pages_size_and_every_segment(ds):
    m = ds.render(size="inline")
    root = ET.fromstring(m.svg)
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height")) == ("640", "480")
    assert m.size == (640.0, 480.0)
    segments = [
        p for p in root.iter(f"{SVG}path") if "segment" in p.get("class", "").split()
    ]
    assert len(segments) == len(ds.measure().segments)


def test_png_has_its_signature_and_the_page_size_times_scale(ds):
    m = ds.render(format="png", scale=0.5)
    assert m.format == "png"
    assert png_size(m.png) == (600, 450)
    assert m._repr_png_() == m.png
    assert m._repr_svg_() is None
    assert png_size(ds.render(format="png", size="phone").png) == (360, 640)


def test_pdf_is_one_page_of_px_times_three_quarters_pt(ds):
    pdf = ds.render(format="pdf").pdf
    assert pdf.startswith(b"%PDF-")
    assert b"/MediaBox[0 0 900 675]" in pdf
    # The a4 preset is an exact A4 page.
    assert b"/MediaBox[0 0 842 595]" in ds.render(format="pdf", size="a4").pdf


def test_a_map_gives_its_other_formats_on_demand(ds):
    m = ds.render(size="phone")
    assert png_size(m.png) == (360, 640)
    assert m.pdf.startswith(b"%PDF-")
    assert m.format == "svg"


def test_options_are_the_story_keys(ds, cli):
    m = ds.render(lang="ar", width=800, height=700, theme="dark", title="Border")
    assert m.svg == cli(
        "render", "--lang", "ar", "--width", "800", "--height", "700",
        "--theme", "dark", "--title", "Border", "-o", "-",
    )
    root = ET.fromstring(m.svg)
    assert (root.get("width"), root.get("height")) == ("800", "700")


def test_a_story_file_under_the_arguments(ds, tmp_path, cli):
    story = tmp_path / "story.toml"
    story.write_text('size = "phone"\ntitle = "From the story"\n')
    from_file = ds.render(story=story)
    assert from_file.size == (360.0, 640.0)
    assert b"From the story" in from_file.svg
    over = ds.render(story=str(story), size="inline", title="From Python")
    assert over.size == (640.0, 480.0)
    assert b"From Python" in over.svg and b"From the story" not in over.svg
    assert over.svg == cli(
        "render", "--story", str(story), "--size", "inline", "--title", "From Python", "-o", "-"
    )


def test_save_writes_the_format_of_the_name_and_leaves_no_temporary(ds, tmp_path):
    m = ds.render()
    for name, head in (("map.svg", b"<?xml"), ("map.png", b"\x89PNG"), ("map.pdf", b"%PDF-")):
        m.save(tmp_path / name)
        assert (tmp_path / name).read_bytes().startswith(head)
    assert (tmp_path / "map.svg").read_bytes() == m.svg
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.pdf", "map.png", "map.svg"]


def test_save_to_an_unknown_extension_is_an_error_and_writes_nothing(ds, tmp_path):
    with pytest.raises(bordermap.BordermapError) as e:
        ds.render().save(tmp_path / "map.gif")
    assert 'format="svg"' in e.value.hint or ".svg" in e.value.hint
    assert "--" not in str(e.value)
    assert list(tmp_path.iterdir()) == []


def test_threads_draw_the_same_bytes_as_one(ds):
    from concurrent.futures import ThreadPoolExecutor

    one = ds.render(size="inline").svg
    with ThreadPoolExecutor(2) as pool:
        maps = list(pool.map(lambda _: ds.render(size="inline").svg, range(4)))
    assert maps == [one] * 4
