//! Place labels: towns and capitals next to their markers.

use crate::fonts::Font;
use crate::geom::{Pt, Rect};
use crate::layout::{Anchor, CircleItem, Item, LabelKind, Layout, Marker, Stroke, TextItem};

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
            let (w, h) = (self.m.width(&name, font) + 3.0, ls * 1.2);
            let spot = label_spots(w, h, p, capital)
                .into_iter()
                .map(|(x, y)| Rect { x, y, w, h })
                .find(|r| self.free(r, 2.0));
            match spot {
                Some(r) => self.place_label(&name, r, font, capital),
                // A place is drawn with its name or not at all: no unlabelled dots.
                None => self.drop_place_dot(p),
            }
        }
    }

    /// Removes the dot of the place at `p` (px): its circles and the box reserved for it.
    fn drop_place_dot(&mut self, p: Pt) {
        if let Some(g) = self.group_mut("places") {
            g.items
                .retain(|it| !matches!(it, Item::Circle(c) if c.c == p));
        }
        let at =
            |r: &Rect| (r.x + r.w / 2.0 - p.0).abs() < 1e-9 && (r.y + r.h / 2.0 - p.1).abs() < 1e-9;
        if let Some(i) = self.boxes.iter().position(at) {
            self.boxes.remove(i);
        }
        self.markers.retain(|m| m.at != p);
    }
}

impl Layout<'_> {
    /// Sets a place's (`capital`: a capital's) label in `r`, px, and reserves the box.
    fn place_label(&mut self, name: &str, r: Rect, font: Font, capital: bool) {
        let s = self.s;
        self.push_items(vec![Item::Text(TextItem {
            x: r.x + 1.5,
            y: r.y + s.label_size * 0.92,
            text: name.to_string(),
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
        let kind = if capital {
            LabelKind::Capital
        } else {
            LabelKind::Place
        };
        self.add_label(name, kind, r);
    }
}

/// Where a label of `w` × `h` px may go around a marker at `p`, best first: right, above
/// right, below right, left, ..., then the same a little further out.
fn label_spots(w: f64, h: f64, p: Pt, capital: bool) -> Vec<(f64, f64)> {
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
    cands
}

/// Frame area per town drawn, px²: a 1200 × 900 map shows about a dozen towns.
const TOWN_AREA_PX2: f64 = 60_000.0;
/// Most towns a map draws.
const MAX_TOWNS: usize = 14;
/// Least distance between a town's marker and any other marker, px.
const TOWN_GAP_PX: f64 = 40.0;

impl Layout<'_> {
    /// Towns of the context (not capitals, which `places` draws): the most populous first,
    /// each only where its marker and its label fit clear of everything placed, at most one
    /// per [`TOWN_AREA_PX2`] of frame and [`TOWN_GAP_PX`] from other markers.
    pub(crate) fn towns(&mut self) -> crate::error::Result<()> {
        let s = self.s;
        let ls = s.label_size;
        let most = ((self.frame.w * self.frame.h / TOWN_AREA_PX2) as usize).min(MAX_TOWNS);
        let inner = self.frame.inflate(-8.0);
        let mut drawn = 0;
        let towns: Vec<(String, geo::Coord<f64>)> = self
            .inp
            .model
            .context
            .places
            .iter()
            .filter(|p| !p.capital)
            .map(|p| (p.name.clone(), p.at))
            .collect();
        for (name, at) in towns {
            if drawn >= most {
                break;
            }
            let p = self.px(at.x, at.y)?;
            let inside =
                p.0 > inner.x && p.0 < inner.right() && p.1 > inner.y && p.1 < inner.bottom();
            if !inside
                || self.editor_names(&name, at)
                || self
                    .markers
                    .iter()
                    .any(|m| m.name == name || (m.at.0 - p.0).hypot(m.at.1 - p.1) < TOWN_GAP_PX)
            {
                continue;
            }
            let r = 3.0;
            let dot = Rect {
                x: p.0 - r - 1.0,
                y: p.1 - r - 1.0,
                w: 2.0 * r + 2.0,
                h: 2.0 * r + 2.0,
            };
            if !self.free(&dot, 1.0) {
                continue;
            }
            let font = Font::regular(ls);
            let (w, h) = (self.m.width(&name, font) + 3.0, ls * 1.2);
            let Some(spot) = label_spots(w, h, p, false).into_iter().find(|&(x, y)| {
                let lr = Rect { x, y, w, h };
                !lr.intersects(&dot) && self.free(&lr, 2.0)
            }) else {
                continue;
            };
            let lr = Rect {
                x: spot.0,
                y: spot.1,
                w,
                h,
            };
            if let Some(g) = self.group_mut("places") {
                g.items.push(Item::Circle(CircleItem {
                    c: p,
                    r,
                    fill: Some(s.halo.clone()),
                    stroke: Some(Stroke::new(&s.marker, 1.3)),
                    class: "town".into(),
                }));
            }
            self.boxes.push(dot);
            self.markers.push(Marker {
                name: name.clone(),
                at: p,
                capital: false,
            });
            self.place_label(&name, lr, font, false);
            drawn += 1;
        }
        Ok(())
    }
}
