//! Placement of boxes on the map: the obstacles placed so far (`is_free`), how much of what
//! matters a rectangle would cover (`ink`), and the corner search for furniture.

use geo::{Intersects, LineString, Point};

use super::arrange::{Corners, corner_rects};
use super::{Layout, Marker};
use crate::geom::{IndexedPolygon, Rect};

/// Whether a label box `r` fits: inside the frame (less 5 px), over no box already placed, and
/// (grown by `pad` px) crossing none of `lines`.
pub(crate) fn is_free(
    frame: Rect,
    boxes: &[Rect],
    lines: &[LineString<f64>],
    r: &Rect,
    pad: f64,
) -> bool {
    if !frame.inflate(-5.0).contains(r) {
        return false;
    }
    if boxes.iter().any(|b| b.intersects(r)) {
        return false;
    }
    let g = r.inflate(pad).geo();
    !lines.iter().any(|l| g.intersects(l))
}

impl Layout<'_> {
    /// How much of what matters lies in `r`: border length, markers, focus land.
    pub(crate) fn ink(&self, r: &Rect) -> f64 {
        let mut ink = 0.0;
        for w in self.border_px.iter().flat_map(|p| p.windows(2)) {
            if let [a, b] = w {
                let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
                if mid.0 >= r.x && mid.0 <= r.right() && mid.1 >= r.y && mid.1 <= r.bottom() {
                    ink += 3.0 * ((b.0 - a.0).hypot(b.1 - a.1));
                }
            }
        }
        for Marker { at: p, .. } in &self.markers {
            if p.0 >= r.x - 30.0
                && p.0 <= r.right() + 30.0
                && p.1 >= r.y - 10.0
                && p.1 <= r.bottom() + 10.0
            {
                ink += 40.0;
            }
        }
        let focus: Vec<IndexedPolygon<'_>> = self
            .countries_px
            .iter()
            .filter(|a| a.focus)
            .flat_map(|a| a.shape.0.iter().map(IndexedPolygon::new))
            .collect();
        let mut n = 0.0;
        let mut inside = 0.0;
        let mut y = r.y + 5.0;
        while y < r.bottom() {
            let mut x = r.x + 5.0;
            while x < r.right() {
                n += 1.0;
                if focus.iter().any(|p| p.contains(&Point::new(x, y))) {
                    inside += 1.0;
                }
                x += 10.0;
            }
            y += 10.0;
        }
        if n > 0.0 {
            ink += 300.0 * inside / n;
        }
        ink
    }

    /// The corner for a `w` × `h` px box among the `allowed` ones (see
    /// [`super::arrange::clear_corners`]): the one whose `ink` plus `penalty` is least, among
    /// those over no box placed so far (if none is, among all allowed).
    pub(crate) fn pick_corner(&self, w: f64, h: f64, penalty: [f64; 4], allowed: Corners) -> Rect {
        let rects = corner_rects(self.frame, w, h);
        // Right-to-left pages mirror the preferences: the corner a left-to-right page prefers
        // on the left is preferred on the right (corners: top left, top right, bottom right,
        // bottom left), ties going to the mirrored corner first.
        let rtl = self.inp.locale.rtl();
        let mirror = |i: usize| match i {
            0 => 1,
            1 => 0,
            2 => 3,
            3 => 2,
            x => x,
        };
        // Corners over no box first; only if there are none, those over one.
        for over_boxes in [false, true] {
            let mut best: Option<(f64, Rect)> = None;
            for k in 0..4 {
                let i = if rtl { mirror(k) } else { k };
                let Some(r) = rects.get(i) else { continue };
                if !allowed.get(i).copied().unwrap_or(false)
                    || self.boxes.iter().any(|b| b.intersects(r)) != over_boxes
                {
                    continue;
                }
                // The preference of the corner this one mirrors.
                let pref = if rtl { mirror(i) } else { i };
                let score = self.ink(r) + penalty.get(pref).copied().unwrap_or(0.0);
                if best.as_ref().is_none_or(|(b, _)| score < *b) {
                    best = Some((score, *r));
                }
            }
            if let Some((_, r)) = best {
                return r;
            }
        }
        rects[1]
    }

    /// Whether a box is free: inside the frame, off other boxes, `pad` px off the border line.
    pub(crate) fn free(&self, r: &Rect, pad: f64) -> bool {
        is_free(self.frame, &self.boxes, &self.lines, r, pad)
    }
}
