//! Parsing the layers file: the raw TOML shapes (with spans for line and column), positions,
//! zones and dates checked one by one, then [`parse`] assembles [`Layers`]; [`places_from`]
//! reads a places file's points.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Polygon};
use serde::Deserialize;
use toml::Spanned;

use super::{Casing, Extent, Interval, Layer, Layers, Place, Position, Unplaced, Zone};
use crate::date::Date;
use crate::error::{Error, Result};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    dataset: Option<RawDataset>,
    #[serde(default)]
    layer: Vec<Spanned<RawLayer>>,
    #[serde(default)]
    source: Vec<Spanned<super::records::RawSource>>,
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
    source: Option<String>,
    note: Option<String>,
    cite: Option<String>,
    #[serde(default)]
    approximate: bool,
    #[serde(default)]
    priority: i32,
    id: Option<String>,
    url: Option<Spanned<String>>,
    accessed: Option<Spanned<toml::Value>>,
    sources: Option<Spanned<Vec<String>>>,
    disputed_by: Option<Spanned<Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnplaced {
    value: String,
    claimed_km: Option<f64>,
    as_of: Spanned<toml::Value>,
    source: Option<String>,
    note: Option<String>,
    cite: Option<String>,
    url: Option<Spanned<String>>,
    accessed: Option<Spanned<toml::Value>>,
    sources: Option<Spanned<Vec<String>>>,
}

/// 1-based (line, column) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Byte offsets where each line of `text` starts (0 first): [`Ctx::line_col`] finds a line by
/// binary search instead of counting newlines from the start each time.
fn line_starts(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    out.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    out
}

/// Lines by name (the rivers of a rivers file), in file order.
type NamedLines = Vec<(String, MultiLineString<f64>)>;

pub(super) struct Ctx<'a> {
    pub(super) text: &'a str,
    file: &'a Path,
    /// The rivers file (as read) and its named lines, when `[dataset] rivers` is given and a
    /// position names a river.
    rivers: Option<(PathBuf, NamedLines)>,
    /// [`line_starts`] of `text`.
    lines: Vec<usize>,
}

impl Ctx<'_> {
    /// 1-based (line, column) of a byte offset of `text`; the same as [`line_col`].
    pub(super) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = if self.text.get(..offset).is_some() {
            offset
        } else {
            self.text.len()
        };
        let line = self.lines.partition_point(|&s| s <= offset);
        let start = line
            .checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .copied()
            .unwrap_or(0);
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |l| l.chars().count())
            + 1;
        (line, col)
    }

    pub(super) fn err(
        &self,
        span: std::ops::Range<usize>,
        msg: impl Into<String>,
        hint: &str,
    ) -> Error {
        let (l, c) = self.line_col(span.start);
        Error::input(msg)
            .in_file(self.file)
            .at_line(l, c)
            .hint(hint)
    }

    pub(super) fn date(&self, v: &Spanned<toml::Value>) -> Result<Date> {
        let s = match v.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::Integer(i) => i.to_string(),
            _ => String::new(),
        };
        Date::parse(&s).map_err(|e| {
            let (l, c) = self.line_col(v.span().start);
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
        let (line, column) = self.line_col(span.start);
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
                let (l, c) = self.line_col(span.start);
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
    crate::load::strings::check_toml_strings(text, file)?;
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
        lines: line_starts(text),
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
    out.sources = super::records::sources(&cx, raw.source)?;
    let mut seen = std::collections::BTreeSet::new();
    let mut claim_ids = std::collections::BTreeSet::new();
    let mut links = Vec::new();
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
        let mut layer_links = Vec::new();
        for si in rl.interval {
            let span = si.span();
            let (iv, link) = interval(&cx, si, base, read, &out.sources)?;
            if let Some(id) = &iv.id
                && !claim_ids.insert(id.clone())
            {
                return Err(cx.err(
                    span,
                    format!("the claim id '{id}' is used twice"),
                    "give each claim its own id",
                ));
            }
            layer.intervals.push(iv);
            layer_links.push(link);
        }
        links.push(layer_links);
        for su in rl.unplaced {
            let span = su.span();
            let line = cx.line_col(span.start).0;
            let ru = su.into_inner();
            let claim = super::records::RawClaimSource {
                source: ru.source.as_deref(),
                url: ru.url.as_ref(),
                ids: ru.sources.as_ref(),
                what: format!("the claim '{}' with no stretch", ru.value),
            };
            let (source, cite, source_ids) =
                super::records::claim_source(&cx, &claim, &out.sources, span)?;
            layer.unplaced.push(Unplaced {
                value: ru.value,
                claimed_km: ru.claimed_km,
                as_of: cx.date(&ru.as_of)?,
                source,
                note: ru.note,
                cite: ru.cite.or(cite),
                url: ru.url.map(Spanned::into_inner),
                accessed: ru.accessed.as_ref().map(|d| cx.date(d)).transpose()?,
                source_ids,
                line,
            });
        }
        out.layers.push(layer);
    }
    super::records::group_disputes(&cx, &mut out.layers, &links)?;
    Ok(out)
}

/// A claim's `disputed_by` as written.
type Link = Option<Spanned<Vec<String>>>;

/// One `[[layer.interval]]`: its value, extent, dates and source, checked; and the ids its
/// `disputed_by` names (grouped once every claim is read).
fn interval(
    cx: &Ctx,
    si: Spanned<RawInterval>,
    base: &Path,
    read: &dyn Fn(&Path) -> Result<Vec<u8>>,
    records: &[super::Source],
) -> Result<(Interval, Link)> {
    let span = si.span();
    let (line, _) = cx.line_col(span.start);
    let ri = si.into_inner();
    if ri.value.trim().is_empty() {
        return Err(cx.err(
            span,
            "an interval has an empty value",
            "give the value, e.g. value = \"SDF\"",
        ));
    }
    let claim = super::records::RawClaimSource {
        source: ri.source.as_deref(),
        url: ri.url.as_ref(),
        ids: ri.sources.as_ref(),
        what: format!("interval '{}'", ri.value),
    };
    let (source, cite, source_ids) =
        super::records::claim_source(cx, &claim, records, span.clone())?;
    let extent = match (&ri.from, &ri.to, &ri.zone) {
        (Some(f), Some(t), None) => Extent::Between(cx.position(f, "from")?, cx.position(t, "to")?),
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
    let accessed = ri.accessed.as_ref().map(|d| cx.date(d)).transpose()?;
    let iv = Interval {
        value: ri.value,
        extent,
        as_of,
        until,
        source,
        note: ri.note,
        cite: ri.cite.or(cite),
        approximate: ri.approximate,
        priority: ri.priority,
        line,
        id: ri.id,
        url: ri.url.map(Spanned::into_inner),
        accessed,
        source_ids,
        dispute: None,
    };
    Ok((iv, ri.disputed_by))
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
        let (l, c) = cx.line_col(name.span().start);
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
