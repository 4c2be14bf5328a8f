//! The layout stage: measured segments + context + projection + style + page size → a
//! [`Scene`], plain data in page units (px, y down) with every decision made: what is drawn
//! where, in which colour, which labels go where (collision-free), where the legend, scale
//! bar, north arrow and inset sit. No I/O, no SVG syntax: `render` writes the Scene out.

use geo::{Coord, LineString};

use crate::error::{Detail, Error, Grow, Result};
use crate::fonts::Measurer;
use crate::model::MapModel;
use crate::project::Projection;
use crate::style::Style;

mod annotations;
mod arrange;
mod basemap;
pub mod chart;
mod disputed;
mod editorial;
mod footer;
mod frame;
mod graticule;
mod inset;
mod items;
mod labels;
mod laid;
mod legend;
mod placement;
mod scale_bar;
mod segments;
mod text;
mod view;

use crate::geom::to_ls;
pub use crate::model::{Editorial, FOOTER_MAX_LINES, FOOTER_MAX_SHARE, FooterMode};
pub use crate::scene::*;
use basemap::{Area, Marker};
use footer::{FooterForm, FooterInput, diagnostics, footer_paragraphs};
use frame::{fit, is_focus};
use graticule::{GraticuleExtent, graticule_drawing};
use items::mirror_in;
use labels::prepare_country_areas;
pub use laid::*;
use segments::Casing;
pub(crate) use segments::first_layer_values;
pub use text::{CHANGE_MARK, slug};
use text::{change_text, fmt_deg, keep_marks, river_name, short_name, wrap};
pub use view::{Framing, InsetMode, MAX_VIEW_WIDTH_M, Pinned, View};

/// What the layout needs: the map model, the projection, the style and the page.
pub struct LayoutInput<'a> {
    /// What the map shows, resolved in its language ([`crate::model::MapModel`]).
    pub model: &'a MapModel<'a>,
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
    /// The map's language: every UI string, number and date on it ([`crate::i18n::Locale`]);
    /// right-to-left locales mirror the page. Place names come in its language
    /// (`Locale::lang`: `en`, `ar`, `ku`, ...) from the data where it has them, else English.
    pub locale: &'a crate::i18n::Locale,
    /// What the frame is fitted to, or the fixed view or shared frame it shows; the inset.
    pub framing: Framing,
    /// Simplification tolerance for drawing, page px (`None`: none beyond the default 0.3 px
    /// on context areas and rivers). Never used for lengths.
    pub simplify: Option<f64>,
}

/// What the map frame is fitted to.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
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
            .field("border", &self.model.measured.name)
            .field("width", &self.width)
            .field("height", &self.height)
            .finish()
    }
}

/// The smallest page side, px (maps are laid out to hold from this size up).
pub const MIN_PAGE_PX: f64 = 320.0;
/// The largest page side, px.
pub const MAX_PAGE_PX: f64 = 20_000.0;
/// The smallest height of a timeline chart's page, px.
pub const MIN_CHART_HEIGHT_PX: f64 = 240.0;

/// The one page check of every layout (maps, charts): `width` from [`MIN_PAGE_PX`] and
/// `height` from `min_height` up to [`MAX_PAGE_PX`] (px). `what` names the page in the message
/// ("page", "chart"); the hint names no flag ([`Detail::PageOutOfRange`] carries the figures).
pub(crate) fn check_page(what: &str, width: f64, height: f64, min_height: f64) -> Result<()> {
    if (MIN_PAGE_PX..=MAX_PAGE_PX).contains(&width) && (min_height..=MAX_PAGE_PX).contains(&height)
    {
        return Ok(());
    }
    let (min_w, max) = (MIN_PAGE_PX, MAX_PAGE_PX);
    let hint = if min_height == min_w {
        format!("give a page width and height between {min_w} and {max} px")
    } else {
        format!(
            "give a page width between {min_w} and {max} px and a height between {min_height} and {max} px"
        )
    };
    Err(
        Error::input(format!("{what} size {width} × {height} px is out of range"))
            .hint(hint)
            .detail(Detail::PageOutOfRange {
                width,
                height,
                min_width: min_w,
                min_height,
                max,
            }),
    )
}

/// A page too small for what it must hold: `grow` says which side, `min_height` (px) the
/// height that holds it at this width when known; `hint` is worded without flags.
pub(crate) fn page_too_small(
    message: String,
    hint: String,
    width: f64,
    height: f64,
    grow: Grow,
    min_height: Option<f64>,
) -> Error {
    Error::input(message)
        .hint(hint)
        .detail(Detail::PageTooSmall {
            width,
            height,
            grow,
            min_height,
        })
}

/// The smallest type on a map, px at scale 1 (styles may not go below it).
pub const MIN_TEXT_PX: f64 = 10.0;
/// Pages whose shorter side is under this many px are laid out compactly: narrower margins,
/// a smaller title, legend type at the small size.
pub const COMPACT_BELOW_PX: f64 = 520.0;
/// Footer line height, in multiples of its type size.
const FOOTER_LEADING: f64 = 1.35;
/// The smallest map frame height, px.
const MIN_FRAME_PX: f64 = 80.0;
/// Classes of the editor's annotation groups drawn over the border but under the places and
/// labels (a highlighted stretch never hides a town's dot).
const UNDER_PLACES: [&str; 3] = ["annotation highlight", "annotation line", "annotation area"];
/// Maps whose scale (px per metre, east and north, over the frame) varies by more than this
/// ratio get no scale bar: the legend says the scale varies.
pub const SCALE_VARIES_RATIO: f64 = 1.10;

/// What the page's size decides: margin and type sizes, px.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Page {
    /// Page margin.
    margin: f64,
    /// Title type size.
    title_size: f64,
    /// Legend type size.
    legend_size: f64,
    /// Whether the page is laid out compactly ([`COMPACT_BELOW_PX`]).
    compact: bool,
}

impl Page {
    fn new(w: f64, h: f64, s: &Style) -> Page {
        let compact = w.min(h) < COMPACT_BELOW_PX;
        if compact {
            Page {
                margin: 14.0,
                title_size: s.title_size.clamp(MIN_TEXT_PX, 18.0),
                legend_size: s.small_size.max(MIN_TEXT_PX),
                compact,
            }
        } else {
            Page {
                margin: 24.0,
                title_size: s.title_size,
                legend_size: s.label_size,
                compact,
            }
        }
    }
}

/// Lays out the map.
pub fn layout(input: &LayoutInput<'_>) -> Result<Laid> {
    let mut l = Layout::new(input)?;
    l.run()?;
    Ok(l.finish())
}

struct Layout<'a> {
    inp: &'a LayoutInput<'a>,
    s: &'a Style,
    /// "(no data)" in the map's language.
    no_data: String,
    /// "Total" in the map's language.
    total_word: String,
    m: Measurer,
    frame: Rect,
    xf: PageTransform,
    groups: Vec<Group>,
    clips: Vec<Clip>,
    boxes: Vec<Rect>,
    lines: Vec<LineString<f64>>,
    labels: Vec<LabelBox>,
    border_px: Vec<Vec<Pt>>,
    /// The context areas in page px: name, shape, whether the border divides it (shared with
    /// the worker that prepares country labels).
    countries_px: std::sync::Arc<Vec<Area>>,
    /// The context projected once (planar units).
    planar: crate::draw::PlanarContext,
    /// Whether each context area is one the border divides.
    focus: Vec<bool>,
    /// Shared-border nodes, when simplifying.
    nodes: Option<crate::draw::Nodes>,
    /// Place markers drawn (their labels come later).
    markers: Vec<Marker>,
    legend: Vec<LegendEntry>,
    legend_rect: Rect,
    inset_rect: Rect,
    /// The scale panel (with the north arrow), when drawn.
    scale_rect: Option<Rect>,
    scale_bar: Option<ScaleBar>,
    north: f64,
    /// Whether the scale varies by more than [`SCALE_VARIES_RATIO`] across the frame.
    scale_varies: bool,
    /// Page margin, type sizes: what the page's size decides.
    page: Page,
    /// The title block and the footer, px.
    title_rect: Rect,
    footer_rect: Rect,
    /// Where the legend and the scale panel go.
    arrangement: Option<arrange::Arrangement>,
    /// What could not be drawn, for the user (labels left out, ...).
    warnings: Vec<String>,
    title_items: Vec<Item>,
    footer_items: Vec<Item>,
    description: String,
    title: String,
    center_geo: Coord<f64>,
    /// The graticule as drawn (page px, meridians then parallels) when sampled every 0.1°,
    /// reused by the graticule labels, which sample the same curves.
    grat_lines: Vec<Vec<Pt>>,
    /// The graticule extent `grat_lines` was drawn for (degrees, as `graticule_extent`).
    grat_extent: GraticuleExtent,
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
        check_page("page", w, h, MIN_PAGE_PX)?;
        let page = Page::new(w, h, s);
        let margin = page.margin;
        // Title block and footer decide the frame.
        let title = inp.model.title.clone();
        let text_w = w - 2.0 * margin;
        let tb = editorial::title_block(inp, &page, &mut m, &title);
        let (title_items, title_rect, fy0) = (tb.items, tb.rect, tb.frame_top);
        // The footer's line breaks (text shaping, on a worker thread) and the context's
        // projection (here: a projection need not be shareable between threads) are
        // independent: both at once.
        let footer_in = FooterInput::of(inp);
        let mut footer_lines = Vec::new();
        let projected = rayon::in_place_scope(|sc| {
            sc.spawn(|_| {
                footer_lines = editorial::footer_lines(
                    &footer_in,
                    inp.model.editorial,
                    &page,
                    &mut m,
                    (text_w, h),
                    s.small_size,
                );
            });
            let planar = crate::draw::project_context(inp.model.context, inp.projection)?;
            let line = &inp.model.border.vertices();
            let focus: Vec<bool> = inp
                .model
                .context
                .countries
                .iter()
                .map(|c| is_focus(&c.shape, line))
                .collect();
            Ok::<_, Error>((planar, focus))
        });
        let lh = s.small_size * FOOTER_LEADING;
        let footer_top = h - margin - lh * footer_lines.len() as f64;
        let footer_items = editorial::footer_items(
            &footer_lines,
            (margin, footer_top),
            s.small_size,
            &s.muted_text,
        );
        let footer_rect = Rect {
            x: margin,
            y: footer_top,
            w: text_w,
            h: lh * footer_lines.len() as f64,
        };
        let frame = Rect {
            x: margin,
            y: fy0,
            w: text_w,
            h: footer_top - 10.0 - fy0,
        };
        // A frame shared with other maps (inside this page's room for the map).
        let frame = inp.framing.pinned.map_or(frame, |p| p.frame);
        if frame.h < MIN_FRAME_PX {
            return Err(page_too_small(
                format!(
                    "the page ({w} × {h} px) leaves no room for the map under the title and above the sources"
                ),
                "make the page taller".into(),
                w,
                h,
                Grow::Height,
                None,
            ));
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
        // The scale bar is true at the view's centre, else at the border's.
        let b = match (inp.framing.pinned, inp.framing.view) {
            (None, Some(v)) => v.centre(),
            _ => inp
                .model
                .border
                .bounding_rect()
                .map_or(Coord { x: 0.0, y: 0.0 }, |r| r.center()),
        };
        let center_geo = Coord {
            x: (b.x * 10.0).round() / 10.0,
            y: (b.y * 10.0).round() / 10.0,
        };
        let mut l = Layout {
            inp,
            s,
            no_data: inp.locale.text("no-data", &[]),
            total_word: inp.locale.text("legend-total", &[]),
            m,
            frame,
            xf,
            groups: Vec::new(),
            clips: Vec::new(),
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
            scale_rect: None,
            scale_bar: None,
            north: 0.0,
            scale_varies: false,
            page,
            title_rect,
            footer_rect,
            arrangement: None,
            warnings: Vec::new(),
            title_items,
            footer_items,
            description: String::new(),
            title,
            center_geo,
            grat_lines: Vec::new(),
            grat_extent: GraticuleExtent::default(),
        };
        l.arrange()?;
        l.clips.push(Clip {
            id: "clip".into(),
            rect: l.frame,
        });
        Ok(l)
    }

    fn px(&self, lon: f64, lat: f64) -> Result<Pt> {
        let (x, y) = self.inp.projection.forward(lon, lat).map_err(proj_err)?;
        Ok(self.xf.apply(x, y))
    }

    fn line_px(&self, l: &LineString<f64>) -> Result<Vec<Pt>> {
        l.0.iter().map(|c| self.px(c.x, c.y)).collect()
    }

    fn run(&mut self) -> Result<()> {
        self.border_px = (self.inp.model.border.parts().iter())
            .map(|p| self.line_px(p))
            .collect::<Result<_>>()?;
        for part in &self.border_px {
            self.lines.push(to_ls(part));
        }
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
            self.furniture()?;
            self.segment_labels();
            self.annotations()?;
            self.place_labels();
            self.towns()?;
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
            aria_label: None,
            data: Vec::new(),
        });
    }

    fn group_mut(&mut self, id: &str) -> Option<&mut Group> {
        self.groups.iter_mut().find(|g| g.id == id)
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
        if value == crate::measure::GAP_LABEL {
            return &self.no_data;
        }
        self.inp
            .model
            .layer(layer)
            .map_or(value, |l| l.value_in(value))
    }

    /// A layer's title in the map's language (`title` where there is no translation).
    fn title_in(&self, layer: &str, title: &str) -> String {
        self.inp
            .model
            .layer(layer)
            .map_or(title, |l| l.title.as_str())
            .to_string()
    }

    fn halo(&self) -> Option<(String, f64)> {
        Some((self.s.halo.clone(), 3.0))
    }

    fn describe(&self) -> String {
        let m = self.inp.model.measured;
        let loc = self.inp.locale;
        let mut d = loc.text(
            "desc-map",
            &[
                ("border", &self.inp.model.border_name.clone()),
                ("length", &loc.km(m.total_m)),
            ],
        );
        if let Some(a) = m.as_of {
            d.push(' ');
            d.push_str(&loc.text("desc-as-of", &[("date", &loc.date(&a))]));
        }
        d.push('.');
        for l in &m.layers {
            let parts: Vec<String> = l
                .values
                .iter()
                .map(|v| {
                    format!(
                        "{} {} ({})",
                        self.value_in(&l.id, &v.value),
                        loc.km(v.length_m),
                        loc.share(v.share)
                    )
                })
                .collect();
            d.push_str(&format!(
                " {}: {}.",
                self.title_in(&l.id, &l.title),
                parts.join("; ")
            ));
        }
        d.push_str(&self.describe_annotations());
        let fin = FooterInput::of(self.inp);
        // The editor's notes, the footer in full whatever the page shows (every source with
        // its quotes), then what the tool has to say about the data and the layout.
        for n in self
            .inp
            .model
            .editorial
            .notes
            .iter()
            .filter(|n| !n.trim().is_empty())
        {
            d.push(' ');
            d.push_str(n.trim());
        }
        for p in footer_paragraphs(&fin, FooterForm::Full) {
            d.push(' ');
            d.push_str(&p);
        }
        let mut notes = diagnostics(&fin);
        notes.extend(self.warnings.iter().cloned());
        if !notes.is_empty() {
            d.push(' ');
            d.push_str(&loc.text("desc-editor-notes", &[("list", &notes.join("; "))]));
        }
        d
    }

    fn finish(mut self) -> Laid {
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
            if id == "border" {
                // The editor's stretches, lines and areas over the border, under the places
                // and labels they must not hide; markers and callouts stay on top.
                let (under, rest) = std::mem::take(&mut self.groups)
                    .into_iter()
                    .partition(|g| UNDER_PLACES.iter().any(|c| g.class == *c));
                groups.extend::<Vec<Group>>(under);
                self.groups = rest;
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
                aria_label: None,
                data: Vec::new(),
            },
        );
        groups.push(Group {
            id: "footer".into(),
            class: "footer".into(),
            clip: None,
            items: std::mem::take(&mut self.footer_items),
            aria_label: None,
            data: Vec::new(),
        });
        if self.inp.locale.rtl() {
            // Right-to-left pages: the title block and the footer right-aligned, the legend
            // mirrored in its box (swatches on the right, names right-aligned, figures on the
            // left). The scale bar keeps its figures' left-to-right order (0 … 100 km).
            let w = self.inp.width;
            let legend = self.legend_rect;
            for g in &mut groups {
                match g.id.as_str() {
                    "title-block" | "footer" => {
                        for it in &mut g.items {
                            if let Item::Text(t) = it
                                && t.anchor == Anchor::Start
                            {
                                t.x = w - t.x;
                                t.anchor = Anchor::End;
                            }
                        }
                    }
                    "legend" => mirror_in(&mut g.items, legend),
                    _ => {}
                }
            }
        }
        for g in &mut groups {
            for it in &mut g.items {
                self.bidi(it);
            }
        }
        let mut furniture = vec![Furniture {
            kind: FurnitureKind::TitleBlock,
            rect: self.title_rect,
        }];
        furniture.push(Furniture {
            kind: FurnitureKind::Legend,
            rect: self.legend_rect,
        });
        if let Some(r) = self.scale_rect {
            furniture.push(Furniture {
                kind: FurnitureKind::Scale,
                rect: r,
            });
        }
        if self.inset_rect.w > 0.0 {
            furniture.push(Furniture {
                kind: FurnitureKind::Inset,
                rect: self.inset_rect,
            });
        }
        furniture.push(Furniture {
            kind: FurnitureKind::Footer,
            rect: self.footer_rect,
        });
        let scene = Scene {
            width: self.inp.width,
            height: self.inp.height,
            id_prefix: self.inp.id_prefix.to_string(),
            title: self.title,
            description: self.description,
            background: s.background.clone(),
            font_family: s.font_family.clone(),
            clips: self.clips,
            groups,
            projection: self.inp.projection.definition().to_string(),
            dataset_version: self.inp.model.measured.version.as_ref().map(|v| v.text()),
        };
        let report = LayoutReport {
            frame: self.frame,
            transform: self.xf,
            labels: self.labels,
            legend: self.legend,
            legend_rect: self.legend_rect,
            scale_bar: self.scale_bar,
            furniture,
            warnings: self.warnings,
            north_angle_deg: self.north,
            inset_rect: self.inset_rect,
        };
        Laid { scene, report }
    }
}
