//! Inputs large enough that a step testing every item against every other would take minutes
//! (issue 21 part 3), built in-process at medium size: the answers must be the same as for
//! the same input in order. Speed itself is measured in docs/performance.md ("Growth").

use bordermap::{Dataset, LoadOptions};
use geo::{Distance, Geodesic, Point};

use super::*;

/// `n + 1` vertices of a gently zigzagging line from 38°E 33°N towards the north-east.
fn chain(n: usize) -> Vec<[f64; 2]> {
    (0..=n)
        .map(|i| {
            let t = i as f64 / n as f64;
            [
                38.0 + 4.0 * t,
                33.0 + 4.0 * t + if i % 2 == 1 { 0.0005 } else { 0.0 },
            ]
        })
        .collect()
}

/// A permutation of `0..n` from a fixed linear congruential sequence.
fn shuffled(n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut s: u64 = 0x2545_F491_4F6C_DD1D;
    for i in (1..n).rev() {
        s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        order.swap(i, (s >> 33) as usize % (i + 1));
    }
    order
}

fn load(border: &std::path::Path, layers: Option<&std::path::Path>) -> Dataset {
    Dataset::load(&LoadOptions {
        border: Some(border.to_string_lossy().into_owned()),
        layers: layers.map(std::path::Path::to_path_buf),
        ..LoadOptions::default()
    })
    .unwrap()
}

/// 5,000 two-point parts, shuffled and every third one reversed, join into the one line they
/// make in order: every vertex once, the same length as the line and as its pieces summed.
#[test]
fn five_thousand_shuffled_parts_join_into_one_line() {
    let n = 5_000;
    let vs = chain(n);
    let pieces: Vec<Vec<[f64; 2]>> = vs.windows(2).map(|w| w.to_vec()).collect();
    let out: Vec<Vec<[f64; 2]>> = shuffled(n)
        .into_iter()
        .enumerate()
        .map(|(k, i)| {
            let mut p = pieces[i].clone();
            if k % 3 == 0 {
                p.reverse();
            }
            p
        })
        .collect();
    let (_d1, shuffled_path) =
        temp_file("shuffled.geojson", &geojson_of(&out, Container::Features));
    let (_d2, line_path) = temp_file(
        "line.geojson",
        &geojson_of(std::slice::from_ref(&vs), Container::Features),
    );
    let got = load(&shuffled_path, None);
    let want = load(&line_path, None);
    let parts = got.border.border.parts();
    assert_eq!(parts.len(), 1, "the pieces meet end to end: one line");
    assert_eq!(parts[0].0.len(), n + 1, "every vertex once");
    let summed: f64 = vs
        .windows(2)
        .map(|w| Geodesic.distance(Point::new(w[0][0], w[0][1]), Point::new(w[1][0], w[1][1])))
        .sum();
    assert_near("length", got.border.border.length_m(), summed, MM);
    assert_near(
        "length as in order",
        got.border.border.length_m(),
        want.border.border.length_m(),
        MM,
    );
    let first = parts[0].0[0];
    let ends = [vs[0], vs[n]];
    assert!(
        ends.iter().any(|e| e[0] == first.x && e[1] == first.y),
        "the line starts at one of its ends, not at {first:?}"
    );
}

/// 20,000 consecutive intervals, values cycling A, B, C, every tenth overlapping the next by a
/// metre at a higher priority: 20,000 segments in order, each with its interval's value, whose
/// lengths sum to the border's length.
#[test]
fn twenty_thousand_intervals_cut_the_line_in_order() {
    let n = 20_000;
    let (_d1, border) = temp_file(
        "line.geojson",
        &geojson_of(&[chain(400)], Container::Features),
    );
    let total_km = load(&border, None).border.border.length_m() / 1000.0;
    let step = total_km / n as f64;
    let mut toml = String::from("[[layer]]\nid = \"authority\"\n\n");
    for i in 0..n {
        let from = format!("{{ km = {:.6} }}", i as f64 * step);
        let to = if i + 1 == n {
            "\"end\"".to_string()
        } else {
            let over = if i % 10 == 9 { 0.001 } else { 0.0 };
            format!("{{ km = {:.6} }}", (i + 1) as f64 * step + over)
        };
        toml.push_str(&format!(
            "[[layer.interval]]\nvalue = \"{}\"\nfrom = {from}\nto = {to}\nas_of = 2024-05-12\npriority = {}\nsource = \"s{i}\"\n\n",
            ["A", "B", "C"][i % 3],
            u8::from(i % 10 == 9)
        ));
    }
    let (_d2, layers) = temp_file("layers.toml", &toml);
    let m = load(&border, Some(&layers)).measure(None).unwrap();
    assert_eq!(m.segments.len(), n, "one segment per interval");
    for (i, s) in m.segments.iter().enumerate() {
        let want = ["A", "B", "C"][i % 3];
        assert_eq!(
            s.values,
            vec![("authority".to_string(), Some(want.to_string()))],
            "segment {i}"
        );
        assert_eq!(s.sources, vec![format!("s{i}")], "segment {i}");
    }
    let sum: f64 = m.segments.iter().map(|s| s.length_m).sum();
    assert_near("lengths sum to the border", sum, m.total_m, MM);
    assert_near("first starts at 0", m.segments[0].from_m, 0.0, MM);
    assert_near(
        "last ends at the end",
        m.segments[n - 1].to_m,
        m.total_m,
        MM,
    );
}
