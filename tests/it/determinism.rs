//! Deterministic output: the same inputs give the same bytes, run after run, and the order of
//! a border's parts in the file (which carries no meaning) changes no byte of any output.
//! (Debug against release: `.ci/run` compares the outputs of the two builds byte for byte.)
//! JUnit (`check -f junit`) is exempt: it carries the run's wall-clock times, as CI reporters
//! show them; `check`'s table and JSON are in the list.

use super::cmd::stdout_in;
use super::{json_file, repo};

const OUTPUTS: &[&[&str]] = &[
    &["render", "-o", "-"],
    &["render", "--format", "png", "-o", "-"],
    // The PDF (krilla): object numbers, dictionary order and the font subsets' tags the same
    // every run, also with Arabic text and on the A4 page.
    &["render", "--format", "pdf", "-o", "-"],
    &["render", "--format", "pdf", "--lang", "ar", "-o", "-"],
    &["render", "--format", "pdf", "--size", "a4", "-o", "-"],
    &["measure", "--format", "json"],
    &["measure", "--format", "csv"],
    &["measure", "--format", "geojson"],
    &["measure"],
    &[
        "check",
        "-f",
        "json",
        "-e",
        "total=599.3km",
        "-e",
        "SDF>=50%",
    ],
    &["check", "-e", "gaps=0", "-e", "wall:built<=400km"],
];

#[test]
fn every_output_is_the_same_bytes_every_run() {
    let tmp = tempfile::tempdir().unwrap();
    for args in OUTPUTS {
        let a = stdout_in(tmp.path(), args);
        let b = stdout_in(tmp.path(), args);
        assert!(!a.is_empty(), "{args:?} wrote nothing");
        assert!(a == b, "{args:?}: two runs differ");
    }
}

/// The embedded line, cut into parts written in a shuffled order, some reversed.
fn shuffled_parts() -> String {
    let v = json_file("assets/data/iraq-syria-border-10m.geojson");
    let coords = v["features"][0]["geometry"]["coordinates"]
        .as_array()
        .unwrap()
        .clone();
    let cuts = [0usize, 9, 25, 40, 61];
    let mut parts: Vec<Vec<serde_json::Value>> = cuts
        .windows(2)
        .map(|w| coords[w[0]..=w[1]].to_vec())
        .collect();
    // A minority of the length reversed: the joined line keeps the file's direction (the
    // direction most of its length runs in), so the default layers' "start" stays north.
    parts[0].reverse();
    let order = [2usize, 0, 3, 1];
    let features: Vec<serde_json::Value> = order
        .iter()
        .map(|&i| {
            serde_json::json!({"type": "Feature", "properties": {"name": "Iraq-Syria border"},
                "geometry": {"type": "LineString", "coordinates": parts[i]}})
        })
        .collect();
    serde_json::json!({"type": "FeatureCollection", "features": features}).to_string()
}

#[test]
fn the_order_of_a_borders_parts_changes_no_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let one = serde_json::json!({"type": "FeatureCollection", "features": [
        json_file("assets/data/iraq-syria-border-10m.geojson")["features"][0].clone()
    ]})
    .to_string();
    std::fs::copy(
        repo("assets/iraq-syria.toml"),
        tmp.path().join("iraq-syria.toml"),
    )
    .unwrap();
    // The layers file names its data files under `data/`, next to it.
    std::fs::create_dir(tmp.path().join("data")).unwrap();
    std::fs::copy(
        repo("assets/data/places.geojson"),
        tmp.path().join("data/places.geojson"),
    )
    .unwrap();
    // The river lines of { river = "Euphrates" } positions (the layers file's `rivers`).
    for rivers in ["context-10m.geojson", "rivers-50m.geojson"] {
        std::fs::copy(
            repo(&format!("assets/data/{rivers}")),
            tmp.path().join("data").join(rivers),
        )
        .unwrap();
    }
    let mut results = Vec::new();
    for text in [one, shuffled_parts()] {
        // The same file name both times: the file's name is printed on maps and reports.
        std::fs::write(tmp.path().join("data/iraq-syria-border-10m.geojson"), text).unwrap();
        let outs: Vec<Vec<u8>> = [
            vec!["measure", "--layers", "iraq-syria.toml", "--format", "json"],
            vec![
                "measure",
                "--layers",
                "iraq-syria.toml",
                "--format",
                "geojson",
            ],
            vec!["render", "--layers", "iraq-syria.toml", "-o", "-"],
        ]
        .iter()
        .map(|args| stdout_in(tmp.path(), args))
        .collect();
        results.push(outs);
    }
    for (i, (a, b)) in results[0].iter().zip(&results[1]).enumerate() {
        assert!(
            a == b,
            "output {i} differs between one line and shuffled parts"
        );
    }
}
