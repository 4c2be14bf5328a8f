//! `resolution`: the same border at every embedded resolution reproduces the reference
//! lengths (NE 1:10m and OSM Iraq–Syria, to the mm), in order coarsest → finest, with
//! differences from the finest line; CSV, SVG and errors.

use serde_json::Value;

use super::MM;
use super::cmd::{run, stdout_of};

/// The rows of `bordermap resolution args... -f json`.
fn rows(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["resolution"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-f", "json"]);
    let v: Value = serde_json::from_str(&stdout_of(&all)).unwrap();
    v.as_array().unwrap().clone()
}

fn f(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} in {v}"))
}

#[test]
fn default_is_iraq_syria_at_four_resolutions_with_the_reference_lengths() {
    let rows = rows(&[]);
    let scales: Vec<&str> = rows.iter().map(|r| r["scale"].as_str().unwrap()).collect();
    assert_eq!(
        scales,
        ["1:110m", "1:50m", "1:10m", "OSM"],
        "coarsest → finest"
    );
    let sources: Vec<&str> = rows.iter().map(|r| r["source"].as_str().unwrap()).collect();
    assert_eq!(
        sources,
        [
            "Natural Earth",
            "Natural Earth",
            "Natural Earth",
            "OpenStreetMap"
        ]
    );
    for r in &rows {
        let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = [
            "source",
            "scale",
            "vertices",
            "length_m",
            "diff_m",
            "diff_share",
        ];
        want.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, want);
    }
    assert!(
        (f(&rows[2], "length_m") - 599_285.645).abs() < MM,
        "NE 1:10m"
    );
    assert!((f(&rows[3], "length_m") - 603_095.363).abs() < MM, "OSM");
    assert_eq!(rows[2]["vertices"], 62);
    assert_eq!(rows[3]["vertices"], 256);
    // The finest (OSM) is the reference of the differences; every other line is shorter.
    let finest = f(&rows[3], "length_m");
    assert_eq!(f(&rows[3], "diff_m"), 0.0);
    assert_eq!(f(&rows[3], "diff_share"), 0.0);
    for r in &rows[..3] {
        let d = f(r, "diff_m");
        assert!(d < 0.0, "{r}: shorter than the finest line");
        assert!((d - (f(r, "length_m") - finest)).abs() < 1e-6);
        assert!((f(r, "diff_share") - d / finest).abs() < 1e-12);
    }
    // More vertices at each finer resolution.
    let v: Vec<u64> = rows
        .iter()
        .map(|r| r["vertices"].as_u64().unwrap())
        .collect();
    assert!(v.windows(2).all(|w| w[0] < w[1]), "{v:?}");
}

#[test]
fn a_pair_without_an_osm_line_has_three_natural_earth_rows() {
    let rows = rows(&["--between", "Iraq,Jordan"]);
    let scales: Vec<&str> = rows.iter().map(|r| r["scale"].as_str().unwrap()).collect();
    assert_eq!(scales, ["1:110m", "1:50m", "1:10m"]);
    assert_eq!(f(&rows[2], "diff_m"), 0.0, "1:10m is the finest");
    assert!(rows[..2].iter().all(|r| f(r, "diff_m") < 0.0));
    // Ids (ISO 3166 numeric in world-atlas, which has no alpha codes) match as in `extract`;
    // the order does not matter.
    let by_id = super::cmd::stdout_of(&["resolution", "--between", "400,368", "-f", "json"]);
    let by_id: Vec<Value> = serde_json::from_str(&by_id).unwrap();
    let lengths = |rs: &[Value]| rs.iter().map(|r| f(r, "length_m")).collect::<Vec<_>>();
    assert_eq!(lengths(&by_id), lengths(&rows));
    // Syria–Iraq (reversed) still finds the OSM line.
    assert_eq!(
        super::cmd::stdout_of(&["resolution", "--between", "Syria,Iraq", "-f", "csv"]),
        super::cmd::stdout_of(&["resolution", "-f", "csv"])
    );
}

#[test]
fn table_explains_why_lengths_grow_and_csv_has_the_json_columns() {
    let table = stdout_of(&["resolution"]);
    assert!(table.contains("Iraq–Syria"), "{table}");
    assert!(
        table.contains("599285.645") && table.contains("603095.363"),
        "{table}"
    );
    assert!(table.contains("coastline paradox"), "{table}");
    assert!(table.contains("same border"), "{table}");
    let csv = stdout_of(&["resolution", "-f", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "source,scale,vertices,length_m,diff_m,diff_share");
    assert_eq!(lines.len(), 5);
    assert!(
        lines[3].starts_with("Natural Earth,1:10m,62,599285.645,"),
        "{csv}"
    );
    assert!(
        lines[4].starts_with("OpenStreetMap,OSM,256,603095.363,0.000,"),
        "{csv}"
    );
}

#[test]
fn svg_overlays_one_path_per_scale_with_a_legend() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("res.svg");
    let (code, _, err) =
        super::cmd::run_in(dir.path(), &["resolution", "-o", super::cmd::arg(&out)]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let lines: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("class") == Some("resolution-line"))
        .collect();
    let scales: Vec<&str> = lines
        .iter()
        .map(|n| n.attribute("data-scale").unwrap())
        .collect();
    assert_eq!(scales, ["1:110m", "1:50m", "1:10m", "OSM"]);
    let colours: std::collections::BTreeSet<&str> = lines
        .iter()
        .map(|n| n.attribute("stroke").unwrap())
        .collect();
    assert_eq!(colours.len(), 4, "a distinct colour per scale");
    let length: f64 = lines[2]
        .attribute("data-length-m")
        .unwrap()
        .parse()
        .unwrap();
    assert!((length - 599_285.645).abs() < MM);
    let legend = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("g") && n.attribute("id").is_some_and(|id| id.ends_with("-legend"))
        })
        .expect("a legend group");
    let legend_text: Vec<String> = legend
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.descendants().filter_map(|t| t.text()).collect())
        .collect();
    assert!(
        legend_text
            .iter()
            .any(|t| t.contains("1:10m: 62 vertices, 599.3 km")),
        "{legend_text:?}"
    );
    assert!(
        legend_text
            .iter()
            .any(|t| t.contains("OpenStreetMap: 256 vertices, 603.1 km")),
        "{legend_text:?}"
    );
    let title: String = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap()
        .to_string();
    assert!(title.contains("Iraq–Syria"), "{title}");
    // Fonts embedded as for other maps, and the OSM attribution is on the map.
    assert!(text.contains("@font-face"));
    assert!(text.contains("OpenStreetMap contributors"));
}

#[test]
fn unknown_country_is_the_extract_error_exit_2() {
    let (code, out, err) = run(&["resolution", "--between", "Iraq,Atlantis"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("no country matches 'Atlantis'"), "{err}");
    let (code, _, err) = run(&["resolution", "--between", "Iraq"]);
    assert_eq!(code, 2, "{err}");
}
