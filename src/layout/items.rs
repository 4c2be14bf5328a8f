//! Page items set and moved as a block: lines of text at a baseline, and a right-to-left
//! page's legend mirrored in its box.

use super::{Anchor, Item, Pt, Rect};
use crate::fonts::Font;

/// Lines of text set left-aligned at `at` (x, first baseline), `leading` px apart: the items
/// and the last line's baseline.
pub(super) fn text_lines(
    lines: Vec<String>,
    at: Pt,
    leading: f64,
    font: Font,
    fill: &str,
    class: &str,
) -> (Vec<Item>, f64) {
    let mut base = at.1;
    let mut items = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        if i > 0 {
            base += leading;
        }
        items.push(Item::plain_text(
            at.0,
            base,
            line,
            font,
            fill,
            Anchor::Start,
            class,
        ));
    }
    (items, base)
}

/// Mirrors items left to right inside `r` (a right-to-left page's legend): every x about the
/// box's middle, text anchors swapped.
pub(super) fn mirror_in(items: &mut [Item], r: Rect) {
    let flip = |x: f64| r.x + r.right() - x;
    for it in items {
        match it {
            Item::Text(t) => {
                t.x = flip(t.x);
                t.anchor = match t.anchor {
                    Anchor::Start => Anchor::End,
                    Anchor::End => Anchor::Start,
                    Anchor::Middle => Anchor::Middle,
                };
            }
            Item::Rect(b) => b.rect.x = flip(b.rect.x + b.rect.w),
            Item::Circle(c) => c.c.0 = flip(c.c.0),
            Item::Path(p) => {
                for part in &mut p.parts {
                    for pt in part.iter_mut() {
                        pt.0 = flip(pt.0);
                    }
                }
            }
        }
    }
}
