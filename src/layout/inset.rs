//! The inset locator map: the context at a smaller scale with the main frame outlined.

use geo::LineString;

use super::arrange::{
    BORDER_CLEARANCE, CORNER_INSET, Corners, FURNITURE_GAP, corner_rects, line_touches,
};
use super::view::InsetMode;
use super::{Clip, Group, Item, Layout, PageTransform, PathItem, RectItem, Stroke};
use crate::error::{Detail, Error, Result, Setting};
use crate::geom::{Pt, Rect};

/// Inset sizes tried, largest first, px (width, height): the inset shrinks to the largest a
/// free corner holds, and is left out below the smallest.
pub(crate) const INSET_SIZES: [(f64, f64); 4] =
    [(190.0, 140.0), (160.0, 118.0), (130.0, 96.0), (110.0, 81.0)];

/// Largest extent of an inset, in frame sizes (its larger side) around the frame.
const INSET_REACH: f64 = 6.0;

/// With the inset required ([`InsetMode::On`]): the error saying why it cannot be drawn.
fn inset_required(mode: InsetMode, why: &str) -> Result<()> {
    if mode != InsetMode::On {
        return Ok(());
    }
    Err(
        Error::input(format!("the locator inset cannot be drawn: {why}"))
            .hint("leave the inset to the layout, or make the page larger")
            .detail(Detail::Unsuitable {
                setting: Setting::Inset,
            }),
    )
}

impl Layout<'_> {
    /// Removes the inset (to make room for labels); whether there was one.
    pub(crate) fn drop_inset(&mut self) -> bool {
        if self.inset_rect.w <= 0.0 || self.inp.framing.inset == InsetMode::On {
            return false;
        }
        let grown = self.inset_rect.inflate(4.0);
        self.boxes.retain(|b| *b != grown);
        self.groups
            .retain(|g| g.id != "inset" && g.id != "inset-outline");
        self.clips.retain(|c| c.id != "inset-clip");
        self.inset_rect = Rect::EMPTY;
        true
    }

    /// The inset in the largest size a free corner holds; `reserve`: corners and size (px)
    /// of a box still to place, which must keep a corner of its own.
    pub(crate) fn inset(&mut self, reserve: Option<(Corners, (f64, f64))>) -> Result<()> {
        let s = self.s;
        let mode = self.inp.framing.inset;
        if mode == InsetMode::Off {
            self.inset_rect = Rect::EMPTY;
            return Ok(());
        }
        if self.inp.model.context.countries.is_empty() {
            // Nothing to locate the border in.
            self.inset_rect = Rect::EMPTY;
            if mode == InsetMode::On {
                return Err(Error::input(
                    "the locator inset cannot be drawn: the map has no context to locate the border in",
                )
                .hint("give a context (countries) for the map, or leave the inset to the layout")
                .detail(Detail::Missing {
                    setting: Setting::Inset,
                }));
            }
            return Ok(());
        }
        let found = self.inset_corner(reserve);
        let Some((_, _, r)) = found else {
            // No corner holds even the smallest inset: left out.
            self.inset_rect = Rect::EMPTY;
            let [.., (sw, sh)] = INSET_SIZES;
            return inset_required(
                mode,
                &format!(
                    "no corner of the map frame holds the locator inset ({sw} × {sh} px at the least) clear of the border, the legend and the scale bar"
                ),
            );
        };
        self.inset_rect = r;
        self.boxes.push(r.inflate(4.0));
        let (ixf, fr, proj_countries) = self.inset_extent(r);
        let mut items = vec![Item::Rect(RectItem {
            rect: r,
            fill: Some(s.water.clone()),
            opacity: 1.0,
            stroke: None,
            radius: 0.0,
            class: "inset-water".into(),
            data: Vec::new(),
        })];
        // Inset px and simplification, one country per task (in file order).
        let shapes: Vec<(Vec<Vec<Pt>>, bool)> = {
            use rayon::prelude::*;
            proj_countries
                .into_par_iter()
                .map(|(parts, focus)| {
                    let rings: Vec<Vec<Pt>> = parts
                        .iter()
                        .map(|ring| {
                            let ls: LineString<f64> = ring
                                .iter()
                                .map(|&(x, y)| ixf.apply(x, y))
                                .collect::<Vec<_>>()
                                .into();
                            crate::draw::rdp(&ls.0, 0.4, 2)
                                .iter()
                                .map(|c| (c.x, c.y))
                                .collect()
                        })
                        .collect();
                    (rings, focus)
                })
                .collect()
        };
        for (rings, focus) in shapes {
            items.push(Item::Path(PathItem {
                parts: rings,
                closed: true,
                fill: Some(if focus {
                    s.focus_land.clone()
                } else {
                    s.land.clone()
                }),
                stroke: Some(Stroke::new(&s.country_stroke, 0.5)),
                class: "inset-country".into(),
                ..PathItem::default()
            }));
        }
        let border: Vec<Vec<Pt>> = (self.inp.model.border.parts().iter())
            .map(|part| {
                (part.0.iter())
                    .map(|c| {
                        self.inp
                            .projection
                            .forward(c.x, c.y)
                            .map(|(x, y)| ixf.apply(x, y))
                    })
                    .collect::<Result<Vec<Pt>>>()
            })
            .collect::<Result<_>>()?;
        items.push(Item::Path(PathItem {
            parts: border,
            stroke: Some(Stroke::new(&s.text, 1.6)),
            class: "inset-border".into(),
            ..PathItem::default()
        }));
        items.push(Item::Path(PathItem {
            parts: vec![fr.iter().map(|&(x, y)| ixf.apply(x, y)).collect()],
            closed: true,
            stroke: Some(Stroke::new(&s.text, 1.2)),
            class: "inset-frame".into(),
            ..PathItem::default()
        }));
        self.clips.push(Clip {
            id: "inset-clip".into(),
            rect: r,
        });
        self.groups.push(Group {
            id: "inset".into(),
            class: "inset".into(),
            clip: Some("inset-clip".into()),
            items,
            aria_label: None,
            data: Vec::new(),
        });
        self.group(
            "inset-outline",
            false,
            vec![Item::Rect(RectItem {
                rect: r,
                fill: None,
                opacity: 1.0,
                stroke: Some(Stroke::new(&s.panel_stroke, 1.0)),
                radius: 0.0,
                class: "inset-outline".into(),
                data: Vec::new(),
            })],
        );
        Ok(())
    }

    /// The inset's corner: the largest of [`INSET_SIZES`] a corner of the frame holds clear of
    /// the border, the other furniture and what is placed, and not over `reserve` (corners
    /// allowed for a panel of that size, px): `(w, h, rect)`, px.
    fn inset_corner(&self, reserve: Option<(Corners, (f64, f64))>) -> Option<(f64, f64, Rect)> {
        // The largest size a corner holds clear of the border, the other furniture and the
        // place markers (an inset is not worth hiding a place).
        let furniture: Vec<Rect> = [Some(self.legend_rect), self.scale_rect]
            .into_iter()
            .flatten()
            .filter(|r| r.w > 0.0)
            .collect();
        let mut found = None;
        for (w, h) in INSET_SIZES {
            let mut allowed = [false; 4];
            for (slot, r) in allowed.iter_mut().zip(corner_rects(self.frame, w, h)) {
                let keeps = reserve.is_none_or(|(allowed, (rw, rh))| {
                    corner_rects(self.frame, rw, rh)
                        .iter()
                        .zip(allowed)
                        .any(|(c, ok)| {
                            ok && !c
                                .inflate(FURNITURE_GAP / 2.0)
                                .intersects(&r.inflate(FURNITURE_GAP / 2.0))
                        })
                });
                *slot = keeps
                    && self.frame.inflate(-CORNER_INSET + 0.001).contains(&r)
                    && !(self.border_px.iter())
                        .any(|p| line_touches(p, &r.inflate(BORDER_CLEARANCE)))
                    && !furniture.iter().any(|f| f.inflate(4.0).intersects(&r))
                    && !self.boxes.iter().any(|b| b.intersects(&r));
            }
            if allowed.contains(&true) {
                found = Some((w, h, self.pick_corner(w, h, [0.0, 0.0, 0.0, 80.0], allowed)));
                break;
            }
        }
        found
    }

    /// The inset's transform for its rectangle `r` (px), the main frame's corners in projected
    /// units and each context country's outer rings (projected) with whether it is a focus.
    #[allow(
        clippy::type_complexity,
        reason = "a transform, four corners and borrowed rings: named by the doc above"
    )]
    fn inset_extent(
        &self,
        r: Rect,
    ) -> (
        PageTransform,
        [(f64, f64); 4],
        Vec<(Vec<&[(f64, f64)]>, bool)>,
    ) {
        // Extent: the context and the main frame, in projected units.
        let inv = |p: Pt| -> (f64, f64) {
            (
                self.xf.cx + (p.0 - self.xf.fx) * self.xf.mpp,
                self.xf.cy - (p.1 - self.xf.fy) * self.xf.mpp,
            )
        };
        let fr = [
            inv((self.frame.x, self.frame.y)),
            inv((self.frame.right(), self.frame.y)),
            inv((self.frame.right(), self.frame.bottom())),
            inv((self.frame.x, self.frame.bottom())),
        ];
        let mut proj_countries = Vec::new();
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for (ci, polys) in self.planar.countries.iter().enumerate() {
            let focus = self.focus.get(ci).copied().unwrap_or(false);
            let mut parts: Vec<&[(f64, f64)]> = Vec::new();
            for ring in polys.iter().filter_map(|p| p.first()) {
                for &(x, y) in ring {
                    x0 = x0.min(x);
                    x1 = x1.max(x);
                    y0 = y0.min(y);
                    y1 = y1.max(y);
                }
                parts.push(ring);
            }
            proj_countries.push((parts, focus));
        }
        for (x, y) in fr {
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        // A locator shows the frame among its neighbours: at most INSET_REACH times the
        // frame's size around it (a world basemap's context holds whole countries, e.g.
        // Russia's mainland for a border in the Caucasus).
        let (fcx, fcy) = ((fr[0].0 + fr[2].0) / 2.0, (fr[0].1 + fr[2].1) / 2.0);
        let reach = (fr[2].0 - fr[0].0).abs().max((fr[0].1 - fr[2].1).abs()) * INSET_REACH / 2.0;
        x0 = x0.max(fcx - reach);
        x1 = x1.min(fcx + reach);
        y0 = y0.max(fcy - reach);
        y1 = y1.min(fcy + reach);
        let (fw, fh) = (x1 - x0, y1 - y0);
        let (w, h) = (r.w, r.h);
        let grow = if self.inp.model.context.countries.is_empty() {
            1.0
        } else {
            0.04
        };
        let mpp =
            ((fw * (1.0 + 2.0 * grow)) / (w - 8.0)).max((fh * (1.0 + 2.0 * grow)) / (h - 8.0));
        let ixf = PageTransform {
            mpp,
            cx: (x0 + x1) / 2.0,
            cy: (y0 + y1) / 2.0,
            fx: r.x + w / 2.0,
            fy: r.y + h / 2.0,
        };
        (ixf, fr, proj_countries)
    }
}
