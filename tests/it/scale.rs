//! Maps of many borders: generic GeoJSON as context, `--extent context`, the antimeridian,
//! `--simplify` (drawing only) and per-feature lengths.

use bordermap::map::{Extent, RenderOptions};
use bordermap::{lengths, load, render_svg_string};

use super::cmd::{arg, stdout_of};
use super::{class_has, dataset, default_map, temp_file};

fn data_lengths(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter_map(|n| n.attribute("data-length-m").map(str::to_string))
        .collect()
}

/// The points of path data as the writer writes it (`M x,y`, `L x,y`, `l dx,dy dx,dy...`,
/// `Z`), absolute, one list per subpath.
fn subpaths(d: &str) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cmd = 'M';
    let mut nums: Vec<f64> = Vec::new();
    let mut tok = String::new();
    let mut cur = (0.0, 0.0);
    let flush = |tok: &mut String, nums: &mut Vec<f64>| {
        if !tok.is_empty() {
            nums.push(tok.parse().unwrap());
            tok.clear();
        }
    };
    let mut apply = |cmd: char, nums: &mut Vec<f64>, out: &mut Vec<Vec<(f64, f64)>>| {
        for (i, pair) in nums.chunks(2).enumerate() {
            let (x, y) = (pair[0], pair[1]);
            match cmd {
                'M' if i == 0 => {
                    cur = (x, y);
                    out.push(vec![cur]);
                }
                'l' => {
                    cur = (cur.0 + x, cur.1 + y);
                    out.last_mut().unwrap().push(cur);
                }
                _ => {
                    cur = (x, y);
                    out.last_mut().unwrap().push(cur);
                }
            }
        }
        nums.clear();
    };
    for c in d.chars() {
        match c {
            'M' | 'L' | 'l' | 'Z' => {
                flush(&mut tok, &mut nums);
                apply(cmd, &mut nums, &mut out);
                cmd = c;
            }
            ',' | ' ' => flush(&mut tok, &mut nums),
            '-' => {
                flush(&mut tok, &mut nums);
                tok.push(c);
            }
            _ => tok.push(c),
        }
    }
    flush(&mut tok, &mut nums);
    apply(cmd, &mut nums, &mut out);
    out
}

#[test]
fn subpaths_reads_relative_path_data() {
    assert_eq!(
        subpaths("M1,2l1,1-2,0.5 3,-1ZM10,10L12,12"),
        vec![
            vec![(1.0, 2.0), (2.0, 3.0), (0.0, 3.5), (3.0, 2.5)],
            vec![(10.0, 10.0), (12.0, 12.0)]
        ]
    );
}

/// Largest horizontal jump between consecutive points of any path of `class`.
fn max_jump(svg: &str, class: &str) -> f64 {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let mut worst: f64 = 0.0;
    for n in doc
        .descendants()
        .filter(|n| n.attribute("class") == Some(class))
    {
        let d = n.attribute("d").unwrap();
        for part in subpaths(d) {
            for w in part.windows(2) {
                worst = worst.max((w[1].0 - w[0].0).abs());
            }
        }
    }
    worst
}

const GENERIC: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"Fiji-like"},"geometry":{"type":"Polygon","coordinates":[[[178,-17],[-179,-17],[-179,-16],[178,-16],[178,-17]]]}},
 {"type":"Feature","properties":{"name":"Box"},"geometry":{"type":"MultiPolygon","coordinates":[[[[30,30],[40,30],[40,40],[30,40],[30,30]]]]}},
 {"type":"Feature","properties":{"a":"1","b":"2"},"geometry":{"type":"LineString","coordinates":[[20,10],[25,12],[30,10],[35,12.5]]}},
 {"type":"Feature","properties":{"a":"3","b":"4"},"geometry":{"type":"LineString","coordinates":[[170,60],[-170,62]]}},
 {"type":"Feature","properties":{"name":"Somewhere"},"geometry":{"type":"Point","coordinates":[36,33]}}
]}"#;

#[test]
fn generic_geojson_context_renders_fitted_to_the_context_without_streaks() {
    let (_dir, path) = temp_file("generic.geojson", GENERIC);
    let ctx = load::context::context(&path).unwrap();
    assert_eq!(
        (
            ctx.countries.len(),
            ctx.lines.len(),
            ctx.rivers.len(),
            ctx.places.len()
        ),
        (2, 2, 0, 1)
    );
    let ds = dataset(None);
    let m = ds.measure(None).unwrap();
    let opts = RenderOptions {
        context: ctx,
        crs: Some("+proj=robin +datum=WGS84".into()),
        extent: Extent::Context,
        ..RenderOptions::default()
    };
    let svg = render_svg_string(&ds, &m, &opts).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let count = |class: &str| doc.descendants().filter(|n| class_has(n, class)).count();
    assert_eq!(count("context-line"), 2, "{svg}");
    assert!(count("country") >= 2);
    // Nothing crosses the map: the antimeridian pieces stay on their side.
    assert!(
        max_jump(&svg, "country") < 300.0,
        "{}",
        max_jump(&svg, "country")
    );
    assert!(max_jump(&svg, "context-line") < 300.0);
}

#[test]
fn simplify_changes_drawing_only_and_the_map_says_so() {
    let (ds, m, plain) = default_map();
    let simple = RenderOptions {
        simplify: Some(2.0),
        ..plain.clone()
    };
    let a = render_svg_string(&ds, &m, &plain).unwrap();
    let b = render_svg_string(&ds, &m, &simple).unwrap();
    assert_ne!(a, b);
    assert!(!data_lengths(&a).is_empty());
    assert_eq!(data_lengths(&a), data_lengths(&b));
    assert!(b.contains("drawn simplified (tolerance 2 px); lengths from the full-resolution line"));
    assert!(!a.contains("drawn simplified"));
    assert!(b.len() < a.len());
}

#[test]
fn per_feature_lengths_equal_each_line_measured_alone() {
    let (dir, path) = temp_file("generic.geojson", GENERIC);
    let rows = lengths::feature_lengths(&load::geojson_file(&path).unwrap());
    assert_eq!(rows.len(), 5);
    let doc: serde_json::Value = serde_json::from_str(GENERIC).unwrap();
    // Feature 3 crosses the antimeridian (a border file may not), measured the short way.
    assert!(
        rows[3].length_m > 1_000_000.0 && rows[3].length_m < 1_200_000.0,
        "{}",
        rows[3].length_m
    );
    {
        let i = 2usize;
        let one = dir.path().join(format!("line{i}.geojson"));
        std::fs::write(&one, doc["features"][i].to_string()).unwrap();
        let alone = dataset(Some(arg(&one))).measure(None).unwrap().total_m;
        assert!(
            (rows[i].length_m - alone).abs() < 1e-6,
            "{} vs {alone}",
            rows[i].length_m
        );
    }
    assert_eq!(rows[2].name, "1–2");
    assert_eq!(rows[4].length_m, 0.0);
    // The CLI writes the same figures.
    let csv = stdout_of(&["measure", "--per-feature", "-f", "csv", arg(&path)]);
    assert!(
        csv.starts_with("index,name,parts,vertices,length_m\n"),
        "{csv}"
    );
    assert!(
        csv.contains(&format!("2,1–2,1,4,{:.3}", rows[2].length_m)),
        "{csv}"
    );
}
