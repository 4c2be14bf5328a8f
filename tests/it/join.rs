//! Border files whatever their shape: a reversed line, parts shuffled and reversed (in a
//! FeatureCollection or a MultiLineString) give the same line, lengths and segments; parts that
//! do not meet give an error naming the gap.

use std::path::{Path, PathBuf};

use bordermap::{Dataset, LoadOptions, Measured};
use proptest::prelude::*;

use super::*;

/// Splits `vs` at the vertex indices `cuts` (ascending, interior): consecutive parts share
/// the cut vertex.
fn split(vs: &[[f64; 2]], cuts: &[usize]) -> Vec<Vec<[f64; 2]>> {
    let mut bounds = vec![0];
    bounds.extend_from_slice(cuts);
    bounds.push(vs.len() - 1);
    bounds
        .windows(2)
        .map(|w| vs[w[0]..=w[1]].to_vec())
        .collect()
}

/// Writes parts, in the order `order`, each reversed where `rev` says.
fn write_parts(
    parts: &[Vec<[f64; 2]>],
    order: &[usize],
    rev: &[bool],
    container: Container,
) -> (tempfile::TempDir, PathBuf) {
    let out: Vec<Vec<[f64; 2]>> = order
        .iter()
        .map(|&i| {
            let mut p = parts[i].clone();
            if rev[i] {
                p.reverse();
            }
            p
        })
        .collect();
    temp_file("border.geojson", &geojson_of(&out, container))
}

fn load_plain(path: &Path) -> Dataset {
    Dataset::load(&LoadOptions {
        border: Some(path.to_string_lossy().into_owned()),
        ..LoadOptions::default()
    })
    .unwrap()
}

#[track_caller]
fn assert_reference_chainage(ds: &Dataset, reversed: bool) {
    let want = ref_chainage("ne10m");
    let total = num(&reference()["ne10m"]["total_m"]);
    let got = ds.border.border.part_chainage(0);
    assert_eq!(
        got.len(),
        want.len(),
        "the joined line keeps every vertex once"
    );
    assert_near("total", ds.border.border.length_m(), total, MM);
    for (i, g) in got.iter().enumerate() {
        let w = if reversed {
            total - want[want.len() - 1 - i]
        } else {
            want[i]
        };
        assert_near(&format!("chainage at vertex {i}"), *g, w, MM);
    }
}

#[track_caller]
fn assert_same_segments(got: &Measured, want: &Measured) {
    assert_near("total", got.total_m, want.total_m, MM);
    assert_eq!(got.segments.len(), want.segments.len());
    for (g, w) in got.segments.iter().zip(&want.segments) {
        assert_near("from", g.from_m, w.from_m, MM);
        assert_near("to", g.to_m, w.to_m, MM);
        assert_eq!(g.values, w.values);
        assert_eq!(g.sources, w.sources);
    }
}

#[test]
fn a_reversed_line_has_the_same_length() {
    let mut vs = ne_vertices();
    vs.reverse();
    for container in [Container::Features, Container::Multi] {
        let (_dir, path) = temp_file("reversed.geojson", &geojson_of(&[vs.clone()], container));
        let ds = load_plain(&path);
        assert_reference_chainage(&ds, true);
        let m = ds.measure(None).unwrap();
        assert_near("reversed total", m.total_m, 599_285.645, MM);
        assert_eq!(m.segments.len(), 1, "no layers: one segment");
    }
}

/// A layers file for the line run north→south (`reversed == false`) or south→north, saying
/// the same thing.
fn layers_toml(reversed: bool) -> String {
    let (north, south) = if reversed {
        ("\"end\"", "\"start\"")
    } else {
        ("\"start\"", "\"end\"")
    };
    let (euphrates, yaar, qaim) = (
        "{ river = \"Euphrates\" }",
        "{ place = \"Al-Yaarubiyah\" }",
        "{ place = \"Al-Qaim (Husaybah)\" }",
    );
    let ft = |a: &str, b: &str| {
        if reversed {
            format!("from = {b}\nto = {a}")
        } else {
            format!("from = {a}\nto = {b}")
        }
    };
    format!(
        r#"
[dataset]
rivers = '{}'

[[layer]]
id = "authority"

[[layer.interval]]
value = "SDF"
{}
as_of = 2024-05-12
source = "test"

[[layer.interval]]
value = "Damascus government"
{}
as_of = 2024-05-12
source = "test"

[[layer.interval]]
value = "al-Tanf zone"
zone = {{ circle = {{ center = [38.61778, 33.50583], radius_km = 55 }} }}
priority = 1
as_of = 2024-05-12
source = "test"

[[layer]]
id = "wall"
default = "not reported"

[[layer.interval]]
value = "built"
{}
as_of = 2025-10-16
source = "test"
"#,
        repo("assets/data/context-10m.geojson").display(),
        ft(north, euphrates),
        ft(euphrates, south),
        ft(yaar, qaim)
    )
}

fn load_with_layers(border: &Path, layers: &Path) -> Dataset {
    Dataset::load(&LoadOptions {
        border: Some(border.to_string_lossy().into_owned()),
        layers: Some(layers.to_path_buf()),
        places: Some(repo("assets/data/places.geojson")),
        ..LoadOptions::default()
    })
    .unwrap()
}

/// Run backwards, the line has the same segments in mirror image: same values, same lengths
/// (to a few centimetres where a place sets the cut, a millimetre at the al-Tanf circle and at
/// the Euphrates crossing).
#[test]
fn a_reversed_line_gives_the_same_segments_mirrored() {
    let vs = ne_vertices();
    let mut rs = vs.clone();
    rs.reverse();
    let (_d1, fwd_path) = temp_file("fwd.geojson", &geojson_of(&[vs], Container::Features));
    let (_d2, rev_path) = temp_file("rev.geojson", &geojson_of(&[rs], Container::Features));
    let (_d3, fwd_layers) = temp_file("fwd.toml", &layers_toml(false));
    let (_d4, rev_layers) = temp_file("rev.toml", &layers_toml(true));
    let fwd = load_with_layers(&fwd_path, &fwd_layers)
        .measure(Some(date("2025-10-16")))
        .unwrap();
    let rev = load_with_layers(&rev_path, &rev_layers)
        .measure(Some(date("2025-10-16")))
        .unwrap();
    assert_near("total", rev.total_m, fwd.total_m, MM);
    assert!(fwd.segments.len() >= 4, "{:?}", fwd.segments);
    assert_eq!(rev.segments.len(), fwd.segments.len());
    let t = fwd.total_m;
    for (f, r) in fwd.segments.iter().zip(rev.segments.iter().rev()) {
        assert_eq!(f.values, r.values);
        assert_near("mirrored from", t - r.to_m, f.from_m, SNAP_ALONG);
        assert_near("mirrored to", t - r.from_m, f.to_m, SNAP_ALONG);
        assert_near("length", r.length_m, f.length_m, 2.0 * SNAP_ALONG);
    }
    let zone = "al-Tanf zone";
    assert_near(
        "al-Tanf zone",
        rev.total_of("authority", zone),
        fwd.total_of("authority", zone),
        MM,
    );
    assert_near(
        "al-Tanf zone vs reference",
        fwd.total_of("authority", zone),
        num(&reference()["ne10m"]["total_m"])
            - num(&reference()["ne10m"]["tanf_crossings"][0]["along_m"]),
        MM,
    );
}

/// Parts shuffled, some reversed (most of the length still north→south), in either container:
/// the same line, the same segments as the embedded border.
#[test]
fn shuffled_and_reversed_parts_give_the_same_line_and_segments() {
    let vs = ne_vertices();
    let parts = split(&vs, &[7, 20, 33, 40, 57]);
    let want = measured(None);
    let cases: [(&[usize], &[bool]); 3] = [
        (&[0, 1, 2, 3, 4, 5], &[false; 6]),
        (
            &[3, 0, 5, 2, 1, 4],
            &[false, true, false, false, false, true],
        ),
        (
            &[5, 4, 3, 2, 1, 0],
            &[true, false, false, true, false, true],
        ),
    ];
    for (order, rev) in cases {
        for container in [Container::Features, Container::Multi] {
            let (_dir, path) = write_parts(&parts, order, rev, container);
            let ds = with_default_layers(&path);
            assert_reference_chainage(&ds, false);
            assert_same_segments(&ds.measure(None).unwrap(), &want);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any split, order and direction of parts: the length is unchanged, every vertex kept once,
    /// and the line runs the way most of its length runs in the file.
    #[test]
    fn any_split_keeps_the_line(
        cuts in proptest::sample::subsequence((1..61).collect::<Vec<usize>>(), 0..8),
        keys in proptest::collection::vec(any::<u32>(), 9),
        rev in proptest::collection::vec(any::<bool>(), 9),
        multi in any::<bool>(),
    ) {
        let vs = ne_vertices();
        let parts = split(&vs, &cuts);
        let mut order: Vec<usize> = (0..parts.len()).collect();
        order.sort_by_key(|&i| (keys[i], i));
        let ch = ref_chainage("ne10m");
        let mut bounds = vec![0];
        bounds.extend_from_slice(&cuts);
        bounds.push(vs.len() - 1);
        let len_of = |i: usize| ch[bounds[i + 1]] - ch[bounds[i]];
        let backward: f64 = (0..parts.len()).filter(|&i| rev[i]).map(len_of).sum();
        let forward: f64 = (0..parts.len()).filter(|&i| !rev[i]).map(len_of).sum();
        let container = if multi { Container::Multi } else { Container::Features };
        let (_dir, path) = write_parts(&parts, &order, &rev, container);
        let ds = load_plain(&path);
        assert_reference_chainage(&ds, backward > forward);
    }
}

/// Two parts that do not meet are two parts of the border: the gap between them counts for
/// nothing (GeographicLib's chainage less the gap's step), and nothing is warned.
#[test]
fn parts_that_do_not_meet_are_parts_and_the_gap_counts_for_nothing() {
    let vs = ne_vertices();
    let ch = ref_chainage("ne10m");
    let k = 30;
    let parts = vec![vs[..=k].to_vec(), vs[k + 1..].to_vec()];
    let want = ch.last().unwrap() - (ch[k + 1] - ch[k]);
    for container in [Container::Features, Container::Multi] {
        let (_dir, path) = temp_file("gappy.geojson", &geojson_of(&parts, container));
        let ds = load_plain(&path);
        let b = &ds.border.border;
        assert_eq!(b.parts().len(), 2);
        assert!(
            (b.length_m() - want).abs() < 1e-3,
            "{} vs {want}",
            b.length_m()
        );
        // Part 2 starts where part 1 ends.
        assert_eq!(b.part_chainage(1)[0], *b.part_chainage(0).last().unwrap());
        assert!(ds.border.warnings.is_empty(), "{:?}", ds.border.warnings);
    }
}

/// Ends closer than the join tolerance (1 m) are joined.
#[test]
fn ends_within_the_tolerance_are_joined() {
    let vs = ne_vertices();
    let mut b = vs[20..].to_vec();
    b[0][1] += 0.000_005; // about 0.55 m north of the shared vertex
    let parts = vec![vs[..=20].to_vec(), b];
    let (_dir, path) = temp_file("near.geojson", &geojson_of(&parts, Container::Features));
    let ds = load_plain(&path);
    let total = num(&reference()["ne10m"]["total_m"]);
    let extra = ds.border.border.length_m() - total;
    assert!(
        (0.0..2.0).contains(&extra),
        "joined with the short step: {extra} m"
    );
}
