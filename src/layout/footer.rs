//! The footer: sources of every interval drawn, claims not drawn, notes and attributions.

use super::{fmt_num, wrap};
use crate::Dataset;
use crate::fonts::{Font, Measurer};
use crate::load::border::tag_warning;
use crate::load::shown_name;
use crate::measure::Measured;

/// What the footer lists, among the sources, for claims that give none.
pub(crate) const SOURCE_NOT_GIVEN: &str = "source not given";

/// What the footer is made of: the parts of [`LayoutInput`] that can go to another thread.
pub(crate) struct FooterInput<'a> {
    pub(crate) measured: &'a Measured,
    pub(crate) dataset: &'a Dataset,
    pub(crate) simplify: Option<f64>,
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
    // A claim without a source is said to be one, where its source would be listed.
    if me.segments.iter().any(|s| s.unsourced) && !sources.contains(&SOURCE_NOT_GIVEN) {
        sources.push(SOURCE_NOT_GIVEN);
    }
    let mut paras = Vec::new();
    if !sources.is_empty() {
        paras.push(format!("Sources: {}", sources.join(" · ")));
    }
    if !me.unplaced.is_empty() {
        let items: Vec<String> = me
            .unplaced
            .iter()
            .map(|(layer, u)| {
                let km = u
                    .claimed_km
                    .map(|k| format!(", {k} km"))
                    .unwrap_or_default();
                if cited {
                    format!("{}{km} ({})", u.value, cite_of(inp.dataset, &u.source))
                } else {
                    format!("{layer}: {}{km} ({}) — {}", u.value, u.as_of, u.source)
                }
            })
            .collect();
        paras.push(if cited {
            format!("Not drawn (no stretch given): {}", items.join(" · "))
        } else {
            format!(
                "Claims with no stretch given (not drawn): {}",
                items.join(" · ")
            )
        });
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
    let mut notes: Vec<String> = me
        .warnings
        .iter()
        .filter(|w| !tag_warnings.contains(w))
        .cloned()
        .collect();
    let untagged: std::collections::BTreeSet<usize> = inp
        .dataset
        .border
        .tags
        .iter()
        .filter(|t| t.as_of.is_none() || t.source.is_none())
        .map(|t| t.feature)
        .collect();
    if !untagged.is_empty() {
        notes.push(if cited {
            format!("{} features without date or source", untagged.len())
        } else {
            format!(
                "{} feature(s) of {} carry layer values without \"as_of\" or \"source\" (an undated claim holds at every date, below any dated claim)",
                untagged.len(),
                shown_name(file)
            )
        });
    }
    if approx {
        notes.insert(
            0,
            if cited {
                "some change points approximate".into()
            } else {
                "Some change points are approximate: where a source names only a town, the change is placed at the border point nearest it".into()
            },
        );
    }
    if let Some(t) = inp.simplify {
        notes.push(format!(
            "drawn simplified (tolerance {} px); lengths from the full-resolution line",
            fmt_num(t)
        ));
    }
    if !notes.is_empty() {
        paras.push(format!("Notes: {}.", notes.join("; ")));
    }
    let mut data = inp.dataset.attribution();
    if data.is_empty() {
        // The file by its name: a map never shows where a file lies on this machine.
        data.push(format!("Border: {}", shown_name(file)));
    }
    for a in inp.context_attribution {
        if !data.contains(a) {
            data.push(a.clone());
        }
    }
    paras.push(if cited {
        format!(
            "Data: {} · Lengths geodesic (WGS84) · bordermap",
            data.join(" · ")
        )
    } else {
        format!(
            "Data: {} · Lengths geodesic on the WGS84 ellipsoid · Map: bordermap",
            data.join(" · ")
        )
    });
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
