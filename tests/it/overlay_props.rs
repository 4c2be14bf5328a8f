//! Properties of the overlay on synthetic borders and random dated intervals: segments
//! partition the line, cells follow the precedence rules (higher priority, then newer `as_of`;
//! a tie of different values is a conflict), gaps and overlaps are reported exactly where they
//! are and nowhere else, and lengths add up.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use bordermap::load::layers::{Extent, Interval, Layer, Position};
use bordermap::overlay::{Cell, Overlay, in_force, overlay};
use bordermap::{Border, Date, Layers, measure};
use geo::{Coord, LineString};
use proptest::prelude::*;

use super::date;

const DATES: [&str; 5] = ["2020", "2021-06", "2022-03-27", "2023-01-01", "2024-05-12"];
const ON: [&str; 4] = ["2019-12-31", "2022-03-27", "2023-06-01", "2030-01-01"];
const VALUES: [&str; 3] = ["a", "b", "c"];

/// One generated claim: fractions of the line, indices into `DATES` and `VALUES`.
#[derive(Debug, Clone)]
struct Claim {
    from: f64,
    to: f64,
    value: usize,
    as_of: usize,
    until: Option<usize>,
    priority: i32,
}

fn border_strategy() -> impl Strategy<Value = Border> {
    (
        -170.0..170.0f64,
        -70.0..70.0f64,
        proptest::collection::vec((-0.5..0.5f64, -0.5..0.5f64), 1..10),
    )
        .prop_map(|(x0, y0, steps)| {
            let mut c = vec![Coord { x: x0, y: y0 }];
            for (dx, dy) in steps {
                let last = c[c.len() - 1];
                c.push(Coord {
                    x: last.x + dx,
                    y: last.y + dy,
                });
            }
            Border::new("synthetic", LineString(c)).unwrap()
        })
        .prop_filter("a line of some length", |b| b.length_m() > 1.0)
}

/// A position as a fraction of the line: anywhere, or on a coarse grid so that ends of
/// different claims coincide exactly.
fn frac() -> impl Strategy<Value = f64> {
    prop_oneof![0.0..=1.0f64, (0..=8u32).prop_map(|i| f64::from(i) / 8.0)]
}

fn claim() -> impl Strategy<Value = Claim> {
    (
        frac(),
        frac(),
        0..VALUES.len(),
        0..DATES.len(),
        proptest::option::of(0..DATES.len()),
        0..2i32,
    )
        .prop_map(|(a, b, value, as_of, until, priority)| Claim {
            from: a.min(b),
            to: a.max(b),
            value,
            as_of,
            // `until` must be after `as_of`, as the layers file requires.
            until: until.filter(|u| *u > as_of),
            priority,
        })
}

fn km(border: &Border, f: f64) -> f64 {
    f * border.length_m() / 1000.0
}

/// Metres of a fraction, exactly as the overlay computes it from `{ km = ... }`.
fn metres(border: &Border, f: f64) -> f64 {
    (km(border, f) * 1000.0).clamp(0.0, border.length_m())
}

fn layer(border: &Border, id: &str, default: Option<&str>, claims: &[Claim]) -> Layer {
    Layer {
        id: id.to_string(),
        title: id.to_string(),
        default: default.map(str::to_string),
        intervals: claims
            .iter()
            .map(|c| Interval {
                value: VALUES[c.value].to_string(),
                extent: Extent::Between(
                    Position::Km(km(border, c.from)),
                    Position::Km(km(border, c.to)),
                ),
                as_of: date(DATES[c.as_of]),
                until: c.until.map(|u| date(DATES[u])),
                source: format!("source {}", c.as_of),
                note: None,
                priority: c.priority,
                cite: None,
                approximate: false,
                line: 0,
                id: None,
                url: None,
                accessed: None,
                source_ids: Vec::new(),
                dispute: None,
            })
            .collect(),
        unplaced: Vec::new(),
        value_names: BTreeMap::new(),
        title_names: BTreeMap::new(),
        casings: BTreeMap::new(),
    }
}

fn run(border: &Border, layers: &[Layer], on: &Date) -> Overlay {
    overlay(border, layers, &[], &[], on, Path::new("synthetic.toml")).unwrap()
}

/// What the layer should hold at `m` metres (inside a segment), by the rules alone.
fn expected_cell(border: &Border, l: &Layer, claims: &[Claim], on: &Date, m: f64) -> Cell {
    let covering: Vec<&Claim> = claims
        .iter()
        .filter(|c| {
            let until = c.until.map(|u| date(DATES[u]));
            let (a, b) = (metres(border, c.from), metres(border, c.to));
            // A claim of no length covers no segment; one ending at `m` (a cut inside a
            // merged segment) covers one side of it, which has the segment's cell.
            in_force(&date(DATES[c.as_of]), until.as_ref(), on) && a < b && a <= m && m <= b
        })
        .collect();
    let top = covering
        .iter()
        .map(|c| (c.priority, date(DATES[c.as_of])))
        .max();
    let values: BTreeSet<&str> = covering
        .iter()
        .filter(|c| Some((c.priority, date(DATES[c.as_of]))) == top)
        .map(|c| VALUES[c.value])
        .collect();
    match values.len() {
        0 => l.default.clone().map_or(Cell::Gap, Cell::Value),
        1 => Cell::Value(values.into_iter().next().unwrap().to_string()),
        _ => Cell::Conflict(values.into_iter().map(str::to_string).collect()),
    }
}

/// The stretches where no claim in force covers the line, merged.
fn uncovered(border: &Border, claims: &[Claim], on: &Date) -> Vec<(f64, f64)> {
    let mut spans: Vec<(f64, f64)> = claims
        .iter()
        .filter(|c| {
            let until = c.until.map(|u| date(DATES[u]));
            in_force(&date(DATES[c.as_of]), until.as_ref(), on)
        })
        .map(|c| (metres(border, c.from), metres(border, c.to)))
        .filter(|(a, b)| b > a)
        .collect();
    spans.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut out = Vec::new();
    let mut at = 0.0;
    for (a, b) in spans {
        if a > at {
            out.push((at, a));
        }
        at = f64::max(at, b);
    }
    if at < border.length_m() {
        out.push((at, border.length_m()));
    }
    out
}

/// Partition: from 0 to the total, consecutive segments meet, none empty, and neighbours
/// differ (a segment is cut only where some layer changes value).
fn check_partition(border: &Border, o: &Overlay) -> Result<(), TestCaseError> {
    let segs = &o.segments;
    prop_assert!(!segs.is_empty());
    prop_assert_eq!(segs[0].from_m, 0.0);
    prop_assert_eq!(segs[segs.len() - 1].to_m, border.length_m());
    for w in segs.windows(2) {
        prop_assert_eq!(w[0].to_m, w[1].from_m);
        prop_assert_ne!(&w[0].cells, &w[1].cells, "neighbours with the same cells");
    }
    for s in segs {
        prop_assert!(s.to_m > s.from_m, "empty segment {:?}", s);
        prop_assert_eq!(s.cells.len(), o.layers.len());
    }
    Ok(())
}

/// Lengths are additive: segments sum to the total, and each value's total is the sum of the
/// segments with that value; shares are lengths over the total.
fn check_totals(border: &Border, layers: &[Layer], o: &Overlay) -> Result<(), TestCaseError> {
    let m = measure::measure(border, o, layers, None, Vec::new());
    let total = border.length_m();
    let sum: f64 = m.segments.iter().map(|s| s.length_m).sum();
    prop_assert!(
        (sum - total).abs() <= 1e-6 * total,
        "sum {} total {}",
        sum,
        total
    );
    for lt in &m.layers {
        for v in &lt.values {
            let want: f64 = m
                .segments
                .iter()
                .filter(|s| s.value(&lt.id).unwrap_or(measure::GAP_LABEL) == v.value)
                .map(|s| s.length_m)
                .sum();
            prop_assert!((v.length_m - want).abs() <= 1e-9 * total);
            prop_assert!((v.share - v.length_m / total).abs() <= 1e-12);
        }
        let by_value: f64 = lt.values.iter().map(|v| v.length_m).sum();
        prop_assert!((by_value - total).abs() <= 1e-6 * total);
    }
    Ok(())
}

/// Gap issues of `layer` are exactly `want` (to a micrometre).
fn check_gaps(o: &Overlay, layer: &str, want: &[(f64, f64)]) -> Result<(), TestCaseError> {
    let got: Vec<(f64, f64)> = o
        .issues
        .iter()
        .filter(|i| i.kind == "gap" && i.layer == layer)
        .map(|i| (i.from_m, i.to_m))
        .collect();
    let want: Vec<(f64, f64)> = want.iter().copied().filter(|(a, b)| b - a > 1e-6).collect();
    prop_assert_eq!(got.len(), want.len(), "gaps {:?}, want {:?}", &got, &want);
    for (g, w) in got.iter().zip(&want) {
        prop_assert!(
            (g.0 - w.0).abs() < 1e-6 && (g.1 - w.1).abs() < 1e-6,
            "gap {:?} want {:?}",
            g,
            w
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any claims on any date: the partition holds, every segment holds what the precedence
    /// rules say, gaps are reported exactly where nothing covers, overlaps only where claims of
    /// equal precedence disagree, and lengths add up.
    #[test]
    fn overlay_follows_the_rules(
        border in border_strategy(),
        c1 in proptest::collection::vec(claim(), 0..7),
        c2 in proptest::collection::vec(claim(), 0..7),
        on in 0..ON.len(),
    ) {
        let on = date(ON[on]);
        let layers = vec![layer(&border, "one", None, &c1), layer(&border, "two", Some("none"), &c2)];
        let o = run(&border, &layers, &on);
        check_partition(&border, &o)?;
        for s in &o.segments {
            let mid = (s.from_m + s.to_m) / 2.0;
            for (li, claims) in [&c1, &c2].into_iter().enumerate() {
                let want = expected_cell(&border, &layers[li], claims, &on, mid);
                prop_assert_eq!(&s.cells[li], &want, "layer {} at {} m", li, mid);
            }
        }
        check_gaps(&o, "one", &uncovered(&border, &c1, &on))?;
        check_gaps(&o, "two", &[])?; // it has a default
        for i in o.issues.iter().filter(|i| i.kind == "overlap") {
            let li = o.layers.iter().position(|l| *l == i.layer).unwrap();
            let claims = [&c1, &c2][li];
            let mid = (i.from_m + i.to_m) / 2.0;
            let want = expected_cell(&border, &layers[li], claims, &on, mid);
            prop_assert!(matches!(want, Cell::Conflict(_)), "overlap {:?} where {:?}", i, want);
        }
        check_totals(&border, &layers, &o)?;
    }

    /// Claims of a layer that do not overlap one another: no overlap is reported, gaps are
    /// exactly what they leave uncovered.
    #[test]
    fn disjoint_claims_report_no_overlap(
        border in border_strategy(),
        cuts in proptest::collection::vec(frac(), 0..12),
        values in proptest::collection::vec((0..VALUES.len(), any::<bool>()), 6),
    ) {
        let mut cuts = cuts;
        cuts.sort_by(f64::total_cmp);
        // Claims on every other stretch between cuts: [c0, c1], [c2, c3], ...
        let claims: Vec<Claim> = cuts
            .chunks_exact(2)
            .zip(&values)
            .filter(|(_, (_, keep))| *keep)
            .map(|(w, (v, _))| Claim { from: w[0], to: w[1], value: *v, as_of: 0, until: None, priority: 0 })
            .collect();
        let on = date("2024-05-12");
        let layers = vec![layer(&border, "one", None, &claims)];
        let o = run(&border, &layers, &on);
        check_partition(&border, &o)?;
        prop_assert_eq!(o.issues.iter().filter(|i| i.kind == "overlap").count(), 0);
        check_gaps(&o, "one", &uncovered(&border, &claims, &on))?;
        check_totals(&border, &layers, &o)?;
    }

    /// Claims that tile the whole line (each starts where the previous ends): no gap, no
    /// overlap, and every segment has the value of the claim under it.
    #[test]
    fn claims_covering_the_line_leave_no_gap(
        border in border_strategy(),
        cuts in proptest::collection::vec(frac(), 0..10),
        values in proptest::collection::vec(0..VALUES.len(), 11),
    ) {
        let mut stops = vec![0.0];
        let mut cuts = cuts;
        cuts.sort_by(f64::total_cmp);
        stops.extend(cuts);
        stops.push(1.0);
        let claims: Vec<Claim> = stops
            .windows(2)
            .zip(&values)
            .map(|(w, v)| Claim { from: w[0], to: w[1], value: *v, as_of: 1, until: None, priority: 0 })
            .collect();
        let on = date("2022-01-01");
        let layers = vec![layer(&border, "one", None, &claims)];
        let o = run(&border, &layers, &on);
        check_partition(&border, &o)?;
        prop_assert!(o.issues.is_empty(), "issues {:?}", o.issues);
        for s in &o.segments {
            let mid = (s.from_m + s.to_m) / 2.0;
            prop_assert_eq!(&s.cells[0], &expected_cell(&border, &layers[0], &claims, &on, mid));
        }
        check_totals(&border, &layers, &o)?;
    }
}

fn straight_border() -> Border {
    Border::new(
        "straight",
        LineString(vec![Coord { x: 40.0, y: 35.0 }, Coord { x: 41.0, y: 35.0 }]),
    )
    .unwrap()
}

fn km_claim(id: &str, from_km: f64, to_km: f64) -> Layer {
    Layer {
        id: id.to_string(),
        title: id.to_string(),
        default: None,
        intervals: vec![Interval {
            value: "x".to_string(),
            extent: Extent::Between(Position::Km(from_km), Position::Km(to_km)),
            as_of: date("2024"),
            until: None,
            source: "test".to_string(),
            note: None,
            priority: 0,
            cite: None,
            approximate: false,
            line: 0,
            id: None,
            url: None,
            accessed: None,
            source_ids: Vec::new(),
            dispute: None,
        }],
        unplaced: Vec::new(),
        value_names: BTreeMap::new(),
        title_names: BTreeMap::new(),
        casings: BTreeMap::new(),
    }
}

/// Regression: a claim starting half a micrometre after another layer's cut was dropped from
/// the whole segment after that cut (cuts closer than 1e-6 m are merged, but the claim's own
/// end was not moved to the merged cut), inventing a gap over the rest of the line.
#[test]
fn a_claim_starting_next_to_another_cut_invents_no_gap() {
    let b = straight_border();
    let end_km = b.length_m() / 1000.0;
    let layers = vec![
        km_claim("one", 0.0, 10.0),
        km_claim("two", 10.000_000_000_5, end_km),
    ];
    let o = run(&b, &layers, &date("2024-05-12"));
    let gaps: Vec<(String, f64, f64)> = o
        .issues
        .iter()
        .map(|i| (i.layer.clone(), i.from_m, i.to_m))
        .collect();
    assert_eq!(gaps.len(), 2, "{gaps:?}");
    assert_eq!(gaps[0].0, "one");
    assert!(
        (gaps[0].1 - 10_000.0).abs() < 1e-6 && gaps[0].2 == b.length_m(),
        "{gaps:?}"
    );
    assert_eq!(gaps[1].0, "two");
    assert!(
        gaps[1].1 == 0.0 && (gaps[1].2 - 10_000.0).abs() < 1e-6,
        "{gaps:?}"
    );
}

/// Regression: a claim ending within a micrometre of the end of the line cut off the last
/// segment, so the segments no longer reached the end.
#[test]
fn a_cut_next_to_the_end_keeps_the_partition() {
    let b = straight_border();
    let end_km = b.length_m() / 1000.0;
    let layers = vec![km_claim("one", 0.0, end_km - 5e-10)];
    let o = run(&b, &layers, &date("2024-05-12"));
    assert_eq!(o.segments.last().unwrap().to_m, b.length_m());
    assert!(o.issues.is_empty(), "{:?}", o.issues);
}

/// A layers file parses into the same claims the generated ones are made of.
#[test]
fn toml_claims_overlay_like_generated_ones() {
    let toml = r#"
[[layer]]
id = "one"

[[layer.interval]]
value = "a"
from = { km = 10 }
to = { km = 30 }
as_of = 2020
source = "old"

[[layer.interval]]
value = "b"
from = { km = 20 }
to = { km = 40 }
as_of = 2022-03-27
source = "new"

[[layer.interval]]
value = "c"
from = { km = 25 }
to = { km = 35 }
as_of = 2022-03-27
source = "rival"
"#;
    let parsed: Layers =
        bordermap::load::layers::parse(toml, Path::new("t.toml"), Path::new("."), &|_| {
            unreachable!("no files named")
        })
        .unwrap();
    let b = straight_border();
    let o = run(&b, &parsed.layers, &date("2024-05-12"));
    let got: Vec<(f64, f64, Option<String>)> = o
        .segments
        .iter()
        .map(|s| (s.from_m / 1000.0, s.to_m / 1000.0, s.cells[0].text()))
        .collect();
    let t = b.length_m() / 1000.0;
    let want = vec![
        (0.0, 10.0, None),
        (10.0, 20.0, Some("a".to_string())),
        (20.0, 25.0, Some("b".to_string())),
        (25.0, 35.0, Some("b | c".to_string())),
        (35.0, 40.0, Some("b".to_string())),
        (40.0, t, None),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (g, w) in got.iter().zip(&want) {
        assert!(
            (g.0 - w.0).abs() < 1e-9 && (g.1 - w.1).abs() < 1e-9 && g.2 == w.2,
            "{got:?}"
        );
    }
    let kinds: Vec<(&str, f64, f64)> = o
        .issues
        .iter()
        .map(|i| (i.kind, i.from_m / 1000.0, i.to_m / 1000.0))
        .collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    assert_eq!(kinds[1].0, "overlap");
    assert!((kinds[1].1 - 25.0).abs() < 1e-9 && (kinds[1].2 - 35.0).abs() < 1e-9);
    assert_eq!(o.issues[1].values, vec!["b".to_string(), "c".to_string()]);
    assert!(
        o.notes
            .iter()
            .any(|n| n.contains("'a'") && n.contains("superseded")),
        "{:?}",
        o.notes
    );
}
