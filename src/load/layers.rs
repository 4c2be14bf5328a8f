//! The human-edited layers file (TOML): which value each stretch of the border has, from when,
//! and who says so. Parsed here into [`Layers`]; placed on a border by `overlay`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Polygon};
use serde::Deserialize;
use toml::Spanned;

use crate::date::Date;
use crate::error::{Error, Result};

/// Where an interval starts or ends along the border.
#[derive(Debug, Clone, PartialEq)]
pub enum Position {
    /// The first vertex of the border.
    Start,
    /// The last vertex of the border.
    End,
    /// Kilometres from the start.
    Km(f64),
    /// A named place from the places file, snapped to its nearest point on the border, then
    /// moved `offset_km` along the border (positive towards the end).
    Place {
        /// The place's `name` (or `name_ar`, ...), matched without regard to case.
        name: String,
        /// Kilometres to move along the border after snapping.
        offset_km: f64,
    },
    /// A coordinate `[lon, lat]`, snapped to its nearest point on the border, then moved
    /// `offset_km` along it.
    Coord {
        /// The point, `[lon, lat]` degrees.
        at: Coord<f64>,
        /// Kilometres to move along the border after snapping.
        offset_km: f64,
    },
    /// Where a named river of the rivers file (`[dataset] rivers`) crosses the border
    /// (`{ river = "Euphrates" }`), then moved `offset_km` along it. The crossing is computed
    /// when the interval is placed ([`crate::border::Border::line_crossings`]); the river must
    /// cross the border exactly once.
    River {
        /// The river's `name` in the rivers file.
        name: String,
        /// Kilometres to move along the border from the crossing.
        offset_km: f64,
        /// The river's course: the lines of every feature of that name, `[lon, lat]` degrees.
        course: MultiLineString<f64>,
        /// The rivers file the course came from (for messages).
        file: PathBuf,
        /// 1-based line of the position in the layers file.
        line: usize,
        /// 1-based column of the position in the layers file.
        column: usize,
    },
}

/// An area whose intersection with the border is an interval (or several).
#[derive(Debug, Clone, PartialEq)]
pub enum Zone {
    /// A geodesic circle: all points within `radius_m` metres of `center` (`[lon, lat]`).
    Circle {
        /// Centre, `[lon, lat]` degrees.
        center: Coord<f64>,
        /// Radius in metres.
        radius_m: f64,
    },
    /// A polygon in `[lon, lat]` degrees (edges straight in longitude/latitude, as RFC 7946).
    Polygon(MultiPolygon<f64>),
}

/// Where an interval lies.
#[derive(Debug, Clone, PartialEq)]
pub enum Extent {
    /// Between two positions.
    Between(Position, Position),
    /// Wherever the border is inside the zone.
    Zone(Zone),
}

/// One dated, sourced claim about a stretch of the border.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// The value on this stretch, e.g. `SDF` or `built`.
    pub value: String,
    /// Where the stretch lies.
    pub extent: Extent,
    /// Date from which the claim holds (the date of the source).
    pub as_of: Date,
    /// Date from which it no longer holds, if known.
    pub until: Option<Date>,
    /// Who says so: outlet, date, what was said.
    pub source: String,
    /// Caveats, e.g. that a position is approximate.
    pub note: Option<String>,
    /// The source in short, outlet and date (e.g. `Rudaw, 2024-05-12`), for maps too small for
    /// the whole `source`. `None`: the source up to its first `": "`.
    pub cite: Option<String>,
    /// Whether a position of this stretch is approximate (e.g. a town snapped to the line); the
    /// map says so.
    pub approximate: bool,
    /// Where intervals of a layer overlap, the higher priority wins, then the newer `as_of`.
    pub priority: i32,
    /// 1-based line of the interval in the layers file (0 when not from a file).
    pub line: usize,
}

/// A claim that gives no place on the border (e.g. "400 km completed"): listed, not drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Unplaced {
    /// The value claimed, e.g. `built`.
    pub value: String,
    /// The length claimed, kilometres, as the source says.
    pub claimed_km: Option<f64>,
    /// Date of the source.
    pub as_of: Date,
    /// Who says so.
    pub source: String,
    /// Caveats.
    pub note: Option<String>,
    /// The source in short (see [`Interval::cite`]).
    pub cite: Option<String>,
}

/// How a value of a layer drawn around the line (the second layer, e.g. a wall) is drawn:
/// `[[layer]] casing = { "built" = "ticks", "under construction" = "dashed" }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    /// A thin halo only (as for the layer's default value).
    None,
    /// A solid dark casing with perpendicular ticks.
    Ticks,
    /// A dashed dark casing.
    Dashed,
    /// A dotted dark casing.
    Dotted,
}

impl Casing {
    /// The casing named `s` (`none`, `ticks`, `dashed`, `dotted`).
    pub fn parse(s: &str) -> Option<Casing> {
        match s {
            "none" => Some(Casing::None),
            "ticks" => Some(Casing::Ticks),
            "dashed" => Some(Casing::Dashed),
            "dotted" => Some(Casing::Dotted),
            _ => None,
        }
    }
}

/// One attribute layer (e.g. `authority`, `wall`).
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// Identifier used in output keys, CSS classes and `data-*` attributes.
    pub id: String,
    /// Title for legends, e.g. "Controlled by".
    pub title: String,
    /// Value of stretches no interval covers; `None` leaves them as gaps (reported).
    pub default: Option<String>,
    /// The claims, in file order.
    pub intervals: Vec<Interval>,
    /// Claims with no place on the border.
    pub unplaced: Vec<Unplaced>,
    /// Translations of values: value → language code → text (e.g. `"ar"`).
    pub value_names: BTreeMap<String, BTreeMap<String, String>>,
    /// Translations of the title: language code → text (`[layer.titles] ar = "..."`).
    pub title_names: BTreeMap<String, String>,
    /// How each value is drawn around the line when this is the second layer (values not
    /// listed: ticks, dashed, dotted in turn).
    pub casings: BTreeMap<String, Casing>,
}

impl Layer {
    /// The title in language `lang` (`en`, `ar`, ...), falling back to [`Layer::title`].
    pub fn title_in(&self, lang: &str) -> &str {
        self.title_names.get(lang).map_or(&self.title, |t| t)
    }

    /// `value` in language `lang`, from [`Layer::value_names`], falling back to `value` itself.
    pub fn value_in<'v>(&'v self, value: &'v str, lang: &str) -> &'v str {
        self.value_names
            .get(value)
            .and_then(|n| n.get(lang))
            .map_or(value, |t| t)
    }
}

/// A named point used to place intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// English name.
    pub name: String,
    /// Other names by language code (`ar`, `ku`, ...), from `name_ar`, ... properties.
    pub names: BTreeMap<String, String>,
    /// `[lon, lat]` degrees.
    pub at: Coord<f64>,
    /// `kind` property (e.g. `town`, `crossing`).
    pub kind: Option<String>,
    /// ISO alpha-3 country, if given.
    pub country: Option<String>,
}

impl Place {
    /// The name in language `lang` (`en`, `ar`, ...): from `name_<lang>`, falling back to the
    /// English `name`.
    pub fn name_in(&self, lang: &str) -> &str {
        self.names.get(lang).map_or(&self.name, |n| n)
    }
}

/// A parsed layers file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layers {
    /// The file it came from (for messages).
    pub file: PathBuf,
    /// Map title, if the file gives one.
    pub title: Option<String>,
    /// Translations of the title: language code → text (`[dataset] titles = { ar = "..." }`).
    pub titles: BTreeMap<String, String>,
    /// The border's name by language (`[dataset] border_names = { en = "Iraq–Syria border",
    /// ar = "..." }`), for subtitles and descriptions in that language.
    pub border_names: BTreeMap<String, String>,
    /// The border file named by the layers file, relative to it.
    pub border: Option<String>,
    /// The places file named by the layers file, relative to it.
    pub places: Option<String>,
    /// The rivers file named by the layers file (`[dataset] rivers`), relative to it: GeoJSON
    /// lines with a `name` (features with `layer` = `river`, or with no `layer`), for
    /// `{ river = "Name" }` positions.
    pub rivers: Option<String>,
    /// The default `--as-of` date.
    pub as_of: Option<Date>,
    /// Attribution lines for the data (printed in map footers).
    pub attribution: Vec<String>,
    /// The layers in file order.
    pub layers: Vec<Layer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    dataset: Option<RawDataset>,
    #[serde(default)]
    layer: Vec<Spanned<RawLayer>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDataset {
    title: Option<String>,
    #[serde(default)]
    titles: BTreeMap<String, String>,
    #[serde(default)]
    border_names: BTreeMap<String, String>,
    border: Option<String>,
    places: Option<String>,
    rivers: Option<Spanned<String>>,
    as_of: Option<Spanned<toml::Value>>,
    #[serde(default)]
    attribution: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayer {
    id: String,
    title: Option<String>,
    default: Option<String>,
    #[serde(default)]
    interval: Vec<Spanned<RawInterval>>,
    #[serde(default)]
    unplaced: Vec<Spanned<RawUnplaced>>,
    #[serde(default)]
    names: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    titles: BTreeMap<String, String>,
    #[serde(default)]
    casing: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInterval {
    value: String,
    from: Option<Spanned<toml::Value>>,
    to: Option<Spanned<toml::Value>>,
    zone: Option<Spanned<toml::Value>>,
    as_of: Spanned<toml::Value>,
    until: Option<Spanned<toml::Value>>,
    source: String,
    note: Option<String>,
    cite: Option<String>,
    #[serde(default)]
    approximate: bool,
    #[serde(default)]
    priority: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnplaced {
    value: String,
    claimed_km: Option<f64>,
    as_of: Spanned<toml::Value>,
    source: String,
    note: Option<String>,
    cite: Option<String>,
}

/// 1-based (line, column) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Lines by name (the rivers of a rivers file), in file order.
type NamedLines = Vec<(String, MultiLineString<f64>)>;

struct Ctx<'a> {
    text: &'a str,
    file: &'a Path,
    /// The rivers file (as read) and its named lines, when `[dataset] rivers` is given and a
    /// position names a river.
    rivers: Option<(PathBuf, NamedLines)>,
}

impl Ctx<'_> {
    fn err(&self, span: std::ops::Range<usize>, msg: impl Into<String>, hint: &str) -> Error {
        let (l, c) = line_col(self.text, span.start);
        Error::input(msg)
            .in_file(self.file)
            .at_line(l, c)
            .hint(hint)
    }

    fn date(&self, v: &Spanned<toml::Value>) -> Result<Date> {
        let s = match v.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::Integer(i) => i.to_string(),
            _ => String::new(),
        };
        Date::parse(&s).map_err(|e| {
            let (l, c) = line_col(self.text, v.span().start);
            e.in_file(self.file).at_line(l, c)
        })
    }

    fn coord(&self, v: &toml::Value, span: std::ops::Range<usize>) -> Result<Coord<f64>> {
        let arr = v
            .as_array()
            .map(|a| a.iter().map(as_f64).collect::<Vec<_>>());
        match arr.as_deref() {
            Some([Some(x), Some(y)])
                if (-180.0..=180.0).contains(x) && (-90.0..=90.0).contains(y) =>
            {
                Ok(Coord { x: *x, y: *y })
            }
            _ => Err(self.err(
                span,
                format!("'{v}' is not a coordinate"),
                "write a coordinate as [longitude, latitude] in degrees",
            )),
        }
    }

    fn position(&self, v: &Spanned<toml::Value>, which: &str) -> Result<Position> {
        let span = v.span();
        let hint = "a position is \"start\", \"end\", { km = 12.5 }, { place = \"Name\" }, { coord = [lon, lat] } or { river = \"Name\" } (place, coord and river take offset_km)";
        match v.get_ref() {
            toml::Value::String(s) if s == "start" => Ok(Position::Start),
            toml::Value::String(s) if s == "end" => Ok(Position::End),
            toml::Value::Table(t) => {
                let offset_km = match t.get("offset_km") {
                    Some(o) => as_f64(o).ok_or_else(|| {
                        self.err(
                            span.clone(),
                            format!("'{which}': offset_km must be a number"),
                            hint,
                        )
                    })?,
                    None => 0.0,
                };
                for k in t.keys() {
                    if !["km", "place", "coord", "river", "offset_km"].contains(&k.as_str()) {
                        return Err(self.err(
                            span,
                            format!("'{which}' has an unknown key '{k}'"),
                            hint,
                        ));
                    }
                }
                match (t.get("km"), t.get("place"), t.get("coord"), t.get("river")) {
                    (Some(km), None, None, None) if t.get("offset_km").is_none() => {
                        match as_f64(km) {
                            Some(k) if k.is_finite() => Ok(Position::Km(k)),
                            _ => {
                                Err(self.err(span, format!("'{which}': km must be a number"), hint))
                            }
                        }
                    }
                    (None, Some(toml::Value::String(name)), None, None) => Ok(Position::Place {
                        name: name.clone(),
                        offset_km,
                    }),
                    (None, None, Some(c), None) => Ok(Position::Coord {
                        at: self.coord(c, span)?,
                        offset_km,
                    }),
                    (None, None, None, Some(toml::Value::String(name))) => {
                        self.river(name, offset_km, span)
                    }
                    _ => Err(self.err(span, format!("'{which}' is not a position"), hint)),
                }
            }
            other => Err(self.err(span, format!("'{which}' = {other} is not a position"), hint)),
        }
    }

    /// `{ river = "name" }`: the course of that river from the rivers file.
    fn river(&self, name: &str, offset_km: f64, span: std::ops::Range<usize>) -> Result<Position> {
        let Some((file, rivers)) = &self.rivers else {
            return Err(self.err(
                span,
                format!("the position names the river '{name}', but no rivers file is named"),
                "name the file with the river lines in [dataset]: rivers = \"context-10m.geojson\" (the embedded context has the Euphrates and the Tigris)",
            ));
        };
        let lower = name.to_lowercase();
        let matching: Vec<&MultiLineString<f64>> = {
            let exact: Vec<_> = rivers.iter().filter(|(n, _)| n == name).collect();
            let chosen = if exact.is_empty() {
                rivers
                    .iter()
                    .filter(|(n, _)| n.to_lowercase() == lower)
                    .collect()
            } else {
                exact
            };
            chosen.into_iter().map(|(_, l)| l).collect()
        };
        if matching.is_empty() {
            let mut known: Vec<&str> = rivers.iter().map(|(n, _)| n.as_str()).collect();
            known.sort_unstable();
            known.dedup();
            return Err(self.err(
                span,
                format!("no river '{name}' in the rivers file {}", file.display()),
                &if known.is_empty() {
                    "the rivers file has no named lines: give each river a \"name\" property"
                        .to_string()
                } else {
                    format!("rivers in that file: {}", known.join(", "))
                },
            ));
        }
        let course = MultiLineString(
            matching
                .iter()
                .flat_map(|m| m.0.iter().cloned())
                .collect::<Vec<LineString<f64>>>(),
        );
        let (line, column) = line_col(self.text, span.start);
        Ok(Position::River {
            name: name.to_string(),
            offset_km,
            course,
            file: file.clone(),
            line,
            column,
        })
    }

    fn zone(
        &self,
        v: &Spanned<toml::Value>,
        base: &Path,
        read: &dyn Fn(&Path) -> Result<Vec<u8>>,
    ) -> Result<Zone> {
        let span = v.span();
        let hint = "a zone is { circle = { center = [lon, lat], radius_km = 55 } } or { polygon = \"zone.geojson\" }";
        let t = v
            .get_ref()
            .as_table()
            .ok_or_else(|| self.err(span.clone(), "'zone' must be a table", hint))?;
        if let Some(c) = t.get("circle") {
            let ct = c
                .as_table()
                .ok_or_else(|| self.err(span.clone(), "'circle' must be a table", hint))?;
            let center = self.coord(
                ct.get("center").unwrap_or(&toml::Value::Boolean(false)),
                span.clone(),
            )?;
            let r = ct
                .get("radius_km")
                .and_then(as_f64)
                .filter(|r| r.is_finite() && *r > 0.0);
            let Some(r) = r else {
                return Err(self.err(span, "a circle needs radius_km > 0", hint));
            };
            return Ok(Zone::Circle {
                center,
                radius_m: r * 1000.0,
            });
        }
        if let Some(toml::Value::String(p)) = t.get("polygon") {
            let path = base.join(p);
            let bytes = read(&path).map_err(|e| {
                let (l, c) = line_col(self.text, span.start);
                Error {
                    message: format!(
                        "cannot read the zone polygon '{}': {}",
                        path.display(),
                        e.message
                    ),
                    location: crate::error::Location::default(),
                    ..e
                }
                .in_file(self.file)
                .at_line(l, c)
                .hint("zone polygon files are read relative to the layers file; check the name")
            })?;
            let text = crate::load::geojson::text_from_bytes(&bytes, &path)?;
            let input = crate::load::geojson::parse(text, &path)?;
            let mut polys: Vec<Polygon<f64>> = Vec::new();
            for f in input.features {
                match f.geometry {
                    Some(geo::Geometry::Polygon(p)) => polys.push(p),
                    Some(geo::Geometry::MultiPolygon(m)) => polys.extend(m.0),
                    _ => {
                        return Err(Error::input(
                            "a zone file may hold only Polygon or MultiPolygon features",
                        )
                        .in_file(&path)
                        .at_feature(f.index)
                        .hint("draw the zone as a polygon"));
                    }
                }
            }
            return Ok(Zone::Polygon(MultiPolygon(polys)));
        }
        Err(self.err(span, "unknown zone", hint))
    }
}

fn as_f64(v: &toml::Value) -> Option<f64> {
    match v {
        toml::Value::Float(f) => Some(*f),
        toml::Value::Integer(i) => Some(*i as f64),
        _ => None,
    }
}

/// Parses a layers file. `read` reads files it names (zone polygons), relative to `base`.
pub fn parse(
    text: &str,
    file: &Path,
    base: &Path,
    read: &dyn Fn(&Path) -> Result<Vec<u8>>,
) -> Result<Layers> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let (l, c) = e.span().map_or((0, 0), |s| line_col(text, s.start));
        let msg = e.message().to_string();
        let hint = if msg.contains("missing field `source`") {
            "every interval needs a source: who said it, where and when"
        } else if msg.contains("missing field `as_of`") {
            "every interval needs the date of its source: as_of = 2024-05-12"
        } else if msg.contains("unknown field") {
            "check the spelling against the layers file format in the README"
        } else if msg.contains("invalid date") || msg.contains("invalid time") {
            "write dates as YYYY-MM-DD and check the month (01-12) and the day of the month"
        } else if msg.contains("recurs") {
            "a layers file never nests that deep; check how it was written"
        } else {
            "fix the TOML at this position"
        };
        Error::input(format!("invalid layers file: {}", msg.trim_end()))
            .in_file(file)
            .at_line(l, c)
            .hint(hint)
    })?;
    let mut cx = Ctx {
        text,
        file,
        rivers: None,
    };
    let mut out = Layers {
        file: file.to_path_buf(),
        ..Layers::default()
    };
    if let Some(d) = raw.dataset {
        out.title = d.title;
        out.titles = d.titles;
        out.border_names = d.border_names;
        out.border = d.border;
        out.places = d.places;
        out.attribution = d.attribution;
        out.as_of = d.as_of.as_ref().map(|v| cx.date(v)).transpose()?;
        if let Some(r) = d.rivers {
            // Read only when a position names a river.
            if names_a_river(&raw.layer) {
                cx.rivers = Some(read_rivers(&cx, &r, base, read)?);
            }
            out.rivers = Some(r.into_inner());
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for sl in raw.layer {
        let lspan = sl.span();
        let rl = sl.into_inner();
        if rl.id.is_empty()
            || !rl
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(cx.err(
                lspan,
                format!("layer id '{}' must be letters, digits, '-' or '_'", rl.id),
                "e.g. id = \"authority\"",
            ));
        }
        if !seen.insert(rl.id.clone()) {
            return Err(cx.err(
                lspan,
                format!("layer '{}' is defined twice", rl.id),
                "merge the two [[layer]] tables",
            ));
        }
        let mut casings = BTreeMap::new();
        for (value, name) in &rl.casing {
            let c = Casing::parse(name).ok_or_else(|| {
                cx.err(
                    lspan.clone(),
                    format!("layer '{}': casing '{name}' of '{value}' is unknown", rl.id),
                    "use none, ticks, dashed or dotted",
                )
            })?;
            casings.insert(value.clone(), c);
        }
        let mut layer = Layer {
            title: rl.title.unwrap_or_else(|| rl.id.clone()),
            id: rl.id,
            default: rl.default,
            intervals: Vec::new(),
            unplaced: Vec::new(),
            value_names: rl.names,
            title_names: rl.titles,
            casings,
        };
        for si in rl.interval {
            let span = si.span();
            let (line, _) = line_col(text, span.start);
            let ri = si.into_inner();
            if ri.value.trim().is_empty() {
                return Err(cx.err(
                    span,
                    "an interval has an empty value",
                    "give the value, e.g. value = \"SDF\"",
                ));
            }
            if ri.source.trim().is_empty() {
                return Err(cx.err(
                    span,
                    "an interval has an empty source",
                    "every interval needs a source: who said it, where and when",
                ));
            }
            let extent = match (&ri.from, &ri.to, &ri.zone) {
                (Some(f), Some(t), None) => {
                    Extent::Between(cx.position(f, "from")?, cx.position(t, "to")?)
                }
                (None, None, Some(z)) => Extent::Zone(cx.zone(z, base, read)?),
                _ => {
                    return Err(cx.err(
                        span,
                        format!(
                            "interval '{}' needs either from and to, or a zone",
                            ri.value
                        ),
                        "add from = ... and to = ..., or zone = { circle = ... }",
                    ));
                }
            };
            let as_of = cx.date(&ri.as_of)?;
            let until = ri.until.as_ref().map(|u| cx.date(u)).transpose()?;
            if let Some(u) = until
                && u.on_or_before(&as_of)
            {
                return Err(cx.err(
                    span,
                    format!(
                        "interval '{}': until {u} is not after as_of {as_of}",
                        ri.value
                    ),
                    "until is the first date the claim no longer holds",
                ));
            }
            layer.intervals.push(Interval {
                value: ri.value,
                extent,
                as_of,
                until,
                source: ri.source,
                note: ri.note,
                cite: ri.cite,
                approximate: ri.approximate,
                priority: ri.priority,
                line,
            });
        }
        for su in rl.unplaced {
            let ru = su.into_inner();
            layer.unplaced.push(Unplaced {
                value: ru.value,
                claimed_km: ru.claimed_km,
                as_of: cx.date(&ru.as_of)?,
                source: ru.source,
                note: ru.note,
                cite: ru.cite,
            });
        }
        out.layers.push(layer);
    }
    Ok(out)
}

/// Whether any interval's `from` or `to` is a `{ river = ... }` position.
fn names_a_river(layers: &[Spanned<RawLayer>]) -> bool {
    layers
        .iter()
        .flat_map(|l| &l.get_ref().interval)
        .flat_map(|i| [&i.get_ref().from, &i.get_ref().to])
        .flatten()
        .any(|p| {
            p.get_ref()
                .as_table()
                .is_some_and(|t| t.contains_key("river"))
        })
}

/// Reads the rivers file `name` (relative to `base`): its named lines, in file order.
fn read_rivers(
    cx: &Ctx<'_>,
    name: &Spanned<String>,
    base: &Path,
    read: &dyn Fn(&Path) -> Result<Vec<u8>>,
) -> Result<(PathBuf, NamedLines)> {
    let path = base.join(name.get_ref());
    if path == Path::new(crate::load::DEFAULT_CONTEXT) {
        // The embedded context: parsed once per process (the map reads it too).
        let ctx = crate::load::context::context(&path)?;
        return Ok((path, named_lines(ctx)));
    }
    let bytes = read(&path).map_err(|e| {
        let (l, c) = line_col(cx.text, name.span().start);
        Error {
            message: format!(
                "cannot read the rivers file '{}': {}",
                path.display(),
                e.message
            ),
            location: crate::error::Location::default(),
            ..e
        }
        .in_file(cx.file)
        .at_line(l, c)
        .hint("the rivers file is read relative to the layers file; check the name")
    })?;
    let text = crate::load::geojson::text_from_bytes(&bytes, &path)?;
    let input = crate::load::geojson::parse(text, &path)?;
    let ctx = crate::load::context::context_from(input, &path)?;
    Ok((path, named_lines(ctx)))
}

/// The named lines of a context: its rivers, then its other lines.
fn named_lines(ctx: crate::load::context::Context) -> NamedLines {
    ctx.rivers
        .into_iter()
        .chain(ctx.lines)
        .filter(|l| !l.name.is_empty())
        .map(|l| (l.name, l.line))
        .collect()
}

/// Reads named points from GeoJSON features: `name` (required), `name_xx` translations,
/// `kind`, `country`.
pub fn places_from(input: crate::load::geojson::InputFile, file: &Path) -> Result<Vec<Place>> {
    let mut out = Vec::new();
    for f in input.features {
        let Some(geo::Geometry::Point(p)) = f.geometry else {
            let found = f
                .geometry
                .as_ref()
                .map_or("no geometry", crate::load::border::geometry_name);
            return Err(Error::input(format!(
                "a place must be a Point, this is {found}: is this the places file?"
            ))
            .in_file(file)
            .at_feature(f.index)
            .at_line(f.line, 1)
            .hint("give each place as a Point feature with a \"name\" property"));
        };
        let Some(name) = crate::load::geojson::prop_str(&f.properties, "name") else {
            return Err(Error::input("a place has no \"name\" property")
                .in_file(file)
                .at_feature(f.index)
                .at_line(f.line, 1)
                .hint("add \"name\": \"...\" to its properties"));
        };
        let names = f
            .properties
            .iter()
            .filter_map(|(k, v)| {
                let lang = k.strip_prefix("name_")?;
                Some((lang.to_string(), v.as_str()?.to_string()))
            })
            .collect();
        out.push(Place {
            name,
            names,
            at: p.0,
            kind: crate::load::geojson::prop_str(&f.properties, "kind"),
            country: crate::load::geojson::prop_str(&f.properties, "country"),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::border::Border;
    use crate::overlay::overlay;

    /// Rivers for a border along lon 0 from lat 0 to lat 2: "Once" crosses at lat 1, "Twice"
    /// crosses at lat 0.5 and 0.9, "Never" stays east, "Split" is two features that meet on
    /// the border at lat 1.5 (one crossing).
    const RIVERS: &str = r#"{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"layer": "river", "name": "Once"}, "geometry": {"type": "LineString", "coordinates": [[-1, 1], [1, 1]]}},
{"type": "Feature", "properties": {"layer": "river", "name": "Twice"}, "geometry": {"type": "LineString", "coordinates": [[-1, 0.5], [1, 0.5], [1, 0.9], [-1, 0.9]]}},
{"type": "Feature", "properties": {"layer": "river", "name": "Never"}, "geometry": {"type": "LineString", "coordinates": [[1, 0], [2, 0]]}},
{"type": "Feature", "properties": {"layer": "river", "name": "Split"}, "geometry": {"type": "LineString", "coordinates": [[-1, 1.5], [0, 1.5]]}},
{"type": "Feature", "properties": {"layer": "river", "name": "Split"}, "geometry": {"type": "LineString", "coordinates": [[0, 1.5], [1, 1.5]]}},
{"type": "Feature", "properties": {"layer": "country", "name": "Land"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}
]}"#;

    fn read(p: &Path) -> Result<Vec<u8>> {
        if p.ends_with("rivers.geojson") {
            Ok(RIVERS.as_bytes().to_vec())
        } else {
            Err(Error::input("no such file"))
        }
    }

    fn layers_with(to: &str, rivers: bool) -> Result<Layers> {
        let dataset = if rivers {
            "[dataset]\nrivers = \"rivers.geojson\"\n"
        } else {
            ""
        };
        let text = format!(
            "{dataset}[[layer]]\nid = \"a\"\n[[layer.interval]]\nvalue = \"x\"\nfrom = \"start\"\nto = {to}\nas_of = 2024\nsource = \"test\"\n"
        );
        parse(&text, Path::new("l.toml"), Path::new("dir"), &read)
    }

    fn border() -> Border {
        Border::new(
            "test",
            LineString::from(vec![(0.0, 0.0), (0.0, 1.2), (0.0, 2.0)]),
        )
        .unwrap()
    }

    /// Places the layers' intervals on the test border: the first segment's end, metres.
    fn place(l: &Layers) -> Result<f64> {
        let date = Date::parse("2025")?;
        let o = overlay(&border(), &l.layers, &[], &[], &date, &l.file)?;
        Ok(o.segments.first().map_or(0.0, |s| s.to_m))
    }

    #[test]
    fn a_river_position_is_where_the_river_crosses_the_border() {
        let l = layers_with("{ river = \"Once\" }", true).unwrap();
        assert_eq!(l.rivers.as_deref(), Some("rivers.geojson"));
        let want = border().snap(Coord { x: 0.0, y: 1.0 }).along_m;
        let got = place(&l).unwrap();
        assert!((got - want).abs() < 1e-6, "{got} vs {want}");
        // Matched without regard to case, and moved by offset_km.
        let l = layers_with("{ river = \"once\", offset_km = 10 }", true).unwrap();
        let got = place(&l).unwrap();
        assert!(
            (got - want - 10_000.0).abs() < 1e-6,
            "{got} vs {want} + 10 km"
        );
        // Two features meeting on the border cross it once.
        let l = layers_with("{ river = \"Split\" }", true).unwrap();
        let want = border().snap(Coord { x: 0.0, y: 1.5 }).along_m;
        assert!((place(&l).unwrap() - want).abs() < 1e-6);
    }

    #[test]
    fn a_river_that_crosses_never_or_twice_is_an_error_at_the_position() {
        let l = layers_with("{ river = \"Twice\" }", true).unwrap();
        let e = place(&l).unwrap_err();
        assert!(e.message.contains("'Twice'"), "{e}");
        assert!(e.message.contains("2 times"), "{e}");
        assert!(e.message.contains("rivers.geojson"), "{e}");
        assert_eq!(e.location.file.as_deref(), Some(Path::new("l.toml")));
        assert_eq!((e.location.line, e.location.column), (Some(8), Some(6)));
        assert!(e.hint.contains("exactly one crossing"), "{e}");
        let l = layers_with("{ river = \"Never\" }", true).unwrap();
        let e = place(&l).unwrap_err();
        assert!(e.message.contains("does not cross the border"), "{e}");
        assert_eq!((e.location.line, e.location.column), (Some(8), Some(6)));
    }

    #[test]
    fn a_river_position_needs_a_rivers_file_that_has_the_river() {
        let e = layers_with("{ river = \"Once\" }", false).unwrap_err();
        assert!(e.message.contains("no rivers file"), "{e}");
        assert!(e.hint.contains("rivers = "), "{e}");
        assert_eq!((e.location.line, e.location.column), (Some(6), Some(6)));
        let e = layers_with("{ river = \"Nile\" }", true).unwrap_err();
        assert!(e.message.contains("no river 'Nile'"), "{e}");
        assert!(e.hint.contains("Never, Once, Split, Twice"), "{e}");
        assert_eq!((e.location.line, e.location.column), (Some(8), Some(6)));
        // A rivers file that cannot be read is reported at its name in [dataset].
        let text = "[dataset]\nrivers = \"missing.geojson\"\n[[layer]]\nid = \"a\"\n[[layer.interval]]\nvalue = \"x\"\nfrom = \"start\"\nto = { river = \"Once\" }\nas_of = 2024\nsource = \"test\"\n";
        let e = parse(text, Path::new("l.toml"), Path::new("dir"), &read).unwrap_err();
        assert!(e.message.contains("cannot read the rivers file"), "{e}");
        assert_eq!((e.location.line, e.location.column), (Some(2), Some(10)));
        // Not read at all when no position names a river.
        let text = "[dataset]\nrivers = \"missing.geojson\"\n";
        let l = parse(text, Path::new("l.toml"), Path::new("dir"), &read).unwrap();
        assert_eq!(l.rivers.as_deref(), Some("missing.geojson"));
    }
}
