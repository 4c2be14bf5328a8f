//! Geometry for drawing, never for measuring: the context projected once (shared by the frame
//! fit, the map and the inset), rings and lines cut at the antimeridian so that nothing streaks
//! across a world map, and topology-preserving simplification for small-scale maps. Lengths
//! always come from the full-resolution line on the ellipsoid (`measure`), never from here.

use geo::{BooleanOps, BoundingRect, Coord, LineString, MultiPolygon, Polygon, Rect};

use crate::error::Result;
use crate::geom::simplify::rdp_keep;
pub use crate::geom::simplify::{rdp, rdp_polygon};
use crate::geom::{crosses_antimeridian, line_crosses_antimeridian};
use crate::load::context::Context;
use crate::project::Projection;

/// A planar point: projected units (metres for projected CRSs), or page px after the page
/// transform.
pub type P = (f64, f64);

/// The context projected once: planar coordinates in the CRS's unit, cut at the antimeridian.
#[derive(Debug, Clone, Default)]
pub struct PlanarContext {
    /// Per context area (country): its polygons, each as rings (exterior first).
    pub countries: Vec<Vec<Vec<Vec<P>>>>,
    /// Per area: the same rings in `[lon, lat]` degrees (for node detection when simplifying).
    pub countries_geo: Vec<Vec<Vec<Vec<Coord<f64>>>>>,
    /// Per context line (features without a layer): its parts.
    pub lines: Vec<Vec<Vec<P>>>,
    /// Per line: the same parts in `[lon, lat]` degrees.
    pub lines_geo: Vec<Vec<Vec<Coord<f64>>>>,
    /// Bounding box of everything above, planar: `[x0, x1, y0, y1]` (`None`: nothing).
    pub bbox: Option<[f64; 4]>,
}

/// Splits a line at every jump of more than 180° in longitude; each side ends on ±180 at the
/// latitude interpolated across the jump.
pub fn split_line(pts: &[Coord<f64>]) -> Vec<Vec<Coord<f64>>> {
    let mut out = Vec::new();
    let mut cur: Vec<Coord<f64>> = Vec::with_capacity(pts.len());
    for (i, &c) in pts.iter().enumerate() {
        if let Some(&p) = i.checked_sub(1).and_then(|j| pts.get(j))
            && crosses_antimeridian(p, c)
        {
            // Unwrap c next to p, find where the segment meets ±180.
            let edge = if p.x > 0.0 { 180.0 } else { -180.0 };
            let cx = if p.x > 0.0 { c.x + 360.0 } else { c.x - 360.0 };
            let t = if (cx - p.x).abs() > 0.0 {
                (edge - p.x) / (cx - p.x)
            } else {
                0.0
            };
            let y = p.y + (c.y - p.y) * t;
            cur.push(Coord { x: edge, y });
            out.push(std::mem::take(&mut cur));
            cur.push(Coord { x: -edge, y });
        }
        cur.push(c);
    }
    out.push(cur);
    out.retain(|l| l.len() >= 2);
    out
}

/// A polygon for drawing: when a ring jumps across the antimeridian, the polygon comes back as
/// pieces on each side, closed along ±180 (a ring around a pole is closed through the pole).
/// Polygons that do not cross come back unchanged (as the only element).
pub fn cut_polygon(p: &Polygon<f64>) -> Vec<Polygon<f64>> {
    if !polygon_crosses_antimeridian(p) {
        return vec![p.clone()];
    }
    let unwrap = |r: &LineString<f64>| -> LineString<f64> {
        let mut off = 0.0;
        let mut out: Vec<Coord<f64>> = Vec::with_capacity(r.0.len() + 3);
        let mut prev: Option<f64> = None;
        for c in &r.0 {
            if let Some(px) = prev {
                if c.x - px > 180.0 {
                    off -= 360.0;
                } else if c.x - px < -180.0 {
                    off += 360.0;
                }
            }
            prev = Some(c.x);
            out.push(Coord {
                x: c.x + off,
                y: c.y,
            });
        }
        if off != 0.0
            && let (Some(&first), Some(&last)) = (out.first(), out.last())
        {
            // Around a pole: close through it.
            let n = out.len().max(1) as f64;
            let pole = if out.iter().map(|c| c.y).sum::<f64>() / n < 0.0 {
                -90.0
            } else {
                90.0
            };
            out.push(Coord { x: last.x, y: pole });
            out.push(Coord {
                x: first.x,
                y: pole,
            });
        }
        LineString::from(out)
    };
    let un = Polygon::new(
        unwrap(p.exterior()),
        p.interiors().iter().map(unwrap).collect(),
    );
    let mut out = Vec::new();
    for k in [-1.0_f64, 0.0, 1.0] {
        let rect = Rect::new(
            Coord {
                x: -180.0 + 360.0 * k,
                y: -90.0,
            },
            Coord {
                x: 180.0 + 360.0 * k,
                y: 90.0,
            },
        )
        .to_polygon();
        // Only the copies of the world the unwrapped polygon reaches can hold a piece.
        let reaches = un
            .bounding_rect()
            .is_some_and(|b| b.max().x > -180.0 + 360.0 * k && b.min().x < 180.0 + 360.0 * k);
        if !reaches {
            continue;
        }
        let piece: MultiPolygon<f64> = un.intersection(&rect);
        for q in piece.0 {
            let shift = |r: &LineString<f64>| -> LineString<f64> {
                r.0.iter()
                    .map(|c| Coord {
                        x: (c.x - 360.0 * k).clamp(-180.0, 180.0),
                        y: c.y,
                    })
                    .collect::<Vec<_>>()
                    .into()
            };
            out.push(Polygon::new(
                shift(q.exterior()),
                q.interiors().iter().map(shift).collect(),
            ));
        }
    }
    out
}

/// Whether a ring of `p` jumps across the antimeridian.
fn polygon_crosses_antimeridian(p: &Polygon<f64>) -> bool {
    std::iter::once(p.exterior())
        .chain(p.interiors())
        .any(|r| line_crosses_antimeridian(&r.0))
}

/// Projects points, growing `bbox`.
fn project_all(
    proj: &dyn Projection,
    pts: &[Coord<f64>],
    bbox: &mut Option<[f64; 4]>,
) -> Result<Vec<P>> {
    let mut out: Vec<P> = pts.iter().map(|c| (c.x, c.y)).collect();
    proj.forward_many(&mut out)?;
    for &(x, y) in &out {
        let b = bbox.get_or_insert([x, x, y, y]);
        b[0] = b[0].min(x);
        b[1] = b[1].max(x);
        b[2] = b[2].min(y);
        b[3] = b[3].max(y);
    }
    Ok(out)
}

/// Projects the context's areas and lines once (rivers and places are few and projected where
/// they are drawn).
pub fn project_context(ctx: &Context, proj: &dyn Projection) -> Result<PlanarContext> {
    let mut out = PlanarContext::default();
    let mut bbox = None;
    // One area per task when the back-end can be shared between threads; the results are
    // the same either way (every point is projected on its own, boxes merge by min/max).
    let areas: Vec<Result<ProjectedArea>> = match proj.shareable() {
        Some(shared) => {
            use rayon::prelude::*;
            ctx.countries
                .par_iter()
                .map(|c| project_area(&c.shape, shared))
                .collect()
        }
        None => ctx
            .countries
            .iter()
            .map(|c| project_area(&c.shape, proj))
            .collect(),
    };
    for area in areas {
        let (polys, polys_geo, b) = area?;
        merge_bbox(&mut bbox, b);
        out.countries.push(polys);
        out.countries_geo.push(polys_geo);
    }
    for l in &ctx.lines {
        let mut parts = Vec::new();
        let mut parts_geo = Vec::new();
        for part in &l.line.0 {
            for piece in split_line(&part.0) {
                parts.push(project_all(proj, &piece, &mut bbox)?);
                parts_geo.push(piece);
            }
        }
        out.lines.push(parts);
        out.lines_geo.push(parts_geo);
    }
    out.bbox = bbox;
    Ok(out)
}

/// One context area projected: its polygons as planar rings, the same rings in degrees, and
/// their planar box.
type ProjectedArea = (
    Vec<Vec<Vec<P>>>,
    Vec<Vec<Vec<Coord<f64>>>>,
    Option<[f64; 4]>,
);

fn project_area(shape: &MultiPolygon<f64>, proj: &dyn Projection) -> Result<ProjectedArea> {
    let mut bbox = None;
    let mut polys = Vec::with_capacity(shape.0.len());
    let mut polys_geo = Vec::with_capacity(shape.0.len());
    let mut add = |q: &Polygon<f64>, bbox: &mut Option<[f64; 4]>| -> Result<()> {
        let mut rings = Vec::with_capacity(1 + q.interiors().len());
        let mut rings_geo = Vec::with_capacity(1 + q.interiors().len());
        for r in std::iter::once(q.exterior()).chain(q.interiors()) {
            rings.push(project_all(proj, &r.0, bbox)?);
            rings_geo.push(r.0.clone());
        }
        polys.push(rings);
        polys_geo.push(rings_geo);
        Ok(())
    };
    for p in &shape.0 {
        if polygon_crosses_antimeridian(p) {
            for q in cut_polygon(p) {
                add(&q, &mut bbox)?;
            }
        } else {
            add(p, &mut bbox)?;
        }
    }
    Ok((polys, polys_geo, bbox))
}

/// Grows `bbox` (`[x0, x1, y0, y1]`) by `b`.
fn merge_bbox(bbox: &mut Option<[f64; 4]>, b: Option<[f64; 4]>) {
    let Some(b) = b else { return };
    let a = bbox.get_or_insert(b);
    a[0] = a[0].min(b[0]);
    a[1] = a[1].max(b[1]);
    a[2] = a[2].min(b[2]);
    a[3] = a[3].max(b[3]);
}

/// An edge between two position keys, the smaller first.
type Edge = ((u64, u64), (u64, u64));

/// Key of a position for node detection (exact bits: shared borders repeat the same numbers).
fn key(c: &Coord<f64>) -> (u64, u64) {
    (c.x.to_bits(), c.y.to_bits())
}

/// The vertices that must stay when simplifying shared borders: where three or more rings or
/// lines meet, and where a ring or line starts or stops following another. Simplifying every
/// run between such nodes the same way keeps neighbours' shared edges identical (no gaps, no
/// slivers), as mapshaper's arc topology does.
#[derive(Debug, Default)]
pub struct Nodes {
    /// Every vertex key with how many times rings and lines pass it (a ring's closing point
    /// once), sorted by key.
    vertices: Vec<((u64, u64), u32)>,
    /// Every edge (smaller end first) with how many rings and lines have it, sorted.
    edges: Vec<(Edge, u32)>,
}

/// Sorted keys → each distinct key with its number of occurrences.
fn runs<K: PartialEq + Copy>(sorted: &[K]) -> Vec<(K, u32)> {
    let mut out: Vec<(K, u32)> = Vec::new();
    for k in sorted {
        match out.last_mut() {
            Some((last, n)) if last == k => *n += 1,
            _ => out.push((*k, 1)),
        }
    }
    out
}

/// How many times `k` occurs in counted, sorted `runs`.
fn count_of<K: Ord>(runs: &[(K, u32)], k: &K) -> u32 {
    runs.binary_search_by(|(x, _)| x.cmp(k))
        .ok()
        .and_then(|i| runs.get(i))
        .map_or(0, |(_, n)| *n)
}

impl Nodes {
    /// Counts every vertex and edge of `parts` (rings and lines, `[lon, lat]`): sorted lists,
    /// not hash maps, so a world of parts costs two sorts and a fraction of the memory.
    pub fn from_parts<'a>(parts: impl IntoIterator<Item = &'a [Coord<f64>]>) -> Nodes {
        use rayon::prelude::*;
        let mut vertices: Vec<(u64, u64)> = Vec::new();
        let mut edges: Vec<Edge> = Vec::new();
        for part in parts {
            let n = if part.len() > 1 && part.first() == part.last() {
                part.len() - 1
            } else {
                part.len()
            };
            vertices.extend(part.iter().take(n).map(key));
            edges.extend(part.windows(2).filter_map(|w| match w {
                [a, b] => {
                    let (ka, kb) = (key(a), key(b));
                    Some(if ka <= kb { (ka, kb) } else { (kb, ka) })
                }
                _ => None,
            }));
        }
        vertices.par_sort_unstable();
        edges.par_sort_unstable();
        Nodes {
            vertices: runs(&vertices),
            edges: runs(&edges),
        }
    }

    fn edge(&self, a: &Coord<f64>, b: &Coord<f64>) -> u32 {
        let (ka, kb) = (key(a), key(b));
        let e = if ka <= kb { (ka, kb) } else { (kb, ka) };
        count_of(&self.edges, &e)
    }

    /// Whether vertex `i` of `part` is a node.
    fn is_node(&self, part: &[Coord<f64>], i: usize, closed: bool) -> bool {
        let n = part.len();
        let (Some(c), true) = (part.get(i), n >= 3) else {
            return true;
        };
        if !closed && (i == 0 || i + 1 == n) {
            return true;
        }
        if count_of(&self.vertices, &key(c)) >= 3 {
            return true;
        }
        // Neighbours (for a closed ring the first and last vertex are the same point).
        let prev = if i == 0 {
            part.get(n - 2)
        } else {
            part.get(i - 1)
        };
        let next = if i + 1 == n {
            part.get(1)
        } else {
            part.get(i + 1)
        };
        match (prev, next) {
            (Some(p), Some(q)) => self.edge(p, c) != self.edge(c, q),
            _ => true,
        }
    }
}

/// Simplifies one ring or line for drawing: Douglas–Peucker with tolerance `tol` (units of
/// `pts`, page px on a map) on each run between the nodes of `geo` (the same part in
/// `[lon, lat]`, index for index). Closed rings keep at least 4 points.
pub fn simplify_part(
    pts: &[P],
    geo: &[Coord<f64>],
    nodes: &Nodes,
    tol: f64,
    closed: bool,
) -> Vec<P> {
    if pts.len() != geo.len() || pts.len() < 3 {
        return pts.to_vec();
    }
    let mut keep: Vec<bool> = (0..geo.len())
        .map(|i| nodes.is_node(geo, i, closed))
        .collect();
    if let Some(k) = keep.first_mut() {
        *k = true;
    }
    if let Some(k) = keep.last_mut() {
        *k = true;
    }
    if closed && keep.iter().filter(|k| **k).count() <= 2 {
        // An island: anchor the farthest vertex from the first too.
        let p0 = pts.first().copied().unwrap_or((0.0, 0.0));
        let far = pts
            .iter()
            .enumerate()
            .max_by(|a, b| {
                let da = (a.1.0 - p0.0).hypot(a.1.1 - p0.1);
                let db = (b.1.0 - p0.0).hypot(b.1.1 - p0.1);
                da.total_cmp(&db)
            })
            .map_or(0, |(i, _)| i);
        if let Some(k) = keep.get_mut(far) {
            *k = true;
        }
    }
    let anchors: Vec<usize> = keep
        .iter()
        .enumerate()
        .filter(|(_, k)| **k)
        .map(|(i, _)| i)
        .collect();
    for w in anchors.windows(2) {
        if let [a, b] = w {
            let run: Vec<Coord<f64>> = pts
                .get(*a..=*b)
                .unwrap_or_default()
                .iter()
                .map(|&(x, y)| Coord { x, y })
                .collect();
            for (i, k) in rdp_keep(&run, tol, 2).into_iter().enumerate() {
                if k && let Some(slot) = keep.get_mut(a + i) {
                    *slot = true;
                }
            }
        }
    }
    let out: Vec<P> = pts
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(p, _)| *p)
        .collect();
    if closed && out.len() < 4 {
        // A ring smaller than the tolerance: a triangle of its own vertices (always closed).
        let n = pts.len();
        return [0, n / 3, 2 * n / 3, n - 1]
            .iter()
            .filter_map(|&i| pts.get(i).copied())
            .collect();
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn lines_split_at_the_antimeridian() {
        let l = [
            Coord { x: 179.0, y: 0.0 },
            Coord { x: -179.0, y: 2.0 },
            Coord { x: -178.0, y: 2.0 },
        ];
        let parts = split_line(&l);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].last().unwrap(), &Coord { x: 180.0, y: 1.0 });
        assert_eq!(parts[1].first().unwrap(), &Coord { x: -180.0, y: 1.0 });
    }

    #[test]
    fn polygons_crossing_the_antimeridian_come_back_in_pieces_on_each_side() {
        let p = Polygon::new(
            LineString::from(vec![
                (179.0, 0.0),
                (-179.0, 0.0),
                (-179.0, 1.0),
                (179.0, 1.0),
                (179.0, 0.0),
            ]),
            vec![],
        );
        let pieces = cut_polygon(&p);
        assert_eq!(pieces.len(), 2);
        for q in &pieces {
            let xs: Vec<f64> = q.exterior().0.iter().map(|c| c.x).collect();
            let span = xs.iter().cloned().fold(f64::MIN, f64::max)
                - xs.iter().cloned().fold(f64::MAX, f64::min);
            assert!(span <= 1.0 + 1e-9, "{xs:?}");
        }
    }

    #[test]
    fn shared_edges_simplify_the_same_way() {
        // Two squares sharing a wiggly edge from (1,0) to (1,4).
        let edge: Vec<Coord<f64>> = (0..=40)
            .map(|i| Coord {
                x: 1.0 + 0.01 * f64::from(i % 2),
                y: f64::from(i) * 0.1,
            })
            .collect();
        let mut a = vec![Coord { x: 0.0, y: 0.0 }];
        a.extend(edge.iter().copied());
        a.push(Coord { x: 0.0, y: 4.0 });
        a.push(Coord { x: 0.0, y: 0.0 });
        let mut b: Vec<Coord<f64>> = edge.iter().rev().copied().collect();
        b.push(Coord { x: 2.0, y: 0.0 });
        b.insert(0, Coord { x: 2.0, y: 4.0 });
        b.push(Coord { x: 2.0, y: 4.0 });
        let nodes = Nodes::from_parts([a.as_slice(), b.as_slice()]);
        let px = |v: &[Coord<f64>]| {
            v.iter()
                .map(|c| (c.x * 100.0, c.y * 100.0))
                .collect::<Vec<_>>()
        };
        let sa = simplify_part(&px(&a), &a, &nodes, 2.0, true);
        let sb = simplify_part(&px(&b), &b, &nodes, 2.0, true);
        let on_edge = |v: &[P]| {
            let mut e: Vec<(i64, i64)> = v
                .iter()
                .filter(|p| p.0 >= 99.0 && p.0 <= 102.0)
                .map(|p| (p.0.round() as i64, p.1.round() as i64))
                .collect();
            e.sort_unstable();
            e
        };
        assert!(sa.len() < a.len());
        assert_eq!(on_edge(&sa), on_edge(&sb));
    }
    #[test]
    fn rdp_matches_geo_simplify() {
        use geo::Simplify;
        let mut seed = 7_u64;
        let mut rnd = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 11) as f64) / ((1_u64 << 53) as f64)
        };
        for n in [0, 1, 2, 3, 4, 5, 8, 30, 200, 1000] {
            for scale in [0.2, 1.0, 5.0, 50.0] {
                let mut pts: Vec<Coord<f64>> = (0..n)
                    .map(|i| Coord {
                        x: i as f64 * 0.3 + rnd() * scale,
                        y: (rnd() * scale * 4.0).round() / 4.0,
                    })
                    .collect();
                if n > 5 {
                    pts[3] = pts[2];
                }
                let ls = LineString(pts.clone());
                assert_eq!(rdp(&pts, 0.3, 2), ls.simplify(0.3).0);
                let poly = Polygon::new(ls.clone(), vec![ls.clone()]);
                assert_eq!(rdp_polygon(&poly, 0.3), poly.simplify(0.3));
                assert_eq!(rdp_polygon(&poly, 5.0), poly.simplify(5.0));
            }
        }
    }
}
