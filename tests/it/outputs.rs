//! Outputs for other tools carry the figures the map shows: for every segment, the SVG's
//! `data-from-m`, `data-to-m`, `data-length-m` (and class values) agree to the millimetre with
//! `bordermap measure --format json`, and the CSV and GeoJSON outputs carry the same figures.
//! Run through the CLI, at two dates.

use serde_json::Value;

use super::class_has;
use super::cmd::stdout_of;

/// (from_m, to_m, length_m) as the JSON contract gives them, rounded to the millimetre.
type Figures = (f64, f64, f64);

fn close(a: f64, b: f64) -> bool {
    // Both sides are rounded to the millimetre; allow for the float parse only.
    (a - b).abs() < 0.000_5
}

#[test]
fn svg_csv_geojson_and_json_agree_to_the_millimetre() {
    for date in ["2024-05-12", "2025-10-16", "2026-11-30"] {
        let json: Value = serde_json::from_str(&stdout_of(&[
            "measure", "--as-of", date, "--format", "json",
        ]))
        .unwrap();
        let segs = json["segments"].as_array().unwrap();
        assert!(segs.len() >= 3);
        let want: Vec<Figures> = segs
            .iter()
            .map(|s| {
                (
                    s["from_m"].as_f64().unwrap(),
                    s["to_m"].as_f64().unwrap(),
                    s["length_m"].as_f64().unwrap(),
                )
            })
            .collect();

        // SVG data attributes.
        let svg = stdout_of(&["render", "--as-of", date, "-o", "-"]);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let paths: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("path") && class_has(n, "segment"))
            .collect();
        assert_eq!(paths.len(), segs.len(), "{date}: one SVG path per segment");
        for ((n, w), s) in paths.iter().zip(&want).zip(segs) {
            let f = |a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
            let got = (f("data-from-m"), f("data-to-m"), f("data-length-m"));
            assert!(
                close(got.0, w.0) && close(got.1, w.1) && close(got.2, w.2),
                "{date}: SVG {got:?} vs JSON {w:?}"
            );
            // A gap (no value: JSON null) is an empty attribute.
            for layer in ["authority", "wall"] {
                assert_eq!(
                    n.attribute(format!("data-{layer}").as_str())
                        .filter(|v| !v.is_empty()),
                    s["values"][layer].as_str(),
                    "{date}: {layer}"
                );
            }
        }

        // CSV: index,from_m,to_m,length_m,... (the numeric columns come first).
        let csv = stdout_of(&["measure", "--as-of", date, "--format", "csv"]);
        let rows: Vec<&str> = csv.lines().skip(1).collect();
        assert_eq!(rows.len(), segs.len());
        for (row, w) in rows.iter().zip(&want) {
            let c: Vec<f64> = row
                .splitn(5, ',')
                .take(4)
                .map(|x| x.parse().unwrap())
                .collect();
            assert!(
                close(c[1], w.0) && close(c[2], w.1) && close(c[3], w.2),
                "{date}: CSV {row} vs JSON {w:?}"
            );
        }

        // GeoJSON properties.
        let gj: Value = serde_json::from_str(&stdout_of(&[
            "measure", "--as-of", date, "--format", "geojson",
        ]))
        .unwrap();
        let feats = gj["features"].as_array().unwrap();
        assert_eq!(feats.len(), segs.len());
        for (f, w) in feats.iter().zip(&want) {
            let p = &f["properties"];
            let got = (
                p["from_m"].as_f64().unwrap(),
                p["to_m"].as_f64().unwrap(),
                p["length_m"].as_f64().unwrap(),
            );
            assert!(
                close(got.0, w.0) && close(got.1, w.1) && close(got.2, w.2),
                "{date}: GeoJSON {got:?} vs JSON {w:?}"
            );
        }

        // And the segments add up to the total the map's legend shows.
        let sum: f64 = want.iter().map(|w| w.2).sum();
        assert!((sum - json["total_m"].as_f64().unwrap()).abs() < 0.001 * segs.len() as f64);
    }
}
