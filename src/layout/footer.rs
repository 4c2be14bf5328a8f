//! The footer: sources of every interval drawn, claims not drawn, notes and attributions.

use super::{LayoutInput, wrap};
use crate::fonts::{Font, Measurer};
use crate::model::{FooterFacts, LayerNames, MapModel};

/// What the footer is made of: the parts of [`LayoutInput`] that can go to another thread.
pub(crate) struct FooterInput<'a> {
    /// The map model (layer names, the footer's facts).
    pub(crate) model: &'a MapModel<'a>,
    pub(crate) simplify: Option<f64>,
    /// The map's language.
    pub(crate) locale: &'a crate::i18n::Locale,
    /// The basemap's attribution lines (e.g. Natural Earth, GeoNames), after the data's own.
    pub(crate) context_attribution: &'a [String],
    /// The editor's credit or byline, first in the credits.
    pub(crate) credit: Option<&'a str>,
}

impl<'a> FooterInput<'a> {
    /// The footer's part of the layout's input.
    pub(crate) fn of(inp: &LayoutInput<'a>) -> FooterInput<'a> {
        FooterInput {
            model: inp.model,
            simplify: inp.simplify,
            context_attribution: &inp.model.context.attribution,
            locale: inp.locale,
            credit: inp.model.editorial.credit.as_deref(),
        }
    }
}

/// How much of the sources the footer quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FooterForm {
    /// Every source in full, with its quotes, and the claims with no stretch given.
    Full,
    /// Each source by its outlet and date (`cite`), for pages too small for the quotes; the
    /// full text stays in the SVG's description and in `measure --format json`.
    Cited,
    /// Each outlet once, without dates: the smallest form, for pages the cites do not fit.
    Outlets,
}

/// The outlet of one cite ("Shafaq News, 2024-12-06" → "Shafaq News", "964media (2025)" →
/// "964media", "Enab Baladi, 2025-09-29 (citing Rudaw)" → "Enab Baladi"): the text before a
/// `", "` or `" ("` that a digit follows.
fn outlet_of(cite: &str) -> &str {
    let mut end = cite.len();
    for sep in [", ", " ("] {
        let mut from = 0;
        while let Some(i) = cite.get(from..).and_then(|t| t.find(sep)) {
            let at = from + i;
            let next = cite.get(at + sep.len()..).and_then(|t| t.chars().next());
            if next.is_some_and(|c| c.is_ascii_digit()) {
                end = end.min(at);
                break;
            }
            from = at + sep.len();
        }
    }
    cite.get(..end).unwrap_or(cite).trim()
}

/// The short form of `source`: the `cite` of the interval or claim it belongs to, else the
/// source up to its first `": "` ([`FooterFacts::cites`]).
fn cite_of<'s>(facts: &'s FooterFacts, source: &'s str) -> &'s str {
    facts.cites.get(source).map_or_else(
        || source.split_once(": ").map_or(source, |(head, _)| head),
        String::as_str,
    )
}

/// The sources of every interval drawn, each once, in the footer's form.
fn source_list<'s>(inp: &'s FooterInput<'_>, form: FooterForm) -> Vec<&'s str> {
    let mut sources: Vec<&str> = Vec::new();
    for seg in &inp.model.measured.segments {
        for src in &seg.sources {
            if form == FooterForm::Full {
                if !sources.contains(&src.as_str()) {
                    sources.push(src);
                }
                continue;
            }
            // Cites name several outlets with "; ": each once.
            for part in cite_of(&inp.model.footer, src).split("; ") {
                let part = match form {
                    FooterForm::Outlets => outlet_of(part),
                    _ => part,
                };
                if !sources.contains(&part) {
                    sources.push(part);
                }
            }
        }
    }
    sources
}

/// The claims with no stretch given, as the full footer lists them.
fn not_drawn(inp: &FooterInput<'_>) -> Option<String> {
    let me = inp.model.measured;
    if me.unplaced.is_empty() {
        return None;
    }
    let loc = inp.locale;
    let items: Vec<String> = me
        .unplaced
        .iter()
        .map(|(layer, u)| {
            let km = u
                .claimed_km
                .map(|k| format!(", {}", loc.km(k * 1000.0)))
                .unwrap_or_default();
            let l = layer_of(inp, layer);
            let value = l.map_or(u.value.as_str(), |l| l.value_in(&u.value));
            let title = l.map_or(layer.as_str(), |l| l.title.as_str());
            format!(
                "{title}: {value}{km} ({}) — {}",
                loc.date(&u.as_of),
                u.source
            )
        })
        .collect();
    Some(loc.text("footer-not-drawn", &[("list", &items.join(" · "))]))
}

fn layer_of<'d>(inp: &FooterInput<'d>, id: &str) -> Option<&'d LayerNames> {
    inp.model.layer(id)
}

/// The footer's paragraphs, for the map's readers: the sources of every interval drawn, the
/// claims not drawn (full form only), what readers should know of the data (approximate
/// change points, simplified drawing) and the credits. The tool's own diagnostics are
/// [`diagnostics`], never printed on the map.
pub(crate) fn footer_paragraphs(inp: &FooterInput<'_>, form: FooterForm) -> Vec<String> {
    let me = inp.model.measured;
    let full = form == FooterForm::Full;
    let mut sources = source_list(inp, form);
    let loc = inp.locale;
    // A claim without a source is said to be one, where its source would be listed.
    let not_given = loc.text("source-not-given", &[]);
    if me.segments.iter().any(|s| s.unsourced) && !sources.contains(&not_given.as_str()) {
        sources.push(&not_given);
    }
    let mut paras = Vec::new();
    if !sources.is_empty() {
        // A source that opens a direction override or embedding keeps it to itself.
        let list: Vec<_> = sources
            .iter()
            .map(|s| crate::text_gate::isolated(s))
            .collect();
        paras.push(loc.text("footer-sources", &[("list", &list.join(" · "))]));
    }
    if full {
        paras.extend(not_drawn(inp));
    }
    let approx = inp.model.footer.approximate;
    let mut notes = Vec::new();
    if approx {
        notes.push(loc.text(
            if full {
                "note-approximate"
            } else {
                "note-approximate-short"
            },
            &[],
        ));
    }
    if let (Some(t), true) = (inp.simplify, full) {
        notes.push(loc.text("note-simplified", &[("px", &loc.number_trimmed(t))]));
    }
    if !notes.is_empty() {
        paras.push(loc.text("footer-notes", &[("list", &notes.join("; "))]));
    }
    let mut data = inp.model.footer.credits.clone();
    for a in inp.context_attribution {
        if !data.contains(a) {
            data.push(a.clone());
        }
    }
    let mut credits = loc.text(
        if full {
            "footer-data"
        } else {
            "footer-data-short"
        },
        &[("list", &data.join(" · "))],
    );
    if let Some(c) = inp.credit.filter(|c| !c.trim().is_empty()) {
        credits = format!("{} · {credits}", c.trim());
    }
    paras.push(credits);
    paras
}

/// What the tool has to say about the data, in the map's language, for the editor: layers
/// whose newest source is older than the map's date, stretches no claim covers, features
/// without date or source, and the data's other warnings. They go to the SVG's description
/// (and, in the library's own English, to the JSON and stderr), never onto the map.
pub(crate) fn diagnostics(inp: &FooterInput<'_>) -> Vec<String> {
    let me = inp.model.measured;
    let loc = inp.locale;
    // The loader's warning on each pre-tagged feature without `as_of` or `source` is one note,
    // however many features there are.
    let tag_warnings = &inp.model.footer.tag_warnings;
    let title_of = |id: &str| -> String {
        layer_of(inp, id).map_or_else(|| id.to_string(), |l| l.title.clone())
    };
    let mut known: Vec<String> = Vec::new();
    let mut translated: Vec<String> = Vec::new();
    for l in &me.layers {
        if let (Some(n), Some(a)) = (l.newest, me.as_of)
            && !a.on_or_before(&n)
        {
            known.push(crate::measure::stale_warning(&l.id, &n, &a));
            translated.push(loc.text(
                "note-stale",
                &[
                    ("layer", &title_of(&l.id)),
                    ("newest", &loc.date(&n)),
                    ("date", &loc.date(&a)),
                ],
            ));
        }
    }
    for i in me.issues.iter().filter(|i| i.kind == "gap") {
        known.push(crate::measure::gap_warning(&i.layer, i.from_m, i.to_m));
        translated.push(loc.text(
            "note-gap",
            &[
                ("layer", &title_of(&i.layer)),
                ("from", &loc.number(i.from_m / 1000.0, 1)),
                ("to", &loc.number(i.to_m / 1000.0, 1)),
            ],
        ));
    }
    let mut notes: Vec<String> = me
        .warnings
        .iter()
        .filter(|w| !tag_warnings.contains(w) && !known.contains(w))
        .cloned()
        .collect();
    notes.extend(translated);
    let untagged = inp.model.footer.untagged;
    if untagged > 0 {
        let count = loc.number(untagged as f64, 0);
        notes.push(loc.text(
            "note-untagged-long",
            &[("count", &count), ("file", &inp.model.footer.border_file)],
        ));
    }
    notes
}

/// The footer's lines, wrapped to `width` px in `size` px type.
pub(crate) fn footer_text(
    inp: &FooterInput<'_>,
    m: &mut Measurer,
    width: f64,
    form: FooterForm,
    size: f64,
) -> Vec<String> {
    let font = Font::regular(size);
    let mut paras = footer_paragraphs(inp, form);
    if form != FooterForm::Full {
        // One paragraph: lines are full.
        paras = vec![paras.join(" · ")];
    }
    let mut lines = Vec::new();
    for p in paras {
        lines.extend(wrap(m, &p, font, width));
    }
    lines
}
