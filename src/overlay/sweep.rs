//! The sweep behind `cut_segments`: which claims cover which window of the cuts, found once
//! per claim by binary search instead of testing every claim against every window.

use super::{CUT_MERGE_M, Placed};

/// Per window of `cuts` (window `i` runs from `cuts[i]` to `cuts[i + 1]`, metres): the claims
/// (indices into `placed`) whose first covered window is `i`, and those whose last covered
/// window is `i - 1`. A claim covers a window when `from_m <= a + 1e-9` and `to_m >= b - 1e-9`;
/// with `cuts` sorted the windows it covers are one run, found by two binary searches.
pub(super) fn covered_windows(
    cuts: &[f64],
    placed: &[Placed],
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let n = cuts.len();
    let mut starts: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut stops: Vec<Vec<usize>> = vec![Vec::new(); n];
    let ends = cuts.get(1..).unwrap_or(&[]);
    for (pi, p) in placed.iter().enumerate() {
        // Negated on purpose: a NaN end covers no window, as in the test it replaces.
        #[allow(clippy::neg_cmp_op_on_partial_ord)]
        let lo = cuts.partition_point(|&a| !(p.from_m <= a + 1e-9));
        let hi = ends.partition_point(|&b| p.to_m >= b - 1e-9);
        if lo < hi {
            if let Some(v) = starts.get_mut(lo) {
                v.push(pi);
            }
            if let Some(v) = stops.get_mut(hi) {
                v.push(pi);
            }
        }
    }
    (starts, stops)
}

/// Whether some joint (sorted, metres) lies within [`CUT_MERGE_M`] (1e-6 m) of `a`: only the joints
/// either side of `a` can.
pub(super) fn near_joint(sorted: &[f64], a: f64) -> bool {
    let i = sorted.partition_point(|&j| j < a);
    [i.checked_sub(1), Some(i)]
        .into_iter()
        .flatten()
        .filter_map(|k| sorted.get(k))
        .any(|j| (j - a).abs() < CUT_MERGE_M)
}
