//! The graticule: its extent and step, and its lines sampled adaptively (within
//! [`GRATICULE_TOL_PX`] of the projected curve), written only where they reach the frame.

use geo::BoundingRect;

use super::{Extent, Item, Layout, PageTransform, PathItem, Stroke, fmt_deg};
use crate::error::Result;
use crate::geom::{Pt, Rect, sample_adaptive, union_rect, visible_runs};
use crate::project::Projection;
use crate::style::Style;

pub(crate) fn grat_path(parts: Vec<Vec<Pt>>, s: &Style, name: String) -> Item {
    Item::Path(PathItem {
        parts,
        stroke: Some(Stroke::new(&s.graticule, 0.6)),
        class: "graticule-line".into(),
        data: vec![("deg".into(), name)],
        ..PathItem::default()
    })
}

/// The graticule's extent and step, degrees: meridians every `step` from `lon0` to `lon1`,
/// parallels from `lat0` to `lat1`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct GraticuleExtent {
    pub(crate) lon0: f64,
    pub(crate) lon1: f64,
    pub(crate) lat0: f64,
    pub(crate) lat1: f64,
    pub(crate) step: f64,
}

/// The graticule as drawn: its items, the extent it covers (degrees, as `graticule_extent`)
/// and, when sampled every 0.1°, its lines whole (page px, meridians then parallels) for the
/// labels.
pub(crate) struct GraticuleDrawing {
    items: Vec<Item>,
    extent: GraticuleExtent,
    lines: Option<Vec<Vec<Pt>>>,
}

/// Draws the graticule of `extent`: needs only the
/// projection and the page transform, so it can run beside the rest of the layout.
pub(crate) fn graticule_drawing(
    proj: &dyn Projection,
    xf: PageTransform,
    frame: Rect,
    extent: GraticuleExtent,
    s: &Style,
) -> Result<GraticuleDrawing> {
    let GraticuleExtent {
        lon0,
        lon1,
        lat0,
        lat1,
        step,
    } = extent;
    // Finest sampling 0.1° (0.5° on world maps, steps of 15° and more).
    let sample = if step >= 15.0 { 0.5 } else { 0.1 };
    // Written: the runs of each line that reach into the frame (the group is clipped to it
    // anyway); kept whole for the labels.
    let visible = frame.inflate(2.0);
    let mut items = Vec::new();
    let mut lines = Vec::new();
    // Meridians (lon from lon0 to lon1, each over lat0..lat1), then parallels.
    for (meridian, (v0, v1), (a, b), (pos, neg)) in [
        (true, (lon0, lon1), (lat0, lat1), ('E', 'W')),
        (false, (lat0, lat1), (lon0, lon1), ('N', 'S')),
    ] {
        let mut v = v0;
        while v <= v1 + 1e-9 {
            let pts = grat_curve(proj, xf, frame, meridian, v, a, b, sample)?;
            let parts = visible_runs(&pts, &visible);
            if !parts.is_empty() {
                items.push(grat_path(parts, s, fmt_deg(v, pos, neg)));
            }
            lines.push(pts);
            v += step;
        }
    }
    Ok(GraticuleDrawing {
        items,
        extent,
        lines: (sample == 0.1).then_some(lines),
    })
}

/// One graticule line in page px: a meridian (`fixed` = lon, degrees `a..=b` of latitude) or
/// a parallel (`fixed` = lat, `a..=b` of longitude). Sampled adaptively on the grid of `fine`
/// degrees ([`sample_adaptive`]): every 10th grid point, then midpoints wherever the projected
/// curve leaves the chord by more than 0.05 px, so straight lines cost a tenth of the grid and
/// curved ones only what their bend needs.
#[allow(
    clippy::too_many_arguments,
    reason = "the projection, page and frame, then which line and how fine: each plain"
)]
pub(crate) fn grat_curve(
    proj: &dyn Projection,
    xf: PageTransform,
    frame: Rect,
    meridian: bool,
    fixed: f64,
    a: f64,
    b: f64,
    fine: f64,
) -> Result<Vec<Pt>> {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = ((b - a) / fine + 1e-6).floor().max(0.0) as usize;
    let at = |i: usize| -> Pt {
        let v = a + fine * i as f64;
        if meridian { (fixed, v) } else { (v, fixed) }
    };
    let project = |mut pts: Vec<Pt>| -> Result<Vec<Pt>> {
        proj.forward_many(&mut pts)?;
        for p in &mut pts {
            *p = xf.apply(p.0, p.1);
        }
        Ok(pts)
    };
    // Only what can show needs the fine curve: the written runs reach into the frame and the
    // labels sit at its edges. A 1° chord bends away from the curve by well under a pixel at
    // map scales, so chords more than 50 px from the frame stay coarse.
    let near = frame.inflate(50.0);
    let wanted = |a: Pt, b: Pt| {
        a.0.max(b.0) >= near.x
            && a.0.min(b.0) <= near.right()
            && a.1.max(b.1) >= near.y
            && a.1.min(b.1) <= near.bottom()
    };
    sample_adaptive(n, at, project, GRATICULE_TOL_PX, wanted)
}

/// How far, px, a drawn graticule line may leave the true projected curve.
pub(crate) const GRATICULE_TOL_PX: f64 = 0.05;

impl Layout<'_> {
    /// Adds the graticule drawn by [`graticule_drawing`] (and keeps its 0.1° lines for the
    /// labels).
    pub(crate) fn set_graticule(&mut self, drawn: GraticuleDrawing) {
        if let Some(lines) = drawn.lines {
            self.grat_lines = lines;
            self.grat_extent = drawn.extent;
        }
        if let Some(g) = self.group_mut("graticule") {
            g.items = drawn.items;
        }
    }

    /// One graticule line in page px (see [`grat_curve`]).
    pub(crate) fn grat_curve(
        &self,
        meridian: bool,
        fixed: f64,
        a: f64,
        b: f64,
        fine: f64,
    ) -> Result<Vec<Pt>> {
        grat_curve(
            self.inp.projection,
            self.xf,
            self.frame,
            meridian,
            fixed,
            a,
            b,
            fine,
        )
    }

    /// The graticule's extent: the whole context (`--extent context`, steps of 2° to 30° by
    /// its size), else the border's box grown by twice its span and 2° (steps of 1°, 2°, 5°).
    pub(crate) fn graticule_extent(&self) -> GraticuleExtent {
        if self.inp.framing.pinned.is_none()
            && let Some(v) = self.inp.framing.view
        {
            return v.graticule_extent();
        }
        if self.inp.framing.extent == Extent::Context {
            let c = self.inp.model.context;
            let r = c
                .countries
                .iter()
                .filter_map(|a| a.shape.bounding_rect())
                .chain(c.lines.iter().filter_map(|l| l.line.bounding_rect()))
                .reduce(union_rect);
            if let Some(r) = r {
                let span = r.width().max(r.height());
                let step = if span < 15.0 {
                    2.0
                } else if span < 60.0 {
                    5.0
                } else if span < 150.0 {
                    15.0
                } else {
                    30.0
                };
                let f = |v: f64| (v / step).floor() * step;
                let g = |v: f64| (v / step).ceil() * step;
                return GraticuleExtent {
                    lon0: f(r.min().x.max(-180.0)),
                    lon1: g(r.max().x.min(180.0)),
                    lat0: f(r.min().y.max(-85.0)),
                    lat1: g(r.max().y.min(85.0)),
                    step,
                };
            }
        }
        let r = self.inp.model.border.bounding_rect();
        let (a, b, c, d) = r.map_or((0.0, 1.0, 0.0, 1.0), |r| {
            (r.min().x, r.max().x, r.min().y, r.max().y)
        });
        let span = (b - a).max(d - c);
        let step = if span < 6.0 {
            1.0
        } else if span < 15.0 {
            2.0
        } else {
            5.0
        };
        let pad = span * 2.0 + 2.0;
        let f = |v: f64| (v / step).floor() * step;
        let g = |v: f64| (v / step).ceil() * step;
        GraticuleExtent {
            lon0: f((a - pad).max(-180.0)),
            lon1: g((b + pad).min(180.0)),
            lat0: f((c - pad).max(-85.0)),
            lat1: g((d + pad).min(85.0)),
            step,
        }
    }
}
