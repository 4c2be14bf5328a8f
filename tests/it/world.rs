//! The embedded world basemap: any border, given as a file or as `--between A,B`, is drawn
//! with its neighbours named, towns, rivers and an inset (the SVG contract: `country`,
//! `country-label`, `place-label`, `inset-country`); `--between` gives the line and length
//! `extract --between` gives on the same Natural Earth 1:10m data; bad country names and pairs
//! are exit 2 with a hint.

use serde_json::Value;

use super::cmd::{arg, run, run_in, stdout_in, stdout_of};
use super::*;

/// What a user checks on a map: the classes the SVG contract names, counted, and the country
/// labels' texts.
struct Drawn {
    countries: usize,
    country_labels: Vec<String>,
    place_labels: usize,
    inset_countries: usize,
    /// The `<desc>`: the footer in full.
    footer: String,
}

fn drawn(svg: &str) -> Drawn {
    let doc = roxmltree::Document::parse(svg).expect("the map is well-formed XML");
    let count = |class: &str| {
        doc.descendants()
            .filter(|n| n.is_element() && class_has(n, class))
            .count()
    };
    let text_of = |n: roxmltree::Node<'_, '_>| -> String {
        n.descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect()
    };
    Drawn {
        countries: count("country"),
        country_labels: doc
            .descendants()
            .filter(|n| n.is_element() && n.has_tag_name("text") && class_has(n, "country-label"))
            .map(text_of)
            .collect(),
        place_labels: doc
            .descendants()
            .filter(|n| n.is_element() && n.has_tag_name("text") && class_has(n, "place-label"))
            .count(),
        inset_countries: count("inset-country"),
        // The description carries the footer in full, whatever the page shows.
        footer: doc
            .descendants()
            .filter(|n| n.is_element() && n.has_tag_name("desc"))
            .map(text_of)
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// A full map: both countries of the border named (upper case, as the map sets them), at
/// least five towns, an inset, and the basemap's sources in the footer.
#[track_caller]
fn assert_full_map(what: &str, svg: &str, names: [&str; 2]) {
    let d = drawn(svg);
    assert!(d.countries >= 2, "{what}: {} country areas", d.countries);
    for name in names {
        let upper = name.to_uppercase();
        assert!(
            d.country_labels
                .iter()
                .any(|l| l.split_whitespace().collect::<String>() == upper.replace(' ', "")),
            "{what}: no country label {upper}: {:?}",
            d.country_labels
        );
    }
    assert!(d.place_labels >= 5, "{what}: {} towns", d.place_labels);
    assert!(
        d.inset_countries >= 2,
        "{what}: {} inset areas",
        d.inset_countries
    );
    assert!(
        d.footer.contains("Natural Earth") && d.footer.contains("GeoNames (CC BY 4.0)"),
        "{what}: footer without the basemap's sources: {}",
        d.footer
    );
}

/// Four Natural Earth borders of different shape (east–west, diagonal to the coast,
/// north–south along rivers, a long desert-to-gulf line), written as plain GeoJSON files by
/// `extract`, render with the world basemap.
#[test]
fn border_files_get_the_world_basemap() {
    let dir = tempfile::tempdir().unwrap();
    for (pair, names) in [
        ("Syria,Turkey", ["Syria", "Turkey"]),
        ("Kenya,Tanzania", ["Kenya", "Tanzania"]),
        ("India,Nepal", ["India", "Nepal"]),
        ("Vietnam,Laos", ["Vietnam", "Laos"]),
    ] {
        let file = dir
            .path()
            .join(format!("{}.geojson", pair.replace(',', "-")));
        let (code, _, err) = run_in(
            dir.path(),
            &[
                "extract",
                "<builtin>/world/countries-10m.json",
                "--between",
                pair,
                "-o",
                arg(&file),
            ],
        );
        assert_eq!(code, 0, "{pair}: {err}");
        let svg = stdout_in(dir.path(), &["render", arg(&file), "-o", "-"]);
        let svg = String::from_utf8(svg).unwrap();
        assert_full_map(pair, &svg, names);
        // The map names the file, never the directory it lies in.
        let dir_text = dir.path().to_str().unwrap();
        assert!(!svg.contains(dir_text), "{pair}: the map shows {dir_text}");
    }
}

/// `--between` on three pairs on three continents: the full map in one command.
#[test]
fn between_draws_a_full_map_on_three_continents() {
    for (pair, names) in [
        ("Kenya,Tanzania", ["Kenya", "Tanzania"]),
        ("Spain,Portugal", ["Spain", "Portugal"]),
        (
            "United States of America,Mexico",
            ["United States of America", "Mexico"],
        ),
    ] {
        let (code, svg, err) = run(&["render", "--between", pair, "-o", "-"]);
        assert_eq!(code, 0, "{pair}: {err}");
        assert_full_map(pair, &svg, names);
        assert!(
            svg.contains("Border: Natural Earth 1:10m (public domain), via world-atlas 2.0.2"),
            "{pair}: the border's source is not credited"
        );
    }
}

fn total_m(args: &[&str]) -> f64 {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    num(&v["total_m"])
}

/// `--between Iraq,Jordan` is the line `extract --between` takes from world-atlas
/// `countries-10m.json` (the embedded copy is that file, byte for byte): same vertices, same
/// geodesic length; ISO codes and ids name the same countries.
#[test]
fn between_is_the_extracted_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("iraq-jordan.geojson");
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "extract",
            "<builtin>/world/countries-10m.json",
            "--between",
            "Iraq,Jordan",
            "-o",
            arg(&file),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let from_file = total_m(&["measure", arg(&file), "-f", "json"]);
    let between = total_m(&["measure", "--between", "Iraq,Jordan", "-f", "json"]);
    assert_eq!(from_file, between, "the same line measures the same");
    // An independent sum of the file's geodesics (Karney, via geo).
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let coords: Vec<geo::Coord<f64>> = doc["features"][0]["geometry"]["coordinates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| geo::Coord {
            x: num(&p[0]),
            y: num(&p[1]),
        })
        .collect();
    let sum: f64 = coords.windows(2).map(|w| dist(w[0], w[1])).sum();
    assert_near("Iraq–Jordan 1:10m", between, sum, 0.001); // JSON: mm
    assert!((170_000.0..190_000.0).contains(&between), "{between} m");
    for codes in ["IQ,JO", "IRQ,JOR", "368,400", "irak,jordan"] {
        let m = total_m(&["measure", "--between", codes, "-f", "json"]);
        assert_eq!(m, between, "--between {codes}");
    }
}

/// Unknown names, pairs with no shared border, and a border file given with `--between` are
/// exit 2 with a hint; an unknown name's hint lists the closest names.
#[test]
fn between_bad_input() {
    let (code, _, err) = run(&["render", "--between", "Narnia,Syria", "-o", "x.svg"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no country matches 'Narnia'"), "{err}");
    assert!(err.contains("closest names:"), "{err}");
    let (code, _, err) = run(&["measure", "--between", "Jordon,Syria"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("closest names: Jordan"), "{err}");
    let (code, _, err) = run(&["check", "--between", "Iraq,Chile", "-e", "total>0km"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("Iraq") && err.contains("Chile") && err.contains("share no border"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "render",
        "x.geojson",
        "--between",
        "Iraq,Syria",
        "-o",
        "x.svg",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot be used with"), "{err}");
    let (code, _, err) = run(&["measure", "--between", "Iraq"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("two countries"), "{err}");
}

/// A border in several pieces is measured and drawn whole, with no warning (`parts` tests
/// the figures).
#[test]
fn between_pieces_are_measured_whole() {
    let (code, out, err) = run(&["measure", "--between", "France,Spain"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("pieces"), "{err}");
    assert!(
        out.lines()
            .filter(|l| l.trim_start().starts_with('3'))
            .count()
            >= 1,
        "{out}"
    );
}

/// The embedded default map keeps its regional context (no towns from the world basemap),
/// and a layers file applies to a `--between` line as to a file: its intervals cut it.
#[test]
fn default_map_and_layers_on_between() {
    let svg = stdout_of(&["render", "-o", "-"]);
    assert!(
        !svg.contains("Towns: GeoNames") && !svg.contains("Rivers and lakes: Natural Earth"),
        "the default map keeps its regional context"
    );
    let (dir, layers) = temp_file(
        "jordan.toml",
        r#"[dataset]
title = "Iraq–Jordan"
as_of = 2024-05-12

[[layer]]
id = "authority"
title = "Controlled by"

[[layer.interval]]
value = "North"
from = "start"
to = { km = 50 }
as_of = 2024-01-01
source = "Test source, 2024-01-01"
"#,
    );
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "measure",
            "--between",
            "Iraq,Jordan",
            "--layers",
            arg(&layers),
            "-f",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let north: f64 = v["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["values"]["authority"] == "North")
        .map(|s| num(&s["length_m"]))
        .sum();
    assert_near("the first 50 km", north, 50_000.0, 0.001);
}
