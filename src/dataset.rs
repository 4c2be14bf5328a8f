//! [`Dataset`]: a loaded border with its layers and places, and [`LoadOptions`], what to load.
//! It composes the stages for a library caller: `load` reads the files, and [`Dataset::measure`]
//! runs `overlay` and `measure` on them.

use std::path::{Path, PathBuf};

use crate::error::{Detail, Error, ErrorKind, Result, Setting};
use crate::load::border::LoadedBorder;
use crate::load::layers::{Layers, Place};
use crate::measure::Measured;
use crate::{Border, Date, between, diff, i18n, load, measure, overlay, timeline};

/// What to load. The default is the embedded Iraq–Syria dataset.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Border file (GeoJSON), `-` for stdin, or `@name` for an embedded border
    /// (`@iraq-syria`, `@iraq-syria-osm`). `None`: the layers file's border, or the default.
    pub border: Option<String>,
    /// Layers file (TOML). `None`: the embedded layers for embedded borders, none for files.
    pub layers: Option<PathBuf>,
    /// Places file (GeoJSON points). `None`: the one the layers file names, if any.
    pub places: Option<PathBuf>,
    /// Property names read as layer values from the border file's features
    /// (empty: `authority` and `wall`).
    pub tag_keys: Vec<String>,
    /// Two countries whose shared border is taken from the embedded Natural Earth 1:10m
    /// countries instead of a border file ([`crate::between::border_between`]): matched by
    /// name, ISO 3166 code (numeric, alpha-2, alpha-3) or a translated name. Not together
    /// with `border`.
    pub between: Option<(String, String)>,
}

/// A loaded border with its layers and places: everything needed to measure or draw it.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The border and any pre-tagged stretches.
    pub border: LoadedBorder,
    /// The layers file, if any.
    pub layers: Option<Layers>,
    /// Named places (for positions and for the map).
    pub places: Vec<Place>,
    /// Where the border came from (a path or `<builtin>/...`).
    pub border_file: PathBuf,
    /// Whether this is one of the embedded borders, or a file with the same bytes (drawn over
    /// the embedded regional context).
    pub builtin: bool,
    /// ISO 3166 numeric codes of the two countries of a border between countries (`["368",
    /// "400"]`), for its name in other languages.
    pub countries: Option<[String; 2]>,
}

impl Dataset {
    /// Loads a border, its layers and places as `opts` says.
    pub fn load(opts: &LoadOptions) -> Result<Dataset> {
        let tag_keys = if opts.tag_keys.is_empty() {
            vec!["authority".to_string(), "wall".to_string()]
        } else {
            opts.tag_keys.clone()
        };
        if let Some((a, b)) = &opts.between {
            return Dataset::between(a, b, opts);
        }
        let builtin_border = opts.border.as_deref().is_none_or(|b| b.starts_with('@'));
        let layers_path: Option<PathBuf> = match (&opts.layers, builtin_border) {
            (Some(p), _) => Some(p.clone()),
            (None, true) => Some(PathBuf::from(load::DEFAULT_LAYERS)),
            (None, false) => None,
        };
        let layers = layers_path.as_deref().map(load::layers).transpose()?;
        let border_file = match (&opts.border, &layers) {
            (Some(b), _) => load::border_path(b)?,
            (None, Some(l)) => match &l.border {
                Some(name) => load::relative_to(&l.file, name),
                None => {
                    return Err(Error::input("no border given")
                        .in_file(&l.file)
                        .hint("give a border file, or name one in the layers file: [dataset] border = \"border.geojson\""));
                }
            },
            (None, None) => load::border_path("@iraq-syria")?,
        };
        let border = load::border(&border_file, &tag_keys).map_err(|e| {
            // A border named by the layers file: say so, or "no such file" is a riddle.
            match (&opts.border, &layers) {
                (None, Some(l)) if e.kind == ErrorKind::Io => Error {
                    message: format!("{} (the border named in {})", e.message, l.file.display()),
                    ..e
                },
                _ => e,
            }
        })?;
        let places_path = places_path(opts, layers.as_ref());
        let places = places_path
            .as_deref()
            .map(|p| {
                load::places(p).map_err(|e| match (&opts.places, &layers) {
                    (None, Some(l)) if e.kind == ErrorKind::Io => Error {
                        message: format!(
                            "{} (the places file named in {})",
                            e.message,
                            l.file.display()
                        ),
                        ..e
                    },
                    _ => e,
                })
            })
            .transpose()?
            .unwrap_or_default();
        Ok(Dataset {
            builtin: load::embedded_border(&border_file).is_some(),
            border,
            layers,
            places,
            border_file,
            countries: None,
        })
    }

    /// The border of two countries from the embedded world basemap (two countries, by name or ISO code), with the
    /// layers and places files of `opts` applied to it as to a border file.
    fn between(a: &str, b: &str, opts: &LoadOptions) -> Result<Dataset> {
        if opts.border.is_some() {
            return Err(Error::input(
                "a border file and two countries to take the border between were both given",
            )
            .hint("give either a border file or two countries")
            .detail(Detail::Conflict {
                a: Setting::Border,
                b: Setting::Between,
            }));
        }
        let (border, countries) = between::border_between(a, b)?;
        let layers = opts.layers.as_deref().map(load::layers).transpose()?;
        let places_path = places_path(opts, layers.as_ref());
        let places = places_path
            .as_deref()
            .map(load::places)
            .transpose()?
            .unwrap_or_default();
        Ok(Dataset {
            border,
            layers,
            places,
            border_file: load::world::Scale::S10m.path(),
            builtin: false,
            countries: Some(countries),
        })
    }

    /// A dataset of a line already in memory (`[lon, lat]` degrees): no layers, no places.
    /// `source` names it in messages and maps (e.g. the countries file it was extracted from).
    pub fn from_border(border: Border, source: impl Into<PathBuf>) -> Dataset {
        Dataset {
            border: LoadedBorder {
                border,
                tags: Vec::new(),
                warnings: Vec::new(),
            },
            layers: None,
            places: Vec::new(),
            border_file: source.into(),
            builtin: false,
            countries: None,
        }
    }

    /// The default as-of date: the layers file's, else the newest claim's.
    pub fn default_as_of(&self) -> Option<Date> {
        let l = self.layers.as_ref()?;
        l.as_of.or_else(|| {
            l.layers
                .iter()
                .flat_map(|x| x.intervals.iter().map(|i| i.as_of))
                .max()
        })
    }

    /// What changed between `from` and `to`: per layer, the stretches whose value differs,
    /// in metres along the border, with the sources on both sides ([`diff::diff`]).
    ///
    /// ```
    /// use bordermap::{Dataset, Date, LoadOptions};
    /// let ds = Dataset::load(&LoadOptions::default())?;
    /// let d = ds.diff(Date::parse("2024-05-12")?, Date::parse("2025-10-16")?)?;
    /// // Metres changed in a layer add up from its changes.
    /// let wall: f64 = d.changes.iter().filter(|c| c.layer == "wall").map(|c| c.length_m).sum();
    /// assert!((wall - d.changed_in("wall").unwrap_or(0.0)).abs() < 1e-6);
    /// # Ok::<(), bordermap::Error>(())
    /// ```
    pub fn diff(&self, from: Date, to: Date) -> Result<diff::Diff> {
        diff::diff(self, from, to)
    }

    /// The border at every date where a claim starts or ends, km per value of each layer
    /// ([`timeline::timeline`]).
    ///
    /// ```
    /// let ds = bordermap::Dataset::load(&bordermap::LoadOptions::default())?;
    /// let t = ds.timeline()?;
    /// // The rows of one date and layer add up to the whole border.
    /// for d in &t.dates {
    ///     let sum: f64 = t.rows.iter().filter(|r| r.date == *d && r.layer == "authority").map(|r| r.length_m).sum();
    ///     assert!((sum - t.total_m).abs() < 1e-3);
    /// }
    /// # Ok::<(), bordermap::Error>(())
    /// ```
    pub fn timeline(&self) -> Result<timeline::Timeline> {
        timeline::timeline(self)
    }
    /// Cuts the border into segments by the claims in force on `as_of` (default:
    /// [`Dataset::default_as_of`]) and measures them.
    pub fn measure(&self, as_of: Option<Date>) -> Result<Measured> {
        let date = as_of.or_else(|| self.default_as_of()).or_else(|| {
            self.border
                .tags
                .iter()
                .filter_map(|t| t.as_of.as_deref().and_then(|d| Date::parse(d).ok()))
                .max()
        });
        let empty = Vec::new();
        let layer_defs = self.layers.as_ref().map_or(&empty, |l| &l.layers);
        let layers_file = self
            .layers
            .as_ref()
            .map_or_else(|| Path::new("").to_path_buf(), |l| l.file.clone());
        let overlay = match date {
            Some(d) => overlay::overlay(
                &self.border.border,
                layer_defs,
                &self.border.tags,
                &self.places,
                &d,
                &layers_file,
            )
            .map_err(|e| {
                if e.location.file.is_none() && e.location.feature.is_some() {
                    e.in_file(&self.border_file)
                } else {
                    e
                }
            })?,
            None => overlay::overlay(
                &self.border.border,
                &[],
                &self.border.tags,
                &self.places,
                &Date::parse("9999-12-31")?,
                &layers_file,
            )?,
        };
        let mut m = measure::measure(
            &self.border.border,
            &overlay,
            layer_defs,
            date,
            self.border.warnings.clone(),
        );
        m.version = Some(crate::version::of(self));
        Ok(m)
    }

    /// The title of its maps and pages: the layers file's `[dataset] title`, else `fallback`
    /// (the border's name).
    pub fn title_or(&self, fallback: &str) -> String {
        self.layers
            .as_ref()
            .and_then(|l| l.title.clone())
            .unwrap_or_else(|| fallback.to_string())
    }

    /// The title in a locale's language: the layers file's `[dataset] titles`, else its
    /// `title`, else the border's name in that language ([`Dataset::border_name_in`]).
    pub fn title_in(&self, locale: &i18n::Locale) -> String {
        let l = self.layers.as_ref();
        l.and_then(|l| l.titles.get(locale.lang()).cloned())
            .or_else(|| l.and_then(|l| l.title.clone()))
            .unwrap_or_else(|| self.border_name_in(locale))
    }

    /// The border's name in a locale's language: the layers file's `[dataset] border_names`;
    /// for a border between two countries the locale's "border-of" with the countries' names in that
    /// language (i18n-iso-countries); else the border's own name.
    pub fn border_name_in(&self, locale: &i18n::Locale) -> String {
        if let Some(n) = self
            .layers
            .as_ref()
            .and_then(|l| l.border_names.get(locale.lang()))
        {
            return n.clone();
        }
        if let Some([a, b]) = &self.countries
            && locale.lang() != "en"
        {
            let name = |code: &str| load::world::country_name(code, locale.lang());
            if let (Some(a), Some(b)) = (name(a), name(b)) {
                return locale.text("border-of", &[("a", &a), ("b", &b)]);
            }
        }
        self.border.border.name.clone()
    }

    /// Attribution lines for the data: the layers file's, and OpenStreetMap's when the
    /// embedded OSM border (`@iraq-syria-osm`) is used. The rule is keyed on which embedded
    /// border is loaded, never on a file's name: a user's `osm-whatever.geojson` gets none;
    /// Natural Earth for a border between two countries.
    pub fn attribution(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .layers
            .as_ref()
            .map(|l| l.attribution.clone())
            .unwrap_or_default();
        let osm = load::embedded_border(&self.border_file) == Some("iraq-syria-osm");
        if self.builtin && osm {
            out.retain(|a| !a.starts_with("Border and countries"));
            out.insert(
                0,
                "Border: © OpenStreetMap contributors (ODbL), via geo-maps".to_string(),
            );
            out.insert(1, "Countries: Natural Earth (public domain)".to_string());
        }
        if self.border_file == load::world::Scale::S10m.path() {
            // Between two countries: the line is Natural Earth's, as world-atlas ships it.
            out.insert(
                0,
                "Border: Natural Earth 1:10m (public domain), via world-atlas 2.0.2".to_string(),
            );
        }
        out
    }
}

/// The places file: the one given, else the one the layers file names (relative to it).
fn places_path(opts: &LoadOptions, layers: Option<&Layers>) -> Option<std::path::PathBuf> {
    match (&opts.places, layers) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(l)) => l.places.as_ref().map(|p| load::relative_to(&l.file, p)),
        (None, None) => None,
    }
}
