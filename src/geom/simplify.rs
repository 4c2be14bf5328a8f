//! Ramer–Douglas–Peucker simplification for drawing (page px): the one implementation, point
//! for point geo's `Simplify`, used for context areas and rivers, the inset, and (run by run
//! between shared-border nodes) `--simplify`.

use geo::{Coord, LineString, Polygon};

/// The segment `s`–`e` for [`Segment::dist`], with its per-segment terms computed once.
struct Segment {
    s: Coord<f64>,
    e: Coord<f64>,
    dx: f64,
    dy: f64,
    d_squared: f64,
    len: f64,
}

impl Segment {
    fn new(s: Coord<f64>, e: Coord<f64>) -> Self {
        let dx = e.x - s.x;
        let dy = e.y - s.y;
        Segment {
            s,
            e,
            dx,
            dy,
            d_squared: dx * dx + dy * dy,
            len: dx.hypot(dy),
        }
    }

    /// Distance from `p` to the segment (same units as the points), computed with exactly
    /// the operations of geo's `line_segment_distance`, so that [`rdp`] picks the same points.
    fn dist(&self, p: Coord<f64>) -> f64 {
        let (s, e, dx, dy) = (self.s, self.e, self.dx, self.dy);
        if s == e {
            return (s.x - p.x).hypot(s.y - p.y);
        }
        let r = ((p.x - s.x) * dx + (p.y - s.y) * dy) / self.d_squared;
        if r <= 0.0 {
            return (s.x - p.x).hypot(s.y - p.y);
        }
        if r >= 1.0 {
            return (e.x - p.x).hypot(e.y - p.y);
        }
        let q = ((s.y - p.y) * dx - (s.x - p.x) * dy) / self.d_squared;
        q.abs() * self.len
    }
}

/// Ramer–Douglas–Peucker with tolerance `eps` (units of `pts`, page px on a map), point for
/// point the result of geo's `Simplify` (`min` = 2 for a `LineString`, 4 for a polygon ring:
/// a cull that would leave fewer points is not made), without its per-level allocations.
pub fn rdp(pts: &[Coord<f64>], eps: f64, min: usize) -> Vec<Coord<f64>> {
    pts.iter()
        .zip(rdp_keep(pts, eps, min))
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

/// Which vertices [`rdp`] keeps, index for index.
pub fn rdp_keep(pts: &[Coord<f64>], eps: f64, min: usize) -> Vec<bool> {
    if eps <= 0.0 || pts.len() <= 2 {
        return vec![true; pts.len()];
    }
    let mut keep = vec![false; pts.len()];
    let mut len = pts.len();
    // Ranges [a, b] inclusive, popped in the order geo recurses (left half first).
    let mut stack = vec![(0usize, pts.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let (Some(&first), Some(&last)) = (pts.get(a), pts.get(b)) else {
            continue;
        };
        if b - a < 2 {
            for k in keep.iter_mut().take(b + 1).skip(a) {
                *k = true;
            }
            continue;
        }
        let mut far = (a, 0.0_f64);
        let seg = Segment::new(first, last);
        for (i, &p) in pts.iter().enumerate().take(b).skip(a + 1) {
            let d = seg.dist(p);
            if d >= far.1 {
                far = (i, d);
            }
        }
        if far.1 > eps {
            stack.push((far.0, b));
            stack.push((a, far.0));
            continue;
        }
        let culled = b - a - 1;
        if len - culled < min {
            for k in keep.iter_mut().take(b + 1).skip(a) {
                *k = true;
            }
        } else {
            len -= culled;
            if let Some(k) = keep.get_mut(a) {
                *k = true;
            }
            if let Some(k) = keep.get_mut(b) {
                *k = true;
            }
        }
    }
    keep
}

/// A polygon through [`rdp`] ring by ring: the same as geo's `Polygon::simplify(eps)`.
pub fn rdp_polygon(p: &Polygon<f64>, eps: f64) -> Polygon<f64> {
    Polygon::new(
        LineString(rdp(&p.exterior().0, eps, 4)),
        p.interiors()
            .iter()
            .map(|r| LineString(rdp(&r.0, eps, 4)))
            .collect(),
    )
}
