//! TopoJSON input (the Topology format of topojson/world-atlas): arcs decoded from their
//! quantized, delta-encoded form, and each object's geometries with the arcs they use.

use std::path::Path;

use geo::Coord;
use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Result};

/// A decoded topology: every arc as `[lon, lat]` positions, and the geometries of every object.
#[derive(Debug, Clone, Default)]
pub struct Topology {
    /// Arcs in file order, decoded to degrees.
    pub arcs: Vec<Vec<Coord<f64>>>,
    /// Geometries of all objects (GeometryCollections flattened), in file order.
    pub geometries: Vec<TopoGeometry>,
}

/// A (Multi)Polygon or (Multi)LineString of a topology, with the arcs it uses.
#[derive(Debug, Clone)]
pub struct TopoGeometry {
    /// `id` member as text (`"368"`), if any.
    pub id: Option<String>,
    /// `properties` member.
    pub properties: serde_json::Map<String, Value>,
    /// Rings/lines as arc references: `i` for arc `i`, `!i` (`~i` in TopoJSON) for it reversed.
    pub rings: Vec<Vec<i64>>,
    /// Index among all geometries.
    pub index: usize,
    /// Name of the topology object it belongs to (e.g. `countries`, `land`).
    pub object: String,
}

#[derive(Deserialize)]
struct RawTopology {
    #[serde(rename = "type")]
    kind: String,
    transform: Option<RawTransform>,
    arcs: Vec<Vec<RawPosition>>,
    objects: serde_json::Map<String, Value>,
}

/// An arc position as read: its first two numbers, `None` when it has fewer (reported with the
/// arc's index after parsing). Read without a `Vec` per position: a 1:10m world has half a
/// million of them.
#[derive(Clone, Copy)]
struct RawPosition(Option<(f64, f64)>);

impl<'de> Deserialize<'de> for RawPosition {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawPosition;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a position [x, y]")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<RawPosition, A::Error> {
                let x: Option<f64> = seq.next_element()?;
                let y: Option<f64> = match x {
                    Some(_) => seq.next_element()?,
                    None => None,
                };
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(RawPosition(x.zip(y)))
            }
        }
        d.deserialize_seq(V)
    }
}

#[derive(Deserialize)]
struct RawTransform {
    scale: [f64; 2],
    translate: [f64; 2],
}

/// Whether `text` is a TopoJSON Topology: its top-level `type` is `"Topology"`. Other members
/// are skipped without building values.
pub fn is_topology(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Top {
        #[serde(rename = "type")]
        kind: Option<String>,
    }
    serde_json::from_str::<Top>(text).is_ok_and(|t| t.kind.as_deref() == Some("Topology"))
}

/// Parses a TopoJSON Topology.
pub fn parse(text: &str, file: &Path) -> Result<Topology> {
    let raw: RawTopology = serde_json::from_str(text).map_err(|e| {
        Error::input(format!("invalid TopoJSON: {e}"))
            .in_file(file)
            .at_line(e.line(), e.column())
            .hint("a Topology needs \"type\", \"arcs\" and \"objects\"")
    })?;
    if raw.kind != "Topology" {
        return Err(Error::input(format!(
            "invalid TopoJSON: type is \"{}\", not \"Topology\"",
            raw.kind
        ))
        .in_file(file)
        .hint("give a TopoJSON Topology or GeoJSON polygons"));
    }
    let mut arcs = Vec::with_capacity(raw.arcs.len());
    for (ai, arc) in raw.arcs.iter().enumerate() {
        let mut out = Vec::with_capacity(arc.len());
        let (mut x, mut y) = (0.0f64, 0.0f64);
        for p in arc {
            let RawPosition(Some((a, b))) = *p else {
                return Err(Error::input(format!(
                    "invalid TopoJSON: arc {ai} has a position with fewer than 2 numbers"
                ))
                .in_file(file)
                .hint("every arc position is [x, y]"));
            };
            let c = match &raw.transform {
                // Quantized: positions are deltas; decode as topojson-client does.
                Some(t) => {
                    x += a;
                    y += b;
                    Coord {
                        x: x * t.scale[0] + t.translate[0],
                        y: y * t.scale[1] + t.translate[1],
                    }
                }
                None => Coord { x: a, y: b },
            };
            if !c.x.is_finite()
                || !c.y.is_finite()
                || c.x.abs() > 180.0 + 1e-9
                || c.y.abs() > 90.0 + 1e-9
            {
                return Err(Error::input(format!(
                    "invalid TopoJSON: arc {ai} decodes to [{}, {}], out of range",
                    c.x, c.y
                ))
                .in_file(file)
                .hint("the topology must be in longitude/latitude degrees"));
            }
            out.push(c);
        }
        arcs.push(out);
    }
    let mut geometries = Vec::new();
    for (name, obj) in raw.objects {
        collect(&obj, &name, &mut geometries, arcs.len(), file)?;
    }
    check_expanded(&arcs, &geometries, file)?;
    Ok(Topology { arcs, geometries })
}

/// Refuses a topology whose geometries, with every arc reference expanded to the arc's
/// positions, would hold more than [`crate::limits::MAX_VERTICES`] positions: counted from the
/// references before anything is expanded (an arc used 100,000 times counts 100,000 times).
fn check_expanded(
    arcs: &[Vec<Coord<f64>>],
    geometries: &[TopoGeometry],
    file: &Path,
) -> Result<()> {
    let max = crate::limits::MAX_VERTICES;
    let mut total = 0usize;
    for r in geometries.iter().flat_map(|g| g.rings.iter().flatten()) {
        let i = if *r < 0 { !*r } else { *r };
        total = total.saturating_add(
            usize::try_from(i)
                .ok()
                .and_then(|i| arcs.get(i))
                .map_or(0, Vec::len),
        );
        if total > max {
            return Err(Error::limit(
                format!("the geometries expand to more than {max} positions (arcs counted each time they are referenced)"),
                "simplify the topology or give fewer geometries",
            )
            .in_file(file));
        }
    }
    Ok(())
}

fn collect(
    v: &Value,
    object: &str,
    out: &mut Vec<TopoGeometry>,
    n_arcs: usize,
    file: &Path,
) -> Result<()> {
    let kind = v.get("type").and_then(Value::as_str).unwrap_or("");
    if kind == "GeometryCollection" {
        for g in v
            .get("geometries")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            collect(g, object, out, n_arcs, file)?;
        }
        return Ok(());
    }
    let arcs = v.get("arcs");
    let refs = |r: &Value| -> Vec<i64> {
        r.as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_i64)
            .collect()
    };
    let rings: Vec<Vec<i64>> = match (kind, arcs) {
        ("LineString", Some(a)) => vec![refs(a)],
        ("MultiLineString" | "Polygon", Some(a)) => {
            a.as_array().into_iter().flatten().map(refs).collect()
        }
        ("MultiPolygon", Some(a)) => a
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|p| p.as_array().into_iter().flatten().map(refs))
            .collect(),
        _ => Vec::new(),
    };
    for r in rings.iter().flatten() {
        let i = if *r < 0 { !*r } else { *r };
        if i < 0 || i as usize >= n_arcs {
            return Err(Error::input(format!(
                "invalid TopoJSON: arc reference {r} is out of range ({n_arcs} arcs)"
            ))
            .in_file(file)
            .hint("the file may be truncated or from a different topology"));
        }
    }
    let id = match v.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    out.push(TopoGeometry {
        id,
        properties: v
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        rings,
        index: out.len(),
        object: object.to_string(),
    });
    Ok(())
}

impl Topology {
    /// The polygons of a geometry, rings assembled from its arcs (`[lon, lat]`). Each
    /// `Polygon` member is one ring list; a `MultiPolygon` is flattened into rings, the first
    /// ring of each polygon taken as exterior.
    pub fn polygons(&self, g: &TopoGeometry) -> geo::MultiPolygon<f64> {
        let ring = |refs: &[i64]| -> geo::LineString<f64> {
            let mut out: Vec<Coord<f64>> = Vec::new();
            for r in refs {
                let (i, rev) = if *r < 0 { (!*r, true) } else { (*r, false) };
                let Some(arc) = usize::try_from(i).ok().and_then(|i| self.arcs.get(i)) else {
                    continue;
                };
                let mut pts = arc.clone();
                if rev {
                    pts.reverse();
                }
                let skip = usize::from(!out.is_empty());
                out.extend(pts.into_iter().skip(skip));
            }
            geo::LineString(out)
        };
        // `rings` keeps polygons' rings flat; treat every ring as its own polygon exterior
        // (holes of country polygons are lakes or enclaves, drawn over by their own features).
        geo::MultiPolygon(
            g.rings
                .iter()
                .map(|r| geo::Polygon::new(ring(r), Vec::new()))
                .filter(|p| p.exterior().0.len() >= 4)
                .collect(),
        )
    }
}

impl Topology {
    /// The object whose geometries are the countries: `countries` if the topology has one,
    /// else the object with the most geometries (world-atlas files also carry `land`, one
    /// merged geometry that would otherwise "border" every coast).
    pub fn country_object(&self) -> Option<&str> {
        let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for g in &self.geometries {
            *counts.entry(g.object.as_str()).or_default() += 1;
        }
        if counts.contains_key("countries") {
            return Some("countries");
        }
        counts.into_iter().max_by_key(|(_, n)| *n).map(|(k, _)| k)
    }
}
