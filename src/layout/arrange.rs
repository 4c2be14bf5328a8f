//! Where the furniture goes, and the main map's final frame and scale.
//!
//! A few arrangements are tried, in this order: the legend as a table in a corner of the map,
//! stacked (figures under each name) in a corner, beside the map (wide pages), below the map in
//! columns, and below the map with the scale bar beside it. Each is fitted by [`fit_clear`]:
//! from the preferred fit, the map zooms out and moves until the whole border lies inside the
//! frame and clear of every piece of furniture in a corner. The default arrangement wins when
//! it needs no zooming out; otherwise the one that draws the border largest (first in the order
//! above among equals).

use super::legend::{LegendForm, LegendPlan};
use super::scale_bar::{ScaleAt, scale_max_px};
use super::{
    GraticuleExtent, Layout, MIN_FRAME_PX, MIN_TEXT_PX, PageTransform, SCALE_VARIES_RATIO, fit,
    legend,
};
use crate::error::{Grow, Result};
use crate::geom::{Pt, Rect, clamp_or_mid};

/// Space between the frame's edge and furniture in a corner, px.
pub(crate) const CORNER_INSET: f64 = 10.0;
/// How far the border keeps from the frame's edge and from furniture in the frame, px (half
/// the wall's casing and a little more).
pub(crate) const BORDER_CLEARANCE: f64 = 8.0;
/// Each zoom-out step of the search multiplies the metres per px by this.
const ZOOM_STEP: f64 = 1.08;
/// The search zooms out at most this much from the preferred fit.
const MAX_ZOOM_OUT: f64 = 4.0;
/// Centre positions tried per axis at each zoom (besides the preferred one).
const SHIFT_STEPS: usize = 16;
/// Gap between the map frame and a legend or scale bar below or beside it, px.
pub(crate) const STRIP_GAP: f64 = 10.0;
/// Furniture in corners keeps this far apart, px.
pub(crate) const FURNITURE_GAP: f64 = 6.0;

/// One of the frame's corners, in the order of [`corner_rects`].
pub(crate) type Corners = [bool; 4];

/// The rectangles of size `w` × `h` px in the corners of `frame` (less [`CORNER_INSET`]):
/// top left, top right, bottom right, bottom left.
pub(crate) fn corner_rects(frame: Rect, w: f64, h: f64) -> [Rect; 4] {
    let f = frame.inflate(-CORNER_INSET);
    [
        Rect {
            x: f.x,
            y: f.y,
            w,
            h,
        },
        Rect {
            x: f.right() - w,
            y: f.y,
            w,
            h,
        },
        Rect {
            x: f.right() - w,
            y: f.bottom() - h,
            w,
            h,
        },
        Rect {
            x: f.x,
            y: f.bottom() - h,
            w,
            h,
        },
    ]
}

/// Whether the polyline `pts` (px) passes through `r`.
pub(crate) fn line_touches(pts: &[Pt], r: &Rect) -> bool {
    use geo::Intersects;
    let g = r.geo();
    pts.windows(2).any(|w| match w {
        [a, b] => {
            a.0.max(b.0) >= r.x
                && a.0.min(b.0) <= r.right()
                && a.1.max(b.1) >= r.y
                && a.1.min(b.1) <= r.bottom()
                && g.intersects(&geo::Line::new(
                    geo::Coord { x: a.0, y: a.1 },
                    geo::Coord { x: b.0, y: b.1 },
                ))
        }
        _ => false,
    })
}

/// The corners where a box of each size may go with the border (px) clear of it: for each
/// size, the corners it takes in some assignment that gives every size a corner of its own
/// (boxes apart by [`FURNITURE_GAP`]). `None` when there is no such assignment.
pub(crate) fn clear_corners(
    frame: Rect,
    border: &[Pt],
    sizes: &[(f64, f64)],
) -> Option<Vec<Corners>> {
    let rects: Vec<[Rect; 4]> = sizes
        .iter()
        .map(|&(w, h)| corner_rects(frame, w, h))
        .collect();
    let clear: Vec<Corners> = rects
        .iter()
        .map(|rs| {
            let mut c = [false; 4];
            for (k, r) in rs.iter().enumerate() {
                let fits =
                    r.w <= frame.w - 2.0 * CORNER_INSET && r.h <= frame.h - 2.0 * CORNER_INSET;
                if let Some(slot) = c.get_mut(k) {
                    *slot = fits && !line_touches(border, &r.inflate(BORDER_CLEARANCE));
                }
            }
            c
        })
        .collect();
    let mut used = vec![[false; 4]; sizes.len()];
    let mut chosen: Vec<usize> = Vec::new();
    let mut any = false;
    assign(&rects, &clear, &mut chosen, &mut used, &mut any);
    any.then_some(used)
}

/// Every assignment of corners to the sizes `chosen.len()..`, given the first ones; marks the
/// corners each size takes in a complete one.
fn assign(
    rects: &[[Rect; 4]],
    clear: &[Corners],
    chosen: &mut Vec<usize>,
    used: &mut [Corners],
    any: &mut bool,
) {
    let k = chosen.len();
    let Some(ok) = clear.get(k) else {
        *any = true;
        for (i, &c) in chosen.iter().enumerate() {
            if let Some(slot) = used.get_mut(i).and_then(|u| u.get_mut(c)) {
                *slot = true;
            }
        }
        return;
    };
    for c in 0..4 {
        if !ok.get(c).copied().unwrap_or(false) || chosen.contains(&c) {
            continue;
        }
        let Some(r) = rects.get(k).and_then(|rs| rs.get(c)) else {
            continue;
        };
        let apart = chosen.iter().enumerate().all(|(i, &d)| {
            rects.get(i).and_then(|rs| rs.get(d)).is_none_or(|o| {
                !o.inflate(FURNITURE_GAP / 2.0)
                    .intersects(&r.inflate(FURNITURE_GAP / 2.0))
            })
        });
        if apart {
            chosen.push(c);
            assign(rects, clear, chosen, used, any);
            chosen.pop();
        }
    }
}

/// A fit that keeps the border clear of the furniture.
#[derive(Debug, Clone)]
pub(crate) struct ClearFit {
    /// Projected → page.
    pub(crate) xf: PageTransform,
    /// For each size asked for, the corners it may take.
    pub(crate) corners: Vec<Corners>,
}

/// The largest scale, from `start`'s down to [`MAX_ZOOM_OUT`] times smaller, and the centre
/// nearest `start`'s at that scale, at which the whole border (`planar`, projected units) lies
/// inside `frame` (less [`BORDER_CLEARANCE`]) and every box of `sizes` (px) has a corner of its
/// own clear of the border. `None` when there is none. `fixed` (a view or a shared frame):
/// `start` as it is, the border free to leave the frame; `None` when the boxes find no corners.
pub(crate) fn fit_clear(
    planar: &[(f64, f64)],
    frame: Rect,
    start: PageTransform,
    sizes: &[(f64, f64)],
    fixed: bool,
) -> Option<ClearFit> {
    if fixed {
        let px: Vec<Pt> = planar.iter().map(|&(x, y)| start.apply(x, y)).collect();
        let corners = if sizes.is_empty() {
            Vec::new()
        } else {
            clear_corners(frame, &px, sizes)?
        };
        return Some(ClearFit { xf: start, corners });
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in planar {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    if planar.is_empty() || !(x1 >= x0 && y1 >= y0) {
        return None;
    }
    let inner = frame.inflate(-BORDER_CLEARANCE);
    if inner.w <= 0.0 || inner.h <= 0.0 {
        return None;
    }
    let (fx, fy) = (frame.x + frame.w / 2.0, frame.y + frame.h / 2.0);
    // The smallest metres per px at which the border's box fits inside.
    let needed = ((x1 - x0) / inner.w).max((y1 - y0) / inner.h);
    let mut mpp = start.mpp.max(needed * 1.000_001);
    let last = start.mpp.max(needed) * MAX_ZOOM_OUT;
    while mpp <= last {
        // The centres that keep the border's box inside: px = fx + (x - cx) / mpp.
        let (lo_x, hi_x) = (x1 - (inner.right() - fx) * mpp, x0 - (inner.x - fx) * mpp);
        let (lo_y, hi_y) = (y1 - (fy - inner.y) * mpp, y0 + (inner.bottom() - fy) * mpp);
        if lo_x <= hi_x && lo_y <= hi_y {
            let pcx = clamp_or_mid(start.cx, lo_x, hi_x);
            let pcy = clamp_or_mid(start.cy, lo_y, hi_y);
            let axis = |lo: f64, hi: f64, p: f64| -> Vec<f64> {
                let mut v = vec![p];
                for i in 0..=SHIFT_STEPS {
                    v.push(lo + (hi - lo) * i as f64 / SHIFT_STEPS as f64);
                }
                v
            };
            let mut cands: Vec<(f64, usize, f64, f64)> = Vec::new();
            for cx in axis(lo_x, hi_x, pcx) {
                for cy in axis(lo_y, hi_y, pcy) {
                    let d = ((cx - pcx) / mpp).hypot((cy - pcy) / mpp);
                    cands.push((d, cands.len(), cx, cy));
                }
            }
            cands.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for (_, _, cx, cy) in cands {
                let xf = PageTransform {
                    mpp,
                    cx,
                    cy,
                    fx,
                    fy,
                };
                if sizes.is_empty() {
                    return Some(ClearFit {
                        xf,
                        corners: Vec::new(),
                    });
                }
                let px: Vec<Pt> = planar.iter().map(|&(x, y)| xf.apply(x, y)).collect();
                if let Some(corners) = clear_corners(frame, &px, sizes) {
                    return Some(ClearFit { xf, corners });
                }
            }
        }
        mpp *= ZOOM_STEP;
    }
    None
}

/// Where the legend goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum LegendAt {
    /// In one of these corners of the frame.
    Corner(Corners),
    /// At this top-left point, beside or below the frame.
    At(Pt),
}

/// The arrangement chosen: the legend as measured, where it and the scale panel go.
#[derive(Debug, Clone)]
pub(crate) struct Arrangement {
    legend: LegendPlan,
    legend_at: LegendAt,
    scale_at: ScaleAt,
    /// The scale panel's size as reserved, px.
    scale_box: (f64, f64),
    /// The longest scale bar, px.
    scale_max_px: f64,
}

/// A candidate arrangement with its fit.
/// The page height (px) that holds the legend `below` (and the scale panel `scale`, w × h px)
/// under a frame of [`MIN_FRAME_PX`], the page now `height` px with the frame `frame0`.
fn need_height(
    below: Option<&LegendPlan>,
    scale: Option<(f64, f64)>,
    height: f64,
    frame0: Rect,
) -> Option<f64> {
    below.map(|p| {
        let strip = p.h + STRIP_GAP + scale.map_or(0.0, |(_, sh)| sh + STRIP_GAP);
        (height + strip + MIN_FRAME_PX - frame0.h).ceil()
    })
}

struct Candidate {
    frame: Rect,
    xf: PageTransform,
    arrangement: Arrangement,
}

impl Layout<'_> {
    /// Chooses the arrangement, the frame and the page transform (see the module docs).
    pub(crate) fn arrange(&mut self) -> Result<()> {
        let frame0 = self.frame;
        let start0 = self.xf;
        let fixed = self.inp.framing.fixed();
        let planar = self.border_planar(start0.mpp)?;
        self.scale_varies = self.scale_variation(frame0, start0) > SCALE_VARIES_RATIO;
        let rows = self.legend_rows();
        let ls = self.page.legend_size;
        let nm = legend::name_max(ls, self.s.label_size);
        let table = self.legend_plan(&rows, LegendForm::Table, ls, nm, false);
        // The bar as long as it is drawn at the preferred fit; zoomed out, a shorter step.
        let scale_max_px = self.scale_choice(start0, scale_max_px(frame0.w))?.1;
        let scale_box = self.scale_box_max(scale_max_px);
        let scale = (!self.scale_varies).then_some(scale_box);
        // The scale panel in the corners `fit_clear` allowed for size `i` (none: no panel).
        let scale_in_corner = |corners: &[Corners], i: usize| match scale {
            Some(_) => corners
                .get(i)
                .map_or(ScaleAt::None, |c| ScaleAt::Corner(*c)),
            None => ScaleAt::None,
        };
        let arrangement =
            |legend: &LegendPlan, legend_at: LegendAt, scale_at: ScaleAt| Arrangement {
                legend: legend.clone(),
                legend_at,
                scale_at,
                scale_box,
                scale_max_px,
            };
        let mut cands: Vec<Candidate> = Vec::new();
        // 1: the legend as a table in a corner; taken as it is when it needs no zooming out.
        let mut sizes = vec![(table.w, table.h)];
        sizes.extend(scale);
        if let Some(f) = fit_clear(&planar, frame0, start0, &sizes, fixed) {
            let legend_at = LegendAt::Corner(f.corners.first().copied().unwrap_or([true; 4]));
            let a = arrangement(&table, legend_at, scale_in_corner(&f.corners, 1));
            if f.xf.mpp <= start0.mpp * (1.0 + 1e-9) {
                self.set_arrangement(frame0, f.xf, a);
                return Ok(());
            }
            cands.push(Candidate {
                frame: frame0,
                xf: f.xf,
                arrangement: a,
            });
        }
        // 2: stacked in a corner.
        let stacked = self.legend_plan(&rows, LegendForm::Stacked, ls, nm * 0.7, false);
        let mut sizes = vec![(stacked.w, stacked.h)];
        sizes.extend(scale);
        if let Some(f) = fit_clear(&planar, frame0, start0, &sizes, fixed) {
            let legend_at = LegendAt::Corner(f.corners.first().copied().unwrap_or([true; 4]));
            cands.push(Candidate {
                frame: frame0,
                xf: f.xf,
                arrangement: arrangement(&stacked, legend_at, scale_in_corner(&f.corners, 1)),
            });
        }
        // 2b: the legend in a corner, the scale panel below the map (right-aligned).
        if let Some((sw, sh)) = scale {
            cands.extend(self.scale_below(&planar, (sw, sh), [&table, &stacked], &arrangement)?);
        }
        // 3: beside the map, on the right (wide pages); in a column per layer if need be.
        let per_layer = [
            self.legend_plan(&rows, LegendForm::Table, ls, nm, true),
            self.legend_plan(&rows, LegendForm::Stacked, ls, nm * 0.7, true),
        ];
        for plan in [&table, &stacked, &per_layer[0], &per_layer[1]] {
            let frame = Rect {
                w: frame0.w - plan.w - STRIP_GAP,
                ..frame0
            };
            if frame.w < frame0.w * 0.45 || plan.h > frame0.h {
                continue;
            }
            let start = fit(self.inp, frame, &self.planar)?;
            let sizes: Vec<(f64, f64)> = scale.into_iter().collect();
            if let Some(f) = fit_clear(&planar, frame, start, &sizes, fixed) {
                let at = LegendAt::At((frame.right() + STRIP_GAP, frame0.y));
                let scale_at = scale_in_corner(&f.corners, 0);
                cands.push(Candidate {
                    frame,
                    xf: f.xf,
                    arrangement: arrangement(plan, at, scale_at),
                });
                break;
            }
        }
        // 4, 5: below the map, in a column per layer if they fit side by side; the scale panel
        // in a corner, or beside (else under) the legend.
        let [pl_table, pl_stacked] = per_layer;
        let below = [pl_table, pl_stacked, table.clone(), stacked.clone()]
            .into_iter()
            .find(|p| p.w <= frame0.w);
        // Should no arrangement fit: the height at which the legend (and scale panel) below a
        // frame of the least height would (the footer as it is now).
        let need_h = need_height(below.as_ref(), scale, self.inp.height, frame0);
        if let Some(plan) = below {
            let frame = Rect {
                h: frame0.h - plan.h - STRIP_GAP,
                ..frame0
            };
            if frame.h >= MIN_FRAME_PX {
                let start = fit(self.inp, frame, &self.planar)?;
                let sizes: Vec<(f64, f64)> = scale.into_iter().collect();
                if let Some(f) = fit_clear(&planar, frame, start, &sizes, fixed) {
                    let at = LegendAt::At((frame0.x, frame.bottom() + STRIP_GAP));
                    let scale_at = scale_in_corner(&f.corners, 0);
                    cands.push(Candidate {
                        frame,
                        xf: f.xf,
                        arrangement: arrangement(&plan, at, scale_at),
                    });
                }
            }
            if let Some((sw, sh)) = scale {
                let side = plan.w + STRIP_GAP + sw <= frame0.w;
                let strip_h = if side {
                    plan.h.max(sh)
                } else {
                    plan.h + STRIP_GAP + sh
                };
                let frame = Rect {
                    h: frame0.h - strip_h - STRIP_GAP,
                    ..frame0
                };
                if frame.h >= MIN_FRAME_PX {
                    let start = fit(self.inp, frame, &self.planar)?;
                    if let Some(f) = fit_clear(&planar, frame, start, &[], fixed) {
                        let y = frame.bottom() + STRIP_GAP;
                        let at = LegendAt::At((frame0.x, y));
                        let scale_at = if side {
                            ScaleAt::At((frame0.right() - sw, y))
                        } else {
                            ScaleAt::At((frame0.x, y + plan.h + STRIP_GAP))
                        };
                        cands.push(Candidate {
                            frame,
                            xf: f.xf,
                            arrangement: arrangement(&plan, at, scale_at),
                        });
                    }
                }
            }
        }
        let best = self.largest(cands, need_h)?;
        self.set_arrangement(best.frame, best.xf, best.arrangement);
        Ok(())
    }

    /// The border in projected units, each part simplified to half a pixel at `mpp` (metres
    /// per px) on its own; the parts run on one after the other (the step between two parts
    /// is tested for clearance too, which only errs on the safe side).
    fn border_planar(&self, mpp: f64) -> Result<Vec<(f64, f64)>> {
        let mut planar: Vec<(f64, f64)> = Vec::new();
        for line in self.inp.model.border.parts() {
            let mut part = Vec::with_capacity(line.0.len());
            for c in &line.0 {
                part.push(self.inp.projection.forward(c.x, c.y)?);
            }
            // Half a pixel at the preferred scale is fine enough for clearances of 8 px.
            let coords: Vec<geo::Coord<f64>> =
                part.iter().map(|&(x, y)| geo::Coord { x, y }).collect();
            planar.extend(
                crate::draw::rdp(&coords, mpp * 0.5, 2)
                    .iter()
                    .map(|c| (c.x, c.y)),
            );
        }
        Ok(planar)
    }

    /// The arrangement with the legend (the first of `plans` that fits) in a corner and the
    /// scale panel (`scale`: w, h px) below the map, right-aligned, if the frame keeps
    /// [`MIN_FRAME_PX`].
    fn scale_below(
        &self,
        planar: &[(f64, f64)],
        (sw, sh): (f64, f64),
        plans: [&LegendPlan; 2],
        arrangement: &dyn Fn(&LegendPlan, LegendAt, ScaleAt) -> Arrangement,
    ) -> Result<Option<Candidate>> {
        let frame0 = self.frame;
        let fixed = self.inp.framing.fixed();
        let frame = Rect {
            h: frame0.h - sh - STRIP_GAP,
            ..frame0
        };
        if frame.h < MIN_FRAME_PX {
            return Ok(None);
        }
        let start = fit(self.inp, frame, &self.planar)?;
        for plan in plans {
            if let Some(f) = fit_clear(planar, frame, start, &[(plan.w, plan.h)], fixed) {
                let legend_at = LegendAt::Corner(f.corners.first().copied().unwrap_or([true; 4]));
                let scale_at = ScaleAt::At((frame0.right() - sw, frame.bottom() + STRIP_GAP));
                return Ok(Some(Candidate {
                    frame,
                    xf: f.xf,
                    arrangement: arrangement(plan, legend_at, scale_at),
                }));
            }
        }
        Ok(None)
    }

    /// The candidate with the largest map (the first among equals), or the page-too-small
    /// error (with the height `need_h`, px, that would hold the legend below the map).
    fn largest(&self, cands: Vec<Candidate>, need_h: Option<f64>) -> Result<Candidate> {
        // The largest map; the first among equals.
        let mut best: Option<Candidate> = None;
        for c in cands {
            if best
                .as_ref()
                .is_none_or(|b| c.xf.mpp < b.xf.mpp * (1.0 - 1e-6))
            {
                best = Some(c);
            }
        }
        let Some(best) = best else {
            let (w, h) = (self.inp.width, self.inp.height);
            let (hint, grow, min_height) = match need_h {
                Some(n) if n > h => (
                    format!("make the page taller: {n} px holds it at this width"),
                    Grow::Height,
                    Some(n),
                ),
                _ => (
                    "make the page wider and taller, or use a larger preset size".to_string(),
                    Grow::Both,
                    None,
                ),
            };
            return Err(super::page_too_small(
                format!(
                    "the page ({w} × {h} px) is too small for this map and its legend at {MIN_TEXT_PX} px type"
                ),
                hint,
                w,
                h,
                grow,
                min_height,
            ));
        };
        Ok(best)
    }

    fn set_arrangement(&mut self, frame: Rect, xf: PageTransform, a: Arrangement) {
        self.frame = frame;
        self.xf = xf;
        self.arrangement = Some(a);
    }

    /// The legend, the scale panel (with the north arrow) and the inset, where the
    /// arrangement puts them.
    pub(crate) fn furniture(&mut self) -> Result<()> {
        let Some(a) = self.arrangement.take() else {
            return Ok(());
        };
        let (lw, lh) = (a.legend.w, a.legend.h);
        let r = match a.legend_at {
            LegendAt::Corner(allowed) => self.pick_corner(lw, lh, [0.0, 0.0, 0.0, 60.0], allowed),
            LegendAt::At(p) => Rect {
                x: p.0,
                y: p.1,
                w: lw,
                h: lh,
            },
        };
        self.legend_draw(&a.legend, r);
        let scale_at = match a.scale_at {
            ScaleAt::Corner(mut allowed) => {
                let (w, h) = a.scale_box;
                for (slot, c) in allowed.iter_mut().zip(corner_rects(self.frame, w, h)) {
                    if c.inflate(FURNITURE_GAP / 2.0)
                        .intersects(&r.inflate(FURNITURE_GAP / 2.0))
                    {
                        *slot = false;
                    }
                }
                ScaleAt::Corner(allowed)
            }
            other => other,
        };
        // The inset (optional) before the scale panel, in a corner that leaves the panel one.
        let reserve = match scale_at {
            ScaleAt::Corner(allowed) => Some((allowed, a.scale_box)),
            _ => None,
        };
        self.inset(reserve)?;
        let scale_at = match scale_at {
            ScaleAt::Corner(mut allowed) => {
                let (w, h) = a.scale_box;
                let inset = self.inset_rect;
                for (slot, c) in allowed.iter_mut().zip(corner_rects(self.frame, w, h)) {
                    if inset.w > 0.0
                        && c.inflate(FURNITURE_GAP / 2.0)
                            .intersects(&inset.inflate(FURNITURE_GAP / 2.0))
                    {
                        *slot = false;
                    }
                }
                ScaleAt::Corner(allowed)
            }
            other => other,
        };
        self.scale_and_north(scale_at, a.scale_max_px)?;
        Ok(())
    }

    /// How much the map's scale varies over `frame` with page transform `xf`: the largest
    /// over the smallest px per metre, east and north, at points of a 7 × 7 grid over the
    /// graticule's extent that fall in the frame (1 when fewer than two do).
    pub(crate) fn scale_variation(&self, frame: Rect, xf: PageTransform) -> f64 {
        let GraticuleExtent {
            lon0,
            lon1,
            lat0,
            lat1,
            ..
        } = self.graticule_extent();
        let p = self.inp.projection;
        let d = 10_000.0;
        let px = |c: geo::Coord<f64>| p.forward(c.x, c.y).ok().map(|(x, y)| xf.apply(x, y));
        let (mut lo, mut hi) = (f64::INFINITY, 0.0f64);
        let n = 6;
        for i in 0..=n {
            for j in 0..=n {
                let c = geo::Coord {
                    x: lon0 + (lon1 - lon0) * f64::from(i) / f64::from(n),
                    y: (lat0 + (lat1 - lat0) * f64::from(j) / f64::from(n)).clamp(-85.0, 85.0),
                };
                let Some(a) = px(c) else { continue };
                if !(a.0 >= frame.x
                    && a.0 <= frame.right()
                    && a.1 >= frame.y
                    && a.1 <= frame.bottom())
                {
                    continue;
                }
                for bearing in [0.0, 90.0] {
                    let Some(b) = px(crate::border::destination(c, bearing, d)) else {
                        continue;
                    };
                    let k = (b.0 - a.0).hypot(b.1 - a.1) / d;
                    if k.is_finite() && k > 0.0 {
                        lo = lo.min(k);
                        hi = hi.max(k);
                    }
                }
            }
        }
        if lo.is_finite() && hi > 0.0 {
            hi / lo
        } else {
            1.0
        }
    }
}
