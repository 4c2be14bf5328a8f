//! Users' own files: pre-tagged GeoJSON without `as_of` or `source` (used as undated,
//! unsourced claims, below every dated claim, each warned about; `check -e unsourced=0`; the
//! map says "source not given"), no local path in any map, report or page, and attribution
//! from the data, never from a file's name.

use bordermap::{Dataset, LoadOptions, RenderOptions};
use geo::Coord;
use serde_json::{Value, json};

use super::cmd::{arg, run, run_in, stdout_in};
use super::*;

/// The three parts of the test line, west to east near 35° N (one feature each).
const PARTS: [[[f64; 2]; 2]; 3] = [
    [[40.0, 35.0], [40.5, 35.0]],
    [[40.5, 35.0], [41.0, 35.0]],
    [[41.0, 35.0], [41.5, 35.2]],
];

/// The geodesic length of part `i` (a single geodesic: two positions).
fn part_m(i: usize) -> f64 {
    let [a, b] = PARTS[i];
    dist(Coord { x: a[0], y: a[1] }, Coord { x: b[0], y: b[1] })
}

/// A border file whose features carry layer values: feature 0 `authority` = A with neither
/// `as_of` nor `source`; feature 1 `authority` = B and `wall` = built with a source but no
/// `as_of`; feature 2 `authority` = A, dated and sourced. `extra` is merged into the
/// collection (e.g. a legacy `crs`).
fn tagged(extra: Value) -> String {
    let props = [
        json!({"authority": "A"}),
        json!({"authority": "B", "wall": "built", "source": "Survey S, 2023"}),
        json!({"authority": "A", "as_of": "2024-01-01", "source": "Report T, 2024-01-01"}),
    ];
    let mut doc = json!({
        "type": "FeatureCollection",
        "features": PARTS.iter().zip(props).map(|(p, props)| json!({
            "type": "Feature",
            "properties": props,
            "geometry": {"type": "LineString", "coordinates": p},
        })).collect::<Vec<_>>(),
    });
    if let (Some(d), Some(e)) = (doc.as_object_mut(), extra.as_object()) {
        d.extend(e.clone());
    }
    doc.to_string()
}

/// `totals[layer][value].length_m` of a measure JSON document (0 when absent).
fn total(j: &Value, layer: &str, value: &str) -> f64 {
    j["totals"][layer][value]["length_m"]
        .as_f64()
        .unwrap_or(0.0)
}

#[test]
fn tagged_features_without_dates_are_used_and_each_is_warned_about() {
    let (dir, file) = temp_file("tagged.geojson", &tagged(json!({})));
    for as_of in [None, Some("2020-01-01"), Some("2025-06-30")] {
        let mut args = vec!["measure", arg(&file), "-f", "json"];
        if let Some(d) = as_of {
            args.extend(["--as-of", d]);
        }
        let (code, stdout, stderr) = run_in(dir.path(), &args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let j: Value = serde_json::from_str(&stdout).unwrap();
        // The undated features hold at every date; the dated one from 2024-01-01.
        let dated_a = if as_of == Some("2020-01-01") {
            0.0
        } else {
            part_m(2)
        };
        assert_near(
            "authority A",
            total(&j, "authority", "A"),
            part_m(0) + dated_a,
            MM,
        );
        assert_near("authority B", total(&j, "authority", "B"), part_m(1), MM);
        assert_near("wall built", total(&j, "wall", "built"), part_m(1), MM);
        // No source is invented for a claim without one.
        let segs = j["segments"].as_array().unwrap();
        let first = segs.first().unwrap();
        assert_eq!(first["values"]["authority"], "A");
        assert_eq!(first["sources"], json!([]), "{first}");
        assert!(
            segs.iter()
                .any(|s| s["sources"] == json!(["Survey S, 2023"])),
            "{stdout}"
        );
        // One warning per feature without `as_of` or `source`, naming it and what is missing.
        let w0 = "bordermap: warning: tagged.geojson, feature 0: layer values (authority=A) with no \"as_of\" and no \"source\"";
        let w1 = "bordermap: warning: tagged.geojson, feature 1: layer values (authority=B, wall=built) with no \"as_of\":";
        let lines: Vec<&str> = stderr.lines().collect();
        let l0 = lines.iter().find(|l| l.starts_with(w0));
        assert!(
            l0.is_some_and(|l| l.contains(
                "add \"as_of\": \"YYYY-MM-DD\" and \"source\": \"...\" to the feature's properties"
            )),
            "{stderr}"
        );
        let l1 = lines.iter().find(|l| l.starts_with(w1));
        assert!(
            l1.is_some_and(|l| l.contains("add \"as_of\": \"YYYY-MM-DD\" to")),
            "{stderr}"
        );
        assert!(!stderr.contains("feature 2"), "{stderr}");
        // The measured warnings carry them too (the JSON's), by file name only.
        let features: Vec<&str> = j["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .filter(|w| w.starts_with("tagged.geojson, feature "))
            .collect();
        assert_eq!(features.len(), 2, "{features:?}");
    }
}

#[test]
fn a_dated_layers_file_claim_overrides_an_undated_tag_on_the_same_stretch() {
    let (dir, _file) = temp_file("tagged.geojson", &tagged(json!({})));
    let layers = dir.path().join("users.toml");
    std::fs::write(
        &layers,
        r#"[dataset]
title = "Users' file"
border = "tagged.geojson"
as_of = 2024-05-12

[[layer]]
id = "authority"
title = "Controlled by"

[[layer.interval]]
value = "C"
from = "start"
to = { km = 20 }
as_of = 2024-02-01
source = "Dated source, 2024-02-01"

[[layer.interval]]
value = "E"
from = { km = 30 }
to = { km = 40 }
priority = -1
as_of = 2023-01-01
source = "Low-priority source, 2023"
"#,
    )
    .unwrap();
    let measure = |as_of: Option<&str>| -> Value {
        let mut args = vec!["measure", "--layers", arg(&layers), "-f", "json"];
        if let Some(d) = as_of {
            args.extend(["--as-of", d]);
        }
        serde_json::from_str(&String::from_utf8(stdout_in(dir.path(), &args)).unwrap()).unwrap()
    };
    // In force: the dated claims win their stretches over the undated tag, even one of a
    // lower priority than the tag's (0).
    let j = measure(None);
    assert_near("C", total(&j, "authority", "C"), 20_000.0, MM);
    assert_near("E", total(&j, "authority", "E"), 10_000.0, MM);
    assert_near(
        "A",
        total(&j, "authority", "A"),
        part_m(0) - 30_000.0 + part_m(2),
        MM,
    );
    assert!(
        j["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n == "authority: the undated claim 'A' is superseded in part by a dated claim"),
        "{j}"
    );
    assert!(
        j["issues"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["kind"] != "overlap"),
        "no overlap: {j}"
    );
    // Before the dated claims, the undated tag holds there.
    let j = measure(Some("2022-06-01"));
    assert_eq!(total(&j, "authority", "C"), 0.0);
    assert_eq!(total(&j, "authority", "E"), 0.0);
    assert_near("A", total(&j, "authority", "A"), part_m(0), MM);
}

#[test]
fn check_unsourced_fails_on_unsourced_claims_and_passes_on_the_default_dataset() {
    let (dir, file) = temp_file("tagged.geojson", &tagged(json!({})));
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &["check", arg(&file), "-e", "unsourced=0", "-f", "json"],
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    let j: Value = serde_json::from_str(&stdout).unwrap();
    // Feature 0's one layer value is the one claim without a source.
    assert_eq!(j["results"][0]["subject"], "unsourced", "{j}");
    assert_eq!(j["results"][0]["measured"], 1, "{j}");
    assert_eq!(j["results"][0]["pass"], false, "{j}");
    let (code, _, stderr) = run_in(dir.path(), &["check", arg(&file), "-e", "unsourced=1"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = run(&["check", "-e", "unsourced=0"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("ok   unsourced=0 (measured 0)"), "{stdout}");
    // The library's count.
    let ds = Dataset::load(&LoadOptions {
        border: Some(arg(&file).to_string()),
        ..LoadOptions::default()
    })
    .unwrap();
    assert_eq!(ds.measure(None).unwrap().unsourced, 1);
    assert_eq!(measured(None).unsourced, 0);
}

/// The text of the SVG's footer lines, joined by spaces.
fn footer_of(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text") && class_has(n, "footer"))
        .map(|n| n.descendants().filter_map(|t| t.text()).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_map_footer_says_source_not_given_and_names_the_file_only() {
    let (dir, file) = temp_file("tagged.geojson", &tagged(json!({})));
    let svg = String::from_utf8(stdout_in(dir.path(), &["render", arg(&file), "-o", "-"])).unwrap();
    let footer = footer_of(&svg);
    assert!(footer.contains("source not given"), "{footer}");
    assert!(footer.contains("Survey S, 2023"), "{footer}");
    assert!(footer.contains("Border: tagged.geojson"), "{footer}");
    // A fully sourced file says nothing of the kind.
    let sourced = tagged(json!({})).replace(
        r#"{"authority":"A"}"#,
        r#"{"authority":"A","as_of":"2023","source":"Old report"}"#,
    );
    let (dir2, file2) = temp_file("sourced.geojson", &sourced);
    let svg =
        String::from_utf8(stdout_in(dir2.path(), &["render", arg(&file2), "-o", "-"])).unwrap();
    let footer = footer_of(&svg);
    assert!(footer.contains("Old report"), "{footer}");
    assert!(!footer.contains("source not given"), "{footer}");
}

#[test]
fn no_map_report_or_page_carries_the_path_of_its_files() {
    let (dir, border) = temp_file(
        "users-border.geojson",
        &tagged(
            json!({"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}}),
        ),
    );
    // Two claims of equal precedence overlap: the JSON names where they are written.
    let layers = dir.path().join("users.toml");
    std::fs::write(
        &layers,
        r#"[dataset]
title = "Users' file"
border = "users-border.geojson"
as_of = 2024-05-12

[[layer]]
id = "authority"
title = "Controlled by"

[[layer.interval]]
value = "C"
from = "start"
to = { km = 20 }
as_of = 2024-02-01
source = "Source one"

[[layer.interval]]
value = "D"
from = { km = 10 }
to = { km = 30 }
as_of = 2024-02-01
source = "Source two"
"#,
    )
    .unwrap();
    let dir_s = arg(dir.path()).to_string();
    let check = |what: &str, out: &str| {
        assert!(!out.is_empty(), "{what}: empty");
        assert!(!out.contains(&dir_s), "{what} carries {dir_s}:\n{out}");
    };
    let text = |args: &[&str]| String::from_utf8(stdout_in(dir.path(), args)).unwrap();
    for (what, input) in [
        ("border alone", vec![arg(&border)]),
        ("with layers", vec!["--layers", arg(&layers)]),
    ] {
        for f in ["json", "csv", "table", "geojson"] {
            let mut args = vec!["measure", "-f", f];
            args.extend(&input);
            check(&format!("measure -f {f} ({what})"), &text(&args));
        }
        let mut args = vec!["render", "-o", "-"];
        args.extend(&input);
        let svg = text(&args);
        check(&format!("map ({what})"), &svg);
        // The file's name may appear (the legacy crs warning names it).
        assert!(svg.contains("users-border.geojson"), "{svg}");
    }
    // The JSON's claims and warnings name the files without their directory.
    let j: Value =
        serde_json::from_str(&text(&["measure", "--layers", arg(&layers), "-f", "json"])).unwrap();
    let overlap = j["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "overlap")
        .expect("an overlap");
    assert_eq!(overlap["claims"], json!(["users.toml:10", "users.toml:17"]));
    assert!(
        j["warnings"].as_array().unwrap().iter().any(|w| w
            .as_str()
            .unwrap()
            .starts_with("users-border.geojson: the legacy \"crs\"")),
        "{j}"
    );
    // The timeline page and the HTML report.
    let page = dir.path().join("page.html");
    stdout_in(
        dir.path(),
        &["timeline", "--layers", arg(&layers), "-o", arg(&page)],
    );
    check("timeline page", &std::fs::read_to_string(&page).unwrap());
    let ds = Dataset::load(&LoadOptions {
        layers: Some(layers.clone()),
        ..LoadOptions::default()
    })
    .unwrap();
    let opts = RenderOptions::for_dataset(&ds).unwrap();
    let html =
        bordermap::html_report(&ds, &[date("2024-05-12"), date("2023-01-01")], &opts).unwrap();
    check("html report", &html);
    assert!(
        html.contains("users-border.geojson"),
        "the file name may appear"
    );
}

#[test]
fn a_file_named_osm_gets_no_openstreetmap_attribution() {
    let text = std::fs::read_to_string(repo("assets/data/iraq-syria-border-10m.geojson")).unwrap();
    let (dir, file) = temp_file("osm-whatever.geojson", &text);
    let ds = with_default_layers(&file);
    let embedded = dataset(None).attribution();
    assert_eq!(ds.attribution(), embedded);
    assert!(
        ds.attribution()
            .iter()
            .all(|a| !a.contains("OpenStreetMap"))
    );
    // Alone, it is credited by its name only.
    let svg = String::from_utf8(stdout_in(dir.path(), &["render", arg(&file), "-o", "-"])).unwrap();
    assert!(!svg.contains("OpenStreetMap"), "{svg}");
    assert!(footer_of(&svg).contains("Border: osm-whatever.geojson"));
    // The embedded OSM line is credited.
    let osm = dataset(Some("@iraq-syria-osm")).attribution();
    assert!(
        osm.first().is_some_and(|a| a.contains("OpenStreetMap")),
        "{osm:?}"
    );
}
