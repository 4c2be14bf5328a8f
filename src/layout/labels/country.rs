//! Country labels: inside each area clipped to the frame, near its centre and off its edges.

use geo::{BooleanOps, BoundingRect, Centroid, Distance, Euclidean, MultiPolygon, Point};

use crate::fonts::Font;
use crate::geom::{IndexedPolygon, Rect};
use crate::layout::{Anchor, Area, Item, LabelKind, Layout, TextItem};

/// A context area ready for its label: clipped to the frame (less 6 px), with its centroid and
/// outline segments (with their boxes). Focus areas (those the border divides) come first.
pub(crate) struct CountryArea {
    name: String,
    focus: bool,
    clipped: MultiPolygon<f64>,
    centre: Point<f64>,
    outline: Vec<(geo::Line<f64>, geo::Rect<f64>)>,
}

/// Prepares the named areas of `countries` (page px) for labelling inside `frame`: needs no
/// placed label, so it can run beside the rest of the layout. Areas wholly inside or wholly
/// outside the frame need no boolean operation.
pub(crate) fn prepare_country_areas(countries: &[Area], frame: Rect) -> Vec<CountryArea> {
    let frame_poly = frame.inflate(-6.0).geo().to_polygon();
    let inner = frame.inflate(-6.0).geo();
    let mut order: Vec<&Area> = countries.iter().collect();
    order.sort_by_key(|a| !a.focus);
    let mut out = Vec::new();
    for Area {
        name,
        shape: mp,
        focus,
    } in order
    {
        if name.is_empty() {
            continue;
        }
        let clipped = match mp.bounding_rect() {
            None => continue,
            Some(b)
                if b.max().x < inner.min().x
                    || b.min().x > inner.max().x
                    || b.max().y < inner.min().y
                    || b.min().y > inner.max().y =>
            {
                continue;
            }
            Some(b)
                if b.min().x > inner.min().x
                    && b.max().x < inner.max().x
                    && b.min().y > inner.min().y
                    && b.max().y < inner.max().y =>
            {
                mp.clone()
            }
            Some(_) => mp.intersection(&MultiPolygon(vec![frame_poly.clone()])),
        };
        let Some(centre) = clipped.centroid() else {
            continue;
        };
        let outline = clipped
            .0
            .iter()
            .flat_map(|p| p.exterior().lines())
            .map(|l| (l, l.bounding_rect()))
            .collect();
        out.push(CountryArea {
            name: name.clone(),
            focus: *focus,
            clipped,
            centre,
            outline,
        });
    }
    out
}

impl Layout<'_> {
    pub(crate) fn country_labels(&mut self, prepared: Vec<CountryArea>) {
        let s = self.s;
        for CountryArea {
            name,
            focus,
            clipped,
            centre,
            outline,
        } in prepared
        {
            // Upper case by the locale's rules (Turkish İ); Arabic script has no case and is
            // never letter-spaced (its letters join).
            let text = self.inp.locale.upper(&name);
            let spaced = !crate::fonts::has_rtl(&text);
            let font = if focus {
                Font {
                    letter_spacing: if spaced { 6.0 } else { 0.0 },
                    ..Font::regular(s.title_size)
                }
            } else {
                Font {
                    letter_spacing: if spaced { 2.5 } else { 0.0 },
                    ..Font::regular(s.label_size)
                }
            };
            let w = self.m.width(&text, font) + 4.0;
            let h = font.size * 1.15;
            // The cost below caps the distance to the edge at 2h, so an outline segment whose
            // box is farther than that cannot count.
            let cap = h * 2.0;
            let Some(bb) = clipped.bounding_rect() else {
                continue;
            };
            // Same answer as `clipped.contains` (any polygon contains the point), indexed.
            let parts: Vec<IndexedPolygon<'_>> =
                clipped.0.iter().map(IndexedPolygon::new).collect();
            let inside = |p: &Point<f64>| parts.iter().any(|poly| poly.contains(p));
            // Candidate centres every 14 px over the area's box; the cheapest wins, the first
            // in row-by-row scan order among equals. A candidate costs at least its distance
            // from the centroid less 6h, so candidates are tried nearest first and the search
            // stops where that bound exceeds the best cost: the same choice as trying all.
            let mut order = candidates(&bb, (w, h), (centre.x(), centre.y()));
            let by_distance =
                |a: &Candidate, b: &Candidate| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
            let head = order.len().min(64);
            if head < order.len() {
                order.select_nth_unstable_by(head, by_distance);
            }
            if let Some(first) = order.get_mut(..head) {
                first.sort_unstable_by(by_distance);
            }
            let mut best: Option<(f64, usize, Rect)> = None;
            for k in 0..order.len() {
                if k == head
                    && let Some(rest) = order.get_mut(head..)
                {
                    rest.sort_unstable_by(by_distance);
                }
                let Some(&(_, idx, x, y)) = order.get(k) else {
                    break;
                };
                let from_centre = (x - centre.x()).hypot(y - centre.y());
                // Later candidates are no nearer (up to rounding, hence the margin).
                if best
                    .as_ref()
                    .is_some_and(|b| from_centre - 3.0 * (h * 2.0) > b.0 + 1e-9)
                {
                    break;
                }
                if !inside(&Point::new(x, y)) {
                    continue;
                }
                let r = Rect {
                    x: x - w / 2.0,
                    y: y - h / 2.0,
                    w,
                    h,
                };
                let corners = [
                    Point::new(r.x, r.y),
                    Point::new(r.right(), r.y),
                    Point::new(r.x, r.bottom()),
                    Point::new(r.right(), r.bottom()),
                ];
                if corners.iter().all(&inside) && self.free(&r, 10.0) {
                    let edge = outline
                        .iter()
                        .filter(|(_, b)| {
                            x >= b.min().x - cap
                                && x <= b.max().x + cap
                                && y >= b.min().y - cap
                                && y <= b.max().y + cap
                        })
                        .map(|(l, _)| Euclidean.distance(&Point::new(x, y), l))
                        .fold(f64::MAX, f64::min);
                    let cost = from_centre - 3.0 * edge.min(cap);
                    if best
                        .as_ref()
                        .is_none_or(|b| cost < b.0 || (cost == b.0 && idx < b.1))
                    {
                        best = Some((cost, idx, r));
                    }
                }
            }
            let best = best.map(|(cost, _, r)| (cost, r));
            let Some((_, r)) = best else { continue };
            self.push_items(vec![Item::Text(TextItem {
                x: r.x + w / 2.0,
                y: r.y + h / 2.0 + font.size * 0.36,
                text: text.clone(),
                font,
                fill: if focus {
                    s.country_stroke.clone()
                } else {
                    s.muted_text.clone()
                },
                halo: None,
                anchor: Anchor::Middle,
                class: if focus {
                    "country-label focus"
                } else {
                    "country-label"
                }
                .into(),
                rtl: false,
                family: None,
                runs: Vec::new(),
            })]);
            self.add_label(&text, LabelKind::Country, r);
        }
    }
}

/// A candidate centre of a country label: squared distance from the area's centre (px²), its
/// index in row-by-row scan order, x and y (px).
type Candidate = (f64, usize, f64, f64);

/// Candidate centres every 14 px over the area's box `bb` for a label `size` (w, h) px, with
/// their squared distances from `centre` (px), in scan order.
fn candidates(bb: &geo::Rect<f64>, size: (f64, f64), centre: (f64, f64)) -> Vec<Candidate> {
    let (w, h) = size;
    let step = 14.0;
    let steps = |from: f64, to: f64| {
        let mut v = Vec::new();
        let mut t = from;
        while t < to {
            v.push(t);
            t += step;
        }
        v
    };
    let ys = steps(bb.min().y + h / 2.0, bb.max().y - h / 2.0);
    let xs = steps(bb.min().x + w / 2.0, bb.max().x - w / 2.0);
    // (squared distance, scan index, x, y); the nearest 64 sorted first, the rest
    // only if the search gets that far.
    let mut order: Vec<Candidate> = Vec::with_capacity(ys.len() * xs.len());
    for &y in &ys {
        for &x in &xs {
            let (dx, dy) = (x - centre.0, y - centre.1);
            order.push((dx * dx + dy * dy, order.len(), x, y));
        }
    }
    order
}
