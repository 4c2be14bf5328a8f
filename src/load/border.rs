//! Turns the features of a GeoJSON file into one [`Border`]: parts joined end to end and
//! oriented, whatever their order and direction in the file (parts that do not join are parts
//! of the border of their own); pre-tagged properties kept.

use std::collections::BTreeMap;
use std::path::Path;

use geo::sweep::{Cross, Intersections};
use geo::{Coord, Geometry, Line, LineIntersection, LineString};

use crate::border::{Border, distance_m};
use crate::error::{Error, Result};
use crate::load::geojson::{InputFile, prop_str};

mod join_index;

/// Parts whose ends are closer than this (metres, geodesic) are joined.
pub const JOIN_TOLERANCE_M: f64 = 1.0;

/// Layer values carried by a feature of the border file itself (pre-tagged input).
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    /// Index of the feature in the file.
    pub feature: usize,
    /// Start of the feature's stretch, metres from the start of the joined border.
    pub from_m: f64,
    /// End of the feature's stretch, metres from the start of the joined border.
    pub to_m: f64,
    /// Layer id → value, from the feature's properties.
    pub values: BTreeMap<String, String>,
    /// The feature's `source` property (`None` when missing or empty: the claim has no
    /// source, and maps say "source not given").
    pub source: Option<String>,
    /// The feature's `as_of` property, a date as text, checked to be one when loaded (`None`
    /// when missing or empty: the claim is undated, in force at every date and below every
    /// dated claim on the same stretch).
    pub as_of: Option<String>,
    /// The feature's `note` property.
    pub note: Option<String>,
}

/// A border read from a file.
#[derive(Debug, Clone)]
pub struct LoadedBorder {
    /// The joined, oriented line (its parts: the chains that do not join).
    pub border: Border,
    /// Pre-tagged stretches (empty when the file carries no layer properties).
    pub tags: Vec<Tag>,
    /// Things the reader should know (a legacy `crs`, a self-crossing line, ...).
    pub warnings: Vec<String>,
}

struct Part {
    coords: Vec<Coord<f64>>,
    feature: usize,
}

/// Builds the border from parsed features. `tag_keys` are the property names read as layer
/// values (e.g. `authority`, `wall`).
pub fn border_from_features(
    input: InputFile,
    file: &Path,
    tag_keys: &[String],
) -> Result<LoadedBorder> {
    let mut warnings = input.warnings;
    let mut parts = Vec::new();
    let mut name = None;
    let mut props_of = BTreeMap::new();
    let mut lines_of = BTreeMap::new();
    if input.features.is_empty() {
        return Err(Error::input("the file has no features")
            .in_file(file)
            .hint("a border file needs at least one LineString or MultiLineString feature"));
    }
    for f in input.features {
        let geom = f.geometry.ok_or_else(|| {
            Error::input("the feature has no geometry (\"geometry\": null)")
                .in_file(file)
                .at_feature(f.index)
                .at_line(f.line, 1)
                .hint("give every feature of a border file a LineString or MultiLineString")
        })?;
        let lines: Vec<LineString<f64>> = match geom {
            Geometry::LineString(l) => vec![l],
            Geometry::MultiLineString(m) => m.0,
            other => {
                return Err(Error::input(format!(
                    "the geometry is a {}; a border needs a LineString or MultiLineString",
                    geometry_name(&other)
                ))
                .in_file(file)
                .at_feature(f.index)
                .at_line(f.line, 1)
                .hint(
                    "for a country polygon, extract the shared border first (bordermap extract)",
                ));
            }
        };
        if name.is_none() {
            name = prop_str(&f.properties, "name");
        }
        props_of.insert(f.index, f.properties);
        lines_of.insert(f.index, f.line);
        for l in lines {
            if l.0.len() < 2 {
                return Err(Error::input(format!(
                    "a LineString has {} position(s); a line needs at least 2",
                    l.0.len()
                ))
                .in_file(file)
                .at_feature(f.index)
                .at_line(f.line, 1)
                .hint("remove the empty part or add its missing positions"));
            }
            check_antimeridian(&l)
                .map_err(|e| e.in_file(file).at_feature(f.index).at_line(f.line, 1))?;
            parts.push(Part {
                coords: l.0,
                feature: f.index,
            });
        }
    }
    let chains = join(parts, file)?;
    let lines: Vec<LineString<f64>> = chains.iter().map(|c| LineString(c.0.clone())).collect();
    // Parts that do not join are parts of their own, in the order `order_parts` gives.
    let order = crate::border::order_parts(&lines);
    let mut ordered = Vec::with_capacity(order.len());
    let mut spans = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        let Some((coords, part_spans)) = chains.get(i) else {
            continue;
        };
        ordered.push(LineString(coords.clone()));
        spans.extend(part_spans.iter().map(|&(f, a, b)| (f, k, a, b)));
    }
    let border = Border::from_parts(name.unwrap_or_else(|| default_name(file)), ordered)
        .map_err(|e| e.in_file(file))?;
    for (k, line) in border.parts().iter().enumerate() {
        let Some((p, km_a, km_b)) = self_crossing(line) else {
            continue;
        };
        let at = border.part_chainage(k).first().copied().unwrap_or(0.0) / 1000.0;
        warnings.push(format!(
            "{}: the line crosses itself near [{:.5}, {:.5}] (at km {:.3} and km {:.3}); lengths are measured as drawn, check the order of its positions",
            crate::error::one_line(&super::shown_name(file)),
            p.x,
            p.y,
            at + km_a,
            at + km_b
        ));
    }
    let mut tags = Vec::new();
    for (feature, k, a, b) in spans {
        let Some(props) = props_of.get(&feature) else {
            continue;
        };
        let values: BTreeMap<String, String> = tag_keys
            .iter()
            .filter_map(|k| prop_str(props, k).map(|v| (k.clone(), v)))
            .collect();
        if values.is_empty() {
            continue;
        }
        let ch = border.part_chainage(k);
        let (Some(&ca), Some(&cb)) = (ch.get(a), ch.get(b)) else {
            continue;
        };
        let given = |key: &str| prop_str(props, key).filter(|s| !s.trim().is_empty());
        let as_of = given("as_of");
        if let Some(d) = &as_of {
            crate::date::Date::parse(d).map_err(|e| {
                let line = lines_of.get(&feature).copied().unwrap_or(1);
                e.in_file(file).at_feature(feature).at_line(line, 1)
            })?;
        }
        tags.push(Tag {
            feature,
            from_m: ca.min(cb),
            to_m: ca.max(cb),
            values,
            source: given("source"),
            as_of,
            note: prop_str(props, "note"),
        });
    }
    tags.sort_by(|x, y| {
        x.from_m
            .total_cmp(&y.from_m)
            .then(x.feature.cmp(&y.feature))
    });
    // A feature (it may have several parts) warns once.
    let mut warned = std::collections::BTreeSet::new();
    for t in &tags {
        if let Some(w) = tag_warning(file, t)
            && warned.insert(t.feature)
        {
            warnings.push(w);
        }
    }
    Ok(LoadedBorder {
        border,
        tags,
        warnings,
    })
}

/// The warning for a pre-tagged feature without `as_of` or `source` (`None` when it has
/// both): the file by its name (warnings reach maps and reports, local paths do not), the
/// feature's index, what is missing, how the claim is used, and what to add.
pub fn tag_warning(file: &Path, t: &Tag) -> Option<String> {
    let (missing, used, add) = match (&t.as_of, &t.source) {
        (Some(_), Some(_)) => return None,
        (None, None) => (
            "no \"as_of\" and no \"source\"",
            "used as an undated claim (in force at every date, below any dated claim on the same stretch), source not given",
            "\"as_of\": \"YYYY-MM-DD\" and \"source\": \"...\"",
        ),
        (None, Some(_)) => (
            "no \"as_of\"",
            "used as an undated claim (in force at every date, below any dated claim on the same stretch)",
            "\"as_of\": \"YYYY-MM-DD\"",
        ),
        (Some(_), None) => (
            "no \"source\"",
            "used, source not given",
            "\"source\": \"...\"",
        ),
    };
    let values: Vec<String> = t.values.iter().map(|(k, v)| format!("{k}={v}")).collect();
    Some(crate::error::one_line(&format!(
        "{}, feature {}: layer values ({}) with {missing}: {used}; add {add} to the feature's properties",
        super::shown_name(file),
        t.feature,
        values.join(", ")
    ))
    .into_owned())
}

fn default_name(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "border".to_string())
}

/// The GeoJSON name of a geometry's type.
pub fn geometry_name(g: &Geometry<f64>) -> &'static str {
    match g {
        Geometry::Point(_) => "Point",
        Geometry::MultiPoint(_) => "MultiPoint",
        Geometry::LineString(_) | Geometry::Line(_) => "LineString",
        Geometry::MultiLineString(_) => "MultiLineString",
        Geometry::Polygon(_) | Geometry::Rect(_) | Geometry::Triangle(_) => "Polygon",
        Geometry::MultiPolygon(_) => "MultiPolygon",
        Geometry::GeometryCollection(_) => "GeometryCollection",
    }
}

fn check_antimeridian(l: &LineString<f64>) -> Result<()> {
    for (i, w) in l.0.windows(2).enumerate() {
        if let [a, b] = w
            && crate::geom::crosses_antimeridian(*a, *b)
        {
            return Err(Error::input(format!(
                "the line crosses the antimeridian between positions {i} [{}, {}] and {} [{}, {}]",
                a.x,
                a.y,
                i + 1,
                b.x,
                b.y
            ))
            .hint("lines that cross ±180° longitude are not supported yet; split the border there and map each side"));
        }
    }
    Ok(())
}

/// A joined chain: its coordinates and, per file part in it, (feature, first vertex index,
/// last vertex index) in the chain.
type Chain = (Vec<Coord<f64>>, Vec<(usize, usize, usize)>);

/// Joins parts into chains: parts whose ends lie within [`JOIN_TOLERANCE_M`] are joined end to
/// end, whatever their order and direction in the file; a part that joins no chain starts a
/// chain of its own. Each chain is oriented as most of its length runs in the file (on a tie,
/// from its northern end). Chains come in the order their first parts come in the file.
fn join(mut parts: Vec<Part>, file: &Path) -> Result<Vec<Chain>> {
    if parts.is_empty() {
        return Err(Error::input("the file has no lines")
            .in_file(file)
            .hint("a border file needs at least one LineString or MultiLineString feature"));
    }
    let mut ends = join_index::EndIndex::new(&parts);
    let mut parts: Vec<Option<Part>> = parts.drain(..).map(Some).collect();
    let mut chains = Vec::new();
    let mut next = 0;
    while let Some(i) = (next..parts.len()).find(|&i| parts.get(i).is_some_and(Option::is_some)) {
        next = i + 1;
        if let Some(first) = parts.get_mut(i).and_then(Option::take) {
            chains.push(join_one(first, &mut parts, &mut ends));
        }
    }
    Ok(chains)
}

/// The chain that grows from `first` with the parts of `parts` that join it (removed from
/// `parts`), oriented (see [`join`]).
fn join_one(first: Part, parts: &mut [Option<Part>], ends: &mut join_index::EndIndex) -> Chain {
    // Chain pieces: (coords of the part oriented as placed, feature, forward?, length).
    struct Placed {
        coords: Vec<Coord<f64>>,
        feature: usize,
        forward: bool,
        length: f64,
    }
    let part_len = |c: &[Coord<f64>]| -> f64 {
        c.windows(2)
            .map(|w| match w {
                [a, b] => distance_m(*a, *b),
                _ => 0.0,
            })
            .sum()
    };
    let mut chain: std::collections::VecDeque<Placed> = std::collections::VecDeque::new();
    chain.push_back(Placed {
        length: part_len(&first.coords),
        coords: first.coords,
        feature: first.feature,
        forward: true,
    });
    loop {
        let head = chain
            .front()
            .and_then(|p| p.coords.first())
            .copied()
            .unwrap_or_default();
        let tail = chain
            .back()
            .and_then(|p| p.coords.last())
            .copied()
            .unwrap_or_default();
        // The first remaining part in file order with an end within the tolerance of the
        // tail, else of the head (the index only narrows the parts to look at).
        let mut found = None;
        for i in ends.near(parts, tail, head) {
            let Some((s, e)) = parts
                .get(i)
                .and_then(Option::as_ref)
                .and_then(|p| p.coords.first().zip(p.coords.last()))
            else {
                continue;
            };
            let hit = [(true, tail), (false, head)]
                .into_iter()
                .find_map(|(t, here)| {
                    [(true, *s), (false, *e)]
                        .into_iter()
                        .find(|(_, there)| distance_m(here, *there) <= JOIN_TOLERANCE_M)
                        .map(|(st, _)| (t, st))
                });
            if let Some((t, st)) = hit {
                found = Some((i, t, st));
                break;
            }
        }
        let Some((i, at_tail, part_start)) = found else {
            break;
        };
        let Some(p) = parts.get_mut(i).and_then(Option::take) else {
            break;
        };
        let length = part_len(&p.coords);
        let mut coords = p.coords;
        // At the tail the part must start at the joint; at the head it must end there.
        let forward = part_start == at_tail;
        if !forward {
            coords.reverse();
        }
        let placed = Placed {
            coords,
            feature: p.feature,
            forward,
            length,
        };
        if at_tail {
            chain.push_back(placed);
        } else {
            chain.push_front(placed);
        }
    }
    // Orientation: the direction most of the line (by length) already runs in the file; on a
    // tie, start at the northern end. This does not depend on the order of the parts.
    let fwd: f64 = chain.iter().filter(|p| p.forward).map(|p| p.length).sum();
    let bwd: f64 = chain.iter().filter(|p| !p.forward).map(|p| p.length).sum();
    let start = chain
        .front()
        .and_then(|p| p.coords.first())
        .copied()
        .unwrap_or_default();
    let end = chain
        .back()
        .and_then(|p| p.coords.last())
        .copied()
        .unwrap_or_default();
    let flip = if (fwd - bwd).abs() > 1e-9 {
        bwd > fwd
    } else {
        (end.y, -end.x) > (start.y, -start.x)
    };
    let mut pieces: Vec<Placed> = chain.into_iter().collect();
    if flip {
        pieces.reverse();
        for p in &mut pieces {
            p.coords.reverse();
        }
    }
    let mut coords: Vec<Coord<f64>> = Vec::new();
    let mut spans = Vec::new();
    for p in pieces {
        let mut it = p.coords.into_iter();
        let start_idx;
        match (coords.last(), it.next()) {
            (Some(last), Some(c)) if *last == c => start_idx = coords.len() - 1,
            (_, Some(c)) => {
                start_idx = coords.len();
                coords.push(c);
            }
            (_, None) => continue,
        }
        coords.extend(it);
        spans.push((p.feature, start_idx, coords.len() - 1));
    }
    (coords, spans)
}

/// The first point where the line crosses or touches itself other than at consecutive
/// segments' shared vertex, if any, with its distances along the line (km) on the two
/// segments. Repeated consecutive positions are not crossings: they are skipped.
fn self_crossing(l: &LineString<f64>) -> Option<(Coord<f64>, f64, f64)> {
    #[derive(Clone)]
    struct Seg(usize, Line<f64>);
    impl Cross for Seg {
        type Scalar = f64;
        fn line(&self) -> Line<f64> {
            self.1
        }
    }
    let mut pts = l.0.clone();
    pts.dedup();
    let l = LineString(pts);
    let mut chainage = Vec::with_capacity(l.0.len());
    let mut acc = 0.0;
    for (i, c) in l.0.iter().enumerate() {
        if let Some(prev) = i.checked_sub(1).and_then(|j| l.0.get(j)) {
            acc += distance_m(*prev, *c);
        }
        chainage.push(acc);
    }
    let km = |seg: usize, p: Coord<f64>| -> f64 {
        match (chainage.get(seg), l.0.get(seg)) {
            (Some(c), Some(v)) => (c + distance_m(*v, p)) / 1000.0,
            _ => 0.0,
        }
    };
    let segs = l.lines().enumerate().map(|(i, s)| Seg(i, s));
    let closed = l.0.len() > 3 && l.0.first() == l.0.last();
    let n = l.0.len().saturating_sub(1);
    for (a, b, x) in Intersections::from_iter(segs) {
        let (i, j) = (a.0.min(b.0), a.0.max(b.0));
        let adjacent = j == i + 1 || (closed && i == 0 && j + 1 == n);
        let p = match x {
            LineIntersection::SinglePoint { intersection, .. } => {
                if adjacent {
                    continue;
                }
                intersection
            }
            LineIntersection::Collinear { intersection } => {
                if adjacent && intersection.start == intersection.end {
                    continue;
                }
                intersection.start
            }
        };
        return Some((p, km(i, p), km(j, p)));
    }
    None
}
