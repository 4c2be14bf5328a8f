//! `extract`: the shared border of two countries from TopoJSON reproduces the shipped line.

use bordermap::load;
use bordermap::load::topojson::Topology;

use super::{ne_vertices, repo};

/// `tests/data/countries-10m.json`, parsed by the library.
fn countries() -> Topology {
    let path = repo("tests/data/countries-10m.json");
    let text = std::fs::read_to_string(&path).unwrap();
    load::topojson::parse(&text, &path).unwrap()
}

#[test]
fn topojson_ids_reproduce_the_shipped_iraq_syria_line_exactly() {
    let topo = countries();
    for (a, b) in [("368", "760"), ("Iraq", "Syria"), ("760", "368")] {
        let shared = bordermap::extract::from_topology(&topo, a, b).unwrap();
        assert_eq!(shared.pieces.len(), 1, "{a},{b}: one unbroken piece");
        let got: Vec<[f64; 2]> = shared.pieces[0].0.iter().map(|c| [c.x, c.y]).collect();
        assert_eq!(
            got,
            ne_vertices(),
            "{a},{b}: identical vertices, same order"
        );
        let border = bordermap::Border::new("x", shared.pieces[0].clone()).unwrap();
        assert!((border.length_m() - 599_285.645).abs() < 0.001);
    }
}

#[test]
fn unknown_and_non_neighbouring_countries_are_clear_errors() {
    let topo = countries();
    let e = bordermap::extract::from_topology(&topo, "Iraq", "Atlantis").unwrap_err();
    assert!(
        e.to_string().contains("no country matches 'Atlantis'"),
        "{e}"
    );
    let e = bordermap::extract::from_topology(&topo, "Iraq", "France").unwrap_err();
    assert!(e.to_string().contains("share no border"), "{e}");
}

/// Issue 21: an empty shared arc gave `"length_m": -0.0` and no word about it.
#[test]
fn an_empty_shared_border_measures_zero_not_negative_zero_and_says_so() {
    for file in ["one-point-arc.topojson", "zero-length-arc.topojson"] {
        let input = repo("tests/corpus/extract").join(file);
        let (code, stdout, stderr) =
            super::cmd::run(&["extract", "--between", "AAA,BBB", super::cmd::arg(&input)]);
        assert_eq!(code, 0, "{file}: {stderr}");
        assert!(!stdout.contains("-0.0"), "{file}: {stdout}");
        let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let len = &v["features"][0]["properties"]["length_m"];
        assert_eq!(len.to_string(), "0.0", "{file}");
        assert!(
            stderr.contains("bordermap: warning: ") && stderr.contains("it measures 0 m"),
            "{file}: {stderr}"
        );
    }
}
