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
