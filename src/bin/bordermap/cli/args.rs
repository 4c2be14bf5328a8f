//! The flags `render`, `measure`, `check`, `diff` and `timeline` share: what to load
//! ([`InputArgs`]) and how to draw it ([`MapArgs`]), with the value enums behind them, and
//! their conversion into the library's options.

use std::path::{Path, PathBuf};

use bordermap::map::RenderOptions;
use bordermap::story::{MarkerSpec, OneOrMany, PageSize, Story};
use bordermap::{Dataset, Date, Result};
use clap::ValueEnum;

/// What to load: a border (file, `@name` or `--between`), its layers, places, date and tags.
#[derive(clap::Args, Debug)]
pub(super) struct InputArgs {
    /// Border file (GeoJSON LineString/MultiLineString), `-` for stdin, or an embedded border:
    /// `@iraq-syria` (Natural Earth 1:10m, the default) or `@iraq-syria-osm` (OpenStreetMap).
    #[arg(value_name = "BORDER")]
    pub(super) border: Option<String>,
    /// Instead of a border file: the border of two countries from the embedded Natural Earth
    /// 1:10m countries (the line `extract --between` gives), matched by name, ISO 3166 code
    /// (368, IQ, IRQ) or a name in ar, ku, tr or fa; e.g. `--between Iraq,Jordan`.
    #[arg(
        long,
        value_name = "A,B",
        value_delimiter = ',',
        conflicts_with = "border"
    )]
    pub(super) between: Vec<String>,
    /// Layers file (TOML) with dated, sourced intervals. Default: the embedded Iraq–Syria
    /// layers for embedded borders; none for other files.
    #[arg(long, value_name = "FILE")]
    pub(super) layers: Option<PathBuf>,
    /// Places file (GeoJSON Points with `name`) for positions like `{ place = "Abu Kamal" }`.
    #[arg(long, value_name = "FILE")]
    pub(super) places: Option<PathBuf>,
    /// Select the claims in force on this date (YYYY-MM-DD, YYYY-MM, YYYY, or `today`: the
    /// system's date, the one input that depends on when bordermap runs). Default: the layers
    /// file's date.
    #[arg(long, value_name = "DATE")]
    pub(super) as_of: Option<String>,
    /// Feature properties of the border file read as layer values (comma-separated).
    /// Default: authority,wall.
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub(super) tags: Vec<String>,
}

/// Refuses an output that is one of the files the command reads, before anything is written:
/// the border, layers, places, context, style, locale or annotations file the story names,
/// and the border and layers files the dataset was loaded from (a layers file names its
/// border). `None` or `-` (stdout) pass.
pub(super) fn refuse_input_as_output(
    output: Option<&Path>,
    story: &Story,
    ds: &Dataset,
) -> Result<()> {
    let Some(output) = output else {
        return Ok(());
    };
    let border = story
        .border
        .as_deref()
        .filter(|b| !b.starts_with('@') && *b != "-")
        .map(Path::new);
    let mut inputs: Vec<(&Path, &str)> = Vec::new();
    inputs.extend(border.map(|p| (p, "the border file")));
    inputs.push((ds.border_file.as_path(), "the border file"));
    inputs.extend(story.layers.as_deref().map(|p| (p, "the layers file")));
    inputs.extend(
        ds.layers
            .as_ref()
            .map(|l| (l.file.as_path(), "the layers file")),
    );
    inputs.extend(story.places.as_deref().map(|p| (p, "the places file")));
    inputs.extend(
        story
            .context
            .iter()
            .flatten()
            .map(|p| (p.as_path(), "a context file")),
    );
    inputs.extend(story.style.as_deref().map(|p| (p, "the style file")));
    inputs.extend(story.locale_file.as_deref().map(|p| (p, "the locale file")));
    inputs.extend(
        story
            .annotations
            .as_deref()
            .map(|p| (p, "the annotations file")),
    );
    bordermap::output::ensure_not_input(output, &inputs)
}

/// How to draw a map: context, projection, style, page and language (the output format is
/// each command's `-f`, `grammar`).
#[derive(clap::Args, Debug)]
pub(super) struct MapArgs {
    /// Context file(s) (GeoJSON with properties.layer = country|river|place). Repeat for
    /// several. Default: the embedded context for embedded borders; none for other files.
    #[arg(long, value_name = "FILE")]
    pub(super) context: Vec<PathBuf>,
    /// What the map frame is fitted to: the border (with its surroundings) or the whole
    /// context (every context area and line in the frame).
    /// Default: border.
    #[arg(long, value_enum)]
    pub(super) extent: Option<ExtentArg>,
    /// Simplify drawn context areas and lines with this tolerance in page px (Douglas–Peucker,
    /// shared borders kept identical). Drawing only: lengths always come from the
    /// full-resolution line, and the map says so.
    #[arg(long, value_name = "PX")]
    pub(super) simplify: Option<f64>,
    /// Map projection: a PROJ string or `EPSG:n`. Default: Lambert conformal conic fitted to
    /// the border.
    #[arg(long, value_name = "CRS")]
    pub(super) crs: Option<String>,
    /// Built-in theme (default: light).
    #[arg(long, value_enum)]
    pub(super) theme: Option<ThemeArg>,
    /// Style file (TOML): colours per layer value, stroke widths, fonts, label sizes.
    #[arg(long, value_name = "FILE")]
    pub(super) style: Option<PathBuf>,
    /// Page size preset: web 1200×900 (the default), inline 640×480, phone 360×640, social
    /// 1200×675, square 1080×1080, a4 1123×794 (landscape at 96 dpi). --width and --height
    /// override it.
    #[arg(long, value_enum, value_name = "NAME")]
    pub(super) size: Option<SizeArg>,
    /// Page width, px (default: the --size preset's, else 1200).
    #[arg(long, value_name = "PX")]
    pub(super) width: Option<f64>,
    /// Page height, px (default: the --size preset's, else 900).
    #[arg(long, value_name = "PX")]
    pub(super) height: Option<f64>,
    /// Embed-safe SVG fragment: no XML declaration, no fixed size (viewBox only).
    #[arg(long)]
    pub(super) fragment: bool,
    /// Embed the bundled fonts (subset to the map's characters, base64 @font-face) in the SVG.
    /// Default: in a standalone SVG, not in a --fragment.
    #[arg(long, overrides_with = "no_embed_fonts")]
    pub(super) embed_fonts: bool,
    /// Do not embed fonts in the SVG: it then lays out as measured only where Noto Sans (and
    /// Noto Sans Arabic) are installed.
    #[arg(long, overrides_with = "embed_fonts")]
    pub(super) no_embed_fonts: bool,
    /// Draw every text as glyph outlines (bundled Noto fonts), so the file looks the same in any
    /// program (Inkscape, Illustrator) without the fonts; the text stays in an aria-label. No
    /// fonts are embedded then. Without it, install Noto Sans and Noto Sans Arabic
    /// (assets/fonts) to keep the text editable.
    #[arg(long)]
    pub(super) text_as_paths: bool,
    /// Highlight this value of the first layer (repeatable): the other values are drawn muted
    /// and unlabelled; the legend keeps them all, muted.
    #[arg(long, value_name = "VALUE")]
    pub(super) highlight: Vec<String>,
    /// Name this basemap place (repeatable; a town, capital or place of the data, by any of its
    /// names): drawn before the other towns. A name the map's data lacks is looked up in the
    /// GeoNames towns near the border.
    #[arg(long, value_name = "NAME")]
    pub(super) place_show: Vec<String>,
    /// Leave this basemap place out (repeatable): a town, capital or place of the data.
    #[arg(long, value_name = "NAME")]
    pub(super) place_hide: Vec<String>,
    /// Prefix of every id in the SVG. Default: derived from the map's content.
    #[arg(long, value_name = "P")]
    pub(super) id_prefix: Option<String>,
    /// PNG pixels per page px (default 1).
    #[arg(long, value_name = "N")]
    pub(super) scale: Option<f64>,
    /// PNG resolution in dots per inch: 96 dpi is scale 1, 300 dpi scale 3.125. Written into
    /// the PNG (pHYs), so documents place it at the page's physical size.
    #[arg(long, value_name = "N")]
    pub(super) dpi: Option<f64>,
    /// The map's language: every word on it (title, legend, scale, footer, country names,
    /// dates, numbers). Shipped: en, ar, ku (Kurmanji), tr; any other with --locale-file.
    /// Names the data does not translate stay in its own language. ar (and ckb, fa) pages
    /// read right to left. Default: en.
    #[arg(long, value_name = "LANG")]
    pub(super) lang: Option<String>,
    /// A locale file (Fluent .ftl, a translation of assets/locales/en.ftl) for --lang: a
    /// language bordermap does not ship (e.g. ckb, fa), or to correct a shipped one. Keys it
    /// lacks stay English, with a warning.
    #[arg(long, value_name = "FILE")]
    pub(super) locale_file: Option<PathBuf>,
    /// Digits for numbers and dates: latn (0-9, the default, as most Arabic news sites write)
    /// or arab (٠-٩).
    #[arg(long, value_enum)]
    pub(super) digits: Option<DigitsArg>,
    /// The editor's title, subtitle, notes and credit, and the footer's form.
    #[command(flatten)]
    pub(super) words: super::words::WordsArgs,
    #[command(flatten)]
    pub(super) view: super::view::ViewArgs,
    /// A marker "LON,LAT,Label" (degrees; the label is everything after the second comma).
    /// Repeat for several.
    #[arg(long, value_name = "LON,LAT,LABEL", allow_hyphen_values = true)]
    pub(super) marker: Vec<String>,
    /// A GeoJSON file of annotations (simplestyle properties: markers, callouts, highlights,
    /// lines, areas).
    #[arg(long, value_name = "FILE")]
    pub(super) annotations: Option<PathBuf>,
}

/// `--digits`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DigitsArg {
    /// Western digits, 0-9.
    Latn,
    /// Eastern Arabic digits, ٠-٩.
    Arab,
}

/// Page size presets, px at 96 dpi.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SizeArg {
    /// 1200 × 900: a web article's full-width map (the default).
    Web,
    /// 640 × 480: inline in an article's text column.
    Inline,
    /// 360 × 640: a phone's column.
    Phone,
    /// 1200 × 675: a social card (16:9).
    Social,
    /// 1080 × 1080: a square social post.
    Square,
    /// 1123 × 794: A4 landscape at 96 dpi (print, PDF reports).
    A4,
}

impl SizeArg {
    /// The library's preset.
    pub(super) fn page(self) -> PageSize {
        match self {
            SizeArg::Web => PageSize::Web,
            SizeArg::Inline => PageSize::Inline,
            SizeArg::Phone => PageSize::Phone,
            SizeArg::Social => PageSize::Social,
            SizeArg::Square => PageSize::Square,
            SizeArg::A4 => PageSize::A4,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ThemeArg {
    /// Light paper, Okabe–Ito colours.
    Light,
    /// Dark background.
    Dark,
    /// Greyscale; classes told apart by line patterns.
    Print,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ExtentArg {
    /// The border, large in the frame.
    Border,
    /// The whole context.
    Context,
}

impl MapArgs {
    /// The story these flags tell: only what was given, so that it can be laid over a story
    /// file ([`Story::merge`]).
    pub(super) fn story(&self) -> Story {
        use bordermap::i18n::Digits;
        use bordermap::map::Extent;
        use bordermap::style::Theme;
        let some = |b: bool| b.then_some(true);
        let list = |v: &Vec<String>| (!v.is_empty()).then(|| v.clone());
        Story {
            context: (!self.context.is_empty()).then(|| self.context.clone()),
            extent: self.extent.map(|e| match e {
                ExtentArg::Border => Extent::Border,
                ExtentArg::Context => Extent::Context,
            }),
            simplify: self.simplify,
            crs: self.crs.clone(),
            theme: self.theme.map(|t| match t {
                ThemeArg::Light => Theme::Light,
                ThemeArg::Dark => Theme::Dark,
                ThemeArg::Print => Theme::Print,
            }),
            style: self.style.clone(),
            size: self.size.map(|s| OneOrMany::One(s.page())),
            width: self.width,
            height: self.height,
            fragment: some(self.fragment),
            embed_fonts: match (self.embed_fonts, self.no_embed_fonts) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            },
            text_as_paths: some(self.text_as_paths),
            highlight: list(&self.highlight),
            place_show: list(&self.place_show),
            place_hide: list(&self.place_hide),
            id_prefix: self.id_prefix.clone(),
            scale: self.scale,
            dpi: self.dpi,
            lang: self.lang.clone(),
            locale_file: self.locale_file.clone(),
            digits: self.digits.map(|d| match d {
                DigitsArg::Latn => Digits::Latn,
                DigitsArg::Arab => Digits::Arab,
            }),
            marker: (!self.marker.is_empty())
                .then(|| self.marker.iter().cloned().map(MarkerSpec::Text).collect()),
            annotations: self.annotations.clone(),
            ..self.view.story(self.words.story())
        }
    }

    /// The render options of these flags alone (for `diff` and `timeline`), at the flags'
    /// page size.
    pub(super) fn options(&self, input: &InputArgs, ds: &Dataset) -> Result<RenderOptions> {
        let story = input.story()?.merge(&self.story())?;
        story.render_options(ds, self.size.map(SizeArg::page), None)
    }
}

impl InputArgs {
    /// The story these flags tell (only what was given); a bad `--as-of` is an error
    /// naming the flag.
    pub(super) fn story(&self) -> Result<Story> {
        if let Some(d) = &self.as_of
            && d.trim() != "today"
        {
            Date::parse(d).map_err(|e| bordermap::Error {
                message: format!("--as-of: {}", e.message),
                ..e
            })?;
        }
        Ok(Story {
            border: self.border.clone(),
            between: (!self.between.is_empty()).then(|| self.between.clone()),
            layers: self.layers.clone(),
            places: self.places.clone(),
            as_of: self
                .as_of
                .clone()
                .map(|d| OneOrMany::One(bordermap::story::DateText(d))),
            tags: (!self.tags.is_empty()).then(|| self.tags.clone()),
            ..Story::default()
        })
    }

    /// Loads the dataset the flags name, and the date they give.
    pub(super) fn load(&self) -> Result<(Dataset, Option<Date>)> {
        load(&self.story()?)
    }
}

/// Loads the dataset `story` names, and its first date.
pub(super) fn load(story: &Story) -> Result<(Dataset, Option<Date>)> {
    let dates = story.dates()?;
    let ds = Dataset::load(&story.load_options()?)?;
    Ok((ds, dates.first().copied().flatten()))
}

/// Whether `story` loads an embedded border (none given, or an `@name`), so that the dataset
/// will draw the embedded context.
pub(super) fn names_embedded_border(story: &Story) -> bool {
    match story.border.as_deref() {
        Some(b) => b.starts_with('@'),
        None => story.layers.is_none() && story.between.as_ref().is_none_or(Vec::is_empty),
    }
}
