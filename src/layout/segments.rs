//! The border itself: each measured segment as a coloured path, the second layer (the wall)
//! as a casing around it, and the colours and casings of each value.

use super::{Item, Layout, PathItem, Stroke, change_text, slug};
use crate::error::Result;
use crate::geom::{Pt, along};
use crate::measure::GAP_LABEL;
use crate::model::Changes;

pub(crate) use crate::model::Casing;

/// The first layer's values in legend order, so a value keeps its colour on every date (values
/// absent on a date do not shift the others): every value the layer's claims name, then the
/// other values measured (a property-tagged border's), without the gap.
pub(crate) fn first_layer_values(layer: &crate::measure::LayerTotals) -> Vec<&str> {
    let mut out: Vec<&str> = layer.known.iter().map(String::as_str).collect();
    for v in &layer.values {
        if v.value != GAP_LABEL && !out.contains(&v.value.as_str()) {
            out.push(&v.value);
        }
    }
    out
}

impl Layout<'_> {
    /// Colour and dash pattern (px) of `value` of the first layer, distinct from every other
    /// value's ([`crate::style::Style::value_looks`]); muted when other values are
    /// highlighted; the gap colour for stretches with no value.
    pub(crate) fn class_color(&self, value: Option<&str>) -> (String, Vec<f64>) {
        let s = self.s;
        let Some(first) = self.inp.model.measured.layers.first() else {
            return (s.value_color("", "", 0), s.value_pattern(0));
        };
        let Some(v) = value else {
            return (s.gap.clone(), Vec::new());
        };
        let values = first_layer_values(first);
        let looks = s.value_looks(&first.id, &values);
        let look = values
            .iter()
            .position(|x| *x == v)
            .and_then(|i| looks.get(i).cloned())
            .unwrap_or_else(|| (s.gap.clone(), Vec::new()));
        if self.muted(v) {
            return (s.muted.clone(), look.1);
        }
        look
    }

    /// Whether `value` of the first layer is drawn muted: other values are highlighted.
    pub(crate) fn muted(&self, value: &str) -> bool {
        let h = self.inp.model.highlight;
        !h.is_empty() && !h.iter().any(|x| x == value)
    }

    /// How a value of the second layer is drawn around the line: as the layers file says
    /// (`casing = { ... }`), else the layer's default value and gaps get a halo only and the
    /// other values ticks, dashes and dots in turn (in legend order).
    pub(crate) fn casing_of(&self, value: Option<&str>) -> Casing {
        let Some(layer) = self.inp.model.measured.layers.get(1) else {
            return Casing::None;
        };
        let Some(v) = value else {
            return Casing::None;
        };
        let def = self.inp.model.layer(&layer.id);
        if let Some(c) = def.and_then(|d| d.casings.get(v)) {
            return *c;
        }
        let default = def.and_then(|x| x.default.as_deref());
        if default == Some(v) || v == GAP_LABEL {
            return Casing::None;
        }
        let others = layer.values.iter().map(|x| x.value.as_str()).filter(|x| {
            Some(*x) != default
                && *x != GAP_LABEL
                && !def.is_some_and(|d| d.casings.contains_key(*x))
        });
        const TURN: [Casing; 3] = [Casing::Ticks, Casing::Dashed, Casing::Dotted];
        let i = others.take_while(|x| *x != v).count();
        TURN.get(i % TURN.len()).copied().unwrap_or(Casing::Ticks)
    }

    pub(crate) fn casing_items(&self, pts: &[Pt], casing: Casing, class: &str) -> Vec<Item> {
        let s = self.s;
        let mut out = Vec::new();
        let base = PathItem {
            parts: vec![pts.to_vec()],
            class: class.into(),
            ..PathItem::default()
        };
        match casing {
            Casing::None => out.push(Item::Path(PathItem {
                stroke: Some(Stroke::new(&s.halo, s.border_width + 2.5)),
                ..base
            })),
            Casing::Ticks => {
                let tick_len = s.casing_width + 6.0;
                let mut ticks = Vec::new();
                for (p, n) in along(pts, 7.0, 3.5) {
                    ticks.push(vec![
                        (p.0 + n.0 * tick_len / 2.0, p.1 + n.1 * tick_len / 2.0),
                        (p.0 - n.0 * tick_len / 2.0, p.1 - n.1 * tick_len / 2.0),
                    ]);
                }
                out.push(Item::Path(PathItem {
                    parts: ticks,
                    stroke: Some(Stroke::new(&s.casing, 1.4)),
                    class: format!("{class} ticks"),
                    ..PathItem::default()
                }));
                out.push(Item::Path(PathItem {
                    stroke: Some(Stroke::new(&s.casing, s.casing_width)),
                    ..base
                }));
            }
            Casing::Dashed | Casing::Dotted => {
                // Dashes (px on, px off): long for "under construction", short for the rest.
                let dash = if casing == Casing::Dashed {
                    vec![7.0, 4.0]
                } else {
                    vec![2.0, 3.0]
                };
                out.push(Item::Path(PathItem {
                    stroke: Some(Stroke::new(&s.halo, s.border_width + 2.5)),
                    ..base.clone()
                }));
                out.push(Item::Path(PathItem {
                    stroke: Some(Stroke {
                        dash,
                        ..Stroke::new(&s.casing, s.casing_width)
                    }),
                    ..base
                }));
            }
        }
        out
    }

    pub(crate) fn segments(&mut self) -> Result<()> {
        if let Some(d) = &self.inp.model.changes {
            return self.diff_segments(d);
        }
        let s = self.s;
        let m = self.inp.model.measured;
        let mut casing_items = Vec::new();
        let mut items = Vec::new();
        let first = m.layers.first().map(|l| l.id.clone());
        let second = m.layers.get(1).map(|l| l.id.clone());
        for seg in &m.segments {
            let pts = self.line_px(&seg.line)?;
            let v1 = first.as_deref().and_then(|l| seg.value(l));
            let v2 = second.as_deref().and_then(|l| seg.value(l));
            let (color, dash) = self.class_color(v1);
            let casing = self.casing_of(v2);
            let wall_class = match &second {
                Some(l) => format!("casing {}-{}", slug(l), slug(v2.unwrap_or("none"))),
                None => "casing".into(),
            };
            casing_items.extend(self.casing_items(&pts, casing, &wall_class));
            let mut class = vec!["segment".to_string()];
            let mut data = Vec::new();
            for (layer, value) in &seg.values {
                class.push(format!(
                    "{}-{}",
                    slug(layer),
                    slug(value.as_deref().unwrap_or("none"))
                ));
                data.push((slug(layer), value.clone().unwrap_or_default()));
            }
            if v1.is_some_and(|v| self.muted(v)) {
                class.push("muted".into());
            }
            data.push(("length-m".into(), format!("{:.3}", seg.length_m)));
            data.push(("from-m".into(), format!("{:.3}", seg.from_m)));
            data.push(("to-m".into(), format!("{:.3}", seg.to_m)));
            let hatch = first
                .as_deref()
                .map(|l| self.hatch_colors(l, v1))
                .unwrap_or_default();
            let bands = self.hatch_items(&pts, &hatch, "disputed");
            items.push(Item::Path(PathItem {
                parts: vec![pts],
                closed: false,
                fill: None,
                stroke: Some(Stroke {
                    dash,
                    ..Stroke::new(&color, s.border_width)
                }),
                class: class.join(" "),
                data,
                title: Some(self.segment_title(seg)),
            }));
            items.extend(bands);
        }
        self.group("wall", true, casing_items);
        self.group("border", true, items);
        Ok(())
    }

    /// Colour and dash of a change of the first layer on a diff map: the later value's; a
    /// change to no value (no source places it any more) in the earlier value's colour, dashed.
    /// The map, its legend and its labels all draw a change so.
    pub(crate) fn change_style(
        &self,
        before: Option<&str>,
        after: Option<&str>,
    ) -> (String, Vec<f64>) {
        match (after, before) {
            (None, Some(b)) => (self.class_color(Some(b)).0, vec![6.0, 4.0]),
            _ => self.class_color(after),
        }
    }

    /// The border of a diff map: every segment muted (its later value in `data-*`, as a
    /// normal map), then each change of the first layer in the later value's colour and each
    /// change of another layer as a dark casing, as `path.change` with `data-layer`,
    /// `data-before`, `data-after`, `data-from-m`, `data-to-m` and `data-length-m` (metres to
    /// the millimetre, as `diff --format json`).
    fn diff_segments(&mut self, d: &Changes<'_>) -> Result<()> {
        let s = self.s;
        let m = self.inp.model.measured;
        let mut items = Vec::new();
        for seg in &m.segments {
            let pts = self.line_px(&seg.line)?;
            let mut data: Vec<(String, String)> = seg
                .values
                .iter()
                .map(|(layer, value)| (slug(layer), value.clone().unwrap_or_default()))
                .collect();
            data.push(("length-m".into(), format!("{:.3}", seg.length_m)));
            data.push(("from-m".into(), format!("{:.3}", seg.from_m)));
            data.push(("to-m".into(), format!("{:.3}", seg.to_m)));
            items.push(Item::Path(PathItem {
                parts: vec![pts],
                stroke: Some(Stroke::new(&s.gap, s.border_width * 0.6)),
                class: "segment unchanged".into(),
                data,
                title: Some(self.segment_title(seg)),
                ..PathItem::default()
            }));
        }
        let first = m.layers.first().map(|l| l.id.as_str());
        let mut casing_items = Vec::new();
        for c in d.changes {
            let pts = self.line_px(&c.line)?;
            let data = vec![
                ("layer".to_string(), c.layer.clone()),
                ("before".into(), c.before.clone().unwrap_or_default()),
                ("after".into(), c.after.clone().unwrap_or_default()),
                ("from-m".into(), format!("{:.3}", c.from_m)),
                ("to-m".into(), format!("{:.3}", c.to_m)),
                ("length-m".into(), format!("{:.3}", c.length_m)),
            ];
            let loc = self.inp.locale;
            let shown = |v: &Option<String>| -> Option<String> {
                v.as_deref().map(|v| self.value_in(&c.layer, v).to_string())
            };
            let title = Some(loc.text(
                "change-tooltip",
                &[
                    ("layer", &c.layer),
                    (
                        "change",
                        &change_text(
                            shown(&c.before).as_deref(),
                            shown(&c.after).as_deref(),
                            &self.no_data,
                        ),
                    ),
                    ("length", &loc.km(c.length_m)),
                    ("from", &loc.number(c.from_m / 1000.0, 1)),
                    ("to", &loc.number(c.to_m / 1000.0, 1)),
                ],
            ));
            let class = format!("change change-{}", slug(&c.layer));
            if Some(c.layer.as_str()) == first {
                let (color, dash) = self.change_style(c.before.as_deref(), c.after.as_deref());
                casing_items.push(Item::Path(PathItem {
                    parts: vec![pts.clone()],
                    stroke: Some(Stroke::new(&s.halo, s.border_width + 3.0)),
                    class: "change-halo".into(),
                    ..PathItem::default()
                }));
                items.push(Item::Path(PathItem {
                    parts: vec![pts],
                    stroke: Some(Stroke {
                        dash,
                        ..Stroke::new(&color, s.border_width)
                    }),
                    class,
                    data,
                    title,
                    ..PathItem::default()
                }));
            } else {
                casing_items.push(Item::Path(PathItem {
                    parts: vec![pts],
                    stroke: Some(Stroke::new(&s.casing, s.casing_width)),
                    class,
                    data,
                    title,
                    ..PathItem::default()
                }));
            }
        }
        self.group("wall", true, casing_items);
        self.group("border", true, items);
        Ok(())
    }
}
