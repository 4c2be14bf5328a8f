//! Segment labels: each stretch's value and length beside it, with a leader where needed.

use crate::fonts::Font;
use crate::geom::{Pt, Rect, point_normal, poly_len, to_ls};
use crate::layout::{
    Anchor, Item, LabelKind, Layout, PathItem, Stroke, TextItem, change_text, short_name,
};

/// The farthest a segment label sits from its stretch (leader length), px; never more than
/// [`SEGMENT_LABEL_MAX_FRAME_SHARE`] of the frame's diagonal.
pub const SEGMENT_LABEL_MAX_PX: f64 = 110.0;
/// The farthest a segment label sits from its stretch, as a share of the frame's diagonal.
pub const SEGMENT_LABEL_MAX_FRAME_SHARE: f64 = 0.15;
/// Borders drawn shorter than this (px) get no segment labels: the legend gives the lengths.
pub const SEGMENT_LABELS_MIN_BORDER_PX: f64 = 40.0;
/// Distances from the stretch tried for a segment label, px (nearest first).
const OFFSETS: [f64; 9] = [9.0, 14.0, 20.0, 28.0, 38.0, 50.0, 65.0, 85.0, 110.0];

/// A stretch of the border with one value of the first layer: the run of segments a label
/// names (metres along the border).
#[derive(Debug, Clone, PartialEq)]
struct Stretch {
    /// The first layer's value (on a diff map: the later value of a change).
    value: Option<String>,
    /// The label's name; `None`: the value's short name in the map's language.
    name: Option<String>,
    /// The swatch's colour and dash; `None`: the value's.
    swatch: Option<(String, Vec<f64>)>,
    from_m: f64,
    to_m: f64,
    length_m: f64,
}

impl Layout<'_> {
    /// With values highlighted, only their stretches are labelled (the muted others and the
    /// gaps are not).
    fn keep_highlighted(&self, runs: &mut Vec<Stretch>) {
        if !self.inp.model.highlight.is_empty() {
            runs.retain(|r| r.value.as_deref().is_some_and(|v| !self.muted(v)));
        }
    }

    /// A label for each stretch of the first layer's values, near it (within
    /// [`SEGMENT_LABEL_MAX_PX`]) or left out with a warning.
    /// The stretches to label: runs of the first layer's value (`first`: its id), those the
    /// editor highlights kept; on a diff map each change of the first layer, "before › after".
    fn stretches(&self, first: Option<&str>) -> Vec<Stretch> {
        let m = self.inp.model.measured;
        let first = first.map(str::to_string);
        // Stretches: runs of the first layer's value.
        let mut runs: Vec<Stretch> = Vec::new();
        for seg in &m.segments {
            let v = first
                .as_deref()
                .and_then(|l| seg.value(l))
                .map(str::to_string);
            match runs.last_mut() {
                Some(r) if r.value == v => {
                    r.to_m = seg.to_m;
                    r.length_m += seg.length_m;
                }
                _ => runs.push(Stretch {
                    value: v,
                    name: None,
                    swatch: None,
                    from_m: seg.from_m,
                    to_m: seg.to_m,
                    length_m: seg.length_m,
                }),
            }
        }
        self.keep_highlighted(&mut runs);
        if let Some(d) = &self.inp.model.changes {
            // A diff map labels the changes of the first layer: "before → after".
            let short = |v: &Option<String>| -> Option<String> {
                match (&first, v) {
                    (Some(l), Some(v)) => Some(short_name(self.value_in(l, v))),
                    _ => None,
                }
            };
            runs = d
                .changes
                .iter()
                .filter(|c| Some(&c.layer) == first.as_ref())
                .map(|c| Stretch {
                    swatch: Some(self.change_style(c.before.as_deref(), c.after.as_deref())),
                    value: c.after.clone(),
                    name: Some(change_text(
                        short(&c.before).as_deref(),
                        short(&c.after).as_deref(),
                        &self.no_data,
                    )),
                    from_m: c.from_m,
                    to_m: c.to_m,
                    length_m: c.length_m,
                })
                .collect();
        }
        runs
    }

    /// Where the label of the stretch `from_to` (metres along the border; `total` m drawn
    /// `len_px` px long) of size `size` (w, h, px) hangs, at most `max_d` px off the line:
    /// `(rect, point on the line, normal, distance)`, and whether any point of it is in view.
    fn segment_label_spot(
        &self,
        from_to: (f64, f64),
        (total, border_len_px): (f64, f64),
        (w, h): (f64, f64),
        max_d: f64,
    ) -> (Option<(Rect, Pt, Pt, f64)>, bool) {
        let (from_m, to_m) = from_to;
        let mut best: Option<(f64, Rect, Pt, Pt, f64)> = None;
        // With a fixed view, a label hangs only from a point of its stretch in view.
        let fixed = self.inp.framing.fixed();
        let view = self.frame.inflate(-5.0);
        let mut in_view = !fixed;
        for (fi, f) in [
            0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75,
            0.05, 0.95,
        ]
        .iter()
        .enumerate()
        {
            let (p, n) = self.stretch_point((from_m, to_m), total, border_len_px, *f);
            if fixed {
                if !(p.0 >= view.x && p.0 <= view.right() && p.1 >= view.y && p.1 <= view.bottom())
                {
                    continue;
                }
                in_view = true;
            }
            for side in [1.0, -1.0] {
                let n = (n.0 * side, n.1 * side);
                for d in OFFSETS.into_iter().filter(|d| *d <= max_d) {
                    let ext = n.0.abs() * w / 2.0 + n.1.abs() * h / 2.0;
                    let c = (p.0 + n.0 * (d + ext), p.1 + n.1 * (d + ext));
                    let r = Rect {
                        x: c.0 - w / 2.0,
                        y: c.1 - h / 2.0,
                        w,
                        h,
                    };
                    let cost = d + fi as f64 * 12.0 + if side > 0.0 { 0.0 } else { 3.0 };
                    if best.as_ref().is_some_and(|x| x.0 <= cost) {
                        continue;
                    }
                    if self.free(&r, 3.0) {
                        best = Some((cost, r, p, n, d));
                    }
                }
            }
        }
        (best.map(|(_, r, p, n, d)| (r, p, n, d)), in_view)
    }

    pub(crate) fn segment_labels(&mut self) {
        let s = self.s;
        let m = self.inp.model.measured;
        // Compact pages: segment labels in the legend's (smaller) type.
        let ls = if self.page.compact {
            self.page.legend_size
        } else {
            s.label_size
        };
        let first = m.layers.first().map(|l| l.id.clone());
        let runs = self.stretches(first.as_deref());
        let total = m.total_m.max(1.0);
        let border_len_px: f64 = self.border_px.iter().map(|p| poly_len(p)).sum();
        if border_len_px < SEGMENT_LABELS_MIN_BORDER_PX {
            self.warnings.push(format!(
                "the border is drawn {border_len_px:.0} px long: no segment labels (the legend gives each length)"
            ));
            return;
        }
        let max_d = SEGMENT_LABEL_MAX_PX
            .min(SEGMENT_LABEL_MAX_FRAME_SHARE * self.frame.w.hypot(self.frame.h));
        // Labels come before the inset: where one finds no room, the inset gives way and the
        // labels that failed are tried again.
        let mut pending = runs;
        let mut failed: Vec<String> = Vec::new();
        for pass in 0..2 {
            if pass == 1 {
                if failed.is_empty() || !self.drop_inset() {
                    break;
                }
                failed.clear();
            }
            let mut retry = Vec::new();
            for run in std::mem::take(&mut pending) {
                let Stretch {
                    ref value,
                    name: ref given,
                    ref swatch,
                    from_m,
                    to_m,
                    length_m: len,
                } = run;
                let name = match (&first, &value) {
                    _ if given.is_some() => given.clone().unwrap_or_default(),
                    (None, _) => self.inp.model.border_name.clone(),
                    (Some(l), Some(v)) => self
                        .disputed_name(l, v)
                        .unwrap_or_else(|| short_name(self.value_in(l, v))),
                    (Some(_), None) => self.no_data.clone(),
                };
                let km = self.inp.locale.km(len);
                let text = if crate::fonts::is_rtl(&name) {
                    // The figure is isolated (first strong), so "363.5 km" reads left to
                    // right and "363.5 كم" right to left inside RTL text.
                    format!("{name} · \u{2068}{km}\u{2069}")
                } else {
                    format!("{name} · {km}")
                };
                let font = Font::bold(ls);
                let tw = self.m.width(&text, font);
                let sw = 14.0;
                let w = 3.0 + sw + 5.0 + tw + 3.0;
                let h = ls * 1.35;
                // The stretch's length on the page, by chainage (px).
                let a = from_m / total * border_len_px;
                let b = to_m / total * border_len_px;
                let (best, in_view) =
                    self.segment_label_spot((from_m, to_m), (total, border_len_px), (w, h), max_d);
                let Some((r, p, n, d)) = best else {
                    if !in_view {
                        // Out of view: not labelled, and nothing left out to warn about.
                        continue;
                    }
                    failed.push(text);
                    retry.push(run);
                    continue;
                };
                let (color, dash) = swatch
                    .clone()
                    .unwrap_or_else(|| self.class_color(value.as_deref()));
                let mut items = Vec::new();
                if d > 16.0 || (b - a) < w * 0.6 {
                    let start = (
                        p.0 + n.0 * (s.border_width / 2.0 + 2.0),
                        p.1 + n.1 * (s.border_width / 2.0 + 2.0),
                    );
                    let end = r.nearest(start);
                    items.push(Item::Path(PathItem {
                        parts: vec![vec![start, end]],
                        stroke: Some(Stroke::new(&s.muted_text, 0.9)),
                        class: "leader".into(),
                        ..PathItem::default()
                    }));
                    self.lines.push(to_ls(&[start, end]));
                }
                let mid = r.y + h / 2.0;
                items.push(Item::Path(PathItem {
                    parts: vec![vec![(r.x + 3.0, mid), (r.x + 3.0 + sw, mid)]],
                    stroke: Some(Stroke {
                        dash: dash.clone(),
                        ..Stroke::new(&s.halo, s.border_width + 3.0)
                    }),
                    class: "label-swatch-halo".into(),
                    ..PathItem::default()
                }));
                items.push(Item::Path(PathItem {
                    parts: vec![vec![(r.x + 3.0, mid), (r.x + 3.0 + sw, mid)]],
                    stroke: Some(Stroke {
                        dash,
                        ..Stroke::new(&color, s.border_width)
                    }),
                    class: "label-swatch".into(),
                    ..PathItem::default()
                }));
                if let Some(l) = &first {
                    let hatch = self.hatch_colors(l, value.as_deref());
                    let swatch_pts = [(r.x + 3.0, mid), (r.x + 3.0 + sw, mid)];
                    items.extend(self.hatch_items(&swatch_pts, &hatch, "label-disputed"));
                }
                items.push(Item::Text(TextItem {
                    x: r.x + 3.0 + sw + 5.0,
                    y: mid + ls * 0.36,
                    text: text.clone(),
                    font,
                    fill: s.text.clone(),
                    halo: self.halo(),
                    anchor: Anchor::Start,
                    class: "segment-label".into(),
                    rtl: false,
                    family: None,
                    runs: Vec::new(),
                }));
                self.push_items(items);
                self.add_label(&text, LabelKind::Segment, r);
            }
            pending = retry;
        }
        for text in failed {
            self.warnings.push(format!(
                "label \"{text}\" left out: no room within {max_d:.0} px of its stretch (the legend gives its length)"
            ));
        }
    }
}

impl Layout<'_> {
    /// The point and the unit normal on the drawn border at fraction `f` of the stretch
    /// `from_m..to_m` (metres along the border of `total_m`), by chainage: on a one-part
    /// border its share of the drawn line (`len_px`); on several parts the share of the part
    /// that holds it.
    fn stretch_point(
        &self,
        (from_m, to_m): (f64, f64),
        total_m: f64,
        len_px: f64,
        f: f64,
    ) -> (Pt, Pt) {
        if let [one] = self.border_px.as_slice() {
            let a = from_m / total_m * len_px;
            let b = to_m / total_m * len_px;
            return point_normal(one, a + (b - a) * f);
        }
        let border = &self.inp.model.border;
        let m = from_m + (to_m - from_m) * f;
        let k = border.part_at(m);
        let (s, e) = border.part_spans().get(k).copied().unwrap_or((0.0, 0.0));
        let Some(part) = self.border_px.get(k) else {
            return ((0.0, 0.0), (1.0, 0.0));
        };
        let share = if e > s { (m - s) / (e - s) } else { 0.0 };
        point_normal(part, share * poly_len(part))
    }
}
