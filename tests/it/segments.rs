//! Segments of the default dataset: they partition the line, measure what they say, change
//! value where the layers file and the reference put the change, and follow `--as-of`.

use bordermap::Measured;
use geo::{Coord, Geodesic, Length};

use super::*;

const TANF_ZONE: &str = "al-Tanf zone (US-led coalition / Syrian Free Army)";

fn ref_place(name: &str) -> f64 {
    num(&reference()["ne10m"]["places"][name]["along_m"])
}

fn ref_crossing(line: &str) -> (f64, Coord<f64>) {
    let c = &reference()[line]["tanf_crossings"][0];
    (
        num(&c["along_m"]),
        Coord {
            x: num(&c["lon"]),
            y: num(&c["lat"]),
        },
    )
}

/// Where `layer` changes from `a` to `b`, metres from the start (the first such change).
fn change(m: &Measured, layer: &str, a: &str, b: &str) -> f64 {
    m.segments
        .windows(2)
        .find(|w| w[0].value(layer) == Some(a) && w[1].value(layer) == Some(b))
        .map(|w| w[0].to_m)
        .unwrap_or_else(|| panic!("no change of {layer} from {a} to {b}"))
}

/// The stretches (merged runs) where `layer` has `value`.
fn runs(m: &Measured, layer: &str, value: &str) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for s in m.segments.iter().filter(|s| s.value(layer) == Some(value)) {
        match out.last_mut() {
            Some(r) if r.1 == s.from_m => r.1 = s.to_m,
            _ => out.push((s.from_m, s.to_m)),
        }
    }
    out
}

fn all_measured() -> Vec<(String, Measured)> {
    let mut out = Vec::new();
    for border in [None, Some("@iraq-syria-osm")] {
        let ds = dataset(border);
        for as_of in [
            None,
            Some("2021-06-01"),
            Some("2022-03-27"),
            Some("2025-10-16"),
        ] {
            out.push((
                format!("{border:?} as of {as_of:?}"),
                ds.measure(as_of.map(date)).unwrap(),
            ));
        }
    }
    out
}

#[test]
fn segments_partition_the_line_and_sum_to_the_total() {
    for (what, m) in all_measured() {
        let segs = &m.segments;
        assert!(!segs.is_empty(), "{what}");
        assert_eq!(segs[0].from_m, 0.0, "{what}: starts at 0");
        assert_eq!(
            segs[segs.len() - 1].to_m,
            m.total_m,
            "{what}: ends at the total"
        );
        for w in segs.windows(2) {
            assert_eq!(w[0].to_m, w[1].from_m, "{what}: consecutive segments meet");
        }
        for s in segs {
            assert!(s.length_m > 0.0, "{what}: empty segment {s:?}");
            assert_near(&what, s.length_m, s.to_m - s.from_m, 1e-9);
        }
        let sum: f64 = segs.iter().map(|s| s.length_m).sum();
        assert_near(&format!("{what}: sum of segments"), sum, m.total_m, MM);
        for l in &m.layers {
            let by_value: f64 = l.values.iter().map(|v| v.length_m).sum();
            assert_near(
                &format!("{what}: totals of {}", l.id),
                by_value,
                m.total_m,
                MM,
            );
            let shares: f64 = l.values.iter().map(|v| v.share).sum();
            assert!(
                (shares - 1.0).abs() < 1e-9,
                "{what}: shares of {} sum to {shares}",
                l.id
            );
        }
    }
}

/// The geometry written for a segment (GeoJSON, maps) measures what its `length_m` says, and
/// its ends are the points of the line at `from_m` and `to_m`.
#[test]
fn segment_geometry_measures_its_length() {
    for (what, m) in all_measured() {
        let b = if what.contains("osm") {
            dataset(Some("@iraq-syria-osm")).border.border
        } else {
            dataset(None).border.border
        };
        for s in &m.segments {
            let geodesic = Geodesic.length(&s.line);
            assert_near(
                &format!("{what}: segment {}", s.index),
                geodesic,
                s.length_m,
                MM,
            );
            let first = *s.line.0.first().unwrap();
            let last = *s.line.0.last().unwrap();
            assert!(
                dist(first, b.point_at(s.from_m)) < MM,
                "{what}: start of {}",
                s.index
            );
            assert!(
                dist(last, b.point_at(s.to_m)) < MM,
                "{what}: end of {}",
                s.index
            );
        }
    }
}

/// The authority changes from the Damascus government to the al-Tanf zone exactly where the
/// 55 km geodesic circle crosses the line, and the cut point is the reference's crossing.
#[test]
fn tanf_zone_starts_at_the_reference_crossing() {
    for (line, border) in [("ne10m", None), ("osm", Some("@iraq-syria-osm"))] {
        let m = dataset(border).measure(None).unwrap();
        let (along, at) = ref_crossing(line);
        let cut = change(&m, "authority", "Damascus government", TANF_ZONE);
        assert_near(&format!("{line}: Damascus → al-Tanf"), cut, along, MM);
        let seg = m.segments.iter().find(|s| s.to_m == cut).unwrap();
        let end = *seg.line.0.last().unwrap();
        assert!(
            dist(end, at) < MM,
            "{line}: cut point {} m from the reference",
            dist(end, at)
        );
        // The zone runs from the crossing to the Jordan tripoint.
        assert_eq!(runs(&m, "authority", TANF_ZONE), vec![(cut, m.total_m)]);
        assert_near(
            &format!("{line}: al-Tanf zone total"),
            m.total_of("authority", TANF_ZONE),
            num(&reference()[line]["total_m"]) - along,
            MM,
        );
        let p = m
            .placements
            .iter()
            .find(|p| p.value == TANF_ZONE)
            .expect("the crossing is reported");
        assert_near(&format!("{line}: reported crossing"), p.along_m, along, MM);
    }
}

/// SDF holds the north down to where the Euphrates crosses the border (the river line of the
/// embedded context intersected with the border in lon/lat, then snapped), to the millimetre
/// of the reference's independent computation.
#[test]
fn sdf_ends_where_the_euphrates_crosses_the_border() {
    let m = measured(None);
    let eu = &reference()["ne10m"]["euphrates_crossings"][0];
    let cut = change(&m, "authority", "SDF", "Damascus government");
    assert_near("SDF → Damascus", cut, num(&eu["along_m"]), MM);
    assert_eq!(runs(&m, "authority", "SDF"), vec![(0.0, cut)]);
    let p = m
        .placements
        .iter()
        .find(|p| p.what.contains("Euphrates"))
        .expect("the crossing is reported");
    assert_near(
        "crossing's snap distance",
        p.snap_distance_m,
        num(&eu["dist_m"]),
        MM,
    );
    // It lies between the snaps of al-Baghuz Fawqani (north bank) and Abu Kamal.
    assert!(ref_place("al-Baghuz Fawqani") < cut && cut < ref_place("Abu Kamal"));
    assert_eq!(m.count("gap"), 0);
    assert_eq!(m.count("overlap"), 0);
    // The same on the OpenStreetMap line.
    let osm = bordermap::Dataset::load(&bordermap::LoadOptions {
        border: Some("@iraq-syria-osm".into()),
        ..Default::default()
    })
    .unwrap()
    .measure(None)
    .unwrap();
    let eu = &reference()["osm"]["euphrates_crossings"][0];
    let cut = change(&osm, "authority", "SDF", "Damascus government");
    assert_near("osm: SDF → Damascus", cut, num(&eu["along_m"]), MM);
}

#[test]
fn default_as_of_is_the_layers_files_date() {
    let m = measured(None);
    assert_eq!(m.as_of, Some(date("2024-05-12")));
    assert_eq!(m, measured(Some("2024-05-12")));
}

/// 2024-05-12: the 100 km from Rabia (Al-Yaarubiyah) are built (Shafaq News, 2024-01-05); the
/// 12 km near Sinjar lie inside them. The 2025 claim (built to Al-Qaim) does not appear yet.
#[test]
fn as_of_2024_shows_the_100_km_built_from_rabia() {
    let m = measured(None);
    let yaar = ref_place("Al-Yaarubiyah");
    let built = runs(&m, "wall", "built");
    assert_eq!(built.len(), 1, "{built:?}");
    assert_near("built from", built[0].0, yaar, SNAP_ALONG);
    assert_near("built to", built[0].1, yaar + 100_000.0, SNAP_ALONG);
    assert!(runs(&m, "wall", "under construction").is_empty());
    assert!(
        !m.warnings.iter().any(|w| w.contains("out of date")),
        "{:?}",
        m.warnings
    );
}

/// 2024-01-04, the day before the 2024 report: the 2022 claims hold: 12 km built near Sinjar
/// within 100 km under construction from Al-Yaarubiyah.
#[test]
fn as_of_2024_01_04_shows_the_2022_wall() {
    let m = measured(Some("2024-01-04"));
    let yaar = ref_place("Al-Yaarubiyah");
    let sinjar = ref_place("Sinjar"); // snaps to a vertex, so exact
    let built = runs(&m, "wall", "built");
    assert_eq!(built.len(), 1, "{built:?}");
    assert_near("built from", built[0].0, sinjar - 6000.0, MM);
    assert_near("built to", built[0].1, sinjar + 6000.0, MM);
    let uc = runs(&m, "wall", "under construction");
    assert_eq!(
        uc.len(),
        2,
        "under construction on both sides of the Sinjar stretch: {uc:?}"
    );
    assert_near("under construction from", uc[0].0, yaar, SNAP_ALONG);
    assert_near(
        "under construction to",
        uc[1].1,
        yaar + 100_000.0,
        SNAP_ALONG,
    );
    assert_eq!(
        (uc[0].1, uc[1].0),
        built[0],
        "the Sinjar stretch interrupts it"
    );
    assert!(
        m.segments
            .iter()
            .all(|s| s.value("wall") != Some("built") || s.to_m < yaar + 100_000.0),
        "no built wall beyond the 2022 stretches"
    );
}

/// 2025-10-16: the wall is built from Al-Yaarubiyah to Al-Qaim (it supersedes the earlier
/// claims), a wall is under construction north of Rabia ("being carried out", Enab Baladi and
/// Kurdpress 2025-09-29), and the stretch from the Euphrates towards al-Tanf is the
/// transitional government's (The National, 2025-06-17); before that deployment it is a gap:
/// no source places control of it after the army left Deir ez-Zor (2024-12-06).
#[test]
fn as_of_2025_shows_the_wall_to_al_qaim_and_the_government_after_the_euphrates() {
    let m = measured(Some("2025-10-16"));
    assert_eq!(m.as_of, Some(date("2025-10-16")));
    let built = runs(&m, "wall", "built");
    assert_eq!(built.len(), 1, "{built:?}");
    assert_near(
        "built from",
        built[0].0,
        ref_place("Al-Yaarubiyah"),
        SNAP_ALONG,
    );
    assert_near(
        "built to",
        built[0].1,
        ref_place("Al-Qaim (Husaybah)"),
        SNAP_ALONG,
    );
    assert_near(
        "built total",
        m.total_of("wall", "built"),
        ref_place("Al-Qaim (Husaybah)") - ref_place("Al-Yaarubiyah"),
        2.0 * SNAP_ALONG,
    );
    assert!(runs(&m, "wall", "planned").is_empty());
    let uc = runs(&m, "wall", "under construction");
    assert_eq!(uc.len(), 1, "{uc:?}");
    assert_near(
        "under construction from",
        uc[0].0,
        ref_place("Faysh Khabur–Semalka crossing"),
        SNAP_ALONG,
    );
    assert_near(
        "under construction to",
        uc[0].1,
        ref_place("Rabia–Al-Yaarubiyah crossing"),
        SNAP_ALONG,
    );
    let eu = num(&reference()["ne10m"]["euphrates_crossings"][0]["along_m"]);
    let (tanf, _) = ref_crossing("ne10m");
    assert_eq!(m.count("gap"), 0);
    let dg = runs(&m, "authority", "Damascus government");
    assert_eq!(dg.len(), 1, "{dg:?}");
    assert_near("Damascus from the Euphrates", dg[0].0, eu, MM);
    assert_near("Damascus to the al-Tanf zone", dg[0].1, tanf, MM);
    let eve = measured(Some("2025-06-15"));
    assert_eq!(eve.count("gap"), 1);
    assert!(
        eve.warnings.iter().any(|w| w
            == &format!(
                "authority: no value from km {:.1} to km {:.1}",
                eu / 1000.0,
                tanf / 1000.0
            )),
        "{:?}",
        eve.warnings
    );
    // The day before the 2025 report, the 2024 wall (100 km from Rabia) is what the sources say.
    let before = measured(Some("2025-10-15"));
    let built = runs(&before, "wall", "built");
    assert_near(
        "2025-10-15: built to",
        built[0].1,
        ref_place("Al-Yaarubiyah") + 100_000.0,
        SNAP_ALONG,
    );
}

/// 2026-11-30: the al-Tanf zone is gone and Damascus holds its stretch; Damascus also holds the
/// stretch from al-Hawl to the Euphrates (taken 2026-01-21) and, by the army's statement of
/// 2026-03-03, the rest of the border south of al-Hawl; the Hasakah/Derik stretch north of
/// al-Hawl is "in transition"; the wall north of Rabia is under construction.
#[test]
fn as_of_2026_shows_damascus_at_al_tanf_and_the_north_in_transition() {
    let m = measured(Some("2026-11-30"));
    assert!(runs(&m, "authority", TANF_ZONE).is_empty());
    assert!(runs(&m, "authority", "SDF").is_empty());
    let tr = runs(&m, "authority", "in transition");
    assert_eq!(tr.len(), 1, "{tr:?}");
    assert_eq!(tr[0].0, 0.0);
    assert_near(
        "in transition to",
        tr[0].1,
        ref_place("Al-Hawl"),
        SNAP_ALONG,
    );
    let dg = runs(&m, "authority", "Damascus government");
    assert_eq!(dg.len(), 1, "{dg:?}");
    assert_near(
        "Damascus from al-Hawl",
        dg[0].0,
        ref_place("Al-Hawl"),
        SNAP_ALONG,
    );
    assert_eq!(dg[0].1, m.total_m);
    assert_eq!(m.count("gap"), 0);
    let uc = runs(&m, "wall", "under construction");
    assert_eq!(uc.len(), 1, "{uc:?}");
    assert_near(
        "under construction to",
        uc[0].1,
        ref_place("Rabia–Al-Yaarubiyah crossing"),
        SNAP_ALONG,
    );
    assert!(runs(&m, "wall", "planned").is_empty());
}

/// Before 2022 no wall claim is in force; the year-dated claim "2022" holds from 2022-01-01 and
/// the Sinjar stretch from 2022-03-27.
#[test]
fn as_of_before_2022_has_no_wall_and_date_boundaries_are_inclusive() {
    let m = measured(Some("2021-12-31"));
    assert_near(
        "not reported",
        m.total_of("wall", "not reported"),
        m.total_m,
        1e-9,
    );
    assert!(
        m.segments
            .iter()
            .all(|s| s.value("wall") == Some("not reported"))
    );
    // The authority layer: the SDF to the Euphrates (since al-Baghuz, 2019-03-23), the al-Tanf
    // zone, and between them the Syrian army ("further south", Reuters, 2021-01-18): no gap.
    assert_eq!(m.count("gap"), 0);
    let eu = num(&reference()["ne10m"]["euphrates_crossings"][0]["along_m"]);
    let (tanf, _) = ref_crossing("ne10m");
    let dg = runs(&m, "authority", "Damascus government");
    assert_eq!(dg.len(), 1, "{dg:?}");
    assert_near("Damascus from the Euphrates", dg[0].0, eu, MM);
    assert_near("Damascus to the al-Tanf zone", dg[0].1, tanf, MM);

    let jan = measured(Some("2022-01-01"));
    assert!(!runs(&jan, "wall", "under construction").is_empty());
    assert!(runs(&jan, "wall", "built").is_empty());
    let eve = measured(Some("2022-03-26"));
    assert!(runs(&eve, "wall", "built").is_empty());
    let day = measured(Some("2022-03-27"));
    assert_eq!(runs(&day, "wall", "built").len(), 1);
}

/// Claims with no stretch are listed from their date on, never measured.
#[test]
fn unplaced_claims_follow_the_date() {
    let names = |m: &Measured| -> Vec<(String, Option<f64>)> {
        m.unplaced
            .iter()
            .map(|(_, u)| (u.value.clone(), u.claimed_km))
            .collect()
    };
    assert_eq!(names(&measured(Some("2017-12-31"))), vec![]);
    assert_eq!(
        names(&measured(None)),
        vec![("fence".to_string(), None), ("built".to_string(), None)]
    );
    let late = names(&measured(Some("2025-10-16")));
    assert!(
        late.contains(&("built".to_string(), Some(400.0))),
        "{late:?}"
    );
}

/// Kilometres per value of a layer as of a date, with the gap ("(no data)") as a value.
fn km_per_value(as_of: &str, layer: &str) -> Vec<(String, f64)> {
    let m = measured(Some(as_of));
    let mut out: Vec<(String, f64)> = Vec::new();
    for s in &m.segments {
        let v = s.value(layer).unwrap_or("(no data)").to_string();
        match out.iter_mut().find(|(name, _)| *name == v) {
            Some((_, km)) => *km += s.length_m / 1000.0,
            None => out.push((v, s.length_m / 1000.0)),
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Lengths per value of the authority layer at five dates, against figures computed by hand
/// from the cited positions. The positions are those of `tests/data/reference.json` (computed
/// independently of the crate), km along the Natural Earth line from the Turkey tripoint:
/// R = 45.181 (Rabia–Al-Yaarubiyah crossing), H = 137.892 (the point nearest Al-Hawl),
/// S = 170.902 (nearest Al-Shaddadi), E = 362.247 (the Euphrates crossing), T = 552.964 (the
/// al-Tanf 55 km circle), L = 599.286 (the whole line).
#[test]
fn authority_lengths_at_five_dates_follow_the_cited_positions() {
    let p = |name: &str| ref_place(name) / 1000.0;
    let (r, h, s) = (
        p("Rabia–Al-Yaarubiyah crossing"),
        p("Al-Hawl"),
        p("Al-Shaddadi"),
    );
    let e = num(&reference()["ne10m"]["euphrates_crossings"][0]["along_m"]) / 1000.0;
    let b = p("Al-Qaim–Al-Bukamal crossing");
    let t = ref_crossing("ne10m").0 / 1000.0;
    let l = measured(None).total_m / 1000.0;
    // Typed figures, so the test fails if the reference moves too: each is the difference of
    // two positions above, rounded to the metre.
    let typed = |got: f64, want_km: f64| (got - want_km).abs() < 0.001;
    assert!(typed(r, 45.181) && typed(h, 137.892) && typed(s, 170.902));
    assert!(typed(e, 362.247) && typed(t, 552.964) && typed(l, 599.286));
    assert!(typed(b, 365.631));
    let cases: [(&str, Vec<(&str, f64)>); 5] = [
        // 2015-06-01: the YPG from the tripoint to Rabia (R = 45.181 km); the Islamic State
        // "all the rest" (AFP, 2015-05-22): L − R = 554.105 km.
        ("2015-06-01", vec![("Islamic State", l - r), ("YPG", r)]),
        // 2018-06-01: the SDF to al-Shaddadi (S = 170.902 km); the al-Tanf zone L − T =
        // 46.321 km; the army from the Al-Bukamal crossing (B = 365.631) to the zone (Al-Masdar,
        // 2017-09-20): T − B = 187.333 km; between S and B no source places a holder:
        // B − S = 194.729 km of gap.
        (
            "2018-06-01",
            vec![
                ("(no data)", b - s),
                ("Damascus government", t - b),
                ("SDF", s),
                (TANF_ZONE, l - t),
            ],
        ),
        // 2019-06-01: the SDF to the Euphrates after al-Baghuz (E = 362.247 km); the gap is
        // now B − E = 3.384 km; the army 187.333 km, the al-Tanf zone 46.321 km.
        (
            "2019-06-01",
            vec![
                ("(no data)", b - e),
                ("Damascus government", t - b),
                ("SDF", e),
                (TANF_ZONE, l - t),
            ],
        ),
        // 2024-05-12 (Rudaw): SDF 362.247, Damascus government T − E = 190.717, al-Tanf 46.321.
        (
            "2024-05-12",
            vec![
                ("Damascus government", t - e),
                ("SDF", e),
                (TANF_ZONE, l - t),
            ],
        ),
        // 2026-06-01: in transition to al-Hawl (H = 137.892 km); the Damascus government on
        // all the rest (the army's statement of 2026-03-03, the al-Tanf handover): L − H =
        // 461.394 km; no gap.
        (
            "2026-06-01",
            vec![("Damascus government", l - h), ("in transition", h)],
        ),
    ];
    for (as_of, want) in cases {
        let got = km_per_value(as_of, "authority");
        assert_eq!(
            got.iter().map(|(v, _)| v.as_str()).collect::<Vec<_>>(),
            want.iter().map(|(v, _)| *v).collect::<Vec<_>>(),
            "{as_of}: values"
        );
        for ((v, g), (_, w)) in got.iter().zip(&want) {
            // A place snapped by the crate and by the reference agree to SNAP_ALONG (m); a
            // value made of two stretches sums two such errors.
            assert_near(
                &format!("{as_of}: {v} (km)"),
                *g,
                *w,
                2.0 * SNAP_ALONG / 1000.0,
            );
        }
        let sum: f64 = got.iter().map(|(_, km)| km).sum();
        assert_near(&format!("{as_of}: sum (km)"), sum, l, MM / 1000.0);
    }
}

/// The wall as of 2026-06-01: built from Al-Yaarubiyah (km 45.469) to Al-Qaim (km 365.460):
/// 319.991 km; under construction from the Faysh Khabur–Semalka crossing (km 1.759) to the
/// Rabia–Al-Yaarubiyah crossing (km 45.181): 43.422 km; the rest not reported.
#[test]
fn wall_lengths_as_of_2026_06_follow_the_cited_positions() {
    let p = |name: &str| ref_place(name) / 1000.0;
    let got = km_per_value("2026-06-01", "wall");
    let built = p("Al-Qaim (Husaybah)") - p("Al-Yaarubiyah");
    let uc = p("Rabia–Al-Yaarubiyah crossing") - p("Faysh Khabur–Semalka crossing");
    assert!((built - 319.991).abs() < 0.001 && (uc - 43.422).abs() < 0.001);
    let total = measured(None).total_m / 1000.0;
    let want = [
        ("built", built),
        ("not reported", total - built - uc),
        ("under construction", uc),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((v, g), (wv, w)) in got.iter().zip(want) {
        assert_eq!(v, wv);
        assert_near(&format!("wall {v} (km)"), *g, w, 2.0 * SNAP_ALONG / 1000.0);
    }
}
