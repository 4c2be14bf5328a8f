//! What changed between two dates: for each layer, the stretches of the border whose value on
//! one date differs from the value on the other, measured in metres along the border (the
//! same chainage as `measure`), with the sources on both sides. No I/O.

use geo::LineString;

use crate::Dataset;
use crate::date::Date;
use crate::error::{Detail, Error, Result, Setting};
use crate::measure::Measured;

/// A stretch of the border whose value in one layer changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Layer id.
    pub layer: String,
    /// Start, metres from the start of the border.
    pub from_m: f64,
    /// End, metres from the start of the border.
    pub to_m: f64,
    /// `to_m - from_m`, metres (geodesic).
    pub length_m: f64,
    /// The value on the first date (`None`: no claim applied, a gap).
    pub before: Option<String>,
    /// The value on the second date (`None`: a gap).
    pub after: Option<String>,
    /// Sources of this layer's claims on the stretch on the first date.
    pub sources_before: Vec<String>,
    /// Sources of this layer's claims on the stretch on the second date.
    pub sources_after: Vec<String>,
    /// The stretch, `[lon, lat]`.
    pub line: LineString<f64>,
}

/// Length that went from one value to another in a layer.
#[derive(Debug, Clone, PartialEq)]
pub struct PairTotal {
    /// Value on the first date (`None`: a gap).
    pub before: Option<String>,
    /// Value on the second date (`None`: a gap).
    pub after: Option<String>,
    /// Metres.
    pub length_m: f64,
}

/// The changes of one layer in total.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerChanges {
    /// Layer id.
    pub layer: String,
    /// Layer title.
    pub title: String,
    /// Metres of the border whose value changed.
    pub changed_m: f64,
    /// Metres per (before, after) pair, in the order the pairs first occur along the border.
    pub pairs: Vec<PairTotal>,
}

/// What changed between two dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// The first date.
    pub from: Date,
    /// The second date.
    pub to: Date,
    /// Changes, by layer (in layer order), then along the border.
    pub changes: Vec<Change>,
    /// Totals per layer (every layer, changed or not).
    pub totals: Vec<LayerChanges>,
    /// Metres of the border where any layer changed.
    pub changed_m: f64,
    /// Everything measured on the first date.
    pub before: Measured,
    /// Everything measured on the second date.
    pub after: Measured,
}

impl Diff {
    /// Metres changed in `layer` (0 when the layer is unknown or unchanged).
    pub fn changed_in(&self, layer: &str) -> Option<f64> {
        self.totals
            .iter()
            .find(|t| t.layer == layer)
            .map(|t| t.changed_m)
    }
}

/// Refuses dates out of order, data without dated claims and a `from` before the earliest claim.
fn check_dates(ds: &Dataset, from: Date, to: Date) -> Result<()> {
    if !from.on_or_before(&to) || from == to {
        return Err(Error::input(format!(
            "the earlier date {from} is not before the later date {to}"
        ))
        .hint("give the earlier date first and the later one second")
        .detail(Detail::DatesOutOfOrder));
    }
    let earliest = ds
        .layers
        .as_ref()
        .into_iter()
        .flat_map(|l| &l.layers)
        .flat_map(|l| l.intervals.iter().map(|i| i.as_of))
        .reduce(|a, b| if a.on_or_before(&b) { a } else { b });
    let Some(earliest) = earliest else {
        return Err(Error::input("the data has no dated claims to compare")
            .hint("give a layers file with dated intervals")
            .detail(Detail::Missing {
                setting: Setting::Layers,
            }));
    };
    if !earliest.on_or_before(&from) {
        return Err(Error::input(format!(
            "no claim is in force on {from}: the earliest is of {earliest}"
        ))
        .hint(format!("give an earlier date of {earliest} or later"))
        .detail(Detail::DateTooEarly {
            earliest: earliest.to_string(),
        }));
    }
    Ok(())
}

/// The changes between `from` and `to` (`from` must come first).
pub fn diff(ds: &Dataset, from: Date, to: Date) -> Result<Diff> {
    check_dates(ds, from, to)?;
    let before = ds.measure(Some(from))?;
    let after = ds.measure(Some(to))?;
    // Every point where either date's segments change: between two of them, each date has
    // one value per layer.
    let mut cuts: Vec<f64> = before
        .segments
        .iter()
        .chain(&after.segments)
        .flat_map(|s| [s.from_m, s.to_m])
        .collect();
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    let layer_sources = |layer: &str| -> Vec<&str> {
        ds.layers
            .as_ref()
            .into_iter()
            .flat_map(|l| &l.layers)
            .filter(|l| l.id == layer)
            .flat_map(|l| l.intervals.iter().map(|i| i.source.as_str()))
            .collect()
    };
    let mut changes = Vec::new();
    let mut totals = Vec::new();
    let mut ids: Vec<(String, String)> = Vec::new();
    for l in before.layers.iter().chain(&after.layers) {
        if !ids.iter().any(|(id, _)| *id == l.id) {
            ids.push((l.id.clone(), l.title.clone()));
        }
    }
    let joints: Vec<f64> = (ds.border.border.part_spans().iter().skip(1))
        .map(|s| s.0)
        .collect();
    for (layer, title) in ids {
        let own = layer_sources(&layer);
        let mut pairs: Vec<PairTotal> = Vec::new();
        let mut changed_m = 0.0;
        // (from, to, before, after, sources before, sources after) of the run being merged.
        let mut run: Option<Change> = None;
        for w in cuts.windows(2) {
            let [a, b] = w else { continue };
            if b <= a {
                continue;
            }
            let mid = (a + b) / 2.0;
            let (vb, sb) = value_at(&before, &layer, mid, &own);
            let (va, sa) = value_at(&after, &layer, mid, &own);
            // A change never runs over two parts of the border.
            let same_run = !joints.contains(a)
                && run
                    .as_ref()
                    .is_some_and(|r| r.to_m == *a && r.before == vb && r.after == va);
            if same_run {
                if let Some(r) = run.as_mut() {
                    r.to_m = *b;
                    merge(&mut r.sources_before, sb);
                    merge(&mut r.sources_after, sa);
                }
                continue;
            }
            if let Some(r) = run.take() {
                changes.push(r);
            }
            if vb != va {
                run = Some(Change {
                    layer: layer.clone(),
                    from_m: *a,
                    to_m: *b,
                    length_m: 0.0,
                    before: vb,
                    after: va,
                    sources_before: sb,
                    sources_after: sa,
                    line: LineString(Vec::new()),
                });
            }
        }
        if let Some(r) = run.take() {
            changes.push(r);
        }
        for c in changes.iter_mut().filter(|c| c.layer == layer) {
            c.length_m = c.to_m - c.from_m;
            c.line = ds.border.border.slice(c.from_m, c.to_m);
            changed_m += c.length_m;
            match pairs
                .iter_mut()
                .find(|p| p.before == c.before && p.after == c.after)
            {
                Some(p) => p.length_m += c.length_m,
                None => pairs.push(PairTotal {
                    before: c.before.clone(),
                    after: c.after.clone(),
                    length_m: c.length_m,
                }),
            }
        }
        totals.push(LayerChanges {
            layer,
            title,
            changed_m,
            pairs,
        });
    }
    // Where any layer changed: the union of the changed stretches.
    let mut spans: Vec<(f64, f64)> = changes.iter().map(|c| (c.from_m, c.to_m)).collect();
    spans.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut changed_m = 0.0;
    let mut cur: Option<(f64, f64)> = None;
    for (a, b) in spans {
        match cur {
            Some((s, e)) if a <= e => cur = Some((s, e.max(b))),
            Some((s, e)) => {
                changed_m += e - s;
                cur = Some((a, b));
            }
            None => cur = Some((a, b)),
        }
    }
    if let Some((s, e)) = cur {
        changed_m += e - s;
    }
    Ok(Diff {
        from,
        to,
        changes,
        totals,
        changed_m,
        before,
        after,
    })
}

/// The value of `layer` at `m` metres on the measured date, and the sources of that layer's
/// claims (among `own`) on the segment there.
fn value_at(me: &Measured, layer: &str, m: f64, own: &[&str]) -> (Option<String>, Vec<String>) {
    let seg = me.segments.iter().find(|s| s.from_m <= m && m <= s.to_m);
    match seg {
        Some(s) => (
            s.value(layer).map(str::to_string),
            s.sources
                .iter()
                .filter(|x| own.contains(&x.as_str()))
                .cloned()
                .collect(),
        ),
        None => (None, Vec::new()),
    }
}

/// Adds the sources of `more` not yet in `into`, in order.
fn merge(into: &mut Vec<String>, more: Vec<String>) {
    for s in more {
        if !into.contains(&s) {
            into.push(s);
        }
    }
}

/// The JSON document of a diff: `{"from", "to", "name", "total_m", "method", "changed_m",
/// "changes": [{"layer", "from_m", "to_m", "length_m", "before", "after", "sources_before",
/// "sources_after"}], "totals": {layer: {"title", "changed_m", "pairs": [{"before", "after",
/// "length_m"}]}}}`; metres to the millimetre, `null` for a gap.
pub fn to_json(d: &Diff) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let mm = crate::report::mm;
    let changes: Vec<Value> = d
        .changes
        .iter()
        .map(|c| {
            json!({
                "layer": c.layer,
                "from_m": mm(c.from_m),
                "to_m": mm(c.to_m),
                "length_m": mm(c.length_m),
                "before": c.before,
                "after": c.after,
                "sources_before": c.sources_before,
                "sources_after": c.sources_after,
            })
        })
        .collect();
    let mut totals = Map::new();
    for t in &d.totals {
        let pairs: Vec<Value> = t
            .pairs
            .iter()
            .map(|p| json!({"before": p.before, "after": p.after, "length_m": mm(p.length_m)}))
            .collect();
        totals.insert(
            t.layer.clone(),
            json!({"title": t.title, "changed_m": mm(t.changed_m), "pairs": pairs}),
        );
    }
    json!({
        "name": d.after.name,
        "from": d.from,
        "to": d.to,
        "total_m": mm(d.after.total_m),
        "method": crate::measure::METHOD,
        "changed_m": mm(d.changed_m),
        "changes": changes,
        "totals": totals,
    })
}

/// Writes [`to_json`], pretty-printed, with a final newline.
pub fn write_json(d: &Diff, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &to_json(d))?;
    writeln!(w)
}

/// Writes one CSV row per change: `layer,from_m,to_m,length_m,before,after,sources_before,
/// sources_after` (metres to the millimetre; an empty value is a gap; sources joined by ` | `).
pub fn write_csv(d: &Diff, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = crate::report::csv_writer(w);
    out.write_record([
        "layer",
        "from_m",
        "to_m",
        "length_m",
        "before",
        "after",
        "sources_before",
        "sources_after",
    ])?;
    for c in &d.changes {
        out.write_record([
            c.layer.clone(),
            format!("{:.3}", c.from_m),
            format!("{:.3}", c.to_m),
            format!("{:.3}", c.length_m),
            c.before.clone().unwrap_or_default(),
            c.after.clone().unwrap_or_default(),
            c.sources_before.join(" | "),
            c.sources_after.join(" | "),
        ])?;
    }
    out.flush()
}

/// A value as the table shows it: a gap as `(no data)`.
fn shown(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or(crate::measure::GAP_LABEL)
}

/// Writes the diff as a table for people: the changes along the border, then per layer the
/// km that went from one value to another.
pub fn write_table(d: &Diff, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    use crate::report::{km1, write_aligned};
    writeln!(
        w,
        "{} — what changed from {} to {}: {} km of {} km",
        d.after.name,
        d.from,
        d.to,
        km1(d.changed_m),
        km1(d.after.total_m)
    )?;
    writeln!(w, "lengths: {}", crate::measure::METHOD)?;
    writeln!(w)?;
    if d.changes.is_empty() {
        writeln!(w, "no change")?;
    } else {
        let mut rows = vec![vec![
            "#".to_string(),
            "from km".into(),
            "to km".into(),
            "length km".into(),
            "layer".into(),
            "before".into(),
            "after".into(),
        ]];
        for (i, c) in d.changes.iter().enumerate() {
            rows.push(vec![
                (i + 1).to_string(),
                km1(c.from_m),
                km1(c.to_m),
                km1(c.length_m),
                c.layer.clone(),
                shown(&c.before).to_string(),
                shown(&c.after).to_string(),
            ]);
        }
        write_aligned(w, &rows, 0..4)?;
    }
    for t in &d.totals {
        writeln!(w)?;
        writeln!(
            w,
            "{} ({}): {} km changed",
            t.title,
            t.layer,
            km1(t.changed_m)
        )?;
        for p in &t.pairs {
            writeln!(
                w,
                "  {} → {}: {} km",
                shown(&p.before),
                shown(&p.after),
                km1(p.length_m)
            )?;
        }
    }
    Ok(())
}

/// Evaluates `check` expressions against a diff: a subject is the changed length of a layer
/// (`authority>=46km`, `wall<10%`) or, as `total`, of the border where any layer changed.
pub fn check(d: &Diff, exprs: &[crate::check::Expectation]) -> Result<crate::check::Report> {
    use crate::check::{Subject, Unit, judge};
    let total = d.after.total_m;
    let mut outcomes = Vec::with_capacity(exprs.len());
    for e in exprs {
        let (subject, changed) = match &e.subject {
            Subject::Total => ("total".to_string(), d.changed_m),
            Subject::Value { layer: None, value } => match d.changed_in(value) {
                Some(m) => (value.clone(), m),
                None => {
                    let layers: Vec<&str> = d.totals.iter().map(|t| t.layer.as_str()).collect();
                    return Err(Error::input(format!(
                        "bad expression '{}': '{value}' is not a layer",
                        e.text
                    ))
                    .hint(format!(
                        "diff checks the changed length of a layer ({}) or total, e.g. {}>=10km",
                        layers.join(", "),
                        layers.first().copied().unwrap_or("total")
                    )));
                }
            },
            _ => {
                return Err(Error::input(format!(
                    "bad expression '{}': diff checks changed lengths only",
                    e.text
                ))
                .hint("write LAYER>=Nkm, LAYER<N% or total=Nkm"));
            }
        };
        let outcome = if e.unit == Unit::Percent {
            let share = if total > 0.0 { changed / total } else { 0.0 };
            let mut o = judge(
                e,
                subject,
                share,
                format!("{:.2} % ({:.3} km)", share * 100.0, changed / 1000.0),
            );
            // The changed length the share is of, to the millimetre.
            o.length_m = Some((changed * 1000.0).round() / 1000.0);
            o
        } else {
            judge(e, subject, changed, format!("{:.3} km", changed / 1000.0))
        };
        outcomes.push(outcome);
    }
    Ok(crate::check::Report {
        outcomes,
        ..Default::default()
    })
}
