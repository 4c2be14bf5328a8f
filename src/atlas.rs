//! Every land border in a countries file: pairs of countries that share arcs (TopoJSON) or
//! ring edges (GeoJSON polygons), each chained into ordered pieces and measured. No I/O.

use std::collections::{BTreeMap, BTreeSet};

use geo::{Coord, LineString};
use rayon::prelude::*;
use serde_json::Value;

use crate::border::Border;
use crate::extract::SharedBorder;
use crate::layout::slug;
use crate::load::Countries;

/// One land border of an atlas.
#[derive(Debug, Clone, PartialEq)]
pub struct AtlasEntry {
    /// The border, pieces ordered from their northern ends.
    pub shared: SharedBorder,
    /// Geodesic length of all pieces, metres (WGS84); pieces that could not be measured
    /// (antimeridian) count 0 and are listed in `problems`.
    pub length_m: f64,
    /// A file-name-safe id, e.g. `iraq-368--syria-760`.
    pub slug: String,
    /// Things handled but worth knowing: missing ids, spikes, antimeridian crossings.
    pub problems: Vec<String>,
}

fn name_of(
    id: Option<&str>,
    props: &serde_json::Map<String, Value>,
    index: usize,
) -> (String, bool) {
    let name = props
        .get("name")
        .or_else(|| props.get("NAME"))
        .or_else(|| props.get("ADMIN"))
        .and_then(Value::as_str);
    match (name, id) {
        (Some(n), Some(i)) => (format!("{n} ({i})"), true),
        (Some(n), None) => (n.to_string(), false),
        (None, Some(i)) => (i.to_string(), true),
        (None, None) => (format!("feature {index}"), false),
    }
}

/// All land borders of `countries`, sorted by the pair's names. Work is spread over threads
/// (rayon); the result does not depend on the number of threads.
pub fn borders(countries: &Countries) -> Vec<AtlasEntry> {
    // pair (a, b) with a < b (geometry indices) → pieces as coordinate lists.
    let mut pairs: BTreeMap<(usize, usize), Vec<Vec<Coord<f64>>>> = BTreeMap::new();
    let mut names: BTreeMap<usize, (String, bool)> = BTreeMap::new();
    match countries {
        Countries::Topology(t) => {
            let mut users: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
            let object = t.country_object().map(str::to_string);
            for g in t
                .geometries
                .iter()
                .filter(|g| Some(&g.object) == object.as_ref())
            {
                names.insert(g.index, name_of(g.id.as_deref(), &g.properties, g.index));
                for r in g.rings.iter().flatten() {
                    if let Ok(i) = usize::try_from(if *r < 0 { !*r } else { *r }) {
                        users.entry(i).or_default().insert(g.index);
                    }
                }
            }
            for (arc, us) in users {
                let us: Vec<usize> = us.into_iter().collect();
                if let ([a, b], Some(coords)) = (us.as_slice(), t.arcs.get(arc))
                    && coords.len() >= 2
                {
                    pairs.entry((*a, *b)).or_default().push(coords.clone());
                }
            }
        }
        Countries::Polygons(features) => {
            let q = |c: &Coord<f64>| {
                let t = crate::extract::DEFAULT_TOLERANCE_DEG;
                ((c.x / t).round() as i64, (c.y / t).round() as i64)
            };
            type Key = (i64, i64);
            /// Which features use an edge, and the edge's coordinates as first seen.
            type Users = (BTreeSet<usize>, Coord<f64>, Coord<f64>);
            let mut edges: BTreeMap<(Key, Key), Users> = BTreeMap::new();
            for f in features {
                let id = f.properties.get("id").and_then(Value::as_str);
                names.insert(f.index, name_of(id, &f.properties, f.index));
                let polys: Vec<&geo::Polygon<f64>> = match &f.geometry {
                    Some(geo::Geometry::Polygon(p)) => vec![p],
                    Some(geo::Geometry::MultiPolygon(m)) => m.0.iter().collect(),
                    _ => Vec::new(),
                };
                for p in polys {
                    for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
                        for l in ring.lines() {
                            let (s, e) = (q(&l.start), q(&l.end));
                            if s == e {
                                continue;
                            }
                            let entry = edges.entry((s.min(e), s.max(e))).or_insert((
                                BTreeSet::new(),
                                l.start,
                                l.end,
                            ));
                            entry.0.insert(f.index);
                        }
                    }
                }
            }
            for (_, (us, s, e)) in edges {
                let us: Vec<usize> = us.into_iter().collect();
                if let [a, b] = us.as_slice() {
                    pairs.entry((*a, *b)).or_default().push(vec![s, e]);
                }
            }
        }
    }
    let jobs: Vec<_> = pairs.into_iter().collect();
    let mut out: Vec<AtlasEntry> = jobs
        .into_par_iter()
        .map(|((a, b), parts)| {
            let (na, ida) = names.get(&a).cloned().unwrap_or_default();
            let (nb, idb) = names.get(&b).cloned().unwrap_or_default();
            let mut problems = Vec::new();
            for (n, has) in [(&na, ida), (&nb, idb)] {
                if !has {
                    problems.push(format!("{n} has no id"));
                }
            }
            let pieces = crate::extract::chain_parts(parts);
            let mut length_m = 0.0;
            for p in &pieces {
                if crate::geom::line_crosses_antimeridian(&p.0) {
                    problems.push("a piece crosses the antimeridian: not measured".to_string());
                    continue;
                }
                if is_spike(p) {
                    problems.push(format!(
                        "a degenerate piece of {} vertices folds back on itself",
                        p.0.len()
                    ));
                }
                if let Ok(bd) = Border::new("", p.clone()) {
                    length_m += bd.length_m();
                }
            }
            let slug = format!("{}--{}", slug(&na), slug(&nb));
            AtlasEntry {
                shared: SharedBorder {
                    names: [na, nb],
                    pieces,
                },
                length_m,
                slug,
                problems,
            }
        })
        .collect();
    out.sort_by(|x, y| {
        x.shared
            .names
            .cmp(&y.shared.names)
            .then(x.slug.cmp(&y.slug))
    });
    out
}

/// A piece that comes back to where it started along the same edges (e.g. A→B→A).
fn is_spike(l: &LineString<f64>) -> bool {
    let n = l.0.len();
    n >= 3 && l.0.first() == l.0.last() && {
        let half = n / 2;
        (0..half).all(|i| l.0.get(i) == l.0.get(n - 1 - i))
    }
}
