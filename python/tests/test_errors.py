"""Errors: one BordermapError (a ValueError) with where and what to do, worded with the
Python argument names, never the command's flags; no panic."""

import pytest

import bordermap


def test_a_bad_layers_file_names_its_file_line_and_column(tmp_path):
    layers = tmp_path / "layers.toml"
    layers.write_text('[dataset]\ntitle = "x"\n\n[[layer]]\nid = "authority"\nvalues = [1, \n')
    with pytest.raises(bordermap.BordermapError) as e:
        bordermap.load(layers=layers)
    err = e.value
    assert isinstance(err, ValueError)
    assert err.file == str(layers)
    assert err.line is not None and 4 <= err.line <= 7
    assert err.column is not None and err.column >= 1
    assert err.kind == "input"
    assert str(layers) in str(err) and f":{err.line}:{err.column}" in str(err)


def test_a_missing_file_is_an_io_error_naming_it(tmp_path):
    with pytest.raises(bordermap.BordermapError) as e:
        bordermap.load(border=tmp_path / "nope.geojson")
    assert e.value.kind == "io"
    assert e.value.file == str(tmp_path / "nope.geojson")
    assert "no such file" in str(e.value)


def test_an_unknown_option_says_which_was_meant():
    ds = bordermap.load()
    with pytest.raises(bordermap.BordermapError) as e:
        ds.render(sise="phone")
    assert "sise" in str(e.value)
    assert "did you mean size" in e.value.hint
    with pytest.raises(bordermap.BordermapError) as e:
        bordermap.load(tag=["authority"])
    assert "did you mean tags" in e.value.hint


def test_a_bad_value_names_its_option():
    ds = bordermap.load()
    with pytest.raises(bordermap.BordermapError) as e:
        ds.render(size="huge")
    assert str(e.value).startswith("option size:")
    assert "phone" in e.value.hint
    with pytest.raises(bordermap.BordermapError) as e:
        ds.render(width=float("nan"))
    assert "width" in str(e.value)


def test_hints_name_python_arguments_not_flags():
    ds = bordermap.load()
    cases = [
        (lambda: ds.render(width=100, height=100), "width="),
        (lambda: ds.render(scale=2, dpi=96), "scale="),
        (lambda: ds.render(simplify=-1), "simplify="),
        (lambda: bordermap.load(border="@iraq-syria", between=("Iraq", "Jordan")), "between="),
        (lambda: ds.render(center=(41.0, 34.5)), "zoom_km="),
        (lambda: ds.render(lang="xx"), "locale_file="),
    ]
    for call, arg in cases:
        with pytest.raises(bordermap.BordermapError) as e:
            call()
        assert arg in e.value.hint, (arg, str(e.value))
        assert "--" not in str(e.value), str(e.value)


def test_a_date_that_is_not_one_is_an_error_naming_as_of():
    with pytest.raises(bordermap.BordermapError) as e:
        bordermap.load().measure(as_of="2024-13-45")
    assert "as_of" in str(e.value)


def test_data_settings_belong_to_load():
    ds = bordermap.load()
    with pytest.raises(bordermap.BordermapError) as e:
        ds.render(border="@iraq-syria-osm")
    assert "bordermap.load()" in e.value.hint
    with pytest.raises(bordermap.BordermapError) as e:
        ds.render(output="x.svg")
    assert "save" in e.value.hint


def test_several_maps_are_refused_with_a_hint():
    with pytest.raises(bordermap.BordermapError) as e:
        bordermap.load().render(size=["phone", "web"])
    assert "size=" in e.value.hint


def test_values_python_cannot_give_as_json_are_errors_not_crashes():
    with pytest.raises(bordermap.BordermapError) as e:
        bordermap.load().render(title=object())
    assert "title" in str(e.value)
