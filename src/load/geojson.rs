//! GeoJSON (RFC 7946) input: parse with the `geojson` crate, validate every position, and turn
//! features into `geo` geometries, with errors that name the file, feature and line/column.

use std::collections::BTreeMap;
use std::path::Path;

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon};
use geojson::{GeometryValue, JsonObject, Position};
use serde_json::value::RawValue;

use crate::error::{Error, Result};
use crate::limits;
use crate::load::layers::line_col;

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

/// The text of `bytes` without a UTF-8 BOM, or an error naming the line and column of the first
/// invalid byte, with `hint`.
pub fn utf8<'a>(bytes: &'a [u8], file: &Path, hint: &str) -> Result<&'a str> {
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
        .hint(hint)
    })
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
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Error::input("the file is UTF-16, not UTF-8")
            .in_file(file)
            .at_line(1, 1)
            .hint("GeoJSON must be UTF-8 (RFC 7946 §11); re-save the file as UTF-8"));
    }
    utf8(
        bytes,
        file,
        "GeoJSON must be UTF-8 (RFC 7946 §11); re-save the file as UTF-8",
    )
}

/// 1-based (line, column) of increasing byte offsets in one text, counting only the text
/// between the previous offset and the next (features of a one-line file would otherwise cost
/// a scan from the start each). Same results as [`line_col`].
struct Cursor<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    col: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor {
            text,
            offset: 0,
            line: 1,
            col: 1,
        }
    }

    fn at(&mut self, offset: usize) -> (usize, usize) {
        let Some(seg) = (offset >= self.offset)
            .then(|| self.text.get(self.offset..offset))
            .flatten()
        else {
            return line_col(self.text, offset);
        };
        match seg.rfind('\n') {
            None => self.col += seg.chars().count(),
            Some(i) => {
                self.line += seg.bytes().filter(|&b| b == b'\n').count();
                self.col = seg.get(i + 1..).map_or(0, |t| t.chars().count()) + 1;
            }
        }
        self.offset = offset;
        (self.line, self.col)
    }
}

/// Byte offset of `inner` (a sub-slice) within `outer`.
fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize)
}

/// The top-level object's members as raw JSON (the slow path: every error is located here).
fn top_members<'a>(text: &'a str, file: &Path) -> Result<BTreeMap<String, &'a RawValue>> {
    serde_json::from_str(text).map_err(|e| {
        if e.classify() == serde_json::error::Category::Data {
            Error::input("invalid GeoJSON: the top level must be a JSON object")
                .in_file(file)
                .at_line(e.line(), e.column())
                .hint("a GeoJSON file is an object with a \"type\" member")
        } else {
            json_error(&e, text, file, "check the GeoJSON structure")
        }
    })
}

/// The top-level object in one scan: every member as raw JSON except `features`, which must
/// be an array and comes already split into its elements (the last one wins if repeated).
struct Top<'a> {
    members: BTreeMap<String, &'a RawValue>,
    features: Option<Vec<&'a RawValue>>,
}

impl<'de> serde::Deserialize<'de> for Top<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Top<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Top<'de>, A::Error> {
                let mut top = Top {
                    members: BTreeMap::new(),
                    features: None,
                };
                while let Some(key) = map.next_key::<String>()? {
                    if key == "features" {
                        top.features = Some(map.next_value()?);
                    } else {
                        top.members.insert(key, map.next_value()?);
                    }
                }
                Ok(top)
            }
        }
        d.deserialize_map(V)
    }
}

fn json_error(e: &serde_json::Error, text: &str, file: &Path, what: &str) -> Error {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; we print the position ourselves.
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg.get(..i).unwrap_or(&msg).to_string(),
        None => msg,
    };
    let rest = rest_at(text, e.line(), e.column());
    let (msg, hint) = if ["NaN", "-NaN", "Infinity", "-Infinity", "inf", "-inf", "nan"]
        .iter()
        .any(|w| rest.starts_with(w))
    {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        (
            format!("invalid GeoJSON: {word} is not a JSON number"),
            "every coordinate must be a finite number; remove or fix the position",
        )
    } else if msg.contains("number out of range") {
        (
            format!("invalid GeoJSON: {msg} (not a finite number)"),
            "every coordinate must be a finite number in degrees",
        )
    } else if msg.contains("recursion limit exceeded") {
        (
            format!("invalid GeoJSON: nested more than 128 levels deep ({msg})"),
            "GeoJSON never nests that deep; check the program that wrote the file",
        )
    } else if msg.contains("expected f64") || msg.contains("expected a coordinate") {
        (
            format!("invalid GeoJSON: a coordinate is not a number ({msg})"),
            "write every position as numbers without quotes, [longitude, latitude]: [44.1, 36.2]",
        )
    } else {
        let hint = match e.classify() {
            serde_json::error::Category::Eof => "the file ends too early: is it truncated?",
            serde_json::error::Category::Syntax => "fix the JSON syntax at this position",
            _ => what,
        };
        (format!("invalid GeoJSON: {msg}"), hint)
    };
    Error::input(msg)
        .in_file(file)
        .at_line(e.line(), e.column())
        .hint(hint)
}

/// The text from 1-based `line`, `column` (serde_json counts bytes within the line) on.
fn rest_at(text: &str, line: usize, column: usize) -> &str {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let at = start + column.saturating_sub(1);
    // The error points at the last byte read; step back to the start of the word.
    let mut i = at.min(text.len());
    while i > 0
        && text
            .as_bytes()
            .get(i - 1)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
    {
        i -= 1;
    }
    text.get(i..).unwrap_or("")
}

/// Counts arrays whose first element is a number: positions, plus any `bbox` and numeric
/// arrays in properties. A cheap scan before parsing, so that a file with too many positions
/// is refused before it costs memory.
pub fn count_positions(text: &str) -> usize {
    let mut n = 0;
    let (mut in_str, mut esc, mut after_open) = (false, false, false);
    for &c in text.as_bytes() {
        if in_str {
            if esc {
                esc = false;
            } else if c == b'\\' {
                esc = true;
            } else if c == b'"' {
                in_str = false;
            }
            continue;
        }
        match c {
            b'"' => {
                in_str = true;
                after_open = false;
            }
            b'[' => after_open = true,
            b' ' | b'\t' | b'\n' | b'\r' => {}
            b'-' | b'0'..=b'9' => {
                if after_open {
                    n += 1;
                }
                after_open = false;
            }
            _ => after_open = false,
        }
    }
    n
}

/// Parses GeoJSON text (a geometry, a Feature or a FeatureCollection) into validated features.
pub fn parse(text: &str, file: &Path) -> Result<InputFile> {
    if text.trim().is_empty() {
        return Err(Error::input("the file is empty")
            .in_file(file)
            .hint("a GeoJSON file holds an object such as {\"type\": \"FeatureCollection\", \"features\": [...]}"));
    }
    // Every counted position takes at least 2 bytes ("[0"): smaller files cannot exceed the
    // limit, and skip the scan.
    let positions = if text.len() / 2 > limits::MAX_VERTICES {
        count_positions(text)
    } else {
        0
    };
    if positions > limits::MAX_VERTICES {
        return Err(Error::limit(
            format!(
                "about {positions} positions, more than the limit of {}",
                limits::MAX_VERTICES
            ),
            "simplify the input first (e.g. mapshaper -simplify, ogr2ogr -simplify)",
        )
        .in_file(file));
    }
    // One scan of the file when it is well formed; otherwise the members as raw JSON again,
    // for the errors below.
    let (top, pre_features) = match serde_json::from_str::<Top<'_>>(text) {
        Ok(t) => (t.members, t.features),
        Err(_) => (top_members(text, file)?, None),
    };
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
                crate::error::one_line(&super::shown_name(file))
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
        "FeatureCollection" => collection_features(text, file, &top, pre_features, &mut out)?,
        "Feature" => {
            out.features
                .push(parse_feature_text(text, text, 0, file, (1, 1))?);
        }
        "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon" | "MultiPolygon"
        | "GeometryCollection" => {
            let g: geojson::Geometry = serde_json::from_str(text)
                .map_err(|e| json_error(&e, text, file, "check the geometry"))?;
            let geometry = convert_at(&g.value).map_err(|bad| bad.locate(text, text, file))?;
            out.features.push(InputFeature {
                index: 0,
                properties: JsonObject::new(),
                geometry: Some(geometry),
                line: 1,
            });
        }
        other => {
            return Err(Error::input(format!(
                "invalid GeoJSON: unknown top-level type \"{}\"",
                other.chars().take(60).collect::<String>()
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

/// The features of a FeatureCollection (`pre_features`: as the first scan read them, else
/// read again from its `"features"` member for the errors), each validated, into `out`.
fn collection_features<'a>(
    text: &'a str,
    file: &Path,
    top: &BTreeMap<String, &'a RawValue>,
    pre_features: Option<Vec<&'a RawValue>>,
    out: &mut InputFile,
) -> Result<()> {
    let list = match pre_features {
        Some(list) => list,
        None => {
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
                let msg = e.to_string();
                let msg = msg
                    .rfind(" at line ")
                    .and_then(|i| msg.get(..i))
                    .unwrap_or(&msg);
                Error::input(format!(
                    "invalid GeoJSON: \"features\" must be an array ({msg})"
                ))
                .in_file(file)
                .at_line(l, c)
                .hint("\"features\": [ {\"type\": \"Feature\", ...}, ... ]")
            })?;
            list
        }
    };
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
    let mut cursor = Cursor::new(text);
    out.features.reserve(list.len());
    // Plain valid features in one pass each, in parallel; anything else (and every
    // error, the first in file order) on the validated path below.
    let fast: Vec<Option<super::fast::FastFeature>> = {
        use rayon::prelude::*;
        list.par_iter()
            .map(|raw| super::fast::feature(raw.get()))
            .collect()
    };
    for ((i, raw), fast) in list.into_iter().enumerate().zip(fast) {
        let feature = match fast {
            Some(f) => InputFeature {
                index: i,
                properties: f.properties,
                geometry: f.geometry,
                line: cursor.at(offset_in(text, raw.get())).0,
            },
            None => {
                let at = cursor.at(offset_in(text, raw.get()));
                parse_feature_text(text, raw.get(), i, file, at)?
            }
        };
        out.features.push(feature);
    }
    Ok(())
}

/// Parses and validates one feature; `(bl, bc)` is where its text starts in `text`.
fn parse_feature_text(
    text: &str,
    ftext: &str,
    index: usize,
    file: &Path,
    (bl, bc): (usize, usize),
) -> Result<InputFeature> {
    let f: geojson::Feature = serde_json::from_str(ftext).map_err(|e| {
        let (l, c) = if e.line() <= 1 {
            (bl, bc + e.column().saturating_sub(1))
        } else {
            (bl + e.line() - 1, e.column())
        };
        let mut err = json_error(
            &e,
            ftext,
            file,
            "each feature needs \"type\": \"Feature\", \"geometry\" and \"properties\"",
        );
        err.location.line = None;
        err.at_line(l, c).at_feature(index)
    })?;
    let geometry = match &f.geometry {
        Some(g) => Some(convert_at(&g.value).map_err(|bad| {
            let geom_text = serde_json::from_str::<BTreeMap<String, &RawValue>>(ftext)
                .ok()
                .and_then(|m| m.get("geometry").map(|r| r.get()))
                .unwrap_or(ftext);
            let mut err = bad.locate(text, geom_text, file).at_feature(index);
            if err.location.line.is_none() {
                err = err.at_line(bl, bc);
            }
            err
        })?),
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

/// One step from a geometry object to an offending position.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// `geometries[i]` of a GeometryCollection.
    Geometry(usize),
    /// Element `i` of `coordinates` (or of an array within it).
    Index(usize),
}

/// A validation error with the path to the offending position.
struct Bad {
    err: Error,
    /// Steps from the outermost in (built innermost first, then reversed).
    path: Vec<Step>,
}

impl Bad {
    fn at(mut self, step: Step) -> Self {
        self.path.push(step);
        self
    }

    /// The error with the path in its message and the line/column of the position in `text`,
    /// where `geom` (a sub-slice of `text`) is the geometry object's text.
    fn locate(self, text: &str, geom: &str, file: &Path) -> Error {
        let Bad { mut err, mut path } = self;
        path.reverse();
        let mut label = String::new();
        let mut in_coords = false;
        for s in &path {
            match s {
                Step::Geometry(i) => label.push_str(&format!("geometries[{i}].")),
                Step::Index(i) => {
                    if !in_coords {
                        label.push_str("coordinates");
                        in_coords = true;
                    }
                    label.push_str(&format!("[{i}]"));
                }
            }
        }
        let label = label.trim_end_matches('.');
        if !label.is_empty() {
            err.message = format!("{label}: {}", err.message);
        }
        let mut err = err.in_file(file);
        if let Some(at) = find_path(geom, &path) {
            let (l, c) = line_col(text, offset_in(text, at));
            err = err.at_line(l, c);
        }
        err
    }
}

/// The text of the element `path` leads to within the geometry object `geom`.
fn find_path<'a>(geom: &'a str, path: &[Step]) -> Option<&'a str> {
    let mut cur = geom;
    let mut in_coords = false;
    for s in path {
        match s {
            Step::Geometry(i) => {
                let m: BTreeMap<String, &RawValue> = serde_json::from_str(cur).ok()?;
                let list: Vec<&RawValue> = serde_json::from_str(m.get("geometries")?.get()).ok()?;
                cur = list.get(*i)?.get();
            }
            Step::Index(i) => {
                if !in_coords {
                    let m: BTreeMap<String, &RawValue> = serde_json::from_str(cur).ok()?;
                    cur = m.get("coordinates")?.get();
                    in_coords = true;
                }
                let list: Vec<&RawValue> = serde_json::from_str(cur).ok()?;
                cur = list.get(*i)?.get();
            }
        }
    }
    Some(cur)
}

fn bad(err: Error) -> Bad {
    Bad {
        err,
        path: Vec::new(),
    }
}

fn line(ps: &[Position]) -> Result<LineString<f64>, Bad> {
    ps.iter()
        .enumerate()
        .map(|(i, p)| coord(p).map_err(|e| bad(e).at(Step::Index(i))))
        .collect::<Result<Vec<_>, Bad>>()
        .map(LineString)
}

fn polygon(rings: &[Vec<Position>]) -> Result<Polygon<f64>, Bad> {
    let mut it = rings.iter();
    let ext = match it.next() {
        Some(r) => line(r).map_err(|b| b.at(Step::Index(0)))?,
        None => {
            return Err(bad(
                Error::input("a polygon has no rings").hint("give at least one ring")
            ));
        }
    };
    let holes = it
        .enumerate()
        .map(|(i, r)| line(r).map_err(|b| b.at(Step::Index(i + 1))))
        .collect::<Result<Vec<_>, Bad>>()?;
    Ok(Polygon::new(ext, holes))
}

/// Converts a geometry value after validating every position.
pub fn convert(v: &GeometryValue) -> Result<Geometry<f64>> {
    convert_at(v).map_err(|b| b.err)
}

fn convert_at(v: &GeometryValue) -> Result<Geometry<f64>, Bad> {
    let each = |i: usize| move |b: Bad| b.at(Step::Index(i));
    Ok(match v {
        GeometryValue::Point { coordinates } => {
            Geometry::Point(Point(coord(coordinates).map_err(bad)?))
        }
        GeometryValue::MultiPoint { coordinates } => Geometry::MultiPoint(
            coordinates
                .iter()
                .enumerate()
                .map(|(i, p)| coord(p).map(Point).map_err(|e| bad(e).at(Step::Index(i))))
                .collect::<Result<Vec<_>, Bad>>()?
                .into(),
        ),
        GeometryValue::LineString { coordinates } => Geometry::LineString(line(coordinates)?),
        GeometryValue::MultiLineString { coordinates } => {
            Geometry::MultiLineString(MultiLineString(
                coordinates
                    .iter()
                    .enumerate()
                    .map(|(i, l)| line(l).map_err(each(i)))
                    .collect::<Result<_, Bad>>()?,
            ))
        }
        GeometryValue::Polygon { coordinates } => Geometry::Polygon(polygon(coordinates)?),
        GeometryValue::MultiPolygon { coordinates } => Geometry::MultiPolygon(MultiPolygon(
            coordinates
                .iter()
                .enumerate()
                .map(|(i, p)| polygon(p).map_err(each(i)))
                .collect::<Result<_, Bad>>()?,
        )),
        GeometryValue::GeometryCollection { geometries } => Geometry::GeometryCollection(
            geometries
                .iter()
                .enumerate()
                .map(|(i, g)| convert_at(&g.value).map_err(|b| b.at(Step::Geometry(i))))
                .collect::<Result<Vec<_>, Bad>>()?
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_positions_counts_number_arrays_outside_strings() {
        assert_eq!(count_positions(r#"{"coordinates": [[1, 2], [ -3,4]]}"#), 2);
        assert_eq!(
            count_positions(r#"{"name": "[1, 2] \"[3,4]\"", "c": []}"#),
            0
        );
        assert_eq!(
            count_positions(r#"{"bbox": [1, 2, 3, 4], "c": [["a"]]}"#),
            1
        );
    }

    #[test]
    fn out_of_range_position_is_located() {
        let text = "{\"type\": \"MultiLineString\", \"coordinates\": [\n [[1, 2], [3, 4]],\n [[3, 4], [5, 95]]\n]}";
        let e = parse(text, Path::new("x.geojson")).unwrap_err();
        assert_eq!((e.location.line, e.location.column), (Some(3), Some(11)));
        assert!(
            e.message.starts_with("coordinates[1][1]: "),
            "{}",
            e.message
        );
    }

    #[test]
    fn control_characters_stay_on_one_line() {
        let e = parse("{\"type\": \"a\\nb\"}", Path::new("x.geojson")).unwrap_err();
        assert!(!e.to_string().contains('\n'), "{e}");
    }
}
