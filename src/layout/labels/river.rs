//! River labels: along the river, near the middle of its visible run.

use crate::error::Result;
use crate::fonts::Font;
use crate::geom::{Pt, Rect, Walk};
use crate::layout::{Anchor, Item, LabelKind, Layout, TextItem, river_name};

impl Layout<'_> {
    pub(crate) fn river_labels(&mut self) -> Result<()> {
        let s = self.s;
        // Named in the map's language where the data has it (`name_ar`), else English.
        let lang = self.inp.locale.lang();
        let mut names: Vec<String> = Vec::new();
        for r in &self.inp.model.context.rivers {
            let n = river_name(r.name_in(lang));
            if !n.is_empty() && !names.contains(&n) {
                names.push(n);
            }
        }
        let font = Font {
            italic: true,
            ..Font::regular(s.label_size)
        };
        for name in names {
            let w = self.m.width(&name, font) + 4.0;
            let h = s.label_size * 1.2;
            let mut best: Option<(f64, Rect)> = None;
            for r in self
                .inp
                .model
                .context
                .rivers
                .iter()
                .filter(|r| river_name(r.name_in(lang)) == name)
            {
                for part in &r.line.0 {
                    let pts = self.line_px(part)?;
                    let inside: Vec<Pt> = pts
                        .into_iter()
                        .filter(|p| {
                            self.frame.inflate(-20.0).contains(&Rect {
                                x: p.0,
                                y: p.1,
                                w: 0.0,
                                h: 0.0,
                            })
                        })
                        .collect();
                    if inside.len() < 2 {
                        continue;
                    }
                    let walk = Walk::new(&inside);
                    let len = walk.total();
                    let mut t = 0.0;
                    while t <= len {
                        let p = walk.at(t);
                        for dy in [-(h / 2.0 + 4.0), h / 2.0 + 4.0] {
                            let r = Rect {
                                x: p.0 - w / 2.0,
                                y: p.1 + dy - h / 2.0,
                                w,
                                h,
                            };
                            let cost = (t - len / 2.0).abs() - len;
                            if best.as_ref().is_none_or(|b| cost < b.0) && self.free(&r, 6.0) {
                                best = Some((cost, r));
                            }
                        }
                        t += 15.0;
                    }
                }
            }
            let Some((_, r)) = best else { continue };
            self.push_items(vec![Item::Text(TextItem {
                x: r.x + w / 2.0,
                y: r.y + s.label_size * 0.92,
                text: name.clone(),
                font,
                fill: s.river_text.clone(),
                halo: self.halo(),
                anchor: Anchor::Middle,
                class: "river-label".into(),
                rtl: false,
                family: None,
                runs: Vec::new(),
            })]);
            self.add_label(&name, LabelKind::River, r);
        }
        Ok(())
    }
}
