//! One CLI grammar (issue 22 part 3): every command writes what `-f/--format` names (each the
//! formats it can write), else what `-o`'s extension names, else its default; the same word
//! means the same in every command; a format or extension a command does not write is exit 2
//! with a hint; old spellings keep working, a deprecated word with a note.

use std::path::Path;

use serde_json::Value;

use super::cmd::{arg, run_in};
use super::repo;

/// What a command wrote, told from its bytes (each parsed, not guessed from a name).
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Kind {
    Table,
    Json,
    Csv,
    Geojson,
    Junit,
    Svg,
    Png,
    Pdf,
    Html,
}

fn kind_of(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Kind::Png;
    }
    if bytes.starts_with(b"%PDF-") {
        return Kind::Pdf;
    }
    let text = std::str::from_utf8(bytes).expect("text output is UTF-8");
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return match v["type"].as_str() {
            Some("FeatureCollection" | "Feature") => Kind::Geojson,
            _ => Kind::Json,
        };
    }
    let head = text.trim_start();
    if head.starts_with("<!DOCTYPE html") || head.starts_with("<html") {
        return Kind::Html;
    }
    if head.starts_with('<') {
        let doc = roxmltree::Document::parse(text).expect("XML output parses");
        return match doc.root_element().tag_name().name() {
            "svg" => Kind::Svg,
            "testsuite" => Kind::Junit,
            other => panic!("unexpected XML root {other}"),
        };
    }
    // CSV: every row has the header's number of fields, more than one.
    let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .collect::<Result<_, _>>()
        .unwrap_or_default();
    let width = rows.first().map_or(0, csv::StringRecord::len);
    let header_is_words = rows.first().is_some_and(|r| {
        r.iter()
            .all(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    });
    if width > 1 && header_is_words && rows.iter().all(|r| r.len() == width) {
        return Kind::Csv;
    }
    Kind::Table
}

/// A command's base arguments and the formats it writes, its default first (`-f` word, kind).
type Command = (Vec<String>, Vec<(&'static str, Kind)>);

/// Each command's base arguments and the formats it writes.
fn commands() -> Vec<Command> {
    let countries = repo("tests/data/countries-10m.json");
    let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    use Kind::*;
    vec![
        (
            s(&["measure"]),
            vec![
                ("table", Table),
                ("json", Json),
                ("csv", Csv),
                ("geojson", Geojson),
            ],
        ),
        (
            s(&["check", "-e", "gaps=0"]),
            vec![("table", Table), ("json", Json), ("junit", Junit)],
        ),
        (
            s(&[
                "diff",
                "--from",
                "2024-05-12",
                "--to",
                "2026-11-30",
                "--size",
                "inline",
            ]),
            vec![
                ("table", Table),
                ("json", Json),
                ("csv", Csv),
                ("svg", Svg),
                ("png", Png),
                ("pdf", Pdf),
            ],
        ),
        (
            s(&["timeline", "--size", "inline"]),
            vec![
                ("table", Table),
                ("json", Json),
                ("csv", Csv),
                ("svg", Svg),
                ("png", Png),
                ("pdf", Pdf),
                ("html", Html),
            ],
        ),
        (
            s(&["resolution"]),
            vec![("table", Table), ("json", Json), ("csv", Csv), ("svg", Svg)],
        ),
        (
            s(&["render", "--size", "inline"]),
            vec![("svg", Svg), ("png", Png), ("pdf", Pdf)],
        ),
        (
            vec![
                "extract".into(),
                "--between".into(),
                "Iraq,Syria".into(),
                countries.to_string_lossy().into_owned(),
            ],
            vec![("geojson", Geojson)],
        ),
    ]
}

/// The extension that names a `-f` word.
fn extension(word: &str) -> &str {
    match word {
        "table" => "txt",
        "junit" => "xml",
        other => other,
    }
}

/// Runs `base` + `extra` in `dir`; returns (exit code, stdout, stderr), failing on a panic.
fn run_args(dir: &Path, base: &[String], extra: &[&str]) -> (i32, Vec<u8>, String) {
    let mut args: Vec<&str> = base.iter().map(String::as_str).collect();
    args.extend_from_slice(extra);
    super::cmd::run_with(dir, &args, None)
}

/// Command `index` of [`commands`] × every format it writes: `-f WORD` to stdout writes that
/// format, and `-o out.EXT` alone, the extension naming it, writes the same bytes.
fn writes_every_format_it_names_by_flag_or_extension(index: usize) {
    let dir = tempfile::tempdir().unwrap();
    let (base, formats) = commands().swap_remove(index);
    for (word, kind) in formats {
        let what = format!("{} -f {word}", base[0]);
        let (code, stdout, stderr) = run_args(dir.path(), &base, &["-f", word, "-o", "-"]);
        assert_eq!(code, 0, "{what}: {stderr}");
        assert_eq!(kind_of(&stdout), kind, "{what} to stdout");
        assert!(!stderr.contains("deprecated"), "{what}: {stderr}");
        let named = dir.path().join(format!("out.{}", extension(word)));
        let (code, _, stderr) = run_args(dir.path(), &base, &["-o", arg(&named)]);
        assert_eq!(code, 0, "{} -o {}: {stderr}", base[0], named.display());
        let written = std::fs::read(&named).unwrap();
        assert_eq!(
            kind_of(&written),
            kind,
            "{} -o {}",
            base[0],
            named.display()
        );
        // Only a JUnit report, which carries its times, differs run to run.
        if kind != Kind::Junit {
            assert!(
                written == stdout,
                "{what}: the extension names the same output"
            );
        }
    }
}

#[test]
fn measure_writes_table_json_csv_geojson() {
    writes_every_format_it_names_by_flag_or_extension(0);
}

#[test]
fn check_writes_table_json_junit() {
    writes_every_format_it_names_by_flag_or_extension(1);
}

#[test]
fn diff_writes_table_json_csv_svg_png_pdf() {
    writes_every_format_it_names_by_flag_or_extension(2);
}

#[test]
fn timeline_writes_table_json_csv_svg_png_pdf_html() {
    writes_every_format_it_names_by_flag_or_extension(3);
}

#[test]
fn resolution_writes_table_json_csv_svg() {
    writes_every_format_it_names_by_flag_or_extension(4);
}

#[test]
fn render_writes_svg_png_pdf() {
    writes_every_format_it_names_by_flag_or_extension(5);
}

#[test]
fn extract_writes_geojson() {
    writes_every_format_it_names_by_flag_or_extension(6);
}

/// `-f` and `--format` are one flag; `-f` wins over `-o`'s extension, even one no command
/// names: `measure -f csv -o out.json` writes CSV, `render -f png -o map.svg` a PNG.
#[test]
fn the_flag_overrides_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    for (args, file, kind) in [
        (
            &["measure", "-f", "csv", "-o", "out.json"][..],
            "out.json",
            Kind::Csv,
        ),
        (
            &["measure", "--format", "geojson", "-o", "out.dat"],
            "out.dat",
            Kind::Geojson,
        ),
        (
            &["render", "-f", "png", "-o", "map.svg"],
            "map.svg",
            Kind::Png,
        ),
        (
            &["check", "-e", "gaps=0", "--format", "junit", "-o", "ci.dat"],
            "ci.dat",
            Kind::Junit,
        ),
        (
            &["resolution", "--format", "csv", "-o", "res.txt"],
            "res.txt",
            Kind::Csv,
        ),
    ] {
        let (code, stdout, stderr) = run_in(dir.path(), args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?} writes the file only");
        let written = std::fs::read(dir.path().join(file)).unwrap();
        assert_eq!(kind_of(&written), kind, "{args:?}");
    }
}

/// With neither `-f` nor an extension (stdout, `-`, or a name without one), each command writes
/// its default: a table, or (render) SVG, or (extract) GeoJSON.
#[test]
fn without_flag_or_extension_each_command_writes_its_default() {
    let dir = tempfile::tempdir().unwrap();
    for (base, formats) in commands() {
        let default = formats[0].1;
        let (code, stdout, stderr) = run_args(dir.path(), &base, &["-o", "-"]);
        assert_eq!(code, 0, "{}: {stderr}", base[0]);
        assert_eq!(kind_of(&stdout), default, "{} -o -", base[0]);
        let bare = dir.path().join("out");
        let (code, _, stderr) = run_args(dir.path(), &base, &["-o", arg(&bare)]);
        assert_eq!(code, 0, "{}: {stderr}", base[0]);
        assert_eq!(
            kind_of(&std::fs::read(&bare).unwrap()),
            default,
            "{} -o out",
            base[0]
        );
    }
}

/// A format a command does not write is refused by the flag's parser (exit 2), which lists the
/// formats the command writes; an extension it does not write is exit 2 naming the file, the
/// command, and the formats and extensions it does write; nothing is written.
#[test]
fn a_format_or_extension_a_command_does_not_write_is_exit_2_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    for (base, formats) in commands() {
        let words: Vec<&str> = formats.iter().map(|f| f.0).collect();
        let alien = ["geojson", "html", "junit", "png", "table"]
            .into_iter()
            .find(|w| !words.contains(w))
            .unwrap();
        let (code, stdout, stderr) = run_args(dir.path(), &base, &["-f", alien]);
        assert_eq!(code, 2, "{} -f {alien}: {stderr}", base[0]);
        assert!(stdout.is_empty());
        assert!(
            stderr.contains(&format!("invalid value '{alien}'")),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!("[possible values: {}]", words.join(", "))),
            "{} lists its formats: {stderr}",
            base[0]
        );
        let out = dir.path().join("map.jpg");
        let (code, stdout, stderr) = run_args(dir.path(), &base, &["-o", arg(&out)]);
        assert_eq!(code, 2, "{} -o map.jpg: {stderr}", base[0]);
        assert!(stdout.is_empty());
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("bordermap: error: "))
            .collect();
        assert_eq!(errors.len(), 1, "one error line: {stderr}");
        let e = errors[0];
        assert!(e.contains("map.jpg"), "names the file: {e}");
        assert!(e.contains("does not write .jpg files"), "{e}");
        assert!(e.contains(&format!("-f {}", words.join("|"))), "{e}");
        assert!(!out.exists(), "{}: nothing written", base[0]);
    }
    // An extension another command writes: `measure -o map.svg` points to the formats measure has.
    let (code, _, stderr) = run_in(dir.path(), &["measure", "-o", "map.svg"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("measure does not write .svg files")
            && stderr.contains("name the output .json, .csv or .geojson (.txt or no extension: a table), or give -f table|json|csv|geojson"),
        "{stderr}"
    );
    // `--per-feature` writes three of measure's four.
    let (code, _, stderr) = run_in(dir.path(), &["measure", "--per-feature", "-f", "geojson"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("not geojson") && stderr.contains("-f json"),
        "{stderr}"
    );
}

/// The old spellings: `diff`/`timeline` took `-f table|json|csv` for the report and
/// `--format svg|png|pdf` for the image; both still write what they wrote, and the spellings
/// the issue found to be errors (`diff --format json`, `timeline --format csv`, `diff -f svg`)
/// now work. `check -f text` is `-f table`, with a deprecation note on stderr. The one old
/// spelling that changes: both at once (where `-f` won) is now exit 2.
#[test]
fn old_spellings_keep_working_and_the_deprecated_word_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let diff = |extra: &[&str]| {
        let mut a = vec!["diff", "--from", "2024-05-12", "--to", "2026-11-30"];
        a.extend_from_slice(extra);
        super::cmd::run_with(dir.path(), &a, None)
    };
    let (_, short_json, _) = diff(&["-f", "json"]);
    let (code, long_json, stderr) = diff(&["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(kind_of(&long_json), Kind::Json);
    assert!(short_json == long_json);
    let (code, svg, _) = diff(&["-f", "svg"]);
    assert_eq!(code, 0);
    assert_eq!(kind_of(&svg), Kind::Svg);
    let (code, _, stderr) = diff(&["-f", "json", "--format", "svg"]);
    assert_eq!(code, 2, "two formats at once");
    assert!(stderr.contains("cannot be used multiple times"), "{stderr}");
    let (code, csv, stderr) =
        super::cmd::run_with(dir.path(), &["timeline", "--format", "csv"], None);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(kind_of(&csv), Kind::Csv);

    let check =
        |word: &str| super::cmd::run_with(dir.path(), &["check", "-f", word, "-e", "gaps=0"], None);
    let (code, text, stderr) = check("text");
    assert_eq!(code, 0);
    assert_eq!(
        stderr.trim(),
        "bordermap: note: `check -f text` is deprecated; write `-f table` (the same output)"
    );
    let (_, table, stderr) = check("table");
    assert!(text == table, "text is table");
    assert!(stderr.is_empty(), "{stderr}");
    // The deprecated word is not offered in the help.
    let (_, help, _) = run_in(dir.path(), &["check", "--help"]);
    assert!(help.contains("table") && !help.contains("text]"), "{help}");
}

/// Issue 21: `-o .png` wrote an SVG. A name that is only an extension names that format.
#[test]
fn a_name_that_is_only_an_extension_names_the_format() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, kind) in [
        (".png", Kind::Png),
        (".pdf", Kind::Pdf),
        (".svg", Kind::Svg),
    ] {
        let out = tmp.path().join(name);
        let (code, _, stderr) = run_in(tmp.path(), &["render", "-o", arg(&out)]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert_eq!(kind_of(&std::fs::read(&out).unwrap()), kind, "{name}");
    }
    let out = tmp.path().join(".json");
    let (code, _, stderr) = run_in(tmp.path(), &["measure", "-o", arg(&out)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(kind_of(&std::fs::read(&out).unwrap()), Kind::Json);
}
