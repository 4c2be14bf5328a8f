//! Sources as records, disputes, the dataset version and keeping the layers file current
//! (issue 20 parts 3, 4, 6, 7): `bordermap sources` lists every claim once with where it lies,
//! a disputed stretch keeps both sides (JSON, `check`, the map in both colours, the legend,
//! the footer), the version is in `measure`'s JSON, the SVG and the PDF and a story pinning
//! an older one is told, `check-layers` finds what keeps a file from being current and
//! `check -e age<=Nd` fails on stale layers. Fixtures: `tests/data/sources/`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::cmd::{arg, run_in};
use super::repo;

/// A fresh copy of the fixture directory, the layers text edited by `edit`; the layers path.
fn fixture(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = repo("tests/data/sources");
    std::fs::copy(
        src.join("border.geojson"),
        dir.path().join("border.geojson"),
    )
    .unwrap();
    let text = std::fs::read_to_string(src.join("layers.toml")).unwrap();
    let layers = dir.path().join("layers.toml");
    std::fs::write(&layers, edit(text)).unwrap();
    (dir, layers)
}

/// `bordermap args...` in `dir`, which must exit `code`; stdout and stderr.
#[track_caller]
fn run_code(dir: &Path, args: &[&str], code: i32) -> (String, String) {
    let (c, out, err) = run_in(dir, args);
    assert_eq!(c, code, "bordermap {args:?}: {err}");
    (out, err)
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&run_code(dir, args, 0).0).unwrap()
}

#[test]
fn sources_lists_every_record_with_its_claims_dates_and_place() {
    let (dir, layers) = fixture(|t| t);
    let d = dir.path();
    let list = json(d, &["sources", "--layers", arg(&layers), "-f", "json"]);
    let list = list.as_array().unwrap();
    let ids: Vec<&Value> = list.iter().map(|s| &s["id"]).collect();
    assert_eq!(
        ids,
        [
            &Value::from("rudaw-2024-05-12"),
            &Value::from("afp-2024-05-20"),
            &Value::Null
        ]
    );
    let rudaw = &list[0];
    assert_eq!(rudaw["outlet"], "Rudaw");
    assert_eq!(rudaw["date"], "2024-05-12");
    assert_eq!(
        rudaw["url"],
        "https://www.rudaw.net/english/middleeast/syria/120520241"
    );
    assert_eq!(rudaw["quote"], "The northern portion is held by the SDF");
    assert_eq!(rudaw["accessed"], "2026-12-01");
    let claim = &rudaw["claims"][0];
    assert_eq!(claim["layer"], "authority");
    assert_eq!(claim["value"], "SDF");
    assert_eq!(claim["as_of"], "2024-05-12");
    assert_eq!(claim["at"], "layers.toml:27");
    assert_eq!(
        claim["placed"]["runs_m"],
        serde_json::json!([[0.0, 100000.0]])
    );
    assert_eq!(
        list[1]["claims"][0]["placed"]["runs_m"],
        serde_json::json!([[80000.0, 100000.0]])
    );
    // A plain `source = "text"` is a source of its own, with the claim's url.
    let plain = &list[2];
    // Its outlet is its cite (the text up to the first ": ").
    assert_eq!(plain["outlet"], "Plain outlet, 2024-05-12");
    assert_eq!(plain["url"], "http://example.org/plain");
    assert_eq!(plain["quote"], "Plain outlet, 2024-05-12: plain text");
    // Every claim once.
    let n: usize = list
        .iter()
        .map(|s| s["claims"].as_array().unwrap().len())
        .sum();
    assert_eq!(n, 3);
    // The table says where each claim lies; `-o x.csv` writes CSV.
    let (table, _) = run_code(d, &["sources", "--layers", arg(&layers)], 0);
    assert!(
        table.contains("Rudaw, 2024-05-12 [rudaw-2024-05-12]"),
        "{table}"
    );
    assert!(table.contains("km 80.0–100.0"), "{table}");
    run_code(d, &["sources", "--layers", arg(&layers), "-o", "s.csv"], 0);
    let csv = std::fs::read_to_string(d.join("s.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,outlet,date,url,accessed,layer,value,as_of,until,at,placed,quote")
    );
    assert_eq!(lines.count(), 3, "{csv}");
}

#[test]
fn sources_lists_every_claim_of_the_shipped_file_once() {
    let text = std::fs::read_to_string(repo("assets/iraq-syria.toml")).unwrap();
    let file: toml::Table = text.parse().unwrap();
    let claims: usize = file["layer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let n = |k: &str| l.get(k).and_then(|v| v.as_array()).map_or(0, Vec::len);
            n("interval") + n("unplaced")
        })
        .sum();
    let dir = tempfile::tempdir().unwrap();
    let list = json(dir.path(), &["sources", "-f", "json"]);
    let mut seen: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["claims"].as_array().unwrap().iter())
        .map(|c| format!("{} {} {}", c["at"], c["layer"], c["value"]))
        .collect();
    seen.sort();
    let listed = seen.len();
    seen.dedup();
    assert_eq!(listed, seen.len(), "a claim is listed twice");
    assert_eq!(listed, claims);
}

#[test]
fn a_disputed_stretch_keeps_both_sides_and_is_checkable() {
    let (dir, layers) = fixture(|t| t);
    let d = dir.path();
    let m = json(d, &["measure", "--layers", arg(&layers), "-f", "json"]);
    let seg = &m["segments"][1];
    assert_eq!(
        (seg["from_m"].as_f64(), seg["to_m"].as_f64()),
        (Some(80000.0), Some(100000.0))
    );
    let sides = seg["disputed"].as_array().unwrap();
    let values: Vec<&str> = sides.iter().map(|s| s["value"].as_str().unwrap()).collect();
    assert_eq!(values, ["SDF", "Damascus government"]);
    assert!(
        sides[0]["source"]
            .as_str()
            .unwrap()
            .starts_with("Rudaw, 2024-05-12")
    );
    assert!(
        sides[1]["source"]
            .as_str()
            .unwrap()
            .starts_with("AFP, 2024-05-20")
    );
    assert_eq!(m["issues"][0]["kind"], "disputed");
    assert!(m["segments"][0].get("disputed").is_none());
    let (out, _) = run_code(
        d,
        &["check", "--layers", arg(&layers), "-e", "disputed=0"],
        1,
    );
    assert!(out.contains("FAIL disputed=0 (measured 1)"), "{out}");
    run_code(
        d,
        &["check", "--layers", arg(&layers), "-e", "overlaps=0"],
        0,
    );

    // Without disputed_by, the newer claim replaces the older there: no dispute.
    let (dir, layers) = fixture(|t| t.replace("disputed_by = [\"north-sdf\"]\n", ""));
    let d = dir.path();
    let m = json(d, &["measure", "--layers", arg(&layers), "-f", "json"]);
    assert_eq!(
        m["segments"][1]["values"]["authority"],
        "Damascus government"
    );
    assert!(
        m["segments"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s.get("disputed").is_none())
    );
    run_code(
        d,
        &["check", "--layers", arg(&layers), "-e", "disputed=0"],
        0,
    );
}

/// The stroke colours of the SVG's paths whose class has `class`.
fn strokes(svg: &str, class: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let mut out: Vec<String> = doc
        .descendants()
        .filter(|n| super::class_has(n, class))
        .filter_map(|n| n.attribute("stroke").map(str::to_string))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn the_map_draws_a_disputed_stretch_in_both_colours_and_says_so() {
    let (dir, layers) = fixture(|t| t);
    let d = dir.path();
    for theme in ["light", "print"] {
        run_code(
            d,
            &[
                "render",
                "--layers",
                arg(&layers),
                "--theme",
                theme,
                "-o",
                "m.svg",
            ],
            0,
        );
        let svg = std::fs::read_to_string(d.join("m.svg")).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let colour_of = |value: &str| -> String {
            doc.descendants()
                .find(|n| {
                    super::class_has(n, "segment") && n.attribute("data-authority") == Some(value)
                })
                .and_then(|n| n.attribute("stroke"))
                .unwrap()
                .to_string()
        };
        let mut want = vec![colour_of("SDF"), colour_of("Damascus government")];
        want.sort();
        assert_ne!(want[0], want[1], "{theme}: the two sides look the same");
        assert_eq!(
            strokes(&svg, "disputed"),
            want,
            "{theme}: the border's bands"
        );
        assert_eq!(
            strokes(&svg, "legend-disputed"),
            want,
            "{theme}: the legend's bands"
        );
        let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
        assert!(
            texts
                .iter()
                .any(|t| t.contains("disputed: Damascus government / SDF")),
            "{theme}: the legend does not say disputed"
        );
        let footer: String = texts.join(" ");
        assert!(footer.contains("Rudaw, 2024-05-12") && footer.contains("AFP, 2024-05-20"));
    }
}

#[test]
fn the_dataset_version_is_in_the_json_the_svg_and_the_pdf() {
    let (dir, layers) = fixture(|t| t);
    let d = dir.path();
    let m = json(d, &["measure", "--layers", arg(&layers), "-f", "json"]);
    let v = &m["dataset_version"];
    assert_eq!(v["newest_claim"], "2024-05-20");
    let sha = v["sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    let version = v["version"].as_str().unwrap();
    assert_eq!(version, format!("2024-05-20.{}", &sha[..12]));
    run_code(d, &["render", "--layers", arg(&layers), "-o", "m.svg"], 0);
    let svg = std::fs::read_to_string(d.join("m.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(
        doc.root_element().attribute("data-dataset-version"),
        Some(version)
    );
    run_code(d, &["render", "--layers", arg(&layers), "-o", "m.pdf"], 0);
    let pdf = std::fs::read(d.join("m.pdf")).unwrap();
    let want = format!("(dataset version {version})");
    assert!(
        String::from_utf8_lossy(&pdf).contains(&want),
        "no {want} in the PDF"
    );

    // Another byte in the layers file: another hash, same newest claim.
    let (dir2, layers2) = fixture(|t| t + "# edited\n");
    let m2 = json(
        dir2.path(),
        &["measure", "--layers", arg(&layers2), "-f", "json"],
    );
    assert_eq!(m2["dataset_version"]["newest_claim"], "2024-05-20");
    assert_ne!(m2["dataset_version"]["sha256"], v["sha256"]);

    // A story pinning the version: quiet while it holds, told when the data changed.
    let story = |pin: &str| {
        format!("layers = \"layers.toml\"\noutput = \"s.svg\"\ndataset_version = \"{pin}\"\n")
    };
    std::fs::write(d.join("story.toml"), story(version)).unwrap();
    let (_, err) = run_code(d, &["render", "story.toml"], 0);
    assert!(!err.contains("changed since"), "{err}");
    std::fs::write(
        d.join("layers.toml"),
        std::fs::read_to_string(&layers).unwrap() + "\n",
    )
    .unwrap();
    let (_, err) = run_code(d, &["render", "story.toml"], 0);
    assert!(
        err.contains("the data changed since this story was made"),
        "{err}"
    );
    assert!(err.contains(version), "{err}");
}

#[test]
fn check_layers_lists_overlaps_future_dates_and_passes_a_clean_file() {
    let (dir, layers) = fixture(|t| t);
    let d = dir.path();
    let (out, _) = run_code(d, &["check-layers", arg(&layers)], 0);
    assert_eq!(out, "no problems\n");
    // The shipped file is clean.
    let (out, _) = run_code(
        d,
        &["check-layers", arg(&repo("assets/iraq-syria.toml"))],
        0,
    );
    assert_eq!(out, "no problems\n");
    // An overlap no priority resolves, and a date after today.
    let (dir, layers) = fixture(|t| {
        t.replace("disputed_by = [\"north-sdf\"]\n", "")
            .replace("as_of = 2024-05-20", "as_of = 2024-05-12")
            .replace("accessed = 2026-11-30", "accessed = 2999-01-01")
    });
    let (out, err) = run_code(dir.path(), &["check-layers", arg(&layers)], 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("layers.toml:43: future:"), "{out}");
    assert!(lines[0].contains("2999-01-01"), "{out}");
    assert!(
        lines[1].starts_with("layers.toml:27, layers.toml:35: overlap:"),
        "{out}"
    );
    assert!(lines[1].contains("from km 80.0 to km 100.0"), "{out}");
    assert!(err.contains("2 problems"), "{err}");
}

#[test]
fn age_fails_when_a_layers_newest_claim_is_older_than_that() {
    let (dir, layers) = fixture(|t| t);
    let d = dir.path();
    // As of 2024-06-01 the newest claim (2024-05-20) is 12 days old.
    let (out, _) = run_code(d, &["check", "--layers", arg(&layers), "-e", "age<=10d"], 1);
    assert!(
        out.contains("FAIL age<=10d (measured 12 days: authority's newest claim is of 2024-05-20"),
        "{out}"
    );
    run_code(d, &["check", "--layers", arg(&layers), "-e", "age<=12d"], 0);
    // 2024-05-20 to 2024-06-30: 41 days.
    let on = |expr: &str| {
        [
            "check",
            "--layers",
            arg(&layers),
            "--as-of",
            "2024-06-30",
            "-e",
            expr,
        ]
        .map(str::to_string)
    };
    let args = on("age<=41d");
    run_code(d, &args.each_ref().map(String::as_str), 0);
    let args = on("age<=40d");
    run_code(d, &args.each_ref().map(String::as_str), 1);
    let (_, err) = run_code(
        d,
        &["check", "--layers", arg(&layers), "-e", "age<=10km"],
        2,
    );
    assert!(err.contains("an age is in days"), "{err}");
}

#[test]
fn the_layers_files_example_claim_loads_and_is_placed() {
    let text = std::fs::read_to_string(repo("assets/iraq-syria.toml")).unwrap();
    let example: String = text
        .lines()
        .skip_while(|l| !l.starts_with("# Today's claim in five lines"))
        .skip_while(|l| !l.starts_with("#   "))
        .take_while(|l| l.starts_with("#   "))
        .map(|l| format!("{}\n", &l[4..]))
        .collect();
    assert_eq!(example.lines().count(), 6, "{example}");
    let dir = tempfile::tempdir().unwrap();
    run_code(dir.path(), &["init", "news"], 0);
    let layers = dir.path().join("news/iraq-syria.toml");
    let before = std::fs::read_to_string(&layers).unwrap();
    let line = before.lines().count() + 2;
    std::fs::write(&layers, format!("{before}\n{example}")).unwrap();
    let list = json(
        dir.path(),
        &["sources", "--layers", arg(&layers), "-f", "json"],
    );
    let claim = list
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["claims"].as_array().unwrap())
        .find(|c| c["at"] == format!("iraq-syria.toml:{line}"))
        .unwrap_or_else(|| panic!("the example is not listed at line {line}"));
    assert_eq!(claim["as_of"], "2026-04-20");
    let run = &claim["placed"]["runs_m"][0];
    let len = run[1].as_f64().unwrap() - run[0].as_f64().unwrap();
    assert!((len - 5000.0).abs() < 1e-3, "{run}");
}

/// Every address the shipped layers file gives a claim is one `assets/data/SOURCE.md`
/// records for that source: none is typed in without its record.
#[test]
fn the_shipped_claims_addresses_are_recorded_in_source_md() {
    let layers = std::fs::read_to_string(super::repo("assets/iraq-syria.toml")).unwrap();
    let record = std::fs::read_to_string(super::repo("assets/data/SOURCE.md")).unwrap();
    let urls: Vec<&str> = layers
        .lines()
        .filter_map(|l| l.strip_prefix("url = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .collect();
    assert!(urls.len() >= 20, "{} addresses", urls.len());
    for u in urls {
        assert!(u.starts_with("http://") || u.starts_with("https://"), "{u}");
        assert!(record.contains(u), "{u} is not in assets/data/SOURCE.md");
    }
}
