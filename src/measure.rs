//! The measure stage: lengths of segments and totals per layer value, in metres on the WGS84
//! ellipsoid, with shares of the whole. No I/O, no projection.

use geo::LineString;

use crate::border::Border;
use crate::date::Date;
use crate::load::layers::{Layer, Unplaced};
use crate::overlay::{Issue, Overlay, Placement};

/// How lengths are measured, as written in every output.
pub const METHOD: &str = "geodesic on the WGS84 ellipsoid (Karney 2013, via geo::Geodesic)";

/// Label of stretches where a layer has no value.
pub const GAP_LABEL: &str = "(no data)";

/// A measured segment.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasuredSegment {
    /// 0-based index from the start of the border.
    pub index: usize,
    /// Start, metres from the start of the border.
    pub from_m: f64,
    /// End, metres from the start of the border.
    pub to_m: f64,
    /// Geodesic length, metres (`to_m - from_m`: chainage is geodesic).
    pub length_m: f64,
    /// `(layer id, value)` in layer order; `None` where the layer has no value (a gap).
    pub values: Vec<(String, Option<String>)>,
    /// Sources of the claims that decided the values (a claim without a source adds none).
    pub sources: Vec<String>,
    /// Whether a claim without a source decided some value (maps say "source not given").
    pub unsourced: bool,
    /// The segment's geometry, `[lon, lat]`; its ends lie on the border's geodesics.
    pub line: LineString<f64>,
    /// The 0-based part of the border the segment lies on (a segment never runs over two
    /// parts); `None` on a border of one part, whose reports carry no part.
    pub part: Option<usize>,
    /// Where claims that dispute each other disagree on this segment: every side, with its
    /// value and source (empty when nothing is disputed here).
    pub disputed: Vec<crate::overlay::DisputedClaim>,
}

impl MeasuredSegment {
    /// The value of `layer` on this segment, if any.
    pub fn value(&self, layer: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(l, _)| l == layer)
            .and_then(|(_, v)| v.as_deref())
    }
}

/// Total length of one value of a layer.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueTotal {
    /// The value ([`GAP_LABEL`] for stretches without one).
    pub value: String,
    /// Sum of segment lengths, metres.
    pub length_m: f64,
    /// `length_m` divided by the border's length (0..1).
    pub share: f64,
}

/// Totals of one layer.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerTotals {
    /// Layer id.
    pub id: String,
    /// Layer title.
    pub title: String,
    /// One entry per value, in the order the layers file lists them.
    pub values: Vec<ValueTotal>,
    /// Date of the newest claim in this layer (in force or not).
    pub newest: Option<Date>,
    /// Every value the layer's claims name (placed or not, in force or not), so a value
    /// absent on this date still measures 0 m instead of being unknown.
    pub known: Vec<String>,
}

/// Everything measured about a border on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// Name of the border.
    pub name: String,
    /// Total geodesic length, metres.
    pub total_m: f64,
    /// The date the claims were selected for (`None` when there are no dated claims).
    pub as_of: Option<Date>,
    /// Segments from start to end.
    pub segments: Vec<MeasuredSegment>,
    /// Totals per layer.
    pub layers: Vec<LayerTotals>,
    /// Gaps and overlaps.
    pub issues: Vec<Issue>,
    /// Snapped places and zone crossings.
    pub placements: Vec<Placement>,
    /// Claims with no place on the border, in force on `as_of`: `(layer id, claim)`.
    pub unplaced: Vec<(String, Unplaced)>,
    /// Warnings: stale data, gaps, overlaps, far snaps, legacy members, self-crossings,
    /// pre-tagged features without `as_of` or `source`.
    pub warnings: Vec<String>,
    /// Notes for the reader: newer or higher-priority claims superseding older ones.
    pub notes: Vec<String>,
    /// The number of claims in force without a source (pre-tagged stretches without a
    /// `source` property, one per layer value); `check -e unsourced=0` tests it.
    pub unsourced: usize,
    /// The version of the data measured (set by [`crate::Dataset::measure`]).
    pub version: Option<crate::version::DatasetVersion>,
}

impl Measured {
    /// Total of `value` in `layer`, metres (0 when absent).
    pub fn total_of(&self, layer: &str, value: &str) -> f64 {
        self.layers
            .iter()
            .filter(|l| l.id == layer)
            .flat_map(|l| &l.values)
            .filter(|v| v.value == value)
            .map(|v| v.length_m)
            .sum()
    }

    /// Number of gaps / overlaps.
    pub fn count(&self, kind: &str) -> usize {
        self.issues.iter().filter(|i| i.kind == kind).count()
    }

    /// The warnings as a command line shows them: an overlap also says where its claims are
    /// written (`FILE:LINE`) and how to resolve it. [`Measured::warnings`] keep the reader's
    /// form (maps print them, and local paths have no place on a published map).
    pub fn console_warnings(&self) -> Vec<String> {
        self.warnings
            .iter()
            .map(|w| {
                match self
                    .issues
                    .iter()
                    .find(|i| i.kind == "overlap" && !i.claims.is_empty() && overlap_text(i) == *w)
                {
                    Some(i) => format!(
                        "{w} (claims at {}); give one claim a higher priority, or end the older one with `until`",
                        i.claims.join(", ")
                    ),
                    None => w.clone(),
                }
            })
            .collect()
    }
}

/// The reader's text of an overlap.
fn overlap_text(i: &Issue) -> String {
    format!(
        "{}: conflicting values {} from km {:.1} to km {:.1}",
        i.layer,
        i.values.join(" and "),
        i.from_m / 1000.0,
        i.to_m / 1000.0
    )
}

/// The warning that a layer's newest source (`newest`) is older than the as-of date.
pub fn stale_warning(layer: &str, newest: &Date, as_of: &Date) -> String {
    format!(
        "{layer}: the newest source is of {newest}, older than the as-of date {as_of}: the data may be out of date"
    )
}

/// The warning that no claim gives a layer a value from `from_m` to `to_m` (metres).
pub fn gap_warning(layer: &str, from_m: f64, to_m: f64) -> String {
    format!(
        "{layer}: no value from km {:.1} to km {:.1}",
        from_m / 1000.0,
        to_m / 1000.0
    )
}

/// Measures the segments of `overlay` on `border`.
pub fn measure(
    border: &Border,
    overlay: &Overlay,
    layers: &[Layer],
    as_of: Option<Date>,
    mut warnings: Vec<String>,
) -> Measured {
    let total = border.length_m();
    let segments: Vec<MeasuredSegment> = overlay
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| MeasuredSegment {
            index: i,
            from_m: s.from_m,
            to_m: s.to_m,
            length_m: s.to_m - s.from_m,
            values: overlay
                .layers
                .iter()
                .zip(&s.cells)
                .map(|(l, c)| (l.clone(), c.text()))
                .collect(),
            sources: s.sources.clone(),
            unsourced: s.unsourced,
            line: border.slice(s.from_m, s.to_m),
            part: (border.parts().len() > 1).then(|| border.part_at((s.from_m + s.to_m) / 2.0)),
            disputed: s.disputed.clone(),
        })
        .collect();
    let mut out_layers = Vec::new();
    for (li, id) in overlay.layers.iter().enumerate() {
        let def = layers.iter().find(|l| &l.id == id);
        // Legend order: as the layers file lists values, then the default, then the rest.
        let mut order: Vec<String> = Vec::new();
        if let Some(d) = def {
            for iv in &d.intervals {
                if !order.contains(&iv.value) {
                    order.push(iv.value.clone());
                }
            }
            if let Some(dv) = &d.default
                && !order.contains(dv)
            {
                order.push(dv.clone());
            }
        }
        let mut values: Vec<ValueTotal> = Vec::new();
        for s in &segments {
            let v = s
                .values
                .get(li)
                .and_then(|(_, v)| v.clone())
                .unwrap_or_else(|| GAP_LABEL.to_string());
            match values.iter_mut().find(|x| x.value == v) {
                Some(x) => x.length_m += s.length_m,
                None => values.push(ValueTotal {
                    value: v,
                    length_m: s.length_m,
                    share: 0.0,
                }),
            }
        }
        let rank = |v: &str| order.iter().position(|o| o == v).unwrap_or(usize::MAX);
        values.sort_by_key(|v| rank(&v.value));
        for v in &mut values {
            v.share = if total > 0.0 { v.length_m / total } else { 0.0 };
        }
        let newest = def.and_then(|d| {
            d.intervals
                .iter()
                .map(|i| i.as_of)
                .chain(d.unplaced.iter().map(|u| u.as_of))
                .max()
        });
        if let (Some(n), Some(as_of)) = (newest, as_of)
            && !as_of.on_or_before(&n)
        {
            warnings.push(stale_warning(id, &n, &as_of));
        }
        out_layers.push(LayerTotals {
            id: id.clone(),
            title: def.map_or_else(|| id.clone(), |d| d.title.clone()),
            values,
            newest,
            known: def.map_or_else(Vec::new, |d| {
                let mut k: Vec<String> = Vec::new();
                let vals = d
                    .intervals
                    .iter()
                    .map(|i| &i.value)
                    .chain(d.unplaced.iter().map(|u| &u.value))
                    .chain(d.default.iter());
                for v in vals {
                    if !k.contains(v) {
                        k.push(v.clone());
                    }
                }
                k
            }),
        });
    }
    let unplaced = layers
        .iter()
        .flat_map(|l| {
            l.unplaced
                .iter()
                .filter(|u| as_of.is_some_and(|d| u.as_of.on_or_before(&d)))
                .map(move |u| (l.id.clone(), u.clone()))
        })
        .collect();
    warnings.extend(overlay.warnings.iter().cloned());
    // A disputed stretch is data the editor wrote on purpose, not a warning: it is in the
    // issues, the segments' `disputed` and the map's legend.
    for i in overlay.issues.iter().filter(|i| i.kind != "disputed") {
        warnings.push(match i.kind {
            "gap" => gap_warning(&i.layer, i.from_m, i.to_m),
            _ => overlap_text(i),
        });
    }
    Measured {
        name: border.name.clone(),
        total_m: total,
        as_of,
        segments,
        layers: out_layers,
        issues: overlay.issues.clone(),
        placements: overlay.placements.clone(),
        unplaced,
        warnings,
        notes: overlay.notes.clone(),
        unsourced: overlay.unsourced,
        version: None,
    }
}
