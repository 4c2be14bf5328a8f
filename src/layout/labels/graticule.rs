//! Graticule labels: degrees where meridians meet the top edge and parallels the sides.

use crate::error::Result;
use crate::fonts::Font;
use crate::geom::{Rect, crossing};
use crate::layout::{Anchor, GraticuleExtent, Item, LabelKind, Layout, TextItem};

impl Layout<'_> {
    pub(crate) fn graticule_labels(&mut self) -> Result<()> {
        let s = self.s;
        let ss = s.small_size;
        let extent = self.graticule_extent();
        let GraticuleExtent {
            lon0,
            lon1,
            lat0,
            lat1,
            step,
        } = extent;
        let font = Font::regular(ss);
        let f = self.frame;
        // Meridians: where they cross the top edge.
        let mut cached = std::mem::take(&mut self.grat_lines);
        if self.grat_extent != extent {
            cached.clear();
        }
        let mut cached = cached.into_iter();
        let mut lon = lon0;
        while lon <= lon1 + 1e-9 {
            let pts = match cached.next() {
                Some(pts) => pts,
                None => self.grat_curve(true, lon, lat0, lat1, 0.1)?,
            };
            if let Some(x) = crossing(&pts, |p| p.1 - (f.y + 1.0)).map(|p| p.0) {
                let text = self.inp.locale.degrees(lon, false);
                let w = self.m.width(&text, font) + 2.0;
                let r = Rect {
                    x: x - w / 2.0,
                    y: f.y + 6.0,
                    w,
                    h: ss * 1.2,
                };
                if self.free(&r, 1.0) {
                    self.push_items(vec![Item::Text(TextItem {
                        x,
                        y: r.y + ss * 0.92,
                        text: text.clone(),
                        font,
                        fill: s.muted_text.clone(),
                        halo: self.halo(),
                        anchor: Anchor::Middle,
                        class: "graticule-label".into(),
                        rtl: false,
                        family: None,
                        runs: Vec::new(),
                    })]);
                    self.add_label(&text, LabelKind::Graticule, r);
                }
            }
            lon += step;
        }
        let mut lat = lat0;
        while lat <= lat1 + 1e-9 {
            let pts = match cached.next() {
                Some(pts) => pts,
                None => self.grat_curve(false, lat, lon0, lon1, 0.1)?,
            };
            for (edge_x, anchor) in [(f.x + 6.0, Anchor::Start), (f.right() - 6.0, Anchor::End)] {
                if let Some(y) = crossing(&pts, |p| p.0 - edge_x).map(|p| p.1) {
                    let text = self.inp.locale.degrees(lat, true);
                    let w = self.m.width(&text, font) + 2.0;
                    let x = if anchor == Anchor::Start {
                        edge_x
                    } else {
                        edge_x - w
                    };
                    let r = Rect {
                        x,
                        y: y - ss * 1.2 - 1.0,
                        w,
                        h: ss * 1.2,
                    };
                    if self.free(&r, 1.0) {
                        self.push_items(vec![Item::Text(TextItem {
                            x: if anchor == Anchor::Start {
                                x + 1.0
                            } else {
                                x + w - 1.0
                            },
                            y: r.y + ss * 0.92,
                            text: text.clone(),
                            font,
                            fill: s.muted_text.clone(),
                            halo: self.halo(),
                            anchor,
                            class: "graticule-label".into(),
                            rtl: false,
                            family: None,
                            runs: Vec::new(),
                        })]);
                        self.add_label(&text, LabelKind::Graticule, r);
                        break;
                    }
                }
            }
            lat += step;
        }
        Ok(())
    }
}
