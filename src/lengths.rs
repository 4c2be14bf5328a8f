//! Per-feature lengths (`measure --per-feature`): every feature of a GeoJSON file taken as its
//! own border and measured on the WGS84 ellipsoid (geodesics, Karney), the same way as a
//! [`crate::Border`]'s chainage: the sum of the geodesic distances between consecutive vertices
//! of each part. Polygons give their perimeter (every ring), points 0.

use std::io::{self, Write};

use geo::{Distance, Geodesic, Geometry, LineString, Point};
use rayon::prelude::*;
use serde::Serialize;

use crate::load::geojson::{InputFile, prop_str};

/// One feature's length.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeatureLength {
    /// 0-based index of the feature in the file.
    pub index: usize,
    /// A name for people: `name`, else `a`–`b` (as in land-border files), else `id`, else "".
    pub name: String,
    /// Lines (parts or rings) measured.
    pub parts: usize,
    /// Vertices.
    pub vertices: usize,
    /// Geodesic length on WGS84, metres.
    pub length_m: f64,
}

/// Geodesic length of one line, metres.
pub fn line_length_m(l: &LineString<f64>) -> f64 {
    l.0.windows(2)
        .map(|w| match w {
            [a, b] => Geodesic.distance(Point(*a), Point(*b)),
            _ => 0.0,
        })
        .sum()
}

fn lines(g: &Geometry<f64>) -> Vec<&LineString<f64>> {
    match g {
        Geometry::LineString(l) => vec![l],
        Geometry::MultiLineString(m) => m.0.iter().collect(),
        Geometry::Polygon(p) => std::iter::once(p.exterior()).chain(p.interiors()).collect(),
        Geometry::MultiPolygon(m) => {
            m.0.iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                .collect()
        }
        Geometry::GeometryCollection(c) => c.0.iter().flat_map(lines).collect(),
        Geometry::Line(_)
        | Geometry::Point(_)
        | Geometry::MultiPoint(_)
        | Geometry::Rect(_)
        | Geometry::Triangle(_) => Vec::new(),
    }
}

/// Measures every feature on its own (in parallel; results in file order).
pub fn feature_lengths(file: &InputFile) -> Vec<FeatureLength> {
    file.features
        .par_iter()
        .map(|f| {
            let ls = f.geometry.as_ref().map(lines).unwrap_or_default();
            let name = prop_str(&f.properties, "name")
                .or_else(
                    || match (prop_str(&f.properties, "a"), prop_str(&f.properties, "b")) {
                        (None, None) => None,
                        (a, b) => Some(format!(
                            "{}–{}",
                            a.unwrap_or_else(|| "?".into()),
                            b.unwrap_or_else(|| "?".into())
                        )),
                    },
                )
                .or_else(|| prop_str(&f.properties, "id"))
                .unwrap_or_default();
            FeatureLength {
                index: f.index,
                name,
                parts: ls.len(),
                vertices: ls.iter().map(|l| l.0.len()).sum(),
                length_m: ls.iter().map(|l| line_length_m(l)).sum(),
            }
        })
        .collect()
}

/// Table for people: one row per feature (km, 3 decimals) and the total.
pub fn write_table(rows: &[FeatureLength], w: &mut dyn Write) -> io::Result<()> {
    let width = rows
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    writeln!(
        w,
        "{:>6}  {:<width$}  {:>5}  {:>8}  {:>12}",
        "#", "name", "parts", "vertices", "km"
    )?;
    for r in rows {
        writeln!(
            w,
            "{:>6}  {:<width$}  {:>5}  {:>8}  {:>12.3}",
            r.index,
            r.name,
            r.parts,
            r.vertices,
            r.length_m / 1000.0
        )?;
    }
    let total: f64 = rows.iter().map(|r| r.length_m).sum();
    writeln!(
        w,
        "{:>6}  {:<width$}  {:>5}  {:>8}  {:>12.3}",
        "",
        "total",
        rows.iter().map(|r| r.parts).sum::<usize>(),
        rows.iter().map(|r| r.vertices).sum::<usize>(),
        total / 1000.0
    )
}

/// JSON: `{"features": [...], "total_m": …}`, lengths in metres.
pub fn write_json(rows: &[FeatureLength], w: &mut dyn Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Doc<'a> {
        features: &'a [FeatureLength],
        total_m: f64,
    }
    let doc = Doc {
        features: rows,
        total_m: rows.iter().map(|r| r.length_m).sum(),
    };
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(io::Error::from)?;
    writeln!(w)
}

/// CSV: `index,name,parts,vertices,length_m` (metres, 3 decimals).
pub fn write_csv(rows: &[FeatureLength], w: &mut dyn Write) -> io::Result<()> {
    let mut out = crate::report::csv_writer(w);
    out.write_record(["index", "name", "parts", "vertices", "length_m"])?;
    for r in rows {
        out.write_record([
            r.index.to_string(),
            r.name.clone(),
            r.parts.to_string(),
            r.vertices.to_string(),
            format!("{:.3}", r.length_m),
        ])?;
    }
    out.flush()
}
