//! The fast path for GeoJSON features: one serde pass over a feature's text straight into
//! `geo` coordinates (no `serde_json::Value` or `geojson` structs for the coordinates, no
//! allocation per position).
//!
//! It accepts only plain, valid features: `type` = `Feature`, `geometry` (null or a
//! non-collection geometry with `type` and `coordinates` only), `properties` (null or an
//! object) and an optional string or number `id`; every position finite and in range. Anything
//! else — a validation error, a `bbox`, a foreign member, a GeometryCollection — returns `None`,
//! and the caller parses the feature again on the validated slow path, which gives the exact
//! error message and location. So the two paths agree on every valid input and errors are
//! unchanged.

use std::fmt;

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use geojson::JsonObject;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A nested coordinates array, with positions and lines of positions stored flat.
enum Node {
    /// A bare number (only inside a position).
    Num(f64),
    /// A position `[lon, lat, …]` (degrees; further numbers ignored).
    Pos(Coord<f64>),
    /// An array of positions.
    Line(Vec<Coord<f64>>),
    /// An array of arrays.
    Nest(Vec<Node>),
    /// `[]`.
    Empty,
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or an array")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Num(v))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Num(v as f64))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Num(v as f64))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        match seq.next_element::<Node>()? {
            None => Ok(Node::Empty),
            Some(Node::Num(x)) => {
                let Some(y) = seq.next_element::<f64>()? else {
                    return Err(de::Error::custom("short position"));
                };
                while seq.next_element::<f64>()?.is_some() {}
                Ok(Node::Pos(Coord { x, y }))
            }
            Some(Node::Pos(c)) => {
                let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(8).max(8));
                v.push(c);
                while let Some(n) = seq.next_element::<Node>()? {
                    match n {
                        Node::Pos(c) => v.push(c),
                        _ => return Err(de::Error::custom("mixed nesting")),
                    }
                }
                v.shrink_to_fit();
                Ok(Node::Line(v))
            }
            Some(first) => {
                let mut v = vec![first];
                while let Some(n) = seq.next_element::<Node>()? {
                    v.push(n);
                }
                Ok(Node::Nest(v))
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

/// A geometry read on the fast path (`None` inside: not valid for the fast path).
struct FastGeometry(Option<Geometry<f64>>);

struct GeometryVisitor;

impl<'de> Visitor<'de> for GeometryVisitor {
    type Value = FastGeometry;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON geometry")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FastGeometry, A::Error> {
        let mut kind: Option<String> = None;
        let mut coords: Option<Node> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" if kind.is_none() => kind = Some(map.next_value()?),
                "coordinates" if coords.is_none() => coords = Some(map.next_value()?),
                _ => return Err(de::Error::custom("not for the fast path")),
            }
        }
        let (Some(kind), Some(coords)) = (kind, coords) else {
            return Ok(FastGeometry(None));
        };
        Ok(FastGeometry(geometry(&kind, coords)))
    }
}

impl<'de> Deserialize<'de> for FastGeometry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FastGeometry, D::Error> {
        d.deserialize_map(GeometryVisitor)
    }
}

/// Whether a position is valid: finite, longitude in [-180, 180], latitude in [-90, 90].
fn ok(c: &Coord<f64>) -> bool {
    c.x.is_finite()
        && c.y.is_finite()
        && (-180.0..=180.0).contains(&c.x)
        && (-90.0..=90.0).contains(&c.y)
}

fn line(n: Node) -> Option<LineString<f64>> {
    match n {
        Node::Line(v) if v.iter().all(ok) => Some(LineString(v)),
        _ => None,
    }
}

fn lines(n: Node) -> Option<Vec<LineString<f64>>> {
    match n {
        Node::Nest(v) => v.into_iter().map(line).collect(),
        Node::Line(_) | Node::Num(_) | Node::Pos(_) | Node::Empty => None,
    }
}

fn polygon(n: Node) -> Option<Polygon<f64>> {
    let mut rings = lines(n)?.into_iter();
    let ext = rings.next()?;
    Some(Polygon::new(ext, rings.collect()))
}

fn geometry(kind: &str, n: Node) -> Option<Geometry<f64>> {
    Some(match kind {
        "Point" => match n {
            Node::Pos(c) if ok(&c) => Geometry::Point(Point(c)),
            _ => return None,
        },
        "LineString" => Geometry::LineString(line(n)?),
        "MultiPoint" => {
            Geometry::MultiPoint(MultiPoint(line(n)?.0.into_iter().map(Point).collect()))
        }
        "MultiLineString" => Geometry::MultiLineString(MultiLineString(lines(n)?)),
        "Polygon" => Geometry::Polygon(polygon(n)?),
        "MultiPolygon" => match n {
            Node::Nest(v) => Geometry::MultiPolygon(MultiPolygon(
                v.into_iter().map(polygon).collect::<Option<Vec<_>>>()?,
            )),
            _ => return None,
        },
        _ => return None,
    })
}

/// What the fast path read from a feature.
pub struct FastFeature {
    /// The properties (empty when null or absent).
    pub properties: JsonObject,
    /// The geometry; `None` for `"geometry": null`.
    pub geometry: Option<Geometry<f64>>,
}

struct FeatureVisitor;

impl<'de> Visitor<'de> for FeatureVisitor {
    type Value = Option<FastFeature>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON Feature")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut kind_ok: Option<bool> = None;
        let mut geometry: Option<Option<FastGeometry>> = None;
        let mut properties: Option<Option<JsonObject>> = None;
        let mut id = false;
        let other = || de::Error::custom("not for the fast path");
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" if kind_ok.is_none() => {
                    kind_ok = Some(map.next_value::<String>()? == "Feature");
                }
                "geometry" if geometry.is_none() => geometry = Some(map.next_value()?),
                "properties" if properties.is_none() => properties = Some(map.next_value()?),
                "id" if !id => {
                    id = true;
                    let v: serde_json::Value = map.next_value()?;
                    if !(v.is_string() || v.is_number()) {
                        return Err(other());
                    }
                }
                _ => return Err(other()),
            }
        }
        if kind_ok != Some(true) {
            return Ok(None);
        }
        let geometry = match geometry {
            Some(Some(FastGeometry(Some(g)))) => Some(g),
            Some(None) => None,
            Some(Some(FastGeometry(None))) | None => return Ok(None),
        };
        Ok(Some(FastFeature {
            properties: properties.flatten().unwrap_or_default(),
            geometry,
        }))
    }
}

/// Reads one feature's text on the fast path; `None` when the slow path must decide.
pub fn feature(text: &str) -> Option<FastFeature> {
    let mut de = serde_json::Deserializer::from_str(text);
    let f = de::Deserializer::deserialize_map(&mut de, FeatureVisitor).ok()?;
    de.end().ok()?;
    f
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn plain_features_take_the_fast_path() {
        let f = feature(r#"{"type":"Feature","id":3,"properties":{"a":"1"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}"#).unwrap();
        assert_eq!(geo::CoordsIter::coords_count(&f.geometry.unwrap()), 4);
        assert!(feature(r#"{"type":"Feature","properties":null,"geometry":null}"#).is_some());
    }

    #[test]
    fn anything_unusual_goes_to_the_slow_path() {
        for t in [
            r#"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0],[1,95]]}}"#,
            r#"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0],[1,5]]}}"#,
            r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[0,0],[1,5]]}}"#,
            r#"{"type":"Feature","properties":{}}"#,
            r#"{"type":"Feature","properties":{},"geometry":null,"bbox":[0,0,1,1]}"#,
            r#"{"type":"feature","properties":{},"geometry":null}"#,
            r#"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0],[1,"5"]]}}"#,
        ] {
            assert!(feature(t).is_none(), "{t}");
        }
    }
}
