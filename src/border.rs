//! A border: one ordered line in `[lon, lat]` (WGS84) with its chainage, and the linear
//! referencing on it (point at a distance, nearest point, circle crossings, sub-lines).
//!
//! The line is a chain of geodesics between consecutive vertices, as GeographicLib measures it:
//! every distance here is in metres on the WGS84 ellipsoid (`geo::Geodesic`, Karney 2013).

use geo::{
    Bearing, BoundingRect, Coord, Destination, Distance, Geodesic, HaversineClosestPoint,
    InterpolatePoint, Line, LineString, MultiLineString, Point, Rect,
};

use crate::error::{Error, Result};

/// A border line, ordered from its start to its end, with the cumulative geodesic distance of
/// every vertex.
#[derive(Debug, Clone, PartialEq)]
pub struct Border {
    /// Human name, e.g. "Iraq–Syria border".
    pub name: String,
    /// The vertices, `[lon, lat]` in degrees (WGS84), start to end.
    line: LineString<f64>,
    /// `chainage[i]` is the geodesic distance in metres from the start to vertex `i`.
    chainage: Vec<f64>,
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
    /// Builds a border from at least two vertices `[lon, lat]` (degrees, WGS84), which must
    /// already be validated (finite, in range).
    pub fn new(name: impl Into<String>, line: LineString<f64>) -> Result<Self> {
        if line.0.len() < 2 {
            return Err(Error::input(format!(
                "a border needs at least 2 positions, found {}",
                line.0.len()
            ))
            .hint("give a LineString with two or more [lon, lat] positions"));
        }
        let mut chainage = Vec::with_capacity(line.0.len());
        let mut acc = 0.0;
        chainage.push(0.0);
        for w in line.0.windows(2) {
            if let [a, b] = w {
                acc += Geodesic.distance(Point(*a), Point(*b));
                chainage.push(acc);
            }
        }
        Ok(Border {
            name: name.into(),
            line,
            chainage,
        })
    }

    /// The vertices, `[lon, lat]` degrees, start to end.
    pub fn line(&self) -> &LineString<f64> {
        &self.line
    }

    /// Cumulative distance in metres from the start to each vertex (same length as the line).
    pub fn chainage(&self) -> &[f64] {
        &self.chainage
    }

    /// Total geodesic length in metres (WGS84).
    pub fn length_m(&self) -> f64 {
        self.chainage.last().copied().unwrap_or(0.0)
    }

    /// The first vertex, `[lon, lat]`.
    pub fn start(&self) -> Coord<f64> {
        self.line.0.first().copied().unwrap_or_default()
    }

    /// The last vertex, `[lon, lat]`.
    pub fn end(&self) -> Coord<f64> {
        self.line.0.last().copied().unwrap_or_default()
    }

    /// The same border run from end to start.
    pub fn reversed(&self) -> Border {
        let mut coords = self.line.0.clone();
        coords.reverse();
        let total = self.length_m();
        let chainage = self.chainage.iter().rev().map(|c| total - c).collect();
        Border {
            name: self.name.clone(),
            line: LineString(coords),
            chainage,
        }
    }

    /// Index `i` of the geodesic segment (vertex `i` to `i + 1`) that holds distance `m`.
    fn segment_index(&self, m: f64) -> usize {
        let n = self.chainage.len();
        if n < 2 {
            return 0;
        }
        // First vertex with chainage > m, minus one; clamped to the last segment.
        let i = self.chainage.partition_point(|&c| c <= m);
        i.saturating_sub(1).min(n - 2)
    }

    /// The point at `m` metres from the start, on the geodesic between the two vertices around it.
    /// `m` is clamped to `[0, length]`.
    pub fn point_at(&self, m: f64) -> Coord<f64> {
        let m = m.clamp(0.0, self.length_m());
        let i = self.segment_index(m);
        let (Some(a), Some(b), Some(c0), Some(c1)) = (
            self.line.0.get(i),
            self.line.0.get(i + 1),
            self.chainage.get(i),
            self.chainage.get(i + 1),
        ) else {
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

    /// The part of the line between `from_m` and `to_m` metres (clamped, `from_m <= to_m`):
    /// the cut points on the geodesic plus every vertex strictly between them.
    pub fn slice(&self, from_m: f64, to_m: f64) -> LineString<f64> {
        let (from_m, to_m) = (from_m.max(0.0), to_m.min(self.length_m()));
        let mut out = vec![self.point_at(from_m)];
        for (c, m) in self.line.0.iter().zip(&self.chainage) {
            if *m > from_m && *m < to_m {
                out.push(*c);
            }
        }
        out.push(self.point_at(to_m));
        LineString(out)
    }

    /// Snaps `p` (`[lon, lat]`) to the nearest point of the line, by geodesic distance.
    ///
    /// Candidate segments are found with the spherical (haversine) distance, then the nearest
    /// point on each candidate geodesic is found by Brent's method to ~0.1 mm.
    pub fn snap(&self, p: Coord<f64>) -> Snap {
        let pt = Point(p);
        // Spherical distance to each segment: a cheap estimate within ~0.5 % of the geodesic one.
        let mut est: Vec<(usize, f64)> = self
            .line
            .lines()
            .enumerate()
            .map(|(i, l)| (i, approx_distance(&l, &pt)))
            .collect();
        let best_est = est.iter().map(|e| e.1).fold(f64::INFINITY, f64::min);
        est.retain(|e| e.1 <= best_est * 1.01 + 50.0);
        let mut best = Snap {
            along_m: 0.0,
            distance_m: Geodesic.distance(pt, Point(self.start())),
            point: self.start(),
        };
        for (i, _) in est {
            let (Some(a), Some(b), Some(c0), Some(c1)) = (
                self.line.0.get(i),
                self.line.0.get(i + 1),
                self.chainage.get(i),
                self.chainage.get(i + 1),
            ) else {
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

    /// Distances along the line (metres from the start, ascending) where it crosses the
    /// geodesic circle of `radius_m` metres around `center` (`[lon, lat]`).
    pub fn circle_crossings(&self, center: Coord<f64>, radius_m: f64) -> Vec<f64> {
        let c = Point(center);
        let f = |m: f64| Geodesic.distance(c, Point(self.point_at(m))) - radius_m;
        // Distance from the centre to every vertex: the same values `f` gives at them.
        let at_vertex: Vec<f64> = self
            .line
            .0
            .iter()
            .map(|v| Geodesic.distance(c, Point(*v)) - radius_m)
            .collect();
        let mut out = Vec::new();
        for (i, w) in self.chainage.windows(2).enumerate() {
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
            for k in 1..=steps {
                let m = if k == steps {
                    *c1
                } else {
                    c0 + len * k as f64 / steps as f64
                };
                let cur = f(m);
                if (prev < 0.0 && cur >= 0.0) || (prev > 0.0 && cur <= 0.0) {
                    out.push(bisect(&f, prev_m, m));
                }
                prev_m = m;
                prev = cur;
            }
        }
        out.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
        out
    }

    /// Where `lines` (`[lon, lat]` degrees, e.g. a river's course) cross the border, ascending
    /// along it. Segments are straight in longitude/latitude, as RFC 7946 draws them: every
    /// segment of `lines` is intersected in lon/lat with every segment of the border, and each
    /// intersection point is snapped to the border ([`Border::snap`]), so `along_m` is its
    /// geodesic distance from the start (metres) and `distance_m` how far (metres) the lon/lat
    /// intersection lies from the geodesic line. Intersections within [`SAME_CROSSING_M`] of
    /// each other along the border (a crossing at a vertex two segments share) count once;
    /// collinear overlaps are not crossings.
    pub fn line_crossings(&self, lines: &MultiLineString<f64>) -> Vec<Snap> {
        let Some(bbox) = lines.bounding_rect() else {
            return Vec::new();
        };
        let mut points: Vec<Coord<f64>> = Vec::new();
        for b in self.line.lines() {
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
        let i = self.segment_index(m.clamp(0.0, self.length_m()));
        match (self.line.0.get(i), self.line.0.get(i + 1)) {
            (Some(a), Some(b)) => Geodesic.bearing(Point(*a), Point(*b)),
            _ => 0.0,
        }
    }
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
        assert!((c[0].along_m - b.chainage()[1]).abs() < 1e-6);
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
