"""The default dataset's figures, to the millimetre, as the Rust library measures them
(read from `bordermap measure --format json`), through every way a result is read."""

import datetime
import json

import bordermap


def test_to_json_is_the_commands_json_byte_for_byte(cli):
    assert bordermap.load().measure().to_json() == cli("measure", "--format", "json").decode()


def test_totals_and_segments_match_the_command_to_the_millimetre(cli):
    want = json.loads(cli("measure", "--format", "json"))
    r = bordermap.load().measure()
    assert r.total_m == want["total_m"]
    assert r.as_of == want["as_of"]
    assert r.totals == want["totals"]
    assert len(r.segments) == len(want["segments"]) > 1
    for got, seg in zip(r.segments, want["segments"]):
        assert got["length_m"] == seg["length_m"]
        assert got["values"] == seg["values"]
    # The segments add up to the border, to the millimetre.
    assert abs(sum(s["length_m"] for s in r.segments) - r.total_m) < 0.001 * len(r.segments)
    assert isinstance(r.segments, list) and isinstance(r.totals, dict)


def test_a_date_as_str_or_date_measures_that_date(cli):
    want = json.loads(cli("measure", "--format", "json", "--as-of", "2025-10-16"))
    ds = bordermap.load()
    for as_of in ("2025-10-16", datetime.date(2025, 10, 16)):
        r = ds.measure(as_of=as_of)
        assert r.as_of == "2025-10-16"
        assert r.totals == want["totals"]
    assert ds.measure("2025-10-16").totals != ds.measure().totals


def test_load_arguments_are_the_commands_inputs(cli):
    want = json.loads(cli("measure", "--format", "json", "--between", "Iraq,Jordan"))
    for between in (("Iraq", "Jordan"), ["IQ", "JO"], "Iraq,Jordan"):
        r = bordermap.load(between=between).measure()
        assert r.total_m == want["total_m"]
        assert r.totals == want["totals"]


def test_geo_interface_is_the_commands_geojson(cli):
    want = json.loads(cli("measure", "--format", "geojson"))
    assert bordermap.load().measure().__geo_interface__ == want


def test_to_pandas_without_pandas_says_how_to_install_it(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    r = bordermap.load().measure()
    try:
        r.to_pandas()
    except ImportError as e:
        assert "pip install pandas" in str(e)
    else:
        raise AssertionError("to_pandas() without pandas did not raise ImportError")


def test_to_pandas_has_a_row_per_segment():
    import pytest

    pd = pytest.importorskip("pandas")
    r = bordermap.load().measure()
    df = r.to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert list(df["length_m"]) == [s["length_m"] for s in r.segments]
    assert list(df["authority"]) == [s["values"]["authority"] for s in r.segments]
