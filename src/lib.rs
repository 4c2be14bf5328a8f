//! bordermap: annotated maps of borders, with every segment measured.
//!
//! A border is a line; what we know about it (who controls a stretch, where a wall stands)
//! are attribute layers of dated, sourced intervals. The stages run one way:
//! `load` → `overlay` (segments) → `measure` (geodesic metres, WGS84) → `model` (what the
//! map shows, in its language) → `project` → `layout` → `render` (SVG/PNG), or `report`
//! (table, JSON, CSV, GeoJSON).
//!
//! ```
//! // The embedded Iraq–Syria dataset, as of the default date (2024-05-12).
//! let ds = bordermap::Dataset::load(&bordermap::LoadOptions::default())?;
//! let m = ds.measure(None)?;
//! assert!((m.total_m - 599_285.645).abs() < 0.001); // metres, geodesic on WGS84
//! let sdf = m.total_of("authority", "SDF");
//! assert!(sdf > 300_000.0 && sdf < m.total_m);
//! # Ok::<(), bordermap::Error>(())
//! ```

#![deny(missing_docs)]

pub mod annotation;
pub mod atlas;
pub mod between;
pub mod border;
pub mod check;
mod dataset;
pub mod date;
pub mod diff;
pub mod draw;
pub mod error;
pub mod extract;
pub mod fonts;
mod geom;
pub mod html;
pub mod i18n;
pub mod layout;
pub mod lengths;
pub mod limits;
pub mod lint;
pub mod load;
pub mod map;
pub mod measure;
pub mod model;
pub mod output;
pub mod overlay;
pub mod project;
pub mod render;
pub mod report;
pub mod resolution;
pub mod scene;
pub mod sources;
pub mod story;
pub mod style;
pub mod text_gate;
pub mod timeline;
pub mod version;

pub use border::Border;
pub use dataset::{Dataset, LoadOptions};
pub use date::Date;
pub use error::{Error, ErrorKind, Result};
pub use html::html_report;
pub use load::border::LoadedBorder;
pub use load::layers::{Layers, Place};
pub use map::{
    Editorial, FooterMode, RenderOptions, render_pdf, render_png, render_svg, render_svg_string,
};
pub use measure::{Measured, MeasuredSegment};
