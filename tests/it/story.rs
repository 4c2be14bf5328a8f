//! Story files: `init` writes the embedded dataset as files that draw the same map, a story
//! renders with its paths relative to it, flags override it, unknown keys and bad values are
//! errors with file, line and column, several dates and sizes write one file each, and the
//! JSON Schema describes every key.

use std::path::Path;

use super::cmd::run_in;

/// `bordermap render -o out` of the default map, in `dir`; its bytes.
fn default_map(dir: &Path) -> Vec<u8> {
    let (code, _, err) = run_in(dir, &["render", "-o", "default.svg"]);
    assert_eq!(code, 0, "{err}");
    std::fs::read(dir.join("default.svg")).unwrap()
}

#[test]
fn init_writes_files_that_draw_the_built_in_map() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run_in(dir.path(), &["init", "news"]);
    assert_eq!(code, 0, "{err}");
    for f in [
        "news/story.toml",
        "news/iraq-syria.toml",
        "news/data/iraq-syria-border-10m.geojson",
        "news/data/places.geojson",
        "news/data/rivers-50m.geojson",
        "news/data/context-10m.geojson",
        "news/data/SOURCE.md",
    ] {
        assert!(dir.path().join(f).is_file(), "init wrote no {f}");
    }
    // Rendered from another directory: the story's paths are relative to it.
    let elsewhere = tempfile::tempdir().unwrap();
    let story = dir.path().join("news/story.toml");
    let (code, _, err) = run_in(elsewhere.path(), &["render", story.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let from_story = std::fs::read(dir.path().join("news/iraq-syria.svg")).unwrap();
    assert!(
        from_story == default_map(elsewhere.path()),
        "the story init wrote draws another map than the built-in one"
    );
    // init never overwrites: a second run refuses and leaves the edited file as it is.
    std::fs::write(&story, "title = \"Edited\"\n").unwrap();
    let (code, _, err) = run_in(dir.path(), &["init", "news"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("already holds") && err.contains("hint:"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&story).unwrap(),
        "title = \"Edited\"\n"
    );
}

#[test]
fn the_shipped_story_renders_where_it_sits() {
    let dir = tempfile::tempdir().unwrap();
    let story = super::repo("assets/story.toml");
    let (code, _, err) = run_in(
        dir.path(),
        &["render", "--story", story.to_str().unwrap(), "-o", "s.svg"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(dir.path().join("s.svg")).unwrap() == default_map(dir.path()));
}

#[test]
fn flags_override_the_story_and_its_words_and_markers_reach_the_map() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s.toml"),
        r#"
title = "From the story"
subtitle = "A subtitle of the story"
as_of = 2026-12-07
size = "inline"
output = "m.svg"

[[marker]]
lon = 41.01
lat = 34.40
label = "Al-Qaim crossing"
symbol = "crossing"

[[callout]]
text = "Wall under way"
km = 120
"#,
    )
    .unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &["render", "s.toml", "--title", "From the flag"],
    );
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(dir.path().join("m.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("640"), "size = inline");
    let texts: String = doc
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("|");
    assert!(texts.contains("From the flag"), "the flag's title wins");
    assert!(
        !texts.contains("From the story"),
        "the story's title is overridden"
    );
    assert!(texts.contains("A subtitle of the story"));
    let marker = doc
        .descendants()
        .find(|n| super::class_has(n, "marker"))
        .expect("the story's marker is drawn");
    assert_eq!(marker.attribute("data-symbol"), Some("crossing"));
    assert!(texts.contains("Al-Qaim crossing") && texts.contains("Wall under way"));
    // The story's date is the map's: the 2026 handover, not the layers file's 2024-05-12.
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert!(desc.contains("2026"), "{desc}");
}

#[test]
fn a_bad_story_is_one_error_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[&str])] = &[
        (
            "output = \"m.svg\"\ntitel = \"x\"\n",
            &[
                "s.toml:2:1",
                "unknown key `titel`",
                "did you mean `title`",
                "hint:",
            ],
        ),
        (
            "output = \"m.svg\"\nsize = \"tablet\"\n",
            &["s.toml:2:8", "hint:"],
        ),
        (
            "output = \"m.svg\"\nas_of = \"2026-13-01\"\n",
            &["s.toml:2:9", "2026-13-01", "month", "hint:"],
        ),
        (
            "output = \"m.svg\"\n[[marker]]\nlon = 200\nlat = 30\nlabel = \"X\"\n",
            &["\"X\"", "longitude 200", "hint:"],
        ),
        (
            "size = [\"phone\", \"web\"]\noutput = \"m.svg\"\n",
            &["2 maps would all be written", "{size}", "hint:"],
        ),
        ("title = \"no output\"\n", &["no output file", "hint:"]),
    ];
    for (text, says) in cases {
        std::fs::write(dir.path().join("s.toml"), text).unwrap();
        let (code, _, err) = run_in(dir.path(), &["render", "s.toml"]);
        assert_eq!(code, 2, "{text}: {err}");
        assert_eq!(err.lines().count(), 1, "{text}: one line: {err}");
        for s in *says {
            assert!(err.contains(s), "{text}: {err:?} should say {s:?}");
        }
        assert!(
            !dir.path().join("m.svg").exists(),
            "{text}: nothing written"
        );
    }
}

#[test]
fn several_dates_and_sizes_write_one_map_each() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s.toml"),
        "as_of = [2014-01-01, \"2026-12-07\"]\nsize = [\"phone\", \"web\"]\noutput = \"out/m-{as_of}-{size}.svg\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let (code, _, err) = run_in(dir.path(), &["render", "s.toml"]);
    assert_eq!(code, 0, "{err}");
    for (date, size, width) in [
        ("2014-01-01", "phone", "360"),
        ("2014-01-01", "web", "1200"),
        ("2026-12-07", "phone", "360"),
        ("2026-12-07", "web", "1200"),
    ] {
        let svg =
            std::fs::read_to_string(dir.path().join(format!("out/m-{date}-{size}.svg"))).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert_eq!(doc.root_element().attribute("width"), Some(width));
    }
    let a = std::fs::read(dir.path().join("out/m-2014-01-01-web.svg")).unwrap();
    let b = std::fs::read(dir.path().join("out/m-2026-12-07-web.svg")).unwrap();
    assert!(a != b, "two dates, two maps");
    // One frame and one scale bar for the dates of one size (these two differ drawn alone).
    let scale_bar = |bytes: &[u8]| {
        let svg = String::from_utf8(bytes.to_vec()).unwrap();
        let px = svg
            .split("data-length-px=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .map(str::to_string);
        px.expect("a scale bar with its length in px")
    };
    assert_eq!(scale_bar(&a), scale_bar(&b));
    let alone = |date: &str| {
        let out = format!("alone-{date}.svg");
        let (code, _, err) = run_in(dir.path(), &["render", "--as-of", date, "-o", &out]);
        assert_eq!(code, 0, "{err}");
        scale_bar(&std::fs::read(dir.path().join(out)).unwrap())
    };
    assert_ne!(
        alone("2014-01-01"),
        alone("2026-12-07"),
        "drawn alone, the frames differ"
    );
}

#[test]
fn the_schema_describes_every_key_and_refuses_others() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run_in(dir.path(), &["schema", "story"]);
    assert_eq!(code, 0, "{err}");
    let schema: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    let props = schema["properties"].as_object().unwrap();
    for key in [
        "border", "as_of", "title", "note", "marker", "callout", "stretch", "size", "output",
    ] {
        let p = &props[key];
        assert!(
            p["description"].as_str().is_some_and(|d| !d.is_empty()),
            "{key} is described"
        );
    }
    // The shipped story's keys are all in the schema.
    let shipped: toml::Table =
        toml::from_str(&std::fs::read_to_string(super::repo("assets/story.toml")).unwrap())
            .unwrap();
    for k in shipped.keys() {
        assert!(props.contains_key(k), "{k}");
    }
}

#[test]
fn a_flag_that_says_a_setting_another_way_replaces_the_storys() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s.toml"),
        "bbox = [40.0, 33.5, 42.5, 35.5]\nscale = 2.0\noutput = \"s.png\"\n",
    )
    .unwrap();
    // `--center`/`--zoom-km` over the story's `bbox`, `--dpi` over its `scale`: the flags'
    // map, not a "given twice" error.
    let over = ["--center", "41.0,34.4", "--zoom-km", "60", "--dpi", "96"];
    let mut args = vec!["render", "s.toml"];
    args.extend(over);
    let (code, _, err) = run_in(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    let mut plain = vec!["render", "-o", "flags.png"];
    plain.extend(over);
    let (code, _, err) = run_in(dir.path(), &plain);
    assert_eq!(code, 0, "{err}");
    let read = |f: &str| std::fs::read(dir.path().join(f)).unwrap();
    assert!(
        read("s.png") == read("flags.png"),
        "the story's view or scale was kept"
    );
    // Both ways at once on the command line is still an error.
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "render",
            "s.toml",
            "--bbox",
            "40,33,42,35",
            "--center",
            "41,34",
            "--zoom-km",
            "60",
        ],
    );
    assert_eq!(code, 2, "{err}");
}

/// The README's worked examples (`examples/stories/*.toml`) render without an error or a
/// warning; the print graphic keeps the editor's marks greyscale.
#[test]
fn the_worked_example_stories_render_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let stories = super::repo("examples/stories");
    let mut n = 0;
    for entry in std::fs::read_dir(&stories).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        n += 1;
        let out = dir.path().join("out.svg");
        let (code, _, err) = run_in(
            dir.path(),
            &[
                "render",
                path.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--format",
                "svg",
            ],
        );
        assert_eq!(code, 0, "{}: {err}", path.display());
        assert!(!err.contains("warning"), "{}: {err}", path.display());
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(
            svg.contains("class=\"annotation marker\""),
            "{}",
            path.display()
        );
        if path.to_string_lossy().contains("print") {
            assert!(
                !svg.contains("#c2185b"),
                "the print graphic has the editor's magenta"
            );
        }
    }
    assert_eq!(n, 2, "the README shows two stories of examples/stories");
}
