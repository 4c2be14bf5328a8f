//! The editor's annotations: areas and lines drawn, highlights laid over the border, then
//! markers and callouts (highest priority first), each label in the first free place around
//! its point. Runs after the furniture and segment labels, before the basemap's place labels
//! (which give way). An annotation that finds no room is an error, or a warning when optional.

use geo::{Intersects, Line};

use super::{Anchor, CircleItem, Group, Item, LabelKind, Layout, PathItem, RectItem, Stroke};
use super::{TextItem, fmt_deg, wrap};
use crate::annotation::{self as ann, Annotation, Symbol};
use crate::error::{Detail, Error, Result};
use crate::fonts::Font;
use crate::geom::{Pt, Rect, to_ls};

/// The editor's colour: symbols, leaders, highlights (unless the annotation gives one).
pub const EDITOR_COLOR: &str = "#c2185b";
/// The editor's colour in print: near-black, so a greyscale page keeps markers, callouts and
/// highlights the darkest marks on it.
pub const EDITOR_COLOR_PRINT: &str = "#1a1a1a";

/// The colour of the editor's annotations in `style`'s theme (where the editor gives none).
fn editor_color(style: &crate::style::Style) -> &'static str {
    match style.theme {
        crate::style::Theme::Print => EDITOR_COLOR_PRINT,
        _ => EDITOR_COLOR,
    }
}
/// A marker symbol's radius, px (place dots are 3 to 4.5 px).
const SYMBOL_R: f64 = 6.5;

/// What an annotation placed: its group's items, the boxes to reserve, leaders, its label box.
struct Placed {
    items: Vec<Item>,
    boxes: Vec<Rect>,
    leaders: Vec<Vec<Pt>>,
    label: Option<(String, Rect)>,
}

fn unplaced(label: &str, w: f64, h: f64) -> Error {
    Error::input(format!(
        "annotation \"{label}\" finds no free place for its label ({w:.0} × {h:.0} px) on this map"
    ))
    .hint("make the page larger, move the label or mark it optional")
    .detail(Detail::AnnotationUnplaced {
        label: label.to_string(),
        width: w,
        height: h,
    })
}

fn rank(a: &Annotation) -> u8 {
    match a {
        Annotation::Area(_) => 0,
        Annotation::Line(_) => 1,
        Annotation::Highlight(_) => 2,
        Annotation::Marker(_) | Annotation::Callout(_) => 3,
    }
}

fn text(x: f64, y: f64, t: &str, font: Font, fill: &str, halo: Option<(String, f64)>) -> Item {
    Item::Text(TextItem {
        x,
        y,
        text: t.to_string(),
        font,
        fill: fill.to_string(),
        halo,
        anchor: Anchor::Start,
        class: "annotation-label".into(),
        rtl: false,
        family: None,
        runs: Vec::new(),
    })
}

/// The symbol's outline around `p`, px (a pin's tip at `p`), and the box it covers.
fn symbol_shape(sym: Symbol, p: Pt) -> (Vec<Vec<Pt>>, Rect) {
    let r = SYMBOL_R;
    let circle = |c: Pt, r: f64| -> Vec<Pt> {
        (0..20)
            .map(|i| {
                let a = f64::from(i) * std::f64::consts::TAU / 20.0;
                (c.0 + r * a.cos(), c.1 + r * a.sin())
            })
            .collect()
    };
    let around = |h: f64| Rect {
        x: p.0 - h,
        y: p.1 - h,
        w: 2.0 * h,
        h: 2.0 * h,
    };
    match sym {
        Symbol::Dot => (vec![circle(p, r * 0.8)], around(r * 0.8 + 1.5)),
        Symbol::Square => (
            vec![vec![
                (p.0 - r * 0.8, p.1 - r * 0.8),
                (p.0 + r * 0.8, p.1 - r * 0.8),
                (p.0 + r * 0.8, p.1 + r * 0.8),
                (p.0 - r * 0.8, p.1 + r * 0.8),
            ]],
            around(r * 0.8 + 1.5),
        ),
        Symbol::Star => {
            let pts = (0..10)
                .map(|i| {
                    let a = f64::from(i) * std::f64::consts::PI / 5.0 - std::f64::consts::FRAC_PI_2;
                    let rr = if i % 2 == 0 { r * 1.25 } else { r * 0.5 };
                    (p.0 + rr * a.cos(), p.1 + rr * a.sin())
                })
                .collect();
            (vec![pts], around(r * 1.25 + 1.5))
        }
        Symbol::Crossing => (
            vec![
                vec![
                    (p.0, p.1 - r),
                    (p.0 + r, p.1),
                    (p.0, p.1 + r),
                    (p.0 - r, p.1),
                ],
                vec![
                    (p.0 - r * 0.35, p.1 - r * 0.35),
                    (p.0 + r * 0.35, p.1 + r * 0.35),
                    (p.0 + r * 0.35, p.1 - r * 0.35),
                    (p.0 - r * 0.35, p.1 + r * 0.35),
                ],
            ],
            around(r + 1.5),
        ),
        Symbol::Pin => {
            let c = (p.0, p.1 - 1.7 * r);
            let mut pts = vec![p];
            for i in 0..=16 {
                // From the lower right round over the top to the lower left.
                let a = std::f64::consts::PI * (0.25 - 1.5 * f64::from(i) / 16.0);
                pts.push((c.0 + r * a.cos(), c.1 + r * a.sin()));
            }
            let b = Rect {
                x: p.0 - r - 1.5,
                y: c.1 - r - 1.5,
                w: 2.0 * r + 3.0,
                h: 2.7 * r + 3.0,
            };
            (vec![pts], b)
        }
    }
}

/// Candidate label boxes of `w` × `h` px around `s` (the symbol's box), best first: right,
/// upper right, lower right, left, upper left, lower left, above, below; then further out.
/// Each with whether it needs a leader.
fn spots(s: Rect, w: f64, h: f64, rtl: bool) -> Vec<(Rect, bool)> {
    let (cx, cy) = (s.x + s.w / 2.0, s.y + s.h / 2.0);
    let mut out = Vec::new();
    for (k, g) in [3.0, 16.0, 32.0, 52.0].into_iter().enumerate() {
        let right = [
            (s.right() + g, cy - h / 2.0),
            (s.right() + g * 0.7, s.y - h - g * 0.7 + 2.0),
            (s.right() + g * 0.7, s.bottom() + g * 0.7 - 2.0),
        ];
        let left = [
            (s.x - g - w, cy - h / 2.0),
            (s.x - g * 0.7 - w, s.y - h - g * 0.7 + 2.0),
            (s.x - g * 0.7 - w, s.bottom() + g * 0.7 - 2.0),
        ];
        let (first, second) = if rtl { (left, right) } else { (right, left) };
        for (x, y) in first
            .into_iter()
            .chain(second)
            .chain([(cx - w / 2.0, s.y - g - h), (cx - w / 2.0, s.bottom() + g)])
        {
            out.push((Rect { x, y, w, h }, k > 0));
        }
    }
    out
}

/// The point of `r` nearest `p`.
fn nearest(r: &Rect, p: Pt) -> Pt {
    (p.0.clamp(r.x, r.right()), p.1.clamp(r.y, r.bottom()))
}

impl Layout<'_> {
    /// Lays out every annotation (see the module docs).
    pub(crate) fn annotations(&mut self) -> Result<()> {
        let list = self.inp.model.annotations;
        let mut order: Vec<(usize, &Annotation)> = list.iter().enumerate().collect();
        order.sort_by_key(|(i, a)| (rank(a), -i64::from(a.priority()), *i));
        for (i, a) in order {
            a.validate()?;
            let mut placed = self.place_one(i, a);
            // As for segment labels, the inset gives way to an annotation with no room.
            let no_room = |p: &Result<Placed>| matches!(p, Err(e) if matches!(e.detail, Some(Detail::AnnotationUnplaced { .. })));
            if no_room(&placed) && self.drop_inset() {
                placed = self.place_one(i, a);
            }
            let placed = match placed {
                Ok(p) => p,
                Err(e) if a.optional() && e.kind == crate::error::ErrorKind::Input => {
                    self.warnings
                        .push(format!("{}; left out (optional)", e.message));
                    continue;
                }
                Err(e) => return Err(e),
            };
            self.commit(i, a, placed);
        }
        Ok(())
    }

    fn place_one(&mut self, i: usize, a: &Annotation) -> Result<Placed> {
        match a {
            Annotation::Marker(m) => self.marker(m),
            Annotation::Callout(c) => self.callout(c),
            Annotation::Highlight(h) => self.highlight(h, i),
            Annotation::Line(l) => self.user_line(l),
            Annotation::Area(ar) => self.user_area(ar),
        }
    }

    fn commit(&mut self, i: usize, a: &Annotation, p: Placed) {
        let (kind, symbol) = match a {
            Annotation::Marker(m) => ("marker", Some(m.symbol.name())),
            Annotation::Callout(_) => ("callout", None),
            Annotation::Highlight(_) => ("highlight", None),
            Annotation::Line(_) => ("line", None),
            Annotation::Area(_) => ("area", None),
        };
        self.boxes.extend(p.boxes);
        for l in &p.leaders {
            self.lines.push(to_ls(l));
        }
        if let Some((t, r)) = p.label {
            self.add_label(&t, LabelKind::Annotation, r);
        }
        let mut aria = a.label().to_string();
        if let Annotation::Marker(m) = a
            && let Some(n) = &m.note
        {
            aria = format!("{aria}: {n}");
        }
        self.groups.push(Group {
            id: format!("annotation-{}", i + 1),
            class: format!("annotation {kind}"),
            clip: matches!(
                a,
                Annotation::Line(_) | Annotation::Area(_) | Annotation::Highlight(_)
            )
            .then(|| "clip".to_string()),
            items: p.items,
            aria_label: (!aria.is_empty()).then_some(aria),
            data: symbol
                .map(|s| vec![("symbol".to_string(), s.to_string())])
                .unwrap_or_default(),
        });
    }

    /// The point of an anchor, page px (an error when it lies outside the frame).
    fn anchor_px(&self, at: &ann::Anchor, what: &str) -> Result<Pt> {
        let c = self.anchor_geo(at, what)?;
        let p = self.px(c[0], c[1])?;
        if !self.frame.inflate(-5.0).contains(&Rect {
            x: p.0,
            y: p.1,
            w: 0.0,
            h: 0.0,
        }) {
            return Err(Error::input(format!(
                "annotation \"{what}\" at {}, {} lies outside the map",
                fmt_deg(c[1], 'N', 'S'),
                fmt_deg(c[0], 'E', 'W')
            ))
            .hint("move it onto the map, fit the map to the whole context or mark it optional"));
        }
        Ok(p)
    }

    fn anchor_geo(&self, at: &ann::Anchor, what: &str) -> Result<[f64; 2]> {
        let b = &self.inp.model.border;
        match at {
            ann::Anchor::Point(p) => Ok(*p),
            ann::Anchor::Along(m) => {
                let c = b.point_at(self.along(*m, what)?);
                Ok([c.x, c.y])
            }
            ann::Anchor::Place(name) => {
                let c = self.place_at(name, what)?;
                Ok([c.x, c.y])
            }
        }
    }

    fn along(&self, m: f64, what: &str) -> Result<f64> {
        let len = self.inp.model.border.length_m();
        if m > len {
            return Err(Error::input(format!(
                "annotation \"{what}\": km {} is beyond the border's end ({})",
                m / 1000.0,
                self.inp.locale.km(len)
            ))
            .hint("give a km between 0 and the border's length"));
        }
        Ok(m)
    }

    fn place_at(&self, name: &str, what: &str) -> Result<geo::Coord<f64>> {
        let places = &self.inp.model.places;
        places
            .iter()
            .find(|p| p.name == name || p.name_in(self.inp.locale.lang()) == name)
            .map(|p| p.at)
            .ok_or_else(|| {
                Error::input(format!(
                    "annotation \"{what}\" names place \"{name}\", which the dataset does not have"
                ))
                .hint("name a place of the dataset's places file, or give lon and lat")
            })
    }

    fn marker(&mut self, m: &ann::Marker) -> Result<Placed> {
        let s = self.s;
        let color = m
            .color
            .clone()
            .unwrap_or_else(|| editor_color(self.s).to_string());
        let p = self.anchor_px(&ann::Anchor::Point([m.lon, m.lat]), &m.label)?;
        let (parts, sym) = symbol_shape(m.symbol, p);
        let furniture_hit = self.furniture_rects().iter().any(|f| f.intersects(&sym));
        let ls = s.label_size;
        let (bold, small) = (Font::bold(ls), Font::regular(s.small_size));
        let max = (self.frame.w / 3.0).clamp(120.0, 240.0);
        let lines = wrap(&mut self.m, &m.label, bold, max);
        let notes = match &m.note {
            Some(n) => wrap(&mut self.m, n, small, max),
            None => Vec::new(),
        };
        let mut w: f64 = 0.0;
        for l in &lines {
            w = w.max(self.m.width(l, bold));
        }
        for l in &notes {
            w = w.max(self.m.width(l, small));
        }
        let w = w + 3.0;
        let h = lines.len() as f64 * ls * 1.2 + notes.len() as f64 * s.small_size * 1.2;
        if furniture_hit {
            return Err(unplaced(&m.label, w, h));
        }
        let rtl = self.inp.locale.rtl();
        let Some((r, lead)) = spots(sym, w, h, rtl)
            .into_iter()
            .find(|(r, _)| !r.intersects(&sym) && self.free(r, 2.0))
        else {
            return Err(unplaced(&m.label, w, h));
        };
        let stroke = |c: &str, w: f64| {
            let mut st = Stroke::new(c, w);
            st.round = true;
            st
        };
        let mut items = Vec::new();
        let mut leaders = Vec::new();
        if lead {
            let c = (sym.x + sym.w / 2.0, sym.y + sym.h / 2.0);
            let e = nearest(&r, c);
            let from = nearest(&sym, e);
            leaders.push(vec![from, e]);
            items.push(Item::Path(PathItem {
                parts: vec![vec![from, e]],
                stroke: Some(stroke(&color, 1.2)),
                class: "annotation-leader".into(),
                ..PathItem::default()
            }));
        }
        items.push(Item::Path(PathItem {
            parts: parts.clone(),
            closed: true,
            stroke: Some(stroke(&s.halo, 4.0)),
            class: "annotation-halo".into(),
            ..PathItem::default()
        }));
        items.push(Item::Path(PathItem {
            parts,
            closed: true,
            fill: Some(color.clone()),
            stroke: Some(stroke(&s.halo, 1.2)),
            class: "annotation-symbol".into(),
            data: vec![("symbol".into(), m.symbol.name().into())],
            title: Some(m.label.clone()),
        }));
        let mut y = r.y;
        for l in &lines {
            items.push(text(
                r.x + 1.5,
                y + ls * 0.92,
                l,
                bold,
                &s.text,
                self.halo(),
            ));
            y += ls * 1.2;
        }
        for l in &notes {
            let y0 = y + s.small_size * 0.92;
            items.push(text(r.x + 1.5, y0, l, small, &s.muted_text, self.halo()));
            y += s.small_size * 1.2;
        }
        let mut label = m.label.clone();
        if let Some(n) = &m.note {
            label = format!("{label} {n}");
        }
        Ok(Placed {
            items,
            boxes: vec![sym, r],
            leaders,
            label: Some((label, r)),
        })
    }

    fn furniture_rects(&self) -> Vec<Rect> {
        let mut v = vec![self.legend_rect];
        v.extend(self.scale_rect);
        if self.inset_rect.w > 0.0 {
            v.push(self.inset_rect);
        }
        v
    }

    fn callout(&mut self, c: &ann::Callout) -> Result<Placed> {
        let s = self.s;
        let p = self.anchor_px(&c.anchor()?, &c.text)?;
        let ls = s.label_size;
        let font = Font::regular(ls);
        let max = (self.frame.w / 3.0).clamp(120.0, 220.0);
        let lines = wrap(&mut self.m, &c.text, font, max);
        let mut tw: f64 = 0.0;
        for l in &lines {
            tw = tw.max(self.m.width(l, font));
        }
        let (w, h) = (tw + 14.0, lines.len() as f64 * ls * 1.25 + 10.0);
        let dot = Rect {
            x: p.0 - 4.0,
            y: p.1 - 4.0,
            w: 8.0,
            h: 8.0,
        };
        let dirs = [
            (1.0, -1.0),
            (-1.0, -1.0),
            (1.0, 1.0),
            (-1.0, 1.0),
            (1.0, 0.0),
            (-1.0, 0.0),
            (0.0, -1.0),
            (0.0, 1.0),
        ];
        let mut found = None;
        'search: for d in [24.0, 48.0, 80.0, 120.0, 170.0, 230.0] {
            for (dx, dy) in dirs {
                let x = if dx > 0.0 {
                    p.0 + d
                } else if dx < 0.0 {
                    p.0 - d - w
                } else {
                    p.0 - w / 2.0
                };
                let y = if dy > 0.0 {
                    p.1 + d * 0.6
                } else if dy < 0.0 {
                    p.1 - d * 0.6 - h
                } else {
                    p.1 - h / 2.0
                };
                // Slid into the frame rather than lost at its edge (a narrow page's border
                // runs close to it).
                let fr = self.frame;
                let x = x.clamp(fr.x + 2.0, (fr.x + fr.w - w - 2.0).max(fr.x + 2.0));
                let y = y.clamp(fr.y + 2.0, (fr.y + fr.h - h - 2.0).max(fr.y + 2.0));
                let r = Rect { x, y, w, h };
                let e = nearest(&r, p);
                let leader = Line::new(geo::coord! {x: p.0, y: p.1}, geo::coord! {x: e.0, y: e.1});
                if !r.intersects(&dot)
                    && self.free(&r, 2.0)
                    && !self.labels.iter().any(|b| b.rect.geo().intersects(&leader))
                {
                    found = Some((r, e));
                    break 'search;
                }
            }
        }
        let Some((r, e)) = found else {
            return Err(unplaced(&c.text, w, h));
        };
        let mut items = vec![
            Item::Path(PathItem {
                parts: vec![vec![p, e]],
                stroke: Some(Stroke::new(editor_color(self.s), 1.2)),
                class: "annotation-leader".into(),
                ..PathItem::default()
            }),
            Item::Circle(CircleItem {
                c: p,
                r: 3.0,
                fill: Some(editor_color(self.s).into()),
                stroke: Some(Stroke::new(&s.halo, 1.0)),
                class: "annotation-point".into(),
            }),
            Item::Rect(RectItem {
                rect: r,
                fill: Some(s.background.clone()),
                opacity: 0.95,
                stroke: Some(Stroke::new(editor_color(self.s), 1.0)),
                radius: 3.0,
                class: "annotation-box".into(),
                data: Vec::new(),
            }),
        ];
        for (k, l) in lines.iter().enumerate() {
            let y = r.y + 5.0 + ls * 0.92 + k as f64 * ls * 1.25;
            items.push(text(r.x + 7.0, y, l, font, &s.text, None));
        }
        Ok(Placed {
            items,
            boxes: vec![r, dot],
            leaders: vec![vec![p, e]],
            label: Some((c.text.clone(), r)),
        })
    }
}

impl Layout<'_> {
    fn end_m(&self, at: &ann::Anchor, what: &str) -> Result<f64> {
        match at {
            ann::Anchor::Along(m) => self.along(*m, what),
            ann::Anchor::Place(name) => {
                let c = self.place_at(name, what)?;
                Ok(self.inp.model.border.snap(c).along_m)
            }
            ann::Anchor::Point(p) => Ok(self
                .inp
                .model
                .border
                .snap(geo::coord! {x: p[0], y: p[1]})
                .along_m),
        }
    }

    fn highlight(&mut self, h: &ann::Highlight, i: usize) -> Result<Placed> {
        let s = self.s;
        let what = h
            .title
            .clone()
            .unwrap_or_else(|| format!("highlight {}", i + 1));
        let (a, b) = h.ends()?;
        let (mut from, mut to) = (self.end_m(&a, &what)?, self.end_m(&b, &what)?);
        if from > to {
            std::mem::swap(&mut from, &mut to);
        }
        if to - from < 1.0 {
            return Err(Error::input(format!(
                "highlight \"{what}\" is empty: it starts where it ends"
            ))
            .hint("give two different ends along the border"));
        }
        // One line per part the stretch runs over: none is drawn across a gap.
        let lines = self.inp.model.border.slice_parts(from, to);
        let pxs: Vec<Vec<Pt>> = lines
            .iter()
            .map(|l| self.line_px(l))
            .collect::<Result<_>>()?;
        let color = h
            .color
            .clone()
            .unwrap_or_else(|| editor_color(self.s).to_string());
        let mut st = Stroke::new(&color, s.border_width * 2.6 + 2.0);
        st.round = true;
        let mut items = vec![Item::Path(PathItem {
            parts: pxs.clone(),
            stroke: Some(st),
            class: "annotation-overlay".into(),
            data: vec![
                ("from-m".into(), format!("{from:.1}")),
                ("to-m".into(), format!("{to:.1}")),
                ("length-m".into(), format!("{:.1}", to - from)),
            ],
            title: h.title.clone(),
            ..PathItem::default()
        })];
        let mut label = None;
        let mut boxes = Vec::new();
        if let Some(t) = &h.title {
            let font = Font::bold(s.label_size);
            let (w, hh) = (self.m.width(t, font) + 3.0, s.label_size * 1.2);
            let px = pxs.get(pxs.len() / 2).map_or(&[][..], Vec::as_slice);
            let mid = px.get(px.len() / 2).copied().unwrap_or((0.0, 0.0));
            let sym = Rect {
                x: mid.0 - 6.0,
                y: mid.1 - 6.0,
                w: 12.0,
                h: 12.0,
            };
            let found = spots(sym, w, hh, self.inp.locale.rtl())
                .into_iter()
                .find(|(r, _)| self.free(r, 3.0));
            match found {
                Some((r, _)) => {
                    let y = r.y + s.label_size * 0.92;
                    items.push(text(r.x + 1.5, y, t, font, &color, self.halo()));
                    boxes.push(r);
                    label = Some((t.clone(), r));
                }
                None if h.optional => self.warnings.push(format!(
                    "highlight \"{t}\" finds no free place for its title; drawn without it (optional)"
                )),
                None => return Err(unplaced(t, w, hh)),
            }
        }
        Ok(Placed {
            items,
            boxes,
            leaders: Vec::new(),
            label,
        })
    }

    fn user_line(&mut self, l: &ann::UserLine) -> Result<Placed> {
        let pts: Result<Vec<Pt>> = l.points.iter().map(|p| self.px(p[0], p[1])).collect();
        let mut st = Stroke::new(
            l.stroke.as_deref().unwrap_or(editor_color(self.s)),
            l.stroke_width,
        );
        st.round = true;
        Ok(Placed {
            items: vec![Item::Path(PathItem {
                parts: vec![pts?],
                stroke: Some(st),
                class: "annotation-line".into(),
                title: l.title.clone(),
                ..PathItem::default()
            })],
            boxes: Vec::new(),
            leaders: Vec::new(),
            label: None,
        })
    }

    fn user_area(&mut self, a: &ann::UserArea) -> Result<Placed> {
        let mut parts = Vec::new();
        for ring in &a.rings {
            let pts: Result<Vec<Pt>> = ring.iter().map(|p| self.px(p[0], p[1])).collect();
            parts.push(pts?);
        }
        let fill = a
            .fill
            .clone()
            .unwrap_or_else(|| editor_color(self.s).to_string());
        let stroke = a.stroke.clone().unwrap_or_else(|| fill.clone());
        Ok(Placed {
            items: vec![Item::Path(PathItem {
                parts,
                closed: true,
                fill: Some(fill),
                stroke: Some(Stroke::new(&stroke, 1.5)),
                class: "annotation-area".into(),
                data: vec![("fill-opacity".into(), format!("{}", a.fill_opacity))],
                title: a.title.clone(),
            })],
            boxes: Vec::new(),
            leaders: Vec::new(),
            label: None,
        })
    }
}

impl Layout<'_> {
    /// One sentence per annotation for the SVG's description (each with a leading space).
    pub(crate) fn describe_annotations(&self) -> String {
        let loc = self.inp.locale;
        let mut d = String::new();
        for a in self.inp.model.annotations {
            let sentence = match a {
                Annotation::Marker(m) => {
                    let label = match &m.note {
                        Some(n) => format!("{}: {n}", m.label),
                        None => m.label.clone(),
                    };
                    let at = format!("{}, {}", fmt_deg(m.lat, 'N', 'S'), fmt_deg(m.lon, 'E', 'W'));
                    loc.text("desc-marker", &[("label", &label), ("where", &at)])
                }
                Annotation::Callout(c) => loc.text("desc-callout", &[("text", &c.text)]),
                Annotation::Highlight(h) => {
                    let km = |k: Option<f64>, p: &Option<String>| match (k, p) {
                        (Some(k), _) => loc.km(k * 1000.0),
                        (None, Some(p)) => p.clone(),
                        (None, None) => String::new(),
                    };
                    loc.text(
                        "desc-highlight",
                        &[
                            ("title", h.title.as_deref().unwrap_or("")),
                            ("from", &km(h.from_km, &h.from_place)),
                            ("to", &km(h.to_km, &h.to_place)),
                        ],
                    )
                }
                Annotation::Line(_) | Annotation::Area(_) => continue,
            };
            d.push(' ');
            d.push_str(&sentence);
        }
        d
    }
}
