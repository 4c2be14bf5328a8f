//! The `bordermap` command, run as a user runs it (hermetic: empty environment, a temporary
//! working directory): every command's output, exit codes and error messages.

use predicates::prelude::*;
use serde_json::Value;

use super::cmd::{bordermap, run, run_in, run_with, stdout_of};
use super::*;

/// Asserts an exit code of 2, nothing on stdout and exactly one error line on stderr saying all
/// of `says` (warnings about the data may precede it).
#[track_caller]
fn assert_input_error(args: &[&str], says: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 2, "bordermap {args:?}: {stderr}");
    assert!(stdout.is_empty(), "nothing on stdout: {stdout}");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("bordermap: error: "))
        .collect();
    assert_eq!(errors.len(), 1, "one error line: {stderr}");
    assert!(
        stderr.lines().all(|l| l.starts_with("bordermap: ")),
        "only bordermap's lines: {stderr}"
    );
    for s in says {
        assert!(errors[0].contains(s), "{:?} should say {s:?}", errors[0]);
    }
    errors[0].to_string()
}

#[test]
fn measure_prints_a_table_in_km() {
    let (code, stdout, stderr) = run(&["measure"]);
    assert_eq!(code, 0, "{stderr}");
    let first = stdout.lines().next().unwrap();
    assert!(
        first.contains("599.3 km") && first.contains("as of 2024-05-12"),
        "{first}"
    );
    assert!(
        stdout.contains("geodesic on the WGS84 ellipsoid"),
        "the method is stated"
    );
    for s in [
        "SDF",
        "Damascus government",
        "al-Tanf zone",
        "built",
        "100.0 %",
    ] {
        assert!(stdout.contains(s), "table shows {s}: {stdout}");
    }
    // The totals table ends each layer with the whole length.
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("total") && l.contains("599.3"))
    );
}

fn measure_json(args: &[&str]) -> Value {
    let mut all = vec!["measure", "--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(&all);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

/// The JSON contract: the keys others parse, with consistent numbers.
#[test]
fn measure_json_has_the_contract_keys() {
    let j = measure_json(&[]);
    let total = j["total_m"].as_f64().unwrap();
    assert_near("total_m", total, 599_285.645, MM);
    assert!(j["method"].as_str().unwrap().contains("WGS84"));
    assert_eq!(j["as_of"], "2024-05-12");
    assert!(j["warnings"].is_array());
    let segs = j["segments"].as_array().unwrap();
    assert!(segs.len() >= 3);
    let mut at = 0.0;
    let mut sum = 0.0;
    for s in segs {
        let (from, to, len) = (
            s["from_m"].as_f64().unwrap(),
            s["to_m"].as_f64().unwrap(),
            s["length_m"].as_f64().unwrap(),
        );
        assert_near("segments meet", from, at, MM);
        assert_near("length_m", len, to - from, MM);
        at = to;
        sum += len;
        let values = s["values"].as_object().unwrap();
        assert!(
            values["authority"].is_string() && values["wall"].is_string(),
            "{s}"
        );
        let sources = s["sources"].as_array().unwrap();
        assert!(
            !sources.is_empty() && sources.iter().all(Value::is_string),
            "{s}"
        );
    }
    assert_near("last to_m", at, total, MM);
    assert_near("sum of segments", sum, total, 0.01);
    let totals = j["totals"].as_object().unwrap();
    for layer in ["authority", "wall"] {
        let vals = totals[layer].as_object().unwrap();
        let len: f64 = vals.values().map(|v| v["length_m"].as_f64().unwrap()).sum();
        let share: f64 = vals.values().map(|v| v["share"].as_f64().unwrap()).sum();
        assert_near(layer, len, total, 0.01);
        assert!((share - 1.0).abs() < 1e-5, "{layer} shares sum to {share}");
    }
    let sdf = totals["authority"]["SDF"]["length_m"].as_f64().unwrap();
    // From the start to the Euphrates crossing, computed independently in reference.json.
    let want = num(&reference()["ne10m"]["euphrates_crossings"][0]["along_m"]);
    assert_near("SDF", sdf, want, MM);
}

/// `--as-of today` is the system's date (the one input that depends on when bordermap runs).
#[test]
fn as_of_today_is_the_systems_date() {
    let (code, stdout, stderr) = run(&["measure", "--format", "json", "--as-of", "today"]);
    assert_eq!(code, 0, "{stderr}");
    let j: Value = serde_json::from_str(&stdout).unwrap();
    // (Fails only if the day changed while the command ran.)
    let today = bordermap::Date::today().to_string();
    assert_eq!(j["as_of"].as_str(), Some(today.as_str()));
}

#[test]
fn measure_json_as_of_2025_shows_the_later_wall_and_warns() {
    let (code, stdout, stderr) = run(&["measure", "--format", "json", "--as-of", "2025-10-16"]);
    assert_eq!(code, 0);
    let j: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(j["as_of"], "2025-10-16");
    assert!(j["totals"]["wall"]["built"]["length_m"].as_f64().unwrap() > 300_000.0);
    // North of Rabia the wall is being built (Enab Baladi and Kurdpress, 2025-09-29): from the
    // Faysh Khabur–Semalka crossing (km 1.759) to the Rabia–Al-Yaarubiyah crossing (km 45.181).
    let uc = j["totals"]["wall"]["under construction"]["length_m"]
        .as_f64()
        .unwrap();
    assert!((uc - 43_422.058).abs() < 0.01, "{uc}");
    // No source places control from the Euphrates towards al-Tanf from 2024-12-06 until the
    // new authorities deployed on the border (The National, 2025-06-16): a gap, then none.
    let gap = "authority: no value from km 362.2 to km 553.0";
    assert!(!stderr.contains(gap), "{stderr}");
    let (code, stdout, stderr) = run(&["measure", "--format", "json", "--as-of", "2025-01-01"]);
    assert_eq!(code, 0);
    let j: Value = serde_json::from_str(&stdout).unwrap();
    assert!(
        j["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap() == gap),
        "{}",
        j["warnings"]
    );
    assert!(
        stderr.contains(&format!("bordermap: warning: {gap}")),
        "{stderr}"
    );
    let (_, _, earlier) = run(&["measure", "--format", "json"]);
    assert!(!earlier.contains("out of date"), "{earlier}");
    // Long after the newest source, the data is flagged as possibly out of date.
    let (code, _, later) = run(&["measure", "--format", "json", "--as-of", "2026-11-30"]);
    assert_eq!(code, 0);
    let stale =
        "authority: the newest source is of 2026-04-20, older than the as-of date 2026-11-30";
    assert!(later.contains(stale), "{later}");
}

#[test]
fn measure_csv_has_a_header_and_a_row_per_segment() {
    let (code, stdout, _) = run(&["measure", "--format", "csv"]);
    assert_eq!(code, 0);
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next().unwrap(),
        "index,from_m,to_m,length_m,authority,wall,sources"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(
        rows.len(),
        measure_json(&[])["segments"].as_array().unwrap().len()
    );
    assert!(rows[0].starts_with("0,0.000,"), "{}", rows[0]);
    assert!(
        rows[rows.len() - 1].contains(",599285.645,"),
        "{}",
        rows[rows.len() - 1]
    );
}

#[test]
fn measure_geojson_is_a_feature_collection_of_measured_segments() {
    let (code, stdout, _) = run(&["measure", "--format", "geojson"]);
    assert_eq!(code, 0);
    let j: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(j["type"], "FeatureCollection");
    let features = j["features"].as_array().unwrap();
    let mut sum = 0.0;
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "LineString");
        let coords: Vec<geo::Coord<f64>> = f["geometry"]["coordinates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| geo::Coord {
                x: num(&c[0]),
                y: num(&c[1]),
            })
            .collect();
        let len = f["properties"]["length_m"].as_f64().unwrap();
        // Coordinates are written to 1e-9 degrees (0.1 mm): the geometry measures its length.
        use geo::{Geodesic, Length};
        assert_near(
            "feature geometry",
            Geodesic.length(&geo::LineString(coords)),
            len,
            0.005,
        );
        assert!(f["properties"]["authority"].is_string());
        sum += len;
    }
    assert_near("features sum", sum, 599_285.645, 0.01);
}

#[test]
fn measure_osm_border() {
    let j = measure_json(&["@iraq-syria-osm"]);
    assert_near("OSM total", j["total_m"].as_f64().unwrap(), 603_095.363, MM);
}

#[test]
fn measure_writes_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run_in(dir.path(), &["measure", "-f", "json", "-o", "out.json"]);
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
    let j: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    assert_near("total", j["total_m"].as_f64().unwrap(), 599_285.645, MM);
}

#[test]
fn measure_reads_a_border_from_stdin() {
    let text = std::fs::read_to_string(repo("assets/data/iraq-syria-border-10m.geojson")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run_with(
        dir.path(),
        &["measure", "-", "--format", "json"],
        Some(text.into_bytes()),
    );
    assert_eq!(code, 0, "{stderr}");
    let j: Value = serde_json::from_slice(&stdout).unwrap();
    assert_near("total", j["total_m"].as_f64().unwrap(), 599_285.645, MM);
    assert_eq!(
        j["segments"].as_array().unwrap().len(),
        1,
        "a file alone has no layers"
    );
}

#[test]
fn check_exits_0_when_all_hold() {
    let dir = tempfile::tempdir().unwrap();
    bordermap(dir.path())
        .args([
            "check",
            "--expect",
            "total=599.3km±0.1%",
            "-e",
            "SDF>=300km",
        ])
        .args([
            "-e",
            "wall:built<=400km",
            "-e",
            "gaps=0",
            "-e",
            "authority:SDF>=50%",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "ok   total=599.3km±0.1% (measured 599.286 km)",
        ))
        .stdout(predicate::str::contains("FAIL").not())
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn check_exits_1_when_one_fails_and_prints_the_measured_value() {
    let (code, stdout, stderr) = run(&["check", "-e", "gaps=0", "-e", "total=600km"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("ok   gaps=0 (measured 0)"), "{stdout}");
    assert!(
        stdout.contains("FAIL total=600km (measured 599.286 km)"),
        "{stdout}"
    );
    assert!(stderr.contains("1 of 2 expectations failed"), "{stderr}");
}

#[test]
fn check_follows_as_of() {
    let (code, stdout, _) = run(&["check", "--as-of", "2025-10-16", "-e", "wall:built>300km"]);
    assert_eq!(code, 0, "{stdout}");
    let (code, stdout, _) = run(&["check", "--as-of", "2024-05-12", "-e", "wall:built>300km"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("FAIL wall:built>300km (measured 100.000 km)"),
        "{stdout}"
    );
}

#[test]
fn check_exits_2_on_a_bad_expression() {
    assert_input_error(
        &["check", "-e", "total~3"],
        &[
            "bad expression 'total~3'",
            "no comparison operator",
            "hint:",
        ],
    );
    assert_input_error(
        &["check", "-e", "SDF>=300"],
        &["lengths need a unit", "hint:"],
    );
    assert_input_error(
        &["check", "-e", "Kurds>=1km"],
        &["no value 'Kurds'", "authority:SDF"],
    );
}

#[test]
fn check_needs_an_expectation() {
    let (code, _, stderr) = run(&["check"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--expect"), "{stderr}");
}

#[test]
fn check_exits_2_on_bad_input() {
    assert_input_error(
        &["check", "missing.geojson", "-e", "gaps=0"],
        &["missing.geojson", "no such file", "hint:"],
    );
}

#[test]
fn bad_input_files_exit_2_with_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    let one_number = write(
        "one.geojson",
        r#"{"type":"LineString","coordinates":[[42.0],[41.0,36.0]]}"#,
    );
    let not_json = write(
        "broken.geojson",
        "{\"type\": \"LineString\", \"coordinates\": [[1, 2],",
    );
    let point = write(
        "point.geojson",
        r#"{"type":"Point","coordinates":[42.0,36.0]}"#,
    );
    let bad_toml = write(
        "layers.toml",
        "[[layer]]\nid = \"a\"\n[[layer.interval]]\nvalue = \"x\"\nfrom = \"start\"\nto = \"end\"\nas_of = 2024-05-12\n",
    );
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (
            vec!["measure", "nope.geojson"],
            vec!["nope.geojson", "no such file", "hint:"],
        ),
        (vec!["measure", &one_number], vec![&one_number, "hint:"]),
        (vec!["measure", &not_json], vec![&not_json, "hint:"]),
        (vec!["measure", &point], vec![&point, "Point", "hint:"]),
        (
            vec!["measure", "--layers", &bad_toml],
            vec![&bad_toml, "source", "hint:"],
        ),
        (vec!["measure", "@nowhere"], vec!["@nowhere", "hint:"]),
        (
            vec!["measure", "--as-of", "2024-13-01"],
            vec!["--as-of", "2024-13-01", "hint:"],
        ),
    ];
    for (args, says) in cases {
        assert_input_error(&args, &says);
    }
}

#[test]
fn unknown_flags_and_formats_are_usage_errors() {
    let (code, _, stderr) = run(&["measure", "--format", "xml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("xml"), "{stderr}");
    let (code, _, _) = run(&["frobnicate"]);
    assert_eq!(code, 2);
}

#[test]
fn help_and_version_exit_0() {
    let (code, stdout, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("measure") && stdout.contains("check"),
        "{stdout}"
    );
    let (code, stdout, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("bordermap "), "{stdout}");
}

#[test]
fn an_overlap_warning_names_the_claims_and_how_to_resolve_it() {
    let layers = repo("tests/corpus/layers/overlap.toml");
    let layers = layers.to_str().unwrap();
    let (code, stdout, stderr) = run(&["measure", "--layers", layers, "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    // The two intervals' tables start on lines 11 and 18 of the layers file, named by its
    // file name (the claims are in the JSON too, and a report carries no local path).
    let want = "bordermap: warning: authority: conflicting values North and South from km 50.0 to km 80.0 (claims at overlap.toml:11, overlap.toml:18); give one claim a higher priority, or end the older one with `until`";
    assert!(stderr.lines().any(|l| l == want), "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let overlap = json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "overlap")
        .expect("an overlap issue");
    assert_eq!(
        overlap["claims"],
        serde_json::json!(["overlap.toml:11", "overlap.toml:18"])
    );
    let dir = repo("tests/corpus/layers");
    assert!(!stdout.contains(dir.to_str().unwrap()), "{stdout}");
    // The JSON's warnings (and a map's footer) keep the reader's form, without local paths.
    let base = "authority: conflicting values North and South from km 50.0 to km 80.0";
    assert!(
        json["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == base),
        "{json}"
    );
    // Gaps name no claims.
    assert!(
        json["issues"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "gap")
            .all(|i| i.get("claims").is_none())
    );
}

/// The `width` and `height` attributes of the root `<svg>` of `render ... -o -`.
fn page_size(args: &[&str]) -> (String, String) {
    let mut all = vec!["render", "-o", "-"];
    all.extend_from_slice(args);
    let svg = stdout_of(&all);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    (
        root.attribute("width").unwrap().to_string(),
        root.attribute("height").unwrap().to_string(),
    )
}

#[test]
fn size_presets_set_the_page_and_width_height_override_them() {
    for (name, w, h) in [
        ("web", "1200", "900"),
        ("inline", "640", "480"),
        ("phone", "360", "640"),
        ("social", "1200", "675"),
        ("square", "1080", "1080"),
        ("a4", "1123", "794"),
    ] {
        assert_eq!(
            page_size(&["--size", name]),
            (w.into(), h.into()),
            "--size {name}"
        );
    }
    assert_eq!(
        page_size(&[]),
        ("1200".into(), "900".into()),
        "the default is web"
    );
    assert_eq!(
        page_size(&["--size", "phone", "--width", "400"]),
        ("400".into(), "640".into())
    );
    let (code, _, stderr) = run(&["render", "--size", "poster", "-o", "-"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("phone") && stderr.contains("a4"),
        "{stderr}"
    );
}

#[test]
fn a_page_too_small_for_the_legend_is_refused_with_a_height_that_holds_it() {
    let e = assert_input_error(
        &["render", "--width", "320", "--height", "320", "-o", "-"],
        &["320 × 320", "too small", "10 px type", "--height"],
    );
    // The height the hint names does hold the map.
    let n = e
        .rsplit("--height ")
        .next()
        .and_then(|s| s.trim_end_matches(')').parse::<u32>().ok())
        .unwrap();
    let (code, _, stderr) = run(&[
        "render",
        "--width",
        "320",
        "--height",
        &n.to_string(),
        "-o",
        "-",
    ]);
    assert_eq!(code, 0, "--height {n}: {stderr}");
    assert_input_error(
        &["render", "--width", "300", "--height", "900", "-o", "-"],
        &["page size 300 × 900", "out of range", "320"],
    );
}

#[test]
fn labels_left_out_are_reported_on_stderr() {
    // At 640 × 480 every stretch keeps its label; on a page where the al-Tanf stretch has no
    // room near it, render says so (and still writes the map).
    let (code, out, stderr) = run(&["render", "--size", "inline", "-o", "-"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("left out"), "{stderr}");
    assert!(out.contains("al-Tanf zone · 46.3 km"));
    let (code, out, stderr) = run(&["render", "--width", "320", "--height", "640", "-o", "-"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.starts_with("<?xml"));
    assert!(stderr.contains("al-Tanf zone · 46.3 km"), "{stderr}");
    for line in stderr.lines() {
        assert!(line.starts_with("bordermap: warning: label \""), "{stderr}");
        assert!(line.contains("left out: no room within"), "{stderr}");
        let text = line.split('"').nth(1).unwrap();
        assert!(
            !out.contains(&format!(">{text}<")),
            "{text} is reported left out but drawn"
        );
    }
}

/// The subcommands `bordermap --help` lists (without clap's `help`): every one must be in the
/// completions and the man page, so a command added later is checked too.
fn subcommands() -> Vec<String> {
    let help = stdout_of(&["--help"]);
    let listed: Vec<String> = help
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    assert_eq!(listed.last().map(String::as_str), Some("help"), "{help}");
    for known in [
        "measure",
        "check",
        "render",
        "atlas",
        "extract",
        "completions",
        "man",
    ] {
        assert!(
            listed.iter().any(|c| c == known),
            "--help lists {known}: {help}"
        );
    }
    listed.into_iter().filter(|c| c != "help").collect()
}

#[test]
fn completions_and_the_man_page_name_every_subcommand() {
    let subs = subcommands();
    assert!(subs.len() >= 7, "{subs:?}");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, script, stderr) = run(&["completions", shell]);
        assert_eq!(code, 0, "completions {shell}: {stderr}");
        assert!(script.contains("bordermap"), "{shell}: {script}");
        if shell == "bash" || shell == "zsh" {
            for sub in &subs {
                // bash: `bordermap,measure)` cases; zsh: `(measure)` and `'measure:...'`.
                let named = match shell {
                    "bash" => format!("bordermap,{sub})"),
                    _ => format!("'{sub}:"),
                };
                assert!(script.contains(&named), "{shell} lacks {named}");
            }
        }
    }
    // `check --format` values are completed too (not the deprecated `text`).
    let bash = stdout_of(&["completions", "bash"]);
    assert!(bash.contains("table json junit"), "{bash}");

    let (code, man, stderr) = run(&["man"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(man.contains(".TH bordermap 1"), "{man}");
    for sub in &subs {
        // roff escapes the hyphen.
        let named = format!("bordermap\\-{}(1)", sub.replace('-', "\\-"));
        assert!(man.contains(&named), "the man page lacks {named}");
        // And every page it refers to can be printed.
        let (code, page, stderr) = run(&["man", sub.as_str()]);
        assert_eq!(code, 0, "man {sub}: {stderr}");
        assert!(
            page.contains(&format!(".TH bordermap-{sub} 1")),
            "man {sub}: {page}"
        );
    }
    let (code, page, _) = run(&["man", "check"]);
    assert_eq!(code, 0);
    assert!(
        page.contains("\\-\\-expect") && page.contains("junit"),
        "{page}"
    );
    assert_input_error(
        &["man", "frobnicate"],
        &["no command 'frobnicate'", "measure"],
    );
    let (code, _, _) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2, "an unknown shell is a usage error");
}

/// `check --format junit` as CI test reporters read it: a `testsuite` root whose counts match,
/// one `testcase` per expectation in order, a `failure` (with the measured value and its unit
/// in its message) exactly on the failing ones.
#[test]
fn check_junit_is_the_xml_test_reporters_read() {
    let exprs = [
        "total=599.3km±0.1%",
        "total=600km",
        "SDF>=300km",
        "authority:SDF>=65%",
        "gaps=1",
        "wall:built<=400m",
    ];
    let failing = [false, true, false, true, true, true];
    // The measured value in words, as the text output gives it (`(measured 599.286 km)`).
    let in_text = |expr: &str| {
        let (_, line, _) = run(&["check", "-e", expr]);
        let (_, rest) = line.split_once("(measured ").unwrap();
        rest.trim_end().strip_suffix(')').unwrap().to_string()
    };
    let mut args = vec!["check", "--format", "junit"];
    for e in exprs {
        args.extend(["-e", e]);
    }
    let (code, xml, stderr) = run(&args);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("4 of 6 expectations failed"), "{stderr}");
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        "{xml}"
    );
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suite = doc.root_element();
    assert_eq!(suite.tag_name().name(), "testsuite");
    assert_eq!(suite.attribute("name"), Some("bordermap check"));
    assert_eq!(suite.attribute("tests"), Some("6"));
    assert_eq!(suite.attribute("failures"), Some("4"));
    assert_eq!(suite.attribute("errors"), Some("0"));
    let cases: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
    assert_eq!(cases.len(), exprs.len(), "{xml}");
    for (i, case) in cases.iter().enumerate() {
        assert_eq!(case.tag_name().name(), "testcase");
        assert_eq!(
            case.attribute("name"),
            Some(exprs[i]),
            "escaped and read back"
        );
        assert_eq!(case.attribute("classname"), Some("bordermap.check"));
        let failures: Vec<_> = case
            .children()
            .filter(|n| n.has_tag_name("failure") || n.has_tag_name("error"))
            .collect();
        if failing[i] {
            assert_eq!(failures.len(), 1, "{}: {xml}", exprs[i]);
            assert_eq!(failures[0].tag_name().name(), "failure");
            let message = failures[0].attribute("message").unwrap();
            let mut want = in_text(exprs[i]);
            if exprs[i].starts_with("gaps") {
                want.push_str(" (count)");
            } else {
                assert!(want.ends_with(" km)") || want.ends_with(" km"), "{want}");
            }
            assert!(message.contains(&want), "{message} should say {want}");
            assert!(
                message.contains(exprs[i]),
                "{message} names the expectation"
            );
        } else {
            assert!(
                failures.is_empty(),
                "{}: no failure element: {xml}",
                exprs[i]
            );
        }
    }
    // All holding: exit 0, failures="0", no failure element.
    let (code, xml, stderr) = run(&["check", "-f", "junit", "-e", "gaps=0"]);
    assert_eq!(code, 0, "{stderr}");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(doc.root_element().attribute("failures"), Some("0"));
    assert!(!doc.descendants().any(|n| n.has_tag_name("failure")));
}

#[test]
fn check_json_gives_every_result_with_its_measured_number() {
    let (code, stdout, stderr) = run(&[
        "check",
        "--format",
        "json",
        "-e",
        "total=599.3km",
        "-e",
        "SDF>=65%",
        "-e",
        "gaps=0",
        "-e",
        "wall:built<=400m",
    ]);
    assert_eq!(code, 1, "{stderr}");
    let j: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(j["ok"], Value::Bool(false));
    let results = j["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    for r in results {
        let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["expr", "measured", "pass", "subject", "unit"], "{r}");
        assert!(r["expr"].is_string() && r["subject"].is_string() && r["unit"].is_string());
        assert!(r["measured"].is_number() && r["pass"].is_boolean(), "{r}");
    }
    // The same figures as `measure --format json` (metres to the millimetre, shares to 6
    // decimals), in the expectation's unit.
    let m = measure_json(&[]);
    let total_m = m["total_m"].as_f64().unwrap();
    let expect = [
        ("total=599.3km", "total", total_m / 1000.0, "km"),
        (
            "SDF>=65%",
            "authority:SDF",
            m["totals"]["authority"]["SDF"]["share"].as_f64().unwrap() * 100.0,
            "%",
        ),
        ("gaps=0", "gaps", 0.0, "count"),
        (
            "wall:built<=400m",
            "wall:built",
            m["totals"]["wall"]["built"]["length_m"].as_f64().unwrap(),
            "m",
        ),
    ];
    for (r, (expr, subject, measured, unit)) in results.iter().zip(expect) {
        assert_eq!(r["expr"], expr);
        assert_eq!(r["subject"], subject);
        assert_near(expr, r["measured"].as_f64().unwrap(), measured, 0.001);
        assert_eq!(r["unit"], unit);
        let (code, _, _) = run(&["check", "-e", expr]);
        assert_eq!(r["pass"], code == 0, "{expr}: as the exit code says");
    }
    assert_eq!(j["ok"], results.iter().all(|r| r["pass"] == true));
    assert!(results[2]["measured"].is_u64(), "counts are integers");
    // All holding: ok and exit 0.
    let (code, stdout, _) = run(&["check", "-f", "json", "-e", "gaps=0"]);
    assert_eq!(code, 0);
    let j: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(j["ok"], Value::Bool(true));
}

#[test]
fn check_exit_codes_are_the_same_in_every_format() {
    for format in ["table", "json", "junit"] {
        let (code, _, _) = run(&["check", "-f", format, "-e", "gaps=0"]);
        assert_eq!(code, 0, "{format}: all hold");
        let (code, _, _) = run(&["check", "-f", format, "-e", "gaps=0", "-e", "total=600km"]);
        assert_eq!(code, 1, "{format}: one fails");
        let bad: [(&[&str], &str); 2] = [
            (&["-e", "total~3"], "bad expression 'total~3'"),
            (&["missing.geojson", "-e", "gaps=0"], "missing.geojson"),
        ];
        for (args, says) in bad {
            let mut all = vec!["check", "-f", format];
            all.extend_from_slice(args);
            if format != "junit" {
                assert_input_error(&all, &[says]);
                continue;
            }
            // JUnit is never an empty file: the expectation is a test case with an error.
            let (code, xml, stderr) = run(&all);
            assert_eq!(code, 2, "{all:?}: {stderr}");
            assert!(stderr.contains(says), "{stderr}");
            let doc = roxmltree::Document::parse(&xml).unwrap();
            let error = doc.descendants().find(|n| n.has_tag_name("error")).unwrap();
            assert!(error.attribute("message").unwrap().contains(says), "{xml}");
        }
    }
    // The default is the text output, byte for byte.
    let text = stdout_of(&["check", "-e", "gaps=0", "-e", "SDF>=1km"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0], "ok   gaps=0 (measured 0)");
    assert!(lines[1].starts_with("ok   SDF>=1km (measured ") && lines[1].ends_with(" km)"));
    assert_eq!(
        stdout_of(&["check", "-f", "text", "-e", "gaps=0", "-e", "SDF>=1km"]),
        text
    );
}

#[test]
fn an_output_that_is_an_input_is_refused_and_left_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let layers = tmp.path().join("l.toml");
    let text = std::fs::read_to_string(repo("assets/iraq-syria.toml")).unwrap();
    // The copy names its data files from where it now sits.
    let data = repo("assets/data");
    let mut text = text;
    for f in [
        "iraq-syria-border-10m.geojson",
        "places.geojson",
        "rivers-50m.geojson",
    ] {
        text = text.replace(
            &format!("\"data/{f}\""),
            &format!("\"{}\"", data.join(f).display()),
        );
    }
    std::fs::write(&layers, &text).unwrap();
    let (code, _, stderr) = run_in(
        tmp.path(),
        &[
            "render", "--layers", "l.toml", "--format", "svg", "-o", "l.toml",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("the output is the layers file"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&layers).unwrap(), text);
    // Through a link too, and for a report.
    std::os::unix::fs::symlink(&layers, tmp.path().join("alias.json")).unwrap();
    let (code, _, stderr) = run_in(
        tmp.path(),
        &[
            "measure",
            "--layers",
            "l.toml",
            "--format",
            "json",
            "-o",
            "alias.json",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("writing it would destroy an input"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&layers).unwrap(), text);
}
