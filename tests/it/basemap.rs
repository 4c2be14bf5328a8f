//! Colours a reader tells apart: every value of the first layer drawn in its own (colour, dash)
//! on the map and in the legend, whatever the data (layers files with 2 to 12 values, a
//! property-tagged border, a style file's colour that is also a palette colour); `--highlight`
//! mutes and unlabels the others; the shipped layers file loads where it sits and draws the
//! default map.

use std::collections::BTreeMap;
use std::path::Path;

use bordermap::style::{Style, Theme};
use bordermap::{Dataset, LoadOptions, RenderOptions};

use super::cmd::{run_in, stdout_in};
use super::{class_has, repo};

/// (stroke, dash) of a drawn path.
type Look = (String, String);

fn look(n: &roxmltree::Node<'_, '_>) -> Look {
    (
        n.attribute("stroke").unwrap_or("").to_ascii_lowercase(),
        n.attribute("stroke-dasharray").unwrap_or("").to_string(),
    )
}

/// value → look of the border's segments (`data-LAYER`), asserting one look per value.
fn segment_looks(svg: &str, layer: &str) -> BTreeMap<String, Look> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let mut out: BTreeMap<String, Look> = BTreeMap::new();
    for n in doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && class_has(n, "segment"))
    {
        let Some(v) = n.attribute(format!("data-{layer}").as_str()) else {
            continue;
        };
        if v.is_empty() {
            continue;
        }
        let l = look(&n);
        if let Some(prev) = out.insert(v.to_string(), l.clone()) {
            assert_eq!(prev, l, "value '{v}' drawn two ways");
        }
    }
    out
}

/// Legend name → look of the swatch before it.
fn legend_looks(svg: &str) -> BTreeMap<String, Look> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let mut out = BTreeMap::new();
    let mut last: Option<Look> = None;
    for n in doc.descendants().filter(|n| n.is_element()) {
        if class_has(&n, "legend-swatch") {
            last = Some(look(&n));
        } else if class_has(&n, "legend-name")
            && let Some(l) = last.take()
        {
            let name: String = n
                .descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect();
            out.insert(name, l);
        }
    }
    out
}

#[track_caller]
fn assert_distinct(what: &str, looks: &BTreeMap<String, Look>) {
    let mut seen: BTreeMap<&Look, &str> = BTreeMap::new();
    for (v, l) in looks {
        if let Some(other) = seen.insert(l, v) {
            panic!("{what}: '{v}' and '{other}' share {l:?}");
        }
    }
}

/// A layers file over a copy of the embedded border with `n` values, each on its own 40 km.
fn layers_with(dir: &Path, n: usize) -> std::path::PathBuf {
    std::fs::copy(
        repo("assets/data/iraq-syria-border-10m.geojson"),
        dir.join("b.geojson"),
    )
    .unwrap();
    let mut t = String::from("[dataset]\nborder = \"b.geojson\"\n[[layer]]\nid = \"status\"\n");
    for i in 0..n {
        t.push_str(&format!(
            "[[layer.interval]]\nvalue = \"value {i}\"\nfrom = {{ km = {} }}\nto = {{ km = {} }}\nas_of = 2024-01-01\nsource = \"test\"\n",
            i * 40,
            (i + 1) * 40
        ));
    }
    let p = dir.join(format!("l{n}.toml"));
    std::fs::write(&p, t).unwrap();
    p
}

fn svg_of(layers: &Path, style: Style, highlight: &[&str]) -> String {
    let ds = Dataset::load(&LoadOptions {
        layers: Some(layers.to_path_buf()),
        ..LoadOptions::default()
    })
    .unwrap();
    let m = ds.measure(None).unwrap();
    let opts = RenderOptions {
        style,
        highlight: highlight.iter().map(|s| (*s).to_string()).collect(),
        ..RenderOptions::default()
    };
    bordermap::render_svg_string(&ds, &m, &opts).unwrap()
}

#[test]
fn two_to_twelve_values_never_share_a_colour_and_dash() {
    let dir = tempfile::tempdir().unwrap();
    for theme in [Theme::Light, Theme::Print] {
        for n in 2..=12 {
            let svg = svg_of(&layers_with(dir.path(), n), Style::theme(theme), &[]);
            let seg = segment_looks(&svg, "status");
            assert_eq!(seg.len(), n, "{n} values drawn ({theme:?})");
            assert_distinct(&format!("{n} values on the map ({theme:?})"), &seg);
            let legend = legend_looks(&svg);
            let named: BTreeMap<String, Look> = legend
                .into_iter()
                .filter(|(k, _)| k.starts_with("value "))
                .collect();
            assert_eq!(named.len(), n, "{n} values in the legend ({theme:?})");
            assert_distinct(&format!("{n} values in the legend ({theme:?})"), &named);
            for (v, l) in &seg {
                assert_eq!(
                    named.get(v),
                    Some(l),
                    "legend swatch of '{v}' as on the map"
                );
            }
        }
    }
}

#[test]
fn a_style_colour_that_is_a_palette_colour_is_not_reused() {
    let dir = tempfile::tempdir().unwrap();
    let layers = layers_with(dir.path(), 3);
    // The third value is given the palette's first colour, which the first value would take.
    let style = Style::from_toml(
        "[value.status]\n\"value 2\" = \"#E69F00\"\n",
        Path::new("s.toml"),
        Theme::Light,
    )
    .unwrap();
    let seg = segment_looks(&svg_of(&layers, style, &[]), "status");
    assert_eq!(seg.len(), 3);
    assert_eq!(seg["value 2"].0, "#e69f00");
    assert_distinct("explicit and palette colours", &seg);
}

#[test]
fn a_property_tagged_border_gets_distinct_colours_for_values_its_layers_file_lacks() {
    let dir = tempfile::tempdir().unwrap();
    // Three features of the embedded line, tagged with values the layers file does not name.
    let text = std::fs::read_to_string(repo("assets/data/iraq-syria-border-10m.geojson")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let coords: Vec<serde_json::Value> = doc["features"][0]["geometry"]["coordinates"]
        .as_array()
        .unwrap()
        .clone();
    assert!(coords.len() > 6, "the line has vertices to split");
    let third = coords.len() / 3;
    let parts = [
        &coords[..=third],
        &coords[third..=2 * third],
        &coords[2 * third..],
    ];
    let features: Vec<serde_json::Value> = parts
        .iter()
        .zip(["north", "middle", "south"])
        .map(|(c, v)| {
            serde_json::json!({"type": "Feature", "properties": {"authority": v},
                "geometry": {"type": "LineString", "coordinates": c}})
        })
        .collect();
    let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
    std::fs::write(dir.path().join("tagged.geojson"), fc.to_string()).unwrap();
    let ds = Dataset::load(&LoadOptions {
        border: Some(dir.path().join("tagged.geojson").display().to_string()),
        ..LoadOptions::default()
    })
    .unwrap();
    let m = ds.measure(None).unwrap();
    let svg = bordermap::render_svg_string(&ds, &m, &RenderOptions::default()).unwrap();
    let seg = segment_looks(&svg, "authority");
    assert_eq!(seg.len(), 3, "{seg:?}");
    assert_distinct("tagged values", &seg);
}

#[test]
fn highlight_mutes_and_unlabels_the_other_values() {
    let dir = tempfile::tempdir().unwrap();
    let layers = layers_with(dir.path(), 3);
    let style = Style::theme(Theme::Light);
    let muted = style.muted.to_ascii_lowercase();
    let svg = svg_of(&layers, style, &["value 1"]);
    let seg = segment_looks(&svg, "status");
    assert_ne!(seg["value 1"].0, muted);
    assert_eq!(seg["value 0"].0, muted);
    assert_eq!(seg["value 2"].0, muted);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let labels: Vec<String> = doc
        .descendants()
        .filter(|n| class_has(n, "segment-label"))
        .map(|n| {
            n.descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect()
        })
        .collect();
    assert!(
        labels.iter().any(|l| l.starts_with("value 1")),
        "{labels:?}"
    );
    assert!(
        !labels
            .iter()
            .any(|l| l.starts_with("value 0") || l.starts_with("value 2")),
        "muted values are not labelled: {labels:?}"
    );
    let legend = legend_looks(&svg);
    for v in ["value 0", "value 1", "value 2"] {
        assert!(legend.contains_key(v), "the legend keeps '{v}': {legend:?}");
    }
    assert_eq!(legend["value 0"].0, muted);
    assert_ne!(legend["value 1"].0, muted);
}

#[test]
fn highlight_of_an_unknown_value_is_exit_2_listing_the_values() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &["render", "--highlight", "Nobody", "-o", "m.svg"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no value 'Nobody' to highlight"), "{err}");
    assert!(
        err.contains("SDF") && err.contains("Damascus government"),
        "{err}"
    );
    assert!(!dir.path().join("m.svg").exists());
}

/// The SVG without its `<desc>` (which names the files).
fn without_desc(svg: &[u8]) -> String {
    let s = String::from_utf8(svg.to_vec()).unwrap();
    match (s.find("<desc"), s.find("</desc>")) {
        (Some(a), Some(b)) => format!("{}{}", &s[..a], &s[b..]),
        _ => s,
    }
}

#[test]
fn the_shipped_layers_file_loads_where_it_sits_and_draws_the_default_map() {
    let elsewhere = tempfile::tempdir().unwrap();
    let default = stdout_in(elsewhere.path(), &["render", "-o", "-"]);
    // From the repository's root, by the relative path the README gives.
    let here = stdout_in(
        &repo(""),
        &["render", "--layers", "assets/iraq-syria.toml", "-o", "-"],
    );
    // From another directory, by an absolute path.
    let abs = repo("assets/iraq-syria.toml");
    let there = stdout_in(
        elsewhere.path(),
        &["render", "--layers", abs.to_str().unwrap(), "-o", "-"],
    );
    assert_eq!(without_desc(&here), without_desc(&default));
    assert_eq!(without_desc(&there), without_desc(&default));
}

/// Labels of `class` in an SVG, their text.
fn labels_of(svg: &str, class: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| class_has(n, class))
        .map(|n| {
            n.descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect::<String>()
                .trim_matches(|c| ('\u{2066}'..='\u{2069}').contains(&c))
                .to_string()
        })
        .collect()
}

#[test]
fn context_names_come_in_the_maps_language_where_the_data_has_them() {
    // The embedded context with Arabic names on the Euphrates and Baghdad only (a test fixture:
    // the shipped names in other languages removed); the Tigris and Damascus keep their
    // English names.
    let text = std::fs::read_to_string(repo("assets/data/context-10m.geojson")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    for f in doc["features"].as_array_mut().unwrap() {
        let props = f["properties"].as_object_mut().unwrap();
        props.retain(|k, _| !k.starts_with("name_") || k == "name_inferred");
        let name = f["properties"]["name"].as_str().unwrap_or("").to_string();
        let ar = match name.as_str() {
            n if n.starts_with("Euphrates") => "الفرات",
            "Baghdad" => "بغداد",
            _ => continue,
        };
        f["properties"]["name_ar"] = serde_json::Value::from(ar);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("context.geojson");
    std::fs::write(&path, doc.to_string()).unwrap();
    let context = bordermap::load::context::context(&path).unwrap();
    let ds = super::dataset(None);
    let m = ds.measure(None).unwrap();
    let svg_in = |lang: &str| {
        let opts = RenderOptions {
            context: context.clone(),
            lang: lang.to_string(),
            ..RenderOptions::default()
        };
        bordermap::render_svg_string(&ds, &m, &opts).unwrap()
    };
    let ar = svg_in("ar");
    let rivers = labels_of(&ar, "river-label");
    assert!(rivers.iter().any(|r| r == "الفرات"), "{rivers:?}");
    assert!(
        rivers.iter().any(|r| r == "Tigris"),
        "English where the data has no Arabic: {rivers:?}"
    );
    assert!(!rivers.iter().any(|r| r == "Euphrates"), "{rivers:?}");
    let capitals = labels_of(&ar, "capital-label");
    assert!(capitals.iter().any(|c| c == "بغداد"), "{capitals:?}");
    assert!(!capitals.iter().any(|c| c == "Baghdad"), "{capitals:?}");
    let en = svg_in("en");
    assert!(
        labels_of(&en, "river-label")
            .iter()
            .any(|r| r == "Euphrates")
    );
    assert!(
        labels_of(&en, "capital-label")
            .iter()
            .any(|c| c == "Baghdad")
    );
}

/// The default map in Arabic, Kurdish and Turkish names its rivers and capitals in that
/// language: the shipped context carries `name_ar`, `name_ku` and `name_tr`.
#[test]
fn the_default_maps_rivers_and_capitals_are_named_in_every_shipped_language() {
    let (ds, m, base) = super::default_map();
    for (lang, river, capital) in [
        ("ar", "الفرات", "بغداد"),
        ("ku", "Firat", "Bexda"),
        ("tr", "Fırat", "Bağdat"),
    ] {
        let opts = RenderOptions {
            lang: lang.to_string(),
            ..base.clone()
        };
        let svg = bordermap::render_svg_string(&ds, &m, &opts).unwrap();
        let rivers = labels_of(&svg, "river-label");
        assert!(rivers.iter().any(|r| r == river), "{lang}: {rivers:?}");
        assert!(
            !rivers
                .iter()
                .any(|r| r.starts_with("Euphrates") || r == "Tigris")
        );
        let capitals = labels_of(&svg, "capital-label");
        assert!(
            capitals.iter().any(|c| c == capital),
            "{lang}: {capitals:?}"
        );
        assert!(!capitals.iter().any(|c| c == "Damascus" || c == "Baghdad"));
    }
}

#[test]
fn rivers_never_look_like_boundaries_in_any_theme() {
    let (ds, m, base) = super::default_map();
    for theme in [Theme::Light, Theme::Dark, Theme::Print] {
        let opts = RenderOptions {
            style: Style::theme(theme),
            ..base.clone()
        };
        let svg = bordermap::render_svg_string(&ds, &m, &opts).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let strokes = |class: &str| -> Vec<(String, String)> {
            doc.descendants()
                .filter(|n| n.has_tag_name("path") && class_has(n, class))
                .map(|n| {
                    (
                        n.attribute("stroke").unwrap_or("").to_string(),
                        n.attribute("stroke-width").unwrap_or("").to_string(),
                    )
                })
                .collect()
        };
        let rivers = strokes("river");
        assert!(!rivers.is_empty(), "{theme:?}: rivers drawn");
        // Country outlines are drawn as the areas' strokes.
        let outlines: Vec<(String, String)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("path") && n.attribute("data-name").is_some())
            .filter(|n| !class_has(n, "river"))
            .filter_map(|n| {
                Some((
                    n.attribute("stroke")?.to_string(),
                    n.attribute("stroke-width")?.to_string(),
                ))
            })
            .collect();
        assert!(!outlines.is_empty(), "{theme:?}: country outlines drawn");
        for r in &rivers {
            assert!(
                !outlines.iter().any(|o| o.0 == r.0),
                "{theme:?}: rivers {r:?} in the colour of a boundary"
            );
        }
        if theme == Theme::Print {
            // Greyscale: a grey band with a white core, wider than any outline.
            assert!(
                !strokes("river-core").is_empty(),
                "print rivers have a core"
            );
            let w = |s: &str| s.parse::<f64>().unwrap();
            let widest_outline = outlines.iter().map(|o| w(&o.1)).fold(0.0, f64::max);
            assert!(rivers.iter().all(|r| w(&r.1) > 2.0 * widest_outline));
        }
    }
}

#[test]
fn latin_sources_in_an_arabic_footer_are_isolated_with_their_brackets() {
    let ds = super::dataset(None);
    let m = ds.measure(Some(super::date("2026-12-01"))).unwrap();
    // The full footer: every source quoted, in Latin script, inside Arabic text.
    let opts = RenderOptions {
        lang: "ar".into(),
        editorial: bordermap::Editorial {
            footer: bordermap::FooterMode::Full,
            ..bordermap::Editorial::default()
        },
        ..RenderOptions::for_dataset(&ds).unwrap()
    };
    let svg = bordermap::render_svg_string(&ds, &m, &opts).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let mut isolated = 0;
    for t in doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && class_has(n, "footer"))
    {
        let text: String = t
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        if !text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
            continue;
        }
        // Every Latin letter sits inside a left-to-right isolate, and an isolate that opens a
        // bracket closes it (a line may continue one from the line before, or open one the
        // next line closes: its last isolate).
        let mut depth = 0;
        let mut inner = String::new();
        for (i, c) in text.char_indices() {
            let last = !text[i..].chars().any(char::is_alphabetic);
            match c {
                '\u{2066}' => {
                    depth += 1;
                    inner.clear();
                }
                '\u{2069}' if depth > 0 => {
                    depth -= 1;
                    let opens = inner.matches('(').count();
                    let closes = inner.matches(')').count();
                    assert!(
                        opens <= closes || last,
                        "unclosed bracket in {inner:?} of {text:?}"
                    );
                    isolated += 1;
                }
                c if c.is_ascii_alphabetic() => {
                    assert!(depth > 0, "Latin outside an isolate in {text:?}");
                    inner.push(c);
                }
                c if depth > 0 => inner.push(c),
                _ => {}
            }
        }
    }
    assert!(isolated > 3, "{isolated} Latin runs isolated");
}
