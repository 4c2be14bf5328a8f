//! The layout stage: measured segments + context + projection + style + page size → a
//! [`Scene`], plain data in page units (px, y down) with every decision made: what is drawn
//! where, in which colour, which labels go where (collision-free), where the legend, scale
//! bar, north arrow and inset sit. No I/O, no SVG syntax: `render` writes the Scene out.

use geo::{
    BooleanOps, BoundingRect, Centroid, Contains, Coord, Distance, Euclidean, Intersects,
    LineString, MultiPolygon, Point, Polygon,
};

use crate::Dataset;
use crate::border::destination;
use crate::error::{Error, Result};
use crate::fonts::{Font, Measurer};
use crate::load::context::Context;
use crate::measure::{GAP_LABEL, Measured};
use crate::project::Projection;
use crate::report::km1;
use crate::style::Style;

/// A point on the page, px (x right, y down).
pub type Pt = (f64, f64);

/// An axis-aligned rectangle on the page, px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge, px.
    pub x: f64,
    /// Top edge, px.
    pub y: f64,
    /// Width, px.
    pub w: f64,
    /// Height, px.
    pub h: f64,
}

impl Rect {
    /// Right edge, px.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    /// Bottom edge, px.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// Whether the two rectangles overlap (touching edges do not count).
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    /// Whether `o` lies entirely inside.
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x && o.y >= self.y && o.right() <= self.right() && o.bottom() <= self.bottom()
    }
    /// The rectangle grown by `d` px on every side (shrunk for negative `d`).
    pub fn inflate(&self, d: f64) -> Rect {
        Rect {
            x: self.x - d,
            y: self.y - d,
            w: (self.w + 2.0 * d).max(0.0),
            h: (self.h + 2.0 * d).max(0.0),
        }
    }
    fn geo(&self) -> geo::Rect<f64> {
        geo::Rect::new(
            Coord {
                x: self.x,
                y: self.y,
            },
            Coord {
                x: self.right(),
                y: self.bottom(),
            },
        )
    }
    fn nearest(&self, p: Pt) -> Pt {
        (
            clamp_or_mid(p.0, self.x, self.right()),
            clamp_or_mid(p.1, self.y, self.bottom()),
        )
    }
}

/// A stroke.
#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    /// Colour, `#rrggbb`.
    pub color: String,
    /// Width, px.
    pub width: f64,
    /// Dash pattern, px (empty = solid).
    pub dash: Vec<f64>,
    /// Line cap: `butt` or `round`.
    pub round: bool,
}

impl Stroke {
    fn new(color: &str, width: f64) -> Stroke {
        Stroke {
            color: color.to_string(),
            width,
            dash: Vec::new(),
            round: false,
        }
    }
}

/// A path: one or more polylines or rings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PathItem {
    /// The parts, px.
    pub parts: Vec<Vec<Pt>>,
    /// Whether each part is a closed ring.
    pub closed: bool,
    /// Fill colour (`None`: no fill).
    pub fill: Option<String>,
    /// Stroke (`None`: no stroke).
    pub stroke: Option<Stroke>,
    /// CSS classes, space-separated (may be empty).
    pub class: String,
    /// `data-*` attributes: (name without `data-`, value).
    pub data: Vec<(String, String)>,
    /// Tooltip / accessible name (`<title>` child).
    pub title: Option<String>,
}

/// Horizontal alignment of text relative to its x.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// x is the start.
    Start,
    /// x is the middle.
    Middle,
    /// x is the end.
    End,
}

/// One line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextItem {
    /// Anchor x, px.
    pub x: f64,
    /// Baseline y, px.
    pub y: f64,
    /// The text (plain text, never markup).
    pub text: String,
    /// Size, weight, style, letter spacing.
    pub font: Font,
    /// Fill colour.
    pub fill: String,
    /// Halo colour and width, px (drawn under the fill).
    pub halo: Option<(String, f64)>,
    /// Alignment.
    pub anchor: Anchor,
    /// CSS classes (may be empty).
    pub class: String,
}

impl TextItem {
    /// Whether the text runs right to left (its first strong character is Arabic, Hebrew, ...).
    /// The layout anchors such text by the middle of its box, which every renderer places the
    /// same way whatever the text's direction, and isolates it with U+2067 … U+2069.
    pub fn is_rtl(&self) -> bool {
        crate::fonts::is_rtl(&self.text)
    }
}

/// A circle.
#[derive(Debug, Clone, PartialEq)]
pub struct CircleItem {
    /// Centre, px.
    pub c: Pt,
    /// Radius, px.
    pub r: f64,
    /// Fill colour.
    pub fill: Option<String>,
    /// Stroke.
    pub stroke: Option<Stroke>,
    /// CSS classes (may be empty).
    pub class: String,
}

/// A rectangle.
#[derive(Debug, Clone, PartialEq)]
pub struct RectItem {
    /// Where, px.
    pub rect: Rect,
    /// Fill colour.
    pub fill: Option<String>,
    /// Fill opacity (0..1).
    pub opacity: f64,
    /// Stroke.
    pub stroke: Option<Stroke>,
    /// Corner radius, px.
    pub radius: f64,
    /// CSS classes (may be empty).
    pub class: String,
    /// `data-*` attributes.
    pub data: Vec<(String, String)>,
}

/// Something to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A path.
    Path(PathItem),
    /// A line of text.
    Text(TextItem),
    /// A circle.
    Circle(CircleItem),
    /// A rectangle.
    Rect(RectItem),
}

/// A named layer of the map (an SVG `<g>`).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Id, without the document prefix (the writer prefixes it).
    pub id: String,
    /// CSS class.
    pub class: String,
    /// Id of the clip rectangle (without prefix), if clipped.
    pub clip: Option<String>,
    /// What it holds, in drawing order.
    pub items: Vec<Item>,
}

/// A clip rectangle.
#[derive(Debug, Clone, PartialEq)]
pub struct Clip {
    /// Id, without the document prefix.
    pub id: String,
    /// The rectangle, px.
    pub rect: Rect,
}

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// A stretch of the border with its length.
    Segment,
    /// A town.
    Place,
    /// A capital (context).
    Capital,
    /// A country.
    Country,
    /// A river.
    River,
    /// A graticule degree label.
    Graticule,
}

/// A placed map label: its text and the box it occupies (px). No two boxes intersect.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelBox {
    /// The text.
    pub text: String,
    /// What it names.
    pub kind: LabelKind,
    /// The box, px.
    pub rect: Rect,
}

/// Projected coordinates → page: `px = fx + (x - cx) / mpp`, `py = fy - (y - cy) / mpp`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageTransform {
    /// Projected units (metres) per px.
    pub mpp: f64,
    /// Projected x at the frame centre.
    pub cx: f64,
    /// Projected y at the frame centre.
    pub cy: f64,
    /// Frame centre on the page, px.
    pub fx: f64,
    /// Frame centre on the page, px.
    pub fy: f64,
}

impl PageTransform {
    /// Projected `(x, y)` → page px.
    pub fn apply(&self, x: f64, y: f64) -> Pt {
        (
            self.fx + (x - self.cx) / self.mpp,
            self.fy - (y - self.cy) / self.mpp,
        )
    }
}

/// The scale bar as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleBar {
    /// Length it stands for, metres (geodesic).
    pub length_m: f64,
    /// Drawn length, px.
    pub length_px: f64,
    /// Longitude where it is true, degrees.
    pub lon: f64,
    /// Latitude where it is true, degrees.
    pub lat: f64,
    /// Its label, e.g. `100 km`.
    pub label: String,
}

/// A legend row's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// Layer id (empty for a border without layers).
    pub layer: String,
    /// The value as in the data.
    pub value: String,
    /// Length, metres.
    pub length_m: f64,
    /// Share of the border (0..1).
    pub share: f64,
}

/// Everything to draw, in page units, every decision made.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Page width, px.
    pub width: f64,
    /// Page height, px.
    pub height: f64,
    /// Prefix of every id in the output.
    pub id_prefix: String,
    /// Accessible title (the map title).
    pub title: String,
    /// Accessible description: what the map shows, as of when, the totals in words.
    pub description: String,
    /// Page background colour.
    pub background: String,
    /// Font family list (CSS).
    pub font_family: String,
    /// Clip rectangles.
    pub clips: Vec<Clip>,
    /// Layers in drawing order.
    pub groups: Vec<Group>,
    /// The map frame, px.
    pub frame: Rect,
    /// Projected → page transform of the main map.
    pub transform: PageTransform,
    /// The projection's PROJ string.
    pub projection: String,
    /// Every placed map label.
    pub labels: Vec<LabelBox>,
    /// Legend figures, in legend order.
    pub legend: Vec<LegendEntry>,
    /// Where the legend is, px.
    pub legend_rect: Rect,
    /// The scale bar.
    pub scale_bar: ScaleBar,
    /// Direction of true north at the map centre, degrees clockwise from page up.
    pub north_angle_deg: f64,
    /// Where the inset locator map is, px.
    pub inset_rect: Rect,
}

/// What the layout needs.
pub struct LayoutInput<'a> {
    /// The border, its layers and places.
    pub dataset: &'a Dataset,
    /// The measured segments.
    pub measured: &'a Measured,
    /// Countries, rivers, capitals.
    pub context: &'a Context,
    /// The map projection.
    pub projection: &'a dyn Projection,
    /// Colours, widths, type.
    pub style: &'a Style,
    /// Page width, px.
    pub width: f64,
    /// Page height, px.
    pub height: f64,
    /// Prefix for ids.
    pub id_prefix: &'a str,
    /// Language of place names, class names and legend titles (`en`, `ar`, `ku`, ...): taken
    /// from the data where it has them (`name_ar`, `[layer.names."V"] ar`, `[layer.titles]`),
    /// else English.
    pub lang: &'a str,
    /// What the frame is fitted to.
    pub extent: Extent,
    /// Simplification tolerance for drawing, page px (`None`: none beyond the default 0.3 px
    /// on context areas and rivers). Never used for lengths.
    pub simplify: Option<f64>,
}

/// What the map frame is fitted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Extent {
    /// The border, large in the frame, with its surroundings (the default).
    #[default]
    Border,
    /// Every context area and line (and the border): the whole context in the frame.
    Context,
}

impl std::fmt::Debug for LayoutInput<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LayoutInput")
            .field("border", &self.measured.name)
            .field("width", &self.width)
            .field("height", &self.height)
            .finish()
    }
}

/// Page margin, px.
const MARGIN: f64 = 24.0;

/// How the second layer (the wall) is drawn around the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Casing {
    /// A thin halo only.
    None,
    /// A solid dark casing with perpendicular ticks.
    Ticks,
    /// A dashed dark casing.
    Dashed,
    /// A dotted dark casing.
    Dotted,
}

/// Lays out the map.
pub fn layout(input: &LayoutInput<'_>) -> Result<Scene> {
    let mut l = Layout::new(input)?;
    l.run()?;
    Ok(l.finish())
}

struct Layout<'a> {
    inp: &'a LayoutInput<'a>,
    s: &'a Style,
    m: Measurer,
    frame: Rect,
    xf: PageTransform,
    groups: Vec<Group>,
    clips: Vec<Clip>,
    boxes: Vec<Rect>,
    lines: Vec<LineString<f64>>,
    labels: Vec<LabelBox>,
    border_px: Vec<Pt>,
    /// The context areas in page px: name, shape, whether the border divides it (shared with
    /// the worker that prepares country labels).
    countries_px: std::sync::Arc<Vec<(String, MultiPolygon<f64>, bool)>>,
    /// The context projected once (planar units).
    planar: crate::draw::PlanarContext,
    /// Whether each context area is one the border divides.
    focus: Vec<bool>,
    /// Shared-border nodes, when simplifying.
    nodes: Option<crate::draw::Nodes>,
    markers: Vec<(String, Pt, bool)>,
    legend: Vec<LegendEntry>,
    legend_rect: Rect,
    inset_rect: Rect,
    scale_bar: ScaleBar,
    north: f64,
    title_items: Vec<Item>,
    footer_items: Vec<Item>,
    description: String,
    title: String,
    center_geo: Coord<f64>,
    /// The graticule as drawn (page px, meridians then parallels) when sampled every 0.1°,
    /// reused by the graticule labels, which sample the same curves.
    grat_lines: Vec<Vec<Pt>>,
    /// The graticule extent `grat_lines` was drawn for (degrees, as `graticule_extent`).
    grat_extent: (f64, f64, f64, f64, f64),
}

fn proj_err(e: Error) -> Error {
    e
}

impl<'a> Layout<'a> {
    fn new(inp: &'a LayoutInput<'a>) -> Result<Self> {
        let s = inp.style;
        let mut m = Measurer::default();
        let w = inp.width;
        let h = inp.height;
        if !(200.0..=20000.0).contains(&w) || !(200.0..=20000.0).contains(&h) {
            return Err(
                Error::input(format!("page size {w} × {h} px is out of range"))
                    .hint("give --width and --height between 200 and 20000 px"),
            );
        }
        // Title block and footer decide the frame.
        let title = inp
            .dataset
            .layers
            .as_ref()
            .and_then(|l| l.title.clone())
            .unwrap_or_else(|| inp.measured.name.clone());
        let mut title_items = Vec::new();
        let tb = MARGIN + s.title_size * 0.9;
        title_items.push(Item::Text(TextItem {
            x: MARGIN,
            y: tb,
            text: title.clone(),
            font: Font::bold(s.title_size),
            fill: s.text.clone(),
            halo: None,
            anchor: Anchor::Start,
            class: "title".into(),
        }));
        let sb = tb + s.label_size + 9.0;
        title_items.push(Item::Text(TextItem {
            x: MARGIN,
            y: sb,
            text: subtitle(inp.measured),
            font: Font::regular(s.label_size),
            fill: s.muted_text.clone(),
            halo: None,
            anchor: Anchor::Start,
            class: "subtitle".into(),
        }));
        // The footer's line breaks (text shaping) and the context's projection are
        // independent: both at once.
        // The footer's line breaks (text shaping, on a worker thread) and the context's
        // projection (here: a projection need not be shareable between threads) are
        // independent: both at once.
        let footer_in = FooterInput {
            style: inp.style,
            measured: inp.measured,
            dataset: inp.dataset,
            simplify: inp.simplify,
        };
        let mut footer_lines = Vec::new();
        let projected = rayon::in_place_scope(|sc| {
            sc.spawn(|_| footer_lines = footer_text(&footer_in, &mut m, w - 2.0 * MARGIN));
            let planar = crate::draw::project_context(inp.context, inp.projection)?;
            let line = inp.dataset.border.border.line();
            let focus: Vec<bool> = inp
                .context
                .countries
                .iter()
                .map(|c| is_focus(&c.shape, line))
                .collect();
            Ok::<_, Error>((planar, focus))
        });
        let lh = s.small_size * 1.35;
        let footer_top = h - MARGIN - lh * footer_lines.len() as f64;
        let mut footer_items = Vec::new();
        for (i, line) in footer_lines.iter().enumerate() {
            footer_items.push(Item::Text(TextItem {
                x: MARGIN,
                y: footer_top + s.small_size + lh * i as f64,
                text: line.clone(),
                font: Font::regular(s.small_size),
                fill: s.muted_text.clone(),
                halo: None,
                anchor: Anchor::Start,
                class: "footer".into(),
            }));
        }
        let fy0 = sb + 14.0;
        let frame = Rect {
            x: MARGIN,
            y: fy0,
            w: w - 2.0 * MARGIN,
            h: footer_top - 10.0 - fy0,
        };
        if frame.h < 120.0 {
            return Err(Error::input(format!(
                "the page ({w} × {h} px) leaves no room for the map under the title and above the sources"
            ))
            .hint("make the page taller (--height)"));
        }
        let (planar, focus) = projected?;
        let xf = fit(inp, frame, &planar)?;
        let nodes = inp.simplify.map(|_| {
            crate::draw::Nodes::from_parts(
                planar
                    .countries_geo
                    .iter()
                    .flatten()
                    .flatten()
                    .chain(planar.lines_geo.iter().flatten())
                    .map(Vec::as_slice),
            )
        });
        let line = inp.dataset.border.border.line();
        let b = line
            .bounding_rect()
            .map_or(Coord { x: 0.0, y: 0.0 }, |r| r.center());
        let center_geo = Coord {
            x: (b.x * 10.0).round() / 10.0,
            y: (b.y * 10.0).round() / 10.0,
        };
        Ok(Layout {
            inp,
            s,
            m,
            frame,
            xf,
            groups: Vec::new(),
            clips: vec![Clip {
                id: "clip".into(),
                rect: frame,
            }],
            boxes: Vec::new(),
            lines: Vec::new(),
            labels: Vec::new(),
            border_px: Vec::new(),
            countries_px: std::sync::Arc::default(),
            planar,
            focus,
            nodes,
            markers: Vec::new(),
            legend: Vec::new(),
            legend_rect: frame,
            inset_rect: frame,
            scale_bar: ScaleBar {
                length_m: 0.0,
                length_px: 0.0,
                lon: center_geo.x,
                lat: center_geo.y,
                label: String::new(),
            },
            north: 0.0,
            title_items,
            footer_items,
            description: String::new(),
            title,
            center_geo,
            grat_lines: Vec::new(),
            grat_extent: (0.0, 0.0, 0.0, 0.0, 0.0),
        })
    }

    fn px(&self, lon: f64, lat: f64) -> Result<Pt> {
        let (x, y) = self.inp.projection.forward(lon, lat).map_err(proj_err)?;
        Ok(self.xf.apply(x, y))
    }

    fn line_px(&self, l: &LineString<f64>) -> Result<Vec<Pt>> {
        l.0.iter().map(|c| self.px(c.x, c.y)).collect()
    }

    fn run(&mut self) -> Result<()> {
        self.border_px = self.line_px(self.inp.dataset.border.border.line())?;
        self.lines.push(to_ls(&self.border_px));
        self.countries()?;
        // The graticule and the country areas' clipping need nothing placed: a worker does
        // them while the rest is laid out (the graticule there only when the projection may
        // be shared between threads; its group keeps its place in the drawing order).
        let inp = self.inp;
        let (xf, frame, style) = (self.xf, self.frame, self.s);
        let extent = self.graticule_extent();
        let shared = inp.projection.shareable();
        let mut grat = match shared {
            Some(_) => None,
            None => Some(graticule_drawing(inp.projection, xf, frame, extent, style)),
        };
        self.group("graticule", true, Vec::new());
        let areas = std::sync::Arc::clone(&self.countries_px);
        let mut prepared = Vec::new();
        rayon::in_place_scope(|sc| -> Result<()> {
            sc.spawn(|_| {
                if let Some(p) = shared {
                    grat = Some(graticule_drawing(p, xf, frame, extent, style));
                }
                prepared = prepare_country_areas(&areas, frame);
            });
            self.context_lines();
            self.rivers()?;
            self.segments()?;
            self.places()?;
            self.legend()?;
            self.inset()?;
            self.scale_and_north()?;
            self.segment_labels();
            self.place_labels();
            Ok(())
        })?;
        if let Some(drawn) = grat {
            self.set_graticule(drawn?);
        }
        self.country_labels(prepared);
        self.river_labels()?;
        self.graticule_labels()?;
        self.description = self.describe();
        Ok(())
    }

    fn group(&mut self, id: &str, clip: bool, items: Vec<Item>) {
        self.groups.push(Group {
            id: id.into(),
            class: id.into(),
            clip: clip.then(|| "clip".to_string()),
            items,
        });
    }

    fn group_mut(&mut self, id: &str) -> Option<&mut Group> {
        self.groups.iter_mut().find(|g| g.id == id)
    }

    fn countries(&mut self) -> Result<()> {
        let s = self.s;
        // Without countries the frame is land, not sea.
        let ground = if self.inp.context.countries.is_empty() {
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
        for ((ci, c), mp) in self.inp.context.countries.iter().enumerate().zip(shapes) {
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
            countries_px.push((c.name.clone(), mp, focus));
        }
        self.countries_px = std::sync::Arc::new(countries_px);
        self.group("countries", true, items);
        Ok(())
    }

    /// Adds the graticule drawn by [`graticule_drawing`] (and keeps its 0.1° lines for the
    /// labels).
    fn set_graticule(&mut self, drawn: GraticuleDrawing) {
        if let Some(lines) = drawn.lines {
            self.grat_lines = lines;
            self.grat_extent = drawn.extent;
        }
        if let Some(g) = self.group_mut("graticule") {
            g.items = drawn.items;
        }
    }

    /// One graticule line in page px (see [`grat_curve`]).
    fn grat_curve(&self, meridian: bool, fixed: f64, a: f64, b: f64, fine: f64) -> Result<Vec<Pt>> {
        grat_curve(
            self.inp.projection,
            self.xf,
            self.frame,
            meridian,
            fixed,
            a,
            b,
            fine,
        )
    }

    fn graticule_extent(&self) -> (f64, f64, f64, f64, f64) {
        if self.inp.extent == Extent::Context {
            let c = self.inp.context;
            let r = c
                .countries
                .iter()
                .filter_map(|a| a.shape.bounding_rect())
                .chain(c.lines.iter().filter_map(|l| l.line.bounding_rect()))
                .reduce(union_rect);
            if let Some(r) = r {
                let span = r.width().max(r.height());
                let step = if span < 15.0 {
                    2.0
                } else if span < 60.0 {
                    5.0
                } else if span < 150.0 {
                    15.0
                } else {
                    30.0
                };
                let f = |v: f64| (v / step).floor() * step;
                let g = |v: f64| (v / step).ceil() * step;
                return (
                    f(r.min().x.max(-180.0)),
                    g(r.max().x.min(180.0)),
                    f(r.min().y.max(-85.0)),
                    g(r.max().y.min(85.0)),
                    step,
                );
            }
        }
        let r = self.inp.dataset.border.border.line().bounding_rect();
        let (a, b, c, d) = r.map_or((0.0, 1.0, 0.0, 1.0), |r| {
            (r.min().x, r.max().x, r.min().y, r.max().y)
        });
        let span = (b - a).max(d - c);
        let step = if span < 6.0 {
            1.0
        } else if span < 15.0 {
            2.0
        } else {
            5.0
        };
        let pad = span * 2.0 + 2.0;
        let f = |v: f64| (v / step).floor() * step;
        let g = |v: f64| (v / step).ceil() * step;
        (
            f((a - pad).max(-180.0)),
            g((b + pad).min(180.0)),
            f((c - pad).max(-85.0)),
            g((d + pad).min(85.0)),
            step,
        )
    }

    /// Context lines (features without a layer, e.g. boundaries): every vertex drawn (only
    /// points that round to the same 0.01 px are dropped by the writer), unless simplifying.
    fn context_lines(&mut self) {
        if self.planar.lines.is_empty() {
            return;
        }
        let s = self.s;
        let xf = self.xf;
        let mut items = Vec::with_capacity(self.planar.lines.len());
        for (li, l) in self.inp.context.lines.iter().enumerate() {
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

    fn rivers(&mut self) -> Result<()> {
        let s = self.s;
        let mut items = Vec::new();
        for r in &self.inp.context.rivers {
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
            items.push(round_line(
                parts,
                Stroke::new(&s.river, s.river_width),
                "river",
                vec![("name".into(), river_name(&r.name))],
            ));
        }
        self.group("rivers", true, items);
        Ok(())
    }

    /// (layer id, value) → colour index and colour of the first layer.
    fn class_color(&self, value: Option<&str>) -> (String, Vec<f64>) {
        let s = self.s;
        let Some(first) = self.inp.measured.layers.first() else {
            return (s.value_color("", "", 0), s.value_pattern(0));
        };
        let Some(v) = value else {
            return (s.gap.clone(), Vec::new());
        };
        let idx = first
            .values
            .iter()
            .filter(|x| x.value != GAP_LABEL)
            .position(|x| x.value == v)
            .unwrap_or(0);
        (s.value_color(&first.id, v, idx), s.value_pattern(idx))
    }

    fn casing_of(&self, value: Option<&str>) -> Casing {
        let Some(layer) = self.inp.measured.layers.get(1) else {
            return Casing::None;
        };
        let Some(v) = value else {
            return Casing::None;
        };
        let default = self
            .inp
            .dataset
            .layers
            .as_ref()
            .and_then(|l| l.layers.iter().find(|x| x.id == layer.id))
            .and_then(|x| x.default.clone());
        if default.as_deref() == Some(v) || v == GAP_LABEL {
            return Casing::None;
        }
        let lv = v.to_lowercase();
        if lv.contains("construct") || lv.contains("planned") || lv.contains("partial") {
            return Casing::Dashed;
        }
        let others: Vec<&str> = layer
            .values
            .iter()
            .map(|x| x.value.as_str())
            .filter(|x| {
                let l = x.to_lowercase();
                Some(*x) != default.as_deref()
                    && *x != GAP_LABEL
                    && !(l.contains("construct") || l.contains("planned") || l.contains("partial"))
            })
            .collect();
        match others.iter().position(|x| *x == v).unwrap_or(0) % 2 {
            0 => Casing::Ticks,
            _ => Casing::Dotted,
        }
    }

    fn casing_items(&self, pts: &[Pt], casing: Casing, class: &str) -> Vec<Item> {
        let s = self.s;
        let mut out = Vec::new();
        let base = PathItem {
            parts: vec![pts.to_vec()],
            class: class.into(),
            ..PathItem::default()
        };
        match casing {
            Casing::None => out.push(Item::Path(PathItem {
                stroke: Some(Stroke::new(&s.halo, s.border_width + 2.5)),
                ..base
            })),
            Casing::Ticks => {
                let tick_len = s.casing_width + 6.0;
                let mut ticks = Vec::new();
                for (p, n) in along(pts, 7.0, 3.5) {
                    ticks.push(vec![
                        (p.0 + n.0 * tick_len / 2.0, p.1 + n.1 * tick_len / 2.0),
                        (p.0 - n.0 * tick_len / 2.0, p.1 - n.1 * tick_len / 2.0),
                    ]);
                }
                out.push(Item::Path(PathItem {
                    parts: ticks,
                    stroke: Some(Stroke::new(&s.casing, 1.4)),
                    class: format!("{class} ticks"),
                    ..PathItem::default()
                }));
                out.push(Item::Path(PathItem {
                    stroke: Some(Stroke::new(&s.casing, s.casing_width)),
                    ..base
                }));
            }
            Casing::Dashed | Casing::Dotted => {
                // Dashes (px on, px off): long for "under construction", short for the rest.
                let dash = if casing == Casing::Dashed {
                    vec![7.0, 4.0]
                } else {
                    vec![2.0, 3.0]
                };
                out.push(Item::Path(PathItem {
                    stroke: Some(Stroke::new(&s.halo, s.border_width + 2.5)),
                    ..base.clone()
                }));
                out.push(Item::Path(PathItem {
                    stroke: Some(Stroke {
                        dash,
                        ..Stroke::new(&s.casing, s.casing_width)
                    }),
                    ..base
                }));
            }
        }
        out
    }

    fn segments(&mut self) -> Result<()> {
        let s = self.s;
        let m = self.inp.measured;
        let mut casing_items = Vec::new();
        let mut items = Vec::new();
        let first = m.layers.first().map(|l| l.id.clone());
        let second = m.layers.get(1).map(|l| l.id.clone());
        for seg in &m.segments {
            let pts = self.line_px(&seg.line)?;
            let v1 = first.as_deref().and_then(|l| seg.value(l));
            let v2 = second.as_deref().and_then(|l| seg.value(l));
            let (color, dash) = self.class_color(v1);
            let casing = self.casing_of(v2);
            let wall_class = match &second {
                Some(l) => format!("casing {}-{}", slug(l), slug(v2.unwrap_or("none"))),
                None => "casing".into(),
            };
            casing_items.extend(self.casing_items(&pts, casing, &wall_class));
            let mut class = vec!["segment".to_string()];
            let mut data = Vec::new();
            for (layer, value) in &seg.values {
                class.push(format!(
                    "{}-{}",
                    slug(layer),
                    slug(value.as_deref().unwrap_or("none"))
                ));
                data.push((slug(layer), value.clone().unwrap_or_default()));
            }
            data.push(("length-m".into(), format!("{:.3}", seg.length_m)));
            data.push(("from-m".into(), format!("{:.3}", seg.from_m)));
            data.push(("to-m".into(), format!("{:.3}", seg.to_m)));
            items.push(Item::Path(PathItem {
                parts: vec![pts],
                closed: false,
                fill: None,
                stroke: Some(Stroke {
                    dash,
                    ..Stroke::new(&color, s.border_width)
                }),
                class: class.join(" "),
                data,
                title: Some(segment_title(seg, &m.name)),
            }));
        }
        self.group("wall", true, casing_items);
        self.group("border", true, items);
        Ok(())
    }

    fn places(&mut self) -> Result<()> {
        let s = self.s;
        let mut items = Vec::new();
        let inner = self.frame.inflate(-8.0);
        let mut all: Vec<(String, Coord<f64>, bool)> = self
            .inp
            .context
            .places
            .iter()
            .map(|p| (p.name.clone(), p.at, true))
            .collect();
        let lang = self.inp.lang;
        all.extend(
            self.inp
                .dataset
                .places
                .iter()
                .map(|p| (p.name_in(lang).to_string(), p.at, false)),
        );
        for (name, at, capital) in all {
            let p = self.px(at.x, at.y)?;
            if !(p.0 > inner.x && p.0 < inner.right() && p.1 > inner.y && p.1 < inner.bottom()) {
                continue;
            }
            if self.markers.iter().any(|(n, _, _)| *n == name) {
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
            self.markers.push((name, p, capital));
        }
        self.group("places", false, items);
        Ok(())
    }

    /// How much of what matters lies in `r`: border length, markers, focus land.
    fn ink(&self, r: &Rect) -> f64 {
        let mut ink = 0.0;
        for w in self.border_px.windows(2) {
            if let [a, b] = w {
                let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
                if mid.0 >= r.x && mid.0 <= r.right() && mid.1 >= r.y && mid.1 <= r.bottom() {
                    ink += 3.0 * ((b.0 - a.0).hypot(b.1 - a.1));
                }
            }
        }
        for (_, p, _) in &self.markers {
            if p.0 >= r.x - 30.0
                && p.0 <= r.right() + 30.0
                && p.1 >= r.y - 10.0
                && p.1 <= r.bottom() + 10.0
            {
                ink += 40.0;
            }
        }
        let focus: Vec<IndexedPolygon<'_>> = self
            .countries_px
            .iter()
            .filter(|(_, _, f)| *f)
            .flat_map(|(_, mp, _)| mp.0.iter().map(IndexedPolygon::new))
            .collect();
        let mut n = 0.0;
        let mut inside = 0.0;
        let mut y = r.y + 5.0;
        while y < r.bottom() {
            let mut x = r.x + 5.0;
            while x < r.right() {
                n += 1.0;
                if focus.iter().any(|p| p.contains(&Point::new(x, y))) {
                    inside += 1.0;
                }
                x += 10.0;
            }
            y += 10.0;
        }
        if n > 0.0 {
            ink += 300.0 * inside / n;
        }
        ink
    }

    fn corners(&self, w: f64, h: f64) -> [Rect; 4] {
        let f = self.frame.inflate(-10.0);
        [
            Rect {
                x: f.x,
                y: f.y,
                w,
                h,
            },
            Rect {
                x: f.right() - w,
                y: f.y,
                w,
                h,
            },
            Rect {
                x: f.right() - w,
                y: f.bottom() - h,
                w,
                h,
            },
            Rect {
                x: f.x,
                y: f.bottom() - h,
                w,
                h,
            },
        ]
    }

    fn pick_corner(&self, w: f64, h: f64, penalty: [f64; 4]) -> Rect {
        let mut best: Option<(f64, Rect)> = None;
        for (i, r) in self.corners(w, h).iter().enumerate() {
            if self.boxes.iter().any(|b| b.intersects(r)) {
                continue;
            }
            let score = self.ink(r) + penalty.get(i).copied().unwrap_or(0.0);
            if best.as_ref().is_none_or(|(b, _)| score < *b) {
                best = Some((score, *r));
            }
        }
        best.map_or_else(|| self.corners(w, h)[1], |(_, r)| r)
    }

    fn legend(&mut self) -> Result<()> {
        let s = self.s;
        let m = self.inp.measured;
        let ls = s.label_size;
        let row_h = ls * 1.5;
        let sw = 30.0;
        let pad = 10.0;
        let name_max = 220.0;
        // Rows: (kind, texts)
        enum Row {
            Header(String),
            Value {
                swatch: (String, Vec<f64>, Casing, bool),
                name: Vec<String>,
                km: String,
                share: String,
            },
            Total(String),
            Note(String),
        }
        let mut rows = Vec::new();
        let neutral = s.gap.clone();
        if m.layers.is_empty() {
            let (c, d) = self.class_color(None);
            let c = if m.layers.is_empty() {
                s.value_color("", "", 0)
            } else {
                c
            };
            rows.push(Row::Value {
                swatch: (c, d, Casing::None, true),
                name: vec![m.name.clone()],
                km: format!("{} km", km1(m.total_m)),
                share: "100.0 %".into(),
            });
            self.legend.push(LegendEntry {
                layer: String::new(),
                value: m.name.clone(),
                length_m: m.total_m,
                share: 1.0,
            });
        }
        for (li, layer) in m.layers.iter().enumerate() {
            rows.push(Row::Header(self.title_in(&layer.id, &layer.title)));
            for v in &layer.values {
                let value = (v.value != GAP_LABEL).then_some(v.value.as_str());
                let swatch = if li == 0 {
                    let (c, d) = self.class_color(value);
                    (c, d, Casing::None, true)
                } else if li == 1 {
                    (neutral.clone(), Vec::new(), self.casing_of(value), false)
                } else {
                    (neutral.clone(), Vec::new(), Casing::None, false)
                };
                let shown = self.value_in(&layer.id, &v.value).to_string();
                let name = keep_marks(wrap(&mut self.m, &shown, Font::regular(ls), name_max));
                rows.push(Row::Value {
                    swatch,
                    name,
                    km: format!("{} km", km1(v.length_m)),
                    share: format!("{:.1} %", v.share * 100.0),
                });
                self.legend.push(LegendEntry {
                    layer: layer.id.clone(),
                    value: v.value.clone(),
                    length_m: v.length_m,
                    share: v.share,
                });
            }
        }
        rows.push(Row::Total(format!("{} km", km1(m.total_m))));
        rows.push(Row::Note("Lengths: geodesic, WGS84".into()));
        // Measure.
        let mut name_w: f64 = 0.0;
        let mut km_w: f64 = 0.0;
        let mut share_w: f64 = 0.0;
        let mut head_w: f64 = 0.0;
        let mut height = pad;
        for r in &rows {
            match r {
                Row::Header(t) => {
                    head_w = head_w.max(self.m.width(t, Font::bold(ls)));
                    height += row_h + 2.0;
                }
                Row::Value {
                    name, km, share, ..
                } => {
                    for n in name {
                        name_w = name_w.max(self.m.width(n, Font::regular(ls)));
                    }
                    km_w = km_w.max(self.m.width(km, Font::regular(ls)));
                    share_w = share_w.max(self.m.width(share, Font::regular(ls)));
                    height += row_h + (name.len().saturating_sub(1)) as f64 * ls * 1.2;
                }
                Row::Total(km) => {
                    km_w = km_w.max(self.m.width(km, Font::bold(ls)));
                    height += row_h + 6.0;
                }
                Row::Note(t) => {
                    head_w = head_w.max(self.m.width(t, Font::regular(s.small_size)));
                    height += s.small_size * 1.6;
                }
            }
        }
        height += pad - 2.0;
        let gap = 12.0;
        let width = (pad + sw + 8.0 + name_w + gap + km_w + gap + share_w + pad)
            .max(pad + head_w + pad)
            .ceil();
        let height = height.ceil();
        let r = self.pick_corner(width, height, [0.0, 0.0, 0.0, 60.0]);
        self.legend_rect = r;
        self.boxes.push(r.inflate(4.0));
        let mut items = vec![Item::Rect(RectItem {
            rect: r,
            fill: Some(s.panel.clone()),
            opacity: 0.94,
            stroke: Some(Stroke::new(&s.panel_stroke, 0.8)),
            radius: 3.0,
            class: "panel".into(),
            data: Vec::new(),
        })];
        let x_km = r.right() - pad - share_w - gap;
        let x_share = r.right() - pad;
        let mut y = r.y + pad;
        let text = |x: f64, y: f64, t: &str, f: Font, fill: &str, anchor: Anchor, class: &str| {
            Item::Text(TextItem {
                x,
                y,
                text: t.to_string(),
                font: f,
                fill: fill.to_string(),
                halo: None,
                anchor,
                class: class.into(),
            })
        };
        for row in &rows {
            match row {
                Row::Header(t) => {
                    let b = y + ls + 2.0;
                    items.push(text(
                        r.x + pad,
                        b,
                        t,
                        Font::bold(ls),
                        &s.text,
                        Anchor::Start,
                        "legend-heading",
                    ));
                    y += row_h + 2.0;
                }
                Row::Value {
                    swatch,
                    name,
                    km,
                    share,
                } => {
                    let b = y + ls;
                    let mid = b - ls * 0.35;
                    let pts = vec![(r.x + pad, mid), (r.x + pad + sw, mid)];
                    let (c, d, casing, is_color) = swatch;
                    if !*is_color || *casing != Casing::None {
                        items.extend(self.casing_items(&pts, *casing, "legend-casing"));
                    }
                    items.push(Item::Path(PathItem {
                        parts: vec![pts],
                        stroke: Some(Stroke {
                            dash: d.clone(),
                            ..Stroke::new(c, s.border_width)
                        }),
                        class: "legend-swatch".into(),
                        ..PathItem::default()
                    }));
                    for (i, n) in name.iter().enumerate() {
                        items.push(text(
                            r.x + pad + sw + 8.0,
                            b + i as f64 * ls * 1.2,
                            n,
                            Font::regular(ls),
                            &s.text,
                            Anchor::Start,
                            "legend-name",
                        ));
                    }
                    items.push(text(
                        x_km,
                        b,
                        km,
                        Font::regular(ls),
                        &s.text,
                        Anchor::End,
                        "legend-km",
                    ));
                    items.push(text(
                        x_share,
                        b,
                        share,
                        Font::regular(ls),
                        &s.muted_text,
                        Anchor::End,
                        "legend-share",
                    ));
                    y += row_h + (name.len().saturating_sub(1)) as f64 * ls * 1.2;
                }
                Row::Total(km) => {
                    y += 4.0;
                    items.push(Item::Path(PathItem {
                        parts: vec![vec![(r.x + pad, y), (r.right() - pad, y)]],
                        stroke: Some(Stroke::new(&s.panel_stroke, 0.8)),
                        class: "legend-rule".into(),
                        ..PathItem::default()
                    }));
                    let b = y + ls + 4.0;
                    items.push(text(
                        r.x + pad,
                        b,
                        "Total",
                        Font::bold(ls),
                        &s.text,
                        Anchor::Start,
                        "legend-total",
                    ));
                    items.push(text(
                        x_km,
                        b,
                        km,
                        Font::bold(ls),
                        &s.text,
                        Anchor::End,
                        "legend-total-km",
                    ));
                    items.push(text(
                        x_share,
                        b,
                        "100.0 %",
                        Font::regular(ls),
                        &s.muted_text,
                        Anchor::End,
                        "legend-share",
                    ));
                    y += row_h + 2.0;
                }
                Row::Note(t) => {
                    let b = y + s.small_size + 2.0;
                    items.push(text(
                        r.x + pad,
                        b,
                        t,
                        Font::regular(s.small_size),
                        &s.muted_text,
                        Anchor::Start,
                        "legend-method",
                    ));
                    y += s.small_size * 1.6;
                }
            }
        }
        self.group("legend", false, items);
        Ok(())
    }

    fn inset(&mut self) -> Result<()> {
        let s = self.s;
        if self.inp.context.countries.is_empty() {
            // Nothing to locate the border in.
            self.inset_rect = Rect {
                x: 0.0,
                y: 0.0,
                w: 0.0,
                h: 0.0,
            };
            return Ok(());
        }
        let (w, h) = (190.0, 140.0);
        let r = self.pick_corner(w, h, [0.0, 0.0, 0.0, 80.0]);
        self.inset_rect = r;
        self.boxes.push(r.inflate(4.0));
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
        let (fw, fh) = (x1 - x0, y1 - y0);
        let grow = if self.inp.context.countries.is_empty() {
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
        let border: Vec<Pt> = self
            .inp
            .dataset
            .border
            .border
            .line()
            .0
            .iter()
            .map(|c| {
                self.inp
                    .projection
                    .forward(c.x, c.y)
                    .map(|(x, y)| ixf.apply(x, y))
            })
            .collect::<Result<_>>()?;
        items.push(Item::Path(PathItem {
            parts: vec![border],
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

    fn scale_and_north(&mut self) -> Result<()> {
        let s = self.s;
        let c = self.center_geo;
        let p = self.px(c.x, c.y)?;
        let d = 100_000.0;
        let q = destination(c, 90.0, d);
        let qp = self.px(q.x, q.y)?;
        let px_per_m = (qp.0 - p.0).hypot(qp.1 - p.1) / d;
        let nice = [
            1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0,
            5000.0,
        ];
        let max_px = 170.0;
        let mut km = nice[0];
        for n in nice {
            if n * 1000.0 * px_per_m <= max_px {
                km = n;
            }
        }
        let length_px = km * 1000.0 * px_per_m;
        // North: a small step north from the centre.
        let n = self.px(c.x, c.y + 0.05)?;
        let angle = (n.0 - p.0).atan2(-(n.1 - p.1)).to_degrees();
        self.north = (angle * 100.0).round() / 100.0;
        let label = format!("{} km", fmt_num(km));
        let ss = s.small_size;
        let lat_text = format!("Scale true at {}", fmt_deg(c.y, 'N', 'S'));
        let caption_w = self.m.width(&lat_text, Font::regular(ss));
        let label_w = self.m.width(&label, Font::regular(ss));
        let arrow_w = 26.0;
        let w = (length_px + label_w / 2.0 + 6.0).max(caption_w) + 14.0 + arrow_w + 12.0;
        let h = 46.0;
        let r = self.pick_corner(w, h, [60.0, 60.0, 30.0, 0.0]);
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
        // North arrow at the left.
        let ac = (r.x + 6.0 + arrow_w / 2.0, r.y + h / 2.0 + 4.0);
        let rot = |dx: f64, dy: f64| -> Pt {
            let a = self.north.to_radians();
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
            data: vec![("angle-deg".into(), format!("{:.2}", self.north))],
            title: Some("North arrow: true north at the map centre".into()),
            ..PathItem::default()
        }));
        let nl = rot(0.0, -17.0);
        items.push(Item::Text(TextItem {
            x: nl.0,
            y: nl.1,
            text: "N".into(),
            font: Font::bold(ss),
            fill: s.text.clone(),
            halo: None,
            anchor: Anchor::Middle,
            class: "north-label".into(),
        }));
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
            })
        };
        items.push(t(x0, "0".into(), Anchor::Middle));
        items.push(t(x0 + half, fmt_num(km / 2.0), Anchor::Middle));
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
        }));
        self.scale_bar = ScaleBar {
            length_m: km * 1000.0,
            length_px,
            lon: c.x,
            lat: c.y,
            label,
        };
        self.group("scale", false, items);
        Ok(())
    }

    /// Whether a box is free: inside the frame, off other boxes, `pad` px off the border line.
    fn free(&self, r: &Rect, pad: f64) -> bool {
        is_free(self.frame, &self.boxes, &self.lines, r, pad)
    }

    fn add_label(&mut self, text: &str, kind: LabelKind, rect: Rect) {
        self.boxes.push(rect);
        self.labels.push(LabelBox {
            text: text.to_string(),
            kind,
            rect,
        });
    }

    fn push_items(&mut self, items: Vec<Item>) {
        if self.group_mut("labels").is_none() {
            self.group("labels", false, Vec::new());
        }
        if let Some(g) = self.group_mut("labels") {
            g.items.extend(items);
        }
    }

    /// A layer value in the map's language (the value itself where there is no translation).
    fn value_in<'v>(&'v self, layer: &str, value: &'v str) -> &'v str {
        self.inp
            .dataset
            .layers
            .as_ref()
            .and_then(|ls| ls.layers.iter().find(|l| l.id == layer))
            .map_or(value, |l| l.value_in(value, self.inp.lang))
    }

    /// A layer's title in the map's language (`title` where there is no translation).
    fn title_in(&self, layer: &str, title: &str) -> String {
        self.inp
            .dataset
            .layers
            .as_ref()
            .and_then(|ls| ls.layers.iter().find(|l| l.id == layer))
            .map_or(title, |l| l.title_in(self.inp.lang))
            .to_string()
    }

    /// Right-to-left text: anchored by the middle of the box it was laid out in (SVG renderers
    /// disagree on which end `start` means in RTL text; the middle is the same in all), and
    /// isolated (U+2067 … U+2069) so its words are ordered the same whatever base direction a
    /// renderer assumes.
    fn bidi(&mut self, item: &mut Item) {
        let Item::Text(t) = item else {
            return;
        };
        if !t.is_rtl() {
            return;
        }
        let w = self.m.width(&t.text, t.font);
        match t.anchor {
            Anchor::Start => t.x += w / 2.0,
            Anchor::End => t.x -= w / 2.0,
            Anchor::Middle => {}
        }
        t.anchor = Anchor::Middle;
        t.text = format!("\u{2067}{}\u{2069}", t.text);
    }

    fn halo(&self) -> Option<(String, f64)> {
        Some((self.s.halo.clone(), 3.0))
    }

    fn segment_labels(&mut self) {
        let s = self.s;
        let m = self.inp.measured;
        let ls = s.label_size;
        // Stretches: runs of the first layer's value.
        let first = m.layers.first().map(|l| l.id.clone());
        let mut runs: Vec<(Option<String>, f64, f64, f64)> = Vec::new();
        for seg in &m.segments {
            let v = first
                .as_deref()
                .and_then(|l| seg.value(l))
                .map(str::to_string);
            match runs.last_mut() {
                Some(r) if r.0 == v => {
                    r.2 = seg.to_m;
                    r.3 += seg.length_m;
                }
                _ => runs.push((v, seg.from_m, seg.to_m, seg.length_m)),
            }
        }
        let total = m.total_m.max(1.0);
        let border_len_px = poly_len(&self.border_px);
        for (value, from_m, to_m, len) in runs {
            let name = match (&first, &value) {
                (None, _) => m.name.clone(),
                (Some(l), Some(v)) => short_name(self.value_in(l, v)),
                (Some(_), None) => GAP_LABEL.into(),
            };
            let text = if crate::fonts::is_rtl(&name) {
                // The figure is isolated left to right, so it reads "363.5 km" in RTL text.
                format!("{name} · \u{2066}{} km\u{2069}", km1(len))
            } else {
                format!("{name} · {} km", km1(len))
            };
            let font = Font::bold(ls);
            let tw = self.m.width(&text, font);
            let sw = 14.0;
            let w = 3.0 + sw + 5.0 + tw + 3.0;
            let h = ls * 1.35;
            // The stretch on the page, by chainage.
            let a = from_m / total * border_len_px;
            let b = to_m / total * border_len_px;
            let mut best: Option<(f64, Rect, Pt, Pt, f64)> = None;
            for (fi, f) in [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88]
                .iter()
                .enumerate()
            {
                let (p, n) = point_normal(&self.border_px, a + (b - a) * f);
                for side in [1.0, -1.0] {
                    let n = (n.0 * side, n.1 * side);
                    for d in [9.0, 14.0, 20.0, 28.0, 38.0, 50.0, 65.0, 85.0, 110.0] {
                        let ext = n.0.abs() * w / 2.0 + n.1.abs() * h / 2.0;
                        let c = (p.0 + n.0 * (d + ext), p.1 + n.1 * (d + ext));
                        let r = Rect {
                            x: c.0 - w / 2.0,
                            y: c.1 - h / 2.0,
                            w,
                            h,
                        };
                        let cost = d + fi as f64 * 12.0 + if side > 0.0 { 0.0 } else { 3.0 };
                        if best.as_ref().is_some_and(|x| x.0 <= cost) {
                            continue;
                        }
                        if self.free(&r, 3.0) {
                            best = Some((cost, r, p, n, d));
                        }
                    }
                }
            }
            let Some((_, r, p, n, d)) = best else {
                continue;
            };
            let (color, dash) = self.class_color(value.as_deref());
            let mut items = Vec::new();
            if d > 16.0 || (b - a) < w * 0.6 {
                let start = (
                    p.0 + n.0 * (s.border_width / 2.0 + 2.0),
                    p.1 + n.1 * (s.border_width / 2.0 + 2.0),
                );
                let end = r.nearest(start);
                items.push(Item::Path(PathItem {
                    parts: vec![vec![start, end]],
                    stroke: Some(Stroke::new(&s.muted_text, 0.9)),
                    class: "leader".into(),
                    ..PathItem::default()
                }));
                self.lines.push(to_ls(&[start, end]));
            }
            let mid = r.y + h / 2.0;
            items.push(Item::Path(PathItem {
                parts: vec![vec![(r.x + 3.0, mid), (r.x + 3.0 + sw, mid)]],
                stroke: Some(Stroke {
                    dash: dash.clone(),
                    ..Stroke::new(&s.halo, s.border_width + 3.0)
                }),
                class: "label-swatch-halo".into(),
                ..PathItem::default()
            }));
            items.push(Item::Path(PathItem {
                parts: vec![vec![(r.x + 3.0, mid), (r.x + 3.0 + sw, mid)]],
                stroke: Some(Stroke {
                    dash,
                    ..Stroke::new(&color, s.border_width)
                }),
                class: "label-swatch".into(),
                ..PathItem::default()
            }));
            items.push(Item::Text(TextItem {
                x: r.x + 3.0 + sw + 5.0,
                y: mid + ls * 0.36,
                text: text.clone(),
                font,
                fill: s.text.clone(),
                halo: self.halo(),
                anchor: Anchor::Start,
                class: "segment-label".into(),
            }));
            self.push_items(items);
            self.add_label(&text, LabelKind::Segment, r);
        }
    }

    fn place_labels(&mut self) {
        let s = self.s;
        let ls = s.label_size;
        let mut order: Vec<(String, Pt, bool)> = self.markers.clone();
        order.sort_by_key(|(_, _, c)| !*c);
        for (name, p, capital) in order {
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

    fn country_labels(&mut self, prepared: Vec<CountryArea>) {
        let s = self.s;
        for CountryArea {
            name,
            focus,
            clipped,
            centre,
            outline,
        } in prepared
        {
            let text = name.to_uppercase();
            let font = if focus {
                Font {
                    letter_spacing: 6.0,
                    ..Font::regular(s.title_size)
                }
            } else {
                Font {
                    letter_spacing: 2.5,
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
            let mut order: Vec<(f64, usize, f64, f64)> = Vec::with_capacity(ys.len() * xs.len());
            for &y in &ys {
                for &x in &xs {
                    let (dx, dy) = (x - centre.x(), y - centre.y());
                    order.push((dx * dx + dy * dy, order.len(), x, y));
                }
            }
            let by_distance = |a: &(f64, usize, f64, f64), b: &(f64, usize, f64, f64)| {
                a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
            };
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
            })]);
            self.add_label(&text, LabelKind::Country, r);
        }
    }

    fn river_labels(&mut self) -> Result<()> {
        let s = self.s;
        let mut names: Vec<String> = Vec::new();
        for r in &self.inp.context.rivers {
            let n = river_name(&r.name);
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
                .context
                .rivers
                .iter()
                .filter(|r| river_name(&r.name) == name)
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
            })]);
            self.add_label(&name, LabelKind::River, r);
        }
        Ok(())
    }

    fn graticule_labels(&mut self) -> Result<()> {
        let s = self.s;
        let ss = s.small_size;
        let (lon0, lon1, lat0, lat1, step) = self.graticule_extent();
        let font = Font::regular(ss);
        let f = self.frame;
        // Meridians: where they cross the top edge.
        let mut cached = std::mem::take(&mut self.grat_lines);
        if self.grat_extent != (lon0, lon1, lat0, lat1, step) {
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
                let text = fmt_deg(lon, 'E', 'W');
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
                    let text = fmt_deg(lat, 'N', 'S');
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

    fn describe(&self) -> String {
        let m = self.inp.measured;
        let mut d = format!(
            "Map of the {} ({} km, geodesic on WGS84)",
            m.name,
            km1(m.total_m)
        );
        if let Some(a) = m.as_of {
            d.push_str(&format!(" as of {a}"));
        }
        d.push('.');
        for l in &m.layers {
            let parts: Vec<String> = l
                .values
                .iter()
                .map(|v| {
                    format!(
                        "{} {} km ({:.1} %)",
                        v.value,
                        km1(v.length_m),
                        v.share * 100.0
                    )
                })
                .collect();
            d.push_str(&format!(" {}: {}.", l.title, parts.join("; ")));
        }
        d
    }

    fn finish(mut self) -> Scene {
        let s = self.s;
        self.group(
            "frame",
            false,
            vec![Item::Rect(RectItem {
                rect: self.frame,
                fill: None,
                opacity: 1.0,
                stroke: Some(Stroke::new(&s.panel_stroke, 1.0)),
                radius: 0.0,
                class: "frame".into(),
                data: Vec::new(),
            })],
        );
        // Map content first, then the panels on top of it.
        let order = [
            "countries",
            "graticule",
            "lines",
            "rivers",
            "wall",
            "border",
            "places",
            "labels",
            "legend",
            "scale",
            "inset",
            "inset-outline",
            "frame",
        ];
        let mut groups = Vec::new();
        for id in order {
            if let Some(i) = self.groups.iter().position(|g| g.id == id) {
                groups.push(self.groups.remove(i));
            }
        }
        groups.append(&mut self.groups);
        groups.insert(
            0,
            Group {
                id: "title-block".into(),
                class: "title-block".into(),
                clip: None,
                items: std::mem::take(&mut self.title_items),
            },
        );
        groups.push(Group {
            id: "footer".into(),
            class: "footer".into(),
            clip: None,
            items: std::mem::take(&mut self.footer_items),
        });
        for g in &mut groups {
            for it in &mut g.items {
                self.bidi(it);
            }
        }
        Scene {
            width: self.inp.width,
            height: self.inp.height,
            id_prefix: self.inp.id_prefix.to_string(),
            title: self.title,
            description: self.description,
            background: s.background.clone(),
            font_family: s.font_family.clone(),
            clips: self.clips,
            groups,
            frame: self.frame,
            transform: self.xf,
            projection: self.inp.projection.definition().to_string(),
            labels: self.labels,
            legend: self.legend,
            legend_rect: self.legend_rect,
            scale_bar: self.scale_bar,
            north_angle_deg: self.north,
            inset_rect: self.inset_rect,
        }
    }
}

/// Chooses the map scale and centre: the border large in the frame, with its surroundings,
/// but no further out than the context reaches.
fn fit(
    inp: &LayoutInput<'_>,
    frame: Rect,
    planar: &crate::draw::PlanarContext,
) -> Result<PageTransform> {
    let p = inp.projection;
    if inp.extent == Extent::Context
        && let Some([x0, x1, y0, y1]) = planar.bbox
    {
        // The whole context (and the border) in the frame, 2 % to spare.
        let (mut x0, mut x1, mut y0, mut y1) = (x0, x1, y0, y1);
        for c in &inp.dataset.border.border.line().0 {
            let (x, y) = p.forward(c.x, c.y)?;
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        let mpp = ((x1 - x0) / frame.w).max((y1 - y0) / frame.h).max(1e-9) * 1.02;
        return Ok(PageTransform {
            mpp,
            cx: (x0 + x1) / 2.0,
            cy: (y0 + y1) / 2.0,
            fx: frame.x + frame.w / 2.0,
            fy: frame.y + frame.h / 2.0,
        });
    }
    let line = inp.dataset.border.border.line();
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for c in &line.0 {
        let (x, y) = p.forward(c.x, c.y)?;
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let bw = (x1 - x0).max(1e-9);
    let bh = (y1 - y0).max(1e-9);
    let (fw, fh) = (frame.w, frame.h);
    let preferred = (bw / (fw * 0.55)).max(bh / (fh * 0.80));
    let min_fit = (bw / (fw * 0.92)).max(bh / (fh * 0.90));
    let mut mpp = preferred;
    let mut cx = (x0 + x1) / 2.0;
    let mut cy = (y0 + y1) / 2.0;
    // Coverage of the context: the rectangle inside its lon/lat bounding box.
    let bb = inp
        .context
        .countries
        .iter()
        .filter_map(|c| c.shape.bounding_rect())
        .reduce(union_rect);
    if let Some(bb) = bb {
        let n = 40;
        let (mut cx0, mut cx1, mut cy0, mut cy1) = (f64::MIN, f64::MAX, f64::MIN, f64::MAX);
        for i in 0..=n {
            let t = f64::from(i) / f64::from(n);
            let lat = bb.min().y + (bb.max().y - bb.min().y) * t;
            let lon = bb.min().x + (bb.max().x - bb.min().x) * t;
            cx0 = cx0.max(p.forward(bb.min().x, lat)?.0);
            cx1 = cx1.min(p.forward(bb.max().x, lat)?.0);
            cy0 = cy0.max(p.forward(lon, bb.min().y)?.1);
            cy1 = cy1.min(p.forward(lon, bb.max().y)?.1);
        }
        if cx1 > cx0 && cy1 > cy0 {
            let limit = ((cx1 - cx0) / fw).min((cy1 - cy0) / fh);
            if mpp > limit {
                mpp = limit.max(min_fit);
            }
            let hw = fw * mpp / 2.0;
            let hh = fh * mpp / 2.0;
            if cx1 - cx0 >= 2.0 * hw {
                cx = clamp_or_mid(cx, cx0 + hw, cx1 - hw);
            }
            if cy1 - cy0 >= 2.0 * hh {
                cy = clamp_or_mid(cy, cy0 + hh, cy1 - hh);
            }
        }
    }
    Ok(PageTransform {
        mpp,
        cx,
        cy,
        fx: frame.x + fw / 2.0,
        fy: frame.y + fh / 2.0,
    })
}

/// Whether a country is one of the two the border divides: most border vertices lie on its
/// outline (within ~2 km).
fn is_focus(shape: &MultiPolygon<f64>, line: &LineString<f64>) -> bool {
    let n = line.0.len().max(1);
    // A vertex within 0.02 of an outline lies inside the box of one of its segments grown by
    // 0.02: only those segments need the distance (the same answer as the distance to the
    // whole outline, without measuring the whole world).
    let grown = |b: &geo::Rect<f64>, c: &Coord<f64>| {
        c.x >= b.min().x - 0.03
            && c.x <= b.max().x + 0.03
            && c.y >= b.min().y - 0.03
            && c.y <= b.max().y + 0.03
    };
    let segments: Vec<(geo::Line<f64>, geo::Rect<f64>)> = shape
        .0
        .iter()
        .filter(|p| {
            p.exterior()
                .bounding_rect()
                .is_some_and(|b| line.0.iter().any(|c| grown(&b, c)))
        })
        .flat_map(|p| p.exterior().lines())
        .map(|l| (l, l.bounding_rect()))
        .collect();
    let near = line
        .0
        .iter()
        .filter(|c| {
            segments
                .iter()
                .any(|(l, b)| grown(b, c) && Euclidean.distance(&Point(**c), l) < 0.02)
        })
        .count();
    near * 2 > n
}

fn to_ls(p: &[Pt]) -> LineString<f64> {
    p.iter()
        .map(|&(x, y)| Coord { x, y })
        .collect::<Vec<_>>()
        .into()
}

fn rings(mp: &MultiPolygon<f64>) -> Vec<Vec<Pt>> {
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
fn round_line(
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

fn grat_path(parts: Vec<Vec<Pt>>, s: &Style, name: String) -> Item {
    Item::Path(PathItem {
        parts,
        stroke: Some(Stroke::new(&s.graticule, 0.6)),
        class: "graticule-line".into(),
        data: vec![("deg".into(), name)],
        ..PathItem::default()
    })
}

/// Whether a label box `r` fits: inside the frame (less 5 px), over no box already placed, and
/// (grown by `pad` px) crossing none of `lines`.
fn is_free(frame: Rect, boxes: &[Rect], lines: &[LineString<f64>], r: &Rect, pad: f64) -> bool {
    if !frame.inflate(-5.0).contains(r) {
        return false;
    }
    if boxes.iter().any(|b| b.intersects(r)) {
        return false;
    }
    let g = r.inflate(pad).geo();
    !lines.iter().any(|l| g.intersects(l))
}

/// A context area ready for its label: clipped to the frame (less 6 px), with its centroid and
/// outline segments (with their boxes). Focus areas (those the border divides) come first.
struct CountryArea {
    name: String,
    focus: bool,
    clipped: MultiPolygon<f64>,
    centre: Point<f64>,
    outline: Vec<(geo::Line<f64>, geo::Rect<f64>)>,
}

/// Prepares the named areas of `countries` (page px) for labelling inside `frame`: needs no
/// placed label, so it can run beside the rest of the layout. Areas wholly inside or wholly
/// outside the frame need no boolean operation.
fn prepare_country_areas(
    countries: &[(String, MultiPolygon<f64>, bool)],
    frame: Rect,
) -> Vec<CountryArea> {
    let frame_poly = frame.inflate(-6.0).geo().to_polygon();
    let inner = frame.inflate(-6.0).geo();
    let mut order: Vec<&(String, MultiPolygon<f64>, bool)> = countries.iter().collect();
    order.sort_by_key(|(_, _, f)| !*f);
    let mut out = Vec::new();
    for (name, mp, focus) in order {
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

/// The graticule as drawn: its items, the extent it covers (degrees, as `graticule_extent`)
/// and, when sampled every 0.1°, its lines whole (page px, meridians then parallels) for the
/// labels.
struct GraticuleDrawing {
    items: Vec<Item>,
    extent: (f64, f64, f64, f64, f64),
    lines: Option<Vec<Vec<Pt>>>,
}

/// Draws the graticule of `extent` (`lon0, lon1, lat0, lat1, step`, degrees): needs only the
/// projection and the page transform, so it can run beside the rest of the layout.
fn graticule_drawing(
    proj: &dyn Projection,
    xf: PageTransform,
    frame: Rect,
    extent: (f64, f64, f64, f64, f64),
    s: &Style,
) -> Result<GraticuleDrawing> {
    let (lon0, lon1, lat0, lat1, step) = extent;
    // Finest sampling 0.1° (0.5° on world maps, steps of 15° and more).
    let sample = if step >= 15.0 { 0.5 } else { 0.1 };
    // Written: the runs of each line that reach into the frame (the group is clipped to it
    // anyway); kept whole for the labels.
    let visible = frame.inflate(2.0);
    let mut items = Vec::new();
    let mut lines = Vec::new();
    // Meridians (lon from lon0 to lon1, each over lat0..lat1), then parallels.
    for (meridian, (v0, v1), (a, b), (pos, neg)) in [
        (true, (lon0, lon1), (lat0, lat1), ('E', 'W')),
        (false, (lat0, lat1), (lon0, lon1), ('N', 'S')),
    ] {
        let mut v = v0;
        while v <= v1 + 1e-9 {
            let pts = grat_curve(proj, xf, frame, meridian, v, a, b, sample)?;
            let parts = visible_runs(&pts, &visible);
            if !parts.is_empty() {
                items.push(grat_path(parts, s, fmt_deg(v, pos, neg)));
            }
            lines.push(pts);
            v += step;
        }
    }
    Ok(GraticuleDrawing {
        items,
        extent,
        lines: (sample == 0.1).then_some(lines),
    })
}

/// One graticule line in page px: a meridian (`fixed` = lon, degrees `a..=b` of latitude) or
/// a parallel (`fixed` = lat, `a..=b` of longitude). Sampled adaptively on the grid of `fine`
/// degrees ([`sample_adaptive`]): every 10th grid point, then midpoints wherever the projected
/// curve leaves the chord by more than 0.05 px, so straight lines cost a tenth of the grid and
/// curved ones only what their bend needs.
#[allow(
    clippy::too_many_arguments,
    reason = "the projection, page and frame, then which line and how fine: each plain"
)]
fn grat_curve(
    proj: &dyn Projection,
    xf: PageTransform,
    frame: Rect,
    meridian: bool,
    fixed: f64,
    a: f64,
    b: f64,
    fine: f64,
) -> Result<Vec<Pt>> {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = ((b - a) / fine + 1e-6).floor().max(0.0) as usize;
    let at = |i: usize| -> Pt {
        let v = a + fine * i as f64;
        if meridian { (fixed, v) } else { (v, fixed) }
    };
    let project = |mut pts: Vec<Pt>| -> Result<Vec<Pt>> {
        proj.forward_many(&mut pts)?;
        for p in &mut pts {
            *p = xf.apply(p.0, p.1);
        }
        Ok(pts)
    };
    // Only what can show needs the fine curve: the written runs reach into the frame and the
    // labels sit at its edges. A 1° chord bends away from the curve by well under a pixel at
    // map scales, so chords more than 50 px from the frame stay coarse.
    let near = frame.inflate(50.0);
    let wanted = |a: Pt, b: Pt| {
        a.0.max(b.0) >= near.x
            && a.0.min(b.0) <= near.right()
            && a.1.max(b.1) >= near.y
            && a.1.min(b.1) <= near.bottom()
    };
    sample_adaptive(n, at, project, GRATICULE_TOL_PX, wanted)
}

/// How far, px, a drawn graticule line may leave the true projected curve.
const GRATICULE_TOL_PX: f64 = 0.05;

/// A curve sampled adaptively on the grid points `0..=n` (`at(i)`: the point to project):
/// every 10th grid point and the last, projected with `project` (one batch per round), then
/// the midpoint of every interval whose projected midpoint lies more than `tol` px off its
/// chord, until none does or the grid is exhausted. Coarse intervals whose chord `wanted`
/// rejects (e.g. far outside the frame) are not refined. Returns the projected points kept, in
/// grid order.
fn sample_adaptive(
    n: usize,
    at: impl Fn(usize) -> Pt,
    mut project: impl FnMut(Vec<Pt>) -> Result<Vec<Pt>>,
    tol: f64,
    wanted: impl Fn(Pt, Pt) -> bool,
) -> Result<Vec<Pt>> {
    let mut idx: Vec<usize> = (0..=n).step_by(10).collect();
    if idx.last() != Some(&n) {
        idx.push(n);
    }
    let pts = project(idx.iter().map(|&i| at(i)).collect())?;
    let mut curve: std::collections::BTreeMap<usize, Pt> = idx.iter().copied().zip(pts).collect();
    let mut pending: Vec<(usize, usize)> = idx
        .windows(2)
        .filter_map(|w| match w {
            [i, j] if j - i > 1 => Some((*i, *j)),
            _ => None,
        })
        .filter(|(i, j)| match (curve.get(i), curve.get(j)) {
            (Some(&a), Some(&b)) => wanted(a, b),
            _ => true,
        })
        .collect();
    while !pending.is_empty() {
        let mids: Vec<usize> = pending.iter().map(|(i, j)| (i + j) / 2).collect();
        let mpts = project(mids.iter().map(|&m| at(m)).collect())?;
        let mut next = Vec::new();
        for ((&(i, j), &m), p) in pending.iter().zip(&mids).zip(mpts) {
            let (Some(&pi), Some(&pj)) = (curve.get(&i), curve.get(&j)) else {
                continue;
            };
            if chord_offset(pi, pj, p) > tol {
                curve.insert(m, p);
                for (u, v) in [(i, m), (m, j)] {
                    if v - u > 1 {
                        next.push((u, v));
                    }
                }
            }
        }
        pending = next;
    }
    Ok(curve.into_values().collect())
}

/// Distance, px, of `p` from the line through `a` and `b` (from `a` when they coincide).
fn chord_offset(a: Pt, b: Pt, p: Pt) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = dx.hypot(dy);
    if len == 0.0 || !len.is_finite() {
        return (p.0 - a.0).hypot(p.1 - a.1);
    }
    ((p.0 - a.0) * dy - (p.1 - a.1) * dx).abs() / len
}

/// The runs of `p` whose segments reach into `r` (by their bounding boxes), each a part of
/// its own; segments wholly beside `r` are left out.
fn visible_runs(p: &[Pt], r: &Rect) -> Vec<Vec<Pt>> {
    let mut out: Vec<Vec<Pt>> = Vec::new();
    let mut cur: Vec<Pt> = Vec::new();
    for w in p.windows(2) {
        let [a, b] = w else { continue };
        let seen = a.0.max(b.0) >= r.x
            && a.0.min(b.0) <= r.right()
            && a.1.max(b.1) >= r.y
            && a.1.min(b.1) <= r.bottom();
        if seen {
            if cur.is_empty() {
                cur.push(*a);
            }
            cur.push(*b);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn poly_len(p: &[Pt]) -> f64 {
    p.windows(2)
        .map(|w| match w {
            [a, b] => (b.0 - a.0).hypot(b.1 - a.1),
            _ => 0.0,
        })
        .sum()
}

/// The point `t` px along `p`, and the unit normal there (left of the direction of travel,
/// smoothed over ±12 px).
fn point_normal(p: &[Pt], t: f64) -> (Pt, Pt) {
    Walk::new(p).point_normal(t)
}

/// A polyline (page px) with the length walked to each vertex, for points at a distance along
/// it without walking it from the start every time.
struct Walk<'a> {
    p: &'a [Pt],
    /// `cum[i]`: length from the start to vertex `i` (summed in order).
    cum: Vec<f64>,
}

impl<'a> Walk<'a> {
    fn new(p: &'a [Pt]) -> Self {
        let mut cum = Vec::with_capacity(p.len());
        let mut acc = 0.0;
        cum.push(acc);
        for w in p.windows(2) {
            if let [a, b] = w {
                acc += (b.0 - a.0).hypot(b.1 - a.1);
                cum.push(acc);
            }
        }
        Walk { p, cum }
    }

    /// Total length, px.
    fn total(&self) -> f64 {
        self.cum.last().copied().unwrap_or(0.0)
    }

    /// The point `t` px along (the last vertex beyond the end).
    fn at(&self, t: f64) -> Pt {
        // The first segment of non-zero length whose end is at least `t` along.
        let mut i = self
            .cum
            .get(1..)
            .map_or(0, |c| c.partition_point(|&e| e < t));
        while let (Some(a), Some(b), Some(c0), Some(c1)) = (
            self.p.get(i),
            self.p.get(i + 1),
            self.cum.get(i),
            self.cum.get(i + 1),
        ) {
            let l = (b.0 - a.0).hypot(b.1 - a.1);
            if c1 >= &t && l > 0.0 {
                let f = (t - c0) / l;
                return (a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f);
            }
            i += 1;
        }
        self.p.last().copied().unwrap_or((0.0, 0.0))
    }

    /// The point `t` px along and the unit normal there (left of the direction of travel,
    /// smoothed over ±12 px).
    fn point_normal(&self, t: f64) -> (Pt, Pt) {
        let total = self.total();
        let t = t.clamp(0.0, total);
        let a = self.at((t - 12.0).max(0.0));
        let b = self.at((t + 12.0).min(total));
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let l = dx.hypot(dy);
        let n = if l > 0.0 {
            (dy / l, -dx / l)
        } else {
            (1.0, 0.0)
        };
        (self.at(t), n)
    }
}

/// Points every `step` px along `p` (from `offset`), with the unit normal at each.
fn along(p: &[Pt], step: f64, offset: f64) -> Vec<(Pt, Pt)> {
    let mut out = Vec::new();
    let mut next = offset;
    let mut acc = 0.0;
    for w in p.windows(2) {
        if let [a, b] = w {
            let l = (b.0 - a.0).hypot(b.1 - a.1);
            if l <= 0.0 {
                continue;
            }
            let n = ((b.1 - a.1) / l, -(b.0 - a.0) / l);
            while next <= acc + l {
                let f = (next - acc) / l;
                out.push(((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f), n));
                next += step;
            }
            acc += l;
        }
    }
    out
}

/// Where the polyline first crosses the zero of `f`.
fn crossing(p: &[Pt], f: impl Fn(&Pt) -> f64) -> Option<Pt> {
    for w in p.windows(2) {
        if let [a, b] = w {
            let (fa, fb) = (f(a), f(b));
            if (fa <= 0.0 && fb > 0.0) || (fa >= 0.0 && fb < 0.0) {
                let t = fa / (fa - fb);
                return Some((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
            }
        }
    }
    None
}

/// A class-safe slug: lowercase ASCII letters and digits, other runs as `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "x".into() } else { out }
}

/// A value's short form for map labels: without a trailing parenthesis.
fn short_name(v: &str) -> String {
    match v.find(" (") {
        Some(i) if i > 0 => v.get(..i).unwrap_or(v).to_string(),
        _ => v.to_string(),
    }
}

fn river_name(n: &str) -> String {
    short_name(n)
}

/// `36° N`, `40° E`, `1.5° W`.
fn fmt_deg(v: f64, pos: char, neg: char) -> String {
    let h = if v < 0.0 { neg } else { pos };
    format!("{}° {h}", fmt_num(v.abs()))
}

/// A number with up to 2 decimals and no trailing zeros.
fn fmt_num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

fn segment_title(seg: &crate::measure::MeasuredSegment, border: &str) -> String {
    let mut parts = Vec::new();
    for (i, (layer, v)) in seg.values.iter().enumerate() {
        let v = v.as_deref().unwrap_or(GAP_LABEL);
        if i == 0 {
            parts.push(v.to_string());
        } else {
            parts.push(format!("{layer}: {v}"));
        }
    }
    if parts.is_empty() {
        parts.push(border.to_string());
    }
    format!(
        "{} — {} km, km {} to {}",
        parts.join(", "),
        km1(seg.length_m),
        km1(seg.from_m),
        km1(seg.to_m)
    )
}

fn subtitle(m: &Measured) -> String {
    let mut s = format!("{}: {} km", m.name, km1(m.total_m));
    if let Some(a) = m.as_of {
        s.push_str(&format!(", as of {a}"));
    }
    s.push_str(". Lengths geodesic (WGS84).");
    s
}

/// Moves a lone mark ("/", "·", "—") that a wrap put at the start of a line to the end of the
/// line before, where it belongs in either writing direction.
fn keep_marks(mut lines: Vec<String>) -> Vec<String> {
    for i in 1..lines.len() {
        let Some(line) = lines.get(i) else { break };
        let Some((first, rest)) = line.split_once(' ') else {
            continue;
        };
        if first.chars().any(char::is_alphanumeric) {
            continue;
        }
        let (first, rest) = (first.to_string(), rest.to_string());
        if let Some(prev) = lines.get_mut(i - 1) {
            prev.push(' ');
            prev.push_str(&first);
        }
        if let Some(line) = lines.get_mut(i) {
            *line = rest;
        }
    }
    lines
}

/// Greedy word wrap to `max` px.
///
/// Each line is the longest run of words that fits (at least one word). Widths grow with every
/// word added, so the run is found by a galloping then binary search: O(log n) measurements
/// per line instead of one per word (text measurement is the expensive part of a layout).
fn wrap(m: &mut Measurer, text: &str, font: Font, max: f64) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    // Widths estimated from one shaping of the paragraph pick each break; the shaped width of
    // the line decides it, so lines are those the exact search alone would give.
    let spans = m.word_spans(&words, font);
    let mut lines = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let rest = words.get(i..).unwrap_or_default();
        let mut fits = |k: usize| m.width(&rest.get(..k).unwrap_or(rest).join(" "), font) <= max;
        let lo = match &spans {
            Some((starts, ends)) => {
                let x0 = starts.get(i).copied().unwrap_or(0.0);
                let est = |k: usize| ends.get(i + k - 1).map_or(f64::INFINITY, |e| e - x0);
                let mut k = 1;
                while k < rest.len() && est(k + 1) <= max {
                    k += 1;
                }
                // The estimate is the shaped width up to f32 rounding and kerning against a
                // space (well under a pixel at map sizes): clear of the limit by 2 px on both
                // sides, it decides alone; nearer, the shaped lines do.
                const CLEAR_PX: f64 = 2.0;
                if est(k) <= max - CLEAR_PX && (k == rest.len() || est(k + 1) > max + CLEAR_PX) {
                    // Decided.
                } else if fits(k) {
                    // One more word only if the estimate comes within a pixel of fitting.
                    while k < rest.len() && est(k + 1) <= max + 1.0 && fits(k + 1) {
                        k += 1;
                    }
                } else {
                    while k > 1 && !fits(k) {
                        k -= 1;
                    }
                }
                k
            }
            None => {
                // Largest k in 1..=rest.len() with fits(k) (k = 1 always taken).
                let (mut lo, mut hi) = (1, 2);
                while hi <= rest.len() && fits(hi) {
                    lo = hi;
                    hi *= 2;
                }
                let mut hi = hi.min(rest.len() + 1);
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2;
                    if fits(mid) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                lo
            }
        };
        lines.push(rest.get(..lo).unwrap_or(rest).join(" "));
        i += lo;
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// What the footer is made of: the parts of [`LayoutInput`] that can go to another thread.
struct FooterInput<'a> {
    style: &'a Style,
    measured: &'a Measured,
    dataset: &'a Dataset,
    simplify: Option<f64>,
}

/// The footer: sources of every interval drawn, claims not drawn, notes, attributions.
fn footer_text(inp: &FooterInput<'_>, m: &mut Measurer, width: f64) -> Vec<String> {
    let s = inp.style;
    let me = inp.measured;
    let font = Font::regular(s.small_size);
    let mut sources: Vec<&str> = Vec::new();
    for seg in &me.segments {
        for src in &seg.sources {
            if !sources.contains(&src.as_str()) {
                sources.push(src);
            }
        }
    }
    let mut paras = Vec::new();
    if !sources.is_empty() {
        paras.push(format!("Sources: {}", sources.join(" · ")));
    }
    if !me.unplaced.is_empty() {
        let items: Vec<String> = me
            .unplaced
            .iter()
            .map(|(layer, u)| {
                let km = u
                    .claimed_km
                    .map(|k| format!(", {k} km"))
                    .unwrap_or_default();
                format!("{layer}: {}{km} ({}) — {}", u.value, u.as_of, u.source)
            })
            .collect();
        paras.push(format!(
            "Claims with no stretch given (not drawn): {}",
            items.join(" · ")
        ));
    }
    let approx = inp.dataset.layers.as_ref().is_some_and(|l| {
        l.layers.iter().flat_map(|x| &x.intervals).any(|i| {
            sources.contains(&i.source.as_str())
                && i.note
                    .as_deref()
                    .is_some_and(|n| n.to_lowercase().contains("approximate"))
        })
    });
    let mut notes: Vec<String> = me.warnings.clone();
    if approx {
        notes.insert(
            0,
            "Some change points are approximate: where a source names only a town, the change is placed at the border point nearest it".into(),
        );
    }
    if let Some(t) = inp.simplify {
        notes.push(format!(
            "drawn simplified (tolerance {} px); lengths from the full-resolution line",
            fmt_num(t)
        ));
    }
    if !notes.is_empty() {
        paras.push(format!("Notes: {}.", notes.join("; ")));
    }
    let mut data = inp.dataset.attribution();
    if data.is_empty() {
        data.push(format!("Border: {}", inp.dataset.border_file.display()));
    }
    paras.push(format!(
        "Data: {} · Lengths geodesic on the WGS84 ellipsoid · Map: bordermap",
        data.join(" · ")
    ));
    let mut lines = Vec::new();
    for p in paras {
        lines.extend(wrap(m, &p, font, width));
    }
    lines
}

/// `v.clamp(lo, hi)`, but never panics: when rounding makes `lo > hi` (or either is NaN),
/// the middle of the two (or `v`) is returned. `f64::clamp` panics in that case.
fn clamp_or_mid(v: f64, lo: f64, hi: f64) -> f64 {
    if lo <= hi {
        v.clamp(lo, hi)
    } else if lo.is_finite() && hi.is_finite() {
        (lo + hi) / 2.0
    } else {
        v
    }
}

/// Point-in-polygon for many queries against one polygon: the same answer as
/// `Polygon::contains(&Point)` (geo's winding number with its boundary rules and robust
/// orientation), visiting only the edges whose y-range can hold the point (edges are bucketed
/// by y; an edge that does not span the point's y never changes the winding number nor puts
/// the point on the boundary).
struct IndexedPolygon<'p> {
    poly: &'p geo::Polygon<f64>,
    bbox: Option<geo::Rect<f64>>,
    /// Exterior, then holes; `None` when a ring is degenerate (fewer than 2 points): then
    /// geo answers.
    rings: Option<Vec<RingBands>>,
}

struct RingBands {
    y0: f64,
    y1: f64,
    edges: Vec<(Coord<f64>, Coord<f64>)>,
    buckets: Vec<Vec<u32>>,
}

enum RingPos {
    Outside,
    Boundary,
    Inside,
}

impl RingBands {
    fn new(ring: &LineString<f64>) -> Option<RingBands> {
        if ring.0.len() < 2 {
            return None;
        }
        let edges: Vec<(Coord<f64>, Coord<f64>)> = ring.lines().map(|l| (l.start, l.end)).collect();
        let (y0, y1) = ring
            .0
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), c| {
                (a.min(c.y), b.max(c.y))
            });
        let n = (edges.len() / 4).clamp(1, 256);
        let mut r = RingBands {
            y0,
            y1,
            edges: Vec::new(),
            buckets: vec![Vec::new(); n],
        };
        for (i, (a, b)) in edges.iter().enumerate() {
            let lo = r.bucket(a.y.min(b.y));
            let hi = r.bucket(a.y.max(b.y));
            for k in lo..=hi {
                if let Some(v) = r.buckets.get_mut(k) {
                    v.push(i as u32);
                }
            }
        }
        r.edges = edges;
        Some(r)
    }

    fn bucket(&self, y: f64) -> usize {
        let n = self.buckets.len();
        if self.y1.partial_cmp(&self.y0) != Some(std::cmp::Ordering::Greater) {
            return 0;
        }
        let t = ((y - self.y0) / (self.y1 - self.y0) * n as f64).floor();
        if t.is_nan() || t < 0.0 {
            0
        } else {
            (t as usize).min(n - 1)
        }
    }

    fn position(&self, c: Coord<f64>) -> RingPos {
        use geo::{GeoNum, Kernel, Orientation};
        if !(c.y >= self.y0 && c.y <= self.y1) {
            return RingPos::Outside;
        }
        let between = |v: f64, a: f64, b: f64| {
            if a < b {
                v >= a && v <= b
            } else {
                v >= b && v <= a
            }
        };
        let mut winding = 0i64;
        let Some(bucket) = self.buckets.get(self.bucket(c.y)) else {
            return RingPos::Outside;
        };
        for &i in bucket {
            let Some(&(s, e)) = self.edges.get(i as usize) else {
                continue;
            };
            if s.y <= c.y {
                if e.y >= c.y {
                    let o = <f64 as GeoNum>::Ker::orient2d(s, e, c);
                    if o == Orientation::CounterClockwise && e.y != c.y {
                        winding += 1;
                    } else if o == Orientation::Collinear && between(c.x, s.x, e.x) {
                        return RingPos::Boundary;
                    }
                }
            } else if e.y <= c.y {
                let o = <f64 as GeoNum>::Ker::orient2d(s, e, c);
                if o == Orientation::Clockwise {
                    winding -= 1;
                } else if o == Orientation::Collinear && between(c.x, s.x, e.x) {
                    return RingPos::Boundary;
                }
            }
        }
        if winding == 0 {
            RingPos::Outside
        } else {
            RingPos::Inside
        }
    }
}

impl<'p> IndexedPolygon<'p> {
    fn new(poly: &'p geo::Polygon<f64>) -> IndexedPolygon<'p> {
        let rings = std::iter::once(poly.exterior())
            .chain(poly.interiors())
            .map(RingBands::new)
            .collect::<Option<Vec<_>>>();
        IndexedPolygon {
            poly,
            bbox: poly.bounding_rect(),
            rings,
        }
    }

    fn contains(&self, p: &Point<f64>) -> bool {
        let Some(b) = self.bbox else {
            return false;
        };
        if !(p.x() >= b.min().x && p.x() <= b.max().x && p.y() >= b.min().y && p.y() <= b.max().y) {
            return false;
        }
        let Some(rings) = &self.rings else {
            return self.poly.contains(p);
        };
        let mut it = rings.iter();
        match it.next().map(|r| r.position(p.0)) {
            Some(RingPos::Inside) => {}
            _ => return false,
        }
        it.all(|h| matches!(h.position(p.0), RingPos::Outside))
    }
}

/// The smallest rectangle holding both `a` and `b` (same units as they are).
fn union_rect(a: geo::Rect<f64>, b: geo::Rect<f64>) -> geo::Rect<f64> {
    geo::Rect::new(
        Coord {
            x: a.min().x.min(b.min().x),
            y: a.min().y.min(b.min().y),
        },
        Coord {
            x: a.max().x.max(b.max().x),
            y: a.max().y.max(b.max().y),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::{IndexedPolygon, Rect, chord_offset, sample_adaptive, visible_runs};
    use geo::{Contains, LineString, Point, Polygon};

    /// Distance from `p` to the polyline `line`.
    fn to_polyline(line: &[(f64, f64)], p: (f64, f64)) -> f64 {
        line.windows(2)
            .map(|w| match w {
                [a, b] => {
                    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
                    let l2 = dx * dx + dy * dy;
                    let t = if l2 == 0.0 {
                        0.0
                    } else {
                        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / l2).clamp(0.0, 1.0)
                    };
                    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
                }
                _ => f64::INFINITY,
            })
            .fold(f64::INFINITY, f64::min)
    }

    #[test]
    fn adaptive_sampling_follows_the_dense_curve() {
        // A parallel of a conic projection: an arc of a circle of radius 3000 px, 540 grid
        // steps of 0.1°; and a straight meridian.
        let arc = |i: usize| -> (f64, f64) {
            let t = (i as f64 * 0.1 - 27.0).to_radians() * 0.6;
            (3000.0 * t.sin(), 3000.0 * (1.0 - t.cos()))
        };
        let mut calls = 0;
        let kept = sample_adaptive(
            540,
            |i| (i as f64, 0.0),
            |pts| {
                calls += 1;
                Ok(pts.into_iter().map(|(i, _)| arc(i as usize)).collect())
            },
            0.05,
            |_, _| true,
        )
        .unwrap();
        // Every dense point lies within the tolerance of the kept polyline (plus the
        // curvature between grid points, far below it here).
        let worst = (0..=540)
            .map(|i| to_polyline(&kept, arc(i)))
            .fold(0.0, f64::max);
        assert!(worst <= 0.06, "worst offset {worst} px");
        assert!(kept.len() < 541 / 2, "{} points kept", kept.len());
        assert_eq!(kept.first().copied(), Some(arc(0)));
        assert_eq!(kept.last().copied(), Some(arc(540)));
        assert!(calls > 1);
        let line = sample_adaptive(
            540,
            |i| (i as f64, 0.0),
            |pts| Ok(pts.into_iter().map(|(i, _)| (100.0, 2.0 * i)).collect()),
            0.05,
            |_, _| true,
        )
        .unwrap();
        // Straight: the coarse points only (every 10th of 540, and the last).
        assert_eq!(line.len(), 55);
        // Intervals not wanted (far from the frame) stay coarse, however they bend.
        let coarse = sample_adaptive(
            540,
            |i| (i as f64, 0.0),
            |pts| Ok(pts.into_iter().map(|(i, _)| arc(i as usize)).collect()),
            0.05,
            |a, _| a.0 > 1e9,
        )
        .unwrap();
        assert_eq!(coarse.len(), 55);
    }

    #[test]
    fn chord_offset_and_visible_runs() {
        assert!((chord_offset((0.0, 0.0), (10.0, 0.0), (5.0, 3.0)) - 3.0).abs() < 1e-12);
        assert!((chord_offset((1.0, 1.0), (1.0, 1.0), (4.0, 5.0)) - 5.0).abs() < 1e-12);
        let r = Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 100.0,
        };
        // In, out (two segments wholly to the right), in again.
        let p = [
            (-50.0, 50.0),
            (50.0, 50.0),
            (150.0, 50.0),
            (250.0, 50.0),
            (150.0, 60.0),
            (50.0, 60.0),
        ];
        let runs = visible_runs(&p, &r);
        assert_eq!(
            runs,
            vec![
                vec![(-50.0, 50.0), (50.0, 50.0), (150.0, 50.0)],
                vec![(150.0, 60.0), (50.0, 60.0)],
            ]
        );
        assert!(visible_runs(&[(200.0, 0.0), (300.0, 0.0)], &r).is_empty());
    }

    #[test]
    fn indexed_polygon_matches_geo() {
        // A star with a hole, on a grid that hits vertices and edges exactly.
        let star: Vec<(f64, f64)> = (0..40)
            .map(|i| {
                let a = f64::from(i) * std::f64::consts::PI / 20.0;
                let r = if i % 2 == 0 { 100.0 } else { 40.0 };
                ((r * a.cos()).round(), (r * a.sin()).round())
            })
            .collect();
        let hole = vec![(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0)];
        let poly = Polygon::new(LineString::from(star), vec![LineString::from(hole)]);
        let idx = IndexedPolygon::new(&poly);
        let mut n = 0;
        for yi in -220..=220 {
            for xi in -220..=220 {
                let p = Point::new(f64::from(xi) * 0.5, f64::from(yi) * 0.5);
                assert_eq!(idx.contains(&p), poly.contains(&p), "{p:?}");
                n += usize::from(idx.contains(&p));
            }
        }
        assert!(n > 1000);
    }
}
