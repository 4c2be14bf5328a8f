"""`__geo_interface__` read by shapely (and geopandas, where installed)."""

import math

import pytest
import shapely.geometry

import bordermap


def test_shapely_reads_every_segment_as_a_line_that_joins_the_next():
    r = bordermap.load().measure()
    fc = r.__geo_interface__
    assert fc["type"] == "FeatureCollection"
    lines = [shapely.geometry.shape(f["geometry"]) for f in fc["features"]]
    assert len(lines) == len(r.segments)
    for line, seg, f in zip(lines, r.segments, fc["features"]):
        assert line.geom_type == "LineString" and line.is_valid and line.length > 0
        assert f["properties"]["length_m"] == seg["length_m"]
    # One border: each segment starts where the one before ends.
    for a, b in zip(lines, lines[1:]):
        assert a.coords[-1] == pytest.approx(b.coords[0], abs=1e-9)
    # The embedded Iraq–Syria border lies between 32°N and 37.5°N, 38.5°E and 42.5°E.
    w, s, e, n = shapely.geometry.MultiLineString(lines).bounds
    assert 38.5 < w < e < 42.5 and 32 < s < n < 37.5


def test_a_geodataframe_from_the_result():
    gpd = pytest.importorskip("geopandas")
    r = bordermap.load().measure()
    gdf = gpd.GeoDataFrame.from_features(r)
    assert len(gdf) == len(r.segments)
    assert math.isclose(gdf["length_m"].sum(), r.total_m, abs_tol=0.01)
