//! JUnit that CI reporters can show (issue 22 part 4): every test case carries what was
//! measured (km to three decimals and metres, in `<properties>` and `<system-out>`) and its
//! real time; an expectation that cannot be checked is a `<testcase>` with an `<error>` (exit
//! 2 still), never an empty file. The XML is read back with roxmltree.

use std::time::Instant;

use roxmltree::{Document, Node};
use serde_json::Value;

use super::cmd::run_in;

/// The test cases of a JUnit document, checked against the schema GitLab, Jenkins and GitHub
/// read: a `testsuite` root whose `tests`, `failures` and `errors` count its cases, each case
/// with a name, the class name and a time, its children in the order `properties`, then
/// `failure` or `error`, then `system-out`.
fn read_cases<'a>(doc: &'a Document<'a>) -> Vec<Node<'a, 'a>> {
    let suite = doc.root_element();
    assert_eq!(suite.tag_name().name(), "testsuite");
    assert_eq!(suite.attribute("name"), Some("bordermap check"));
    let cases: Vec<Node> = suite.children().filter(Node::is_element).collect();
    assert!(cases.iter().all(|c| c.has_tag_name("testcase")));
    let count = |tag: &str| {
        cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name(tag)))
            .count()
            .to_string()
    };
    assert_eq!(
        suite.attribute("tests"),
        Some(cases.len().to_string().as_str())
    );
    assert_eq!(suite.attribute("failures"), Some(count("failure").as_str()));
    assert_eq!(suite.attribute("errors"), Some(count("error").as_str()));
    for c in &cases {
        assert!(c.attribute("name").is_some_and(|n| !n.is_empty()));
        assert_eq!(c.attribute("classname"), Some("bordermap.check"));
        let order: Vec<&str> = c
            .children()
            .filter(Node::is_element)
            .map(|n| n.tag_name().name())
            .collect();
        let rank = |t: &str| match t {
            "properties" => 0,
            "failure" | "error" => 1,
            "system-out" => 2,
            other => panic!("unexpected <{other}> in a testcase"),
        };
        assert!(
            order.windows(2).all(|w| rank(w[0]) < rank(w[1])),
            "children in schema order: {order:?}"
        );
    }
    cases
}

/// A `time` attribute, seconds.
fn time(n: Node) -> f64 {
    n.attribute("time").unwrap().parse().unwrap()
}

/// The value of property `name` of a test case.
fn property<'a>(case: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    case.descendants()
        .find(|n| n.has_tag_name("property") && n.attribute("name") == Some(name))
        .and_then(|n| n.attribute("value"))
}

fn system_out<'a>(case: Node<'a, 'a>) -> &'a str {
    case.children()
        .find(|n| n.has_tag_name("system-out"))
        .and_then(|n| n.text())
        .unwrap_or("")
}

/// Each case carries the measured value, km to three decimals and metres to the millimetre,
/// the same figures as `measure --format json`; a share also as percent; a count as a count.
#[test]
fn every_case_carries_the_measured_value_in_km_and_metres() {
    let dir = tempfile::tempdir().unwrap();
    let (_, json, _) = run_in(dir.path(), &["measure", "-f", "json"]);
    let m: Value = serde_json::from_str(&json).unwrap();
    let total_m = m["total_m"].as_f64().unwrap();
    let sdf = &m["totals"]["authority"]["SDF"];
    let sdf_m = sdf["length_m"].as_f64().unwrap();
    let built_m = m["totals"]["wall"]["built"]["length_m"].as_f64().unwrap();
    let exprs = ["total=599.3km", "SDF>=65%", "gaps=0", "wall:built<=400m"];
    let mut args = vec!["check", "-f", "junit"];
    for e in &exprs {
        args.extend(["-e", e]);
    }
    let (code, xml, stderr) = run_in(dir.path(), &args);
    assert_eq!(code, 1, "two fail: {stderr}");
    let doc = Document::parse(&xml).unwrap();
    let cases = read_cases(&doc);
    let names: Vec<&str> = cases.iter().filter_map(|c| c.attribute("name")).collect();
    assert_eq!(names, exprs, "one case per expectation, in order");
    let lengths = [Some(total_m), Some(sdf_m), None, Some(built_m)];
    for ((case, length), subject) in
        cases
            .iter()
            .zip(lengths)
            .zip(["total", "authority:SDF", "gaps", "wall:built"])
    {
        assert_eq!(property(*case, "subject"), Some(subject));
        let out = system_out(*case);
        assert!(out.starts_with(&format!("{subject}: ")), "{out}");
        match length {
            Some(len) => {
                let km = format!("{:.3}", len / 1000.0);
                let metres = format!("{len:.3}");
                assert_eq!(property(*case, "measured_km"), Some(km.as_str()));
                assert_eq!(property(*case, "measured_m"), Some(metres.as_str()));
                assert!(out.contains(&format!("{km} km = {metres} m")), "{out}");
            }
            None => {
                assert_eq!(property(*case, "measured_count"), Some("0"));
                assert_eq!(property(*case, "measured_km"), None);
                assert_eq!(out, "gaps: 0");
            }
        }
    }
    let percent = format!("{:.4}", sdf["share"].as_f64().unwrap() * 100.0);
    assert_eq!(
        property(cases[1], "measured_percent"),
        Some(percent.as_str())
    );
    assert!(system_out(cases[1]).contains(" % of the total = "));
    // The failing ones say so, with the measured value.
    let failure = |c: Node| c.children().any(|n| n.has_tag_name("failure"));
    assert!(!failure(cases[0]) && !failure(cases[2]));
    let f = cases[3]
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert!(
        f.attribute("message")
            .unwrap()
            .starts_with("measured 100.000 km; expected wall:built<=400m"),
        "{xml}"
    );
}

/// The times are real: the suite's is the whole run (loading and measuring included), more
/// than zero and no more than the process took; each case's at most the suite's.
#[test]
fn times_are_real_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let (code, xml, _) = run_in(
        dir.path(),
        &["check", "-f", "junit", "-e", "gaps=0", "-e", "SDF>=1km"],
    );
    let wall = started.elapsed().as_secs_f64();
    assert_eq!(code, 0);
    let doc = Document::parse(&xml).unwrap();
    let suite = time(doc.root_element());
    assert!(
        suite > 0.0 && suite <= wall,
        "suite {suite} s, process {wall} s"
    );
    let cases = read_cases(&doc);
    let sum: f64 = cases.iter().map(|c| time(*c)).sum();
    assert!(sum <= suite, "cases {sum} s within the suite's {suite} s");
    assert!(
        suite > sum,
        "the suite's time includes loading and measuring: {suite} s vs {sum} s"
    );
}

/// A bad expression, a value the layers lack, a missing border file: each expectation that
/// cannot be checked is a test case with an `<error>` saying why, the others are still
/// checked; the exit code is 2, stderr has the one error line, and `-o` writes the file.
#[test]
fn an_expectation_that_cannot_be_checked_is_an_error_case_never_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let (code, xml, stderr) = run_in(
        dir.path(),
        &[
            "check",
            "-f",
            "junit",
            "-e",
            "gaps=0",
            "-e",
            "total~3",
            "-e",
            "Kurds>=1km",
            "-e",
            "total>600km",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("bordermap: error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(errors[0].contains("bad expression 'total~3'"), "{stderr}");
    let doc = Document::parse(&xml).unwrap();
    let cases = read_cases(&doc);
    assert_eq!(cases.len(), 4);
    let error = |c: Node| {
        c.children()
            .find(|n| n.has_tag_name("error"))
            .and_then(|n| n.attribute("message"))
            .map(str::to_string)
    };
    assert_eq!(error(cases[0]), None);
    let e = error(cases[1]).unwrap();
    assert!(
        e.contains("bad expression 'total~3'") && e.contains("hint:"),
        "{e}"
    );
    let e = error(cases[2]).unwrap();
    assert!(e.contains("no value 'Kurds'"), "{e}");
    assert!(
        cases[3].children().any(|n| n.has_tag_name("failure")),
        "still checked"
    );
    assert_eq!(doc.root_element().attribute("errors"), Some("2"));

    // The border cannot be loaded: every expectation an error naming the file, written to -o.
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &[
            "check",
            "missing.geojson",
            "-e",
            "gaps=0",
            "-e",
            "total>1km",
            "-o",
            "ci.xml",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stdout.is_empty() && stderr.contains("missing.geojson"),
        "{stderr}"
    );
    let xml = std::fs::read_to_string(dir.path().join("ci.xml")).unwrap();
    let doc = Document::parse(&xml).unwrap();
    let loaded = read_cases(&doc);
    assert_eq!(loaded.len(), 2);
    for c in loaded {
        assert!(error(c).unwrap().contains("missing.geojson"), "{xml}");
    }
}
