//! The embedded world basemap: Natural Earth countries at 1:110m, 1:50m and 1:10m (world-atlas
//! 2.0.2 TopoJSON, byte for byte), their ISO 3166 codes (i18n-iso-countries), GeoNames towns
//! and Natural Earth rivers (`assets/world/SOURCE.md` has the recipe). Each file is parsed on
//! first use, once per process; [`context_for`] cuts a map's context from them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use geo::{BoundingRect, Coord, Intersects, LineString, MultiPolygon, Polygon, Rect};

use super::context::{Context, ContextArea, ContextLine, ContextPlace, CountryCodes};
use super::topojson::{self, Topology};
use crate::error::{Error, Result};

/// A Natural Earth scale the basemap carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scale {
    /// 1:110 million: continents and the world.
    S110m,
    /// 1:50 million: a continent or a large region.
    S50m,
    /// 1:10 million: a region (the scale of `extract` on `countries-10m.json`).
    S10m,
}

impl Scale {
    /// Every scale, coarsest first.
    pub const ALL: [Scale; 3] = [Scale::S110m, Scale::S50m, Scale::S10m];

    /// `1:110m`, `1:50m`, `1:10m`.
    pub fn label(self) -> &'static str {
        match self {
            Scale::S110m => "1:110m",
            Scale::S50m => "1:50m",
            Scale::S10m => "1:10m",
        }
    }

    /// The embedded file (`<builtin>/world/countries-10m.json`, ...).
    pub fn path(self) -> PathBuf {
        Path::new(super::BUILTIN).join(match self {
            Scale::S110m => "world/countries-110m.json",
            Scale::S50m => "world/countries-50m.json",
            Scale::S10m => "world/countries-10m.json",
        })
    }

    /// The scale fitted to a map whose region spans `span_deg` degrees of latitude (or the
    /// equivalent east–west, longitude degrees × cos latitude): 1:10m up to
    /// [`REGIONAL_SPAN_DEG`], 1:50m up to [`CONTINENTAL_SPAN_DEG`], 1:110m beyond.
    pub fn for_span(span_deg: f64) -> Scale {
        if span_deg <= REGIONAL_SPAN_DEG {
            Scale::S10m
        } else if span_deg <= CONTINENTAL_SPAN_DEG {
            Scale::S50m
        } else {
            Scale::S110m
        }
    }
}

/// Widest region, degrees of latitude, drawn from the 1:10m countries.
pub const REGIONAL_SPAN_DEG: f64 = 30.0;
/// Widest region, degrees of latitude, drawn from the 1:50m countries.
pub const CONTINENTAL_SPAN_DEG: f64 = 80.0;
/// Most towns a context carries (the most populous in its region; the layout picks among them
/// by space).
pub const MAX_TOWNS: usize = 400;

/// The embedded towns file.
pub const TOWNS: &str = "<builtin>/world/towns.tsv";
/// The embedded ISO codes file.
pub const CODES: &str = "<builtin>/world/country-codes.tsv";
/// The embedded rivers file.
pub const RIVERS: &str = "<builtin>/world/rivers-50m.geojson";
/// The embedded lakes file.
pub const LAKES: &str = "<builtin>/world/lakes-50m.geojson";

/// The decoded topology of a scale (parsed once per process).
pub fn topology(scale: Scale) -> Result<&'static Topology> {
    static S110: OnceLock<Result<Topology>> = OnceLock::new();
    static S50: OnceLock<Result<Topology>> = OnceLock::new();
    static S10: OnceLock<Result<Topology>> = OnceLock::new();
    let slot = match scale {
        Scale::S110m => &S110,
        Scale::S50m => &S50,
        Scale::S10m => &S10,
    };
    slot.get_or_init(|| {
        let path = scale.path();
        let bytes = super::read(&path)?;
        let text = super::geojson::utf8(&bytes, &path, "embedded file")?;
        topojson::parse(text, &path)
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// One row of the ISO 3166 codes file, with the country's names by language code.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodeRow {
    /// The codes.
    pub codes: CountryCodes,
    /// Names by language (`en`, `ar`, `ku`, `tr`, `fa`), as the file gives them.
    pub names: Vec<(String, String)>,
}

/// The ISO 3166 codes and names of every country (i18n-iso-countries), by numeric code.
pub fn codes() -> Result<&'static [CodeRow]> {
    static CACHE: OnceLock<Result<Vec<CodeRow>>> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            let path = Path::new(CODES);
            let bytes = super::read(path)?;
            let text = super::geojson::utf8(&bytes, path, "embedded file")?;
            let mut lines = text.lines();
            let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
            let mut out = Vec::new();
            for (i, line) in lines.enumerate() {
                let cells: Vec<&str> = line.split('\t').collect();
                let [numeric, a2, a3, ..] = cells.as_slice() else {
                    return Err(Error::input("a row with fewer than 3 cells")
                        .in_file(path)
                        .at_line(i + 2, 1)
                        .hint("rebuild the asset with tools/world-assets/build.sh"));
                };
                let names = header
                    .iter()
                    .zip(&cells)
                    .skip(3)
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                    .collect();
                out.push(CodeRow {
                    codes: CountryCodes {
                        numeric: Some((*numeric).to_string()),
                        alpha2: Some((*a2).to_string()),
                        alpha3: Some((*a3).to_string()),
                    },
                    names,
                });
            }
            Ok(out)
        })
        .as_deref()
        .map_err(Clone::clone)
}

/// The codes row of a numeric code (`"368"`).
pub fn code_row(numeric: &str) -> Option<&'static CodeRow> {
    codes()
        .ok()?
        .iter()
        .find(|r| r.codes.numeric.as_deref() == Some(numeric))
}

/// A country of the basemap: its name (Natural Earth's), codes and polygons with their
/// bounding boxes (`[lon, lat]` degrees).
#[derive(Debug, Clone)]
pub struct WorldCountry {
    /// Natural Earth `NAME`, e.g. "Iraq".
    pub name: String,
    /// ISO 3166 codes (none for areas without one, e.g. Kosovo, N. Cyprus).
    pub codes: CountryCodes,
    /// Polygons with their bounding boxes (degrees).
    pub parts: Vec<(Polygon<f64>, Rect<f64>)>,
}

/// The countries of a scale with their codes (decoded once per process).
pub fn countries(scale: Scale) -> Result<&'static [WorldCountry]> {
    static S110: OnceLock<Result<Vec<WorldCountry>>> = OnceLock::new();
    static S50: OnceLock<Result<Vec<WorldCountry>>> = OnceLock::new();
    static S10: OnceLock<Result<Vec<WorldCountry>>> = OnceLock::new();
    let slot = match scale {
        Scale::S110m => &S110,
        Scale::S50m => &S50,
        Scale::S10m => &S10,
    };
    slot.get_or_init(|| {
        let topo = topology(scale)?;
        let object = topo.country_object().map(str::to_string);
        let mut out = Vec::new();
        for g in topo
            .geometries
            .iter()
            .filter(|g| Some(&g.object) == object.as_ref())
        {
            let name = g
                .properties
                .get("name")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            let codes =
                g.id.as_deref()
                    .and_then(code_row)
                    .map(|r| r.codes.clone())
                    .unwrap_or_else(|| CountryCodes {
                        numeric: g.id.clone(),
                        ..CountryCodes::default()
                    });
            let parts = topo
                .polygons(g)
                .0
                .into_iter()
                .filter_map(|p| p.bounding_rect().map(|r| (p, r)))
                .collect();
            out.push(WorldCountry { name, codes, parts });
        }
        Ok(out)
    })
    .as_deref()
    .map_err(Clone::clone)
}

/// A town of the basemap (GeoNames, population 10,000 or more, and every national capital).
#[derive(Debug, Clone, PartialEq)]
pub struct Town {
    /// `[lon, lat]` degrees (4 decimals).
    pub at: Coord<f64>,
    /// Population (GeoNames).
    pub population: u64,
    /// A national capital (GeoNames feature code `PPLC`).
    pub capital: bool,
    /// ISO 3166-1 alpha-2 code of its country.
    pub country: String,
    /// Name (GeoNames `name`).
    pub name: String,
}

/// Every embedded town, most populous first (parsed once per process).
pub fn towns() -> Result<&'static [Town]> {
    static CACHE: OnceLock<Result<Vec<Town>>> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            let path = Path::new(TOWNS);
            let bytes = super::read(path)?;
            let text = super::geojson::utf8(&bytes, path, "embedded file")?;
            let mut out = Vec::new();
            for (i, line) in text.lines().enumerate().skip(1) {
                let bad = || {
                    Error::input("a town row is not lon, lat, population, kind, country, name")
                        .in_file(path)
                        .at_line(i + 1, 1)
                        .hint("rebuild the asset with tools/world-assets/build.sh")
                };
                let mut cells = line.split('\t');
                let mut next = || cells.next().ok_or_else(bad);
                let lon: f64 = next()?.parse().map_err(|_| bad())?;
                let lat: f64 = next()?.parse().map_err(|_| bad())?;
                let population: u64 = next()?.parse().map_err(|_| bad())?;
                let capital = next()? == "C";
                let country = next()?.to_string();
                let name = next()?.to_string();
                out.push(Town {
                    at: Coord { x: lon, y: lat },
                    population,
                    capital,
                    country,
                    name,
                });
            }
            Ok(out)
        })
        .as_deref()
        .map_err(Clone::clone)
}

/// Features with their bounding boxes (degrees).
type Boxed<T> = Vec<(T, Rect<f64>)>;

/// The features `pick` takes from an embedded context file with their bounding boxes
/// (`bbox`), parsed once per process into `cache`.
fn boxed<T: Send + Sync>(
    cache: &'static OnceLock<Result<Boxed<T>>>,
    file: &str,
    pick: fn(Context) -> Vec<T>,
    bbox: fn(&T) -> Option<Rect<f64>>,
) -> Result<&'static [(T, Rect<f64>)]> {
    cache
        .get_or_init(|| {
            let path = Path::new(file);
            let c = super::context::context_from(super::geojson_file(path)?, path)?;
            Ok(pick(c)
                .into_iter()
                .filter_map(|t| bbox(&t).map(|b| (t, b)))
                .collect())
        })
        .as_deref()
        .map_err(Clone::clone)
}

/// The basemap's rivers with their bounding boxes.
fn rivers() -> Result<&'static [(ContextLine, Rect<f64>)]> {
    static CACHE: OnceLock<Result<Boxed<ContextLine>>> = OnceLock::new();
    boxed(&CACHE, RIVERS, |c| c.rivers, |r| r.line.bounding_rect())
}

/// The basemap's lakes with their bounding boxes.
fn lakes() -> Result<&'static [(ContextArea, Rect<f64>)]> {
    static CACHE: OnceLock<Result<Boxed<ContextArea>>> = OnceLock::new();
    boxed(&CACHE, LAKES, |c| c.lakes, |l| l.shape.bounding_rect())
}

/// The region a map of `line` is cut from: its bounding box grown by 1.5 times its larger
/// side and half a degree (so that any page shape's frame stays inside), `[lon, lat]`
/// degrees, latitude clamped to ±85.
pub fn region_of(line: &LineString<f64>) -> Option<Rect<f64>> {
    let b = line.bounding_rect()?;
    let mid = b.center().y.to_radians().cos().max(0.2);
    let span = (b.width() * mid).max(b.height());
    let pad_y = span * 1.5 + 0.5;
    let pad_x = pad_y / mid;
    Some(Rect::new(
        Coord {
            x: (b.min().x - pad_x).max(-180.0),
            y: (b.min().y - pad_y).max(-85.0),
        },
        Coord {
            x: (b.max().x + pad_x).min(180.0),
            y: (b.max().y + pad_y).min(85.0),
        },
    ))
}

/// The scale fitted to a region: by its larger side in degrees of latitude.
pub fn scale_for(region: &Rect<f64>) -> Scale {
    let mid = region.center().y.to_radians().cos().max(0.2);
    Scale::for_span((region.width() * mid).max(region.height()))
}

/// The context of a map of `line` from the world basemap: the countries with a polygon in its
/// region (whole polygons, at the scale fitted to the region), the rivers crossing it, its
/// national capitals and its [`MAX_TOWNS`] most populous towns.
pub fn context_for(line: &LineString<f64>) -> Result<Context> {
    let Some(region) = region_of(line) else {
        return Ok(Context::default());
    };
    context_in(region, scale_for(&region))
}

/// The context of a region (`[lon, lat]` degrees) at a scale: the countries with a polygon in
/// it (whole polygons) and [`extras_in`].
pub fn context_in(region: Rect<f64>, scale: Scale) -> Result<Context> {
    let countries = countries(scale)?
        .iter()
        .filter_map(|c| {
            let parts: Vec<Polygon<f64>> = c
                .parts
                .iter()
                .filter(|(_, r)| r.intersects(&region))
                .map(|(p, _)| p.clone())
                .collect();
            (!parts.is_empty()).then(|| ContextArea {
                name: c.name.clone(),
                shape: MultiPolygon(parts),
                codes: c.codes.clone(),
            })
        })
        .collect();
    let mut out = Context {
        files: vec![scale.path()],
        countries,
        attribution: vec![format!(
            "Countries: Natural Earth {} (public domain)",
            scale.label()
        )],
        ..Context::default()
    };
    out.extend(extras_in(region)?);
    Ok(out)
}

/// The rivers and lakes of a region (`[lon, lat]` degrees), its national capitals and its
/// [`MAX_TOWNS`] most populous towns: the basemap without countries (e.g. for a countries
/// file of the user's own).
pub fn extras_in(region: Rect<f64>) -> Result<Context> {
    let rivers = rivers()?
        .iter()
        .filter(|(_, r)| r.intersects(&region))
        .map(|(l, _)| l.clone())
        .collect();
    let lakes = lakes()?
        .iter()
        .filter(|(_, r)| r.intersects(&region))
        .map(|(l, _)| l.clone())
        .collect();
    let inside: Vec<&Town> = towns()?
        .iter()
        .filter(|t| region.intersects(&t.at))
        .collect();
    let place = |t: &&Town| ContextPlace {
        name: t.name.clone(),
        at: t.at,
        capital: t.capital,
        population: Some(t.population),
        names: std::collections::BTreeMap::new(),
    };
    let mut places: Vec<ContextPlace> = inside.iter().filter(|t| t.capital).map(place).collect();
    places.extend(
        inside
            .iter()
            .filter(|t| !t.capital)
            .take(MAX_TOWNS)
            .map(place),
    );
    Ok(Context {
        files: vec![
            PathBuf::from(RIVERS),
            PathBuf::from(LAKES),
            PathBuf::from(TOWNS),
        ],
        rivers,
        lakes,
        places,
        attribution: vec![
            "Rivers and lakes: Natural Earth 1:50m (public domain)".to_string(),
            "Towns: GeoNames (CC BY 4.0)".to_string(),
        ],
        ..Context::default()
    })
}

/// A country of the 1:10m basemap named by `query`: its numeric id (`"368"`) when the query
/// is an ISO 3166 alpha-2 or alpha-3 code or a name the codes file gives (any language),
/// else the query unchanged (for [`crate::extract`] to match by name or id).
pub fn resolve_country(query: &str) -> String {
    let q = query.trim();
    let Ok(rows) = codes() else {
        return q.to_string();
    };
    let hit = rows.iter().find(|r| {
        [&r.codes.alpha2, &r.codes.alpha3]
            .into_iter()
            .flatten()
            .any(|c| c.eq_ignore_ascii_case(q))
            || r.names
                .iter()
                .any(|(_, n)| n.to_lowercase() == q.to_lowercase())
    });
    match hit.and_then(|r| r.codes.numeric.clone()) {
        Some(n) => n,
        None => q.to_string(),
    }
}

/// A country's name in language `lang` from the codes file (i18n-iso-countries), by its
/// numeric code (`"368"`); `None` where the file has none.
pub fn country_name(numeric: &str, lang: &str) -> Option<String> {
    code_row(numeric)?
        .names
        .iter()
        .find(|(l, _)| l == lang)
        .map(|(_, n)| n.clone())
}
