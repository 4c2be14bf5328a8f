//! The whole map in the reader's language: for every shipped language the title, legend
//! headings, country names and footer headings are in that language and no English UI string
//! is left; Arabic pages are mirrored; dates and numbers come from CLDR; bad languages and
//! locale files are exit 2; a missing key falls back to English with a warning.

use std::collections::BTreeMap;

use bordermap::RenderOptions;

use super::cmd::{arg, run, run_in};
use super::*;

/// `key = value` lines of a shipped locale file (every shipped value is one line).
fn ftl(lang: &str) -> BTreeMap<String, String> {
    std::fs::read_to_string(repo(&format!("assets/locales/{lang}.ftl")))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The literal parts of a Fluent value (the text between placeables).
fn literals(v: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = v;
    while let Some((head, tail)) = rest.split_once('{') {
        out.push(head.to_string());
        rest = tail.split_once('}').map_or("", |(_, t)| t);
    }
    out.push(rest.to_string());
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The map in `lang` (default dataset, 1200 × 900): every `<text>` and `<title>` as plain text
/// (bidi controls removed), and the SVG.
fn map_texts(lang: &str, size: (f64, f64)) -> (Vec<(String, String)>, String) {
    map_texts_on(lang, size, None)
}

/// [`map_texts`] on a date (`None`: the data's default, 2024-05-12).
fn map_texts_on(
    lang: &str,
    size: (f64, f64),
    as_of: Option<&str>,
) -> (Vec<(String, String)>, String) {
    let (ds, mut m, mut opts) = default_map();
    if let Some(d) = as_of {
        m = ds.measure(Some(date(d))).unwrap();
    }
    opts.lang = lang.to_string();
    opts.width = size.0;
    opts.height = size.1;
    let svg = bordermap::render_svg_string(&ds, &m, &opts).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts = doc
        .descendants()
        .filter(|n| n.is_element() && (n.has_tag_name("text") || n.has_tag_name("title")))
        .map(|n| {
            let t: String = n
                .descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect();
            let class = n
                .attribute("class")
                .or_else(|| n.parent().and_then(|p| p.attribute("class")))
                .unwrap_or("")
                .to_string();
            (class, strip(&t))
        })
        .collect();
    (texts, svg)
}

fn strip(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn with_class<'a>(texts: &'a [(String, String)], class: &str) -> Vec<&'a str> {
    texts
        .iter()
        .filter(|(c, _)| c.split(' ').any(|x| x == class))
        .map(|(_, t)| t.as_str())
        .collect()
}

/// The name of a country in a language, from the embedded i18n-iso-countries table.
fn country(numeric: &str, lang: &str) -> String {
    let text = std::fs::read_to_string(repo("assets/world/country-codes.tsv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = header.iter().position(|h| *h == lang).unwrap();
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|c| c[0] == numeric)
        .map(|c| c[col].to_string())
        .unwrap()
}

#[test]
fn every_shipped_language_draws_the_whole_map_in_it() {
    let layers: toml::Value =
        toml::from_str(&std::fs::read_to_string(repo("assets/iraq-syria.toml")).unwrap()).unwrap();
    let en = ftl("en");
    for lang in ["ar", "ku", "tr"] {
        let loc = ftl(lang);
        assert_eq!(
            loc.keys().collect::<Vec<_>>(),
            en.keys().collect::<Vec<_>>(),
            "{lang}.ftl has every key of en.ftl"
        );
        let (mut texts, _) = map_texts(lang, (1200.0, 900.0));
        // A later date adds the notes on stale data and stretches without a value (2025-01-01:
        // the desert stretch, before the new authorities deployed on the border).
        // They are for the editor: in the SVG's description, never on the map.
        let (late, late_svg) = map_texts_on(lang, (1200.0, 900.0), Some("2025-01-01"));
        let gap = literals(&loc["note-gap"]).last().unwrap().clone();
        let desc = roxmltree::Document::parse(&late_svg)
            .unwrap()
            .descendants()
            .find(|n| n.has_tag_name("desc"))
            .and_then(|n| n.text().map(str::to_string))
            .unwrap();
        assert!(
            desc.contains(gap.as_str()),
            "{lang}: no translated gap note"
        );
        assert!(
            !with_class(&late, "footer")
                .iter()
                .any(|t| t.contains(gap.as_str())),
            "{lang}: the gap note is on the map"
        );
        // The title: the layers file's translation.
        let title = layers["dataset"]["titles"][lang].as_str().unwrap();
        let shown = with_class(&texts, "title").join(" ");
        assert_eq!(shown, title, "{lang}: title");
        // Legend headings: the layer titles and "Total" in the language.
        let legend = with_class(&texts, "legend-total");
        assert_eq!(legend, vec![loc["legend-total"].as_str()], "{lang}: Total");
        for layer in layers["layer"].as_array().unwrap() {
            let t = layer["titles"][lang].as_str().unwrap();
            assert!(
                texts.iter().any(|(_, x)| x == t),
                "{lang}: no legend heading '{t}'"
            );
        }
        // Country names from i18n-iso-countries, upper-cased by the language's rules
        // (Arabic has no case).
        let labels = with_class(&texts, "country-label");
        for id in ["760", "368"] {
            let name = country(id, lang);
            let want = match lang {
                "ar" => name.clone(),
                "tr" => name.replace('i', "İ").to_uppercase(),
                _ => name.to_uppercase(),
            };
            assert!(
                labels
                    .iter()
                    .any(|l| l.replace(' ', "") == want.replace(' ', "")),
                "{lang}: no country label {want}: {labels:?}"
            );
        }
        // Footer headings.
        let footer = with_class(&texts, "footer").join(" ");
        for key in ["footer-sources", "footer-data"] {
            let head = literals(&loc[key]).remove(0);
            assert!(footer.contains(&head), "{lang}: footer lacks '{head}'");
        }
        // No English UI string remains: no literal part of an English value that the
        // language translates differently appears in any text of the map, on either date.
        texts.extend(late);
        for (key, value) in &en {
            let theirs = literals(&loc[key]);
            for part in literals(value) {
                if part.chars().filter(|c| c.is_alphabetic()).count() < 4 || theirs.contains(&part)
                {
                    continue;
                }
                for (class, t) in &texts {
                    // The footer quotes English sources: a one-word string ("border") may
                    // be in a quote there; phrases may not.
                    if class == "footer" && !part.contains(' ') {
                        continue;
                    }
                    assert!(
                        !t.contains(&part),
                        "{lang}: English '{part}' ({key}) in {class}: {t}"
                    );
                }
            }
        }
    }
}

#[test]
fn scripts_and_cases() {
    // Arabic: the title in Arabic script; Turkish: the dotted capital İ of "Suriye".
    let (ar, _) = map_texts("ar", (1200.0, 900.0));
    let title = with_class(&ar, "title").join(" ");
    assert!(
        title
            .chars()
            .any(|c| ('\u{0600}'..='\u{06ff}').contains(&c)),
        "{title}"
    );
    let (tr, _) = map_texts("tr", (1200.0, 900.0));
    assert!(
        with_class(&tr, "country-label").contains(&"SURİYE"),
        "{:?}",
        with_class(&tr, "country-label")
    );
    // Arabic country labels are not letter-spaced (the letters join).
    let (_, svg) = map_texts("ar", (1200.0, 900.0));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    for n in doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && class_has(n, "country-label"))
    {
        assert!(
            n.attribute("letter-spacing").is_none_or(|v| v == "0"),
            "letter-spaced Arabic: {:?}",
            n.attribute("letter-spacing")
        );
    }
}

#[test]
fn dates_and_digits_come_from_cldr() {
    // The subtitle's date: CLDR's medium or long date in each language, never ISO.
    for lang in ["en", "ar", "ku", "tr"] {
        let (texts, _) = map_texts(lang, (1200.0, 900.0));
        let sub = with_class(&texts, "subtitle").join(" ");
        assert!(!sub.contains("2024-05-12"), "{lang}: ISO date in {sub}");
        assert!(sub.contains("2024"), "{lang}: no year in {sub}");
    }
    let (en, _) = map_texts("en", (1200.0, 900.0));
    assert!(
        with_class(&en, "subtitle")
            .join(" ")
            .contains("May 12, 2024"),
        "{:?}",
        with_class(&en, "subtitle")
    );
    // Eastern Arabic digits on request; Western by default.
    let (ds, m, mut opts) = default_map();
    opts.lang = "ar".into();
    let west = bordermap::render_svg_string(&ds, &m, &opts).unwrap();
    opts.digits = bordermap::i18n::Digits::Arab;
    let east = bordermap::render_svg_string(&ds, &m, &opts).unwrap();
    assert!(!west.contains('٣') && west.contains("599.3"));
    assert!(east.contains("٥٩٩٫٣"), "Eastern Arabic 599.3");
}

#[test]
fn arabic_pages_are_mirrored() {
    let (ds, m, opts) = default_map();
    let en = bordermap::map::laid(&ds, &m, &opts).unwrap();
    let ar = bordermap::map::laid(
        &ds,
        &m,
        &RenderOptions {
            lang: "ar".into(),
            ..opts.clone()
        },
    )
    .unwrap();
    let title_x = |sc: &bordermap::layout::Scene| -> Vec<(f64, bordermap::layout::Anchor)> {
        sc.groups
            .iter()
            .filter(|g| g.id == "title-block" || g.id == "footer")
            .flat_map(|g| &g.items)
            .filter_map(|it| match it {
                bordermap::layout::Item::Text(t) => Some((t.x, t.anchor)),
                _ => None,
            })
            .collect()
    };
    // English: every title and footer line starts at the left margin.
    for (x, a) in title_x(&en.scene) {
        assert!(
            x < 40.0 && a == bordermap::layout::Anchor::Start,
            "{x} {a:?}"
        );
    }
    // Arabic: every line ends at the right margin (RTL lines are anchored by their middle,
    // so their middle lies in the right part of the page).
    for (x, a) in title_x(&ar.scene) {
        assert!(
            (a == bordermap::layout::Anchor::End && x > 1150.0)
                || (a == bordermap::layout::Anchor::Middle && x > 200.0),
            "{x} {a:?}"
        );
    }
    // The legend's swatches are on the right of its box in Arabic, on the left in English.
    let swatch_side = |l: &bordermap::layout::Laid| -> f64 {
        let (sc, r) = (&l.scene, l.report.legend_rect);
        let xs: Vec<f64> = sc
            .groups
            .iter()
            .filter(|g| g.id == "legend")
            .flat_map(|g| &g.items)
            .filter_map(|it| match it {
                bordermap::layout::Item::Path(p) if p.class.contains("swatch") => {
                    p.parts.first().and_then(|q| q.first()).map(|pt| pt.0)
                }
                bordermap::layout::Item::Rect(b) if b.class.contains("swatch") => Some(b.rect.x),
                _ => None,
            })
            .collect();
        assert!(!xs.is_empty(), "no legend swatches");
        (xs.iter().sum::<f64>() / xs.len() as f64 - r.x) / r.w
    };
    assert!(swatch_side(&en) < 0.3, "{}", swatch_side(&en));
    assert!(swatch_side(&ar) > 0.7, "{}", swatch_side(&ar));
}

#[test]
fn layout_holds_in_every_language() {
    let (ds, m, opts) = default_map();
    for lang in ["en", "ar", "ku", "tr"] {
        for (w, h) in [(1200.0, 900.0), (640.0, 480.0), (360.0, 640.0)] {
            let o = RenderOptions {
                lang: lang.into(),
                width: w,
                height: h,
                ..opts.clone()
            };
            let sc =
                bordermap::map::laid(&ds, &m, &o).unwrap_or_else(|e| panic!("{lang} {w}×{h}: {e}"));
            if let Err(e) = super::layout::check_invariants(&sc, &format!("{lang} {w}×{h}")) {
                panic!("{e}");
            }
        }
    }
}

#[test]
fn bad_languages_and_locale_files() {
    // A language with neither a shipped nor a given locale file: exit 2, listing those there.
    let (code, _, err) = run(&["render", "--lang", "fr", "-o", "x.svg"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no locale for language 'fr'") && err.contains("en, ar, ku, tr"));
    // A locale file with a key missing: English for it, one warning naming the key.
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string(repo("assets/locales/ar.ftl")).unwrap();
    text = text
        .lines()
        .filter(|l| !l.starts_with("legend-total ="))
        .collect::<Vec<_>>()
        .join("\n");
    let file = dir.path().join("fa.ftl");
    std::fs::write(&file, &text).unwrap();
    let (code, svg, err) = run_in(
        dir.path(),
        &[
            "render",
            "--lang",
            "fa",
            "--locale-file",
            arg(&file),
            "-o",
            "-",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("no 'legend-total'").count(), 1, "{err}");
    assert!(
        svg.contains(">Total<"),
        "English fallback for the missing key"
    );
    assert!(
        svg.contains("dir") || svg.contains("rtl"),
        "fa reads right to left"
    );
    // A malformed locale file: exit 2 at file:line.
    std::fs::write(&file, "legend-total = Total\n\n= broken\n").unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "render",
            "--lang",
            "fa",
            "--locale-file",
            arg(&file),
            "-o",
            "x.svg",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("fa.ftl:3:"), "{err}");
    assert!(!dir.path().join("x.svg").exists());
}

/// Every shipped language lays out at every date the data changes, and its diff map and
/// timeline chart too (the Arabic "(no data)" in brackets once crashed usvg's text layout).
#[test]
fn every_language_at_every_date() {
    let (ds, _, opts) = default_map();
    let t = ds.timeline().unwrap();
    for lang in ["en", "ar", "ku", "tr"] {
        let o = RenderOptions {
            lang: lang.into(),
            ..opts.clone()
        };
        for d in &t.dates {
            let m = ds.measure(Some(*d)).unwrap();
            bordermap::map::scene(&ds, &m, &o).unwrap_or_else(|e| panic!("{lang} {d}: {e}"));
        }
        let d = ds.diff(date("2024-05-12"), date("2026-11-30")).unwrap();
        bordermap::map::diff_scene(&ds, &d, &o).unwrap();
        bordermap::map::timeline_chart(&ds, &t, &o).unwrap();
    }
}
