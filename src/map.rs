//! The map pipeline for library users and the CLI: project → layout → render, with the
//! options a report generator sets. See [`render_svg`], [`render_svg_string`], [`render_png`],
//! [`render_pdf`], and [`crate::html_report`] for several maps on one HTML page.
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

use crate::error::{Detail, Error, Result};
use crate::layout::{self, Laid, LayoutInput};
pub use crate::layout::{Extent, InsetMode, View};
use crate::load::context::Context;
use crate::measure::Measured;
use crate::model::{MapModel, ModelInput};
use crate::render::svg::SvgOptions;
use crate::scene::Scene;
use crate::style::Style;
use crate::{Dataset, load, project, render};

mod checks;
mod dot_name;
mod places;
mod series;
use checks::{check_highlight, check_lang, check_options, check_prefix};
pub use places::{PlaceChoice, SHOW_MARGIN_DEG};
pub use series::{render_series, series_laid};

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
    /// Embed the bundled fonts in the SVG, subset to the characters the map sets, as
    /// `@font-face` rules (base64 `data:` URLs) in its `<style>`, so it lays out as measured in
    /// any browser, Noto installed or not. `None` (default): embedded in a standalone SVG, not
    /// in a fragment (whose page brings its own fonts). SVG only: PNG and PDF use the bundled
    /// fonts directly.
    pub embed_fonts: Option<bool>,
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
    /// A locale file for `lang` (Fluent, a translation of `assets/locales/en.ftl`), for a
    /// language bordermap does not ship (e.g. `ckb`, `fa`) or to override a shipped one.
    pub locale_file: Option<crate::i18n::LocaleFile>,
    /// The digits numbers and dates are written with: Western (default, as most Arabic news
    /// sites write) or Eastern Arabic.
    pub digits: crate::i18n::Digits,
    /// What the frame is fitted to: the border (default) or the whole context.
    pub extent: Extent,
    /// Simplify drawn lines and areas with this tolerance, page px (Douglas–Peucker between
    /// shared-border nodes, so neighbours keep identical edges). Drawing only: lengths always
    /// come from the full-resolution line, and the map's footer says so.
    pub simplify: Option<f64>,
    /// PDF page size `(width, height)`, pt (1/72 inch). `None` (default): the page in px ×
    /// [`PT_PER_PX`] (0.75), e.g. 900 × 675 pt for 1200 × 900 px. Given: the map is scaled
    /// uniformly to fit the page and centred on it, the margins filled with its background;
    /// e.g. [`A4_LANDSCAPE_PT`] for the `a4` preset (1123 × 794 px would be 842.25 × 595.5 pt).
    pub pdf_page_pt: Option<(f64, f64)>,
    /// Draw every text as glyph outlines set with the bundled fonts (`--text-as-paths`): the
    /// file looks the same in any program, Noto installed or not; each text is a group of paths
    /// with an `aria-label` holding the text. No `<text>` remains and no fonts are embedded.
    pub text_as_paths: bool,
    /// The editor's words (title, subtitle, notes, credit, no title block) and how much of the
    /// sources the footer shows ([`FooterMode`]).
    pub editorial: Editorial,
    /// Values of the first layer to highlight (each as the layers file names it): the other
    /// values are drawn in the style's muted colour, without segment labels, and muted in the
    /// legend, which keeps them all. Empty (default): every value in its colour. A value the
    /// layer does not have is an error listing the values.
    pub highlight: Vec<String>,
    /// Editor's annotations (markers, callouts, highlights, lines, areas), drawn above the
    /// border and placed before the basemap's place labels. One that finds no room is an error
    /// unless it is optional (then a warning).
    pub annotations: Vec<crate::annotation::Annotation>,
    /// A fixed view ([`View`]: a box of degrees, or a centre and a ground width in metres)
    /// instead of the frame fitted to `extent`. `None` (default): fitted.
    pub view: Option<View>,
    /// Whether the locator inset is drawn ([`InsetMode`]; default `Auto`).
    pub inset: InsetMode,
    /// The editor's choice of basemap places to name and to leave out ([`PlaceChoice`];
    /// default: none, the places as the data gives them).
    pub places: PlaceChoice,
    /// Most bytes a PNG's pixels may take, bytes ([`crate::limits::MEMORY_BUDGET_BYTES`]).
    pub memory_budget: u64,
}

pub use crate::layout::{Editorial, FooterMode};
pub use crate::render::pdf::PT_PER_PX;

/// A4 landscape as PDF pages give it, pt: 842 × 595 (ISO 216's 297 × 210 mm is 841.89 ×
/// 595.28 pt, rounded to whole points as PDF tools' `a4` is).
pub const A4_LANDSCAPE_PT: (f64, f64) = (842.0, 595.0);

/// What [`render`] writes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// An SVG document (or fragment).
    Svg,
    /// A PNG image (resvg, bundled fonts; `RenderOptions::scale` pixels per px).
    Png,
    /// A one-page vector PDF (text as text, bundled fonts embedded and subset).
    Pdf,
}

impl Format {
    /// The format a map written to `path` has by its extension (case-insensitive): `.svg`,
    /// `.png`, `.pdf`, or a name that is only one (`.png`); no extension, or `-` (stdout), is
    /// SVG. Any other extension is an error (never an SVG under a name that says otherwise),
    /// with a hint listing the formats.
    ///
    /// ```
    /// use bordermap::map::Format;
    /// use std::path::Path;
    /// assert_eq!(Format::for_path(Path::new("map.PDF"))?, Format::Pdf);
    /// assert_eq!(Format::for_path(Path::new("-"))?, Format::Svg);
    /// assert_eq!(Format::for_path(Path::new("out/map"))?, Format::Svg);
    /// assert!(Format::for_path(Path::new("map.jpg")).is_err());
    /// # Ok::<(), bordermap::Error>(())
    /// ```
    pub fn for_path(path: &std::path::Path) -> Result<Format> {
        let Some(ext) = path.extension() else {
            return Ok(dot_name::only_extension(path).unwrap_or(Format::Svg));
        };
        let ext = ext.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Ok(Format::Svg),
            "png" => Ok(Format::Png),
            "pdf" => Ok(Format::Pdf),
            _ => Err(Error::input(format!(
                "{}: bordermap does not write .{ext} files",
                path.display()
            ))
            .hint("name the output .svg, .png or .pdf, or give its format (svg, png or pdf)")
            .detail(Detail::UnknownFormat)),
        }
    }
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
            embed_fonts: None,
            id_prefix: None,
            scale: 1.0,
            lang: "en".to_string(),
            locale_file: None,
            digits: crate::i18n::Digits::Latn,
            extent: Extent::Border,
            simplify: None,
            pdf_page_pt: None,
            text_as_paths: false,
            editorial: Editorial::default(),
            highlight: Vec::new(),
            annotations: Vec::new(),
            view: None,
            inset: InsetMode::Auto,
            places: PlaceChoice::default(),
            memory_budget: crate::limits::MEMORY_BUDGET_BYTES,
        }
    }
}

impl RenderOptions {
    /// Whether the SVG embeds the fonts: [`RenderOptions::embed_fonts`], by default yes for a
    /// standalone document and no for a fragment.
    pub fn embeds_fonts(&self) -> bool {
        self.embed_fonts.unwrap_or(!self.fragment)
    }

    /// Default options for `dataset`: the embedded regional context (Natural Earth countries,
    /// rivers, capitals) when the border is one of the embedded Iraq–Syria lines; for any other
    /// border the world basemap cut to its region ([`load::world::context_for`]: countries at
    /// the scale fitted to the region, rivers, capitals and towns).
    pub fn for_dataset(dataset: &Dataset) -> Result<RenderOptions> {
        let context = if dataset.builtin {
            load::context::context(std::path::Path::new(load::DEFAULT_CONTEXT))?
        } else {
            load::world::context_for(&dataset.border.border.vertices())?
        };
        Ok(RenderOptions {
            context,
            ..RenderOptions::default()
        })
    }
}

/// FNV-1a, 64 bit: a stable hash for default id prefixes (std's hasher is randomised).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
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
    if !o.annotations.is_empty() {
        key.push_str(&format!("|annotations={:?}", o.annotations));
    }
    format!("bm{:08x}", fnv1a(key.as_bytes()) >> 32)
}

/// Projects and lays out the map: the [`Scene`] to draw (page units, px). For custom
/// renderers; [`laid`] adds where the layout put things.
pub fn scene(dataset: &Dataset, measured: &Measured, opts: &RenderOptions) -> Result<Scene> {
    laid(dataset, measured, opts).map(|l| l.scene)
}

/// Projects and lays out the map: the [`Scene`] and the layout's report on it
/// ([`layout::LayoutReport`]: label boxes, legend figures, scale bar, furniture, warnings; px).
/// For tests and custom renderers.
///
/// ```
/// use bordermap::{Dataset, LoadOptions, RenderOptions};
/// let ds = Dataset::load(&LoadOptions::default())?;
/// let m = ds.measure(None)?;
/// let l = bordermap::map::laid(&ds, &m, &RenderOptions::for_dataset(&ds)?)?;
/// let r = &l.report;
/// // No two label boxes overlap (px).
/// for (i, a) in r.labels.iter().enumerate() {
///     assert!(r.labels.iter().skip(i + 1).all(|b| !a.rect.intersects(&b.rect)));
/// }
/// // The legend shows the measured totals.
/// let total: f64 = r.legend.iter().filter(|e| e.layer == "authority").map(|e| e.length_m).sum();
/// assert!((total - m.total_m).abs() < 0.001);
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn laid(dataset: &Dataset, measured: &Measured, opts: &RenderOptions) -> Result<Laid> {
    layout_scene(dataset, measured, None, opts, None)
}

/// Projects and lays out the map of what changed ([`crate::diff::diff`]): changed stretches
/// strong and labelled "before → after · N km" (`path.change` with `data-layer`,
/// `data-before`, `data-after`, `data-from-m`, `data-to-m`, `data-length-m`, metres), the rest
/// muted, the legend in km by pair.
///
/// ```
/// use bordermap::{Dataset, Date, LoadOptions, RenderOptions};
/// let ds = Dataset::load(&LoadOptions::default())?;
/// let d = bordermap::diff::diff(&ds, Date::parse("2024-05-12")?, Date::parse("2025-10-16")?)?;
/// let sc = bordermap::map::diff_scene(&ds, &d, &RenderOptions::for_dataset(&ds)?)?;
/// assert!(sc.title.contains("from May 12, 2024 to October 16, 2025"));
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn diff_scene(
    dataset: &Dataset,
    diff: &crate::diff::Diff,
    opts: &RenderOptions,
) -> Result<Scene> {
    diff_laid(dataset, diff, opts).map(|l| l.scene)
}

/// [`diff_scene`] with the layout's report ([`layout::LayoutReport`]).
pub fn diff_laid(
    dataset: &Dataset,
    diff: &crate::diff::Diff,
    opts: &RenderOptions,
) -> Result<Laid> {
    layout_scene(dataset, &diff.after, Some(diff), opts, None)
}

fn layout_scene(
    dataset: &Dataset,
    measured: &Measured,
    diff: Option<&crate::diff::Diff>,
    opts: &RenderOptions,
    pinned: Option<layout::Pinned>,
) -> Result<Laid> {
    let def = match &opts.crs {
        Some(c) => c.clone(),
        None => project::fitted_definition(&dataset.border.border.vertices()),
    };
    check_lang(&opts.lang)?;
    check_options(opts)?;
    if let Some(v) = &opts.view {
        v.check()?;
    }
    check_highlight(&opts.highlight, measured)?;
    let projection = project::for_border(&def, &dataset.border.border, opts.crs.as_deref())?;
    let prefix = match &opts.id_prefix {
        Some(p) => {
            check_prefix(p)?;
            p.clone()
        }
        None => match diff {
            // A diff map's ids differ from both dates' maps on one page.
            Some(d) => format!("{}d{:08x}", default_prefix(measured, opts), {
                let key = format!("{}|{}", d.from, d.to);
                fnv1a(key.as_bytes()) >> 32
            }),
            None => default_prefix(measured, opts),
        },
    };
    let locale = crate::i18n::Locale::new(&opts.lang, opts.locale_file.as_ref(), opts.digits)?;
    let (context, dataset) = places::apply(&opts.places, &opts.context, dataset)?;
    let model = MapModel::new(&ModelInput {
        dataset: &dataset,
        measured,
        diff,
        context: &context,
        locale: &locale,
        editorial: &opts.editorial,
        highlight: &opts.highlight,
        annotations: &opts.annotations,
    });
    let mut laid = layout::layout(&LayoutInput {
        model: &model,
        projection: projection.as_ref(),
        style: &opts.style,
        width: opts.width,
        height: opts.height,
        id_prefix: &prefix,
        locale: &locale,
        framing: layout::Framing {
            extent: opts.extent,
            view: opts.view,
            pinned,
            inset: opts.inset,
        },
        simplify: opts.simplify,
    })?;
    places::unplaced(&opts.places, &context, &dataset, &mut laid.report);
    // Keys the locale file lacks: English used, said once each.
    laid.report
        .warnings
        .extend(locale.warnings().iter().cloned());
    Ok(laid)
}

/// A rendered map: its bytes (SVG, PNG or PDF) and what the layout left out (labels with no
/// room near their feature, ...), for the user to see.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The SVG document (or fragment), PNG bytes or PDF bytes.
    pub bytes: Vec<u8>,
    /// What the layout left out and why ([`layout::LayoutReport::warnings`]).
    pub warnings: Vec<String>,
}

/// Renders the map in `format` (SVG, PNG or PDF), with the layout's warnings.
///
/// ```
/// use bordermap::map::Format;
/// let ds = bordermap::Dataset::load(&bordermap::LoadOptions::default())?;
/// let m = ds.measure(None)?;
/// let opts = bordermap::RenderOptions::for_dataset(&ds)?;
/// let r = bordermap::map::render(&ds, &m, &opts, Format::Svg)?;
/// assert!(r.bytes.starts_with(b"<?xml") && r.warnings.is_empty());
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn render(
    dataset: &Dataset,
    measured: &Measured,
    opts: &RenderOptions,
    format: Format,
) -> Result<Rendered> {
    rendered(laid(dataset, measured, opts)?, opts, format)
}

/// A laid-out map written in `format`, with its warnings.
fn rendered(l: Laid, opts: &RenderOptions, format: Format) -> Result<Rendered> {
    let bytes = scene_bytes(&l.scene, opts, format)?;
    Ok(Rendered {
        bytes,
        warnings: l.report.warnings,
    })
}

/// A laid-out scene written in `format`.
fn scene_bytes(sc: &Scene, opts: &RenderOptions, format: Format) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    render::svg::write(
        sc,
        SvgOptions {
            // A PDF page is the standalone document (a fragment has no size).
            fragment: opts.fragment && format != Format::Pdf,
            // PNG and PDF are drawn with the bundled fonts themselves.
            embed_fonts: format == Format::Svg && opts.embeds_fonts(),
            text_as_paths: opts.text_as_paths,
        },
        &mut buf,
    )
    .map_err(|e| Error::io("<svg>", &e, "check the output"))?;
    // The last net: no text reaches any output with a character XML cannot carry.
    crate::text_gate::check_svg(&String::from_utf8_lossy(&buf))?;
    match format {
        Format::Svg => Ok(buf),
        Format::Png => render::png::svg_to_png(&buf, opts.scale, opts.memory_budget),
        Format::Pdf => {
            let (width_pt, height_pt) = opts
                .pdf_page_pt
                .unwrap_or((sc.width * PT_PER_PX, sc.height * PT_PER_PX));
            render::pdf::svg_to_pdf(
                &buf,
                &render::pdf::PdfPage {
                    width_pt,
                    height_pt,
                    background: Some(sc.background.clone()),
                    title: sc.title.clone(),
                    keywords: sc
                        .dataset_version
                        .iter()
                        .map(|v| format!("dataset version {v}"))
                        .collect(),
                },
            )
        }
    }
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
    out.write_all(&scene_bytes(&sc, opts, Format::Svg)?)
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
    render::png::svg_to_png(&buf, opts.scale, opts.memory_budget)
}

/// Renders the map as a one-page vector PDF: the page is the map's px × [`PT_PER_PX`] (0.75 pt
/// per px, a px being 1/96 inch and a pt 1/72 inch), or `opts.pdf_page_pt` (pt) with the map
/// scaled uniformly to fit and centred. Text stays text (selectable, searchable) in the bundled
/// Noto fonts, embedded and subset; shapes stay vectors. No creation date is written (the
/// file `/ID` is a hash of the content): same input, same bytes. `opts.scale` and
/// `opts.fragment` do not apply.
///
/// ```
/// use bordermap::{Dataset, LoadOptions, RenderOptions};
/// let ds = Dataset::load(&LoadOptions::default())?;
/// let m = ds.measure(None)?;
/// let mut opts = RenderOptions::for_dataset(&ds)?;
/// let pdf = bordermap::render_pdf(&ds, &m, &opts)?;
/// assert!(pdf.starts_with(b"%PDF-"));
/// // 1200 × 900 px is a page of 900 × 675 pt.
/// let text = String::from_utf8_lossy(&pdf);
/// assert!(text.contains("/MediaBox[0 0 900 675]"));
///
/// // The a4 preset (1123 × 794 px) on an exact A4 page, pt.
/// opts.width = 1123.0;
/// opts.height = 794.0;
/// opts.pdf_page_pt = Some(bordermap::map::A4_LANDSCAPE_PT);
/// let a4 = bordermap::render_pdf(&ds, &m, &opts)?;
/// assert!(String::from_utf8_lossy(&a4).contains("/MediaBox[0 0 842 595]"));
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn render_pdf(dataset: &Dataset, measured: &Measured, opts: &RenderOptions) -> Result<Vec<u8>> {
    let sc = scene(dataset, measured, opts)?;
    scene_bytes(&sc, opts, Format::Pdf)
}

/// The timeline chart of `timeline` ([`crate::timeline::timeline`]) as SVG: per layer, stepped
/// stacked bars of km per value over time in the map's colours (`opts`: style, page size,
/// `fragment`, `id_prefix`, `lang`).
///
/// ```
/// use bordermap::{Dataset, LoadOptions, RenderOptions};
/// let ds = Dataset::load(&LoadOptions::default())?;
/// let t = bordermap::timeline::timeline(&ds)?;
/// let opts = RenderOptions { width: 1000.0, height: 560.0, ..RenderOptions::for_dataset(&ds)? };
/// let svg = bordermap::map::timeline_svg(&ds, &t, &opts)?;
/// assert!(svg.contains(r#"class="step""#));
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn timeline_svg(
    dataset: &Dataset,
    timeline: &crate::timeline::Timeline,
    opts: &RenderOptions,
) -> Result<String> {
    let sc = timeline_chart(dataset, timeline, opts)?;
    String::from_utf8(scene_bytes(&sc, opts, Format::Svg)?)
        .map_err(|e| Error::input(format!("the SVG is not UTF-8: {e}")))
}

/// The timeline chart laid out (see [`timeline_svg`]).
pub fn timeline_chart(
    dataset: &Dataset,
    timeline: &crate::timeline::Timeline,
    opts: &RenderOptions,
) -> Result<Scene> {
    check_lang(&opts.lang)?;
    let title = dataset.title_or(&timeline.name);
    let prefix = match &opts.id_prefix {
        Some(p) => {
            check_prefix(p)?;
            p.clone()
        }
        None => {
            let mut key = format!("timeline|{}|{}", timeline.name, opts.lang);
            for r in &timeline.rows {
                key.push_str(&format!(
                    "|{}:{}:{:?}:{:.3}",
                    r.date, r.layer, r.value, r.length_m
                ));
            }
            format!("bmt{:08x}", fnv1a(key.as_bytes()) >> 32)
        }
    };
    let lang = opts.lang.clone();
    let name_in = move |layer: &str, v: &str| -> String {
        dataset
            .layers
            .as_ref()
            .and_then(|ls| ls.layers.iter().find(|l| l.id == layer))
            .map_or_else(
                || v.to_string(),
                |l| {
                    if l.title == v {
                        l.title_in(&lang).to_string()
                    } else {
                        l.value_in(v, &lang).to_string()
                    }
                },
            )
    };
    // Later layers in greys by how the map draws them: built (ticks) darkest, then dashed,
    // dotted, and the default (no claim) lightest.
    let shade = |layer: &str, v: &str| -> Option<String> {
        use crate::load::layers::Casing;
        let l = dataset
            .layers
            .as_ref()
            .and_then(|ls| ls.layers.iter().find(|l| l.id == layer))?;
        let grey = if l.default.as_deref() == Some(v) {
            "#e4e4e4"
        } else {
            match l.casings.get(v) {
                Some(Casing::Ticks) | None => "#262626",
                Some(Casing::Dashed) => "#737373",
                Some(Casing::Dotted) => "#b3b3b3",
                Some(Casing::None) => "#e4e4e4",
            }
        };
        Some(grey.to_string())
    };
    crate::layout::chart::timeline_scene(
        timeline,
        &title,
        &opts.style,
        opts.width,
        opts.height,
        &prefix,
        &name_in,
        &shade,
        &crate::i18n::Locale::new(&opts.lang, opts.locale_file.as_ref(), opts.digits)?,
    )
    .map(|l| l.scene)
}

/// Renders the map of what changed ([`diff_scene`]) in `format`, with the layout's warnings.
pub fn render_diff(
    dataset: &Dataset,
    diff: &crate::diff::Diff,
    opts: &RenderOptions,
    format: Format,
) -> Result<Rendered> {
    rendered(diff_laid(dataset, diff, opts)?, opts, format)
}

/// Renders the timeline chart ([`timeline_chart`]) in `format`.
pub fn render_timeline(
    dataset: &Dataset,
    timeline: &crate::timeline::Timeline,
    opts: &RenderOptions,
    format: Format,
) -> Result<Vec<u8>> {
    let sc = timeline_chart(dataset, timeline, opts)?;
    scene_bytes(&sc, opts, format)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Setting;

    #[test]
    fn a_simplify_tolerance_that_is_no_distance_is_refused() {
        let ds = Dataset::load(&crate::LoadOptions::default()).unwrap();
        let m = ds.measure(None).unwrap();
        for t in [f64::NAN, -1.0, f64::INFINITY] {
            let opts = RenderOptions {
                simplify: Some(t),
                ..RenderOptions::for_dataset(&ds).unwrap()
            };
            let e = scene(&ds, &m, &opts).unwrap_err();
            assert!(
                matches!(
                    e.detail,
                    Some(Detail::OutOfRange {
                        setting: Setting::Simplify,
                        ..
                    })
                ),
                "{t}: {e}"
            );
            assert!(!e.hint.contains("--"), "{}", e.hint);
        }
        let opts = RenderOptions {
            simplify: Some(0.5),
            ..RenderOptions::for_dataset(&ds).unwrap()
        };
        assert!(scene(&ds, &m, &opts).is_ok());
    }
}
