//! A story: everything an editor decides about one map, as one value a newsroom keeps in git
//! (a TOML story file, read by `load::story`) or builds in code. Every setting of a map has a
//! key here, named as the command line names it (`as_of` for `--as-of`); [`Story::merge`]
//! lays one story over another (flags over a file), and a story turns into the library's
//! [`LoadOptions`] and [`RenderOptions`] in one place, so every front end (the command, a
//! Rust program, Python) checks the same settings the same way.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::annotation::{Annotation, Callout, Highlight, Marker};
use crate::error::{Detail, Error, Result, Setting};
use crate::i18n::Digits;
use crate::map::{Editorial, Extent, FooterMode, Format, RenderOptions};
use crate::style::Theme;
use crate::{Dataset, Date, LoadOptions};

/// One value or several (`size = "phone"` or `size = ["phone", "web"]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// One value.
    One(T),
    /// Several values, in order.
    Many(Vec<T>),
}

impl<T: Clone> OneOrMany<T> {
    /// The values, in order.
    pub fn to_vec(&self) -> Vec<T> {
        match self {
            OneOrMany::One(v) => vec![v.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// A date as an editor writes it: `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `today`, in quotes or as
/// a TOML date (`as_of = 2026-12-07`). Checked when the story's maps are made
/// ([`Story::dates`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct DateText(pub String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Text;
        impl<'de> serde::de::Visitor<'de> for Text {
            type Value = DateText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date (YYYY-MM-DD, YYYY-MM, YYYY or \"today\")")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> std::result::Result<DateText, E> {
                Ok(DateText(s.to_string()))
            }
            // A TOML date arrives as toml's one-entry datetime table.
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<DateText, A::Error> {
                let mut out = None;
                while let Some((k, v)) = m.next_entry::<String, String>()? {
                    if k == "$__toml_private_datetime" {
                        out = Some(v);
                    }
                }
                out.map(DateText)
                    .ok_or_else(|| serde::de::Error::custom("expected a date"))
            }
        }
        d.deserialize_any(Text)
    }
}

impl JsonSchema for DateText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "YYYY-MM-DD, YYYY-MM, YYYY or \"today\" (a TOML date or a string)",
            "anyOf": [
                { "type": "string", "pattern": "^(today|[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)$" },
                { "type": "string", "format": "date" }
            ]
        })
    }
}

/// A page size preset, px at 96 dpi.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PageSize {
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
    /// 1123 × 794: A4 landscape at 96 dpi (print, PDF reports; its PDF is an exact A4 page).
    A4,
}

impl PageSize {
    /// Width and height, px.
    pub fn px(self) -> (f64, f64) {
        match self {
            PageSize::Web => (1200.0, 900.0),
            PageSize::Inline => (640.0, 480.0),
            PageSize::Phone => (360.0, 640.0),
            PageSize::Social => (1200.0, 675.0),
            PageSize::Square => (1080.0, 1080.0),
            PageSize::A4 => (1123.0, 794.0),
        }
    }

    /// The preset's name as written (`web`, `phone`, ...).
    pub fn name(self) -> &'static str {
        match self {
            PageSize::Web => "web",
            PageSize::Inline => "inline",
            PageSize::Phone => "phone",
            PageSize::Social => "social",
            PageSize::Square => "square",
            PageSize::A4 => "a4",
        }
    }
}

/// A marker in a story: `"LON,LAT,Label"` as on the command line, or a table with `lon`,
/// `lat`, `label` and optionally `note`, `symbol`, `priority`, `optional`, `color`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum MarkerSpec {
    /// `"LON,LAT,Label"` (degrees; the label is everything after the second comma).
    Text(String),
    /// A marker with all its fields.
    Table(Marker),
}

/// Everything an editor decides about one map (or one map at several dates and sizes). Every
/// field is optional: what is not given keeps the default the documentation of each field
/// names. Paths are as given; a story read from a file has its relative paths resolved
/// against the file's directory (`load::story::story`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "bordermap story file")]
pub struct Story {
    /// The border: a GeoJSON file (LineString/MultiLineString) or an embedded border,
    /// `@iraq-syria` (Natural Earth 1:10m, the default) or `@iraq-syria-osm` (OpenStreetMap).
    pub border: Option<String>,
    /// Instead of a border file: the border of two countries (names, ISO 3166 codes or a name
    /// in ar, ku, tr or fa), e.g. `["Iraq", "Jordan"]`.
    pub between: Option<Vec<String>>,
    /// The layers file (TOML) with dated, sourced intervals. Default: the embedded Iraq–Syria
    /// layers for embedded borders; none for other files.
    pub layers: Option<PathBuf>,
    /// A places file (GeoJSON Points with `name`).
    pub places: Option<PathBuf>,
    /// The map's date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `today`), or several dates: one map
    /// each, all drawn with one frame and one scale bar. Default: the layers file's date.
    pub as_of: Option<OneOrMany<DateText>>,
    /// Feature properties of the border file read as layer values. Default: `authority`,
    /// `wall`.
    pub tags: Option<Vec<String>>,
    /// Context files (GeoJSON with `properties.layer` = country, river or place). Default: the
    /// embedded context for embedded borders, the world basemap for others.
    pub context: Option<Vec<PathBuf>>,
    /// What the frame is fitted to: `border` (the default) or `context`.
    pub extent: Option<Extent>,
    /// Simplify drawn context with this tolerance, page px (drawing only; lengths always come
    /// from the full-resolution line).
    pub simplify: Option<f64>,
    /// The map projection: a PROJ string or `EPSG:n`. Default: a Lambert conformal conic
    /// fitted to the border.
    pub crs: Option<String>,
    /// The built-in theme: `light` (the default), `dark` or `print`.
    pub theme: Option<Theme>,
    /// A style file (TOML): colours per layer value, widths, fonts, label sizes.
    pub style: Option<PathBuf>,
    /// A page size preset, or several (one map each): `web` (the default), `inline`, `phone`,
    /// `social`, `square`, `a4`. `width` and `height` override it.
    pub size: Option<OneOrMany<PageSize>>,
    /// The page width, px.
    pub width: Option<f64>,
    /// The page height, px.
    pub height: Option<f64>,
    /// An embed-safe SVG fragment: no XML declaration, no fixed size.
    pub fragment: Option<bool>,
    /// Embed the bundled fonts in the SVG. Default: in a standalone SVG, not in a fragment.
    pub embed_fonts: Option<bool>,
    /// Do not embed the bundled fonts in the SVG (`embed_fonts = false`).
    pub no_embed_fonts: Option<bool>,
    /// Draw every text as glyph outlines (the text stays in an `aria-label`).
    pub text_as_paths: Option<bool>,
    /// Values of the first layer to highlight: the others are drawn muted and unlabelled.
    pub highlight: Option<Vec<String>>,
    /// Basemap places to name (by name, any language the data has), drawn before the other
    /// towns; a name the map's data lacks is looked up in the GeoNames towns near the border.
    pub place_show: Option<Vec<String>>,
    /// Basemap places not to draw (towns, capitals, the dataset's places), by name.
    pub place_hide: Option<Vec<String>>,
    /// The prefix of every id in the SVG. Default: derived from the map's content.
    pub id_prefix: Option<String>,
    /// The output format: `svg`, `png` or `pdf`. Default: by the output's extension.
    pub format: Option<Format>,
    /// PNG pixels per page px (default 1).
    pub scale: Option<f64>,
    /// PNG resolution, dots per inch (96 dpi is scale 1).
    pub dpi: Option<f64>,
    /// The map's language: `en` (the default), `ar`, `ku`, `tr`, or any with `locale_file`.
    pub lang: Option<String>,
    /// A locale file (Fluent `.ftl`, a translation of `assets/locales/en.ftl`) for `lang`.
    pub locale_file: Option<PathBuf>,
    /// Digits: `latn` (0-9, the default) or `arab` (٠-٩).
    pub digits: Option<Digits>,
    /// The headline. Default: the data's title; an empty text leaves it out.
    pub title: Option<String>,
    /// The line under the headline. Default: the border, its length and the map's date.
    pub subtitle: Option<String>,
    /// Notes for readers, first in the footer (one paragraph each).
    pub note: Option<Vec<String>>,
    /// A credit or byline, first in the footer's credits.
    pub credit: Option<String>,
    /// No title block (the page around the map sets its own headline).
    pub no_title: Option<bool>,
    /// How much of the sources the footer shows: `auto` (the default, by page size), `full`,
    /// `short` or `none`.
    pub footer: Option<FooterMode>,
    /// Markers: `"LON,LAT,Label"` texts or tables (`[[marker]]` with `lon`, `lat`, `label`,
    /// `note`, `symbol` = dot|pin|square|star|crossing, `priority`, `optional`, `color`).
    pub marker: Option<Vec<MarkerSpec>>,
    /// A GeoJSON file of annotations (simplestyle properties).
    pub annotations: Option<PathBuf>,
    /// Callouts (`[[callout]]`): a text with a leader to `lon`/`lat`, a `km` along the
    /// border or a `place`.
    pub callout: Option<Vec<Callout>>,
    /// Highlighted stretches of the border (`[[stretch]]`): `from_km`/`to_km` or
    /// `from_place`/`to_place`, with an optional `title` and `color`.
    pub stretch: Option<Vec<Highlight>>,
    /// A fixed view: this box of degrees, `[west, south, east, north]` (west < east, south <
    /// north), as large as the map frame holds it. Default: the frame fitted to the border.
    pub bbox: Option<[f64; 4]>,
    /// A fixed view centred on `[lon, lat]` (degrees), with `zoom_km`.
    pub center: Option<[f64; 2]>,
    /// With `center`: the ground width of the map frame through the centre, km (west edge to
    /// east edge along the geodesics due west and due east).
    pub zoom_km: Option<f64>,
    /// The locator inset: `auto` (the default: where a corner holds it), `on` (always; an
    /// error when no corner holds it) or `off`.
    pub inset: Option<crate::map::InsetMode>,
    /// The file to write. With several dates or sizes it names each map with `{as_of}` and
    /// `{size}`, e.g. `"out/border-{as_of}-{size}.svg"`.
    pub output: Option<String>,
    /// The version of the data the story was made with (`measure --format json` gives it as
    /// `dataset_version.version`, e.g. `"2026-03-11.1a2b3c4d5e6f"`): when the data is no
    /// longer that version, drawing warns that it changed since.
    pub dataset_version: Option<String>,
}

/// One map a story asks for: its date, its page size and the file it is written to.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryMap {
    /// The map's date (`None`: the layers file's date).
    pub as_of: Option<Date>,
    /// The page size preset (`None`: the story's width and height, else `web`).
    pub size: Option<PageSize>,
    /// The output file (`None`: none was given).
    pub output: Option<PathBuf>,
}

/// The story file's JSON Schema (draft 2020-12), generated from [`Story`] (so an editor's
/// TOML language server completes and checks its keys).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Story);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// Story keys that replace others: a key of the first list given over a story removes the
/// second list's keys from it ([`Story::merge`]): another view, border source, resolution or
/// font choice, not a conflict.
const REPLACES: &[(&[&str], &[&str])] = &[
    (&["bbox"], &["center", "zoom_km"]),
    (&["center", "zoom_km"], &["bbox"]),
    (&["border"], &["between"]),
    (&["between"], &["border"]),
    (&["scale"], &["dpi"]),
    (&["dpi"], &["scale"]),
    (&["embed_fonts"], &["no_embed_fonts"]),
    (&["no_embed_fonts"], &["embed_fonts"]),
];

impl Story {
    /// `self` with every field `over` gives replaced by `over`'s (the command line over a
    /// story file). Lists are replaced, not joined; a key that says the same as others in
    /// another way replaces them (`center`/`zoom_km` replace `bbox` and back, `between` replaces
    /// `border` and back, `dpi` `scale`, `no_embed_fonts` `embed_fonts`).
    pub fn merge(&self, over: &Story) -> Result<Story> {
        let to_value = |s: &Story| {
            serde_json::to_value(s)
                .map_err(|e| Error::input(format!("the story cannot be merged: {e}")))
        };
        let (mut base, over) = (to_value(self)?, to_value(over)?);
        if let (Some(b), serde_json::Value::Object(o)) = (base.as_object_mut(), over) {
            // A `center` over a story's `bbox` is a new view, not a conflict.
            for (given, removed) in REPLACES {
                if given
                    .iter()
                    .any(|k| o.get(*k).is_some_and(|v| !v.is_null()))
                {
                    for k in *removed {
                        b.remove(*k);
                    }
                }
            }
            for (k, v) in o {
                if !v.is_null() {
                    b.insert(k, v);
                }
            }
        }
        serde_json::from_value(base)
            .map_err(|e| Error::input(format!("the story cannot be merged: {e}")))
    }

    /// `self` with its relative paths (border file, layers, places, context, style, locale
    /// and annotations files, output) made relative to `dir` instead.
    pub fn relative_to(mut self, dir: &Path) -> Story {
        let join = |p: &mut PathBuf| {
            if p.is_relative() && !p.starts_with(crate::load::BUILTIN) {
                *p = dir.join(&*p);
            }
        };
        if let Some(b) = &mut self.border
            && !b.starts_with('@')
            && b != "-"
            && Path::new(b.as_str()).is_relative()
        {
            *b = dir.join(b.as_str()).to_string_lossy().into_owned();
        }
        if let Some(o) = &mut self.output
            && o != "-"
            && Path::new(o.as_str()).is_relative()
        {
            *o = dir.join(o.as_str()).to_string_lossy().into_owned();
        }
        for p in [
            &mut self.layers,
            &mut self.places,
            &mut self.style,
            &mut self.locale_file,
            &mut self.annotations,
        ]
        .into_iter()
        .flatten()
        {
            join(p);
        }
        for p in self.context.iter_mut().flatten() {
            join(p);
        }
        self
    }

    /// What to load: the border (file, `@name` or two countries), layers, places and tags.
    pub fn load_options(&self) -> Result<LoadOptions> {
        let between = match self.between.as_deref() {
            None | Some([]) => None,
            Some([a, b]) => Some((a.clone(), b.clone())),
            Some(other) => {
                return Err(Error::input(format!(
                    "between takes two countries, got {}",
                    other.len()
                ))
                .hint("name two countries, e.g. Iraq and Jordan (or IQ and JO)")
                .detail(Detail::OutOfRange {
                    setting: Setting::Between,
                    min: 2.0,
                    max: 2.0,
                }));
            }
        };
        if between.is_some() && self.border.is_some() {
            return Err(
                Error::input("a border file and two countries are both given")
                    .hint("give either a border file or the two countries")
                    .detail(Detail::Conflict {
                        a: Setting::Border,
                        b: Setting::Between,
                    }),
            );
        }
        Ok(LoadOptions {
            border: self.border.clone(),
            layers: self.layers.clone(),
            places: self.places.clone(),
            tag_keys: self
                .tags
                .clone()
                .unwrap_or_else(|| vec!["authority".into(), "wall".into()]),
            between,
        })
    }

    /// The dates of the story's maps, in order (`[None]`: the layers file's date); `today`
    /// is the system's date.
    pub fn dates(&self) -> Result<Vec<Option<Date>>> {
        let Some(d) = &self.as_of else {
            return Ok(vec![None]);
        };
        d.to_vec()
            .iter()
            .map(|DateText(d)| {
                if d.trim() == "today" {
                    return Ok(Some(Date::today()));
                }
                Date::parse(d).map(Some).map_err(|e| Error {
                    message: format!("as_of: {}", e.message),
                    ..e
                })
            })
            .collect()
    }

    /// The maps the story asks for: one per date and page size, each with its output file
    /// (`{as_of}` and `{size}` in `output` replaced). Several maps need an `output` that
    /// names them apart.
    pub fn maps(&self) -> Result<Vec<StoryMap>> {
        let dates = self.dates()?;
        let sizes: Vec<Option<PageSize>> = match &self.size {
            None => vec![None],
            Some(s) => s.to_vec().into_iter().map(Some).collect(),
        };
        let several = dates.len() * sizes.len() > 1;
        if let Some(o) = &self.output
            && several
            && ((dates.len() > 1 && !o.contains("{as_of}"))
                || (sizes.len() > 1 && !o.contains("{size}")))
        {
            return Err(Error::input(format!(
                "{} maps would all be written to {o}",
                dates.len() * sizes.len()
            ))
            .hint("name each map in the output with {as_of} and {size}, e.g. \"map-{as_of}-{size}.svg\"")
            .detail(Detail::Missing {
                setting: Setting::Output,
            }));
        }
        let mut maps = Vec::new();
        for d in &dates {
            for s in &sizes {
                let output = self.output.as_ref().map(|o| {
                    let date = d.map_or_else(|| "default".to_string(), |d| d.to_string());
                    let size = s.map_or("custom", PageSize::name);
                    PathBuf::from(o.replace("{as_of}", &date).replace("{size}", size))
                });
                maps.push(StoryMap {
                    as_of: *d,
                    size: *s,
                    output,
                });
            }
        }
        Ok(maps)
    }

    /// Checks the editor's texts (title, subtitle, notes, credit) for characters a map
    /// cannot carry.
    fn check_words(&self) -> Result<()> {
        use crate::text_gate::check;
        for (t, what) in [
            (&self.title, "the title"),
            (&self.subtitle, "the subtitle"),
            (&self.credit, "the credit"),
        ] {
            if let Some(t) = t {
                check(t, what)?;
            }
        }
        for n in self.note.iter().flatten() {
            check(n, "a note")?;
        }
        for h in self.highlight.iter().flatten() {
            check(h, "a highlighted value")?;
        }
        for p in self.place_show.iter().chain(&self.place_hide).flatten() {
            check(p, "a place's name")?;
        }
        Ok(())
    }

    /// The editor's words and the footer's form.
    pub fn editorial(&self) -> Editorial {
        Editorial {
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            notes: self.note.clone().unwrap_or_default(),
            credit: self.credit.clone(),
            no_title: self.no_title.unwrap_or(false),
            footer: self.footer.unwrap_or_default(),
        }
    }

    /// The story's annotations: markers, callouts and stretches, then those of its
    /// annotations file.
    pub fn annotations(&self) -> Result<Vec<Annotation>> {
        let mut out = Vec::new();
        if let Some(p) = &self.annotations {
            out = crate::load::annotations::annotations(p)?;
        }
        for m in self.marker.iter().flatten() {
            out.push(match m {
                MarkerSpec::Text(s) => Annotation::parse_marker(s)?,
                MarkerSpec::Table(m) => {
                    crate::annotation::check_lon_lat(m.lon, m.lat, &m.label)?;
                    Annotation::Marker(m.clone())
                }
            });
        }
        for c in self.callout.iter().flatten() {
            c.anchor()?;
            out.push(Annotation::Callout(c.clone()));
        }
        for h in self.stretch.iter().flatten() {
            h.ends()?;
            out.push(Annotation::Highlight(h.clone()));
        }
        for a in &out {
            a.check_texts()?;
        }
        Ok(out)
    }

    /// The render options for one of the story's maps (`size`, from [`Story::maps`]) of
    /// `ds`. `prefetched` is the embedded context when it was read while the dataset loaded
    /// (used only when the dataset is the embedded one and no context is given).
    pub fn render_options(
        &self,
        ds: &Dataset,
        size: Option<PageSize>,
        prefetched: Option<Result<crate::load::context::Context>>,
    ) -> Result<RenderOptions> {
        let theme = self.theme.unwrap_or_default();
        let mut opts = self.context_options(ds, prefetched)?;
        opts.style = match &self.style {
            Some(p) => crate::load::style::style(p, theme)?,
            None => crate::style::Style::theme(theme),
        };
        opts.crs = self.crs.clone();
        let (pw, ph) = size.unwrap_or(PageSize::Web).px();
        opts.width = self.width.unwrap_or(pw);
        opts.height = self.height.unwrap_or(ph);
        // The a4 preset's PDF is an exact A4 page, the map scaled by 0.99916 to fit, centred.
        if size == Some(PageSize::A4) && self.width.is_none() && self.height.is_none() {
            opts.pdf_page_pt = Some(crate::map::A4_LANDSCAPE_PT);
        }
        opts.fragment = self.fragment.unwrap_or(false);
        opts.embed_fonts = match (self.embed_fonts, self.no_embed_fonts) {
            (Some(e), _) => Some(e),
            (None, Some(true)) => Some(false),
            _ => None,
        };
        opts.id_prefix = self.id_prefix.clone();
        opts.text_as_paths = self.text_as_paths.unwrap_or(false);
        self.check_words()?;
        opts.editorial = self.editorial();
        opts.highlight = self.highlight.clone().unwrap_or_default();
        opts.places = crate::map::PlaceChoice {
            show: self.place_show.clone().unwrap_or_default(),
            hide: self.place_hide.clone().unwrap_or_default(),
        };
        opts.scale = self.scale()?;
        opts.lang = self.lang.clone().unwrap_or_else(|| "en".to_string());
        opts.locale_file = match &self.locale_file {
            Some(p) => Some(crate::load::locale_file(p)?),
            None => None,
        };
        opts.digits = self.digits.unwrap_or_default();
        opts.extent = self.extent.unwrap_or_default();
        if let Some(t) = self.simplify
            && !(t.is_finite() && t >= 0.0)
        {
            return Err(Error::input(format!("simplify {t} is not a tolerance"))
                .hint("give a distance in page px, e.g. 0.5")
                .detail(Detail::OutOfRange {
                    setting: Setting::Simplify,
                    min: 0.0,
                    max: f64::INFINITY,
                }));
        }
        opts.simplify = self.simplify;
        opts.view = crate::map::View::from_parts(self.bbox, self.center, self.zoom_km)?;
        opts.inset = self.inset.unwrap_or_default();
        opts.annotations = self.annotations()?;
        Ok(opts)
    }

    /// The options with the context: the story's context files, else the dataset's default.
    fn context_options(
        &self,
        ds: &Dataset,
        prefetched: Option<Result<crate::load::context::Context>>,
    ) -> Result<RenderOptions> {
        let files = self.context.as_deref().unwrap_or_default();
        if files.is_empty() {
            return match prefetched {
                Some(context) if ds.builtin => Ok(RenderOptions {
                    context: context?,
                    ..RenderOptions::default()
                }),
                _ => RenderOptions::for_dataset(ds),
            };
        }
        let mut c = crate::load::context::Context::default();
        for p in files {
            c.extend(crate::load::context::context(p)?);
        }
        Ok(RenderOptions {
            context: c,
            ..RenderOptions::default()
        })
    }

    /// The PNG scale from `scale` or `dpi` (which must agree when both are given).
    fn scale(&self) -> Result<f64> {
        let s = match (self.scale, self.dpi) {
            (None, None) => 1.0,
            (Some(s), None) => s,
            (None, Some(d)) => crate::map::scale_for_dpi(d),
            (Some(s), Some(d)) => {
                let from_dpi = crate::map::scale_for_dpi(d);
                if (s - from_dpi).abs() > 1e-9 * s.abs().max(1.0) {
                    return Err(Error::input(format!(
                        "scale {s} and dpi {d} disagree (dpi {d} is scale {from_dpi})"
                    ))
                    .hint("give one of the scale and the dpi (96 dpi = scale 1)")
                    .detail(Detail::Conflict {
                        a: Setting::Scale,
                        b: Setting::Dpi,
                    }));
                }
                s
            }
        };
        scale_in_range(s, self.scale.is_none().then_some(self.dpi).flatten())?;
        Ok(s)
    }
}

/// The smallest and largest PNG scale (1 = one pixel per page px; 96 dpi).
pub const SCALE_RANGE: (f64, f64) = (0.1, 16.0);

/// Refuses a PNG scale outside [`SCALE_RANGE`]; `dpi` is the dots per inch it came from, if
/// it was given as a dpi (then the error names the dpi).
fn scale_in_range(s: f64, dpi: Option<f64>) -> Result<()> {
    let (min, max) = SCALE_RANGE;
    if s.is_finite() && (min..=max).contains(&s) {
        return Ok(());
    }
    // To the micro-dpi: 96 × 0.1 is 9.600000000000001 in binary.
    let dpi_of = |s: f64| (crate::render::png::CSS_DPI * s * 1e6).round() / 1e6;
    let (dmin, dmax) = (dpi_of(min), dpi_of(max));
    Err(match dpi {
        Some(d) => Error::input(format!(
            "dpi {d} is out of range (it is PNG scale {s}; {dmin} to {dmax} dpi are drawn)"
        ))
        .hint(format!(
            "give a dpi between {dmin} and {dmax} (96 dpi = scale 1)"
        ))
        .detail(Detail::OutOfRange {
            setting: Setting::Dpi,
            min: dmin,
            max: dmax,
        }),
        None => Error::input(format!("PNG scale {s} is out of range ({min} to {max})"))
            .hint(format!(
                "give a scale between {min} and {max}, or a dpi between {dmin} and {dmax}"
            ))
            .detail(Detail::OutOfRange {
                setting: Setting::Scale,
                min,
                max,
            }),
    })
}
