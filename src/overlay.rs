//! The segment stage: places every interval in force on a date along the border (linear
//! referencing, zones, snapped places) and cuts the border where any layer changes value.
//! Gaps and overlaps are reported with their km positions, never hidden. No I/O.

use std::collections::BTreeSet;

use crate::border::Border;
use crate::date::Date;
use crate::error::{Detail, Error, Result, Setting};
use crate::load::border::Tag;
use crate::load::layers::{Extent, Interval, Layer, Place, Position, Zone};

/// A snap of a place or coordinate onto the border, reported so readers can judge it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Placement {
    /// Layer of the interval that used it.
    pub layer: String,
    /// Value of that interval.
    pub value: String,
    /// What was snapped, e.g. `place "Abu Kamal"` or `zone circle 55 km around [38.61778, 33.50583]`.
    pub what: String,
    /// Resulting position along the border, metres from its start.
    pub along_m: f64,
    /// Distance from the place to the border, metres (0 for zone crossings).
    pub snap_distance_m: f64,
}

/// An interval placed on the border: `[from_m, to_m]` metres from its start.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Layer id.
    pub layer: usize,
    /// Value.
    pub value: String,
    /// Start, metres from the start of the border.
    pub from_m: f64,
    /// End, metres from the start of the border.
    pub to_m: f64,
    /// Date of the claim; `None` for an undated pre-tagged stretch, which is in force at every
    /// date and below every dated claim (see [`Placed::precedence`]).
    pub as_of: Option<Date>,
    /// Source of the claim; `None` for a pre-tagged stretch without one ("source not given").
    pub source: Option<String>,
    /// Precedence among dated claims (see [`Interval::priority`]).
    pub priority: i32,
    /// Index of the claim in its layer, for stable order.
    pub order: usize,
    /// Where the claim is written: `FILE:LINE` of a layers-file interval (the file by its
    /// name, without its directory), or `feature N` of the border file for a pre-tagged
    /// stretch.
    pub at: String,
    /// The dispute group of the claim ([`Interval::dispute`]).
    pub dispute: Option<usize>,
}

impl Placed {
    /// What decides between claims on the same stretch, highest wins: any dated claim over an
    /// undated one, then the higher `priority`, then the newer `as_of`.
    pub fn precedence(&self) -> (bool, i32, Option<Date>) {
        (self.as_of.is_some(), self.priority, self.as_of)
    }
}

/// What a segment has in one layer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cell {
    /// One value.
    Value(String),
    /// No interval covers this stretch and the layer has no default.
    Gap,
    /// Two or more claims of equal precedence disagree here.
    Conflict(Vec<String>),
    /// Two or more claims that dispute each other (`disputed_by`) disagree here: none
    /// replaces the other.
    Disputed(Vec<String>),
}

impl Cell {
    /// The value as text: the value, `"A | B"` for a conflict, `None` for a gap.
    pub fn text(&self) -> Option<String> {
        match self {
            Cell::Value(v) => Some(v.clone()),
            Cell::Gap => None,
            Cell::Conflict(vs) | Cell::Disputed(vs) => Some(vs.join(" | ")),
        }
    }
}

/// A stretch of the border where no layer changes value.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Start, metres from the start of the border.
    pub from_m: f64,
    /// End, metres from the start of the border.
    pub to_m: f64,
    /// One cell per layer, in layer order.
    pub cells: Vec<Cell>,
    /// Sources of the claims that decided the cells, deduplicated, in layer order (a claim
    /// without a source adds none).
    pub sources: Vec<String>,
    /// Whether a claim without a source decided some cell ("source not given").
    pub unsourced: bool,
    /// The claims of every disputed cell, in layer then file order.
    pub disputed: Vec<DisputedClaim>,
}

/// One side of a disputed stretch: a claim in force there that another disputes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct DisputedClaim {
    /// Layer id.
    pub layer: String,
    /// The value the claim gives.
    pub value: String,
    /// Its source.
    pub source: String,
    /// Where it is written (`FILE:LINE`).
    pub claim: String,
}

/// A stretch where a layer has no value or conflicting values.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Issue {
    /// `gap`, `overlap`, or `disputed` (claims that dispute each other disagree).
    pub kind: &'static str,
    /// Layer id.
    pub layer: String,
    /// Start, metres from the start of the border.
    pub from_m: f64,
    /// End, metres from the start of the border.
    pub to_m: f64,
    /// The conflicting values (overlaps only).
    pub values: Vec<String>,
    /// Where the conflicting claims are written (`FILE:LINE`, or `feature N` of the border
    /// file), overlaps only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<String>,
}

/// The result of the segment stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    /// Layer ids in order; `Segment::cells` follow it.
    pub layers: Vec<String>,
    /// Segments from start to end; they partition `[0, length]`.
    pub segments: Vec<Segment>,
    /// Gaps and overlaps.
    pub issues: Vec<Issue>,
    /// Snaps of places and zone crossings.
    pub placements: Vec<Placement>,
    /// Notes for the reader (newer claims superseding older ones).
    pub notes: Vec<String>,
    /// Warnings (places snapped from far away).
    pub warnings: Vec<String>,
    /// The number of claims in force without a source: pre-tagged stretches without a
    /// `source` property, one per layer value (layers-file intervals always have one).
    pub unsourced: usize,
}

/// Snaps farther than this from the border earn a note (metres).
pub const FAR_SNAP_M: f64 = 50_000.0;

/// Is the claim in force on `date`?
pub fn in_force(as_of: &Date, until: Option<&Date>, date: &Date) -> bool {
    as_of.on_or_before(date) && until.is_none_or(|u| !u.on_or_before(date))
}

mod claims;
mod disputes;
mod issues;
mod sweep;
pub use claims::place_claim;

struct Resolver<'a> {
    border: &'a Border,
    places: &'a [Place],
    file: &'a std::path::Path,
    /// Snaps computed ahead (in parallel), by the exact bits of the point snapped.
    snaps: std::collections::HashMap<(u64, u64), crate::border::Snap>,
}

impl Resolver<'_> {
    /// `border.snap(at)`, from the snaps computed ahead where there is one.
    fn snap(&self, at: geo::Coord<f64>) -> crate::border::Snap {
        match self.snaps.get(&(at.x.to_bits(), at.y.to_bits())) {
            Some(s) => *s,
            None => self.border.snap(at),
        }
    }

    /// Snaps, in parallel, every place and coordinate that the intervals of `layers` in force
    /// on `date` are placed by (each snap is a search along the whole line).
    fn snap_ahead(&mut self, layers: &[Layer], date: &Date) {
        use rayon::prelude::*;
        let mut wanted: Vec<geo::Coord<f64>> = Vec::new();
        for iv in layers.iter().flat_map(|l| &l.intervals) {
            if !in_force(&iv.as_of, iv.until.as_ref(), date) {
                continue;
            }
            let Extent::Between(a, b) = &iv.extent else {
                continue;
            };
            for p in [a, b] {
                let at = match p {
                    Position::Place { name, .. } => self.find_place(name).map(|pl| pl.at),
                    Position::Coord { at, .. } => Some(*at),
                    Position::Start | Position::End | Position::Km(_) | Position::River { .. } => {
                        None
                    }
                };
                if let Some(at) = at
                    && !wanted.contains(&at)
                {
                    wanted.push(at);
                }
            }
        }
        let border = self.border;
        let snaps: Vec<crate::border::Snap> = wanted.par_iter().map(|c| border.snap(*c)).collect();
        self.snaps = wanted
            .iter()
            .map(|c| (c.x.to_bits(), c.y.to_bits()))
            .zip(snaps)
            .collect();
    }

    fn find_place(&self, name: &str) -> Option<&Place> {
        let lower = name.to_lowercase();
        self.places.iter().find(|p| p.name == name).or_else(|| {
            self.places.iter().find(|p| {
                p.name.to_lowercase() == lower
                    || p.names.values().any(|n| n.to_lowercase() == lower)
            })
        })
    }

    fn position(
        &self,
        p: &Position,
        iv: &Interval,
        layer: &str,
        out: &mut Vec<Placement>,
    ) -> Result<f64> {
        let total = self.border.length_m();
        let at_line = |e: Error| e.in_file(self.file).at_line(iv.line, 1);
        let m = match p {
            Position::Start => 0.0,
            Position::End => total,
            Position::Km(k) => k * 1000.0,
            Position::Place { name, offset_km } => {
                let Some(place) = self.find_place(name) else {
                    let known: Vec<&str> = self.places.iter().map(|p| p.name.as_str()).collect();
                    let err = Error::input(format!("unknown place '{name}'"));
                    return Err(at_line(if known.is_empty() {
                        err.hint("no places file is loaded: name one with [dataset] places = \"places.geojson\" or give a places file")
                            .detail(Detail::Missing { setting: Setting::Places })
                    } else {
                        err.hint(format!("known places: {}", known.join(", ")))
                    }));
                };
                let s = self.snap(place.at);
                out.push(Placement {
                    layer: layer.to_string(),
                    value: iv.value.clone(),
                    what: format!("place \"{}\"", place.name),
                    along_m: s.along_m,
                    snap_distance_m: s.distance_m,
                });
                s.along_m + offset_km * 1000.0
            }
            Position::Coord { at, offset_km } => {
                let s = self.snap(*at);
                out.push(Placement {
                    layer: layer.to_string(),
                    value: iv.value.clone(),
                    what: format!("coordinate [{}, {}]", at.x, at.y),
                    along_m: s.along_m,
                    snap_distance_m: s.distance_m,
                });
                s.along_m + offset_km * 1000.0
            }
            Position::River {
                name,
                offset_km,
                course,
                file,
                line,
                column,
            } => {
                let at_pos = |e: Error| e.in_file(self.file).at_line(*line, *column);
                let crossings = self.border.line_crossings(course);
                let s = match crossings.as_slice() {
                    [s] => *s,
                    [] => {
                        return Err(at_pos(
                            Error::input(format!(
                                "the river '{name}' of {} does not cross the border",
                                file.display()
                            ))
                            .hint("a { river = ... } position is where the river's line crosses the border, and this one never does; check the river and the border, or place the stretch with { place = ... } or { km = ... }"),
                        ));
                    }
                    many => {
                        let kms: Vec<String> = many
                            .iter()
                            .map(|c| format!("{:.3}", c.along_m / 1000.0))
                            .collect();
                        return Err(at_pos(
                            Error::input(format!(
                                "the river '{name}' of {} crosses the border {} times (at km {})",
                                file.display(),
                                many.len(),
                                kms.join(", ")
                            ))
                            .hint("a { river = ... } position needs exactly one crossing; place the stretch with { km = ... } or { coord = [lon, lat] } at the crossing you mean"),
                        ));
                    }
                };
                out.push(Placement {
                    layer: layer.to_string(),
                    value: iv.value.clone(),
                    what: format!("river \"{name}\" crossing"),
                    along_m: s.along_m,
                    snap_distance_m: s.distance_m,
                });
                s.along_m + offset_km * 1000.0
            }
        };
        if !(-1e-6..=total + 1e-6).contains(&m) {
            return Err(at_line(
                Error::input(format!(
                    "interval '{}' of layer '{layer}' reaches km {:.3}, outside the line (0 to {:.3} km)",
                    iv.value,
                    m / 1000.0,
                    total / 1000.0
                ))
                .hint("use \"start\"/\"end\", or a km or offset within the line"),
            ));
        }
        Ok(m.clamp(0.0, total))
    }

    fn zone(
        &self,
        z: &Zone,
        iv: &Interval,
        layer: &str,
        out: &mut Vec<Placement>,
    ) -> Result<Vec<(f64, f64)>> {
        let total = self.border.length_m();
        type Inside<'b> = Box<dyn Fn(f64) -> bool + 'b>;
        let (cuts, inside, what): (Vec<f64>, Inside<'_>, String) = match z {
            Zone::Circle { center, radius_m } => (
                self.border.circle_crossings(*center, *radius_m),
                Box::new(move |m| self.border.within_circle(m, *center, *radius_m)),
                format!(
                    "zone: {} km circle around [{}, {}]",
                    radius_m / 1000.0,
                    center.x,
                    center.y
                ),
            ),
            Zone::Polygon(mp) => (
                polygon_crossings(self.border, mp),
                Box::new(move |m| {
                    use geo::Contains;
                    mp.contains(&geo::Point(self.border.point_at(m)))
                }),
                "zone: polygon".to_string(),
            ),
        };
        let mut stops = vec![0.0];
        stops.extend(cuts.iter().copied().filter(|c| *c > 0.0 && *c < total));
        stops.push(total);
        let mut runs: Vec<(f64, f64)> = Vec::new();
        for w in stops.windows(2) {
            let [a, b] = w else { continue };
            if b - a <= 1e-9 || !inside((a + b) / 2.0) {
                continue;
            }
            match runs.last_mut() {
                Some(r) if (r.1 - a).abs() < 1e-9 => r.1 = *b,
                _ => runs.push((*a, *b)),
            }
        }
        if runs.is_empty() {
            let hint = match z {
                Zone::Circle { center, radius_m } => {
                    let s = self.border.snap(*center);
                    format!(
                        "its centre is {:.1} km from the border, the radius {:.1} km; check the centre ([lon, lat]) and radius",
                        s.distance_m / 1000.0,
                        radius_m / 1000.0
                    )
                }
                Zone::Polygon(_) => {
                    "check that the polygon is in [lon, lat] and overlaps the border".to_string()
                }
            };
            return Err(Error::input(format!(
                "the zone of interval '{}' (layer '{layer}') does not touch the border",
                iv.value
            ))
            .in_file(self.file)
            .at_line(iv.line, 1)
            .hint(hint));
        }
        for c in cuts {
            out.push(Placement {
                layer: layer.to_string(),
                value: iv.value.clone(),
                what: what.clone(),
                along_m: c,
                snap_distance_m: 0.0,
            });
        }
        Ok(runs)
    }
}

/// Distances along the border where it crosses the polygon's rings (edges straight in
/// lon/lat). The crossing's position on the border's own segment is taken in lon/lat too,
/// which is exact at the vertices and within millimetres for segments of a few km.
fn polygon_crossings(border: &Border, mp: &geo::MultiPolygon<f64>) -> Vec<f64> {
    use geo::{LineIntersection, line_intersection::line_intersection};
    let mut out = Vec::new();
    let rings: Vec<&geo::LineString<f64>> =
        mp.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .collect();
    let segs = border.parts().iter().enumerate().flat_map(|(k, line)| {
        let ch = border.part_chainage(k);
        line.lines().zip(ch.windows(2))
    });
    for (seg, w) in segs {
        let [c0, c1] = w else {
            continue;
        };
        let d = seg.delta();
        let len2 = d.x * d.x + d.y * d.y;
        if len2 == 0.0 {
            continue;
        }
        for ring in &rings {
            for edge in ring.lines() {
                if let Some(LineIntersection::SinglePoint {
                    intersection: p, ..
                }) = line_intersection(seg, edge)
                {
                    let t = ((p.x - seg.start.x) * d.x + (p.y - seg.start.y) * d.y) / len2;
                    out.push(c0 + t.clamp(0.0, 1.0) * (c1 - c0));
                }
            }
        }
    }
    out.sort_by(f64::total_cmp);
    out.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
    out
}

/// Places every interval of `layers` in force on `date` (and any pre-tagged stretches) on
/// `border`, and cuts it into segments.
pub fn overlay(
    border: &Border,
    layers: &[Layer],
    tags: &[Tag],
    places: &[Place],
    date: &Date,
    layers_file: &std::path::Path,
) -> Result<Overlay> {
    let total = border.length_m();
    let mut ids: Vec<String> = layers.iter().map(|l| l.id.clone()).collect();
    let mut defaults: Vec<Option<String>> = layers.iter().map(|l| l.default.clone()).collect();
    let mut placements = Vec::new();
    let mut notes = Vec::new();
    let mut placed: Vec<Placed> = Vec::new();
    let mut r = Resolver {
        border,
        places,
        file: layers_file,
        snaps: std::collections::HashMap::new(),
    };
    r.snap_ahead(layers, date);
    for (li, layer) in layers.iter().enumerate() {
        for (order, iv) in layer.intervals.iter().enumerate() {
            if !in_force(&iv.as_of, iv.until.as_ref(), date) {
                continue;
            }
            let runs = claims::runs(&r, iv, &layer.id, &mut placements)?;
            for (a, b) in runs {
                placed.push(Placed {
                    layer: li,
                    value: iv.value.clone(),
                    from_m: a,
                    to_m: b,
                    as_of: Some(iv.as_of),
                    source: Some(iv.source.clone()),
                    priority: iv.priority,
                    order,
                    at: format!("{}:{}", crate::load::shown_name(layers_file), iv.line),
                    dispute: iv.dispute,
                });
            }
        }
    }
    // Pre-tagged stretches from the border file: each key is a layer. A stretch without
    // `as_of` is undated: in force at every date, below every dated claim. One without
    // `source` is used all the same, and counted (the loader warned about both).
    let unsourced = place_tags(tags, date, &mut ids, &mut defaults, &mut placed)?;
    // Every place where some interval starts or ends. Ends closer than `CUT_MERGE_M` are one
    // cut, and every interval's ends are moved onto it, so that an interval covers exactly the
    // segments between its ends (and the line's own ends stay cuts).
    let mut ends: Vec<f64> = vec![0.0, total];
    // Where one part ends and the next starts: no segment runs over two parts.
    let joints: Vec<f64> = border.part_spans().iter().skip(1).map(|s| s.0).collect();
    ends.extend(&joints);
    for p in &placed {
        ends.push(p.from_m);
        ends.push(p.to_m);
    }
    ends.retain(|c| (0.0..=total).contains(c));
    ends.sort_by(f64::total_cmp);
    let clusters = merge_cuts(&ends, total);
    let cuts: Vec<f64> = clusters.iter().map(|c| c.2).collect();
    for p in &mut placed {
        p.from_m = onto_cut(&clusters, p.from_m);
        p.to_m = onto_cut(&clusters, p.to_m);
    }
    let (segments, superseded) = cut_segments(&cuts, &joints, &placed, &ids, &defaults);
    for (li, value, as_of, _) in superseded {
        let id = ids.get(li).cloned().unwrap_or_default();
        let note = match as_of {
            Some(as_of) => format!(
                "{id}: the claim '{value}' of {as_of} is superseded in part by a newer or higher-priority claim"
            ),
            None => {
                format!("{id}: the undated claim '{value}' is superseded in part by a dated claim")
            }
        };
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    let mut warnings: Vec<String> = Vec::new();
    for p in &placements {
        if p.snap_distance_m > FAR_SNAP_M {
            let w = format!(
                "{}: {} is {:.1} km from the border; the interval starts or ends at its nearest point",
                p.layer,
                p.what,
                p.snap_distance_m / 1000.0
            );
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
    }
    let mut issues = issues::find_issues(&ids, &segments);
    // Name the claims behind each overlap: those of its values that reach into it.
    for is in issues.iter_mut().filter(|i| i.kind != "gap") {
        let li = ids.iter().position(|id| *id == is.layer);
        for p in &placed {
            if Some(p.layer) == li
                && is.values.contains(&p.value)
                && p.from_m < is.to_m - 1e-6
                && p.to_m > is.from_m + 1e-6
                && !is.claims.contains(&p.at)
            {
                is.claims.push(p.at.clone());
            }
        }
    }
    Ok(Overlay {
        layers: ids,
        segments,
        issues,
        placements,
        notes,
        warnings,
        unsourced,
    })
}

/// Places the pre-tagged stretches of the border file in force on `date`: each key is a layer
/// (new ones are added to `ids` and `defaults`). Returns how many values have no source.
fn place_tags(
    tags: &[Tag],
    date: &Date,
    ids: &mut Vec<String>,
    defaults: &mut Vec<Option<String>>,
    placed: &mut Vec<Placed>,
) -> Result<usize> {
    let mut unsourced = 0;
    for (ti, t) in tags.iter().enumerate() {
        let as_of = match &t.as_of {
            Some(d) => {
                let d = Date::parse(d).map_err(|e| e.at_feature(t.feature))?;
                if !d.on_or_before(date) {
                    continue;
                }
                Some(d)
            }
            None => None,
        };
        if t.source.is_none() {
            unsourced += t.values.len();
        }
        for (k, v) in &t.values {
            let li = match ids.iter().position(|i| i == k) {
                Some(i) => i,
                None => {
                    ids.push(k.clone());
                    defaults.push(None);
                    ids.len() - 1
                }
            };
            placed.push(Placed {
                layer: li,
                value: v.clone(),
                from_m: t.from_m,
                to_m: t.to_m,
                as_of,
                source: t.source.clone(),
                priority: 0,
                order: ti,
                at: format!("feature {} of the border file", t.feature),
                dispute: None,
            });
        }
    }
    Ok(unsourced)
}

/// Claims superseded in part: `(layer, value, as_of, order)`.
type Superseded = BTreeSet<(usize, String, Option<Date>, usize)>;

/// The segments between consecutive `cuts` (metres along the border), each with the winning
/// value of every layer (by precedence), merged where neighbours agree; and the claims that
/// lost somewhere.
fn cut_segments(
    cuts: &[f64],
    joints: &[f64],
    placed: &[Placed],
    ids: &[String],
    defaults: &[Option<String>],
) -> (Vec<Segment>, Superseded) {
    let mut segments: Vec<Segment> = Vec::new();
    let mut superseded = Superseded::new();
    let mut joints = joints.to_vec();
    joints.sort_by(f64::total_cmp);
    // One sweep over the cuts: `active[li]` holds, in `placed` order, the claims of layer
    // `li` that cover the current window (those whose span takes it in, as tested below).
    let (starts, stops) = sweep::covered_windows(cuts, placed);
    let mut active: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); ids.len()];
    for (i, w) in cuts.windows(2).enumerate() {
        for &pi in starts.get(i).into_iter().flatten() {
            if let Some(set) = placed.get(pi).and_then(|p| active.get_mut(p.layer)) {
                set.insert(pi);
            }
        }
        for &pi in stops.get(i).into_iter().flatten() {
            if let Some(set) = placed.get(pi).and_then(|p| active.get_mut(p.layer)) {
                set.remove(&pi);
            }
        }
        let [a, b] = w else { continue };
        let (a, b) = (*a, *b);
        if b - a <= 0.0 {
            continue;
        }
        let mut cells = Vec::with_capacity(ids.len());
        let mut sources: Vec<String> = Vec::new();
        let mut unsourced_here = false;
        let mut disputed: Vec<DisputedClaim> = Vec::new();
        for li in 0..ids.len() {
            let covering: Vec<&Placed> = active
                .get(li)
                .into_iter()
                .flatten()
                .filter_map(|&pi| placed.get(pi))
                .collect();
            let (winners, group) = disputes::winners(&covering);
            for p in &covering {
                if !winners.iter().any(|w| std::ptr::eq(**w, *p)) {
                    superseded.insert((li, p.value.clone(), p.as_of, p.order));
                }
            }
            let values: BTreeSet<&str> = winners.iter().map(|p| p.value.as_str()).collect();
            if group && values.len() > 1 {
                disputed.extend(disputes::sides(ids.get(li), &winners));
            }
            for p in &winners {
                match &p.source {
                    Some(src) if !sources.contains(src) => sources.push(src.clone()),
                    Some(_) => {}
                    None => unsourced_here = true,
                }
            }
            cells.push(match values.len() {
                0 => match defaults.get(li).cloned().flatten() {
                    Some(d) => Cell::Value(d),
                    None => Cell::Gap,
                },
                1 => Cell::Value(values.into_iter().next().unwrap_or_default().to_string()),
                _ if group => Cell::Disputed(values.into_iter().map(str::to_string).collect()),
                _ => Cell::Conflict(values.into_iter().map(str::to_string).collect()),
            });
        }
        // A part's start (`joints`) is never merged over.
        let at_joint = sweep::near_joint(&joints, a);
        match segments.last_mut() {
            Some(s) if s.cells == cells && !at_joint => {
                s.to_m = b;
                s.unsourced |= unsourced_here;
                for src in sources {
                    if !s.sources.contains(&src) {
                        s.sources.push(src);
                    }
                }
                for d in disputed {
                    if !s.disputed.contains(&d) {
                        s.disputed.push(d);
                    }
                }
            }
            _ => segments.push(Segment {
                from_m: a,
                to_m: b,
                cells,
                sources,
                unsourced: unsourced_here,
                disputed,
            }),
        }
    }
    (segments, superseded)
}

/// Interval ends closer than this (metres) make one cut.
const CUT_MERGE_M: f64 = 1e-6;

/// Groups sorted interval ends into cuts: each group starts at its first value and holds the
/// values within [`CUT_MERGE_M`] of it. Returns `(first, last, cut)` per group; the cut is the
/// first value, or 0 / `total` when the group holds an end of the line.
fn merge_cuts(sorted: &[f64], total: f64) -> Vec<(f64, f64, f64)> {
    let mut out: Vec<(f64, f64, f64)> = Vec::new();
    for &v in sorted {
        match out.last_mut() {
            Some(g) if v - g.0 < CUT_MERGE_M => g.1 = v,
            _ => out.push((v, v, v)),
        }
    }
    for g in &mut out {
        if g.1 >= total {
            g.2 = total;
        }
        if g.0 <= 0.0 {
            g.2 = 0.0;
        }
    }
    out
}

/// The cut that `m` was merged into (`m` itself if it is in no group).
fn onto_cut(groups: &[(f64, f64, f64)], m: f64) -> f64 {
    let i = groups.partition_point(|g| g.0 <= m);
    match i.checked_sub(1).and_then(|i| groups.get(i)) {
        Some(g) if m <= g.1 => g.2,
        _ => m,
    }
}
