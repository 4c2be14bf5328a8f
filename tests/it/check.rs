//! `check` expressions: parsing, units, tolerance semantics and errors, evaluated against the
//! default dataset (library level; the command's exit codes are in `cli`).

use bordermap::check::{Outcome, Report, Unit, evaluate, parse};
use bordermap::{ErrorKind, Measured};

use super::*;

/// Whether `expr` holds for `m`.
#[track_caller]
fn holds(m: &Measured, expr: &str) -> bool {
    let e = parse(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
    evaluate(&e, m).unwrap_or_else(|e| panic!("{expr}: {e}")).ok
}

/// SDF's length: from the start to where the Euphrates crosses the border (reference.json).
fn sdf_m() -> f64 {
    num(&reference()["ne10m"]["euphrates_crossings"][0]["along_m"])
}

#[test]
fn the_issues_examples_hold_for_the_default_dataset() {
    let m = measured(None);
    for expr in [
        "total=599.3km±0.1%",
        "SDF>=300km",
        "wall:built<=400km",
        "gaps=0",
        "overlaps=0",
        "authority:SDF>=50%",
    ] {
        assert!(holds(&m, expr), "{expr}");
    }
}

/// `=` without a tolerance holds to the precision written: 599.3km is 599.25 to 599.35 km.
#[test]
fn equality_holds_to_the_precision_written() {
    let m = measured(None); // 599,285.645 m
    assert!(holds(&m, "total=599.3km"));
    assert!(holds(&m, "total==599.29km"));
    assert!(!holds(&m, "total=599.28km"));
    assert!(!holds(&m, "total=599.2km"));
    assert!(holds(&m, "total=599km"));
    assert!(holds(&m, "total=599285.645m"));
    assert!(!holds(&m, "total=599285.64m"));
    assert!(
        holds(&m, "total = 599_285.6 m"),
        "spaces and digit separators"
    );
}

#[test]
fn explicit_tolerances_are_relative_or_absolute() {
    let m = measured(None); // 599.286 km
    assert!(holds(&m, "total=600km±0.2%")); // ±1.2 km
    assert!(!holds(&m, "total=600km±0.1%")); // ±0.6 km, off by 0.714 km
    assert!(holds(&m, "total=600km±1km"));
    assert!(!holds(&m, "total=600km±700m"));
    assert!(holds(&m, "total=600km+-800m"), "ASCII +- for ±");
    assert!(holds(&m, "total!=600km±700m"));
    assert!(!holds(&m, "total!=599.3km"), "!= uses the same tolerance");
}

#[test]
fn comparisons_are_strict_or_not_as_written() {
    let m = measured(None);
    let sdf = sdf_m();
    // Along-line positions of snaps agree with the reference to centimetres.
    assert!(holds(&m, &format!("SDF>={:.3}m", sdf - 1.0)));
    assert!(holds(&m, &format!("SDF<={:.3}m", sdf + 1.0)));
    assert!(!holds(&m, &format!("SDF>{:.3}m", sdf + 1.0)));
    assert!(!holds(&m, &format!("SDF<{:.3}m", sdf - 1.0)));
    assert!(holds(&m, "total<600km") && !holds(&m, "total>600km"));
    assert!(holds(&m, "segments>1"));
    assert!(!holds(&m, "gaps>0"));
    assert!(
        holds(&m, "sdf>=300km"),
        "values match without regard to case"
    );
    assert!(holds(&m, "\"Damascus government\">100km"), "quoted values");
}

/// Percentages compare shares of the total, to the precision written.
#[test]
fn percent_shares() {
    let m = measured(None);
    let share = sdf_m() / num(&reference()["ne10m"]["total_m"]) * 100.0;
    assert!(holds(&m, &format!("SDF={share:.1}%")));
    assert!(!holds(&m, &format!("SDF={:.1}%", share + 0.2)));
    assert!(holds(&m, &format!("authority:SDF={share:.0}%±1%")));
    assert!(holds(&m, "wall:built<20%"), "100 km of 599 km");
    assert!(!holds(&m, "wall:built<15%"));
}

#[test]
fn values_follow_the_date() {
    let m = measured(Some("2025-10-16"));
    assert!(holds(&m, "wall:built>=300km"));
    assert!(!holds(&m, "wall:built<=300km"));
    // Before the new authorities deployed on the border (2025-06-16) the desert stretch is a
    // gap; by 2021-12-31 the army held it ("further south", Reuters, 2021-01-18).
    assert!(holds(&measured(Some("2025-01-01")), "gaps=1"));
    let before = measured(Some("2021-12-31"));
    assert!(holds(&before, "gaps=0"));
    assert!(holds(&before, "wall:\"not reported\"=100%"));
}

#[test]
fn bad_expressions_are_input_errors_with_a_hint() {
    for (expr, says) in [
        ("total~3", "no comparison operator"),
        ("SDF>=300", "lengths need a unit"),
        ("gaps=1km", "counts take a plain number"),
        ("total=50%", "the total is 100 %"),
        ("total=abc", "is not a number"),
        ("total=599km±x", "tolerance"),
        (">=300km", "nothing before the operator"),
        ("total=599km±1", "does not fit"),
    ] {
        let e = parse(expr).expect_err(expr);
        assert_eq!(e.kind, ErrorKind::Input, "{expr}");
        let text = e.to_string();
        assert!(text.contains(&format!("bad expression '{expr}'")), "{text}");
        assert!(text.contains(says), "{expr}: {text:?} should say {says:?}");
        assert!(text.contains("hint:"), "{text}");
    }
}

#[test]
fn unknown_values_and_layers_are_errors_naming_the_known_ones() {
    let m = measured(None);
    let e = evaluate(&parse("Kurds>=1km").unwrap(), &m).unwrap_err();
    assert!(e.to_string().contains("no value 'Kurds'"), "{e}");
    assert!(e.to_string().contains("authority:SDF"), "{e}");
    let e = evaluate(&parse("walls:built>=1km").unwrap(), &m).unwrap_err();
    assert!(e.to_string().contains("no layer 'walls'"), "{e}");
    assert!(e.to_string().contains("authority, wall"), "{e}");
}

#[test]
fn outcomes_print_the_measured_value() {
    let m = measured(None);
    let o = evaluate(&parse("total=599.2km").unwrap(), &m).unwrap();
    assert!(!o.ok);
    assert_eq!(o.to_string(), "FAIL total=599.2km (measured 599.286 km)");
    let o = evaluate(&parse("gaps=0").unwrap(), &m).unwrap();
    assert_eq!(o.to_string(), "ok   gaps=0 (measured 0)");
}

/// A value the layers name but that is not on the border on the date measures 0 m, so a CI
/// check on an early date does not fail with "unknown value".
#[test]
fn a_value_absent_on_the_date_measures_zero() {
    let m = measured(Some("2021-12-31"));
    assert!(holds(&m, "wall:built<=400km"));
    assert!(holds(&m, "wall:built=0km"));
    assert!(!holds(&m, "wall:built>0m"));
    // An unplaced claim's value is known too.
    assert!(holds(&m, "wall:fence=0km"));
}

/// Outcomes carry the resolved subject and the measured number in the expectation's unit.
#[test]
fn outcomes_give_subject_and_measured_number_in_the_expectations_unit() {
    let m = measured(None);
    let exprs: Vec<_> = [
        "SDF>=300km",
        "SDF>=300000m",
        "SDF>=50%",
        "overlaps=0",
        "total=599.3km",
    ]
    .iter()
    .map(|e| parse(e).unwrap())
    .collect();
    let report = Report::evaluate(&exprs, &m).unwrap();
    assert!(report.ok());
    let got: Vec<(&str, f64, Unit)> = report
        .outcomes
        .iter()
        .map(|o| (o.subject.as_str(), o.value, o.unit))
        .collect();
    let sdf = m.total_of("authority", "SDF");
    assert_eq!(got[0].0, "authority:SDF");
    assert_near("km", got[0].1, sdf / 1000.0, 1e-6);
    assert_eq!(got[0].2, Unit::Km);
    assert_near("m", got[1].1, sdf, MM);
    assert_eq!(got[1].2, Unit::M);
    assert_near("%", got[2].1, 100.0 * sdf / m.total_m, 1e-4);
    assert_eq!(got[2].2, Unit::Percent);
    assert_eq!(
        (got[3].0, got[3].1, got[3].2),
        ("overlaps", 0.0, Unit::None)
    );
    assert_eq!(got[4].0, "total");
    let json = report.to_json();
    assert_eq!(json["results"][2]["unit"], "%");
    assert_eq!(json["results"][3]["unit"], "count");
}

/// Whatever an expectation's text holds (quotes, markup, `]]>`, control characters), the JUnit
/// XML parses and reads back the text (control characters, which XML cannot hold, as U+FFFD).
#[test]
fn junit_xml_holds_any_text() {
    let hostile = "a\"b'<script>&amp;]]>\u{1}\u{2067}x\u{2069}";
    let outcome = |ok: bool| Outcome {
        text: hostile.to_string(),
        subject: hostile.to_string(),
        ok,
        measured: format!("1.000 km {hostile}"),
        value: 1.0,
        unit: Unit::Km,
        length_m: Some(1000.0),
        time: std::time::Duration::ZERO,
    };
    let report = Report {
        outcomes: vec![outcome(true), outcome(false)],
        ..Report::default()
    };
    let mut out = Vec::new();
    report.write_junit(&mut out).unwrap();
    let xml = String::from_utf8(out).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let read_back = hostile.replace('\u{1}', "\u{fffd}");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 2);
    for c in &cases {
        assert_eq!(c.attribute("name"), Some(read_back.as_str()));
    }
    let failure = cases[1]
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert!(
        failure
            .attribute("message")
            .unwrap()
            .contains(&format!("measured 1.000 km {read_back}"))
    );
    assert!(failure.text().unwrap().contains(&read_back));
    assert_eq!(doc.root_element().attribute("failures"), Some("1"));
}
