//! The map pipeline for library users and the CLI: project → layout → render, with the
//! options a report generator sets. See [`render_svg`], [`render_svg_string`], [`render_png`],
//! and [`crate::html_report`] for several maps on one HTML page.
//!
//! ```
//! use bordermap::{Dataset, Date, LoadOptions, RenderOptions};
//!
//! // Load the embedded Iraq–Syria dataset and measure it on a date.
//! let ds = Dataset::load(&LoadOptions::default())?;
//! let m = ds.measure(Some(Date::parse("2025-10-16")?))?;
//! // The measured segments and totals the map shows (metres, geodesic on WGS84).
//! assert_eq!(m.segments.first().map(|s| s.from_m), Some(0.0));
//! assert!(m.total_of("wall", "built") > 300_000.0);
//!
//! // Options: embedded context, an embed-safe fragment, Arabic names where the data has them.
//! let mut opts = RenderOptions::for_dataset(&ds)?;
//! opts.fragment = true;
//! opts.lang = "ar".to_string();
//! let svg = bordermap::render_svg_string(&ds, &m, &opts)?;
//! assert!(svg.starts_with("<svg ") && svg.contains(r#"role="img""#));
//! assert!(svg.contains("قوات سوريا الديمقراطية"));
//! # Ok::<(), bordermap::Error>(())
//! ```

use std::io::Write;

use crate::error::{Error, Result};
pub use crate::layout::Extent;
use crate::layout::{self, LayoutInput, Scene};
use crate::load::context::Context;
use crate::measure::Measured;
use crate::render::svg::SvgOptions;
use crate::style::Style;
use crate::{Dataset, load, project, render};

/// How to draw a map.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Countries, rivers and capitals drawn around the border (empty: the border alone).
    pub context: Context,
    /// Target CRS: a PROJ string or `EPSG:n`. `None`: a Lambert conformal conic fitted to the
    /// border ([`project::fitted_definition`]).
    pub crs: Option<String>,
    /// Colours, widths, type sizes.
    pub style: Style,
    /// Page width, px (default 1200).
    pub width: f64,
    /// Page height, px (default 900).
    pub height: f64,
    /// Write an embed-safe fragment: no XML declaration, no fixed size (`viewBox` only).
    pub fragment: bool,
    /// Prefix of every id in the SVG (letters, digits, `-`, `_`; starting with a letter).
    /// `None`: `bm` + 8 hex digits of a hash of the map's content, so two different maps on one
    /// page never collide and the same map always gets the same ids.
    pub id_prefix: Option<String>,
    /// PNG pixels per page px (default 1; [`scale_for_dpi`] converts a resolution in dpi).
    pub scale: f64,
    /// Language of place names, class names and legend titles: `en` (default), `ar`, or any
    /// code the data has names for (`name_ku`, `[layer.names."V"] ku = ...`). Names the data
    /// does not translate stay English. Right-to-left text is laid out right to left.
    pub lang: String,
    /// What the frame is fitted to: the border (default) or the whole context.
    pub extent: Extent,
    /// Simplify drawn lines and areas with this tolerance, page px (Douglas–Peucker between
    /// shared-border nodes, so neighbours keep identical edges). Drawing only: lengths always
    /// come from the full-resolution line, and the map's footer says so.
    pub simplify: Option<f64>,
}

pub use crate::render::png::CSS_DPI;

/// The PNG scale (pixels per page px) for a resolution in dots per inch: `dpi / 96`.
///
/// ```
/// assert_eq!(bordermap::map::scale_for_dpi(96.0), 1.0);
/// assert_eq!(bordermap::map::scale_for_dpi(300.0), 3.125);
/// ```
pub fn scale_for_dpi(dpi: f64) -> f64 {
    dpi / CSS_DPI
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            context: Context::default(),
            crs: None,
            style: Style::default(),
            width: 1200.0,
            height: 900.0,
            fragment: false,
            id_prefix: None,
            scale: 1.0,
            lang: "en".to_string(),
            extent: Extent::Border,
            simplify: None,
        }
    }
}

impl RenderOptions {
    /// Default options for `dataset`: the embedded context (Natural Earth countries, rivers,
    /// capitals) when the border is one of the embedded ones, none otherwise.
    pub fn for_dataset(dataset: &Dataset) -> Result<RenderOptions> {
        let context = if dataset.builtin {
            load::context::context(std::path::Path::new(load::DEFAULT_CONTEXT))?
        } else {
            Context::default()
        };
        Ok(RenderOptions {
            context,
            ..RenderOptions::default()
        })
    }
}

/// FNV-1a, 64 bit: a stable hash for default id prefixes (std's hasher is randomised).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn default_prefix(m: &Measured, o: &RenderOptions) -> String {
    let mut key = format!(
        "{}|{:?}|{:.3}|{}|{}x{}|{:?}",
        m.name,
        m.as_of.map(|d| d.to_string()),
        m.total_m,
        o.style.theme.name(),
        o.width,
        o.height,
        o.crs
    );
    for s in &m.segments {
        key.push_str(&format!("|{:.3}-{:.3}:{:?}", s.from_m, s.to_m, s.values));
    }
    if o.lang != "en" {
        key.push_str(&format!("|lang={}", o.lang));
    }
    format!("bm{:08x}", fnv1a(key.as_bytes()) >> 32)
}

fn check_prefix(p: &str) -> Result<()> {
    let ok = p.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && p.len() <= 64
        && p.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Error::input(format!("bad id prefix '{p}'"))
            .hint("use letters, digits, '-' and '_', starting with a letter (at most 64)"))
    }
}

fn check_lang(l: &str) -> Result<()> {
    let ok = (2..=8).contains(&l.len())
        && l.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && !l.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(Error::input(format!("bad language code '{l}'"))
            .hint("give a lowercase language code such as en, ar or ku"))
    }
}

/// Projects and lays out the map: the [`Scene`] with every decision made (page units, px):
/// label boxes, legend figures, scale bar. For tests and custom renderers.
///
/// ```
/// use bordermap::{Dataset, LoadOptions, RenderOptions};
/// let ds = Dataset::load(&LoadOptions::default())?;
/// let m = ds.measure(None)?;
/// let sc = bordermap::map::scene(&ds, &m, &RenderOptions::for_dataset(&ds)?)?;
/// // No two label boxes overlap (px).
/// for (i, a) in sc.labels.iter().enumerate() {
///     assert!(sc.labels.iter().skip(i + 1).all(|b| !a.rect.intersects(&b.rect)));
/// }
/// // The legend shows the measured totals.
/// let total: f64 = sc.legend.iter().filter(|e| e.layer == "authority").map(|e| e.length_m).sum();
/// assert!((total - m.total_m).abs() < 0.001);
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn scene(dataset: &Dataset, measured: &Measured, opts: &RenderOptions) -> Result<Scene> {
    let def = match &opts.crs {
        Some(c) => c.clone(),
        None => project::fitted_definition(dataset.border.border.line()),
    };
    check_lang(&opts.lang)?;
    let projection = project::projection(&def)?;
    let prefix = match &opts.id_prefix {
        Some(p) => {
            check_prefix(p)?;
            p.clone()
        }
        None => default_prefix(measured, opts),
    };
    layout::layout(&LayoutInput {
        dataset,
        measured,
        context: &opts.context,
        projection: projection.as_ref(),
        style: &opts.style,
        width: opts.width,
        height: opts.height,
        id_prefix: &prefix,
        lang: &opts.lang,
        extent: opts.extent,
        simplify: opts.simplify,
    })
}

/// A rendered map: its bytes (SVG or PNG) and what the layout left out (labels with no room
/// near their feature, ...), for the user to see.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The SVG document (or fragment), or PNG bytes.
    pub bytes: Vec<u8>,
    /// What the layout left out and why ([`Scene::warnings`]).
    pub warnings: Vec<String>,
}

/// Renders the map as SVG, or as PNG when `png`, with the layout's warnings.
///
/// ```
/// let ds = bordermap::Dataset::load(&bordermap::LoadOptions::default())?;
/// let m = ds.measure(None)?;
/// let opts = bordermap::RenderOptions::for_dataset(&ds)?;
/// let r = bordermap::map::render(&ds, &m, &opts, false)?;
/// assert!(r.bytes.starts_with(b"<?xml") && r.warnings.is_empty());
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn render(
    dataset: &Dataset,
    measured: &Measured,
    opts: &RenderOptions,
    png: bool,
) -> Result<Rendered> {
    let sc = scene(dataset, measured, opts)?;
    let mut buf = Vec::new();
    render::svg::write(
        &sc,
        SvgOptions {
            fragment: opts.fragment,
        },
        &mut buf,
    )
    .map_err(|e| Error::io("<svg>", &e, "check the output"))?;
    let bytes = if png {
        render::png::svg_to_png(&buf, opts.scale)?
    } else {
        buf
    };
    Ok(Rendered {
        bytes,
        warnings: sc.warnings,
    })
}

/// Renders the map as SVG into `out` (any [`Write`]: a file, a buffer, a socket). Same input,
/// same bytes.
///
/// ```
/// use bordermap::{Dataset, LoadOptions, RenderOptions};
/// let ds = Dataset::load(&LoadOptions::default())?;
/// let m = ds.measure(None)?;
/// let opts = RenderOptions { id_prefix: Some("map1".into()), ..RenderOptions::for_dataset(&ds)? };
/// let mut out = Vec::new();
/// bordermap::render_svg(&ds, &m, &opts, &mut out)?;
/// let svg = String::from_utf8(out).map_err(|e| bordermap::Error::input(e.to_string()))?;
/// assert!(svg.starts_with("<?xml") && svg.contains(r#"id="map1-title""#));
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn render_svg(
    dataset: &Dataset,
    measured: &Measured,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let sc = scene(dataset, measured, opts)?;
    render::svg::write(
        &sc,
        SvgOptions {
            fragment: opts.fragment,
        },
        out,
    )
    .map_err(|e| Error::io("<svg>", &e, "check the output"))
}

/// Renders the map as an SVG string.
///
/// ```
/// let ds = bordermap::Dataset::load(&bordermap::LoadOptions::default())?;
/// let m = ds.measure(None)?;
/// let svg = bordermap::render_svg_string(&ds, &m, &bordermap::RenderOptions::for_dataset(&ds)?)?;
/// // Every segment carries its measured figures (metres) for other tools.
/// assert_eq!(svg.matches(r#"<path class="segment "#).count(), m.segments.len());
/// assert!(svg.contains(&format!(r#"data-length-m="{:.3}""#, m.segments[0].length_m)));
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn render_svg_string(
    dataset: &Dataset,
    measured: &Measured,
    opts: &RenderOptions,
) -> Result<String> {
    let mut buf = Vec::new();
    render_svg(dataset, measured, opts, &mut buf)?;
    String::from_utf8(buf).map_err(|e| Error::input(format!("the SVG is not UTF-8: {e}")))
}

/// Renders the map as PNG bytes (`opts.scale` pixels per px; the PNG states `96 × scale`
/// dpi), with the bundled fonts.
///
/// ```
/// use bordermap::{Dataset, LoadOptions, RenderOptions};
/// let ds = Dataset::load(&LoadOptions::default())?;
/// let m = ds.measure(None)?;
/// let mut opts = RenderOptions::for_dataset(&ds)?;
/// opts.scale = bordermap::map::scale_for_dpi(48.0); // 0.5
/// let png = bordermap::render_png(&ds, &m, &opts)?;
/// assert!(png.starts_with(b"\x89PNG"));
/// // Width and height (IHDR) are the page's 1200 × 900 px at half scale.
/// assert_eq!(png.get(16..24), Some([0, 0, 2, 88, 0, 0, 1, 194].as_slice()));
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn render_png(dataset: &Dataset, measured: &Measured, opts: &RenderOptions) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    render_svg(dataset, measured, opts, &mut buf)?;
    render::png::svg_to_png(&buf, opts.scale)
}
