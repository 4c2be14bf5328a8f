//! A GeoJSON file of map annotations with simplestyle-spec properties (`title`,
//! `description`, `marker-symbol`, `marker-color`, `stroke`, `stroke-width`, `fill`,
//! `fill-opacity`) and ours (`kind` = `callout` | `highlight`, `from_km`, `to_km`,
//! `optional`, `priority`): Points → markers (callouts with `kind = "callout"`), LineStrings →
//! lines (highlights with `kind = "highlight"`, by `from_km`/`to_km`), Polygons → areas.

use std::path::Path;

use geo::Geometry;
use serde_json::Value;

use crate::annotation::{Annotation, Callout, Highlight, Marker, Symbol, UserArea, UserLine};
use crate::error::{Error, Result};
use crate::load::geojson::{InputFeature, prop_str};
use geojson::JsonObject;

/// Reads the annotations of a GeoJSON file (`-`: stdin). Errors name the file, the feature
/// (0-based index) and its line.
pub fn annotations(path: &Path) -> Result<Vec<Annotation>> {
    let input = super::geojson_file(path)?;
    let file = super::display_path(path);
    input
        .features
        .iter()
        .map(|f| {
            let a = feature(f).and_then(|a| a.validate().map(|()| a));
            a.map_err(|e| {
                let e = if e.location.file.is_none() {
                    e.in_file(&file)
                } else {
                    e
                };
                e.at_feature(f.index).at_line(f.line, 1)
            })
        })
        .collect()
}

fn num(p: &JsonObject, key: &str) -> Result<Option<f64>> {
    match p.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_f64().map(Some).ok_or_else(|| {
            Error::input(format!("property \"{key}\" is {v}, not a number"))
                .hint(format!("give \"{key}\" as a number"))
        }),
    }
}

fn flag(p: &JsonObject, key: &str) -> Result<bool> {
    match p.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(v) => Err(
            Error::input(format!("property \"{key}\" is {v}, not true or false"))
                .hint(format!("give \"{key}\" as true or false")),
        ),
    }
}

fn priority(p: &JsonObject) -> Result<i32> {
    Ok(num(p, "priority")?.map_or(0, |v| v.clamp(-1e6, 1e6).round() as i32))
}

fn feature(f: &InputFeature) -> Result<Annotation> {
    let p = &f.properties;
    let kind = prop_str(p, "kind");
    let title = prop_str(p, "title");
    let geometry = f.geometry.as_ref();
    match (geometry, kind.as_deref()) {
        (Some(Geometry::Point(pt)), None | Some("marker")) => {
            let symbol = match prop_str(p, "marker-symbol") {
                Some(s) => Symbol::parse(&s).ok_or_else(|| {
                    Error::input(format!("unknown marker-symbol '{s}'"))
                        .hint("use dot, pin, square, star or crossing")
                })?,
                None => Symbol::Pin,
            };
            Ok(Annotation::Marker(Marker {
                lon: pt.x(),
                lat: pt.y(),
                label: title.ok_or_else(|| {
                    Error::input("a marker has no \"title\" property")
                        .hint("add \"title\": \"...\" (its label) to its properties")
                })?,
                note: prop_str(p, "description"),
                symbol,
                priority: priority(p)?,
                optional: flag(p, "optional")?,
                color: prop_str(p, "marker-color"),
            }))
        }
        (Some(Geometry::Point(pt)), Some("callout")) => Ok(Annotation::Callout(Callout {
            text: title
                .or_else(|| prop_str(p, "description"))
                .ok_or_else(|| {
                    Error::input("a callout has no \"title\" property")
                        .hint("add \"title\": \"...\" (its text) to its properties")
                })?,
            lon: Some(pt.x()),
            lat: Some(pt.y()),
            km: None,
            place: None,
            priority: priority(p)?,
            optional: flag(p, "optional")?,
        })),
        (Some(Geometry::LineString(_)) | None, Some("highlight")) => {
            Ok(Annotation::Highlight(Highlight {
                from_km: num(p, "from_km")?,
                to_km: num(p, "to_km")?,
                from_place: prop_str(p, "from_place"),
                to_place: prop_str(p, "to_place"),
                title,
                color: prop_str(p, "stroke"),
                optional: flag(p, "optional")?,
            }))
        }
        (Some(Geometry::LineString(l)), None | Some("line")) => Ok(Annotation::Line(UserLine {
            points: l.0.iter().map(|c| [c.x, c.y]).collect(),
            title,
            stroke: prop_str(p, "stroke"),
            stroke_width: num(p, "stroke-width")?.unwrap_or(2.0).clamp(0.1, 40.0),
        })),
        (Some(Geometry::Polygon(poly)), None | Some("area")) => Ok(Annotation::Area(UserArea {
            rings: std::iter::once(poly.exterior())
                .chain(poly.interiors())
                .map(|r| r.0.iter().map(|c| [c.x, c.y]).collect())
                .collect(),
            title,
            fill: prop_str(p, "fill"),
            fill_opacity: num(p, "fill-opacity")?.unwrap_or(0.25).clamp(0.0, 1.0),
            stroke: prop_str(p, "stroke"),
        })),
        (g, k) => {
            let found = g.map_or("no geometry", crate::load::border::geometry_name);
            Err(Error::input(match k {
                Some(k) => format!("an annotation of kind \"{k}\" cannot be a {found}"),
                None => format!("an annotation cannot be a {found}"),
            })
            .hint("give markers and callouts as Points, lines and highlights as LineStrings, areas as Polygons"))
        }
    }
}
