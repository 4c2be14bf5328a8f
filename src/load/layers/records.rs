//! Sources as records: `[[source]]` tables (id, outlet, date, url, quote, accessed, language),
//! the checks on a claim's `url` (http or https only) and `sources = ["id", ...]`, and the
//! disputes between claims (`id`, `disputed_by = ["id", ...]`), grouped once at load.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::parse::Ctx;
use super::{Layer, Source};
use crate::error::Result;

/// A `[[source]]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    id: String,
    outlet: String,
    date: Option<Spanned<toml::Value>>,
    url: Option<Spanned<String>>,
    quote: Option<String>,
    accessed: Option<Spanned<toml::Value>>,
    language: Option<String>,
}

/// What a claim says about its source, as written: `source`, `url`, `accessed`, `sources`.
pub(super) struct RawClaimSource<'a> {
    /// `source = "text"`.
    pub source: Option<&'a str>,
    /// `url = "https://..."`.
    pub url: Option<&'a Spanned<String>>,
    /// `sources = ["id", ...]`.
    pub ids: Option<&'a Spanned<Vec<String>>>,
    /// The claim, as named in messages (`interval 'SDF'`).
    pub what: String,
}

/// Checks the `[[source]]` tables: ids unique and well formed, dates and URLs valid.
pub(super) fn sources(cx: &Ctx, raw: Vec<Spanned<RawSource>>) -> Result<Vec<Source>> {
    let mut out: Vec<Source> = Vec::new();
    for s in raw {
        let span = s.span();
        let (line, _) = cx.line_col(span.start);
        let r = s.into_inner();
        if r.id.trim().is_empty() {
            return Err(cx.err(
                span,
                "a [[source]] has an empty id",
                "give each source a short id, e.g. id = \"rudaw-2024-05-12\"",
            ));
        }
        if out.iter().any(|o| o.id == r.id) {
            return Err(cx.err(
                span,
                format!("the source id '{}' is used twice", r.id),
                "give each [[source]] its own id",
            ));
        }
        if r.outlet.trim().is_empty() {
            return Err(cx.err(
                span,
                format!("the source '{}' has an empty outlet", r.id),
                "say who published it, e.g. outlet = \"Rudaw\"",
            ));
        }
        if let Some(u) = &r.url {
            check_url(cx, u, &format!("the source '{}'", r.id))?;
        }
        out.push(Source {
            date: r.date.as_ref().map(|d| cx.date(d)).transpose()?,
            accessed: r.accessed.as_ref().map(|d| cx.date(d)).transpose()?,
            id: r.id,
            outlet: r.outlet,
            url: r.url.map(Spanned::into_inner),
            quote: r.quote,
            language: r.language,
            line,
        });
    }
    Ok(out)
}

/// An error unless `url` is an absolute `http://` or `https://` address with a host.
pub(super) fn check_url(cx: &Ctx, url: &Spanned<String>, what: &str) -> Result<()> {
    let u = url.get_ref();
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    let ok = host.is_some_and(|h| !h.is_empty())
        && !u.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        return Ok(());
    }
    Err(cx.err(
        url.span(),
        format!("{what}: url '{u}' is not an http or https address"),
        "give the address a reader can open, starting with https:// (or http://); put other references in the source text",
    ))
}

/// A claim's source text and short cite: its own `source`, else its `[[source]]` records
/// (`Outlet, date: quote`, joined by `; `; cite `Outlet, date`). Checks its `url` and that
/// every id names a record (an unknown id: the nearest known one in the hint).
pub(super) fn claim_source(
    cx: &Ctx,
    claim: &RawClaimSource,
    records: &[Source],
    span: std::ops::Range<usize>,
) -> Result<(String, Option<String>, Vec<String>)> {
    if let Some(u) = claim.url {
        check_url(cx, u, &claim.what)?;
    }
    let mut ids: Vec<String> = Vec::new();
    if let Some(list) = claim.ids {
        for id in list.get_ref() {
            if !records.iter().any(|r| &r.id == id) {
                return Err(cx.err(
                    list.span(),
                    format!("{}: no [[source]] has the id '{id}'", claim.what),
                    &nearest_hint(id, records.iter().map(|r| r.id.as_str()), "[[source]]"),
                ));
            }
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    let cited: Vec<&Source> = ids
        .iter()
        .filter_map(|id| records.iter().find(|r| &r.id == id))
        .collect();
    match claim.source {
        Some(s) if s.trim().is_empty() => Err(cx.err(
            span,
            "an interval has an empty source",
            "every interval needs a source: who said it, where and when",
        )),
        Some(s) => Ok((s.to_string(), None, ids)),
        None if cited.is_empty() => Err(cx.err(
            span,
            format!("{} has no source (missing field `source`, or `sources`)", claim.what),
            "every interval needs a source: who said it, where and when (source = \"...\", or sources = [\"id\"] naming a [[source]])",
        )),
        None => {
            let text: Vec<String> = cited.iter().map(|r| r.text()).collect();
            let cite: Vec<String> = cited.iter().map(|r| r.cite()).collect();
            Ok((text.join("; "), Some(cite.join("; ")), ids))
        }
    }
}

/// "did you mean 'x'?" with the known name nearest `name`, or the list of them.
pub(super) fn nearest_hint<'a>(
    name: &str,
    known: impl Iterator<Item = &'a str>,
    what: &str,
) -> String {
    let known: Vec<&str> = known.collect();
    let best = known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, k)) if score > 0.7 => format!("did you mean '{k}'?"),
        Some(_) => format!("known ids: {}", known.join(", ")),
        None => format!("no {what} has an id; give the one you mean id = \"...\""),
    }
}

/// Groups the claims linked by `disputed_by` (either way, transitively): each interval's
/// `dispute` is the index of its group, numbered in file order, or `None`. `links` holds, per
/// layer and interval, the ids its `disputed_by` names with the span they are written at.
pub(super) fn group_disputes(
    cx: &Ctx,
    layers: &mut [Layer],
    links: &[Vec<Option<Spanned<Vec<String>>>>],
) -> Result<()> {
    // Every claim id, by (layer, interval).
    let mut ids: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (li, l) in layers.iter().enumerate() {
        for (ii, iv) in l.intervals.iter().enumerate() {
            if let Some(id) = &iv.id {
                ids.insert(id.as_str(), (li, ii));
            }
        }
    }
    let n: Vec<usize> = layers.iter().map(|l| l.intervals.len()).collect();
    let flat = |li: usize, ii: usize| n.iter().take(li).sum::<usize>() + ii;
    let mut parent: Vec<usize> = (0..n.iter().sum()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p.get(i).is_some_and(|&x| x != i) {
            i = p.get(i).copied().unwrap_or(i);
        }
        i
    }
    let mut linked = vec![false; parent.len()];
    for (li, per) in links.iter().enumerate() {
        for (ii, l) in per.iter().enumerate() {
            let Some(l) = l else { continue };
            for other in l.get_ref() {
                let what = layers
                    .get(li)
                    .and_then(|x| x.intervals.get(ii))
                    .map_or_else(String::new, |iv| format!("interval '{}'", iv.value));
                let Some(&(lj, ij)) = ids.get(other.as_str()) else {
                    return Err(cx.err(
                        l.span(),
                        format!("{what}: disputed_by names '{other}', but no claim has that id"),
                        &nearest_hint(other, ids.keys().copied(), "claim"),
                    ));
                };
                if lj != li {
                    return Err(cx.err(
                        l.span(),
                        format!("{what}: disputed_by names '{other}', a claim of another layer"),
                        "a dispute is between claims of one layer that give different values for the same stretch",
                    ));
                }
                let (a, b) = (
                    root(&mut parent, flat(li, ii)),
                    root(&mut parent, flat(lj, ij)),
                );
                if let Some(x) = parent.get_mut(a.max(b)) {
                    *x = a.min(b);
                }
                for k in [flat(li, ii), flat(lj, ij)] {
                    if let Some(x) = linked.get_mut(k) {
                        *x = true;
                    }
                }
            }
        }
    }
    for (li, l) in layers.iter_mut().enumerate() {
        for (ii, iv) in l.intervals.iter_mut().enumerate() {
            let k = flat(li, ii);
            if linked.get(k).copied().unwrap_or(false) {
                iv.dispute = Some(root(&mut parent, k));
            }
        }
    }
    Ok(())
}
