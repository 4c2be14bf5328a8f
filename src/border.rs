//! A border: one or more ordered parts in `[lon, lat]` (WGS84) with one chainage running
//! across them, and the linear referencing on it (point at a distance, nearest point, circle
//! crossings, sub-lines).
//!
//! The line is a chain of geodesics between consecutive vertices, as GeographicLib measures it:
//! every distance here is in metres on the WGS84 ellipsoid (`geo::Geodesic`, Karney 2013).

use geo::{
    Bearing, BoundingRect, Coord, Destination, Distance, Geodesic, HaversineClosestPoint,
    InterpolatePoint, Line, LineString, MultiLineString, Point, Rect,
};

use crate::error::{Error, Result};

/// A border: one or more parts (lines), each ordered from its start to its end, in a fixed
/// order, with the cumulative geodesic distance of every vertex. The chainage runs across the
/// parts: part `k + 1` starts at the distance where part `k` ends (the gap between two parts
/// counts for nothing), so the border's length is the sum of its parts' lengths.
#[derive(Debug, Clone, PartialEq)]
pub struct Border {
    /// Human name, e.g. "Iraq–Syria border".
    pub name: String,
    /// The parts' vertices, `[lon, lat]` in degrees (WGS84), each start to end, in order.
    parts: Vec<LineString<f64>>,
    /// `chainage[k][i]` is the distance in metres along the border from its start to vertex
    /// `i` of part `k` (geodesic within each part; part `k` starts where part `k - 1` ends).
    chainage: Vec<Vec<f64>>,
}

/// Where a point lands on the border when snapped to its nearest point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Snap {
    /// Distance along the border from its start to the snapped point, metres.
    pub along_m: f64,
    /// Geodesic distance from the point to the snapped point, metres.
    pub distance_m: f64,
    /// The snapped point on the border, `[lon, lat]`.
    pub point: Coord<f64>,
}

impl Border {
    /// Builds a one-part border from at least two vertices `[lon, lat]` (degrees, WGS84),
    /// which must already be validated (finite, in range).
    pub fn new(name: impl Into<String>, line: LineString<f64>) -> Result<Self> {
        Border::from_parts(name, vec![line])
    }

    /// Builds a border from one or more parts in the order given (see [`order_parts`]), each
    /// at least two vertices `[lon, lat]` (degrees, WGS84), already validated (finite, in
    /// range). Chainage runs across the parts in that order.
    pub fn from_parts(name: impl Into<String>, parts: Vec<LineString<f64>>) -> Result<Self> {
        if parts.is_empty() {
            return Err(Error::input("a border needs at least one line, found none")
                .hint("give a LineString with two or more [lon, lat] positions"));
        }
        let mut chainage = Vec::with_capacity(parts.len());
        let mut acc = 0.0;
        for line in &parts {
            if line.0.len() < 2 {
                return Err(Error::input(format!(
                    "a border needs at least 2 positions, found {}",
                    line.0.len()
                ))
                .hint("give a LineString with two or more [lon, lat] positions"));
            }
            let mut c = Vec::with_capacity(line.0.len());
            c.push(acc);
            for w in line.0.windows(2) {
                if let [a, b] = w {
                    acc += Geodesic.distance(Point(*a), Point(*b));
                    c.push(acc);
                }
            }
            chainage.push(c);
        }
        Ok(Border {
            name: name.into(),
            parts,
            chainage,
        })
    }

    /// The parts, each `[lon, lat]` degrees start to end, in chainage order (one for a border
    /// that runs unbroken).
    pub fn parts(&self) -> &[LineString<f64>] {
        &self.parts
    }

    /// Every vertex of every part, `[lon, lat]` degrees, in chainage order.
    pub fn coords(&self) -> impl Iterator<Item = &Coord<f64>> {
        self.parts.iter().flat_map(|p| p.0.iter())
    }

    /// Every vertex of every part as one line, `[lon, lat]` degrees: for questions about the
    /// vertices (boxes, nearness), never for drawing or measuring (it would cross the gaps).
    pub fn vertices(&self) -> LineString<f64> {
        match self.parts.as_slice() {
            [one] => one.clone(),
            _ => LineString(self.coords().copied().collect()),
        }
    }

    /// The box of every part, `[lon, lat]` degrees (`None` never happens for a built border).
    pub fn bounding_rect(&self) -> Option<Rect<f64>> {
        let mut it = self.coords();
        let first = *it.next()?;
        let (mut lo, mut hi) = (first, first);
        for c in it {
            lo.x = lo.x.min(c.x);
            lo.y = lo.y.min(c.y);
            hi.x = hi.x.max(c.x);
            hi.y = hi.y.max(c.y);
        }
        Some(Rect::new(lo, hi))
    }

    /// Distance in metres along the border from its start to each vertex of part `k` (empty
    /// for a part that does not exist).
    pub fn part_chainage(&self, k: usize) -> &[f64] {
        self.chainage.get(k).map_or(&[], Vec::as_slice)
    }

    /// Where each part starts and ends, metres along the border: `(from_m, to_m)` per part.
    pub fn part_spans(&self) -> Vec<(f64, f64)> {
        self.chainage
            .iter()
            .map(|c| {
                (
                    c.first().copied().unwrap_or(0.0),
                    c.last().copied().unwrap_or(0.0),
                )
            })
            .collect()
    }

    /// The part that holds distance `m` (metres along the border): at the distance where one
    /// part ends and the next starts, the next.
    pub fn part_at(&self, m: f64) -> usize {
        let i = self
            .chainage
            .partition_point(|c| c.first().is_some_and(|s| *s <= m));
        i.saturating_sub(1).min(self.parts.len().saturating_sub(1))
    }

    /// Total length in metres (WGS84, geodesic): the sum of the parts' lengths.
    pub fn length_m(&self) -> f64 {
        self.chainage
            .last()
            .and_then(|c| c.last())
            .copied()
            .unwrap_or(0.0)
    }

    /// The first vertex of the first part, `[lon, lat]`.
    pub fn start(&self) -> Coord<f64> {
        self.coords().next().copied().unwrap_or_default()
    }

    /// The last vertex of the last part, `[lon, lat]`.
    pub fn end(&self) -> Coord<f64> {
        self.parts
            .last()
            .and_then(|p| p.0.last())
            .copied()
            .unwrap_or_default()
    }

    /// The same border run from end to start (the parts in reverse order, each reversed).
    pub fn reversed(&self) -> Border {
        let total = self.length_m();
        let parts = self
            .parts
            .iter()
            .rev()
            .map(|p| {
                let mut coords = p.0.clone();
                coords.reverse();
                LineString(coords)
            })
            .collect();
        let chainage = self
            .chainage
            .iter()
            .rev()
            .map(|c| c.iter().rev().map(|m| total - m).collect())
            .collect();
        Border {
            name: self.name.clone(),
            parts,
            chainage,
        }
    }

    /// Index `i` of the geodesic segment (vertex `i` to `i + 1`) of part `k` that holds `m`.
    fn segment_index(&self, k: usize, m: f64) -> usize {
        let ch = self.part_chainage(k);
        let n = ch.len();
        if n < 2 {
            return 0;
        }
        // First vertex with chainage > m, minus one; clamped to the last segment.
        let i = ch.partition_point(|&c| c <= m);
        i.saturating_sub(1).min(n - 2)
    }

    /// The point at `m` metres from the start, on the geodesic between the two vertices around
    /// it. `m` is clamped to `[0, length]`; where one part ends and the next starts, the
    /// next part's first vertex.
    pub fn point_at(&self, m: f64) -> Coord<f64> {
        let m = m.clamp(0.0, self.length_m());
        self.point_in(self.part_at(m), m)
    }

    /// The point of part `k` at `m` metres from the border's start, clamped to the part.
    fn point_in(&self, k: usize, m: f64) -> Coord<f64> {
        let (line, ch) = match (self.parts.get(k), self.chainage.get(k)) {
            (Some(l), Some(c)) => (l, c),
            _ => return self.start(),
        };
        let i = self.segment_index(k, m);
        let (Some(a), Some(b), Some(c0), Some(c1)) =
            (line.0.get(i), line.0.get(i + 1), ch.get(i), ch.get(i + 1))
        else {
            return self.start();
        };
        let d = m - c0;
        if d <= 0.0 {
            return *a;
        }
        if m >= *c1 {
            return *b;
        }
        Geodesic
            .point_at_distance_between(Point(*a), Point(*b), d)
            .0
    }

    /// The part of the line between `from_m` and `to_m` metres (`from_m <= to_m`), within the
    /// one part that holds the middle of the stretch (clamped to it): the cut points on the
    /// geodesic plus every vertex strictly between them. For a stretch that may run over
    /// several parts, [`Border::slice_parts`].
    pub fn slice(&self, from_m: f64, to_m: f64) -> LineString<f64> {
        let k = self.part_at((from_m + to_m) / 2.0);
        self.slice_in(k, from_m, to_m)
    }

    /// The stretch between `from_m` and `to_m` metres, one line per part it runs over.
    pub fn slice_parts(&self, from_m: f64, to_m: f64) -> Vec<LineString<f64>> {
        self.part_spans()
            .into_iter()
            .enumerate()
            .filter(|(_, (a, b))| *b > from_m && *a < to_m)
            .map(|(k, _)| self.slice_in(k, from_m, to_m))
            .collect()
    }

    fn slice_in(&self, k: usize, from_m: f64, to_m: f64) -> LineString<f64> {
        let (s, e) = self.part_spans().get(k).copied().unwrap_or((0.0, 0.0));
        let (from_m, to_m) = (from_m.max(s), to_m.min(e));
        let mut out = vec![self.point_in(k, from_m)];
        if let (Some(line), Some(ch)) = (self.parts.get(k), self.chainage.get(k)) {
            for (c, m) in line.0.iter().zip(ch) {
                if *m > from_m && *m < to_m {
                    out.push(*c);
                }
            }
        }
        out.push(self.point_in(k, to_m));
        LineString(out)
    }

    /// Snaps `p` (`[lon, lat]`) to the nearest point of any part, by geodesic distance.
    ///
    /// Candidate segments are found with the spherical (haversine) distance, then the nearest
    /// point on each candidate geodesic is found by Brent's method to ~0.1 mm.
    pub fn snap(&self, p: Coord<f64>) -> Snap {
        let pt = Point(p);
        // Spherical distance to each segment: a cheap estimate within ~0.5 % of the geodesic one.
        let mut est: Vec<(usize, usize, f64)> = self
            .parts
            .iter()
            .enumerate()
            .flat_map(|(k, line)| {
                line.lines()
                    .enumerate()
                    .map(move |(i, l)| (k, i, approx_distance(&l, &pt)))
            })
            .collect();
        let best_est = est.iter().map(|e| e.2).fold(f64::INFINITY, f64::min);
        est.retain(|e| e.2 <= best_est * 1.01 + 50.0);
        let mut best = Snap {
            along_m: 0.0,
            distance_m: Geodesic.distance(pt, Point(self.start())),
            point: self.start(),
        };
        for (k, i, _) in est {
            let (Some(line), Some(ch)) = (self.parts.get(k), self.chainage.get(k)) else {
                continue;
            };
            let (Some(a), Some(b), Some(c0), Some(c1)) =
                (line.0.get(i), line.0.get(i + 1), ch.get(i), ch.get(i + 1))
            else {
                continue;
            };
            let len = c1 - c0;
            let at = |s: f64| Geodesic.point_at_distance_between(Point(*a), Point(*b), s);
            let f = |s: f64| Geodesic.distance(pt, at(s));
            let s = brent_min(&f, 0.0, len);
            for cand in [0.0, s, len] {
                let d = f(cand);
                if d < best.distance_m {
                    best = Snap {
                        along_m: c0 + cand,
                        distance_m: d,
                        point: at(cand).0,
                    };
                }
            }
        }
        best
    }

    /// Distances along the border (metres from the start, ascending) where a part crosses the
    /// geodesic circle of `radius_m` metres around `center` (`[lon, lat]`).
    pub fn circle_crossings(&self, center: Coord<f64>, radius_m: f64) -> Vec<f64> {
        let mut out = Vec::new();
        for k in 0..self.parts.len() {
            self.circle_crossings_in(k, center, radius_m, &mut out);
        }
        out.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
        out
    }

    fn circle_crossings_in(&self, k: usize, center: Coord<f64>, radius_m: f64, out: &mut Vec<f64>) {
        let (Some(line), Some(ch)) = (self.parts.get(k), self.chainage.get(k)) else {
            return;
        };
        let c = Point(center);
        let f = |m: f64| Geodesic.distance(c, Point(self.point_in(k, m))) - radius_m;
        // Distance from the centre to every vertex: the same values `f` gives at them.
        let at_vertex: Vec<f64> = line
            .0
            .iter()
            .map(|v| Geodesic.distance(c, Point(*v)) - radius_m)
            .collect();
        for (i, w) in ch.windows(2).enumerate() {
            let [c0, c1] = w else { continue };
            let len = c1 - c0;
            if len <= 0.0 {
                continue;
            }
            if let (Some(&fa), Some(&fb)) = (at_vertex.get(i), at_vertex.get(i + 1)) {
                // By the triangle inequality every point of the segment lies within
                // (da + db + len) / 2 of the centre and no nearer than (da + db - len) / 2
                // (da, db: the ends' distances). Wholly inside or wholly outside, no crossing.
                let both_inside = fa + fb + len < 0.0;
                let both_outside_far = fa + fb - len > 0.0;
                if both_inside || both_outside_far {
                    continue;
                }
            }
            // The distance to a fixed point along one geodesic segment has at most one
            // minimum; sample at <= 1 km steps so both crossings around it are bracketed.
            let steps = (len / 1000.0).ceil().max(1.0) as usize;
            let mut prev_m = *c0;
            let mut prev = f(prev_m);
            for s in 1..=steps {
                let m = if s == steps {
                    *c1
                } else {
                    c0 + len * s as f64 / steps as f64
                };
                let cur = f(m);
                if (prev < 0.0 && cur >= 0.0) || (prev > 0.0 && cur <= 0.0) {
                    out.push(bisect(&f, prev_m, m));
                }
                prev_m = m;
                prev = cur;
            }
        }
    }

    /// Where `lines` (`[lon, lat]` degrees, e.g. a river's course) cross the border, ascending
    /// along it. Segments are straight in longitude/latitude, as RFC 7946 draws them: every
    /// segment of `lines` is intersected in lon/lat with every segment of every part, and each
    /// intersection point is snapped to the border ([`Border::snap`]), so `along_m` is its
    /// distance from the start (metres) and `distance_m` how far (metres) the lon/lat
    /// intersection lies from the geodesic line. Intersections within [`SAME_CROSSING_M`] of
    /// each other along the border (a crossing at a vertex two segments share) count once;
    /// collinear overlaps are not crossings.
    pub fn line_crossings(&self, lines: &MultiLineString<f64>) -> Vec<Snap> {
        let Some(bbox) = lines.bounding_rect() else {
            return Vec::new();
        };
        let mut points: Vec<Coord<f64>> = Vec::new();
        for b in self.parts.iter().flat_map(LineString::lines) {
            let bb = Rect::new(b.start, b.end);
            if bb.max().x < bbox.min().x
                || bb.min().x > bbox.max().x
                || bb.max().y < bbox.min().y
                || bb.min().y > bbox.max().y
            {
                continue;
            }
            for l in lines.0.iter().flat_map(LineString::lines) {
                if let Some(p) = lonlat_intersection(&b, &l) {
                    points.push(p);
                }
            }
        }
        let mut out: Vec<Snap> = points.into_iter().map(|p| self.snap(p)).collect();
        out.sort_by(|a, b| a.along_m.total_cmp(&b.along_m));
        out.dedup_by(|a, b| (a.along_m - b.along_m).abs() < SAME_CROSSING_M);
        out
    }

    /// Whether the point at `m` metres from the start lies within `radius_m` of `center`.
    pub fn within_circle(&self, m: f64, center: Coord<f64>, radius_m: f64) -> bool {
        Geodesic.distance(Point(center), Point(self.point_at(m))) <= radius_m
    }

    /// Initial bearing in degrees (clockwise from north) of the line at `m` metres.
    pub fn bearing_at(&self, m: f64) -> f64 {
        let m = m.clamp(0.0, self.length_m());
        let k = self.part_at(m);
        let i = self.segment_index(k, m);
        match self.parts.get(k).map(|l| (l.0.get(i), l.0.get(i + 1))) {
            Some((Some(a), Some(b))) => Geodesic.bearing(Point(*a), Point(*b)),
            _ => 0.0,
        }
    }
}

/// The order of a border's parts (indices into `parts`, each part `[lon, lat]` as it runs):
/// first the part whose start is northernmost (then westernmost), then again and again the
/// part whose start is nearest (geodesic) the end of the part before it; ties go to the
/// earlier index. Parts are not reversed: each keeps the orientation its source gave it.
pub fn order_parts(parts: &[LineString<f64>]) -> Vec<usize> {
    let start = |i: usize| parts.get(i).and_then(|p| p.0.first()).copied();
    let end = |i: usize| parts.get(i).and_then(|p| p.0.last()).copied();
    let mut left: Vec<usize> = (0..parts.len()).collect();
    let mut out = Vec::with_capacity(parts.len());
    let first = left.iter().copied().max_by(|&a, &b| {
        let (pa, pb) = (start(a).unwrap_or_default(), start(b).unwrap_or_default());
        // Northern first, then western, then the earlier index.
        (pa.y, -pa.x)
            .partial_cmp(&(pb.y, -pb.x))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.cmp(&a))
    });
    let Some(mut cur) = first else {
        return out;
    };
    loop {
        left.retain(|&i| i != cur);
        out.push(cur);
        let Some(from) = end(cur) else { break };
        let next = left.iter().copied().min_by(|&a, &b| {
            let da = distance_m(from, start(a).unwrap_or_default());
            let db = distance_m(from, start(b).unwrap_or_default());
            da.total_cmp(&db).then(a.cmp(&b))
        });
        match next {
            Some(n) => cur = n,
            None => break,
        }
    }
    out
}

/// Intersections of a line with the border closer than this along the border (metres) are
/// one crossing ([`Border::line_crossings`]).
pub const SAME_CROSSING_M: f64 = 1.0;

/// The point where segments `a` and `b` (straight in lon/lat) meet, ends included; `None` if
/// they do not meet or are parallel (collinear overlaps included).
fn lonlat_intersection(a: &Line<f64>, b: &Line<f64>) -> Option<Coord<f64>> {
    let r = a.delta();
    let s = b.delta();
    let den = r.x * s.y - r.y * s.x;
    if den == 0.0 || !den.is_finite() {
        return None;
    }
    let q = b.start - a.start;
    let t = (q.x * s.y - q.y * s.x) / den;
    let u = (q.x * r.y - q.y * r.x) / den;
    if (0.0..=1.0).contains(&t) && (0.0..=1.0).contains(&u) {
        Some(Coord {
            x: a.start.x + t * r.x,
            y: a.start.y + t * r.y,
        })
    } else {
        None
    }
}

fn approx_distance(l: &Line<f64>, p: &Point<f64>) -> f64 {
    use geo::Closest;
    let q = match l.haversine_closest_point(p) {
        Closest::Intersection(q) | Closest::SinglePoint(q) => q,
        Closest::Indeterminate => l.start_point(),
    };
    geo::Haversine.distance(*p, q)
}

/// The minimum of a unimodal `f` on `[a, b]` by Brent's method (Brent 1973, `localmin`):
/// parabolic interpolation through the best three points, golden-section steps where a
/// parabola would not shrink the bracket. Stops when the bracket is within ~0.1 mm, about as
/// fine as a distance flat at its minimum can place it; a dozen evaluations where
/// golden-section search alone took forty.
#[allow(clippy::many_single_char_names)]
fn brent_min(f: &impl Fn(f64) -> f64, mut a: f64, mut b: f64) -> f64 {
    const C: f64 = 0.381_966_011_250_105_1; // (3 - √5) / 2
    const T: f64 = 5e-5;
    let mut x = a + C * (b - a);
    let (mut w, mut v) = (x, x);
    let mut fx = f(x);
    let (mut fw, mut fv) = (fx, fx);
    let (mut d, mut e) = (0.0_f64, 0.0_f64);
    for _ in 0..200 {
        let m = 0.5 * (a + b);
        let tol = 1e-12 * x.abs() + T;
        let t2 = 2.0 * tol;
        if (x - m).abs() <= t2 - 0.5 * (b - a) {
            break;
        }
        let mut golden = true;
        if e.abs() > tol {
            let r = (x - w) * (fx - fv);
            let mut q = (x - v) * (fx - fw);
            let mut p = (x - v) * q - (x - w) * r;
            q = 2.0 * (q - r);
            if q > 0.0 {
                p = -p;
            } else {
                q = -q;
            }
            let e_old = e;
            e = d;
            if p.abs() < (0.5 * q * e_old).abs() && p > q * (a - x) && p < q * (b - x) {
                d = p / q;
                let u = x + d;
                if u - a < t2 || b - u < t2 {
                    d = if x < m { tol } else { -tol };
                }
                golden = false;
            }
        }
        if golden {
            e = if x < m { b - x } else { a - x };
            d = C * e;
        }
        let u = if d.abs() >= tol {
            x + d
        } else if d > 0.0 {
            x + tol
        } else {
            x - tol
        };
        let fu = f(u);
        if fu <= fx {
            if u < x {
                b = x;
            } else {
                a = x;
            }
            (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                (v, fv, w, fw) = (w, fw, u, fu);
            } else if fu <= fv || v == x || v == w {
                (v, fv) = (u, fu);
            }
        }
    }
    x
}

/// Bisection for a sign change of `f` on `[a, b]`, to 1e-6 m.
fn bisect(f: &impl Fn(f64) -> f64, mut a: f64, mut b: f64) -> f64 {
    let fa0 = f(a);
    for _ in 0..100 {
        let m = (a + b) / 2.0;
        if (b - a).abs() < 1e-6 {
            break;
        }
        let fm = f(m);
        if (fm < 0.0) == (fa0 < 0.0) && fm != 0.0 {
            a = m;
        } else {
            b = m;
        }
    }
    (a + b) / 2.0
}

/// Destination point from `origin` (`[lon, lat]`) along `bearing_deg` for `distance_m` metres
/// on the WGS84 ellipsoid.
pub fn destination(origin: Coord<f64>, bearing_deg: f64, distance_m: f64) -> Coord<f64> {
    Geodesic
        .destination(Point(origin), bearing_deg, distance_m)
        .0
}

/// Geodesic distance in metres between two `[lon, lat]` points (WGS84).
pub fn distance_m(a: Coord<f64>, b: Coord<f64>) -> f64 {
    Geodesic.distance(Point(a), Point(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn border() -> Border {
        Border::new(
            "test",
            LineString::from(vec![(0.0, 0.0), (0.0, 1.0), (0.5, 2.0)]),
        )
        .unwrap()
    }

    fn two_parts() -> Border {
        Border::from_parts(
            "two",
            vec![
                LineString::from(vec![(0.0, 2.0), (0.0, 1.0)]),
                LineString::from(vec![(1.0, 1.0), (1.0, 0.0)]),
            ],
        )
        .unwrap()
    }

    #[test]
    fn chainage_runs_across_parts_and_the_gap_counts_for_nothing() {
        let b = two_parts();
        let one = Border::new("a", b.parts()[0].clone()).unwrap().length_m();
        let two = Border::new("b", b.parts()[1].clone()).unwrap().length_m();
        assert!((b.length_m() - (one + two)).abs() < 1e-9);
        assert_eq!(b.part_chainage(1)[0], one);
        assert_eq!(b.part_at(one), 1);
        assert_eq!(b.point_at(one), Coord { x: 1.0, y: 1.0 });
        assert_eq!(b.point_at(one - 1e-6).x, 0.0);
        // A slice over the joint is two lines, none across the gap.
        let sl = b.slice_parts(one / 2.0, one + two / 2.0);
        assert_eq!(sl.len(), 2);
        assert!(sl[0].0.iter().all(|c| c.x == 0.0));
        assert!(sl[1].0.iter().all(|c| c.x == 1.0));
        // Snapped to the nearest part; reversed, the parts in reverse order.
        let s = b.snap(Coord { x: 1.1, y: 0.5 });
        assert!(s.along_m > one && s.along_m < one + two);
        let r = b.reversed();
        assert_eq!(r.start(), Coord { x: 1.0, y: 0.0 });
        assert!((r.part_chainage(1)[0] - two).abs() < 1e-6);
    }

    #[test]
    fn parts_are_ordered_from_the_northern_start_then_by_nearness() {
        let parts = vec![
            LineString::from(vec![(5.0, 0.0), (5.0, -1.0)]),
            LineString::from(vec![(0.0, 3.0), (0.0, 2.0)]),
            LineString::from(vec![(0.1, 1.9), (0.1, 1.0)]),
        ];
        assert_eq!(order_parts(&parts), vec![1, 2, 0]);
    }

    #[test]
    fn a_line_crossing_once_is_one_snapped_crossing() {
        let b = border();
        let river = MultiLineString(vec![LineString::from(vec![(-1.0, 0.5), (1.0, 0.5)])]);
        let c = b.line_crossings(&river);
        assert_eq!(c.len(), 1);
        let want = b.snap(Coord { x: 0.0, y: 0.5 });
        // On a meridian the lon/lat segment is the geodesic: the intersection is on the line
        // (to the snap's precision, ~0.1 mm).
        assert!(c[0].distance_m < 1e-3, "{}", c[0].distance_m);
        assert!((c[0].along_m - want.along_m).abs() < 1e-3);
    }

    #[test]
    fn a_crossing_at_a_shared_vertex_counts_once() {
        let b = border();
        // Crosses exactly at the border's vertex (0, 1), which two border segments share, and
        // at a vertex the river's two segments share.
        let river = MultiLineString(vec![LineString::from(vec![
            (-1.0, 1.0),
            (0.0, 1.0),
            (1.0, 1.0),
        ])]);
        let c = b.line_crossings(&river);
        assert_eq!(c.len(), 1, "{c:?}");
        assert!((c[0].along_m - b.part_chainage(0)[1]).abs() < 1e-6);
    }

    #[test]
    fn crossings_are_ascending_and_parallel_lines_never_cross() {
        let b = border();
        let river = MultiLineString(vec![
            LineString::from(vec![(-1.0, 1.5), (1.0, 1.5)]),
            LineString::from(vec![(-1.0, 0.2), (1.0, 0.2)]),
        ]);
        let c = b.line_crossings(&river);
        assert_eq!(c.len(), 2);
        assert!(c[0].along_m < c[1].along_m);
        let collinear = MultiLineString(vec![LineString::from(vec![(0.0, 0.1), (0.0, 0.9)])]);
        assert!(b.line_crossings(&collinear).is_empty());
        let away = MultiLineString(vec![LineString::from(vec![(2.0, 0.0), (3.0, 1.0)])]);
        assert!(b.line_crossings(&away).is_empty());
        assert!(b.line_crossings(&MultiLineString(vec![])).is_empty());
    }
}
