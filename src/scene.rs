//! The render tree: a [`Scene`] of groups of items in page px, every decision made, and
//! nothing else. The renderers (`render/`) read only this; what the layout decided about
//! placement (label boxes, furniture, warnings) is its [`crate::layout::LayoutReport`].
//! Nothing here computes anything beyond trivial accessors.

use crate::fonts::Font;
pub use crate::geom::{Pt, Rect};
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
    pub(crate) fn new(color: &str, width: f64) -> Stroke {
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
    /// Whether the text runs right to left (decided by the layout: its first strong character
    /// is Arabic, Hebrew, ...). The layout anchors such text by the middle of its box, which
    /// every renderer places the same way whatever the text's direction, and isolates it with
    /// U+2067 … U+2069.
    pub rtl: bool,
    /// Font family list (CSS) of the text; `None`: the document's.
    pub family: Option<String>,
    /// The text as the runs to set, each in its own family; empty: `text` as one run. (Arabic
    /// text: the Arabic in the text's family, what Noto Sans Arabic lacks in the document's.)
    pub runs: Vec<TextRun>,
}

/// A run of a text set in one font family.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// The run's text (plain text, never markup).
    pub text: String,
    /// Its font family list (CSS); `None`: the text's.
    pub family: Option<String>,
}

impl Item {
    /// A line of plain text: no halo, left-to-right, in the document's family; `x`, `y` (the
    /// baseline) in px.
    pub fn plain_text(
        x: f64,
        y: f64,
        text: impl Into<String>,
        font: Font,
        fill: &str,
        anchor: Anchor,
        class: &str,
    ) -> Item {
        Item::Text(TextItem {
            x,
            y,
            text: text.into(),
            font,
            fill: fill.to_string(),
            halo: None,
            anchor,
            class: class.into(),
            rtl: false,
            family: None,
            runs: Vec::new(),
        })
    }
}

impl TextItem {
    /// Whether the text runs right to left (see [`TextItem::rtl`]).
    pub fn is_rtl(&self) -> bool {
        self.rtl
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
    /// Accessible name (`aria-label`), e.g. an annotation's label.
    pub aria_label: Option<String>,
    /// `data-*` attributes: (name without `data-`, value).
    pub data: Vec<(String, String)>,
}

impl Group {
    /// A plain group: `id` also its class, clipped to the clip rectangle `"clip"` or not, no
    /// accessible name and no `data-*` attributes.
    pub fn plain(id: &str, clip: bool, items: Vec<Item>) -> Group {
        Group {
            id: id.into(),
            class: id.into(),
            clip: clip.then(|| "clip".to_string()),
            items,
            aria_label: None,
            data: Vec::new(),
        }
    }
}

/// A clip rectangle.
#[derive(Debug, Clone, PartialEq)]
pub struct Clip {
    /// Id, without the document prefix.
    pub id: String,
    /// The rectangle, px.
    pub rect: Rect,
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
    /// The projection's PROJ string (empty for a chart).
    pub projection: String,
    /// The version of the data drawn ([`crate::version::DatasetVersion::text`]), written as
    /// the root's `data-dataset-version` and the PDF's keywords; `None` for charts and
    /// overlays of lines.
    pub dataset_version: Option<String>,
}
