//! The legend: one row per layer value with its swatch, km and share, a total and a note.
//!
//! The legend measures itself in a [`LegendForm`] and a number of columns
//! ([`Layout::legend_plan`]), and draws into the rectangle the arrangement gives it
//! ([`Layout::legend_draw`]).

use super::{
    Anchor, Casing, Item, Layout, LegendEntry, PathItem, Rect, RectItem, Stroke, change_text,
    keep_marks, short_name, wrap,
};
use crate::fonts::Font;
use crate::measure::GAP_LABEL;

/// How the legend's rows are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LegendForm {
    /// Name, km and share side by side in columns (the default).
    Table,
    /// Figures (km · share) on a line of their own under each name: narrower, taller.
    Stacked,
}

/// A swatch: line colour and dash, casing, and whether the colour is the value's own.
#[derive(Debug, Clone)]
pub(crate) struct Swatch {
    color: String,
    dash: Vec<f64>,
    casing: Casing,
    is_color: bool,
    /// The colours of a disputed value's sides, drawn in bands over the swatch.
    hatch: Vec<String>,
}

/// One legend row.
#[derive(Debug, Clone)]
pub(crate) enum Row {
    /// A layer's title.
    Header(String),
    /// A value with its figures.
    Value {
        swatch: Swatch,
        name: String,
        km: String,
        share: String,
    },
    /// The total length.
    Total(String),
    /// A note in small type (method, "scale varies").
    Note(String),
}

/// Widest name before it wraps, px (at the default size).
const NAME_MAX_PX: f64 = 220.0;
/// Inner padding of the legend panel, px.
const PAD: f64 = 10.0;
/// Gap between the table's columns, px.
const COL_GAP: f64 = 12.0;
/// Gap between legend columns set side by side, px.
const BLOCK_GAP: f64 = 16.0;

/// A measured legend: its rows, form, type size, columns and size.
#[derive(Debug, Clone)]
pub(crate) struct LegendPlan {
    form: LegendForm,
    /// Type size of names and figures, px.
    ls: f64,
    /// Swatch length, px.
    sw: f64,
    rows: Vec<Row>,
    /// Each row's name, wrapped.
    names: Vec<Vec<String>>,
    /// Rows of each column (index ranges into `rows`).
    columns: Vec<std::ops::Range<usize>>,
    name_w: f64,
    km_w: f64,
    share_w: f64,
    /// Width of one column, px.
    col_w: f64,
    /// Size of the whole legend, px.
    pub(crate) w: f64,
    pub(crate) h: f64,
}

impl Layout<'_> {
    /// The legend's rows (and the scene's legend figures, filled once).
    pub(crate) fn legend_rows(&mut self) -> Vec<Row> {
        if let Some(d) = &self.inp.model.changes {
            return self.diff_legend_rows(d);
        }
        let s = self.s;
        let m = self.inp.model.measured;
        let fill_entries = self.legend.is_empty();
        let mut rows = Vec::new();
        let neutral = s.gap.clone();
        if m.layers.is_empty() {
            let (_, dash) = self.class_color(None);
            rows.push(Row::Value {
                swatch: Swatch {
                    color: s.value_color("", "", 0),
                    dash,
                    casing: Casing::None,
                    is_color: true,
                    hatch: Vec::new(),
                },
                name: self.inp.model.border_name.clone(),
                km: self.inp.locale.km(m.total_m),
                share: self.inp.locale.share(1.0),
            });
            if fill_entries {
                self.legend.push(LegendEntry {
                    layer: String::new(),
                    value: m.name.clone(),
                    length_m: m.total_m,
                    share: 1.0,
                });
            }
        }
        for (li, layer) in m.layers.iter().enumerate() {
            rows.push(Row::Header(self.title_in(&layer.id, &layer.title)));
            for v in &layer.values {
                let value = (v.value != GAP_LABEL).then_some(v.value.as_str());
                let swatch = if li == 0 {
                    let (color, dash) = self.class_color(value);
                    Swatch {
                        color,
                        dash,
                        casing: Casing::None,
                        is_color: true,
                        hatch: self.hatch_colors(&layer.id, value),
                    }
                } else {
                    Swatch {
                        color: neutral.clone(),
                        dash: Vec::new(),
                        casing: if li == 1 {
                            self.casing_of(value)
                        } else {
                            Casing::None
                        },
                        is_color: false,
                        hatch: Vec::new(),
                    }
                };
                let disputed = self.disputed_name(&layer.id, &v.value);
                let name = disputed
                    .as_deref()
                    .unwrap_or(self.value_in(&layer.id, &v.value));
                rows.push(Row::Value {
                    swatch,
                    // Compact pages: without the parenthesis (the tooltips and the
                    // description keep the whole name).
                    name: if self.page.compact {
                        short_name(name)
                    } else {
                        name.to_string()
                    },
                    km: self.inp.locale.km(v.length_m),
                    share: self.inp.locale.share(v.share),
                });
                if fill_entries {
                    self.legend.push(LegendEntry {
                        layer: layer.id.clone(),
                        value: v.value.clone(),
                        length_m: v.length_m,
                        share: v.share,
                    });
                }
            }
        }
        rows.push(Row::Total(self.inp.locale.km(m.total_m)));
        if !self.page.compact {
            rows.push(Row::Note(self.inp.locale.text("legend-lengths", &[])));
        }
        if self.scale_varies {
            rows.push(Row::Note(self.inp.locale.text("scale-varies", &[])));
        }
        rows
    }

    /// The legend of a diff map: per layer, km by (before → after) pair and unchanged, then
    /// the total.
    fn diff_legend_rows(&mut self, d: &crate::model::Changes<'_>) -> Vec<Row> {
        let s = self.s;
        let total = d.total_m.max(f64::MIN_POSITIVE);
        let fill_entries = self.legend.is_empty();
        let first = d.totals.first().map(|t| t.layer.clone());
        let mut rows = Vec::new();
        for t in d.totals {
            let loc = self.inp.locale;
            rows.push(Row::Header(loc.text(
                "diff-legend-header",
                &[
                    ("layer", &self.title_in(&t.layer, &t.title)),
                    ("from", &loc.date(&d.from)),
                    ("to", &loc.date(&d.to)),
                ],
            )));
            for p in &t.pairs {
                let swatch = if Some(&t.layer) == first.as_ref() {
                    let (color, dash) = self.change_style(p.before.as_deref(), p.after.as_deref());
                    Swatch {
                        color,
                        dash,
                        casing: Casing::None,
                        is_color: true,
                        hatch: Vec::new(),
                    }
                } else {
                    Swatch {
                        color: s.gap.clone(),
                        dash: Vec::new(),
                        casing: Casing::Ticks,
                        is_color: false,
                        hatch: Vec::new(),
                    }
                };
                let shown = |v: &Option<String>| -> Option<String> {
                    v.as_deref().map(|v| {
                        let v = self.value_in(&t.layer, v);
                        if self.page.compact {
                            short_name(v)
                        } else {
                            v.to_string()
                        }
                    })
                };
                let name = change_text(
                    shown(&p.before).as_deref(),
                    shown(&p.after).as_deref(),
                    &self.no_data,
                );
                rows.push(Row::Value {
                    swatch,
                    name: name.clone(),
                    km: self.inp.locale.km(p.length_m),
                    share: self.inp.locale.share(p.length_m / total),
                });
                if fill_entries {
                    self.legend.push(LegendEntry {
                        layer: t.layer.clone(),
                        value: name,
                        length_m: p.length_m,
                        share: p.length_m / total,
                    });
                }
            }
            let same = (d.total_m - t.changed_m).max(0.0);
            // Every metre changed: no "unchanged" row.
            if same < 0.5 {
                continue;
            }
            rows.push(Row::Value {
                swatch: Swatch {
                    color: s.gap.clone(),
                    dash: Vec::new(),
                    casing: Casing::None,
                    is_color: true,
                    hatch: Vec::new(),
                },
                name: self.inp.locale.text("legend-unchanged", &[]),
                km: self.inp.locale.km(same),
                share: self.inp.locale.share(same / total),
            });
        }
        rows.push(Row::Total(self.inp.locale.km(d.total_m)));
        if !self.page.compact {
            rows.push(Row::Note(self.inp.locale.text("legend-lengths", &[])));
        }
        if self.scale_varies {
            rows.push(Row::Note(self.inp.locale.text("scale-varies", &[])));
        }
        rows
    }

    /// Measures the legend in `form` at type size `ls` px, with names wrapped at `name_max` px,
    /// in one column or one column per layer (`per_layer`; the total and notes go in the last).
    pub(crate) fn legend_plan(
        &mut self,
        rows: &[Row],
        form: LegendForm,
        ls: f64,
        name_max: f64,
        per_layer: bool,
    ) -> LegendPlan {
        let s = self.s;
        let row_h = ls * 1.5;
        let sw = if ls < s.label_size { 22.0 } else { 30.0 };
        let small = s.small_size;
        // Stacked: names wrap at the width of the widest figures (or `name_max`, if less).
        let name_max = match form {
            LegendForm::Table => name_max,
            LegendForm::Stacked => rows
                .iter()
                .filter_map(|r| match r {
                    Row::Value { km, share, .. } => Some(
                        self.m
                            .width(&format!("{km} · {share}"), Font::regular(small)),
                    ),
                    _ => None,
                })
                .fold(0.0, f64::max)
                .max(40.0)
                .min(name_max),
        };
        let names: Vec<Vec<String>> = rows
            .iter()
            .map(|r| match r {
                Row::Value { name, .. } => {
                    keep_marks(wrap(&mut self.m, name, Font::regular(ls), name_max))
                }
                _ => Vec::new(),
            })
            .collect();
        // Column ranges: one, or one per header (the rows after the last header's values,
        // i.e. the total and notes, stay with the last).
        let mut columns = Vec::new();
        if per_layer {
            let mut start = 0;
            for (i, r) in rows.iter().enumerate() {
                if matches!(r, Row::Header(_)) && i > start {
                    columns.push(start..i);
                    start = i;
                }
            }
            columns.push(start..rows.len());
        } else {
            columns.push(0..rows.len());
        }
        let (mut name_w, mut km_w, mut share_w, mut head_w, mut fig_w) =
            (0.0f64, 0.0f64, 0.0f64, 0.0f64, 0.0f64);
        for (r, name) in rows.iter().zip(&names) {
            match r {
                Row::Header(t) => head_w = head_w.max(self.m.width(t, Font::bold(ls))),
                Row::Value { km, share, .. } => {
                    for n in name {
                        name_w = name_w.max(self.m.width(n, Font::regular(ls)));
                    }
                    km_w = km_w.max(self.m.width(km, Font::regular(ls)));
                    share_w = share_w.max(self.m.width(share, Font::regular(ls)));
                    if form == LegendForm::Stacked {
                        let fig = format!("{km} · {share}");
                        fig_w = fig_w.max(self.m.width(&fig, Font::regular(small)));
                    }
                }
                Row::Total(km) => km_w = km_w.max(self.m.width(km, Font::bold(ls))),
                Row::Note(t) => head_w = head_w.max(self.m.width(t, Font::regular(small))),
            }
        }
        let col_w = match form {
            LegendForm::Table => {
                (PAD + sw + 8.0 + name_w + COL_GAP + km_w + COL_GAP + share_w + PAD)
                    .max(PAD + head_w + PAD)
            }
            LegendForm::Stacked => (PAD + sw + 8.0 + name_w.max(fig_w) + PAD)
                .max(PAD + head_w + PAD)
                .max(PAD + self.m.width(&self.total_word, Font::bold(ls)) + COL_GAP + km_w + PAD),
        };
        let col_h = |range: &std::ops::Range<usize>| -> f64 {
            let mut h = PAD;
            for i in range.clone() {
                let lines = names.get(i).map_or(0, Vec::len);
                h += match rows.get(i) {
                    Some(Row::Header(_)) => row_h + 2.0,
                    Some(Row::Value { .. }) => match form {
                        LegendForm::Table => row_h + lines.saturating_sub(1) as f64 * ls * 1.2,
                        LegendForm::Stacked => {
                            row_h + lines.saturating_sub(1) as f64 * ls * 1.2 + small * 1.2
                        }
                    },
                    Some(Row::Total(_)) => row_h + 6.0,
                    Some(Row::Note(_)) => small * 1.6,
                    None => 0.0,
                };
            }
            h + PAD - 2.0
        };
        let h = columns.iter().map(col_h).fold(0.0, f64::max).ceil();
        let n = columns.len() as f64;
        let w = (col_w * n + BLOCK_GAP * (n - 1.0)).ceil();
        LegendPlan {
            form,
            ls,
            sw,
            rows: rows.to_vec(),
            names,
            columns,
            name_w,
            km_w,
            share_w,
            col_w: if n > 1.0 { col_w } else { w },
            w,
            h,
        }
    }

    /// Draws the legend of `plan` in `r` (its size), as the `legend` group.
    pub(crate) fn legend_draw(&mut self, plan: &LegendPlan, r: Rect) {
        let s = self.s;
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
        for (ci, range) in plan.columns.iter().enumerate() {
            let cx = r.x + ci as f64 * (plan.col_w + BLOCK_GAP);
            items.extend(self.legend_column(plan, cx, r.y, range.clone()));
        }
        self.group("legend", false, items);
    }

    /// One column of the legend, `cx` px from the page's left and `top` px from its top: the
    /// rows `range` of `plan`, headers, values (swatch, name, figures), the total and notes.
    fn legend_column(
        &self,
        plan: &LegendPlan,
        cx: f64,
        top: f64,
        range: std::ops::Range<usize>,
    ) -> Vec<Item> {
        let s = self.s;
        let ls = plan.ls;
        let row_h = ls * 1.5;
        let sw = plan.sw;
        let small = s.small_size;
        let text = |x: f64, y: f64, t: &str, f: Font, fill: &str, anchor: Anchor, class: &str| {
            Item::plain_text(x, y, t, f, fill, anchor, class)
        };
        let mut items = Vec::new();
        let right = cx + plan.col_w;
        let x_share = right - PAD;
        let x_km = match plan.form {
            LegendForm::Table => right - PAD - plan.share_w - COL_GAP,
            LegendForm::Stacked => right - PAD,
        };
        let _ = (plan.name_w, plan.km_w);
        let mut y = top + PAD;
        for i in range {
            let Some(row) = plan.rows.get(i) else {
                continue;
            };
            match row {
                Row::Header(t) => {
                    items.push(text(
                        cx + PAD,
                        y + ls + 2.0,
                        t,
                        Font::bold(ls),
                        &s.text,
                        Anchor::Start,
                        "legend-heading",
                    ));
                    y += row_h + 2.0;
                }
                Row::Value {
                    swatch, km, share, ..
                } => {
                    let name = plan.names.get(i).map_or(&[][..], Vec::as_slice);
                    let b = y + ls;
                    let mid = b - ls * 0.35;
                    let pts = vec![(cx + PAD, mid), (cx + PAD + sw, mid)];
                    if !swatch.is_color || swatch.casing != Casing::None {
                        items.extend(self.casing_items(&pts, swatch.casing, "legend-casing"));
                    }
                    items.push(Item::Path(PathItem {
                        parts: vec![pts.clone()],
                        stroke: Some(Stroke {
                            dash: swatch.dash.clone(),
                            ..Stroke::new(&swatch.color, s.border_width)
                        }),
                        class: "legend-swatch".into(),
                        ..PathItem::default()
                    }));
                    items.extend(self.hatch_items(&pts, &swatch.hatch, "legend-disputed"));
                    for (k, n) in name.iter().enumerate() {
                        items.push(text(
                            cx + PAD + sw + 8.0,
                            b + k as f64 * ls * 1.2,
                            n,
                            Font::regular(ls),
                            &s.text,
                            Anchor::Start,
                            "legend-name",
                        ));
                    }
                    let extra = name.len().saturating_sub(1) as f64 * ls * 1.2;
                    match plan.form {
                        LegendForm::Table => {
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
                            y += row_h + extra;
                        }
                        LegendForm::Stacked => {
                            items.push(text(
                                cx + PAD + sw + 8.0,
                                b + extra + small * 1.25,
                                &format!("{km} · {share}"),
                                Font::regular(small),
                                &s.muted_text,
                                Anchor::Start,
                                "legend-figures",
                            ));
                            y += row_h + extra + small * 1.2;
                        }
                    }
                }
                Row::Total(km) => {
                    items.extend(self.legend_total(plan, km, (cx, right), (x_km, x_share), &mut y));
                }
                Row::Note(t) => {
                    items.push(text(
                        cx + PAD,
                        y + small + 2.0,
                        t,
                        Font::regular(small),
                        &s.muted_text,
                        Anchor::Start,
                        "legend-method",
                    ));
                    y += small * 1.6;
                }
            }
        }
        items
    }

    /// The legend's total row in the column `cx`..`right` (px), figures right-aligned at
    /// `x_km` and `x_share` (px), from `y` (px; moved past the row).
    fn legend_total(
        &self,
        plan: &LegendPlan,
        km: &str,
        (cx, right): (f64, f64),
        (x_km, x_share): (f64, f64),
        y: &mut f64,
    ) -> Vec<Item> {
        let s = self.s;
        let ls = plan.ls;
        let row_h = ls * 1.5;
        let text = |x: f64, y: f64, t: &str, f: Font, fill: &str, anchor: Anchor, class: &str| {
            Item::plain_text(x, y, t, f, fill, anchor, class)
        };
        let mut items = Vec::new();
        *y += 4.0;
        items.push(Item::Path(PathItem {
            parts: vec![vec![(cx + PAD, *y), (right - PAD, *y)]],
            stroke: Some(Stroke::new(&s.panel_stroke, 0.8)),
            class: "legend-rule".into(),
            ..PathItem::default()
        }));
        let b = *y + ls + 4.0;
        items.push(text(
            cx + PAD,
            b,
            &self.total_word,
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
        if plan.form == LegendForm::Table {
            items.push(text(
                x_share,
                b,
                &self.inp.locale.share(1.0),
                Font::regular(ls),
                &s.muted_text,
                Anchor::End,
                "legend-share",
            ));
        }
        *y += row_h + 2.0;
        items
    }
}

/// The widest a legend name may be before it wraps, px, at type size `ls` px.
pub(crate) fn name_max(ls: f64, label_size: f64) -> f64 {
    NAME_MAX_PX * ls / label_size
}
