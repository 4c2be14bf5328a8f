//! Multi-part borders measured and drawn whole: every piece of `--between`, one chainage
//! running across the parts, one drawn path per part; one-part borders unchanged.

use serde_json::Value;

use super::cmd::{arg, run, stdout_of};
use super::temp_file;

/// Borders that Natural Earth 1:10m gives in several pieces.
const MULTI: &[(&str, usize)] = &[("France,Spain", 3), ("Armenia,Azerbaijan", 5)];

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

/// Each piece `extract` writes, measured on its own (`measure --per-feature`, one feature per
/// piece), in metres, in the order `extract` writes them.
fn pieces_measured_separately(pair: &str) -> Vec<f64> {
    let extracted = json(&[
        "extract",
        "--between",
        pair,
        "<builtin>/world/countries-10m.json",
    ]);
    let geometry = &extracted["features"][0]["geometry"];
    let lines: Vec<Value> = match geometry["type"].as_str() {
        Some("MultiLineString") => geometry["coordinates"].as_array().unwrap().clone(),
        _ => vec![geometry["coordinates"].clone()],
    };
    let features: Vec<Value> = lines
        .iter()
        .map(|l| {
            serde_json::json!({"type": "Feature", "properties": {},
                "geometry": {"type": "LineString", "coordinates": l}})
        })
        .collect();
    let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
    let (_dir, path) = temp_file("pieces.geojson", &fc.to_string());
    let per = json(&["measure", "--per-feature", "-f", "json", arg(&path)]);
    per["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert_eq!(f["parts"], 1, "one piece per feature: {f}");
            f["length_m"].as_f64().unwrap()
        })
        .collect()
}

/// The total of `measure --between` is the sum of every piece measured on its own (to 1 mm),
/// not the longest piece's length; each part's segments add up to its piece's length.
#[test]
fn the_total_is_the_sum_of_every_piece() {
    for (pair, n) in MULTI {
        let pieces = pieces_measured_separately(pair);
        assert_eq!(pieces.len(), *n, "{pair}: pieces in Natural Earth 1:10m");
        let m = json(&["measure", "--between", pair, "--format", "json"]);
        let total = m["total_m"].as_f64().unwrap();
        let sum: f64 = pieces.iter().sum();
        assert!(
            (total - sum).abs() < 1e-3,
            "{pair}: total {total} m, pieces add up to {sum} m"
        );
        let longest = pieces.iter().copied().fold(0.0, f64::max);
        assert!(
            total > longest + 1000.0,
            "{pair}: more than the longest piece"
        );
        // Per part, the segments' lengths: the same lengths as the pieces (in the parts' own
        // order), each to 1 mm.
        let mut per_part = vec![0.0; *n];
        for s in m["segments"].as_array().unwrap() {
            let k = s["part"].as_u64().unwrap() as usize;
            per_part[k] += s["length_m"].as_f64().unwrap();
        }
        let (mut a, mut b) = (per_part.clone(), pieces.clone());
        a.sort_by(f64::total_cmp);
        b.sort_by(f64::total_cmp);
        for (got, want) in a.iter().zip(&b) {
            assert!(
                (got - want).abs() < 1e-3,
                "{pair}: part {got} m vs piece {want} m"
            );
        }
    }
}

/// Chainage runs across the parts: each segment starts where the one before it ends (part 2
/// at the length of part 1, and so on), parts in order, from 0 to the total; no warning for
/// a normal multi-part border.
#[test]
fn chainage_is_continuous_across_the_parts() {
    for (pair, n) in MULTI {
        let (code, out, err) = run(&["measure", "--between", pair, "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        assert!(err.trim().is_empty(), "{pair}: no warning expected: {err}");
        let m: Value = serde_json::from_str(&out).unwrap();
        let segs = m["segments"].as_array().unwrap();
        assert_eq!(segs[0]["from_m"], 0.0);
        assert_eq!(segs.last().unwrap()["to_m"], m["total_m"]);
        let mut parts_seen = Vec::new();
        for w in segs.windows(2) {
            assert_eq!(
                w[0]["to_m"], w[1]["from_m"],
                "{pair}: {} then {}",
                w[0], w[1]
            );
        }
        for s in segs {
            let k = s["part"].as_u64().unwrap();
            if parts_seen.last() != Some(&k) {
                parts_seen.push(k);
            }
        }
        let want: Vec<u64> = (0..*n as u64).collect();
        assert_eq!(parts_seen, want, "{pair}: every part, in order");
        // The CSV and GeoJSON carry the part too.
        let csv = stdout_of(&["measure", "--between", pair, "--format", "csv"]);
        assert!(csv.lines().next().unwrap().ends_with(",part"), "{csv}");
        let gj = json(&["measure", "--between", pair, "--format", "geojson"]);
        let last = gj["features"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["properties"]["part"], (*n - 1) as u64);
    }
}

/// The map draws every part as a path of its own (no line across a gap), the legend totals
/// all of them, and the Nakhchivan border is on the map of Armenia–Azerbaijan.
#[test]
fn the_map_draws_one_path_per_part_and_totals_them() {
    for (pair, n) in MULTI {
        let svg = stdout_of(&["render", "--between", pair, "-o", "-"]);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let segments: Vec<_> = doc
            .descendants()
            .filter(|e| e.attribute("class") == Some("segment"))
            .collect();
        assert_eq!(segments.len(), *n, "{pair}: one path per part");
        for s in &segments {
            let d = s.attribute("d").unwrap();
            assert_eq!(d.matches(['M', 'm']).count(), 1, "{pair}: one run per path");
        }
        let m = json(&["measure", "--between", pair, "--format", "json"]);
        let km = format!("{:.1} km", m["total_m"].as_f64().unwrap() / 1000.0);
        let texts: Vec<&str> = doc.descendants().filter_map(|e| e.text()).collect();
        assert!(
            texts.iter().any(|t| t.contains(&km)),
            "{pair}: the legend gives the total of all parts, {km}"
        );
    }
    // The Nakhchivan border (208.0 km, issue 19) is one of the parts measured and drawn.
    let m = json(&[
        "measure",
        "--between",
        "Armenia,Azerbaijan",
        "--format",
        "json",
    ]);
    let nakhchivan = m["segments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| format!("{:.1}", s["length_m"].as_f64().unwrap() / 1000.0) == "208.0");
    assert!(nakhchivan, "{m}");
}

/// A one-part border carries no part anywhere: the default Iraq–Syria map and its reports
/// are unchanged (the render snapshot pins the SVG's bytes).
#[test]
fn a_one_part_border_carries_no_part() {
    let m = json(&["measure", "--format", "json"]);
    for s in m["segments"].as_array().unwrap() {
        assert!(s.get("part").is_none(), "{s}");
    }
    let csv = stdout_of(&["measure", "--format", "csv"]);
    assert!(!csv.lines().next().unwrap().contains("part"), "{csv}");
    let gj = json(&["measure", "--format", "geojson"]);
    for f in gj["features"].as_array().unwrap() {
        assert!(f["properties"].get("part").is_none(), "{f}");
    }
}
