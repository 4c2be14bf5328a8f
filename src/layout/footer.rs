//! The footer: sources of every interval drawn, claims not drawn, notes and attributions.

use super::wrap;
use crate::Dataset;
use crate::fonts::{Font, Measurer};
use crate::load::border::tag_warning;
use crate::load::shown_name;
use crate::measure::Measured;

/// What the footer is made of: the parts of [`LayoutInput`] that can go to another thread.
pub(crate) struct FooterInput<'a> {
    pub(crate) measured: &'a Measured,
    pub(crate) dataset: &'a Dataset,
    pub(crate) simplify: Option<f64>,
    /// The map's language.
    pub(crate) locale: &'a crate::i18n::Locale,
    /// The basemap's attribution lines (e.g. Natural Earth, GeoNames), after the data's own.
    pub(crate) context_attribution: &'a [String],
}

/// How much of the sources the footer quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FooterForm {
    /// Every source in full, with its quotes.
    Full,
    /// Each source by its outlet and date (`cite`), for pages too small for the quotes; the
    /// full text stays in the SVG's description and in `measure --format json`.
    Cited,
}

/// The short form of `source`: the `cite` of the interval or claim it belongs to, else the
/// source up to its first `": "`.
fn cite_of<'s>(dataset: &'s Dataset, source: &'s str) -> &'s str {
    let layers = dataset
        .layers
        .as_ref()
        .map_or(&[][..], |l| l.layers.as_slice());
    let given = layers.iter().find_map(|l| {
        l.intervals
            .iter()
            .find(|i| i.source == source)
            .and_then(|i| i.cite.as_deref())
            .or_else(|| {
                l.unplaced
                    .iter()
                    .find(|u| u.source == source)
                    .and_then(|u| u.cite.as_deref())
            })
    });
    given.unwrap_or_else(|| source.split_once(": ").map_or(source, |(head, _)| head))
}

/// The footer's paragraphs: sources of every interval drawn, claims not drawn, notes,
/// attributions.
pub(crate) fn footer_paragraphs(inp: &FooterInput<'_>, form: FooterForm) -> Vec<String> {
    let me = inp.measured;
    let cited = form == FooterForm::Cited;
    let mut sources: Vec<&str> = Vec::new();
    for seg in &me.segments {
        for src in &seg.sources {
            if cited {
                // Cites name several outlets with "; ": each once.
                for part in cite_of(inp.dataset, src).split("; ") {
                    if !sources.contains(&part) {
                        sources.push(part);
                    }
                }
            } else if !sources.contains(&src.as_str()) {
                sources.push(src);
            }
        }
    }
    let loc = inp.locale;
    // A claim without a source is said to be one, where its source would be listed.
    let not_given = loc.text("source-not-given", &[]);
    if me.segments.iter().any(|s| s.unsourced) && !sources.contains(&not_given.as_str()) {
        sources.push(&not_given);
    }
    let mut paras = Vec::new();
    if !sources.is_empty() {
        paras.push(loc.text("footer-sources", &[("list", &sources.join(" · "))]));
    }
    let layer_of = |id: &str| {
        inp.dataset
            .layers
            .as_ref()
            .and_then(|l| l.layers.iter().find(|x| x.id == id))
    };
    if !me.unplaced.is_empty() {
        let items: Vec<String> = me
            .unplaced
            .iter()
            .map(|(layer, u)| {
                let km = u
                    .claimed_km
                    .map(|k| format!(", {}", loc.km(k * 1000.0)))
                    .unwrap_or_default();
                let l = layer_of(layer);
                let value = l.map_or(u.value.as_str(), |l| l.value_in(&u.value, loc.lang()));
                if cited {
                    format!("{value}{km} ({})", cite_of(inp.dataset, &u.source))
                } else {
                    let title = l.map_or(layer.as_str(), |l| l.title_in(loc.lang()));
                    format!(
                        "{title}: {value}{km} ({}) — {}",
                        loc.date(&u.as_of),
                        u.source
                    )
                }
            })
            .collect();
        paras.push(loc.text(
            if cited {
                "footer-not-drawn-short"
            } else {
                "footer-not-drawn"
            },
            &[("list", &items.join(" · "))],
        ));
    }
    let all_sources: Vec<&str> = me
        .segments
        .iter()
        .flat_map(|s| s.sources.iter().map(String::as_str))
        .collect();
    let approx = inp.dataset.layers.as_ref().is_some_and(|l| {
        l.layers
            .iter()
            .flat_map(|x| &x.intervals)
            .any(|i| i.approximate && all_sources.contains(&i.source.as_str()))
    });
    // The loader's warning on each pre-tagged feature without `as_of` or `source` is one
    // note on the map, however many features there are.
    let file = inp.dataset.border_file.as_path();
    let tag_warnings: Vec<String> = inp
        .dataset
        .border
        .tags
        .iter()
        .filter_map(|t| tag_warning(file, t))
        .collect();
    // The stale-data and gap warnings in the map's language (the library's own English
    // wording stays in stderr and the JSON).
    let title_of = |id: &str| -> String {
        layer_of(id).map_or_else(|| id.to_string(), |l| l.title_in(loc.lang()).to_string())
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
    let untagged: std::collections::BTreeSet<usize> = inp
        .dataset
        .border
        .tags
        .iter()
        .filter(|t| t.as_of.is_none() || t.source.is_none())
        .map(|t| t.feature)
        .collect();
    if !untagged.is_empty() {
        let count = loc.number(untagged.len() as f64, 0);
        notes.push(if cited {
            loc.text("note-untagged", &[("count", &count)])
        } else {
            loc.text(
                "note-untagged-long",
                &[("count", &count), ("file", &shown_name(file))],
            )
        });
    }
    if approx {
        notes.insert(
            0,
            loc.text(
                if cited {
                    "note-approximate-short"
                } else {
                    "note-approximate"
                },
                &[],
            ),
        );
    }
    if let Some(t) = inp.simplify {
        notes.push(loc.text("note-simplified", &[("px", &loc.number_trimmed(t))]));
    }
    if !notes.is_empty() {
        paras.push(loc.text("footer-notes", &[("list", &notes.join("; "))]));
    }
    let mut data = inp.dataset.attribution();
    if data.is_empty() {
        // The file by its name: a map never shows where a file lies on this machine.
        data.push(loc.text("credit-border", &[("file", &shown_name(file))]));
    }
    for a in inp.context_attribution {
        if !data.contains(a) {
            data.push(a.clone());
        }
    }
    paras.push(loc.text(
        if cited {
            "footer-data-short"
        } else {
            "footer-data"
        },
        &[("list", &data.join(" · "))],
    ));
    paras
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
    if form == FooterForm::Cited {
        // One paragraph: lines are full.
        paras = vec![paras.join(" · ")];
    }
    let mut lines = Vec::new();
    for p in paras {
        lines.extend(wrap(m, &p, font, width));
    }
    lines
}
