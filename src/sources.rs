//! Every source of a layers file with the claims that cite it, their dates and where each lies
//! on the border (`bordermap sources`): a `[[source]]` record lists the claims naming its id;
//! a claim's plain `source = "text"` is a source of its own (claims with the same text and
//! address share it). Table, JSON and CSV writers into any `io::Write`. No I/O of its own.

use std::io::{self, Write};

use serde::Serialize;

use crate::dataset::Dataset;
use crate::date::Date;
use crate::load::layers::{Interval, Layers, Unplaced};

/// Where a claim lies on the border.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Where {
    /// On these runs, metres from the border's start (a zone may give several).
    Placed {
        /// `[from_m, to_m]` per run, metres, rounded to the millimetre.
        runs_m: Vec<[f64; 2]>,
    },
    /// A claim with no stretch (`[[layer.unplaced]]`): listed, not drawn.
    Unplaced,
    /// A claim that cannot be placed on this border (the error, in one line).
    Unplaceable {
        /// What went wrong.
        error: String,
    },
}

/// One claim citing a source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimRef {
    /// Layer id.
    pub layer: String,
    /// The value claimed.
    pub value: String,
    /// The claim's date.
    pub as_of: Date,
    /// When it stops holding, if known.
    pub until: Option<Date>,
    /// Where it is written: `FILE:LINE`.
    pub at: String,
    /// Where it lies on the border.
    #[serde(rename = "placed")]
    pub place: Where,
}

/// A source and the claims that cite it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceEntry {
    /// The `[[source]]` id; `None` for a claim's own `source = "text"`.
    pub id: Option<String>,
    /// Who published it (a plain source: its `cite`, else its text up to the first `": "`).
    pub outlet: String,
    /// Its date (a plain source: the date of its first claim).
    pub date: Option<Date>,
    /// Its address, if known.
    pub url: Option<String>,
    /// What it says (a plain source: its whole text).
    pub quote: Option<String>,
    /// When the address was read.
    pub accessed: Option<Date>,
    /// Its language, if given.
    pub language: Option<String>,
    /// The claims citing it, in file order.
    pub claims: Vec<ClaimRef>,
}

/// Every source of the dataset's layers file, records first (file order), then each plain
/// source in the order its first claim is written; each with its claims placed on the
/// dataset's border. Empty without a layers file.
pub fn list(ds: &Dataset) -> Vec<SourceEntry> {
    let Some(layers) = &ds.layers else {
        return Vec::new();
    };
    let mut out: Vec<SourceEntry> = layers
        .sources
        .iter()
        .map(|s| SourceEntry {
            id: Some(s.id.clone()),
            outlet: s.outlet.clone(),
            date: s.date,
            url: s.url.clone(),
            quote: s.quote.clone(),
            accessed: s.accessed,
            language: s.language.clone(),
            claims: Vec::new(),
        })
        .collect();
    for l in &layers.layers {
        for iv in &l.intervals {
            let c = ClaimRef {
                layer: l.id.clone(),
                value: iv.value.clone(),
                as_of: iv.as_of,
                until: iv.until,
                at: format!("{}:{}", crate::load::shown_name(&layers.file), iv.line),
                place: place(ds, layers, iv, &l.id),
            };
            let plain = Plain {
                ids: &iv.source_ids,
                source: &iv.source,
                cite: iv.cite.as_deref(),
                url: iv.url.as_deref(),
                accessed: iv.accessed,
                as_of: iv.as_of,
            };
            attach(&mut out, &plain, c);
        }
        for u in &l.unplaced {
            attach(
                &mut out,
                &Plain::of_unplaced(u),
                unplaced_ref(layers, &l.id, u),
            );
        }
    }
    out
}

fn unplaced_ref(layers: &Layers, layer: &str, u: &Unplaced) -> ClaimRef {
    ClaimRef {
        layer: layer.to_string(),
        value: u.value.clone(),
        as_of: u.as_of,
        until: None,
        at: format!("{}:{}", crate::load::shown_name(&layers.file), u.line),
        place: Where::Unplaced,
    }
}

/// What a claim says of its source.
struct Plain<'a> {
    ids: &'a [String],
    source: &'a str,
    cite: Option<&'a str>,
    url: Option<&'a str>,
    accessed: Option<Date>,
    as_of: Date,
}

impl<'a> Plain<'a> {
    fn of_unplaced(u: &'a Unplaced) -> Plain<'a> {
        Plain {
            ids: &u.source_ids,
            source: &u.source,
            cite: u.cite.as_deref(),
            url: u.url.as_deref(),
            accessed: u.accessed,
            as_of: u.as_of,
        }
    }
}

/// Adds claim `c` to every record it cites, or to the plain source it gives (made when new).
fn attach(out: &mut Vec<SourceEntry>, p: &Plain, c: ClaimRef) {
    if !p.ids.is_empty() {
        for e in out.iter_mut() {
            if e.id.as_ref().is_some_and(|id| p.ids.contains(id)) {
                e.claims.push(c.clone());
            }
        }
        return;
    }
    let same = |e: &&mut SourceEntry| {
        e.id.is_none() && e.quote.as_deref() == Some(p.source) && e.url.as_deref() == p.url
    };
    if let Some(e) = out.iter_mut().find(same) {
        e.claims.push(c);
        return;
    }
    let outlet = p
        .cite
        .map(str::to_string)
        .unwrap_or_else(|| p.source.split(": ").next().unwrap_or(p.source).to_string());
    out.push(SourceEntry {
        id: None,
        outlet,
        date: Some(p.as_of),
        url: p.url.map(str::to_string),
        quote: Some(p.source.to_string()),
        accessed: p.accessed,
        language: None,
        claims: vec![c],
    });
}

fn place(ds: &Dataset, layers: &Layers, iv: &Interval, layer: &str) -> Where {
    let runs = crate::overlay::place_claim(&ds.border.border, &ds.places, &layers.file, iv, layer);
    match runs {
        Ok(runs) => Where::Placed {
            runs_m: runs
                .iter()
                .map(|(a, b)| [crate::report::mm(*a), crate::report::mm(*b)])
                .collect(),
        },
        Err(e) => Where::Unplaceable { error: e.message },
    }
}

/// Where a claim lies, for the table and CSV: `km 12.3–45.6` (runs joined by `, `),
/// `not placed`, or `cannot be placed: ...`.
pub fn where_text(w: &Where) -> String {
    match w {
        Where::Placed { runs_m } => {
            let runs: Vec<String> = runs_m
                .iter()
                .map(|[a, b]| format!("{:.1}–{:.1}", a / 1000.0, b / 1000.0))
                .collect();
            format!("km {}", runs.join(", "))
        }
        Where::Unplaced => "no stretch given".to_string(),
        Where::Unplaceable { error } => format!("cannot be placed: {error}"),
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(String::new, ToString::to_string)
}

fn claim_dates(c: &ClaimRef) -> String {
    match &c.until {
        Some(u) => format!("{}–{u}", c.as_of),
        None => format!("{}–", c.as_of),
    }
}

/// Writes the sources as JSON: a list of objects (`id`, `outlet`, `date`, `url`, `quote`,
/// `accessed`, `language`, `claims`), pretty-printed, with a final newline.
pub fn write_json(list: &[SourceEntry], w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, list)?;
    writeln!(w)
}

/// Writes the sources as CSV, one row per source and claim (a source without claims: one row
/// with empty claim columns): `id,outlet,date,url,accessed,layer,value,as_of,until,at,placed,quote`.
pub fn write_csv(list: &[SourceEntry], w: &mut dyn Write) -> io::Result<()> {
    let mut c = crate::report::csv_writer(w);
    c.write_record([
        "id", "outlet", "date", "url", "accessed", "layer", "value", "as_of", "until", "at",
        "placed", "quote",
    ])?;
    for s in list {
        let head = [
            opt(&s.id),
            s.outlet.clone(),
            opt(&s.date),
            opt(&s.url),
            opt(&s.accessed),
        ];
        let rows: Vec<[String; 5]> = if s.claims.is_empty() {
            vec![Default::default()]
        } else {
            s.claims
                .iter()
                .map(|k| {
                    [
                        k.layer.clone(),
                        k.value.clone(),
                        k.as_of.to_string(),
                        opt(&k.until),
                        k.at.clone(),
                    ]
                })
                .collect()
        };
        for (i, r) in rows.iter().enumerate() {
            let placed = s
                .claims
                .get(i)
                .map_or_else(String::new, |k| where_text(&k.place));
            let rec = head
                .iter()
                .chain(r.iter())
                .cloned()
                .chain([placed, opt(&s.quote)]);
            c.write_record(rec.collect::<Vec<String>>())?;
        }
    }
    c.flush()
}

/// Writes the sources for people: each source's outlet, date, id and address, then its claims
/// (layer, value, dates, where on the border, where written), indented.
pub fn write_table(list: &[SourceEntry], w: &mut dyn Write) -> io::Result<()> {
    for (n, s) in list.iter().enumerate() {
        if n > 0 {
            writeln!(w)?;
        }
        // A plain source's outlet is its cite, which has its date.
        let head = match (&s.id, &s.date) {
            (Some(id), Some(d)) => format!("{}, {d} [{id}]", s.outlet),
            (Some(id), None) => format!("{} [{id}]", s.outlet),
            (None, _) => s.outlet.clone(),
        };
        writeln!(w, "{head}")?;
        if let Some(u) = &s.url {
            let acc = s
                .accessed
                .as_ref()
                .map_or_else(String::new, |a| format!(" (accessed {a})"));
            writeln!(w, "  {u}{acc}")?;
        }
        if s.claims.is_empty() {
            writeln!(w, "  (cited by no claim)")?;
        }
        let rows: Vec<Vec<String>> = s
            .claims
            .iter()
            .map(|c| {
                vec![
                    format!("  {}:", c.layer),
                    c.value.clone(),
                    claim_dates(c),
                    where_text(&c.place),
                    c.at.clone(),
                ]
            })
            .collect();
        crate::report::write_aligned(w, &rows, 0..0)?;
    }
    Ok(())
}
