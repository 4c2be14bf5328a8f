//! The gaps, overlaps and disputed stretches of each layer, from the overlay's segments.

use super::{Cell, Issue, Segment};

/// Per layer, the runs of touching segments with the same gap, overlap or dispute.
pub(super) fn find_issues(ids: &[String], segments: &[Segment]) -> Vec<Issue> {
    let mut issues: Vec<Issue> = Vec::new();
    for (li, id) in ids.iter().enumerate() {
        let mut cur: Option<Issue> = None;
        for s in segments {
            let this = match s.cells.get(li) {
                Some(Cell::Gap) => Some(("gap", Vec::new())),
                Some(Cell::Conflict(v)) => Some(("overlap", v.clone())),
                Some(Cell::Disputed(v)) => Some(("disputed", v.clone())),
                _ => None,
            };
            match (this, cur.as_mut()) {
                (Some((k, v)), Some(c))
                    if c.kind == k && c.values == v && (c.to_m - s.from_m).abs() < 1e-6 =>
                {
                    c.to_m = s.to_m;
                }
                (Some((k, v)), _) => {
                    if let Some(c) = cur.take() {
                        issues.push(c);
                    }
                    cur = Some(Issue {
                        kind: k,
                        layer: id.clone(),
                        from_m: s.from_m,
                        to_m: s.to_m,
                        values: v,
                        claims: Vec::new(),
                    });
                }
                (None, _) => {
                    if let Some(c) = cur.take() {
                        issues.push(c);
                    }
                }
            }
        }
        if let Some(c) = cur.take() {
            issues.push(c);
        }
    }
    issues
}
