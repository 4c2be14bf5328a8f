//! The scale bar, true at a stated latitude, and the north arrow.

use super::{Anchor, Item, Layout, PageTransform, PathItem, RectItem, ScaleBar, Stroke, TextItem};
use crate::border::destination;
use crate::error::Result;
use crate::fonts::Font;
use crate::geom::{Pt, Rect};
use crate::i18n::Locale;
use crate::style::Style;

/// Steps a scale bar may stand for, km.
const NICE_KM: [f64; 14] = [
    1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 5000.0,
];
/// Width of the north arrow's column in the scale panel, px.
const ARROW_W: f64 = 26.0;
/// Height of the scale panel, px.
pub(crate) const SCALE_H: f64 = 46.0;
/// The longest a scale bar is drawn, px (less on narrow frames: [`scale_max_px`]).
const SCALE_MAX_PX: f64 = 170.0;

/// The longest scale bar for a frame `frame_w` px wide: [`SCALE_MAX_PX`], at most 30 % of
/// the frame.
pub(crate) fn scale_max_px(frame_w: f64) -> f64 {
    SCALE_MAX_PX.min((frame_w * 0.3).floor())
}

/// Where the scale panel goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ScaleAt {
    /// Not drawn: the scale varies across the map (the legend says so).
    None,
    /// In one of these corners of the frame.
    Corner(super::arrange::Corners),
    /// At this top-left point, outside the frame (below the map).
    At(Pt),
}

impl Layout<'_> {
    /// The scale panel's caption.
    fn scale_caption(&self) -> String {
        let loc = self.inp.locale;
        loc.text(
            "scale-true-at",
            &[("lat", &loc.degrees(self.center_geo.y, true))],
        )
    }

    /// The scale bar for page transform `xf`: the longest step of [`NICE_KM`] drawn no longer
    /// than `max_px`, as (km, px).
    pub(crate) fn scale_choice(&self, xf: PageTransform, max_px: f64) -> Result<(f64, f64)> {
        let c = self.center_geo;
        let px = |lon: f64, lat: f64| -> Result<Pt> {
            let (x, y) = self.inp.projection.forward(lon, lat)?;
            Ok(xf.apply(x, y))
        };
        let p = px(c.x, c.y)?;
        let d = 100_000.0;
        let q = destination(c, 90.0, d);
        let qp = px(q.x, q.y)?;
        let px_per_m = (qp.0 - p.0).hypot(qp.1 - p.1) / d;
        let mut km = NICE_KM[0];
        for n in NICE_KM {
            if n * 1000.0 * px_per_m <= max_px {
                km = n;
            }
        }
        Ok((km, km * 1000.0 * px_per_m))
    }

    /// The largest the scale panel can be for bars up to `max_px` px (any label), px.
    pub(crate) fn scale_box_max(&mut self, max_px: f64) -> (f64, f64) {
        let ss = self.s.small_size;
        let caption_w = self.m.width(&self.scale_caption(), Font::regular(ss));
        let label_w = self
            .m
            .width(&self.inp.locale.km(5_000_000.0), Font::regular(ss));
        (
            ((max_px + label_w / 2.0 + 6.0).max(caption_w) + 14.0 + ARROW_W + 12.0).ceil(),
            SCALE_H,
        )
    }

    /// The north arrow's angle at the map centre, and the scale panel where `at` says.
    pub(crate) fn scale_and_north(&mut self, at: ScaleAt, max_px: f64) -> Result<()> {
        let s = self.s;
        let c = self.center_geo;
        let p = self.px(c.x, c.y)?;
        let (km, length_px) = self.scale_choice(self.xf, max_px)?;
        // North: a small step north from the centre.
        let n = self.px(c.x, c.y + 0.05)?;
        let angle = (n.0 - p.0).atan2(-(n.1 - p.1)).to_degrees();
        self.north = (angle * 100.0).round() / 100.0;
        if at == ScaleAt::None {
            return Ok(());
        }
        let loc = self.inp.locale;
        let label = loc.text("length-km", &[("n", &loc.number_trimmed(km))]);
        let ss = s.small_size;
        let lat_text = self.scale_caption();
        let caption_w = self.m.width(&lat_text, Font::regular(ss));
        let label_w = self.m.width(&label, Font::regular(ss));
        let arrow_w = ARROW_W;
        let w = (length_px + label_w / 2.0 + 6.0).max(caption_w) + 14.0 + arrow_w + 12.0;
        let h = SCALE_H;
        let r = match at {
            ScaleAt::Corner(allowed) => self.pick_corner(w, h, [60.0, 60.0, 30.0, 0.0], allowed),
            ScaleAt::At(p) => Rect {
                x: p.0,
                y: p.1,
                w,
                h,
            },
            ScaleAt::None => return Ok(()),
        };
        self.scale_rect = Some(r);
        self.boxes.push(r.inflate(3.0));
        let mut items = vec![Item::Rect(RectItem {
            rect: r,
            fill: Some(s.panel.clone()),
            opacity: 0.8,
            stroke: None,
            radius: 3.0,
            class: "panel".into(),
            data: Vec::new(),
        })];
        items.extend(north_arrow(s, self.inp.locale, r, self.north));
        let x0 = r.x + 6.0 + arrow_w + 14.0;
        let yb = r.y + 20.0;
        let half = length_px / 2.0;
        for (i, (fill, x)) in [(s.text.clone(), x0), (s.panel.clone(), x0 + half)]
            .into_iter()
            .enumerate()
        {
            items.push(Item::Rect(RectItem {
                rect: Rect {
                    x,
                    y: yb,
                    w: half,
                    h: 5.0,
                },
                fill: Some(fill),
                opacity: 1.0,
                stroke: Some(Stroke::new(&s.text, 0.8)),
                radius: 0.0,
                class: "scale-bar".into(),
                data: if i == 0 {
                    vec![
                        ("length-m".into(), format!("{:.3}", km * 1000.0)),
                        ("length-px".into(), format!("{length_px:.3}")),
                        ("lat".into(), format!("{:.1}", c.y)),
                    ]
                } else {
                    Vec::new()
                },
            }));
        }
        let t = |x: f64, text: String, anchor: Anchor| {
            Item::Text(TextItem {
                x,
                y: yb - 3.0,
                text,
                font: Font::regular(ss),
                fill: s.text.clone(),
                halo: None,
                anchor,
                class: "scale-label".into(),
                rtl: false,
                family: None,
                runs: Vec::new(),
            })
        };
        let zero = loc.number(0.0, 0);
        items.push(t(x0, zero.clone(), Anchor::Middle));
        // The middle figure only where it keeps 2 px clear of the ends' figures.
        let mid_text = loc.number_trimmed(km / 2.0);
        let mid_w = self.m.width(&mid_text, Font::regular(ss));
        let zero_w = self.m.width(&zero, Font::regular(ss));
        if x0 + half - mid_w / 2.0 >= x0 + zero_w / 2.0 + 2.0
            && x0 + half + mid_w / 2.0 <= x0 + length_px - label_w / 2.0 - 2.0
        {
            items.push(t(x0 + half, mid_text, Anchor::Middle));
        }
        items.push(t(x0 + length_px, label.clone(), Anchor::Middle));
        items.push(Item::Text(TextItem {
            x: x0,
            y: yb + 5.0 + ss + 4.0,
            text: lat_text,
            font: Font::regular(ss),
            fill: s.muted_text.clone(),
            halo: None,
            anchor: Anchor::Start,
            class: "scale-caption".into(),
            rtl: false,
            family: None,
            runs: Vec::new(),
        }));
        self.scale_bar = Some(ScaleBar {
            length_m: km * 1000.0,
            length_px,
            lon: c.x,
            lat: c.y,
            label,
        });
        self.group("scale", false, items);
        Ok(())
    }
}

/// The north arrow and its letter at the left of the scale panel `r` (px), turned by `north`
/// (degrees clockwise from up).
fn north_arrow(s: &Style, loc: &Locale, r: Rect, north: f64) -> Vec<Item> {
    let (arrow_w, h, ss) = (ARROW_W, SCALE_H, s.small_size);
    let mut items = Vec::new();
    // North arrow at the left.
    let ac = (r.x + 6.0 + arrow_w / 2.0, r.y + h / 2.0 + 4.0);
    let rot = |dx: f64, dy: f64| -> Pt {
        let a = north.to_radians();
        (
            ac.0 + dx * a.cos() - dy * a.sin(),
            ac.1 + dx * a.sin() + dy * a.cos(),
        )
    };
    items.push(Item::Path(PathItem {
        parts: vec![vec![
            rot(0.0, -13.0),
            rot(6.0, 9.0),
            rot(0.0, 5.0),
            rot(-6.0, 9.0),
        ]],
        closed: true,
        fill: Some(s.text.clone()),
        class: "north-arrow".into(),
        data: vec![("angle-deg".into(), format!("{:.2}", north))],
        title: Some(loc.text("north-arrow", &[])),
        ..PathItem::default()
    }));
    let nl = rot(0.0, -17.0);
    items.push(Item::Text(TextItem {
        x: nl.0,
        y: nl.1,
        text: loc.text("north-letter", &[]),
        font: Font::bold(ss),
        fill: s.text.clone(),
        halo: None,
        anchor: Anchor::Middle,
        class: "north-label".into(),
        rtl: false,
        family: None,
        runs: Vec::new(),
    }));
    items
}
