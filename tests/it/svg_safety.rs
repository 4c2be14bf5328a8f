//! Hostile values in every field that reaches the SVG: the dataset title and attribution, a
//! layer's title, its value names, sources, cites and unplaced claims, place names. Each holds
//! quotes, markup (`<script>`), `]]>`, `&` (and an entity), or bidi controls. The written SVG
//! must parse, every value must read back as exactly the text given (apart from the isolates
//! U+2066…U+2069 the layout puts around right-to-left text), and it must hold no `<script>`
//! element and no `on*` attribute.

use std::path::Path;

use super::class_has;
use super::cmd::{arg, run_in};

const TITLE: &str = "Map \"x\" <script>alert(1)</script> ]]> & \u{202E}title\u{202C}";
const LAYER_TITLE: &str = "Held by 'who' <b>&amp; ]]>";
const V1: &str = "SDF \"north\" <script>x</script> & ]]>";
const V2: &str = "قوات <i>\"سوريا\"</i> & ]]> \u{202E}";
// Long enough that a phone page's footer cites the sources instead of quoting them.
const SOURCE1: &str = concat!(
    "Source \"one\" <script>alert(2)</script> & ]]> \u{200F}, quoted at length: ",
    "“the northern stretch of the border, from the tripoint to the river crossing, is held ",
    "by the forces named in this claim, as reported on the date given, and the stretch to ",
    "the south of the crossing is held by the other side, as the second source says”"
);
const SOURCE2: &str = "Source 'two' <![CDATA[x]]> &lt; \u{202B}";
const CITE1: &str = "Cite \"1\" <x> &";
const CITE2: &str = "Cite 'ب' ]]> &amp;";
const ATTRIBUTION: &str = "Data: \"me\" <script> & ]]>";
const UNPLACED: &str = "Unplaced \"u\" <script>alert(3)</script> & ]]>";
const PLACE1: &str = "Town \"A\" <script>";
const PLACE2: &str = "قرية 'ب' & ]]>";

/// A TOML basic string holding `s` (JSON's escapes are TOML's).
fn toml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Writes the border, places and layers files into `dir`.
fn write_dataset(dir: &Path) {
    let border = serde_json::json!({
        "type": "Feature",
        "properties": {"name": TITLE},
        "geometry": {"type": "LineString", "coordinates": [
            [41.3, 37.0], [41.0, 36.4], [40.9, 35.8], [40.6, 35.2], [40.3, 34.8], [40.0, 34.5]
        ]},
    });
    std::fs::write(dir.join("border.geojson"), border.to_string()).unwrap();
    let place = |name: &str, lon: f64, lat: f64| {
        serde_json::json!({
            "type": "Feature",
            "properties": {"name": name, "country": "SYR", "kind": "town"},
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
        })
    };
    let places = serde_json::json!({
        "type": "FeatureCollection",
        "features": [place(PLACE1, 41.6, 36.6), place(PLACE2, 40.1, 35.3)],
    });
    std::fs::write(dir.join("places.geojson"), places.to_string()).unwrap();
    let layers = format!(
        r#"[dataset]
title = {title}
as_of = 2024-05-12
attribution = [{attribution}]

[[layer]]
id = "authority"
title = {layer_title}

[[layer.interval]]
value = {v1}
from = "start"
to = {{ km = 150 }}
as_of = 2024-05-12
source = {s1}
cite = {c1}

[[layer.interval]]
value = {v2}
from = {{ km = 150 }}
to = "end"
as_of = 2024-05-12
source = {s2}
cite = {c2}

[[layer.unplaced]]
value = {v1}
as_of = 2024-05-12
source = {unplaced}
cite = {c1}
"#,
        title = toml_str(TITLE),
        attribution = toml_str(ATTRIBUTION),
        layer_title = toml_str(LAYER_TITLE),
        v1 = toml_str(V1),
        v2 = toml_str(V2),
        s1 = toml_str(SOURCE1),
        s2 = toml_str(SOURCE2),
        c1 = toml_str(CITE1),
        c2 = toml_str(CITE2),
        unplaced = toml_str(UNPLACED),
    );
    std::fs::write(dir.join("layers.toml"), layers).unwrap();
}

/// `s` without the isolates the layout adds around right-to-left text.
fn without_isolates(s: &str) -> String {
    s.chars()
        .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
        .collect()
}

/// An element's text as a reader gets it back (its text and its descendants', in order),
/// without the isolates.
fn read_back(n: roxmltree::Node<'_, '_>) -> String {
    without_isolates(
        &n.descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect::<String>(),
    )
}

/// Renders the hostile dataset with `extra` flags and checks what the SVG holds; `labels`: the
/// place names drawn as labels (a small page leaves out one that collides); `drawn`: the
/// values the page must show (the footer quotes the sources, or cites them on small pages).
fn check(extra: &[&str], labels: &[&str], drawn: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    write_dataset(dir.path());
    let out = dir.path().join("map.svg");
    let mut args = vec![
        "render",
        "border.geojson",
        "--layers",
        "layers.toml",
        "--places",
        "places.geojson",
        "-o",
        arg(&out),
    ];
    args.extend_from_slice(extra);
    let (code, _, stderr) = run_in(dir.path(), &args);
    assert_eq!(code, 0, "render {extra:?} failed: {stderr}");
    let svg = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&svg)
        .unwrap_or_else(|e| panic!("the SVG ({extra:?}) does not parse: {e}"));

    // Nothing runs: no script element, no event-handler attribute.
    for n in doc.descendants().filter(|n| n.is_element()) {
        assert!(
            !n.tag_name().name().eq_ignore_ascii_case("script"),
            "a <script> element"
        );
        for a in n.attributes() {
            assert!(
                !a.name().to_ascii_lowercase().starts_with("on"),
                "an event attribute {}={:?}",
                a.name(),
                a.value()
            );
        }
    }

    let root = doc.root_element();
    let child = |name: &str| {
        root.children()
            .find(|n| n.has_tag_name(name))
            .unwrap_or_else(|| panic!("no <{name}>"))
    };
    // The accessible title is the dataset title, exactly.
    assert_eq!(read_back(child("title")), TITLE);
    // The description quotes every source and claim in full.
    let desc = read_back(child("desc"));
    for v in [V1, V2, LAYER_TITLE, SOURCE1, SOURCE2, UNPLACED, ATTRIBUTION] {
        assert!(desc.contains(v), "{v:?} not in the description: {desc:?}");
    }

    // Each segment carries its value exactly, in `data-authority` and in its tooltip.
    let segments: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && class_has(n, "segment"))
        .collect();
    assert_eq!(segments.len(), 2, "{extra:?}");
    for (s, v) in segments.iter().zip([V1, V2]) {
        assert_eq!(s.attribute("data-authority"), Some(v));
        let tip = read_back(s.children().find(|n| n.has_tag_name("title")).unwrap());
        assert!(tip.contains(v), "tooltip {tip:?} lacks {v:?}");
    }

    // The texts drawn: the place names are labels of their own, exactly; the value names and
    // layer title (legend), the attribution and `drawn` (footer) read back whole.
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(read_back)
        .collect();
    for p in labels {
        assert!(
            texts.iter().any(|t| t == p),
            "no label reads back as {p:?} ({extra:?}): {texts:#?}"
        );
    }
    // Long texts wrap at spaces, over several lines.
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let all = words(&texts.join(" "));
    for v in [V1, V2, LAYER_TITLE, ATTRIBUTION].iter().chain(drawn) {
        assert!(
            all.contains(&words(v)),
            "{v:?} not drawn ({extra:?}): {texts:#?}"
        );
    }
}

#[test]
fn hostile_values_read_back_exactly() {
    check(&[], &[PLACE1, PLACE2], &[SOURCE1, SOURCE2, UNPLACED]);
}

#[test]
fn hostile_values_read_back_exactly_on_a_phone_page() {
    check(&["--size", "phone"], &[PLACE2], &[CITE1, CITE2]);
}

/// A character XML cannot carry (U+0001, ESC, U+FFFF) in any text is one error naming where
/// it is, exit 2, and no file written: the editor's words, markers, the layers file (with its
/// line) and places; a context name, which only the SVG's last check sees, likewise.
#[test]
fn control_characters_are_refused_with_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    write_dataset(dir.path());
    let base = [
        "render",
        "border.geojson",
        "--layers",
        "layers.toml",
        "--places",
        "places.geojson",
        "-o",
        "map.svg",
    ];
    let flag_cases: &[(&[&str], &[&str])] = &[
        (
            &["--title", "Bad\u{1}title"],
            &["the title", "U+0001", "Bad\\u{1}title"],
        ),
        (&["--note", "x\u{1b}[31m"], &["a note", "U+001B"]),
        (&["--credit", "c\u{ffff}"], &["the credit", "U+FFFF"]),
        (
            &["--marker", "40.5,35,Ma\u{1}rker"],
            &["an annotation", "U+0001"],
        ),
    ];
    for (extra, says) in flag_cases {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        let (code, _, err) = run_in(dir.path(), &args);
        assert_eq!(code, 2, "{extra:?}: {err}");
        for s in *says {
            assert!(err.contains(s), "{extra:?}: {err} should say {s}");
        }
        assert!(err.contains("hint:"), "{err}");
        assert!(
            !dir.path().join("map.svg").exists(),
            "{extra:?}: nothing written"
        );
    }
    // In the layers file: the claim's line is named.
    let layers = std::fs::read_to_string(dir.path().join("layers.toml")).unwrap();
    let bad = layers.replacen(
        "source = \"Source 'two'",
        "source = \"Source \\u0001 'two'",
        1,
    );
    assert_ne!(bad, layers);
    std::fs::write(dir.path().join("bad.toml"), &bad).unwrap();
    let line = bad.lines().position(|l| l.contains("\\u0001")).unwrap();
    // The interval's table starts a few lines above its source; the error names that line.
    let interval_line = bad
        .lines()
        .take(line)
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| l.starts_with("[[layer.interval]]"))
        .unwrap()
        + 1;
    let mut args = base.to_vec();
    args[3] = "bad.toml";
    let (code, _, err) = run_in(dir.path(), &args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("bad.toml:{interval_line}:")), "{err}");
    assert!(err.contains("a claim") && err.contains("U+0001"), "{err}");
    // A context name reaches only the map: the SVG's own check refuses it, for SVG and PNG.
    let context = serde_json::json!({
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature",
            "properties": {"layer": "place", "name": "Ci\u{1}ty"},
            "geometry": {"type": "Point", "coordinates": [40.6, 35.6]},
        }],
    });
    std::fs::write(dir.path().join("ctx.geojson"), context.to_string()).unwrap();
    for out in ["map.svg", "map.png"] {
        let mut args = base.to_vec();
        args[7] = out;
        args.extend_from_slice(&["--context", "ctx.geojson"]);
        let (code, _, err) = run_in(dir.path(), &args);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("U+0001") && err.contains("Ci\\u{1}ty"),
            "{err}"
        );
        assert!(!dir.path().join(out).exists());
    }
}

/// An override left open in one source (U+202E) is kept to that source: the footer isolates
/// it (U+2068 … U+2069), so the next source reads as written.
#[test]
fn an_open_override_in_a_source_does_not_reverse_the_next() {
    let dir = tempfile::tempdir().unwrap();
    write_dataset(dir.path());
    let layers = std::fs::read_to_string(dir.path().join("layers.toml")).unwrap();
    let bad = layers.replacen(
        "source = \"Source \\\"one\\\"",
        "source = \"\\u202eSource \\\"one\\\"",
        1,
    );
    assert_ne!(bad, layers);
    std::fs::write(dir.path().join("layers.toml"), bad).unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "render",
            "border.geojson",
            "--layers",
            "layers.toml",
            "--footer",
            "full",
            "-o",
            "m.svg",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(dir.path().join("m.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let footer: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && class_has(n, "footer"))
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(footer.contains("\u{2068}\u{202e}Source"), "{footer:?}");
    let after = footer.split("\u{2068}\u{202e}").nth(1).unwrap();
    assert!(
        after.contains('\u{2069}'),
        "the isolate is closed: {after:?}"
    );
}
