//! Editor's annotations (`--marker`, `--annotations`): every non-optional marker drawn with its
//! label at every page preset, in English and Arabic, on three borders, its label box clear of
//! other text, furniture and the border line; impossible markers are errors naming them,
//! optional ones warnings; bad marker strings and bad annotation files are exit 2.

use bordermap::annotation::Annotation;
use bordermap::layout::{Item, LabelKind, Laid, Rect};
use bordermap::{Dataset, LoadOptions, RenderOptions};

use super::cmd::run;
use super::temp_file;

/// The `--size` presets, px.
const PRESETS: [(&str, f64, f64); 6] = [
    ("web", 1200.0, 900.0),
    ("inline", 640.0, 480.0),
    ("phone", 360.0, 640.0),
    ("social", 1200.0, 675.0),
    ("square", 1080.0, 1080.0),
    ("a4", 1123.0, 794.0),
];

/// A border's two countries (`None`: the embedded border) and two markers near it.
type Case = (Option<(&'static str, &'static str)>, [&'static str; 2]);

/// Borders with two real places near them each.
fn borders() -> Vec<Case> {
    vec![
        (
            None,
            ["40.14,35.33,Deir ez-Zor", "42.45,36.7,Rabia crossing"],
        ),
        (
            Some(("Armenia", "Azerbaijan")),
            ["44.51,40.18,Yerevan", "46.75,39.82,Stepanakert"],
        ),
        (
            Some(("France", "Spain")),
            ["-0.37,43.30,Pau", "-1.64,42.81,Pamplona"],
        ),
    ]
}

fn load(between: Option<(&str, &str)>) -> Dataset {
    Dataset::load(&LoadOptions {
        between: between.map(|(a, b)| (a.to_string(), b.to_string())),
        ..LoadOptions::default()
    })
    .unwrap()
}

fn laid(ds: &Dataset, markers: &[&str], w: f64, h: f64, lang: &str) -> bordermap::Result<Laid> {
    let m = ds.measure(None)?;
    let mut opts = RenderOptions::for_dataset(ds)?;
    opts.width = w;
    opts.height = h;
    opts.lang = lang.to_string();
    for s in markers {
        opts.annotations.push(Annotation::parse_marker(s)?);
    }
    bordermap::map::laid(ds, &m, &opts)
}

/// Whether the segment `a`–`b` meets `r` (sampled every 0.5 px).
fn segment_meets(a: (f64, f64), b: (f64, f64), r: &Rect) -> bool {
    let n = ((b.0 - a.0).hypot(b.1 - a.1) / 0.5).ceil().max(1.0) as usize;
    (0..=n).any(|i| {
        let t = i as f64 / n as f64;
        let (x, y) = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
        x > r.x && x < r.right() && y > r.y && y < r.bottom()
    })
}

fn check(l: &Laid, labels: &[&str], what: &str) {
    let r = &l.report;
    let border: Vec<&Vec<(f64, f64)>> = l
        .scene
        .groups
        .iter()
        .filter(|g| g.id == "border")
        .flat_map(|g| &g.items)
        .filter_map(|i| match i {
            Item::Path(p) => Some(&p.parts),
            _ => None,
        })
        .flatten()
        .collect();
    for want in labels {
        let Some(b) = r
            .labels
            .iter()
            .find(|b| b.kind == LabelKind::Annotation && b.text == *want)
        else {
            panic!("{what}: marker {want} has no label; labels: {:?}", r.labels);
        };
        for o in &r.labels {
            if o != b {
                assert!(
                    !b.rect.intersects(&o.rect),
                    "{what}: {want} over label {}",
                    o.text
                );
            }
        }
        for f in &r.furniture {
            assert!(
                !b.rect.intersects(&f.rect),
                "{what}: {want} over {:?}",
                f.kind
            );
        }
        assert!(r.frame.contains(&b.rect), "{what}: {want} leaves the frame");
        for part in &border {
            for s in part.windows(2) {
                assert!(
                    !segment_meets(s[0], s[1], &b.rect),
                    "{what}: {want}'s label is over the border line"
                );
            }
        }
        // The group carries its classes and label.
        assert!(
            l.scene.groups.iter().any(|g| g.class == "annotation marker"
                && g.aria_label.as_deref() == Some(*want)
                && g.data.iter().any(|(k, v)| k == "symbol" && v == "pin")),
            "{what}: no marker group for {want}"
        );
    }
}

#[test]
fn markers_at_every_preset_in_en_and_ar_on_three_borders() {
    for (between, markers) in borders() {
        let ds = load(between);
        let labels: Vec<&str> = markers
            .iter()
            .map(|m| m.splitn(3, ',').nth(2).unwrap())
            .collect();
        for (name, w, h) in PRESETS {
            for lang in ["en", "ar"] {
                let what = format!("{between:?} {name} {lang}");
                let l = laid(&ds, &markers, w, h, lang).unwrap_or_else(|e| panic!("{what}: {e}"));
                check(&l, &labels, &what);
                assert!(
                    l.scene.description.contains(labels[0]),
                    "{what}: the description names no marker"
                );
            }
        }
    }
}

#[test]
fn thirty_markers_on_one_point_at_phone_size_is_an_error_naming_one() {
    let ds = load(None);
    let many: Vec<String> = (0..30).map(|i| format!("40.14,35.33,Marker {i}")).collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    let e = laid(&ds, &refs, 360.0, 640.0, "en").unwrap_err();
    assert!(e.message.contains("Marker "), "{e}");
    assert!(matches!(
        e.detail,
        Some(bordermap::error::Detail::AnnotationUnplaced { .. })
    ));
}

#[test]
fn cli_marker_errors_and_optional_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.svg");
    let o = out.to_str().unwrap();
    // Far outside the frame: exit 2, named.
    let (code, _, err) = run(&["render", "--marker", "10,10,Lake Chad", "-o", o]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("Lake Chad") && err.contains("outside the map"),
        "{err}"
    );
    for bad in [
        "44.5,Yerevan",
        "abc,40,X",
        "44.5,95,X",
        "inf,40,X",
        "44.5,40,",
    ] {
        let (code, _, err) = run(&["render", "--marker", bad, "-o", o]);
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(
            err.contains(&format!("marker \"{bad}\""))
                || err.contains("latitude")
                || err.contains("longitude"),
            "{bad}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    // An optional marker outside the frame: a warning, exit 0; the others drawn.
    let (_tmp, file) = temp_file(
        "a.geojson",
        r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"title":"Lake Chad","optional":true},"geometry":{"type":"Point","coordinates":[14,13]}},
{"type":"Feature","properties":{"title":"Deir ez-Zor","marker-symbol":"star","description":"on the Euphrates"},"geometry":{"type":"Point","coordinates":[40.14,35.33]}},
{"type":"Feature","properties":{"kind":"callout","title":"Crossing reopened"},"geometry":{"type":"Point","coordinates":[41.0,34.4]}},
{"type":"Feature","properties":{"kind":"highlight","from_km":100,"to_km":112,"title":"12 km stretch"},"geometry":null}
]}"#,
    );
    let (code, svg, err) = run(&["render", "--annotations", file.to_str().unwrap(), "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("Lake Chad") && err.contains("optional"),
        "{err}"
    );
    for class in [
        "annotation marker",
        "annotation callout",
        "annotation highlight",
    ] {
        assert!(svg.contains(&format!("class=\"{class}\"")), "{class}");
    }
    assert!(svg.contains("data-symbol=\"star\""));
    assert!(svg.contains(">Deir ez-Zor<") && svg.contains(">on the Euphrates<"));
    assert!(svg.contains(">Crossing reopened<") && svg.contains(">12 km stretch<"));
    // The stretch is drawn over the border and under the places, whose dots it must not hide;
    // markers and callouts over everything.
    let at = |class: &str| {
        svg.find(&format!("class=\"{class}\""))
            .unwrap_or_else(|| panic!("no {class}"))
    };
    assert!(at("border") < at("annotation highlight"));
    assert!(at("annotation highlight") < at("places"));
    assert!(at("labels") < at("annotation marker") && at("labels") < at("annotation callout"));
}

#[test]
fn bad_annotation_files_name_file_and_feature() {
    let cases = [
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"title":"A"},"geometry":{"type":"Point","coordinates":[40,35]}},{"type":"Feature","properties":{"title":"B","marker-color":"notacolour"},"geometry":{"type":"Point","coordinates":[40,35]}}]}"#,
            "notacolour",
        ),
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"title":"A"},"geometry":{"type":"Point","coordinates":[40]}}]}"#,
            "feature",
        ),
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"title":"A"},"geometry":{"type":"MultiPoint","coordinates":[[40,35]]}}]}"#,
            "MultiPoint",
        ),
    ];
    for (i, (text, want)) in cases.iter().enumerate() {
        let (_tmp, file) = temp_file("bad.geojson", text);
        let (code, _, err) = run(&["render", "--annotations", file.to_str().unwrap(), "-o", "-"]);
        assert_eq!(code, 2, "case {i}: {err}");
        assert!(
            err.contains("bad.geojson") && err.contains(want),
            "case {i}: {err}"
        );
        assert!(err.contains("feature"), "case {i}: {err}");
    }
}
