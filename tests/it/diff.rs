//! The border over time: `diff` (what changed between two dates: JSON, CSV, table, the map's
//! `path.change` figures to the millimetre, `-e` checks) and `timeline` (rows that add up at
//! every date, CSV/JSON, the chart, the page), each checked against `measure` at the dates,
//! and their bad-input errors.

use serde_json::Value;

use super::cmd::{run, stdout_of};
use super::{class_has, dataset, date};

const FROM: &str = "2024-05-12";
const TO: &str = "2026-11-30";

fn diff_json(from: &str, to: &str) -> Value {
    serde_json::from_str(&stdout_of(&[
        "diff", "--from", from, "--to", to, "-f", "json",
    ]))
    .unwrap()
}

/// The value of `layer` at `m` metres in `measure --format json` output.
fn value_at(measure: &Value, layer: &str, m: f64) -> Option<String> {
    measure["segments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["from_m"].as_f64().unwrap() <= m && m <= s["to_m"].as_f64().unwrap())
        .and_then(|s| s["values"][layer].as_str().map(str::to_string))
}

#[test]
fn changes_are_what_measure_gives_on_each_date() {
    let d = diff_json(FROM, TO);
    let before: Value =
        serde_json::from_str(&stdout_of(&["measure", "--as-of", FROM, "-f", "json"])).unwrap();
    let after: Value =
        serde_json::from_str(&stdout_of(&["measure", "--as-of", TO, "-f", "json"])).unwrap();
    let changes = d["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    for c in changes {
        let (a, b) = (c["from_m"].as_f64().unwrap(), c["to_m"].as_f64().unwrap());
        assert!(b > a, "{c}");
        assert!(
            (c["length_m"].as_f64().unwrap() - (b - a)).abs() < 0.002,
            "{c}"
        );
        let layer = c["layer"].as_str().unwrap();
        // Inside the stretch (a millimetre in from each end), each date has the value given.
        for m in [a + 0.001, (a + b) / 2.0, b - 0.001] {
            assert_eq!(
                value_at(&before, layer, m).as_deref(),
                c["before"].as_str(),
                "before at {m}: {c}"
            );
            assert_eq!(
                value_at(&after, layer, m).as_deref(),
                c["after"].as_str(),
                "after at {m}: {c}"
            );
        }
        assert_ne!(c["before"], c["after"]);
    }
    // Totals: per layer the changes add up, and so do the pairs.
    for (layer, t) in d["totals"].as_object().unwrap() {
        let sum: f64 = changes
            .iter()
            .filter(|c| c["layer"] == layer.as_str())
            .map(|c| c["length_m"].as_f64().unwrap())
            .sum();
        assert!(
            (sum - t["changed_m"].as_f64().unwrap()).abs() < 0.01,
            "{layer}"
        );
        let pairs: f64 = t["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["length_m"].as_f64().unwrap())
            .sum();
        assert!((pairs - sum).abs() < 0.01, "{layer}");
    }
}

#[test]
fn the_al_tanf_stretch_went_from_the_zone_to_damascus() {
    let d = diff_json(FROM, TO);
    let tanf = d["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["layer"] == "authority"
                && c["before"]
                    .as_str()
                    .is_some_and(|b| b.starts_with("al-Tanf zone"))
        })
        .unwrap_or_else(|| panic!("no al-Tanf change in {d}"));
    assert_eq!(tanf["after"], "Damascus government");
    // The zone's stretch at the seed date, as measure gives it.
    let m = super::measured(Some(FROM));
    let zone = m
        .segments
        .iter()
        .filter(|s| {
            s.value("authority")
                .is_some_and(|v| v.starts_with("al-Tanf"))
        })
        .map(|s| s.length_m)
        .sum::<f64>();
    assert!((tanf["length_m"].as_f64().unwrap() - zone).abs() < 0.002);
    assert!(
        tanf["sources_after"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_str().unwrap().contains("2026")),
        "a 2026 source on the handover: {tanf}"
    );
}

#[test]
fn the_diff_map_carries_the_json_figures_to_the_millimetre() {
    let d = diff_json(FROM, TO);
    let svg = stdout_of(&[
        "diff", "--from", FROM, "--to", TO, "--format", "svg", "-o", "-",
    ]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let paths: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && class_has(n, "change"))
        .collect();
    let changes = d["changes"].as_array().unwrap();
    assert_eq!(paths.len(), changes.len());
    for c in changes {
        let mm = |k: &str| format!("{:.3}", c[k].as_f64().unwrap());
        let found = paths.iter().any(|p| {
            p.attribute("data-layer") == c["layer"].as_str()
                && p.attribute("data-before") == Some(c["before"].as_str().unwrap_or(""))
                && p.attribute("data-after") == Some(c["after"].as_str().unwrap_or(""))
                && p.attribute("data-from-m") == Some(mm("from_m").as_str())
                && p.attribute("data-to-m") == Some(mm("to_m").as_str())
                && p.attribute("data-length-m") == Some(mm("length_m").as_str())
        });
        assert!(found, "no path.change for {c}");
    }
    // The map says what it compares, and labels a change "before › after".
    let en = bordermap::i18n::Locale::english().unwrap();
    let (from, to) = (en.date(&date(FROM)), en.date(&date(TO)));
    assert!(
        from.contains("2024") && !from.contains('-'),
        "a CLDR date: {from}"
    );
    assert!(svg.contains(&format!("what changed from {from} to {to}")));
    assert!(svg.contains(&format!(" {} ", bordermap::layout::CHANGE_MARK)));
}

#[test]
fn csv_and_table_list_the_same_changes() {
    let d = diff_json(FROM, TO);
    let n = d["changes"].as_array().unwrap().len();
    let csv = stdout_of(&["diff", "--from", FROM, "--to", TO, "-f", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("layer,from_m,to_m,length_m,before,after,sources_before,sources_after")
    );
    assert_eq!(lines.count(), n);
    let table = stdout_of(&["diff", "--from", FROM, "--to", TO]);
    assert!(table.contains(&format!("what changed from {FROM} to {TO}")));
    assert!(table.contains("al-Tanf zone"));
}

#[test]
fn diff_checks_changed_lengths_with_check_exit_codes() {
    let (code, _, stderr) = run(&[
        "diff",
        "--from",
        FROM,
        "--to",
        TO,
        "-f",
        "json",
        "-e",
        "authority>=46km",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(&["diff", "--from", FROM, "--to", TO, "-e", "total=0km"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("FAIL total=0km"), "{stderr}");
    let (code, _, stderr) = run(&["diff", "--from", FROM, "--to", TO, "-e", "nosuchlayer>1km"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("not a layer") && stderr.contains("authority"),
        "{stderr}"
    );
}

#[test]
fn diff_refuses_bad_dates_and_names() {
    for (args, says) in [
        (vec!["diff", "--from", TO, "--to", FROM], "is not before"),
        (
            vec!["diff", "--from", "1999-01-01", "--to", FROM],
            "no claim is in force on 1999-01-01",
        ),
        (vec!["diff", "--from", "2024-13-01", "--to", TO], "--from"),
        (
            vec!["diff", "--from", FROM, "--to", TO, "--as-of", FROM],
            "takes no --as-of",
        ),
        (
            vec!["diff", "--from", FROM, "--to", TO, "-o", "changes.jpg"],
            "jpg",
        ),
    ] {
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}");
        assert!(
            stderr.contains(says),
            "{args:?} should say {says:?}: {stderr}"
        );
        assert!(stderr.contains("hint:"), "{args:?}: {stderr}");
    }
}

#[test]
fn timeline_rows_add_up_at_every_date() {
    let ds = dataset(None);
    let t = ds.timeline().unwrap();
    assert!(t.dates.windows(2).all(|w| w[0] < w[1]), "dates in order");
    // A claim dated by the year alone starts on its first day.
    assert!(t.dates.contains(&date("2022-01-01")));
    for d in &t.dates {
        for layer in ["authority", "wall"] {
            let sum: f64 = t
                .rows
                .iter()
                .filter(|r| r.date == *d && r.layer == layer)
                .map(|r| r.length_m)
                .sum();
            assert!((sum - t.total_m).abs() < 0.001, "{d} {layer}: {sum}");
        }
        // Each date's rows are what measure gives on it.
        let m = ds.measure(Some(*d)).unwrap();
        for r in t.rows.iter().filter(|r| r.date == *d && r.value.is_some()) {
            let v = r.value.as_deref().unwrap();
            assert!(
                (m.total_of(&r.layer, v) - r.length_m).abs() < 1e-6,
                "{d} {v}"
            );
        }
    }
    let csv = stdout_of(&["timeline", "-f", "csv"]);
    assert_eq!(csv.lines().next(), Some("date,layer,value,length_m,share"));
    assert_eq!(csv.lines().count(), t.rows.len() + 1);
    let json: Value = serde_json::from_str(&stdout_of(&["timeline", "-f", "json"])).unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), t.rows.len());
    assert_eq!(json["dates"].as_array().unwrap().len(), t.dates.len());
}

#[test]
fn the_timeline_chart_and_page_are_self_contained() {
    let svg = stdout_of(&["timeline", "--format", "svg", "-o", "-"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let steps = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && class_has(n, "step"))
        .count();
    assert!(steps > 10, "{steps} steps");
    assert!(!svg.contains("<script"));
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("timeline.html");
    let (code, _, stderr) = run(&["timeline", "-o", page.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(&page).unwrap();
    let t = dataset(None).timeline().unwrap();
    assert_eq!(
        html.matches("<figure class=\"bm-t-map\"").count(),
        t.dates.len()
    );
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the slider's script"
    );
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "no external resources"
    );
    assert!(html.contains("type=\"range\""));
}
