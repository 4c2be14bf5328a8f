//! What the layout decided about placement, beside the [`Scene`] it drew: label boxes,
//! legend figures, the scale bar, the furniture rectangles and the warnings (a
//! [`LayoutReport`]). For tests, reports and custom renderers; the renderers never read it.

use crate::geom::{Pt, Rect};
use crate::scene::Scene;

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
    /// An editor's annotation (marker label, callout box, highlight title).
    Annotation,
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

/// What the layout decided about placement (page px), returned beside the [`Scene`].
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutReport {
    /// The map frame, px.
    pub frame: Rect,
    /// Projected → page transform of the main map.
    pub transform: PageTransform,
    /// Every placed map label.
    pub labels: Vec<LabelBox>,
    /// Legend figures, in legend order.
    pub legend: Vec<LegendEntry>,
    /// Where the legend is, px.
    pub legend_rect: Rect,
    /// The scale bar; `None` where the scale varies across the map (more than
    /// [`super::SCALE_VARIES_RATIO`]; the legend says so).
    pub scale_bar: Option<ScaleBar>,
    /// Direction of true north at the map centre, degrees clockwise from page up.
    pub north_angle_deg: f64,
    /// Where the inset locator map is, px (empty when no corner holds it: left out).
    pub inset_rect: Rect,
    /// Every piece of furniture drawn (title block, legend, scale panel, inset, footer) and
    /// where, px.
    pub furniture: Vec<Furniture>,
    /// What the layout left out and why (labels that found no place near their feature, ...).
    pub warnings: Vec<String>,
}

/// A laid-out map: the render tree and the layout's report on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    /// What to draw.
    pub scene: Scene,
    /// Where things went and what was left out.
    pub report: LayoutReport,
}

/// A piece of map furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FurnitureKind {
    /// The title and subtitle.
    TitleBlock,
    /// The legend.
    Legend,
    /// The scale bar and north arrow.
    Scale,
    /// The inset locator map.
    Inset,
    /// Sources, notes and credits.
    Footer,
}

/// A piece of furniture and the rectangle it takes, px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Furniture {
    /// What it is.
    pub kind: FurnitureKind,
    /// Where, px.
    pub rect: Rect,
}
