//! The shared border of two countries, as one ordered line (or several pieces), from a TopoJSON
//! topology (shared arcs) or from GeoJSON polygons (shared boundary edges). No I/O.

use std::collections::{BTreeMap, BTreeSet};

use geo::{Coord, Geometry, LineString};
use serde_json::Value;

use crate::error::{Detail, Error, Result, Setting};
use crate::load::geojson::InputFeature;
use crate::load::topojson::Topology;

/// Property names tried when matching a country by code or name.
const NAME_KEYS: &[&str] = &[
    "name", "NAME", "name_en", "NAME_EN", "admin", "ADMIN", "iso_a3", "ISO_A3", "adm0_a3",
    "ADM0_A3", "iso_a2", "ISO_A2", "iso_n3", "ISO_N3", "A3",
];

/// A shared border: one or more pieces, each ordered from its northern end.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedBorder {
    /// Display names of the two countries, as matched.
    pub names: [String; 2],
    /// The pieces, `[lon, lat]`; one piece for a border that runs unbroken between tripoints.
    pub pieces: Vec<LineString<f64>>,
}

impl SharedBorder {
    /// Total number of vertices in all pieces.
    pub fn vertices(&self) -> usize {
        self.pieces.iter().map(|p| p.0.len()).sum()
    }
}

fn label(id: Option<&str>, props: &serde_json::Map<String, Value>) -> String {
    let name = props.get("name").and_then(Value::as_str);
    match (name, id) {
        (Some(n), Some(i)) => format!("{n} ({i})"),
        (Some(n), None) => n.to_string(),
        (None, Some(i)) => i.to_string(),
        (None, None) => "(unnamed)".to_string(),
    }
}

fn matches(q: &str, id: Option<&str>, props: &serde_json::Map<String, Value>) -> bool {
    let q = q.trim().to_lowercase();
    if id.is_some_and(|i| i.to_lowercase() == q) {
        return true;
    }
    NAME_KEYS.iter().any(|k| match props.get(*k) {
        Some(Value::String(s)) => s.to_lowercase() == q,
        Some(Value::Number(n)) => n.to_string() == q,
        _ => false,
    })
}

type Props = serde_json::Map<String, Value>;

fn topo_key(g: &crate::load::topojson::TopoGeometry) -> (Option<&str>, &Props) {
    (g.id.as_deref(), &g.properties)
}

fn feature_key(f: &InputFeature) -> (Option<&str>, &Props) {
    (
        f.properties.get("id").and_then(Value::as_str),
        &f.properties,
    )
}

fn pick<'a, T>(
    items: &'a [T],
    q: &str,
    key: impl Fn(&T) -> (Option<&str>, &serde_json::Map<String, Value>),
) -> Result<&'a T> {
    let hits: Vec<&T> = items
        .iter()
        .filter(|t| {
            let (id, p) = key(t);
            matches(q, id, p)
        })
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => {
            let names: Vec<String> = items
                .iter()
                .map(|t| {
                    let (id, p) = key(t);
                    label(id, p)
                })
                .collect();
            let near = closest(q, &names);
            let hint = if near.is_empty() {
                "match by id (e.g. 368), ISO code or name property (e.g. Iraq)".to_string()
            } else {
                format!(
                    "closest names: {}; or match by id (e.g. 368) or ISO code",
                    near.join(", ")
                )
            };
            Err(Error::input(format!("no country matches '{q}'")).hint(hint))
        }
        many => Err(Error::input(format!(
            "'{q}' matches {} countries: {}",
            many.len(),
            many.iter()
                .map(|t| {
                    let (id, p) = key(t);
                    label(id, p)
                })
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .hint("use the id")),
    }
}

/// Up to three of `names` closest to `q` (Jaro–Winkler similarity of the lower-cased names,
/// at least 0.7), most similar first; the `(id)` of a label is not compared.
fn closest(q: &str, names: &[String]) -> Vec<String> {
    let q = q.trim().to_lowercase();
    let mut scored: Vec<(f64, &String)> = names
        .iter()
        .map(|n| {
            let plain = n.rsplit_once(" (").map_or(n.as_str(), |(a, _)| a);
            (strsim::jaro_winkler(&q, &plain.to_lowercase()), n)
        })
        .filter(|(s, _)| *s >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, n)| n.clone()).collect()
}

/// The border shared by countries `a` and `b` of a topology: the arcs both use.
pub fn from_topology(topo: &Topology, a: &str, b: &str) -> Result<SharedBorder> {
    let object = topo.country_object().map(str::to_string);
    let countries: Vec<crate::load::topojson::TopoGeometry> = topo
        .geometries
        .iter()
        .filter(|g| Some(&g.object) == object.as_ref())
        .cloned()
        .collect();
    let ga = pick(&countries, a, topo_key)?;
    let gb = pick(&countries, b, topo_key)?;
    let arcs_of = |g: &crate::load::topojson::TopoGeometry| -> BTreeSet<usize> {
        g.rings
            .iter()
            .flatten()
            .map(|r| if *r < 0 { !*r } else { *r })
            .filter_map(|i| usize::try_from(i).ok())
            .collect()
    };
    let shared: Vec<usize> = arcs_of(ga).intersection(&arcs_of(gb)).copied().collect();
    let names = [
        label(ga.id.as_deref(), &ga.properties),
        label(gb.id.as_deref(), &gb.properties),
    ];
    if shared.is_empty() {
        return Err(Error::input(format!(
            "{} and {} share no border in this topology",
            names[0], names[1]
        ))
        .hint("check the two countries; neighbours share arcs"));
    }
    let parts: Vec<Vec<Coord<f64>>> = shared
        .iter()
        .filter_map(|i| topo.arcs.get(*i).cloned())
        .filter(|a| a.len() >= 2)
        .collect();
    Ok(SharedBorder {
        names,
        pieces: chain_parts(parts),
    })
}

/// Grid step (degrees) to which polygon vertices are snapped before edges are compared.
pub const DEFAULT_TOLERANCE_DEG: f64 = 1e-7;

/// The border shared by countries `a` and `b` given as GeoJSON (Multi)Polygon features: the
/// ring edges both have (either direction), vertices compared on a `tolerance_deg` grid.
pub fn from_polygons(
    features: &[InputFeature],
    a: &str,
    b: &str,
    tolerance_deg: f64,
) -> Result<SharedBorder> {
    let fa = pick(features, a, feature_key)?;
    let fb = pick(features, b, feature_key)?;
    let names = [label(None, &fa.properties), label(None, &fb.properties)];
    let q = |c: &Coord<f64>| {
        (
            (c.x / tolerance_deg).round() as i64,
            (c.y / tolerance_deg).round() as i64,
        )
    };
    let rings = |f: &InputFeature| -> Vec<LineString<f64>> {
        match &f.geometry {
            Some(Geometry::Polygon(p)) => std::iter::once(p.exterior().clone())
                .chain(p.interiors().iter().cloned())
                .collect(),
            Some(Geometry::MultiPolygon(m)) => {
                m.0.iter()
                    .flat_map(|p| {
                        std::iter::once(p.exterior().clone()).chain(p.interiors().iter().cloned())
                    })
                    .collect()
            }
            _ => Vec::new(),
        }
    };
    let mut edges_b = BTreeSet::new();
    for r in rings(fb) {
        for l in r.lines() {
            let (s, e) = (q(&l.start), q(&l.end));
            edges_b.insert((s.min(e), s.max(e)));
        }
    }
    let mut parts: Vec<Vec<Coord<f64>>> = Vec::new();
    for r in rings(fa) {
        let mut cur: Vec<Coord<f64>> = Vec::new();
        for l in r.lines() {
            let (s, e) = (q(&l.start), q(&l.end));
            if s != e && edges_b.contains(&(s.min(e), s.max(e))) {
                if cur.last() != Some(&l.start) {
                    if cur.len() >= 2 {
                        parts.push(std::mem::take(&mut cur));
                    }
                    cur = vec![l.start];
                }
                cur.push(l.end);
            } else if cur.len() >= 2 {
                parts.push(std::mem::take(&mut cur));
            } else {
                cur.clear();
            }
        }
        if cur.len() >= 2 {
            parts.push(cur);
        }
    }
    if parts.is_empty() {
        return Err(Error::input(format!(
            "{} and {} share no boundary edges",
            names[0], names[1]
        ))
        .hint("the polygons must share vertices; try a larger tolerance or a TopoJSON file")
        .detail(Detail::Unsuitable {
            setting: Setting::Tolerance,
        }));
    }
    Ok(SharedBorder {
        names,
        pieces: chain_parts(parts),
    })
}

/// Chains parts that share end points exactly into as few lines as possible; each line starts
/// at its northern end (then western); pieces are sorted north to south.
pub fn chain_parts(parts: Vec<Vec<Coord<f64>>>) -> Vec<LineString<f64>> {
    let key = |c: &Coord<f64>| (c.x.to_bits(), c.y.to_bits());
    let mut remaining: BTreeMap<usize, Vec<Coord<f64>>> = parts.into_iter().enumerate().collect();
    let mut out = Vec::new();
    while let Some((_, first)) = remaining.pop_first() {
        let mut line = std::collections::VecDeque::from(first);
        while let (Some(head), Some(tail)) = (line.front().copied(), line.back().copied()) {
            let found = remaining.iter().find_map(|(i, p)| {
                let (s, e) = (p.first()?, p.last()?);
                if key(s) == key(&tail) {
                    Some((*i, true, false))
                } else if key(e) == key(&tail) {
                    Some((*i, true, true))
                } else if key(e) == key(&head) {
                    Some((*i, false, false))
                } else if key(s) == key(&head) {
                    Some((*i, false, true))
                } else {
                    None
                }
            });
            let Some((i, at_tail, reverse)) = found else {
                break;
            };
            let Some(mut p) = remaining.remove(&i) else {
                break;
            };
            if reverse {
                p.reverse();
            }
            if at_tail {
                line.extend(p.into_iter().skip(1));
            } else {
                let n = p.len().saturating_sub(1);
                for c in p.into_iter().take(n).rev() {
                    line.push_front(c);
                }
            }
        }
        let mut v: Vec<Coord<f64>> = line.into_iter().collect();
        if let (Some(s), Some(e)) = (v.first(), v.last())
            && (e.y, -e.x) > (s.y, -s.x)
        {
            v.reverse();
        }
        out.push(LineString(v));
    }
    out.sort_by(|a, b| {
        let ka = a.0.first().map_or(0.0, |c| c.y);
        let kb = b.0.first().map_or(0.0, |c| c.y);
        kb.total_cmp(&ka)
    });
    out
}
