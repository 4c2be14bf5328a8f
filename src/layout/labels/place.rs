//! Place labels: towns and capitals next to their markers.

use crate::fonts::Font;
use crate::geom::Rect;
use crate::layout::{Anchor, Item, LabelKind, Layout, Marker, TextItem};

impl Layout<'_> {
    pub(crate) fn place_labels(&mut self) {
        let s = self.s;
        let ls = s.label_size;
        let mut order: Vec<Marker> = self.markers.clone();
        order.sort_by_key(|m| !m.capital);
        for Marker {
            name,
            at: p,
            capital,
        } in order
        {
            let font = if capital {
                Font::bold(ls)
            } else {
                Font::regular(ls)
            };
            let w = self.m.width(&name, font) + 3.0;
            let h = ls * 1.2;
            let r0 = if capital { 4.5 } else { 3.0 };
            let mut cands = Vec::new();
            for k in [0.0, 6.0] {
                let r0 = r0 + k;
                cands.extend([
                    (p.0 + r0 + 3.0, p.1 - h / 2.0),
                    (p.0 + r0, p.1 - r0 - h + 2.0),
                    (p.0 + r0, p.1 + r0 - 2.0),
                    (p.0 - r0 - 3.0 - w, p.1 - h / 2.0),
                    (p.0 - r0 - w, p.1 - r0 - h + 2.0),
                    (p.0 - r0 - w, p.1 + r0 - 2.0),
                    (p.0 - w / 2.0, p.1 - r0 - 2.0 - h),
                    (p.0 - w / 2.0, p.1 + r0 + 2.0),
                ]);
            }
            for (x, y) in cands {
                let r = Rect { x, y, w, h };
                if self.free(&r, 2.0) {
                    self.push_items(vec![Item::Text(TextItem {
                        x: x + 1.5,
                        y: y + ls * 0.92,
                        text: name.clone(),
                        font,
                        fill: s.text.clone(),
                        halo: self.halo(),
                        anchor: Anchor::Start,
                        class: if capital {
                            "capital-label"
                        } else {
                            "place-label"
                        }
                        .into(),
                        rtl: false,
                        family: None,
                        runs: Vec::new(),
                    })]);
                    self.add_label(
                        &name,
                        if capital {
                            LabelKind::Capital
                        } else {
                            LabelKind::Place
                        },
                        r,
                    );
                    break;
                }
            }
        }
    }
}
