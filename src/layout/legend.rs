//! The legend: one row per layer value with its swatch, km and share, a total and a note.

use super::*;
use crate::error::Result;
use crate::fonts::Font;
use crate::measure::GAP_LABEL;
use crate::report::km1;

impl Layout<'_> {
    pub(crate) fn legend(&mut self) -> Result<()> {
        let s = self.s;
        let m = self.inp.measured;
        let ls = s.label_size;
        let row_h = ls * 1.5;
        let sw = 30.0;
        let pad = 10.0;
        let name_max = 220.0;
        // Rows: (kind, texts)
        enum Row {
            Header(String),
            Value {
                swatch: (String, Vec<f64>, Casing, bool),
                name: Vec<String>,
                km: String,
                share: String,
            },
            Total(String),
            Note(String),
        }
        let mut rows = Vec::new();
        let neutral = s.gap.clone();
        if m.layers.is_empty() {
            let (c, d) = self.class_color(None);
            let c = if m.layers.is_empty() {
                s.value_color("", "", 0)
            } else {
                c
            };
            rows.push(Row::Value {
                swatch: (c, d, Casing::None, true),
                name: vec![m.name.clone()],
                km: format!("{} km", km1(m.total_m)),
                share: "100.0 %".into(),
            });
            self.legend.push(LegendEntry {
                layer: String::new(),
                value: m.name.clone(),
                length_m: m.total_m,
                share: 1.0,
            });
        }
        for (li, layer) in m.layers.iter().enumerate() {
            rows.push(Row::Header(self.title_in(&layer.id, &layer.title)));
            for v in &layer.values {
                let value = (v.value != GAP_LABEL).then_some(v.value.as_str());
                let swatch = if li == 0 {
                    let (c, d) = self.class_color(value);
                    (c, d, Casing::None, true)
                } else if li == 1 {
                    (neutral.clone(), Vec::new(), self.casing_of(value), false)
                } else {
                    (neutral.clone(), Vec::new(), Casing::None, false)
                };
                let shown = self.value_in(&layer.id, &v.value).to_string();
                let name = keep_marks(wrap(&mut self.m, &shown, Font::regular(ls), name_max));
                rows.push(Row::Value {
                    swatch,
                    name,
                    km: format!("{} km", km1(v.length_m)),
                    share: format!("{:.1} %", v.share * 100.0),
                });
                self.legend.push(LegendEntry {
                    layer: layer.id.clone(),
                    value: v.value.clone(),
                    length_m: v.length_m,
                    share: v.share,
                });
            }
        }
        rows.push(Row::Total(format!("{} km", km1(m.total_m))));
        rows.push(Row::Note("Lengths: geodesic, WGS84".into()));
        // Measure.
        let mut name_w: f64 = 0.0;
        let mut km_w: f64 = 0.0;
        let mut share_w: f64 = 0.0;
        let mut head_w: f64 = 0.0;
        let mut height = pad;
        for r in &rows {
            match r {
                Row::Header(t) => {
                    head_w = head_w.max(self.m.width(t, Font::bold(ls)));
                    height += row_h + 2.0;
                }
                Row::Value {
                    name, km, share, ..
                } => {
                    for n in name {
                        name_w = name_w.max(self.m.width(n, Font::regular(ls)));
                    }
                    km_w = km_w.max(self.m.width(km, Font::regular(ls)));
                    share_w = share_w.max(self.m.width(share, Font::regular(ls)));
                    height += row_h + (name.len().saturating_sub(1)) as f64 * ls * 1.2;
                }
                Row::Total(km) => {
                    km_w = km_w.max(self.m.width(km, Font::bold(ls)));
                    height += row_h + 6.0;
                }
                Row::Note(t) => {
                    head_w = head_w.max(self.m.width(t, Font::regular(s.small_size)));
                    height += s.small_size * 1.6;
                }
            }
        }
        height += pad - 2.0;
        let gap = 12.0;
        let width = (pad + sw + 8.0 + name_w + gap + km_w + gap + share_w + pad)
            .max(pad + head_w + pad)
            .ceil();
        let height = height.ceil();
        let r = self.pick_corner(width, height, [0.0, 0.0, 0.0, 60.0]);
        self.legend_rect = r;
        self.boxes.push(r.inflate(4.0));
        let mut items = vec![Item::Rect(RectItem {
            rect: r,
            fill: Some(s.panel.clone()),
            opacity: 0.94,
            stroke: Some(Stroke::new(&s.panel_stroke, 0.8)),
            radius: 3.0,
            class: "panel".into(),
            data: Vec::new(),
        })];
        let x_km = r.right() - pad - share_w - gap;
        let x_share = r.right() - pad;
        let mut y = r.y + pad;
        let text = |x: f64, y: f64, t: &str, f: Font, fill: &str, anchor: Anchor, class: &str| {
            Item::Text(TextItem {
                x,
                y,
                text: t.to_string(),
                font: f,
                fill: fill.to_string(),
                halo: None,
                anchor,
                class: class.into(),
            })
        };
        for row in &rows {
            match row {
                Row::Header(t) => {
                    let b = y + ls + 2.0;
                    items.push(text(
                        r.x + pad,
                        b,
                        t,
                        Font::bold(ls),
                        &s.text,
                        Anchor::Start,
                        "legend-heading",
                    ));
                    y += row_h + 2.0;
                }
                Row::Value {
                    swatch,
                    name,
                    km,
                    share,
                } => {
                    let b = y + ls;
                    let mid = b - ls * 0.35;
                    let pts = vec![(r.x + pad, mid), (r.x + pad + sw, mid)];
                    let (c, d, casing, is_color) = swatch;
                    if !*is_color || *casing != Casing::None {
                        items.extend(self.casing_items(&pts, *casing, "legend-casing"));
                    }
                    items.push(Item::Path(PathItem {
                        parts: vec![pts],
                        stroke: Some(Stroke {
                            dash: d.clone(),
                            ..Stroke::new(c, s.border_width)
                        }),
                        class: "legend-swatch".into(),
                        ..PathItem::default()
                    }));
                    for (i, n) in name.iter().enumerate() {
                        items.push(text(
                            r.x + pad + sw + 8.0,
                            b + i as f64 * ls * 1.2,
                            n,
                            Font::regular(ls),
                            &s.text,
                            Anchor::Start,
                            "legend-name",
                        ));
                    }
                    items.push(text(
                        x_km,
                        b,
                        km,
                        Font::regular(ls),
                        &s.text,
                        Anchor::End,
                        "legend-km",
                    ));
                    items.push(text(
                        x_share,
                        b,
                        share,
                        Font::regular(ls),
                        &s.muted_text,
                        Anchor::End,
                        "legend-share",
                    ));
                    y += row_h + (name.len().saturating_sub(1)) as f64 * ls * 1.2;
                }
                Row::Total(km) => {
                    y += 4.0;
                    items.push(Item::Path(PathItem {
                        parts: vec![vec![(r.x + pad, y), (r.right() - pad, y)]],
                        stroke: Some(Stroke::new(&s.panel_stroke, 0.8)),
                        class: "legend-rule".into(),
                        ..PathItem::default()
                    }));
                    let b = y + ls + 4.0;
                    items.push(text(
                        r.x + pad,
                        b,
                        "Total",
                        Font::bold(ls),
                        &s.text,
                        Anchor::Start,
                        "legend-total",
                    ));
                    items.push(text(
                        x_km,
                        b,
                        km,
                        Font::bold(ls),
                        &s.text,
                        Anchor::End,
                        "legend-total-km",
                    ));
                    items.push(text(
                        x_share,
                        b,
                        "100.0 %",
                        Font::regular(ls),
                        &s.muted_text,
                        Anchor::End,
                        "legend-share",
                    ));
                    y += row_h + 2.0;
                }
                Row::Note(t) => {
                    let b = y + s.small_size + 2.0;
                    items.push(text(
                        r.x + pad,
                        b,
                        t,
                        Font::regular(s.small_size),
                        &s.muted_text,
                        Anchor::Start,
                        "legend-method",
                    ));
                    y += s.small_size * 1.6;
                }
            }
        }
        self.group("legend", false, items);
        Ok(())
    }
}
