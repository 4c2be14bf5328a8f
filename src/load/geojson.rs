//! GeoJSON (RFC 7946) input: parse with the `geojson` crate, validate every position, and turn
//! features into `geo` geometries, with errors that name the file, feature and line/column.

use std::collections::BTreeMap;
use std::path::Path;

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon};
use geojson::{GeometryValue, JsonObject, Position};
use serde_json::value::RawValue;

use crate::error::{Error, Result};
use crate::limits;

/// One feature of an input file, validated: finite positions, longitude in [-180, 180],
/// latitude in [-90, 90], at least two numbers per position.
#[derive(Debug, Clone)]
pub struct InputFeature {
    /// 0-based index in the FeatureCollection (0 for a lone Feature or geometry).
    pub index: usize,
    /// The feature's properties (empty for a bare geometry).
    pub properties: JsonObject,
    /// The geometry in `[lon, lat]` degrees; `None` for a feature with `"geometry": null`.
    pub geometry: Option<Geometry<f64>>,
    /// 1-based line where the feature starts in the file.
    pub line: usize,
}

/// A parsed GeoJSON file: its features and any warnings (e.g. a legacy `crs` member).
#[derive(Debug, Clone, Default)]
pub struct InputFile {
    /// Features in file order.
    pub features: Vec<InputFeature>,
    /// Things the reader should know that do not stop loading.
    pub warnings: Vec<String>,
}

/// Checks raw bytes: size limit, UTF-8 (a BOM is skipped), and returns the text.
pub fn text_from_bytes<'a>(bytes: &'a [u8], file: &Path) -> Result<&'a str> {
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(Error::limit(
            format!(
                "file is {} bytes, more than the limit of {} bytes",
                bytes.len(),
                limits::MAX_FILE_BYTES
            ),
            "split the input or simplify it first",
        )
        .in_file(file));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let upto = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = upto.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        Error::input(format!(
            "not valid UTF-8 (byte {} of the file)",
            e.valid_up_to()
        ))
        .in_file(file)
        .at_line(line, col)
        .hint("GeoJSON must be UTF-8 (RFC 7946 §11); re-save the file as UTF-8")
    })
}

/// 1-based (line, column) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Byte offset of `inner` (a sub-slice) within `outer`.
fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize)
}

fn json_error(e: &serde_json::Error, file: &Path, what: &str) -> Error {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; we print the position ourselves.
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg.get(..i).unwrap_or(&msg).to_string(),
        None => msg,
    };
    let hint = match e.classify() {
        serde_json::error::Category::Eof => "the file ends too early: is it truncated?",
        serde_json::error::Category::Syntax => "fix the JSON syntax at this position",
        _ => what,
    };
    Error::input(format!("invalid GeoJSON: {msg}"))
        .in_file(file)
        .at_line(e.line(), e.column())
        .hint(hint)
}

/// Parses GeoJSON text (a geometry, a Feature or a FeatureCollection) into validated features.
pub fn parse(text: &str, file: &Path) -> Result<InputFile> {
    let top: BTreeMap<String, &RawValue> = serde_json::from_str(text).map_err(|e| {
        if e.classify() == serde_json::error::Category::Data {
            Error::input("invalid GeoJSON: the top level must be a JSON object")
                .in_file(file)
                .at_line(e.line(), e.column())
                .hint("a GeoJSON file is an object with a \"type\" member")
        } else {
            json_error(&e, file, "check the GeoJSON structure")
        }
    })?;
    let kind: String = match top.get("type") {
        Some(raw) => serde_json::from_str(raw.get()).map_err(|_| {
            let (l, c) = line_col(text, offset_in(text, raw.get()));
            Error::input("invalid GeoJSON: \"type\" must be a string")
                .in_file(file)
                .at_line(l, c)
                .hint("e.g. \"type\": \"FeatureCollection\"")
        })?,
        None => {
            return Err(
                Error::input("invalid GeoJSON: the top-level object has no \"type\"")
                    .in_file(file)
                    .at_line(1, 1)
                    .hint("add \"type\": \"FeatureCollection\", \"Feature\" or a geometry type"),
            );
        }
    };
    let mut out = InputFile::default();
    if let Some(crs) = top.get("crs") {
        let s = crs.get();
        if s.contains("CRS84") || s.contains("4326") {
            out.warnings.push(format!(
                "{}: the legacy \"crs\" member is ignored (it names WGS84 longitude/latitude, as RFC 7946 assumes)",
                file.display()
            ));
        } else {
            let (l, c) = line_col(text, offset_in(text, s));
            return Err(Error::input(format!(
                "unsupported coordinate reference system {}",
                s.chars().take(120).collect::<String>()
            ))
            .in_file(file)
            .at_line(l, c)
            .hint("RFC 7946 GeoJSON is WGS84 longitude/latitude; reproject the file (e.g. ogr2ogr -t_srs EPSG:4326) and drop the \"crs\" member"));
        }
    }
    match kind.as_str() {
        "FeatureCollection" => {
            let Some(raw) = top.get("features") else {
                return Err(Error::input(
                    "invalid GeoJSON: a FeatureCollection needs \"features\"",
                )
                .in_file(file)
                .hint("add \"features\": [ ... ]"));
            };
            let list: Vec<&RawValue> = serde_json::from_str(raw.get()).map_err(|e| {
                let base = offset_in(text, raw.get());
                let (l, c) = line_col(text, base);
                Error::input(format!(
                    "invalid GeoJSON: \"features\" must be an array ({e})"
                ))
                .in_file(file)
                .at_line(l, c)
                .hint("\"features\": [ {\"type\": \"Feature\", ...}, ... ]")
            })?;
            if list.len() > limits::MAX_FEATURES {
                return Err(Error::limit(
                    format!(
                        "{} features, more than the limit of {}",
                        list.len(),
                        limits::MAX_FEATURES
                    ),
                    "split the file",
                )
                .in_file(file));
            }
            for (i, raw) in list.into_iter().enumerate() {
                out.features.push(parse_feature(text, raw, i, file)?);
            }
        }
        "Feature" => {
            out.features.push(parse_feature_text(text, text, 0, file)?);
        }
        "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon" | "MultiPolygon"
        | "GeometryCollection" => {
            let g: geojson::Geometry = serde_json::from_str(text)
                .map_err(|e| json_error(&e, file, "check the geometry"))?;
            let geometry = convert(&g.value).map_err(|e| e.in_file(file))?;
            out.features.push(InputFeature {
                index: 0,
                properties: JsonObject::new(),
                geometry: Some(geometry),
                line: 1,
            });
        }
        other => {
            return Err(Error::input(format!(
                "invalid GeoJSON: unknown top-level type \"{other}\""
            ))
            .in_file(file)
            .at_line(1, 1)
            .hint("expected FeatureCollection, Feature or a geometry type (case matters)"));
        }
    }
    let total: usize = out
        .features
        .iter()
        .filter_map(|f| f.geometry.as_ref())
        .map(geo::CoordsIter::coords_count)
        .sum();
    if total > limits::MAX_VERTICES {
        return Err(Error::limit(
            format!(
                "{total} positions, more than the limit of {}",
                limits::MAX_VERTICES
            ),
            "simplify the input first",
        )
        .in_file(file));
    }
    Ok(out)
}

fn parse_feature(text: &str, raw: &RawValue, index: usize, file: &Path) -> Result<InputFeature> {
    parse_feature_text(text, raw.get(), index, file)
}

fn parse_feature_text(text: &str, ftext: &str, index: usize, file: &Path) -> Result<InputFeature> {
    let base = offset_in(text, ftext);
    let (bl, bc) = line_col(text, base);
    let f: geojson::Feature = serde_json::from_str(ftext).map_err(|e| {
        let (l, c) = if e.line() <= 1 {
            (bl, bc + e.column().saturating_sub(1))
        } else {
            (bl + e.line() - 1, e.column())
        };
        let mut err = json_error(
            &e,
            file,
            "each feature needs \"type\": \"Feature\", \"geometry\" and \"properties\"",
        );
        err.location.line = None;
        err.at_line(l, c).at_feature(index)
    })?;
    let geometry = match &f.geometry {
        Some(g) => {
            Some(convert(&g.value).map_err(|e| e.in_file(file).at_feature(index).at_line(bl, bc))?)
        }
        None => None,
    };
    Ok(InputFeature {
        index,
        properties: f.properties.unwrap_or_default(),
        geometry,
        line: bl,
    })
}

/// Checks one position and returns it as a coordinate.
fn coord(p: &Position) -> Result<Coord<f64>> {
    let s = p.as_slice();
    let (Some(&x), Some(&y)) = (s.first(), s.get(1)) else {
        return Err(Error::input(format!(
            "a position has {} number(s); it needs [longitude, latitude]",
            s.len()
        ))
        .hint("write every position as [lon, lat]"));
    };
    if !x.is_finite() || !y.is_finite() {
        return Err(Error::input(format!("position [{x}, {y}] is not finite"))
            .hint("every coordinate must be a finite number"));
    }
    if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
        return Err(Error::input(format!(
            "position [{x}, {y}] is out of range (longitude must be in [-180, 180], latitude in [-90, 90])"
        ))
        .hint("GeoJSON positions are [longitude, latitude] in degrees: are they swapped, or projected metres?"));
    }
    Ok(Coord { x, y })
}

fn line(ps: &[Position]) -> Result<LineString<f64>> {
    ps.iter()
        .map(coord)
        .collect::<Result<Vec<_>>>()
        .map(LineString)
}

fn polygon(rings: &[Vec<Position>]) -> Result<Polygon<f64>> {
    let mut it = rings.iter();
    let ext = match it.next() {
        Some(r) => line(r)?,
        None => return Err(Error::input("a polygon has no rings").hint("give at least one ring")),
    };
    let holes = it.map(|r| line(r)).collect::<Result<Vec<_>>>()?;
    Ok(Polygon::new(ext, holes))
}

/// Converts a geometry value after validating every position.
pub fn convert(v: &GeometryValue) -> Result<Geometry<f64>> {
    Ok(match v {
        GeometryValue::Point { coordinates } => Geometry::Point(Point(coord(coordinates)?)),
        GeometryValue::MultiPoint { coordinates } => Geometry::MultiPoint(
            coordinates
                .iter()
                .map(|p| coord(p).map(Point))
                .collect::<Result<Vec<_>>>()?
                .into(),
        ),
        GeometryValue::LineString { coordinates } => Geometry::LineString(line(coordinates)?),
        GeometryValue::MultiLineString { coordinates } => Geometry::MultiLineString(
            MultiLineString(coordinates.iter().map(|l| line(l)).collect::<Result<_>>()?),
        ),
        GeometryValue::Polygon { coordinates } => Geometry::Polygon(polygon(coordinates)?),
        GeometryValue::MultiPolygon { coordinates } => Geometry::MultiPolygon(MultiPolygon(
            coordinates
                .iter()
                .map(|p| polygon(p))
                .collect::<Result<_>>()?,
        )),
        GeometryValue::GeometryCollection { geometries } => Geometry::GeometryCollection(
            geometries
                .iter()
                .map(|g| convert(&g.value))
                .collect::<Result<Vec<_>>>()?
                .into(),
        ),
    })
}

/// A property as text: strings as they are, numbers and booleans formatted, others `None`.
pub fn prop_str(props: &JsonObject, key: &str) -> Option<String> {
    match props.get(key)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
