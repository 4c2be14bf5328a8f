//! Disputed stretches: claims that dispute each other (`disputed_by`) and are in force on the
//! same stretch are kept side by side, whichever is newer, rather than one replacing the other.

use super::{DisputedClaim, Placed};

/// The claims that decide a stretch covered by `covering`: those of the highest precedence
/// and, when one of them is in a dispute group, every covering claim of that group; and
/// whether all of them belong to one dispute group (then a disagreement is a dispute, not an
/// overlap).
pub(super) fn winners<'a, 'p>(covering: &'a [&'p Placed]) -> (Vec<&'a &'p Placed>, bool) {
    let top = covering.iter().map(|p| p.precedence()).max();
    let mut out: Vec<&&Placed> = covering
        .iter()
        .filter(|p| Some(p.precedence()) == top)
        .collect();
    let groups: std::collections::BTreeSet<usize> = out.iter().filter_map(|p| p.dispute).collect();
    for p in covering {
        if Some(p.precedence()) != top && p.dispute.is_some_and(|g| groups.contains(&g)) {
            out.push(p);
        }
    }
    out.sort_by_key(|p| p.order);
    let one_group = groups.len() == 1
        && out
            .iter()
            .all(|p| p.dispute.is_some() && p.dispute == groups.first().copied());
    (out, one_group)
}

/// The sides of a disputed stretch of layer `layer`: each claim with its value, source and
/// place in the file, in file order.
pub(super) fn sides(layer: Option<&String>, winners: &[&&Placed]) -> Vec<DisputedClaim> {
    winners
        .iter()
        .map(|p| DisputedClaim {
            layer: layer.cloned().unwrap_or_default(),
            value: p.value.clone(),
            source: p.source.clone().unwrap_or_default(),
            claim: p.at.clone(),
        })
        .collect()
}
