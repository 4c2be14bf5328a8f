//! The border's geometry against GeographicLib (`tests/data/reference.json`): totals, chainage,
//! points on the geodesic, the al-Tanf circle and place snaps.

use bordermap::Border;
use geo::{Bearing, Coord, Destination, Geodesic, Point};

use super::*;

fn border_of(line: &str) -> Border {
    match line {
        "ne10m" => dataset(None).border.border,
        _ => dataset(Some("@iraq-syria-osm")).border.border,
    }
}

fn ref_coord(v: &serde_json::Value) -> Coord<f64> {
    Coord {
        x: num(&v["lon"]),
        y: num(&v["lat"]),
    }
}

#[test]
fn default_total_is_the_published_geographiclib_figure() {
    let m = measured(None);
    assert_near("default total", m.total_m, 599_285.645, MM);
    assert_near(
        "default total vs reference.json",
        m.total_m,
        num(&reference()["ne10m"]["total_m"]),
        MM,
    );
}

#[test]
fn osm_total_is_the_published_geographiclib_figure() {
    let m = dataset(Some("@iraq-syria-osm")).measure(None).unwrap();
    assert_near("OSM total", m.total_m, 603_095.363, MM);
    assert_near(
        "OSM total vs reference.json",
        m.total_m,
        num(&reference()["osm"]["total_m"]),
        MM,
    );
}

#[test]
fn chainage_at_every_vertex_matches_the_reference() {
    for line in ["ne10m", "osm"] {
        let b = border_of(line);
        let want = ref_chainage(line);
        let r = &reference()[line];
        assert_eq!(b.parts()[0].0.len() as u64, r["vertices"].as_u64().unwrap());
        assert_eq!(b.part_chainage(0).len(), want.len(), "{line}");
        for (i, (got, want)) in b.part_chainage(0).iter().zip(&want).enumerate() {
            assert_near(&format!("{line} chainage at vertex {i}"), *got, *want, MM);
        }
        let first = Coord {
            x: num(&r["first"][0]),
            y: num(&r["first"][1]),
        };
        assert_eq!(b.start(), first, "{line}: the line starts at the north end");
    }
}

#[test]
fn point_at_a_vertex_chainage_is_the_vertex() {
    let b = border_of("ne10m");
    for (i, (v, m)) in ne_vertices().iter().zip(ref_chainage("ne10m")).enumerate() {
        let p = b.point_at(m);
        let d = dist(p, Coord { x: v[0], y: v[1] });
        assert!(d < MM, "vertex {i}: point_at is {d} m from the vertex");
    }
}

/// A point between two vertices lies on their geodesic: it equals a Direct computation from
/// the vertex along the segment's initial azimuth.
#[test]
fn point_at_lies_on_the_geodesic_between_vertices() {
    let b = border_of("ne10m");
    let vs = ne_vertices();
    let ch = ref_chainage("ne10m");
    for i in 0..vs.len() - 1 {
        let a = Point::new(vs[i][0], vs[i][1]);
        let z = Point::new(vs[i + 1][0], vs[i + 1][1]);
        let azimuth = Geodesic.bearing(a, z);
        for frac in [0.1, 0.5, 0.9] {
            let s = (ch[i + 1] - ch[i]) * frac;
            let want = Geodesic.destination(a, azimuth, s).0;
            let got = b.point_at(ch[i] + s);
            let d = dist(got, want);
            assert!(d < MM, "segment {i} at {frac}: {d} m off the geodesic");
        }
    }
}

/// The reference's crossing and snapped points are GeographicLib positions on the segments:
/// `point_at` of their along-line distance must land on them.
#[test]
fn point_at_reference_positions_lands_on_reference_coordinates() {
    for line in ["ne10m", "osm"] {
        let b = border_of(line);
        let r = &reference()[line];
        let mut n = 0;
        for c in r["tanf_crossings"].as_array().unwrap() {
            let d = dist(b.point_at(num(&c["along_m"])), ref_coord(c));
            assert!(d < MM, "{line} crossing: {d} m from the reference point");
            n += 1;
        }
        for (name, p) in r["places"].as_object().unwrap() {
            let d = dist(b.point_at(num(&p["along_m"])), ref_coord(p));
            assert!(d < MM, "{line} {name}: {d} m from the reference point");
            n += 1;
        }
        assert!(n > 10, "{line}: the reference has crossings and places");
    }
}

#[test]
fn tanf_circle_crosses_the_line_where_the_reference_says() {
    let (centre, radius) = tanf();
    for line in ["ne10m", "osm"] {
        let b = border_of(line);
        let got = b.circle_crossings(centre, radius);
        let want = reference()[line]["tanf_crossings"].as_array().unwrap();
        assert_eq!(got.len(), want.len(), "{line}: crossings {got:?}");
        for (g, w) in got.iter().zip(want) {
            assert_near(
                &format!("{line} crossing along"),
                *g,
                num(&w["along_m"]),
                MM,
            );
            let d = dist(b.point_at(*g), ref_coord(w));
            assert!(d < MM, "{line}: crossing point {d} m from the reference");
            assert!(
                (dist(b.point_at(*g), centre) - radius).abs() < MM,
                "{line}: the crossing is on the circle"
            );
        }
        // The south end is inside the circle, the north end outside.
        let ends = &reference()[line]["tanf_to_ends_m"];
        assert_near(
            &format!("{line} al-Tanf to south end"),
            dist(centre, b.end()),
            num(&ends["south"]),
            MM,
        );
        assert!(b.within_circle(b.length_m(), centre, radius));
        assert!(!b.within_circle(0.0, centre, radius));
    }
}

#[test]
fn places_snap_where_the_reference_says() {
    for line in ["ne10m", "osm"] {
        let b = border_of(line);
        let places = dataset(None).places;
        let want = reference()[line]["places"].as_object().unwrap();
        assert_eq!(places.len(), want.len(), "every place has a reference snap");
        for p in &places {
            let w = &want[&p.name];
            let s = b.snap(p.at);
            assert_near(
                &format!("{line} {} snap distance", p.name),
                s.distance_m,
                num(&w["dist_m"]),
                MM,
            );
            assert_near(
                &format!("{line} {} along", p.name),
                s.along_m,
                num(&w["along_m"]),
                SNAP_ALONG,
            );
            let d = dist(s.point, ref_coord(w));
            assert!(d < SNAP_ALONG, "{line} {}: snapped point {d} m off", p.name);
        }
    }
}

/// The dataset's rivers file is the context's river features, copied: the two cannot drift.
#[test]
fn the_rivers_file_is_the_contexts_rivers() {
    let ctx = json_file("assets/data/context-10m.geojson");
    let rivers = json_file("assets/data/rivers-50m.geojson");
    let from_ctx: Vec<&Value> = ctx["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"]["layer"] == "river")
        .collect();
    let copied: Vec<&Value> = rivers["features"].as_array().unwrap().iter().collect();
    assert_eq!(from_ctx.len(), 8);
    assert_eq!(copied, from_ctx);
}
