//! `check` expressions for CI: `total=599.3km±0.1%`, `SDF>=300km`, `wall:built<=400km`,
//! `authority:SDF>=50%`, `gaps=0`, `unsourced=0`. Parsed once, evaluated against a
//! [`Measured`]; a [`Report`] of the outcomes is written as text for people, JSON for
//! programs or JUnit XML for CI test reporters (`check/junit.rs`), into any `io::Write`.

use std::fmt;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::measure::Measured;

mod junit;

/// Comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=` or `==` (within the tolerance).
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

/// What an expression measures.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// Total length of the border.
    Total,
    /// Number of gaps, overlaps, segments, or claims in force without a source
    /// (`unsourced`).
    Count(&'static str),
    /// Days from the newest claim of the stalest layer to the as-of date (`age<=180d`): a
    /// layer whose newest claim is older than that fails.
    Age,
    /// Length of a value, optionally in a named layer.
    Value {
        /// Layer id, if given (`layer:value`).
        layer: Option<String>,
        /// The value.
        value: String,
    },
}

/// The unit of the right-hand side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Metres.
    M,
    /// Kilometres.
    Km,
    /// Percent of the total length.
    Percent,
    /// A plain count.
    None,
    /// Days (`d`).
    Days,
}

impl Unit {
    /// The unit's symbol in reports: `m`, `km`, `%` (of the total length) or `count`.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::M => "m",
            Unit::Km => "km",
            Unit::Percent => "%",
            Unit::None => "count",
            Unit::Days => "days",
        }
    }
}

/// A parsed expectation.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    /// The text as given.
    pub text: String,
    /// What is measured.
    pub subject: Subject,
    /// The comparison.
    pub op: Op,
    /// Right-hand side in `unit`.
    pub value: f64,
    /// Unit of `value`.
    pub unit: Unit,
    /// Tolerance for `=` and `!=`, in the same base unit as the comparison (metres, share or
    /// count).
    pub tolerance: f64,
}

/// The outcome of one expectation.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The expectation as given.
    pub text: String,
    /// What was measured, resolved: `total`, `gaps`, `overlaps`, `segments`, `unsourced`, or
    /// `layer:value` (`SDF` resolves to `authority:SDF`).
    pub subject: String,
    /// Whether it holds.
    pub ok: bool,
    /// The measured value in words, e.g. `599.286 km`.
    pub measured: String,
    /// The measured value in `unit`, the expectation's unit: kilometres or metres rounded to
    /// the millimetre, percent of the total length to 4 decimals, or a count.
    pub value: f64,
    /// The unit of `value` (the unit the expectation was written in).
    pub unit: Unit,
    /// The measured length, metres rounded to the millimetre, when the subject is a length
    /// (for a share, the length it is a share of); `None` for a count.
    pub length_m: Option<f64>,
    /// How long parsing and judging this expectation took (the measuring, shared by all, is
    /// in [`Report::time`]). Wall-clock time: the one figure that differs run to run.
    pub time: Duration,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} (measured {})",
            if self.ok { "ok  " } else { "FAIL" },
            self.text,
            self.measured
        )
    }
}

fn bad(text: &str, what: &str) -> Error {
    Error::input(format!("bad expression '{text}': {what}")).hint(
        "write e.g. total=599.3km±0.1%, SDF>=300km, wall:built<=400km, authority:SDF>=50%, gaps=0",
    )
}

/// Parses one expression.
pub fn parse(text: &str) -> Result<Expectation> {
    let t = text.trim();
    let i = t
        .find(['<', '>', '=', '!'])
        .ok_or_else(|| bad(text, "no comparison operator (=, !=, <, <=, >, >=)"))?;
    let lhs = t.get(..i).unwrap_or("").trim();
    let rest = t.get(i..).unwrap_or("");
    let (op, rhs) = [
        ("==", Op::Eq),
        ("!=", Op::Ne),
        ("<=", Op::Le),
        (">=", Op::Ge),
        ("=", Op::Eq),
        ("<", Op::Lt),
        (">", Op::Gt),
    ]
    .iter()
    .find_map(|(s, op)| rest.strip_prefix(s).map(|r| (*op, r.trim())))
    .ok_or_else(|| bad(text, "unknown operator"))?;
    if lhs.is_empty() {
        return Err(bad(text, "nothing before the operator"));
    }
    let subject = match lhs {
        "total" => Subject::Total,
        "gaps" => Subject::Count("gap"),
        "overlaps" => Subject::Count("overlap"),
        "disputed" => Subject::Count("disputed"),
        "segments" => Subject::Count("segments"),
        "unsourced" => Subject::Count("unsourced"),
        "age" => Subject::Age,
        _ => match lhs.split_once(':') {
            Some((l, v)) => Subject::Value {
                layer: Some(l.trim().to_string()),
                value: v.trim().trim_matches('"').to_string(),
            },
            None => Subject::Value {
                layer: None,
                value: lhs.trim_matches('"').to_string(),
            },
        },
    };
    let (main, tol) = match rhs.split_once('±').or_else(|| rhs.split_once("+-")) {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (rhs, None),
    };
    let (value, unit, digits) = number_unit(main).ok_or_else(|| {
        bad(
            text,
            &format!("'{main}' is not a number with a unit (km, m, %)"),
        )
    })?;
    match (&subject, unit) {
        (Subject::Age, Unit::Days) => {}
        (Subject::Age, _) => return Err(bad(text, "an age is in days, e.g. age<=180d")),
        (_, Unit::Days) => return Err(bad(text, "only age is in days (d)")),
        (Subject::Count(_), Unit::None) if value < 0.0 || value.fract() != 0.0 => {
            return Err(bad(
                text,
                &format!("a count is a whole number, 0 or more, not {main}"),
            ));
        }
        (Subject::Count(_), Unit::None) => {}
        (Subject::Count(_), _) => return Err(bad(text, "counts take a plain number")),
        (_, Unit::None) => return Err(bad(text, "lengths need a unit: km, m or % of the total")),
        (Subject::Total, Unit::Percent) => {
            return Err(bad(text, "the total is 100 %; give it in km or m"));
        }
        _ => {}
    }
    let base = |v: f64, u: Unit| match u {
        Unit::Km => v * 1000.0,
        Unit::Percent => v / 100.0,
        _ => v,
    };
    let tolerance = match tol {
        Some(tt) => {
            let (tv, tu, _) = number_unit(tt).ok_or_else(|| {
                bad(
                    text,
                    &format!("tolerance '{tt}' is not a number with a unit"),
                )
            })?;
            if tv < 0.0 {
                return Err(bad(
                    text,
                    &format!("tolerance '{tt}' is negative; a tolerance is 0 or more"),
                ));
            }
            match (tu, unit) {
                (Unit::Percent, _) => base(value, unit).abs() * tv / 100.0,
                (Unit::Km | Unit::M, Unit::Km | Unit::M) => base(tv, tu),
                (Unit::None, Unit::None) => tv,
                _ => return Err(bad(text, "the tolerance's unit does not fit the value's")),
            }
        }
        // Without a tolerance, `=` holds to the precision written: 599.3km is 599.25..599.35.
        None => match unit {
            Unit::None => 0.0,
            _ => base(0.5 * 10f64.powi(-(digits as i32)), unit),
        },
    };
    Ok(Expectation {
        text: text.to_string(),
        subject,
        op,
        value: base(value, unit),
        unit,
        tolerance,
    })
}

/// Splits `599.3km` into (599.3, Km, decimals=1).
fn number_unit(s: &str) -> Option<(f64, Unit, usize)> {
    let s = s.trim();
    let (num, unit) = if let Some(n) = s.strip_suffix('d') {
        (n, Unit::Days)
    } else if let Some(n) = s.strip_suffix("km") {
        (n, Unit::Km)
    } else if let Some(n) = s.strip_suffix('%') {
        (n, Unit::Percent)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, Unit::M)
    } else {
        (s, Unit::None)
    };
    let num = num.trim().replace('_', "");
    if num.is_empty()
        || !num
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    let v: f64 = num.parse().ok()?;
    let digits = num.split_once('.').map_or(0, |(_, f)| f.len());
    v.is_finite().then_some((v, unit, digits))
}

fn resolve_value<'a>(
    m: &'a Measured,
    layer: Option<&str>,
    value: &str,
    text: &str,
) -> Result<(&'a str, &'a str)> {
    let mut cands: Vec<(&str, &str)> = Vec::new();
    for l in &m.layers {
        if layer.is_some_and(|x| x != l.id) {
            continue;
        }
        for v in l
            .values
            .iter()
            .map(|v| v.value.as_str())
            .chain(l.known.iter().map(String::as_str))
        {
            if !cands.contains(&(l.id.as_str(), v)) {
                cands.push((l.id.as_str(), v));
            }
        }
    }
    if let Some(x) = layer
        && !m.layers.iter().any(|l| l.id == x)
    {
        let ids: Vec<&str> = m.layers.iter().map(|l| l.id.as_str()).collect();
        return Err(bad(
            text,
            &format!("no layer '{x}' (layers: {})", ids.join(", ")),
        ));
    }
    let exact: Vec<_> = cands.iter().filter(|c| c.1 == value).copied().collect();
    let hits = if exact.is_empty() {
        let lower = value.to_lowercase();
        cands
            .iter()
            .filter(|c| c.1.to_lowercase() == lower)
            .copied()
            .collect()
    } else {
        exact
    };
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(bad(
            text,
            &format!(
                "no value '{value}' in the layers (values: {})",
                cands
                    .iter()
                    .map(|c| format!("{}:{}", c.0, c.1))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
        _ => Err(bad(
            text,
            &format!("'{value}' is a value of several layers; write layer:{value}"),
        )),
    }
}

/// Evaluates `e` against `m`.
pub fn evaluate(e: &Expectation, m: &Measured) -> Result<Outcome> {
    let mut subject = String::new();
    let (measured, shown) = match &e.subject {
        Subject::Total => {
            subject.push_str("total");
            (m.total_m, format!("{:.3} km", m.total_m / 1000.0))
        }
        Subject::Count(k) => {
            let n = match *k {
                "segments" => m.segments.len(),
                "unsourced" => m.unsourced,
                _ => m.count(k),
            };
            subject.push_str(match *k {
                "gap" => "gaps",
                "overlap" => "overlaps",
                other => other,
            });
            (n as f64, n.to_string())
        }
        Subject::Age => {
            subject.push_str("age");
            age(m, &e.text)?
        }
        Subject::Value { layer, value } => {
            let (l, v) = resolve_value(m, layer.as_deref(), value, &e.text)?;
            subject = format!("{l}:{v}");
            let len = m.total_of(l, v);
            if e.unit == Unit::Percent {
                let share = if m.total_m > 0.0 {
                    len / m.total_m
                } else {
                    0.0
                };
                let mut o = judge(
                    e,
                    subject,
                    share,
                    format!("{:.2} % ({:.3} km)", share * 100.0, len / 1000.0),
                );
                o.length_m = Some(in_unit(len, Unit::M));
                return Ok(o);
            } else {
                (len, format!("{:.3} km", len / 1000.0))
            }
        }
    };
    Ok(judge(e, subject, measured, shown))
}

/// The outcome of `e` given what was measured: `measured` in the base unit of the comparison
/// (metres, share of the total, or a count), `subject` and `shown` (the measurement in words)
/// as reported. For other measurements than [`evaluate`]'s (e.g. `diff`'s changed lengths).
pub fn judge(e: &Expectation, subject: String, measured: f64, shown: String) -> Outcome {
    let d = measured - e.value;
    let ok = match e.op {
        Op::Eq => d.abs() <= e.tolerance + 1e-9,
        Op::Ne => d.abs() > e.tolerance + 1e-9,
        Op::Lt => measured < e.value,
        Op::Le => measured <= e.value,
        Op::Gt => measured > e.value,
        Op::Ge => measured >= e.value,
    };
    Outcome {
        text: e.text.clone(),
        subject,
        ok,
        measured: shown,
        value: in_unit(measured, e.unit),
        unit: e.unit,
        length_m: matches!(e.unit, Unit::Km | Unit::M).then(|| in_unit(measured, Unit::M)),
        time: Duration::ZERO,
    }
}

/// A base-unit measurement (metres, share of the total, count) in `unit`, rounded: lengths to
/// the millimetre, percent to 4 decimals.
fn in_unit(base: f64, unit: Unit) -> f64 {
    let round = |x: f64, decimals: i32| {
        let f = 10f64.powi(decimals);
        (x * f).round() / f
    };
    match unit {
        Unit::Km => round(base / 1000.0, 6),
        Unit::M => round(base, 3),
        Unit::Percent => round(base * 100.0, 4),
        Unit::None | Unit::Days => base,
    }
}

/// Days from the newest claim of the stalest layer to the as-of date, and in words (`412
/// days: authority's newest claim is of 2025-10-29, as of 2026-12-07`).
fn age(m: &Measured, text: &str) -> Result<(f64, String)> {
    let Some(as_of) = m.as_of else {
        return Err(bad(text, "the data has no dated claims, so no age"));
    };
    let stalest = m
        .layers
        .iter()
        .filter_map(|l| l.newest.map(|n| (as_of.days_since(&n), l.id.as_str(), n)))
        .max_by_key(|x| x.0);
    let Some((days, layer, newest)) = stalest else {
        return Err(bad(text, "no layer has a dated claim, so no age"));
    };
    Ok((
        days as f64,
        format!("{days} days: {layer}'s newest claim is of {newest}, as of {as_of}"),
    ))
}

/// The name of the JUnit test suite [`Report::write_junit`] writes.
pub const JUNIT_SUITE: &str = "bordermap check";

/// The JUnit class name of every test case [`Report::write_junit`] writes.
pub const JUNIT_CLASS: &str = "bordermap.check";

/// The outcomes of a `check` run, in the order the expectations were given, and the writers
/// for people (text), programs (JSON) and CI test reporters (JUnit XML).
///
/// ```
/// use bordermap::check::{self, Report};
/// let ds = bordermap::Dataset::load(&bordermap::LoadOptions::default())?;
/// let m = ds.measure(None)?;
/// let exprs = [check::parse("total=599.3km")?, check::parse("gaps=1")?];
/// let report = Report::evaluate(&exprs, &m)?;
/// assert_eq!(report.failed(), 1);
/// let mut xml = Vec::new();
/// report.write_junit(&mut xml)?;
/// assert!(String::from_utf8_lossy(&xml).contains(r#"tests="2" failures="1""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// One outcome per expectation that could be checked, in the order given.
    pub outcomes: Vec<Outcome>,
    /// The expectations that could not be checked (see [`Report::check`]); empty from
    /// [`Report::evaluate`].
    pub errors: Vec<CaseError>,
    /// How long the whole check took, loading and measuring included, when the caller timed
    /// it (JUnit's `testsuite` `time`; without it, the sum of the outcomes' times).
    pub time: Option<Duration>,
}

/// An expectation that could not be checked: it does not parse, names nothing the layers
/// have, or the border could not be measured.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseError {
    /// Its position among the expectations as given (0-based).
    pub position: usize,
    /// The expectation as given.
    pub text: String,
    /// Why it could not be checked.
    pub error: Error,
    /// How long trying it took.
    pub time: Duration,
}

impl Report {
    /// Evaluates every expectation against `m` (see [`evaluate`]); the first that cannot be
    /// evaluated (e.g. it names no value of the layers) is the error.
    pub fn evaluate(expectations: &[Expectation], m: &Measured) -> Result<Report> {
        let mut outcomes = Vec::with_capacity(expectations.len());
        for e in expectations {
            let started = Instant::now();
            let mut o = evaluate(e, m)?;
            o.time = started.elapsed();
            outcomes.push(o);
        }
        Ok(Report {
            outcomes,
            ..Report::default()
        })
    }

    /// Parses and evaluates each expectation text against `measured` (or, when the border
    /// could not be measured, that error): every text is an outcome or a [`CaseError`], so a
    /// report for CI shows each expectation, also those that could not be checked.
    pub fn check(texts: &[String], measured: std::result::Result<&Measured, &Error>) -> Report {
        let mut report = Report::default();
        for (position, text) in texts.iter().enumerate() {
            let started = Instant::now();
            let checked = parse(text).and_then(|e| match measured {
                Ok(m) => evaluate(&e, m),
                Err(err) => Err(err.clone()),
            });
            match checked {
                Ok(mut o) => {
                    o.time = started.elapsed();
                    report.outcomes.push(o);
                }
                Err(error) => report.errors.push(CaseError {
                    position,
                    text: text.clone(),
                    error,
                    time: started.elapsed(),
                }),
            }
        }
        report
    }

    /// How many expectations failed.
    pub fn failed(&self) -> usize {
        self.outcomes.iter().filter(|o| !o.ok).count()
    }

    /// Whether every expectation holds (none failed, none could not be checked).
    pub fn ok(&self) -> bool {
        self.failed() == 0 && self.errors.is_empty()
    }

    /// One line per expectation: `ok   EXPR (measured 599.286 km)` or `FAIL EXPR (...)`;
    /// then `ERROR EXPR: why` for each that could not be checked.
    pub fn write_text(&self, w: &mut dyn Write) -> io::Result<()> {
        for o in &self.outcomes {
            writeln!(w, "{o}")?;
        }
        for e in &self.errors {
            writeln!(w, "ERROR {}: {}", e.text, e.error)?;
        }
        Ok(())
    }

    /// The JSON document: `{"ok", "results": [{"expr", "subject", "measured", "unit",
    /// "pass"}]}`; `measured` is a number in `unit` (`km`, `m`, `%` or `count`; see
    /// [`Outcome::value`]).
    pub fn to_json(&self) -> Value {
        let results: Vec<Value> = self
            .outcomes
            .iter()
            .map(|o| {
                let measured = match o.unit {
                    // Counts are whole numbers: written as integers.
                    Unit::None if o.value >= 0.0 && o.value.fract() == 0.0 => {
                        json!(o.value as u64)
                    }
                    _ => json!(o.value),
                };
                json!({
                    "expr": o.text,
                    "subject": o.subject,
                    "measured": measured,
                    "unit": o.unit.symbol(),
                    "pass": o.ok,
                })
            })
            .collect();
        json!({"ok": self.ok(), "results": results})
    }

    /// Writes [`Report::to_json`], pretty-printed, with a final newline.
    pub fn write_json(&self, w: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *w, &self.to_json())?;
        writeln!(w)
    }
}
