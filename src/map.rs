//! The map pipeline for library users and the CLI: project → layout → render, with the
//! options a report generator sets. See [`render_svg`], [`render_svg_string`], [`render_png`].

use std::io::Write;

use crate::error::{Error, Result};
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
    /// PNG pixels per page px (default 1).
    pub scale: f64,
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

/// Projects and lays out the map: the [`Scene`] with every decision made (page units, px).
pub fn scene(dataset: &Dataset, measured: &Measured, opts: &RenderOptions) -> Result<Scene> {
    let def = match &opts.crs {
        Some(c) => c.clone(),
        None => project::fitted_definition(dataset.border.border.line()),
    };
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
    })
}

/// Renders the map as SVG into `out`. Same input, same bytes.
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
pub fn render_svg_string(
    dataset: &Dataset,
    measured: &Measured,
    opts: &RenderOptions,
) -> Result<String> {
    let mut buf = Vec::new();
    render_svg(dataset, measured, opts, &mut buf)?;
    String::from_utf8(buf).map_err(|e| Error::input(format!("the SVG is not UTF-8: {e}")))
}

/// Renders the map as PNG bytes (`opts.scale` pixels per px), with the bundled fonts.
pub fn render_png(dataset: &Dataset, measured: &Measured, opts: &RenderOptions) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    render_svg(dataset, measured, opts, &mut buf)?;
    render::png::svg_to_png(&buf, opts.scale)
}
