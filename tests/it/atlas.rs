//! `bordermap atlas`: every land border of a countries file, mapped and measured.

use std::path::{Path, PathBuf};

use super::cmd::{arg, run, run_in};
use super::*;

fn rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// Three unit squares: A and B side by side, C on top of both; D has no name and touches C.
fn squares(dir: &Path) -> PathBuf {
    let sq = |x0: f64, y0: f64, x1: f64, y1: f64| serde_json::json!({"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]});
    // C's bottom edge has vertices at x = 0, 1, 2 so it shares exact edges with A and B.
    let c = serde_json::json!({"type": "Polygon", "coordinates": [[[0.0, 1.0], [1.0, 1.0], [2.0, 1.0], [2.0, 2.0], [0.0, 2.0], [0.0, 1.0]]]});
    let fc = serde_json::json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Aland", "iso_a3": "AAA"}, "geometry": sq(0.0, 0.0, 1.0, 1.0)},
        {"type": "Feature", "properties": {"name": "Bland", "iso_a3": "BBB"}, "geometry": sq(1.0, 0.0, 2.0, 1.0)},
        {"type": "Feature", "properties": {"name": "Cland"}, "geometry": c},
        {"type": "Feature", "properties": {}, "geometry": sq(2.0, 1.0, 3.0, 2.0)},
    ]});
    let p = dir.join("squares.geojson");
    std::fs::write(&p, fc.to_string()).unwrap();
    p
}

#[test]
fn polygons_give_every_shared_border_with_its_geodesic_length() {
    let tmp = tempfile::tempdir().unwrap();
    let input = squares(tmp.path());
    let out = tmp.path().join("atlas");
    let (code, _, stderr) = run_in(tmp.path(), &["atlas", arg(&input), "-o", arg(&out)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("4 borders, 4 drawn"), "{stderr}");
    assert!(!stderr.contains("panicked"));
    let csv = std::fs::read_to_string(out.join("atlas.csv")).unwrap();
    assert!(csv.starts_with("pair,a,b,parts,vertices,length_m,file,problems\n"));
    let rows = rows(&csv);
    assert_eq!(rows.len(), 4, "{csv}");
    let len =
        |a: [f64; 2], b: [f64; 2]| dist(Coord { x: a[0], y: a[1] }, Coord { x: b[0], y: b[1] });
    let expect = [
        ("Aland", "Bland", len([1.0, 0.0], [1.0, 1.0])),
        ("Aland", "Cland", len([0.0, 1.0], [1.0, 1.0])),
        ("Bland", "Cland", len([1.0, 1.0], [2.0, 1.0])),
    ];
    for (a, b, m) in expect {
        let r = rows
            .iter()
            .find(|r| r[1] == a && r[2] == b)
            .unwrap_or_else(|| panic!("{a}-{b} in {csv}"));
        let got: f64 = r[5].parse().unwrap();
        assert!((got - m).abs() < 0.001, "{a}-{b}: {got} vs {m}");
        assert!(out.join(&r[6]).exists(), "{} written", r[6]);
    }
    // The country without a name or id is handled and reported, not fatal.
    let unnamed = rows
        .iter()
        .find(|r| r[1] == "Cland" && r[2].starts_with("feature"))
        .unwrap();
    assert!(unnamed[7].contains("has no id"), "{unnamed:?}");
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(html.matches("<figure>").count(), 4);
    // Every map is a well-formed SVG with its segment measured.
    for r in &rows {
        let svg = std::fs::read_to_string(out.join(&r[6])).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert!(doc.descendants().any(|n| n.has_attribute("data-length-m")));
    }
}

#[test]
fn topojson_neighbours_of_iraq_reproduce_the_iraq_syria_figure() {
    let tmp = tempfile::tempdir().unwrap();
    let mut topo = json_file("tests/data/countries-10m.json");
    let keep = ["368", "760", "792", "400"];
    let geoms = topo["objects"]["countries"]["geometries"]
        .as_array_mut()
        .unwrap();
    geoms.retain(|g| keep.contains(&g["id"].as_str().unwrap_or("")));
    // The `land` object (one merged geometry sharing every coastline arc) stays in: the atlas
    // must take the countries object, not report coasts as borders with "land".
    let input = tmp.path().join("four.json");
    std::fs::write(&input, topo.to_string()).unwrap();
    let out = tmp.path().join("atlas");
    let (code, _, stderr) = run_in(tmp.path(), &["atlas", arg(&input), "-o", arg(&out)]);
    assert_eq!(code, 0, "{stderr}");
    let csv = std::fs::read_to_string(out.join("atlas.csv")).unwrap();
    let rows = rows(&csv);
    // Iraq–Syria, Iraq–Turkey, Iraq–Jordan, Syria–Turkey, Syria–Jordan.
    assert_eq!(rows.len(), 5, "{csv}");
    let pair =
        |r: &&Vec<String>, a: &str, b: &str| (r[1] == a && r[2] == b) || (r[1] == b && r[2] == a);
    let r = rows
        .iter()
        .find(|r| pair(r, "Iraq (368)", "Syria (760)"))
        .unwrap_or_else(|| panic!("Iraq–Syria in {csv}"));
    assert_eq!(r[3], "1");
    assert_eq!(r[4], "62");
    let got: f64 = r[5].parse().unwrap();
    assert!((got - 599_285.645).abs() < 0.001, "{got}");
}

#[test]
fn a_missing_countries_file_is_one_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(&[
        "atlas",
        "no/such/file.json",
        "-o",
        arg(&tmp.path().join("x")),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("no/such/file.json") && stderr.contains("hint"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// Issue 21: "Foo!", "Foo?", "Foo." and "Foo" all slug to "foo"; each border with the hub
/// country must still get its own map file and its own link.
#[test]
fn names_that_differ_only_in_punctuation_get_one_file_each() {
    let tmp = tempfile::tempdir().unwrap();
    let sq = |x0: f64, y0: f64| {
        let (x1, y1) = (x0 + 1.0, y0 + 1.0);
        serde_json::json!({"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]})
    };
    let feature = |name: &str, x0: f64, y0: f64| serde_json::json!({"type": "Feature", "properties": {"name": name}, "geometry": sq(x0, y0)});
    let fc = serde_json::json!({"type": "FeatureCollection", "features": [
        feature("Hub", 1.0, 1.0),
        feature("Foo!", 0.0, 1.0),
        feature("Foo?", 2.0, 1.0),
        feature("Foo.", 1.0, 0.0),
        feature("Foo", 1.0, 2.0),
    ]});
    let input = tmp.path().join("foo.geojson");
    std::fs::write(&input, fc.to_string()).unwrap();
    let out = tmp.path().join("atlas");
    let (code, _, stderr) = run_in(tmp.path(), &["atlas", arg(&input), "-o", arg(&out)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("4 borders, 4 drawn"), "{stderr}");
    let csv = std::fs::read_to_string(out.join("atlas.csv")).unwrap();
    let files: std::collections::BTreeSet<String> =
        rows(&csv).iter().map(|r| r[6].clone()).collect();
    assert_eq!(files.len(), 4, "{csv}");
    let svgs = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "svg")
        })
        .count();
    assert_eq!(svgs, 4, "maps written");
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let links: std::collections::BTreeSet<&str> = html
        .split("<a href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(links.len(), 4, "{html}");
    for f in &files {
        assert!(links.contains(f.as_str()), "{f} linked in {html}");
        assert!(out.join(f).exists(), "{f} written");
    }
}
