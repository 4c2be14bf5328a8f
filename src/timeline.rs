//! The border over time: every date where a claim starts or ends, with the km of each value of
//! each layer on that date (measured as `measure --as-of` measures). No I/O.

use crate::Dataset;
use crate::date::Date;
use crate::error::{Detail, Error, Result, Setting};
use crate::measure::{GAP_LABEL, Measured};

/// One value of one layer on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    /// The date (a day: a claim dated `2022` starts on 2022-01-01).
    pub date: Date,
    /// Layer id.
    pub layer: String,
    /// The value (`None`: stretches no claim covers, a gap).
    pub value: Option<String>,
    /// Metres.
    pub length_m: f64,
    /// Share of the border (0..1).
    pub share: f64,
}

/// The border's values at every date a claim starts or ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// Name of the border.
    pub name: String,
    /// Total geodesic length, metres.
    pub total_m: f64,
    /// The dates, in order (days).
    pub dates: Vec<Date>,
    /// One row per date, layer and value (values with no length on a date are left out);
    /// the rows of one date and layer add up to the total.
    pub rows: Vec<TimelineRow>,
    /// Each date's measurement.
    pub measured: Vec<Measured>,
}

/// Every date where a placed claim of `ds` starts (`as_of`) or ends (`until`), as days.
pub fn change_dates(ds: &Dataset) -> Vec<Date> {
    let mut dates: Vec<Date> = ds
        .layers
        .as_ref()
        .into_iter()
        .flat_map(|l| &l.layers)
        .flat_map(|l| &l.intervals)
        .flat_map(|i| std::iter::once(i.as_of).chain(i.until))
        .map(|d| d.first_day())
        .collect();
    dates.sort();
    dates.dedup();
    dates
}

/// The timeline of `ds`.
pub fn timeline(ds: &Dataset) -> Result<Timeline> {
    let dates = change_dates(ds);
    if dates.is_empty() {
        return Err(
            Error::input("the data has no dated claims: there is no timeline")
                .hint("give a layers file with dated intervals")
                .detail(Detail::Missing {
                    setting: Setting::Layers,
                }),
        );
    }
    let mut rows = Vec::new();
    let mut measured = Vec::with_capacity(dates.len());
    for &date in &dates {
        let m = ds.measure(Some(date))?;
        for l in &m.layers {
            for v in &l.values {
                if v.length_m <= 0.0 {
                    continue;
                }
                rows.push(TimelineRow {
                    date,
                    layer: l.id.clone(),
                    value: (v.value != GAP_LABEL).then(|| v.value.clone()),
                    length_m: v.length_m,
                    share: v.share,
                });
            }
        }
        measured.push(m);
    }
    let (name, total_m) = measured
        .first()
        .map_or((String::new(), 0.0), |m| (m.name.clone(), m.total_m));
    Ok(Timeline {
        name,
        total_m,
        dates,
        rows,
        measured,
    })
}

/// Writes `date,layer,value,length_m,share` rows (metres to the millimetre, shares to 6
/// decimals; an empty value is a gap).
pub fn write_csv(t: &Timeline, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = crate::report::csv_writer(w);
    out.write_record(["date", "layer", "value", "length_m", "share"])?;
    for r in &t.rows {
        out.write_record([
            r.date.to_string(),
            r.layer.clone(),
            r.value.clone().unwrap_or_default(),
            format!("{:.3}", r.length_m),
            format!("{:.6}", r.share),
        ])?;
    }
    out.flush()
}

/// The JSON document: `{"name", "total_m", "method", "dates": [...], "rows": [{"date",
/// "layer", "value", "length_m", "share"}]}` (`value` null for a gap).
pub fn to_json(t: &Timeline) -> serde_json::Value {
    use serde_json::{Value, json};
    let mm = crate::report::mm;
    let rows: Vec<Value> = t
        .rows
        .iter()
        .map(|r| {
            json!({
                "date": r.date,
                "layer": r.layer,
                "value": r.value,
                "length_m": mm(r.length_m),
                "share": (r.share * 1e6).round() / 1e6,
            })
        })
        .collect();
    json!({
        "name": t.name,
        "total_m": mm(t.total_m),
        "method": crate::measure::METHOD,
        "dates": t.dates,
        "rows": rows,
    })
}

/// Writes [`to_json`], pretty-printed, with a final newline.
pub fn write_json(t: &Timeline, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &to_json(t))?;
    writeln!(w)
}

/// Writes the timeline as a table for people: per date and layer, km of each value.
pub fn write_table(t: &Timeline, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    use crate::report::{km1, write_aligned};
    writeln!(w, "{} — {} km, by date", t.name, km1(t.total_m))?;
    writeln!(w, "lengths: {}", crate::measure::METHOD)?;
    writeln!(w)?;
    let mut rows = vec![vec![
        "date".to_string(),
        "km".into(),
        "share".into(),
        "layer".into(),
        "value".into(),
    ]];
    for r in &t.rows {
        rows.push(vec![
            r.date.to_string(),
            km1(r.length_m),
            format!("{:.1} %", r.share * 100.0),
            r.layer.clone(),
            r.value.as_deref().unwrap_or(GAP_LABEL).to_string(),
        ]);
    }
    write_aligned(w, &rows, 1..3)
}
