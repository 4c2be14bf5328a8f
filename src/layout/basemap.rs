//! The context under the border: country areas, context lines, rivers and place markers, in
//! page px.

use geo::{Coord, LineString, MultiPolygon, Polygon};

use super::{CircleItem, Item, Layout, PathItem, RectItem, Stroke, river_name};
use crate::error::Result;
use crate::geom::{Pt, Rect};

pub(crate) fn rings(mp: &MultiPolygon<f64>) -> Vec<Vec<Pt>> {
    let mut out = Vec::new();
    for p in &mp.0 {
        for r in std::iter::once(p.exterior()).chain(p.interiors()) {
            let mut v: Vec<Pt> = r.0.iter().map(|c| (c.x, c.y)).collect();
            if v.len() > 1 && v.first() == v.last() {
                v.pop();
            }
            if v.len() >= 3 {
                out.push(v);
            }
        }
    }
    out
}

/// An open line drawn with round caps and joins (context lines, rivers).
pub(crate) fn round_line(
    parts: Vec<Vec<Pt>>,
    stroke: Stroke,
    class: &str,
    data: Vec<(String, String)>,
) -> Item {
    Item::Path(PathItem {
        parts,
        closed: false,
        fill: None,
        stroke: Some(Stroke {
            round: true,
            ..stroke
        }),
        class: class.into(),
        data,
        title: None,
    })
}

/// A place marker on the page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Marker {
    /// The name as labelled (in the map's language).
    pub(crate) name: String,
    /// Where, px.
    pub(crate) at: Pt,
    /// A capital (context) rather than a town of the dataset.
    pub(crate) capital: bool,
}

/// A context area on the page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Area {
    /// Its name (may be empty).
    pub(crate) name: String,
    /// Its shape, px.
    pub(crate) shape: MultiPolygon<f64>,
    /// Whether the border divides it (one of the two countries).
    pub(crate) focus: bool,
}

impl Layout<'_> {
    pub(crate) fn countries(&mut self) -> Result<()> {
        let s = self.s;
        // Without countries the frame is land, not sea.
        let ground = if self.inp.model.context.countries.is_empty() {
            s.focus_land.clone()
        } else {
            s.water.clone()
        };
        let mut items = vec![Item::Rect(RectItem {
            rect: self.frame,
            fill: Some(ground),
            opacity: 1.0,
            stroke: None,
            radius: 0.0,
            class: "water".into(),
            data: Vec::new(),
        })];
        let xf = self.xf;
        let to_px =
            |r: &[(f64, f64)]| -> Vec<Pt> { r.iter().map(|&(x, y)| xf.apply(x, y)).collect() };
        let (simplify, nodes) = (self.inp.simplify, &self.nodes);
        let geo_all = &self.planar.countries_geo;
        // Page px and simplification, one country per task (in file order).
        let shapes: Vec<MultiPolygon<f64>> = {
            use rayon::prelude::*;
            self.planar
                .countries
                .par_iter()
                .enumerate()
                .map(|(ci, planar)| {
                    let geo_rings = geo_all.get(ci).map_or(&[][..], Vec::as_slice);
                    let mut polys = Vec::with_capacity(planar.len());
                    for (pi, p) in planar.iter().enumerate() {
                        let mut rings = p.iter().enumerate().map(|(ri, r)| {
                            let px = to_px(r);
                            match (simplify, nodes) {
                                (Some(tol), Some(nodes)) => {
                                    let g = geo_rings
                                        .get(pi)
                                        .and_then(|q| q.get(ri))
                                        .map_or(&[][..], Vec::as_slice);
                                    LineString::from(crate::draw::simplify_part(
                                        &px, g, nodes, tol, true,
                                    ))
                                }
                                _ => LineString::from(px),
                            }
                        });
                        let ext = rings.next().unwrap_or_else(|| LineString(Vec::new()));
                        let poly = Polygon::new(ext, rings.collect());
                        polys.push(if simplify.is_some() {
                            poly
                        } else {
                            crate::draw::rdp_polygon(&poly, 0.3)
                        });
                    }
                    MultiPolygon(polys)
                })
                .collect()
        };
        let mut countries_px = Vec::with_capacity(shapes.len());
        for ((ci, c), mp) in self
            .inp
            .model
            .context
            .countries
            .iter()
            .enumerate()
            .zip(shapes)
        {
            let focus = self.focus.get(ci).copied().unwrap_or(false);
            items.push(Item::Path(PathItem {
                parts: rings(&mp),
                closed: true,
                fill: Some(if focus {
                    s.focus_land.clone()
                } else {
                    s.land.clone()
                }),
                stroke: Some(Stroke::new(&s.country_stroke, s.country_width)),
                class: if focus { "country focus" } else { "country" }.into(),
                data: vec![("name".into(), c.name.clone())],
                title: None,
            }));
            countries_px.push(Area {
                // Labelled in the map's language where i18n-iso-countries has the name.
                name: (self.inp.model.country_name(ci))
                    .map_or_else(|| c.name.clone(), str::to_string),
                shape: mp,
                focus,
            });
        }
        // Lakes: water over the land (Natural Earth's country polygons run through them).
        for lake in &self.inp.model.context.lakes {
            let mut parts: Vec<Vec<Pt>> = Vec::new();
            for poly in &lake.shape.0 {
                for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                    let px = self.line_px(ring)?;
                    parts.push(
                        crate::draw::rdp(&LineString::from(px).0, 0.3, 4)
                            .iter()
                            .map(|c| (c.x, c.y))
                            .collect(),
                    );
                }
            }
            let mut data = Vec::new();
            if !lake.name.is_empty() {
                data.push(("name".to_string(), lake.name.clone()));
            }
            items.push(Item::Path(PathItem {
                parts,
                closed: true,
                fill: Some(s.water.clone()),
                stroke: None,
                class: "lake".into(),
                data,
                title: None,
            }));
        }
        self.countries_px = std::sync::Arc::new(countries_px);
        self.group("countries", true, items);
        Ok(())
    }

    /// Context lines (features without a layer, e.g. boundaries): every vertex drawn (only
    /// points that round to the same 0.01 px are dropped by the writer), unless simplifying.
    pub(crate) fn context_lines(&mut self) {
        if self.planar.lines.is_empty() {
            return;
        }
        let s = self.s;
        let xf = self.xf;
        let mut items = Vec::with_capacity(self.planar.lines.len());
        for (li, l) in self.inp.model.context.lines.iter().enumerate() {
            let parts = self.planar.lines.get(li).map_or(&[][..], Vec::as_slice);
            let geo_parts = self.planar.lines_geo.get(li).map_or(&[][..], Vec::as_slice);
            let parts: Vec<Vec<Pt>> = parts
                .iter()
                .enumerate()
                .map(|(pi, part)| {
                    let px: Vec<Pt> = part.iter().map(|&(x, y)| xf.apply(x, y)).collect();
                    match (self.inp.simplify, &self.nodes, geo_parts.get(pi)) {
                        (Some(tol), Some(nodes), Some(g)) => {
                            crate::draw::simplify_part(&px, g, nodes, tol, false)
                        }
                        _ => px,
                    }
                })
                .collect();
            let mut data = Vec::new();
            if !l.name.is_empty() {
                data.push(("name".to_string(), l.name.clone()));
            }
            items.push(round_line(
                parts,
                Stroke::new(&s.country_stroke, s.country_width),
                "context-line",
                data,
            ));
        }
        self.group("lines", true, items);
    }

    pub(crate) fn rivers(&mut self) -> Result<()> {
        let s = self.s;
        let mut items = Vec::new();
        for r in &self.inp.model.context.rivers {
            let parts = r
                .line
                .0
                .iter()
                .map(|l| {
                    self.line_px(l).map(|p| {
                        crate::draw::rdp(
                            &LineString::from(p).0,
                            self.inp.simplify.unwrap_or(0.3),
                            2,
                        )
                        .iter()
                        .map(|c| (c.x, c.y))
                        .collect()
                    })
                })
                .collect::<Result<Vec<Vec<Pt>>>>()?;
            let core = s.river_core.as_ref().map(|c| {
                round_line(
                    parts.clone(),
                    Stroke::new(c, s.river_width * 0.35),
                    "river-core",
                    Vec::new(),
                )
            });
            items.push(round_line(
                parts,
                Stroke::new(&s.river, s.river_width),
                "river",
                vec![("name".into(), river_name(&r.name))],
            ));
            items.extend(core);
        }
        self.group("rivers", true, items);
        Ok(())
    }

    /// Whether an editor's marker names the place `name` at `at` (`[lon, lat]`): the same
    /// name (ignoring case) within 0.1° (about 10 km), so the marker stands for it and the
    /// basemap does not draw it a second time.
    pub(crate) fn editor_names(&self, name: &str, at: Coord<f64>) -> bool {
        self.inp.model.annotations.iter().any(|a| match a {
            crate::annotation::Annotation::Marker(m) => {
                m.label.trim().eq_ignore_ascii_case(name.trim())
                    && (m.lon - at.x).abs() < 0.1
                    && (m.lat - at.y).abs() < 0.1
            }
            _ => false,
        })
    }

    pub(crate) fn places(&mut self) -> Result<()> {
        let s = self.s;
        let mut items = Vec::new();
        let inner = self.frame.inflate(-8.0);
        let lang = self.inp.locale.lang();
        let mut all: Vec<(String, Coord<f64>, bool)> = self
            .inp
            .model
            .context
            .places
            .iter()
            .filter(|p| p.capital)
            .map(|p| (p.name_in(lang).to_string(), p.at, true))
            .collect();
        all.extend(
            self.inp
                .model
                .places
                .iter()
                .map(|p| (p.name_in(lang).to_string(), p.at, false)),
        );
        for (name, at, capital) in all {
            let p = self.px(at.x, at.y)?;
            if !(p.0 > inner.x && p.0 < inner.right() && p.1 > inner.y && p.1 < inner.bottom()) {
                continue;
            }
            if self.markers.iter().any(|m| m.name == name) || self.editor_names(&name, at) {
                continue;
            }
            let r = if capital { 4.5 } else { 3.0 };
            items.push(Item::Circle(CircleItem {
                c: p,
                r,
                fill: Some(s.halo.clone()),
                stroke: Some(Stroke::new(&s.marker, if capital { 1.6 } else { 1.3 })),
                class: if capital { "capital" } else { "town" }.into(),
            }));
            if capital {
                items.push(Item::Circle(CircleItem {
                    c: p,
                    r: 1.8,
                    fill: Some(s.marker.clone()),
                    stroke: None,
                    class: "capital".into(),
                }));
            }
            self.boxes.push(Rect {
                x: p.0 - r - 1.0,
                y: p.1 - r - 1.0,
                w: 2.0 * r + 2.0,
                h: 2.0 * r + 2.0,
            });
            self.markers.push(Marker {
                name,
                at: p,
                capital,
            });
        }
        self.group("places", false, items);
        Ok(())
    }
}
