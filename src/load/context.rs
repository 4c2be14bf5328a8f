//! Context layers for maps: countries, rivers and places from a GeoJSON file whose features
//! carry `properties.layer` = `country` | `river` | `lake` | `place`, or any GeoJSON without it, sorted
//! by geometry type: (Multi)Polygons are areas (drawn like countries), (Multi)LineStrings are
//! plain lines (e.g. boundaries), Points are places.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use geo::{Coord, Geometry, MultiLineString, MultiPolygon};

use crate::error::{Error, Result};

/// A country (or any named area) drawn as context.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextArea {
    /// Name, e.g. "Iraq".
    pub name: String,
    /// Outline, `[lon, lat]` degrees.
    pub shape: MultiPolygon<f64>,
    /// ISO 3166 codes, where known (the world basemap's countries carry them).
    pub codes: CountryCodes,
}

/// ISO 3166-1 codes of a country.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CountryCodes {
    /// Numeric code as world-atlas ids give it, e.g. `"368"`.
    pub numeric: Option<String>,
    /// Alpha-2, e.g. `"IQ"`.
    pub alpha2: Option<String>,
    /// Alpha-3, e.g. `"IRQ"`.
    pub alpha3: Option<String>,
}

/// A river drawn as context.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextLine {
    /// Name, e.g. "Euphrates".
    pub name: String,
    /// Course, `[lon, lat]` degrees.
    pub line: MultiLineString<f64>,
    /// Names in other languages: language code → name (a context file's `name_ar`, ...).
    pub names: BTreeMap<String, String>,
}

/// A named point drawn as context: a capital, or a town the layout may pick by population
/// and space.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextPlace {
    /// Name, e.g. "Damascus".
    pub name: String,
    /// `[lon, lat]` degrees.
    pub at: Coord<f64>,
    /// A capital: always drawn when in the frame. A context file's places are capitals
    /// unless their `capital` property is `false`.
    pub capital: bool,
    /// Population, where known (a context file's `population` property).
    pub population: Option<u64>,
    /// Names in other languages: language code → name (a context file's `name_ar`, ...).
    pub names: BTreeMap<String, String>,
}

impl ContextLine {
    /// The name in `lang` where the data has one, else [`ContextLine::name`].
    pub fn name_in(&self, lang: &str) -> &str {
        self.names.get(lang).map_or(&self.name, String::as_str)
    }
}

impl ContextPlace {
    /// The name in `lang` where the data has one, else [`ContextPlace::name`].
    pub fn name_in(&self, lang: &str) -> &str {
        self.names.get(lang).map_or(&self.name, String::as_str)
    }
}

/// A feature's names in other languages: its `name_XX` properties (a language code of two or
/// three lowercase letters) with a non-empty text.
fn names_of(props: &serde_json::Map<String, serde_json::Value>) -> BTreeMap<String, String> {
    props
        .iter()
        .filter_map(|(k, v)| {
            let lang = k.strip_prefix("name_")?;
            let code =
                (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase());
            let text = v.as_str().map(str::trim).filter(|t| !t.is_empty())?;
            code.then(|| (lang.to_string(), text.to_string()))
        })
        .collect()
}

/// The context of a map, from one or more files.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Context {
    /// The files it came from.
    pub files: Vec<PathBuf>,
    /// Countries in file order.
    pub countries: Vec<ContextArea>,
    /// Rivers in file order.
    pub rivers: Vec<ContextLine>,
    /// Other lines (features without a `layer`, e.g. boundaries), in file order.
    pub lines: Vec<ContextLine>,
    /// Lakes (drawn as water over the countries) in file order.
    pub lakes: Vec<ContextArea>,
    /// Places (capitals, then towns most populous first) in file order.
    pub places: Vec<ContextPlace>,
    /// Attribution lines of the data (e.g. "Towns: GeoNames (CC BY 4.0)"), for the footer.
    pub attribution: Vec<String>,
}

impl Context {
    /// Appends another context.
    pub fn extend(&mut self, other: Context) {
        self.files.extend(other.files);
        self.countries.extend(other.countries);
        self.rivers.extend(other.rivers);
        self.lines.extend(other.lines);
        self.places.extend(other.places);
        self.lakes.extend(other.lakes);
        for a in other.attribution {
            if !self.attribution.contains(&a) {
                self.attribution.push(a);
            }
        }
    }
}

/// Loads a context file (GeoJSON; `<builtin>/context-10m.geojson` is the embedded one).
pub fn context(path: &Path) -> Result<Context> {
    if path == Path::new(super::DEFAULT_CONTEXT) {
        // The embedded context is read by two stages of one run (the default dataset's rivers
        // file and the map's context, often at the same time): parsed once per process.
        static PARSED: std::sync::OnceLock<Result<Context>> = std::sync::OnceLock::new();
        return PARSED
            .get_or_init(|| context_from(super::geojson_file(path)?, path))
            .clone();
    }
    context_from(super::geojson_file(path)?, path)
}

/// Sorts the features of a parsed GeoJSON file (from `path`, for messages) into a context.
pub fn context_from(input: super::geojson::InputFile, path: &Path) -> Result<Context> {
    let mut out = Context {
        files: vec![path.to_path_buf()],
        ..Context::default()
    };
    for f in input.features {
        let Some(g) = f.geometry else { continue };
        let name = f
            .properties
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let layer = f
            .properties
            .get("layer")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        // ISO 3166 numeric code (world-atlas ids), for names in other languages.
        let codes = CountryCodes {
            numeric: f
                .properties
                .get("id")
                .and_then(|v| v.as_str())
                .map(str::to_string),
            ..CountryCodes::default()
        };
        let names = names_of(&f.properties);
        let kind = super::border::geometry_name(&g);
        let (index, line) = (f.index, f.line);
        let err = |what: &str| {
            Error::input(format!(
                "a context feature with layer '{what}' has a {kind} geometry"
            ))
            .in_file(path)
            .at_feature(index)
            .at_line(line, 1)
            .hint("countries are Polygons, rivers LineStrings, places Points")
        };
        match (layer.as_deref(), g) {
            (Some("country") | None, Geometry::Polygon(p)) => out.countries.push(ContextArea {
                name,
                shape: MultiPolygon(vec![p]),
                codes,
            }),
            (Some("country") | None, Geometry::MultiPolygon(p)) => {
                out.countries.push(ContextArea {
                    name,
                    shape: p,
                    codes,
                });
            }
            (Some("country"), _) => return Err(err("country")),
            (Some("river"), Geometry::LineString(l)) => out.rivers.push(ContextLine {
                name,
                line: MultiLineString(vec![l]),
                names,
            }),
            (Some("river"), Geometry::MultiLineString(l)) => {
                out.rivers.push(ContextLine {
                    name,
                    line: l,
                    names,
                });
            }
            (Some("river"), _) => return Err(err("river")),
            (Some("lake"), Geometry::Polygon(p)) => out.lakes.push(ContextArea {
                name,
                shape: MultiPolygon(vec![p]),
                codes: CountryCodes::default(),
            }),
            (Some("lake"), Geometry::MultiPolygon(p)) => out.lakes.push(ContextArea {
                name,
                shape: p,
                codes: CountryCodes::default(),
            }),
            (Some("lake"), _) => return Err(err("lake")),
            (None, Geometry::LineString(l)) => out.lines.push(ContextLine {
                name,
                line: MultiLineString(vec![l]),
                names,
            }),
            (None, Geometry::MultiLineString(l)) => {
                out.lines.push(ContextLine {
                    name,
                    line: l,
                    names,
                });
            }
            (Some("place") | None, Geometry::Point(p)) => {
                let capital = f
                    .properties
                    .get("capital")
                    .and_then(serde_json::Value::as_bool)
                    .unwrap_or(true);
                let population = f
                    .properties
                    .get("population")
                    .and_then(serde_json::Value::as_u64);
                out.places.push(ContextPlace {
                    name,
                    at: p.0,
                    capital,
                    population,
                    names,
                });
            }
            (Some("place"), _) => return Err(err("place")),
            _ => {}
        }
    }
    Ok(out)
}
