//! The map frame's fit: scale and centre of the main map, and which context areas the
//! border divides.

use geo::{BoundingRect, Coord, Distance, Euclidean, LineString, MultiPolygon, Point};

use super::{Extent, LayoutInput, PageTransform};
use crate::error::Result;
use crate::geom::{Rect, clamp_or_mid, union_rect};

/// Chooses the map scale and centre: the border large in the frame, with its surroundings,
/// but no further out than the context reaches.
pub(crate) fn fit(
    inp: &LayoutInput<'_>,
    frame: Rect,
    planar: &crate::draw::PlanarContext,
) -> Result<PageTransform> {
    let p = inp.projection;
    if let Some(xf) = super::view::fixed_transform(&inp.framing, p, frame)? {
        return Ok(xf);
    }
    if inp.framing.extent == Extent::Context
        && let Some([x0, x1, y0, y1]) = planar.bbox
    {
        // The whole context (and the border) in the frame, 2 % to spare.
        let (mut x0, mut x1, mut y0, mut y1) = (x0, x1, y0, y1);
        for c in inp.model.border.coords() {
            let (x, y) = p.forward(c.x, c.y)?;
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        let mpp = ((x1 - x0) / frame.w).max((y1 - y0) / frame.h).max(1e-9) * 1.02;
        return Ok(PageTransform {
            mpp,
            cx: (x0 + x1) / 2.0,
            cy: (y0 + y1) / 2.0,
            fx: frame.x + frame.w / 2.0,
            fy: frame.y + frame.h / 2.0,
        });
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for c in inp.model.border.coords() {
        let (x, y) = p.forward(c.x, c.y)?;
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let bw = (x1 - x0).max(1e-9);
    let bh = (y1 - y0).max(1e-9);
    let (fw, fh) = (frame.w, frame.h);
    let preferred = (bw / (fw * 0.55)).max(bh / (fh * 0.80));
    let min_fit = (bw / (fw * 0.92)).max(bh / (fh * 0.90));
    let mut mpp = preferred;
    let mut cx = (x0 + x1) / 2.0;
    let mut cy = (y0 + y1) / 2.0;
    // Coverage of the context: the rectangle inside its lon/lat bounding box.
    let bb = inp
        .model
        .context
        .countries
        .iter()
        .filter_map(|c| c.shape.bounding_rect())
        .reduce(union_rect);
    if let Some(bb) = bb {
        let n = 40;
        let (mut cx0, mut cx1, mut cy0, mut cy1) = (f64::MIN, f64::MAX, f64::MIN, f64::MAX);
        for i in 0..=n {
            let t = f64::from(i) / f64::from(n);
            let lat = bb.min().y + (bb.max().y - bb.min().y) * t;
            let lon = bb.min().x + (bb.max().x - bb.min().x) * t;
            cx0 = cx0.max(p.forward(bb.min().x, lat)?.0);
            cx1 = cx1.min(p.forward(bb.max().x, lat)?.0);
            cy0 = cy0.max(p.forward(lon, bb.min().y)?.1);
            cy1 = cy1.min(p.forward(lon, bb.max().y)?.1);
        }
        if cx1 > cx0 && cy1 > cy0 {
            let limit = ((cx1 - cx0) / fw).min((cy1 - cy0) / fh);
            if mpp > limit {
                mpp = limit.max(min_fit);
            }
            let hw = fw * mpp / 2.0;
            let hh = fh * mpp / 2.0;
            if cx1 - cx0 >= 2.0 * hw {
                cx = clamp_or_mid(cx, cx0 + hw, cx1 - hw);
            }
            if cy1 - cy0 >= 2.0 * hh {
                cy = clamp_or_mid(cy, cy0 + hh, cy1 - hh);
            }
        }
    }
    Ok(PageTransform {
        mpp,
        cx,
        cy,
        fx: frame.x + fw / 2.0,
        fy: frame.y + fh / 2.0,
    })
}

/// Whether a country is one of the two the border divides: most border vertices lie on its
/// outline (within ~2 km).
pub(crate) fn is_focus(shape: &MultiPolygon<f64>, line: &LineString<f64>) -> bool {
    let n = line.0.len().max(1);
    // A vertex within 0.02 of an outline lies inside the box of one of its segments grown by
    // 0.02: only those segments need the distance (the same answer as the distance to the
    // whole outline, without measuring the whole world).
    let grown = |b: &geo::Rect<f64>, c: &Coord<f64>| {
        c.x >= b.min().x - 0.03
            && c.x <= b.max().x + 0.03
            && c.y >= b.min().y - 0.03
            && c.y <= b.max().y + 0.03
    };
    let segments: Vec<(geo::Line<f64>, geo::Rect<f64>)> = shape
        .0
        .iter()
        .filter(|p| {
            p.exterior()
                .bounding_rect()
                .is_some_and(|b| line.0.iter().any(|c| grown(&b, c)))
        })
        .flat_map(|p| p.exterior().lines())
        .map(|l| (l, l.bounding_rect()))
        .collect();
    let near = line
        .0
        .iter()
        .filter(|c| {
            segments
                .iter()
                .any(|(l, b)| grown(b, c) && Euclidean.distance(&Point(**c), l) < 0.02)
        })
        .count();
    near * 2 > n
}
