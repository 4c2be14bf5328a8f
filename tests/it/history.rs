//! The border since 2014 (issue 20): lengths per value at five dates against figures computed
//! from the cited positions' km on the line (`tests/data/reference.json`, GeographicLib, not the
//! overlay), the documented gaps and no others, and the timeline adding up at every date.

use std::collections::BTreeMap;

use bordermap::Measured;

use super::cmd::run;
use super::*;

const TANF_ZONE: &str = "al-Tanf zone (US-led coalition / Syrian Free Army)";
const GAP: &str = "(no data)";
/// Each expected total is a difference of at most four snapped places.
const TOL: f64 = 4.0 * SNAP_ALONG;

/// The reference's km of a position the layers file names, metres from the Turkey tripoint.
fn at(name: &str) -> f64 {
    let ne = &reference()["ne10m"];
    match name {
        "start" => 0.0,
        "end" => num(&ne["total_m"]),
        "Euphrates" => num(&ne["euphrates_crossings"][0]["along_m"]),
        "al-Tanf circle" => num(&ne["tanf_crossings"][0]["along_m"]),
        place => num(&ne["places"][place]["along_m"]),
    }
}

/// `layer`'s totals on `m` are exactly `want` (value, metres): no value missing, none extra.
#[track_caller]
fn assert_totals(m: &Measured, layer: &str, want: &[(&str, f64)]) {
    let got: BTreeMap<&str, f64> = m
        .layers
        .iter()
        .filter(|l| l.id == layer)
        .flat_map(|l| &l.values)
        .filter(|v| v.length_m > 0.0)
        .map(|v| (v.value.as_str(), v.length_m))
        .collect();
    let names: Vec<&str> = want.iter().map(|(v, _)| *v).collect();
    assert_eq!(
        got.keys().copied().collect::<Vec<_>>(),
        {
            let mut n = names.clone();
            n.sort_unstable();
            n
        },
        "{layer} values as of {:?}",
        m.as_of
    );
    for (value, metres) in want {
        assert_near(
            &format!("{layer} {value} as of {:?}", m.as_of),
            got[value],
            *metres,
            TOL,
        );
    }
    let sum: f64 = got.values().sum();
    assert_near(&format!("{layer} sum"), sum, m.total_m, MM);
}

/// 2015-06-01: the YPG to the Rabia–Al-Yaarubiyah crossing, the Islamic State on all the rest
/// (AFP, 2015-05-22); no wall reported.
#[test]
fn in_2015_the_islamic_state_holds_all_but_the_kurdish_north() {
    let m = measured(Some("2015-06-01"));
    let rabia = at("Rabia–Al-Yaarubiyah crossing");
    assert_totals(
        &m,
        "authority",
        &[("YPG", rabia), ("Islamic State", at("end") - rabia)],
    );
    assert_totals(&m, "wall", &[("not reported", at("end"))]);
}

/// 2018-06-01: the SDF to al-Shaddadi (2016-02-19), the army from the Al-Bukamal crossing
/// towards al-Walid (Al-Masdar 2017-09-20) up to the al-Tanf zone (2016-03-04), a gap between
/// al-Shaddadi and the Al-Bukamal crossing.
#[test]
fn in_2018_the_sdf_the_army_and_the_tanf_zone_with_a_gap_between() {
    let m = measured(Some("2018-06-01"));
    let (shaddadi, bukamal, tanf) = (
        at("Al-Shaddadi"),
        at("Al-Qaim–Al-Bukamal crossing"),
        at("al-Tanf circle"),
    );
    assert_totals(
        &m,
        "authority",
        &[
            ("SDF", shaddadi),
            (GAP, bukamal - shaddadi),
            ("Damascus government", tanf - bukamal),
            (TANF_ZONE, at("end") - tanf),
        ],
    );
    assert_totals(&m, "wall", &[("not reported", at("end"))]);
}

/// 2019-06-01: after al-Baghuz (2019-03-23) the SDF holds down to the Euphrates crossing; the
/// 3.4 km from there to the Al-Bukamal crossing are unplaced.
#[test]
fn in_2019_the_sdf_holds_down_to_the_euphrates() {
    let m = measured(Some("2019-06-01"));
    let (eu, bukamal, tanf) = (
        at("Euphrates"),
        at("Al-Qaim–Al-Bukamal crossing"),
        at("al-Tanf circle"),
    );
    assert_totals(
        &m,
        "authority",
        &[
            ("SDF", eu),
            (GAP, bukamal - eu),
            ("Damascus government", tanf - bukamal),
            (TANF_ZONE, at("end") - tanf),
        ],
    );
}

/// 2024-05-12 (the default map): SDF, Damascus, the al-Tanf zone; 100 km of wall from Rabia.
#[test]
fn on_the_default_date_three_holders_and_a_hundred_km_of_wall() {
    let m = measured(Some("2024-05-12"));
    let (eu, tanf) = (at("Euphrates"), at("al-Tanf circle"));
    assert_totals(
        &m,
        "authority",
        &[
            ("SDF", eu),
            ("Damascus government", tanf - eu),
            (TANF_ZONE, at("end") - tanf),
        ],
    );
    assert_totals(
        &m,
        "wall",
        &[
            ("built", 100_000.0),
            ("not reported", at("end") - 100_000.0),
        ],
    );
}

/// 2026-06-01: "in transition" north of al-Hawl, the government on all the rest (the army's
/// statement of 2026-03-03 and the al-Tanf handover); the wall built from Rabia to near al-Qaim
/// and under construction from Semalka to Rabia.
#[test]
fn in_2026_the_government_holds_all_but_the_hasakah_stretch() {
    let m = measured(Some("2026-06-01"));
    let hawl = at("Al-Hawl");
    assert_totals(
        &m,
        "authority",
        &[
            ("in transition", hawl),
            ("Damascus government", at("end") - hawl),
        ],
    );
    let built = at("Al-Qaim (Husaybah)") - at("Al-Yaarubiyah");
    let uc = at("Rabia–Al-Yaarubiyah crossing") - at("Faysh Khabur–Semalka crossing");
    assert_totals(
        &m,
        "wall",
        &[
            ("built", built),
            ("under construction", uc),
            ("not reported", at("end") - built - uc),
        ],
    );
}

/// The authority layer has no value only where the layers file says no source places one.
#[test]
fn the_only_gaps_are_the_documented_ones() {
    let gaps = |d: &str| measured(Some(d)).total_of("authority", GAP);
    let (rabia, shaddadi, eu, bukamal, tanf) = (
        at("Rabia–Al-Yaarubiyah crossing"),
        at("Al-Shaddadi"),
        at("Euphrates"),
        at("Al-Qaim–Al-Bukamal crossing"),
        at("al-Tanf circle"),
    );
    for (d, want) in [
        ("2014-06-01", at("end") - rabia),
        ("2016-06-01", 0.0),
        ("2017-12-01", bukamal - shaddadi),
        ("2021-06-01", 0.0),
        ("2024-05-12", 0.0),
        ("2025-01-01", tanf - eu),
        ("2025-10-16", 0.0),
        ("2026-06-01", 0.0),
        ("2026-12-07", 0.0),
    ] {
        assert_near(&format!("gap as of {d}"), gaps(d), want, TOL);
    }
}

/// `timeline -f csv` starts in 2014 and, at every date, each layer's rows add up to the total.
#[test]
fn the_timeline_starts_in_2014_and_adds_up_at_every_date() {
    let (code, stdout, stderr) = run(&["timeline", "-f", "csv"]);
    assert_eq!(code, 0, "{stderr}");
    let mut rdr = csv::Reader::from_reader(stdout.as_bytes());
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        ["date", "layer", "value", "length_m", "share"]
    );
    let mut sums: BTreeMap<(String, String), f64> = BTreeMap::new();
    for row in rdr.records() {
        let row = row.unwrap();
        let m: f64 = row[3].parse().unwrap();
        *sums
            .entry((row[0].to_string(), row[1].to_string()))
            .or_default() += m;
    }
    let first = sums.keys().next().unwrap().0.clone();
    assert!(first.starts_with("2014-"), "first date {first}");
    // The claims of 2017, 2021, 2025 and 2026 each start a date.
    for d in ["2017-09-19", "2021-01-18", "2025-06-16", "2026-03-03"] {
        assert!(
            sums.contains_key(&(d.to_string(), "authority".into())),
            "{d}"
        );
    }
    // Lengths are written to the millimetre: a layer's rows add up within a few of them.
    for ((d, layer), sum) in &sums {
        assert_near(&format!("{d} {layer}"), *sum, at("end"), 5.0 * MM);
    }
}
