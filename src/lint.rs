//! Keeping a layers file current (`bordermap check-layers`): claims with no source, overlaps
//! that no `priority` (nor a newer date) resolves at any date a claim starts or ends, and
//! dates after today. Each problem says where it is written. No I/O; today is an input.

use std::io::{self, Write};

use crate::dataset::Dataset;
use crate::date::Date;
use crate::error::Result;

/// One problem found in a layers file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Problem {
    /// `unsourced`, `overlap` or `future`.
    pub kind: &'static str,
    /// Where it is written: `FILE:LINE`, or the border file's feature.
    pub at: String,
    /// What is wrong, for people.
    pub message: String,
}

/// The problems of `ds`'s layers (and pre-tagged border), with `today` the latest date a
/// claim, a source's date or an `accessed` date may have. Sorted by kind, then place.
pub fn check_layers(ds: &Dataset, today: &Date) -> Result<Vec<Problem>> {
    let mut out: Vec<Problem> = Vec::new();
    for t in &ds.border.tags {
        if t.source.is_none() {
            out.push(Problem {
                kind: "unsourced",
                at: format!(
                    "{} feature {}",
                    crate::load::shown_name(&ds.border_file),
                    t.feature
                ),
                message:
                    "a pre-tagged stretch has no source: give its feature a \"source\" property"
                        .to_string(),
            });
        }
    }
    if let Some(l) = &ds.layers {
        let file = crate::load::shown_name(&l.file);
        let mut future = |what: &str, d: &Option<Date>, line: usize| {
            if let Some(d) = d
                && !d.first_day().on_or_before(today)
            {
                out.push(Problem {
                    kind: "future",
                    at: format!("{file}:{line}"),
                    message: format!("{what} {d}, after today ({today})"),
                });
            }
        };
        for s in &l.sources {
            future(&format!("the source '{}' is dated", s.id), &s.date, s.line);
            future(
                &format!("the source '{}' was accessed", s.id),
                &s.accessed,
                s.line,
            );
        }
        for layer in &l.layers {
            for iv in &layer.intervals {
                let what = format!("{}: the claim '{}'", layer.id, iv.value);
                future(&format!("{what} is as of"), &Some(iv.as_of), iv.line);
                future(&format!("{what} was accessed"), &iv.accessed, iv.line);
            }
            for u in &layer.unplaced {
                let what = format!(
                    "{}: the claim '{}' with no stretch is as of",
                    layer.id, u.value
                );
                future(&what, &Some(u.as_of), u.line);
            }
        }
    }
    for d in crate::timeline::change_dates(ds) {
        let m = ds.measure(Some(d))?;
        for i in m.issues.iter().filter(|i| i.kind == "overlap") {
            let p = Problem {
                kind: "overlap",
                at: i.claims.join(", "),
                message: format!(
                    "{}: {} overlap from km {:.1} to km {:.1} as of {d}, and no priority or newer date decides; give one claim a higher priority, end the older with until, or mark a dispute with disputed_by",
                    i.layer,
                    i.values.join(" and "),
                    i.from_m / 1000.0,
                    i.to_m / 1000.0
                ),
            };
            // The same claims overlapping at several dates are one problem (the first date).
            if !out.iter().any(|o| o.kind == "overlap" && o.at == p.at) {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Writes the problems one a line (`AT: kind: message`), or `no problems` when there are none.
pub fn write_text(problems: &[Problem], w: &mut dyn Write) -> io::Result<()> {
    if problems.is_empty() {
        return writeln!(w, "no problems");
    }
    for p in problems {
        writeln!(w, "{}: {}: {}", p.at, p.kind, p.message)?;
    }
    Ok(())
}
