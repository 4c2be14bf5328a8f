//! `--lang`: names from the data in the chosen language, English where it has none, and
//! right-to-left labels whose drawn text sits exactly in the box the layout reserved for it;
//! `--dpi` and `--scale` for PNGs.

use bordermap::fonts::{Font, Measurer};
use bordermap::layout::{Anchor, Item, LabelKind, Laid, LayoutReport, Scene, TextItem};
use bordermap::{Dataset, RenderOptions};

use super::cmd::bordermap;
use super::{assert_labels_apart, default_map};

/// The default map laid out with names in `lang`.
fn scene(lang: &str) -> (Dataset, Laid) {
    let (ds, m, mut opts) = default_map();
    opts.lang = lang.to_string();
    let sc = bordermap::map::laid(&ds, &m, &opts).unwrap();
    (ds, sc)
}

fn texts(sc: &Scene) -> Vec<&TextItem> {
    sc.groups
        .iter()
        .flat_map(|g| &g.items)
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn strip(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(u32::from(*c), 0x2066..=0x2069))
        .collect()
}

#[test]
fn arabic_names_come_from_the_data_and_labels_keep_their_boxes() {
    let (ds, laid) = scene("ar");
    let sc = &laid.report;
    // Place names from `name_ar`; places without one (the crossings, whose sources give no
    // Arabic name) keep their English name.
    let places: Vec<_> = sc
        .labels
        .iter()
        .filter(|l| l.kind == LabelKind::Place)
        .collect();
    assert!(places.len() >= 8);
    for l in &places {
        let p = ds
            .places
            .iter()
            .find(|p| match p.names.get("ar") {
                Some(ar) => ar == &l.text,
                None => p.name == l.text,
            })
            .unwrap_or_else(|| panic!("{} is not an Arabic name from the data", l.text));
        assert!(!p.name.is_empty());
    }
    // Class names from `[layer.names."V"] ar`, with Western digits and the Arabic unit.
    assert!(
        sc.labels
            .iter()
            .any(|l| strip(&l.text) == "قوات سوريا الديمقراطية · 362.2 كم"),
        "{:?}",
        sc.labels
    );
    // Legend titles from `[layer.titles] ar`.
    let all = texts(&laid.scene);
    assert!(
        all.iter()
            .any(|t| strip(&t.text) == "الجدار الحدودي العراقي")
    );
    // Capitals in the context's `name_ar`, never the English name.
    assert!(sc.labels.iter().any(|l| strip(&l.text) == "بغداد"));
    assert!(
        !sc.labels
            .iter()
            .any(|l| l.text == "Baghdad" || l.text == "Damascus")
    );
    // Every RTL text is anchored by its middle and isolated; its measured box is where the
    // layout's label box is (so collision avoidance saw the real extent).
    let mut m = Measurer::default();
    let mut rtl = 0;
    for t in &all {
        if !t.is_rtl() {
            continue;
        }
        rtl += 1;
        assert_eq!(t.anchor, Anchor::Middle, "{}", t.text);
        assert!(t.text.starts_with('\u{2067}') && t.text.ends_with('\u{2069}'));
        if t.class == "place-label" {
            let l = sc.labels.iter().find(|l| l.text == strip(&t.text)).unwrap();
            let w = m.width(&t.text, Font::regular(t.font.size));
            assert!(
                (t.x - (l.rect.x + l.rect.w / 2.0)).abs() < 0.01,
                "{}",
                l.text
            );
            assert!(
                (w + 3.0 - l.rect.w).abs() < 0.01,
                "{}: {w} + 3 vs {}",
                l.text,
                l.rect.w
            );
        }
    }
    assert!(rtl >= 15, "{rtl} RTL texts");
    // No two label boxes overlap, nor the legend, in Arabic too.
    assert_labels_apart(sc);
}

#[test]
fn arabic_is_measured_with_the_arabic_font_and_joined() {
    let mut m = Measurer::default();
    // Joined (shaped) Arabic is narrower than the same letters set apart.
    let joined = m.width("قوات سوريا", Font::regular(12.0));
    let apart = m.width("ق و ا ت س و ر ي ا", Font::regular(12.0));
    assert!(joined > 20.0 && joined < apart, "{joined} vs {apart}");
}

#[test]
fn english_stays_the_default_and_other_languages_fall_back() {
    let (_, en) = scene("en");
    assert!(en.report.labels.iter().any(|l| l.text == "SDF · 362.2 km"));
    assert!(texts(&en.scene).iter().all(|t| !t.is_rtl()));
    // No Kurmanji town names in the embedded places (none is cited): towns fall back to
    // English, never transliterated; the context's capitals have `name_ku`.
    let (_, ku) = scene("ku");
    let labels = |sc: &LayoutReport, kind: fn(&LabelKind) -> bool| -> Vec<String> {
        let mut v: Vec<String> = sc
            .labels
            .iter()
            .filter(|l| kind(&l.kind))
            .map(|l| l.text.clone())
            .collect();
        v.sort();
        v
    };
    let towns = |k: &LabelKind| matches!(k, LabelKind::Place);
    let capitals = |k: &LabelKind| matches!(k, LabelKind::Capital);
    assert_eq!(labels(&ku.report, towns), labels(&en.report, towns));
    assert_eq!(labels(&ku.report, capitals), ["Bexda"]);
    assert_eq!(labels(&en.report, capitals), ["Baghdad"]);
}

#[test]
fn svg_marks_rtl_text() {
    let (ds, m, mut opts) = default_map();
    opts.lang = "ar".into();
    let svg = bordermap::render_svg_string(&ds, &m, &opts).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let rtl: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("direction") == Some("rtl"))
        .collect();
    assert!(rtl.len() >= 15);
    for n in rtl {
        assert_eq!(n.attribute("unicode-bidi"), Some("embed"));
        assert_eq!(n.attribute("text-anchor"), Some("middle"));
        assert!(
            n.attribute("font-family")
                .unwrap()
                .starts_with("Noto Sans Arabic")
        );
    }
    // A different language is different content: a different default id prefix.
    let en =
        bordermap::render_svg_string(&ds, &m, &RenderOptions::for_dataset(&ds).unwrap()).unwrap();
    let id = |s: &str| {
        let d = roxmltree::Document::parse(s).unwrap();
        d.root_element().attribute("id").unwrap().to_string()
    };
    assert_ne!(id(&svg), id(&en));
    // Bad codes are refused.
    opts.lang = "AR\"".into();
    assert!(bordermap::render_svg_string(&ds, &m, &opts).is_err());
}

fn png_info(bytes: &[u8]) -> (u32, u32, u32) {
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    assert_eq!(&bytes[12..16], b"IHDR");
    assert_eq!(&bytes[37..41], b"pHYs");
    (be(16), be(20), be(41))
}

#[test]
fn cli_dpi_and_scale() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("m.png");
    let render = |args: &[&str]| {
        bordermap(dir.path())
            .arg("render")
            .args(args)
            .arg("-o")
            .arg(&png)
            .assert()
    };
    render(&["--dpi", "48"]).success();
    // 48 dpi = scale 0.5; pHYs in pixels per metre (48 / 0.0254 = 1890).
    assert_eq!(png_info(&std::fs::read(&png).unwrap()), (600, 450, 1890));
    render(&["--scale", "0.5", "--dpi", "48"]).success();
    render(&["--scale", "2", "--dpi", "48"])
        .code(2)
        .stderr(predicates::str::contains("disagree"));
    render(&["--scale", "0.5", "--lang", "ar"]).success();
    assert_eq!(png_info(&std::fs::read(&png).unwrap()), (600, 450, 1890));
    // A language with no locale: exit 2, the shipped ones listed.
    render(&["--scale", "0.5", "--lang", "fr"])
        .code(2)
        .stderr(predicates::str::contains("no locale for language 'fr'"));
}
