//! JUnit XML of a `check` [`Report`], as GitLab, Jenkins and GitHub test reporters read it:
//! each expectation a `<testcase>` carrying what was measured (km to three decimals and metres,
//! in `<properties>` and `<system-out>`) and its time; one that could not be checked an
//! `<error>`.

use std::io::{self, Write};
use std::time::Duration;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{CaseError, JUNIT_CLASS, JUNIT_SUITE, Outcome, Report, Unit};

/// One test case, in the order the expectations were given.
enum Case<'a> {
    Checked(&'a Outcome),
    Error(&'a CaseError),
}

/// Seconds with microseconds, as JUnit's `time` attributes are written.
fn seconds(d: Duration) -> String {
    format!("{:.6}", d.as_secs_f64())
}

impl Report {
    /// The test cases in the order the expectations were given: each error at its position,
    /// the outcomes in between.
    fn cases(&self) -> Vec<Case<'_>> {
        let n = self.outcomes.len() + self.errors.len();
        let mut outcomes = self.outcomes.iter();
        (0..n)
            .filter_map(|i| match self.errors.iter().find(|e| e.position == i) {
                Some(e) => Some(Case::Error(e)),
                None => outcomes.next().map(Case::Checked),
            })
            .collect()
    }

    /// Writes JUnit XML as GitLab, Jenkins and GitHub test reporters read it: one
    /// `<testsuite name="bordermap check" tests=N failures=F errors=E time=S>` root with one
    /// `<testcase name=EXPR classname="bordermap.check" time=S>` per expectation, in the order
    /// given. A checked one holds `<properties>` (`subject`; `measured_km` to three decimals
    /// and `measured_m` to the millimetre for a length, also `measured_percent` for a share;
    /// `measured_count` for a count) and the same in words in `<system-out>`; a failing one
    /// also `<failure message="measured 599.286 km; expected total=600km">`. One that could
    /// not be checked (a bad expression, a value the layers lack, a border that could not be
    /// measured) holds `<error message=WHY>`. Times are seconds (wall clock: the one part
    /// that differs run to run). Text from the command line or the data is escaped by
    /// quick-xml; a character XML cannot hold (a control character) is written as U+FFFD.
    pub fn write_junit(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut xml = Writer::new_with_indent(&mut *w, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let cases = self.cases();
        let tests = cases.len().to_string();
        let failures = self.failed().to_string();
        let errors = self.errors.len().to_string();
        let time = seconds(self.time.unwrap_or_else(|| {
            let errors = self.errors.iter().map(|e| e.time);
            self.outcomes.iter().map(|o| o.time).chain(errors).sum()
        }));
        xml.create_element("testsuite")
            .with_attributes([
                ("name", JUNIT_SUITE),
                ("tests", tests.as_str()),
                ("failures", failures.as_str()),
                ("errors", errors.as_str()),
                ("skipped", "0"),
                ("time", time.as_str()),
            ])
            .write_inner_content(|xml| {
                for case in &cases {
                    match case {
                        Case::Checked(o) => checked(xml, o)?,
                        Case::Error(e) => error(xml, e)?,
                    }
                }
                Ok(())
            })?;
        writeln!(w)
    }
}

/// The measured value as properties: `(name, value)`.
fn properties(o: &Outcome) -> Vec<(&'static str, String)> {
    let mut p = vec![("subject", xml_text(&o.subject))];
    match o.unit {
        Unit::None => p.push(("measured_count", format!("{}", o.value))),
        Unit::Percent => p.push(("measured_percent", format!("{:.4}", o.value))),
        Unit::Days => p.push(("measured_days", format!("{}", o.value))),
        Unit::Km | Unit::M => {}
    }
    if let Some(m) = o.length_m {
        p.push(("measured_km", format!("{:.3}", m / 1000.0)));
        p.push(("measured_m", format!("{m:.3}")));
    }
    p
}

/// The measured value in words: `total: 599.286 km = 599285.645 m`, `authority:SDF: 60.45 %
/// of the total = 362.247 km = 362247.190 m`, `gaps: 0`.
fn in_words(o: &Outcome) -> String {
    let mut s = format!("{}: ", o.subject);
    match o.unit {
        Unit::None => s.push_str(&format!("{}", o.value)),
        Unit::Percent => s.push_str(&format!("{:.2} % of the total = ", o.value)),
        Unit::Days => s.push_str(&format!("{} days", o.value)),
        Unit::Km | Unit::M => {}
    }
    if let Some(m) = o.length_m {
        s.push_str(&format!("{:.3} km = {m:.3} m", m / 1000.0));
    }
    xml_text(&s)
}

/// A checked expectation's `<testcase>`.
fn checked<W: Write>(xml: &mut Writer<W>, o: &Outcome) -> io::Result<()> {
    let name = xml_text(&o.text);
    let time = seconds(o.time);
    let props = properties(o);
    let out = in_words(o);
    xml.create_element("testcase")
        .with_attributes([
            ("name", name.as_str()),
            ("classname", JUNIT_CLASS),
            ("time", time.as_str()),
        ])
        .write_inner_content(|xml| {
            xml.create_element("properties")
                .write_inner_content(|xml| {
                    for (k, v) in &props {
                        xml.create_element("property")
                            .with_attributes([("name", *k), ("value", v.as_str())])
                            .write_empty()?;
                    }
                    Ok(())
                })?;
            if !o.ok {
                let measured = match o.unit {
                    Unit::None => format!("{} (count)", o.measured),
                    _ => o.measured.clone(),
                };
                let message = xml_text(&format!("measured {measured}; expected {}", o.text));
                let body = xml_text(&o.to_string());
                xml.create_element("failure")
                    .with_attributes([
                        ("message", message.as_str()),
                        ("type", "expectation failed"),
                    ])
                    .write_text_content(BytesText::new(&body))?;
            }
            xml.create_element("system-out")
                .write_text_content(BytesText::new(&out))?;
            Ok(())
        })?;
    Ok(())
}

/// An expectation that could not be checked: its `<testcase>` with an `<error>`.
fn error<W: Write>(xml: &mut Writer<W>, e: &CaseError) -> io::Result<()> {
    let name = xml_text(&e.text);
    let message = xml_text(&e.error.to_string());
    let time = seconds(e.time);
    xml.create_element("testcase")
        .with_attributes([
            ("name", name.as_str()),
            ("classname", JUNIT_CLASS),
            ("time", time.as_str()),
        ])
        .write_inner_content(|xml| {
            xml.create_element("error")
                .with_attributes([("message", message.as_str()), ("type", "not checked")])
                .write_text_content(BytesText::new(&message))?;
            Ok(())
        })?;
    Ok(())
}

/// `s` with every character XML 1.0 cannot hold (control characters other than tab, line
/// feed and carriage return; U+FFFE, U+FFFF) replaced by U+FFFD. Escaping is quick-xml's.
fn xml_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            _ => c,
        })
        .collect()
}
