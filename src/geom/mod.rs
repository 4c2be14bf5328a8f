//! Plane geometry for drawing (page px): rectangles, polylines walked by length, adaptive
//! sampling, chord distances, and point-in-polygon indexed for many queries.

use geo::{BoundingRect, Contains, Coord, LineString, Point};

use crate::error::Result;

pub mod simplify;

/// A point on the page, px (x right, y down).
pub type Pt = (f64, f64);

/// An axis-aligned rectangle on the page, px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge, px.
    pub x: f64,
    /// Top edge, px.
    pub y: f64,
    /// Width, px.
    pub w: f64,
    /// Height, px.
    pub h: f64,
}

impl Rect {
    /// The empty rectangle at the origin (e.g. furniture left out).
    pub const EMPTY: Rect = Rect {
        x: 0.0,
        y: 0.0,
        w: 0.0,
        h: 0.0,
    };

    /// Right edge, px.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    /// Bottom edge, px.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// Whether the two rectangles overlap (touching edges do not count).
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    /// Whether `o` lies entirely inside.
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x && o.y >= self.y && o.right() <= self.right() && o.bottom() <= self.bottom()
    }
    /// The rectangle grown by `d` px on every side (shrunk for negative `d`).
    pub fn inflate(&self, d: f64) -> Rect {
        Rect {
            x: self.x - d,
            y: self.y - d,
            w: (self.w + 2.0 * d).max(0.0),
            h: (self.h + 2.0 * d).max(0.0),
        }
    }
    pub(crate) fn geo(&self) -> geo::Rect<f64> {
        geo::Rect::new(
            Coord {
                x: self.x,
                y: self.y,
            },
            Coord {
                x: self.right(),
                y: self.bottom(),
            },
        )
    }
    pub(crate) fn nearest(&self, p: Pt) -> Pt {
        (
            clamp_or_mid(p.0, self.x, self.right()),
            clamp_or_mid(p.1, self.y, self.bottom()),
        )
    }
}

pub(crate) fn to_ls(p: &[Pt]) -> LineString<f64> {
    p.iter()
        .map(|&(x, y)| Coord { x, y })
        .collect::<Vec<_>>()
        .into()
}

/// A curve sampled adaptively on the grid points `0..=n` (`at(i)`: the point to project):
/// every 10th grid point and the last, projected with `project` (one batch per round), then
/// the midpoint of every interval whose projected midpoint lies more than `tol` px off its
/// chord, until none does or the grid is exhausted. Coarse intervals whose chord `wanted`
/// rejects (e.g. far outside the frame) are not refined. Returns the projected points kept, in
/// grid order.
pub(crate) fn sample_adaptive(
    n: usize,
    at: impl Fn(usize) -> Pt,
    mut project: impl FnMut(Vec<Pt>) -> Result<Vec<Pt>>,
    tol: f64,
    wanted: impl Fn(Pt, Pt) -> bool,
) -> Result<Vec<Pt>> {
    let mut idx: Vec<usize> = (0..=n).step_by(10).collect();
    if idx.last() != Some(&n) {
        idx.push(n);
    }
    let pts = project(idx.iter().map(|&i| at(i)).collect())?;
    let mut curve: std::collections::BTreeMap<usize, Pt> = idx.iter().copied().zip(pts).collect();
    let mut pending: Vec<(usize, usize)> = idx
        .windows(2)
        .filter_map(|w| match w {
            [i, j] if j - i > 1 => Some((*i, *j)),
            _ => None,
        })
        .filter(|(i, j)| match (curve.get(i), curve.get(j)) {
            (Some(&a), Some(&b)) => wanted(a, b),
            _ => true,
        })
        .collect();
    while !pending.is_empty() {
        let mids: Vec<usize> = pending.iter().map(|(i, j)| (i + j) / 2).collect();
        let mpts = project(mids.iter().map(|&m| at(m)).collect())?;
        let mut next = Vec::new();
        for ((&(i, j), &m), p) in pending.iter().zip(&mids).zip(mpts) {
            let (Some(&pi), Some(&pj)) = (curve.get(&i), curve.get(&j)) else {
                continue;
            };
            if chord_offset(pi, pj, p) > tol {
                curve.insert(m, p);
                for (u, v) in [(i, m), (m, j)] {
                    if v - u > 1 {
                        next.push((u, v));
                    }
                }
            }
        }
        pending = next;
    }
    Ok(curve.into_values().collect())
}

/// Distance, px, of `p` from the line through `a` and `b` (from `a` when they coincide).
pub(crate) fn chord_offset(a: Pt, b: Pt, p: Pt) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = dx.hypot(dy);
    if len == 0.0 || !len.is_finite() {
        return (p.0 - a.0).hypot(p.1 - a.1);
    }
    ((p.0 - a.0) * dy - (p.1 - a.1) * dx).abs() / len
}

/// The runs of `p` whose segments reach into `r` (by their bounding boxes), each a part of
/// its own; segments wholly beside `r` are left out.
pub(crate) fn visible_runs(p: &[Pt], r: &Rect) -> Vec<Vec<Pt>> {
    let mut out: Vec<Vec<Pt>> = Vec::new();
    let mut cur: Vec<Pt> = Vec::new();
    for w in p.windows(2) {
        let [a, b] = w else { continue };
        let seen = a.0.max(b.0) >= r.x
            && a.0.min(b.0) <= r.right()
            && a.1.max(b.1) >= r.y
            && a.1.min(b.1) <= r.bottom();
        if seen {
            if cur.is_empty() {
                cur.push(*a);
            }
            cur.push(*b);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub(crate) fn poly_len(p: &[Pt]) -> f64 {
    p.windows(2)
        .map(|w| match w {
            [a, b] => (b.0 - a.0).hypot(b.1 - a.1),
            _ => 0.0,
        })
        .sum()
}

/// The point `t` px along `p`, and the unit normal there (left of the direction of travel,
/// smoothed over ±12 px).
pub(crate) fn point_normal(p: &[Pt], t: f64) -> (Pt, Pt) {
    Walk::new(p).point_normal(t)
}

/// A polyline (page px) with the length walked to each vertex, for points at a distance along
/// it without walking it from the start every time.
pub(crate) struct Walk<'a> {
    p: &'a [Pt],
    /// `cum[i]`: length from the start to vertex `i` (summed in order).
    cum: Vec<f64>,
}

impl<'a> Walk<'a> {
    pub(crate) fn new(p: &'a [Pt]) -> Self {
        let mut cum = Vec::with_capacity(p.len());
        let mut acc = 0.0;
        cum.push(acc);
        for w in p.windows(2) {
            if let [a, b] = w {
                acc += (b.0 - a.0).hypot(b.1 - a.1);
                cum.push(acc);
            }
        }
        Walk { p, cum }
    }

    /// Total length, px.
    pub(crate) fn total(&self) -> f64 {
        self.cum.last().copied().unwrap_or(0.0)
    }

    /// The point `t` px along (the last vertex beyond the end).
    pub(crate) fn at(&self, t: f64) -> Pt {
        // The first segment of non-zero length whose end is at least `t` along.
        let mut i = self
            .cum
            .get(1..)
            .map_or(0, |c| c.partition_point(|&e| e < t));
        while let (Some(a), Some(b), Some(c0), Some(c1)) = (
            self.p.get(i),
            self.p.get(i + 1),
            self.cum.get(i),
            self.cum.get(i + 1),
        ) {
            let l = (b.0 - a.0).hypot(b.1 - a.1);
            if c1 >= &t && l > 0.0 {
                let f = (t - c0) / l;
                return (a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f);
            }
            i += 1;
        }
        self.p.last().copied().unwrap_or((0.0, 0.0))
    }

    /// The point `t` px along and the unit normal there (left of the direction of travel,
    /// smoothed over ±12 px).
    pub(crate) fn point_normal(&self, t: f64) -> (Pt, Pt) {
        let total = self.total();
        let t = t.clamp(0.0, total);
        let a = self.at((t - 12.0).max(0.0));
        let b = self.at((t + 12.0).min(total));
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let l = dx.hypot(dy);
        let n = if l > 0.0 {
            (dy / l, -dx / l)
        } else {
            (1.0, 0.0)
        };
        (self.at(t), n)
    }
}

/// Points every `step` px along `p` (from `offset`), with the unit normal at each.
pub(crate) fn along(p: &[Pt], step: f64, offset: f64) -> Vec<(Pt, Pt)> {
    let mut out = Vec::new();
    let mut next = offset;
    let mut acc = 0.0;
    for w in p.windows(2) {
        if let [a, b] = w {
            let l = (b.0 - a.0).hypot(b.1 - a.1);
            if l <= 0.0 {
                continue;
            }
            let n = ((b.1 - a.1) / l, -(b.0 - a.0) / l);
            while next <= acc + l {
                let f = (next - acc) / l;
                out.push(((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f), n));
                next += step;
            }
            acc += l;
        }
    }
    out
}

/// Where the polyline first crosses the zero of `f`.
pub(crate) fn crossing(p: &[Pt], f: impl Fn(&Pt) -> f64) -> Option<Pt> {
    for w in p.windows(2) {
        if let [a, b] = w {
            let (fa, fb) = (f(a), f(b));
            if (fa <= 0.0 && fb > 0.0) || (fa >= 0.0 && fb < 0.0) {
                let t = fa / (fa - fb);
                return Some((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
            }
        }
    }
    None
}

/// `v.clamp(lo, hi)`, but never panics: when rounding makes `lo > hi` (or either is NaN),
/// the middle of the two (or `v`) is returned. `f64::clamp` panics in that case.
pub(crate) fn clamp_or_mid(v: f64, lo: f64, hi: f64) -> f64 {
    if lo <= hi {
        v.clamp(lo, hi)
    } else if lo.is_finite() && hi.is_finite() {
        (lo + hi) / 2.0
    } else {
        v
    }
}

/// Point-in-polygon for many queries against one polygon: the same answer as
/// `Polygon::contains(&Point)` (geo's winding number with its boundary rules and robust
/// orientation), visiting only the edges whose y-range can hold the point (edges are bucketed
/// by y; an edge that does not span the point's y never changes the winding number nor puts
/// the point on the boundary).
pub(crate) struct IndexedPolygon<'p> {
    poly: &'p geo::Polygon<f64>,
    bbox: Option<geo::Rect<f64>>,
    /// Exterior, then holes; `None` when a ring is degenerate (fewer than 2 points): then
    /// geo answers.
    rings: Option<Vec<RingBands>>,
}

pub(crate) struct RingBands {
    y0: f64,
    y1: f64,
    edges: Vec<(Coord<f64>, Coord<f64>)>,
    buckets: Vec<Vec<u32>>,
}

pub(crate) enum RingPos {
    Outside,
    Boundary,
    Inside,
}

impl RingBands {
    pub(crate) fn new(ring: &LineString<f64>) -> Option<RingBands> {
        if ring.0.len() < 2 {
            return None;
        }
        let edges: Vec<(Coord<f64>, Coord<f64>)> = ring.lines().map(|l| (l.start, l.end)).collect();
        let (y0, y1) = ring
            .0
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), c| {
                (a.min(c.y), b.max(c.y))
            });
        let n = (edges.len() / 4).clamp(1, 256);
        let mut r = RingBands {
            y0,
            y1,
            edges: Vec::new(),
            buckets: vec![Vec::new(); n],
        };
        for (i, (a, b)) in edges.iter().enumerate() {
            let lo = r.bucket(a.y.min(b.y));
            let hi = r.bucket(a.y.max(b.y));
            for k in lo..=hi {
                if let Some(v) = r.buckets.get_mut(k) {
                    v.push(i as u32);
                }
            }
        }
        r.edges = edges;
        Some(r)
    }

    pub(crate) fn bucket(&self, y: f64) -> usize {
        let n = self.buckets.len();
        if self.y1.partial_cmp(&self.y0) != Some(std::cmp::Ordering::Greater) {
            return 0;
        }
        let t = ((y - self.y0) / (self.y1 - self.y0) * n as f64).floor();
        if t.is_nan() || t < 0.0 {
            0
        } else {
            (t as usize).min(n - 1)
        }
    }

    pub(crate) fn position(&self, c: Coord<f64>) -> RingPos {
        use geo::{GeoNum, Kernel, Orientation};
        if !(c.y >= self.y0 && c.y <= self.y1) {
            return RingPos::Outside;
        }
        let between = |v: f64, a: f64, b: f64| {
            if a < b {
                v >= a && v <= b
            } else {
                v >= b && v <= a
            }
        };
        let mut winding = 0i64;
        let Some(bucket) = self.buckets.get(self.bucket(c.y)) else {
            return RingPos::Outside;
        };
        for &i in bucket {
            let Some(&(s, e)) = self.edges.get(i as usize) else {
                continue;
            };
            if s.y <= c.y {
                if e.y >= c.y {
                    let o = <f64 as GeoNum>::Ker::orient2d(s, e, c);
                    if o == Orientation::CounterClockwise && e.y != c.y {
                        winding += 1;
                    } else if o == Orientation::Collinear && between(c.x, s.x, e.x) {
                        return RingPos::Boundary;
                    }
                }
            } else if e.y <= c.y {
                let o = <f64 as GeoNum>::Ker::orient2d(s, e, c);
                if o == Orientation::Clockwise {
                    winding -= 1;
                } else if o == Orientation::Collinear && between(c.x, s.x, e.x) {
                    return RingPos::Boundary;
                }
            }
        }
        if winding == 0 {
            RingPos::Outside
        } else {
            RingPos::Inside
        }
    }
}

impl<'p> IndexedPolygon<'p> {
    pub(crate) fn new(poly: &'p geo::Polygon<f64>) -> IndexedPolygon<'p> {
        let rings = std::iter::once(poly.exterior())
            .chain(poly.interiors())
            .map(RingBands::new)
            .collect::<Option<Vec<_>>>();
        IndexedPolygon {
            poly,
            bbox: poly.bounding_rect(),
            rings,
        }
    }

    pub(crate) fn contains(&self, p: &Point<f64>) -> bool {
        let Some(b) = self.bbox else {
            return false;
        };
        if !(p.x() >= b.min().x && p.x() <= b.max().x && p.y() >= b.min().y && p.y() <= b.max().y) {
            return false;
        }
        let Some(rings) = &self.rings else {
            return self.poly.contains(p);
        };
        let mut it = rings.iter();
        match it.next().map(|r| r.position(p.0)) {
            Some(RingPos::Inside) => {}
            _ => return false,
        }
        it.all(|h| matches!(h.position(p.0), RingPos::Outside))
    }
}

/// The smallest rectangle holding both `a` and `b` (same units as they are).
pub(crate) fn union_rect(a: geo::Rect<f64>, b: geo::Rect<f64>) -> geo::Rect<f64> {
    geo::Rect::new(
        Coord {
            x: a.min().x.min(b.min().x),
            y: a.min().y.min(b.min().y),
        },
        Coord {
            x: a.max().x.max(b.max().x),
            y: a.max().y.max(b.max().y),
        },
    )
}

/// Whether the step between two consecutive `[lon, lat]` vertices (degrees) crosses the
/// antimeridian: they are more than 180° of longitude apart, so the short way round runs
/// across ±180° rather than through the line's own longitudes.
pub fn crosses_antimeridian(a: Coord<f64>, b: Coord<f64>) -> bool {
    (a.x - b.x).abs() > 180.0
}

/// Whether any step of a `[lon, lat]` line (degrees) crosses the antimeridian
/// ([`crosses_antimeridian`]).
pub fn line_crosses_antimeridian(pts: &[Coord<f64>]) -> bool {
    pts.windows(2)
        .any(|w| matches!(w, [a, b] if crosses_antimeridian(*a, *b)))
}

#[cfg(test)]
mod tests {
    use super::{
        IndexedPolygon, Rect, chord_offset, crosses_antimeridian, line_crosses_antimeridian,
        sample_adaptive, visible_runs,
    };
    use geo::{Contains, Coord, LineString, Point, Polygon};

    #[test]
    fn antimeridian_is_a_step_of_more_than_180_degrees() {
        let c = |x: f64| Coord { x, y: 10.0 };
        assert!(crosses_antimeridian(c(179.5), c(-179.5)));
        assert!(crosses_antimeridian(c(-179.5), c(179.5)));
        assert!(
            !crosses_antimeridian(c(-90.0), c(90.0)),
            "exactly 180° apart"
        );
        assert!(!crosses_antimeridian(c(10.0), c(12.0)));
        assert!(line_crosses_antimeridian(&[c(170.0), c(179.0), c(-179.0)]));
        assert!(!line_crosses_antimeridian(&[c(170.0), c(179.0), c(179.9)]));
        assert!(!line_crosses_antimeridian(&[c(170.0)]));
    }

    /// Distance from `p` to the polyline `line`.
    fn to_polyline(line: &[(f64, f64)], p: (f64, f64)) -> f64 {
        line.windows(2)
            .map(|w| match w {
                [a, b] => {
                    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
                    let l2 = dx * dx + dy * dy;
                    let t = if l2 == 0.0 {
                        0.0
                    } else {
                        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / l2).clamp(0.0, 1.0)
                    };
                    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
                }
                _ => f64::INFINITY,
            })
            .fold(f64::INFINITY, f64::min)
    }

    #[test]
    fn adaptive_sampling_follows_the_dense_curve() {
        // A parallel of a conic projection: an arc of a circle of radius 3000 px, 540 grid
        // steps of 0.1°; and a straight meridian.
        let arc = |i: usize| -> (f64, f64) {
            let t = (i as f64 * 0.1 - 27.0).to_radians() * 0.6;
            (3000.0 * t.sin(), 3000.0 * (1.0 - t.cos()))
        };
        let mut calls = 0;
        let kept = sample_adaptive(
            540,
            |i| (i as f64, 0.0),
            |pts| {
                calls += 1;
                Ok(pts.into_iter().map(|(i, _)| arc(i as usize)).collect())
            },
            0.05,
            |_, _| true,
        )
        .unwrap();
        // Every dense point lies within the tolerance of the kept polyline (plus the
        // curvature between grid points, far below it here).
        let worst = (0..=540)
            .map(|i| to_polyline(&kept, arc(i)))
            .fold(0.0, f64::max);
        assert!(worst <= 0.06, "worst offset {worst} px");
        assert!(kept.len() < 541 / 2, "{} points kept", kept.len());
        assert_eq!(kept.first().copied(), Some(arc(0)));
        assert_eq!(kept.last().copied(), Some(arc(540)));
        assert!(calls > 1);
        let line = sample_adaptive(
            540,
            |i| (i as f64, 0.0),
            |pts| Ok(pts.into_iter().map(|(i, _)| (100.0, 2.0 * i)).collect()),
            0.05,
            |_, _| true,
        )
        .unwrap();
        // Straight: the coarse points only (every 10th of 540, and the last).
        assert_eq!(line.len(), 55);
        // Intervals not wanted (far from the frame) stay coarse, however they bend.
        let coarse = sample_adaptive(
            540,
            |i| (i as f64, 0.0),
            |pts| Ok(pts.into_iter().map(|(i, _)| arc(i as usize)).collect()),
            0.05,
            |a, _| a.0 > 1e9,
        )
        .unwrap();
        assert_eq!(coarse.len(), 55);
    }

    #[test]
    fn chord_offset_and_visible_runs() {
        assert!((chord_offset((0.0, 0.0), (10.0, 0.0), (5.0, 3.0)) - 3.0).abs() < 1e-12);
        assert!((chord_offset((1.0, 1.0), (1.0, 1.0), (4.0, 5.0)) - 5.0).abs() < 1e-12);
        let r = Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 100.0,
        };
        // In, out (two segments wholly to the right), in again.
        let p = [
            (-50.0, 50.0),
            (50.0, 50.0),
            (150.0, 50.0),
            (250.0, 50.0),
            (150.0, 60.0),
            (50.0, 60.0),
        ];
        let runs = visible_runs(&p, &r);
        assert_eq!(
            runs,
            vec![
                vec![(-50.0, 50.0), (50.0, 50.0), (150.0, 50.0)],
                vec![(150.0, 60.0), (50.0, 60.0)],
            ]
        );
        assert!(visible_runs(&[(200.0, 0.0), (300.0, 0.0)], &r).is_empty());
    }

    #[test]
    fn indexed_polygon_matches_geo() {
        // A star with a hole, on a grid that hits vertices and edges exactly.
        let star: Vec<(f64, f64)> = (0..40)
            .map(|i| {
                let a = f64::from(i) * std::f64::consts::PI / 20.0;
                let r = if i % 2 == 0 { 100.0 } else { 40.0 };
                ((r * a.cos()).round(), (r * a.sin()).round())
            })
            .collect();
        let hole = vec![(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0)];
        let poly = Polygon::new(LineString::from(star), vec![LineString::from(hole)]);
        let idx = IndexedPolygon::new(&poly);
        let mut n = 0;
        for yi in -220..=220 {
            for xi in -220..=220 {
                let p = Point::new(f64::from(xi) * 0.5, f64::from(yi) * 0.5);
                assert_eq!(idx.contains(&p), poly.contains(&p), "{p:?}");
                n += usize::from(idx.contains(&p));
            }
        }
        assert!(n > 1000);
    }
}
