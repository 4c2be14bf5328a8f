"""The package as installed: its version, stubs and marker."""

import importlib.resources
import tomllib

import bordermap


def test_version_is_the_crates(root):
    crate = tomllib.loads((root / "python" / "Cargo.toml").read_text())["package"]["version"]
    library = tomllib.loads((root / "Cargo.toml").read_text())["package"]["version"]
    assert bordermap.__version__ == crate == library


def test_stubs_and_py_typed_are_installed():
    files = importlib.resources.files("bordermap")
    assert files.joinpath("py.typed").is_file()
    stubs = files.joinpath("__init__.pyi").read_text()
    for name in ("def load(", "class Dataset", "class Result", "class Map", "class BordermapError"):
        assert name in stubs


def test_the_error_is_a_value_error_of_the_package():
    assert issubclass(bordermap.BordermapError, ValueError)
    assert bordermap.BordermapError.__module__ == "bordermap"
