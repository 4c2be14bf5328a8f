//! An index of the parts' end points for joining a border file's parts: which parts may have
//! an end within [`JOIN_TOLERANCE_M`] (1 m) of a point, found in a few grid cells instead of by
//! measuring to every part, so joining n shuffled parts costs about n look-ups, not n².

use std::collections::HashMap;

use geo::Coord;

use super::{JOIN_TOLERANCE_M, Part};

/// Grid cell edge, metres: well over the join tolerance, so that two points within it (a
/// geodesic of at most 1 m is a chord on the sphere of at most about 1.01 m) always lie in the
/// same or neighbouring cells.
const CELL_M: f64 = 4.0 * JOIN_TOLERANCE_M;

/// Mean Earth radius, metres, for placing points on the grid (only the grid, never a distance).
const EARTH_RADIUS_M: f64 = 6_371_008.8;

type Cell = (i64, i64, i64);

/// The cells of the ends of every part, each with the parts (indices in file order) that end in
/// it.
pub(super) struct EndIndex {
    cells: HashMap<Cell, Vec<usize>>,
}

/// The grid cell of a `[lon, lat]` point (degrees), in Earth-centred coordinates.
fn cell(c: Coord<f64>) -> Cell {
    let (lon, lat) = (c.x.to_radians(), c.y.to_radians());
    let r = EARTH_RADIUS_M / CELL_M;
    let x = r * lat.cos() * lon.cos();
    let y = r * lat.cos() * lon.sin();
    let z = r * lat.sin();
    (x.floor() as i64, y.floor() as i64, z.floor() as i64)
}

impl EndIndex {
    /// Indexes both ends of every part.
    pub(super) fn new(parts: &[Part]) -> Self {
        let mut cells: HashMap<Cell, Vec<usize>> = HashMap::new();
        for (i, p) in parts.iter().enumerate() {
            for c in [p.coords.first(), p.coords.last()].into_iter().flatten() {
                let v = cells.entry(cell(*c)).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        EndIndex { cells }
    }

    /// The parts still in `parts` (not yet taken) with an end in a cell next to `a` or `b`:
    /// every part with an end within the tolerance of either, and maybe a few more; in file
    /// order, each once. Taken parts are dropped from the cells looked at.
    pub(super) fn near(
        &mut self,
        parts: &[Option<Part>],
        a: Coord<f64>,
        b: Coord<f64>,
    ) -> Vec<usize> {
        let mut out = Vec::new();
        for (x, y, z) in [cell(a), cell(b)] {
            for dx in -1..=1 {
                for dy in -1..=1 {
                    for dz in -1..=1 {
                        let key = (
                            x.saturating_add(dx),
                            y.saturating_add(dy),
                            z.saturating_add(dz),
                        );
                        if let Some(v) = self.cells.get_mut(&key) {
                            v.retain(|&i| parts.get(i).is_some_and(Option::is_some));
                            out.extend(v.iter().copied());
                        }
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
