//! The footer: sources of every interval drawn, claims not drawn, notes and attributions.

use super::*;
use crate::Dataset;
use crate::fonts::{Font, Measurer};
use crate::measure::Measured;
use crate::style::Style;

/// What the footer is made of: the parts of [`LayoutInput`] that can go to another thread.
pub(crate) struct FooterInput<'a> {
    pub(crate) style: &'a Style,
    pub(crate) measured: &'a Measured,
    pub(crate) dataset: &'a Dataset,
    pub(crate) simplify: Option<f64>,
}

/// The footer: sources of every interval drawn, claims not drawn, notes, attributions.
pub(crate) fn footer_text(inp: &FooterInput<'_>, m: &mut Measurer, width: f64) -> Vec<String> {
    let s = inp.style;
    let me = inp.measured;
    let font = Font::regular(s.small_size);
    let mut sources: Vec<&str> = Vec::new();
    for seg in &me.segments {
        for src in &seg.sources {
            if !sources.contains(&src.as_str()) {
                sources.push(src);
            }
        }
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
                format!("{layer}: {}{km} ({}) — {}", u.value, u.as_of, u.source)
            })
            .collect();
        paras.push(format!(
            "Claims with no stretch given (not drawn): {}",
            items.join(" · ")
        ));
    }
    let approx = inp.dataset.layers.as_ref().is_some_and(|l| {
        l.layers.iter().flat_map(|x| &x.intervals).any(|i| {
            sources.contains(&i.source.as_str())
                && i.note
                    .as_deref()
                    .is_some_and(|n| n.to_lowercase().contains("approximate"))
        })
    });
    let mut notes: Vec<String> = me.warnings.clone();
    if approx {
        notes.insert(
            0,
            "Some change points are approximate: where a source names only a town, the change is placed at the border point nearest it".into(),
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
        data.push(format!("Border: {}", inp.dataset.border_file.display()));
    }
    paras.push(format!(
        "Data: {} · Lengths geodesic on the WGS84 ellipsoid · Map: bordermap",
        data.join(" · ")
    ));
    let mut lines = Vec::new();
    for p in paras {
        lines.extend(wrap(m, &p, font, width));
    }
    lines
}
