//! Every land border in a countries file: pairs of countries that share arcs (TopoJSON) or
//! ring edges (GeoJSON polygons), each chained into ordered pieces and measured; the map of
//! each border (all its pieces, the countries around it) and the atlas's table and index
//! page. No file I/O: the caller writes what these build.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use geo::{BoundingRect, Coord, Intersects, LineString, Rect};
use rayon::prelude::*;
use serde_json::Value;

use crate::Dataset;
use crate::border::Border;
use crate::error::{Error, Result};
use crate::extract::SharedBorder;
use crate::layout::slug;
use crate::load::Countries;
use crate::load::context::{Context, ContextArea};

/// One land border of an atlas.
#[derive(Debug, Clone, PartialEq)]
pub struct AtlasEntry {
    /// The border, pieces ordered from their northern ends.
    pub shared: SharedBorder,
    /// Geodesic length of all pieces, metres (WGS84); pieces that could not be measured
    /// (antimeridian) count 0 and are listed in `problems`.
    pub length_m: f64,
    /// A file-name-safe id, e.g. `iraq-368--syria-760`.
    pub slug: String,
    /// Things handled but worth knowing: missing ids, spikes, antimeridian crossings.
    pub problems: Vec<String>,
}

fn name_of(
    id: Option<&str>,
    props: &serde_json::Map<String, Value>,
    index: usize,
) -> (String, bool) {
    let name = props
        .get("name")
        .or_else(|| props.get("NAME"))
        .or_else(|| props.get("ADMIN"))
        .and_then(Value::as_str);
    match (name, id) {
        (Some(n), Some(i)) => (format!("{n} ({i})"), true),
        (Some(n), None) => (n.to_string(), false),
        (None, Some(i)) => (i.to_string(), true),
        (None, None) => (format!("feature {index}"), false),
    }
}

/// All land borders of `countries`, sorted by the pair's names. Work is spread over threads
/// (rayon); the result does not depend on the number of threads.
pub fn borders(countries: &Countries) -> Vec<AtlasEntry> {
    // pair (a, b) with a < b (geometry indices) → pieces as coordinate lists.
    let mut pairs: BTreeMap<(usize, usize), Vec<Vec<Coord<f64>>>> = BTreeMap::new();
    let mut names: BTreeMap<usize, (String, bool)> = BTreeMap::new();
    match countries {
        Countries::Topology(t) => {
            let mut users: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
            let object = t.country_object().map(str::to_string);
            for g in t
                .geometries
                .iter()
                .filter(|g| Some(&g.object) == object.as_ref())
            {
                names.insert(g.index, name_of(g.id.as_deref(), &g.properties, g.index));
                for r in g.rings.iter().flatten() {
                    if let Ok(i) = usize::try_from(if *r < 0 { !*r } else { *r }) {
                        users.entry(i).or_default().insert(g.index);
                    }
                }
            }
            for (arc, us) in users {
                let us: Vec<usize> = us.into_iter().collect();
                if let ([a, b], Some(coords)) = (us.as_slice(), t.arcs.get(arc))
                    && coords.len() >= 2
                {
                    pairs.entry((*a, *b)).or_default().push(coords.clone());
                }
            }
        }
        Countries::Polygons(features) => {
            let q = |c: &Coord<f64>| {
                let t = crate::extract::DEFAULT_TOLERANCE_DEG;
                ((c.x / t).round() as i64, (c.y / t).round() as i64)
            };
            type Key = (i64, i64);
            /// Which features use an edge, and the edge's coordinates as first seen.
            type Users = (BTreeSet<usize>, Coord<f64>, Coord<f64>);
            let mut edges: BTreeMap<(Key, Key), Users> = BTreeMap::new();
            for f in features {
                let id = f.properties.get("id").and_then(Value::as_str);
                names.insert(f.index, name_of(id, &f.properties, f.index));
                let polys: Vec<&geo::Polygon<f64>> = match &f.geometry {
                    Some(geo::Geometry::Polygon(p)) => vec![p],
                    Some(geo::Geometry::MultiPolygon(m)) => m.0.iter().collect(),
                    _ => Vec::new(),
                };
                for p in polys {
                    for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
                        for l in ring.lines() {
                            let (s, e) = (q(&l.start), q(&l.end));
                            if s == e {
                                continue;
                            }
                            let entry = edges.entry((s.min(e), s.max(e))).or_insert((
                                BTreeSet::new(),
                                l.start,
                                l.end,
                            ));
                            entry.0.insert(f.index);
                        }
                    }
                }
            }
            for (_, (us, s, e)) in edges {
                let us: Vec<usize> = us.into_iter().collect();
                if let [a, b] = us.as_slice() {
                    pairs.entry((*a, *b)).or_default().push(vec![s, e]);
                }
            }
        }
    }
    let jobs: Vec<_> = pairs.into_iter().collect();
    let mut out: Vec<AtlasEntry> = jobs
        .into_par_iter()
        .map(|((a, b), parts)| {
            let (na, ida) = names.get(&a).cloned().unwrap_or_default();
            let (nb, idb) = names.get(&b).cloned().unwrap_or_default();
            let mut problems = Vec::new();
            for (n, has) in [(&na, ida), (&nb, idb)] {
                if !has {
                    problems.push(format!("{n} has no id"));
                }
            }
            let pieces = crate::extract::chain_parts(parts);
            let mut length_m = 0.0;
            for p in &pieces {
                if crate::geom::line_crosses_antimeridian(&p.0) {
                    problems.push("a piece crosses the antimeridian: not measured".to_string());
                    continue;
                }
                if is_spike(p) {
                    problems.push(format!(
                        "a degenerate piece of {} vertices folds back on itself",
                        p.0.len()
                    ));
                }
                if let Ok(bd) = Border::new("", p.clone()) {
                    length_m += bd.length_m();
                }
            }
            let slug = format!("{}--{}", slug(&na), slug(&nb));
            AtlasEntry {
                shared: SharedBorder {
                    names: [na, nb],
                    pieces,
                },
                length_m,
                slug,
                problems,
            }
        })
        .collect();
    out.sort_by(|x, y| {
        x.shared
            .names
            .cmp(&y.shared.names)
            .then(x.slug.cmp(&y.slug))
    });
    unique_slugs(&mut out);
    out
}

/// Makes every entry's slug (its map's file name) unique: names that differ only in
/// punctuation ("Foo!", "Foo?") give the same slug, so the second and later entries of a
/// slug get `-2`, `-3`, … (in the entries' order, so the same file gives the same names), a
/// suffix no other entry's slug has. Ids (ISO codes in world-atlas) are already in the slug.
fn unique_slugs(entries: &mut [AtlasEntry]) {
    let taken: BTreeSet<String> = entries.iter().map(|e| e.slug.clone()).collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    for e in entries.iter_mut() {
        if used.contains(&e.slug) {
            let mut n = 2usize;
            let mut candidate = format!("{}-{n}", e.slug);
            while taken.contains(&candidate) || used.contains(&candidate) {
                n += 1;
                candidate = format!("{}-{n}", e.slug);
            }
            e.slug = candidate;
        }
        used.insert(e.slug.clone());
    }
}

/// A piece that comes back to where it started along the same edges (e.g. A→B→A).
fn is_spike(l: &LineString<f64>) -> bool {
    let n = l.0.len();
    n >= 3 && l.0.first() == l.0.last() && {
        let half = n / 2;
        (0..half).all(|i| l.0.get(i) == l.0.get(n - 1 - i))
    }
}

/// One country of the countries file as context for an atlas map: its outline and its
/// bounding box (`[lon, lat]` degrees), to pick the countries near a border quickly.
#[derive(Debug, Clone)]
pub struct AtlasArea {
    /// The country, named as in the file, outline in `[lon, lat]` degrees.
    pub area: ContextArea,
    /// Its bounding box, `[lon, lat]` degrees.
    pub bbox: Rect<f64>,
}

/// Every country of `countries` with an outline, as context areas for the atlas maps
/// (named by their `name` property, else their id). Countries without polygons are left out.
pub fn areas(countries: &Countries) -> Vec<AtlasArea> {
    let mut out = Vec::new();
    let mut push = |name: String, shape: geo::MultiPolygon<f64>| {
        if let Some(bbox) = shape.bounding_rect() {
            out.push(AtlasArea {
                area: ContextArea {
                    name,
                    shape,
                    codes: Default::default(),
                },
                bbox,
            });
        }
    };
    match countries {
        Countries::Topology(t) => {
            let object = t.country_object().map(str::to_string);
            for g in t
                .geometries
                .iter()
                .filter(|g| Some(&g.object) == object.as_ref())
            {
                let name = g
                    .properties
                    .get("name")
                    .and_then(Value::as_str)
                    .map_or_else(|| g.id.clone().unwrap_or_default(), str::to_string);
                push(name, t.polygons(g));
            }
        }
        Countries::Polygons(fs) => {
            for f in fs {
                let shape = match &f.geometry {
                    Some(geo::Geometry::Polygon(p)) => geo::MultiPolygon(vec![p.clone()]),
                    Some(geo::Geometry::MultiPolygon(m)) => m.clone(),
                    _ => continue,
                };
                let name = f
                    .properties
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                push(name, shape);
            }
        }
    }
    out
}

/// The border an atlas map draws: every piece of `entry` that does not cross the
/// antimeridian, as the parts of one border ([`crate::border::order_parts`]), named "A – B",
/// and how many pieces were left off. An error when no piece can be drawn.
pub fn drawn_border(entry: &AtlasEntry) -> Result<(Border, usize)> {
    let [a, b] = &entry.shared.names;
    let pieces: Vec<LineString<f64>> = entry
        .shared
        .pieces
        .iter()
        .filter(|p| {
            !p.0.windows(2)
                .any(|w| matches!(w, [a, b] if (a.x - b.x).abs() > 180.0))
                && p.0.len() >= 2
        })
        .cloned()
        .collect();
    if pieces.is_empty() {
        return Err(Error::input("no piece of this border can be drawn"));
    }
    let left_off = entry.shared.pieces.len() - pieces.len();
    let order = crate::border::order_parts(&pieces);
    let parts = order
        .iter()
        .filter_map(|&i| pieces.get(i).cloned())
        .collect();
    Ok((Border::from_parts(format!("{a} – {b}"), parts)?, left_off))
}

/// The frame of an atlas map around `line`: its bounding box padded on every side by half
/// its width plus height, at least 0.5°, `[lon, lat]` degrees.
pub fn padded_frame(line: &LineString<f64>) -> Result<Rect<f64>> {
    let bbox = line
        .bounding_rect()
        .ok_or_else(|| Error::input("empty border"))?;
    let pad = ((bbox.width() + bbox.height()) * 0.5).max(0.5);
    Ok(Rect::new(
        geo::coord! { x: bbox.min().x - pad, y: bbox.min().y - pad },
        geo::coord! { x: bbox.max().x + pad, y: bbox.max().y + pad },
    ))
}

/// What one atlas map draws: the dataset of its pieces, its context, and the notes for
/// `atlas.csv` (e.g. how many pieces were left off the map).
#[derive(Debug)]
pub struct AtlasMap {
    /// Every drawable piece as one border's parts, a dataset (source: the countries file).
    pub dataset: Dataset,
    /// The countries of the file whose boxes meet the padded frame (none 180° wide or more),
    /// plus the basemap's rivers, capitals and towns of the region.
    pub context: Context,
    /// Notes for the atlas table.
    pub problems: Vec<String>,
}

/// The map of one border of an atlas: all its pieces, the file's countries around it
/// (from `all`, see [`areas`]) and the basemap's extras. `countries_file` is the file the
/// areas come from (named in the map's footer).
pub fn map_of(entry: &AtlasEntry, all: &[AtlasArea], countries_file: &Path) -> Result<AtlasMap> {
    let mut problems = Vec::new();
    // A map draws every piece but those across the antimeridian, which are listed.
    let (border, left_off) = drawn_border(entry)?;
    if left_off > 0 {
        problems.push(format!(
            "{left_off} of {} pieces cross the antimeridian; the map shows the others ({:.1} km)",
            entry.shared.pieces.len(),
            border.length_m() / 1000.0
        ));
    }
    let vertices = border.vertices();
    let frame = padded_frame(&vertices)?;
    let mut context = Context {
        files: vec![countries_file.to_path_buf()],
        countries: all
            .iter()
            .filter(|a| a.bbox.intersects(&frame) && a.bbox.width() < 180.0)
            .map(|a| a.area.clone())
            .collect(),
        ..Context::default()
    };
    // The countries are the file's own; rivers, capitals and towns come from the basemap.
    if let Some(region) = crate::load::world::region_of(&vertices) {
        context.extend(crate::load::world::extras_in(region)?);
    }
    Ok(AtlasMap {
        dataset: Dataset::from_border(border, countries_file.to_path_buf()),
        context,
        problems,
    })
}

/// One row of an atlas: the border, the map file written (relative to the atlas folder), if
/// any, and every note (the border's own, then the map's or why it was not drawn).
#[derive(Debug, Clone)]
pub struct AtlasRow {
    /// The border.
    pub entry: AtlasEntry,
    /// The map's file name, e.g. `iraq-368--syria-760.svg`; `None` when it was not drawn.
    pub file: Option<String>,
    /// Notes, joined with "; " in the table.
    pub problems: Vec<String>,
}

/// Writes `atlas.csv`: `pair,a,b,parts,vertices,length_m,file,problems`, one line per row
/// (length in metres, 3 decimals), fields quoted only where needed, lines ending in `\n`.
pub fn write_csv(w: &mut dyn Write, rows: &[AtlasRow]) -> std::io::Result<()> {
    let mut out = crate::report::csv_writer(w);
    out.write_record([
        "pair", "a", "b", "parts", "vertices", "length_m", "file", "problems",
    ])?;
    for d in rows {
        let [a, b] = &d.entry.shared.names;
        out.write_record([
            d.entry.slug.as_str(),
            a,
            b,
            &d.entry.shared.pieces.len().to_string(),
            &d.entry.shared.vertices().to_string(),
            &crate::report::mm_text(d.entry.length_m),
            d.file.as_deref().unwrap_or(""),
            &d.problems.join("; "),
        ])?;
    }
    out.flush()
}

/// The atlas's `index.html`: a grid of the drawn maps, each captioned "A – B: N km", with
/// `source` (the countries file as shown) in the introduction. Every name is escaped.
pub fn index_html(rows: &[AtlasRow], source: &str) -> String {
    let esc = crate::html::escape;
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Atlas of land borders</title>\n<style>body{font-family:sans-serif;margin:2em}ul{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1em;list-style:none;padding:0}img{width:100%;border:1px solid #ccc}figcaption{font-size:14px}</style></head><body>\n",
    );
    let _ = writeln!(
        html,
        "<h1>Atlas of land borders</h1><p>{} borders from {}; lengths geodesic on the WGS84 ellipsoid.</p><ul>",
        rows.len(),
        esc(source)
    );
    for d in rows {
        let [a, b] = &d.entry.shared.names;
        if let Some(f) = &d.file {
            let f = esc(f);
            let (a, b) = (esc(a), esc(b));
            let _ = writeln!(
                html,
                "<li><figure><a href=\"{f}\"><img src=\"{f}\" alt=\"{a} – {b}\" loading=\"lazy\"></a><figcaption>{a} – {b}: {:.1} km</figcaption></figure></li>",
                d.entry.length_m / 1000.0
            );
        }
    }
    html.push_str("</ul></body></html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(names: [&str; 2], pieces: Vec<Vec<(f64, f64)>>) -> AtlasEntry {
        AtlasEntry {
            shared: SharedBorder {
                names: names.map(str::to_string),
                pieces: pieces.into_iter().map(LineString::from).collect(),
            },
            length_m: 1234.5678,
            slug: "a--b".to_string(),
            problems: Vec::new(),
        }
    }

    #[test]
    fn drawn_border_skips_the_antimeridian_and_keeps_every_other_piece() {
        let e = entry(
            ["A", "B"],
            vec![
                vec![(179.0, 0.0), (-179.0, 0.0), (-170.0, 0.0)],
                vec![(10.0, 0.0), (10.0, 1.0)],
                vec![(20.0, 0.0), (20.0, 0.5)],
            ],
        );
        let (b, left_off) = drawn_border(&e).unwrap();
        assert_eq!(left_off, 1);
        assert_eq!(b.parts().len(), 2);
        // Both pieces start at latitude 0: the western start comes first.
        assert_eq!(b.parts()[0].0[0].x, 10.0);
        assert_eq!(b.name, "A – B");
        let none = entry(["A", "B"], vec![vec![(179.0, 0.0), (-179.0, 0.0)]]);
        assert!(drawn_border(&none).is_err());
    }

    #[test]
    fn slugs_that_collide_get_a_suffix_no_other_entry_has() {
        let mut es: Vec<AtlasEntry> = ["foo--bar", "foo--bar", "foo--bar-2", "foo--bar"]
            .iter()
            .map(|s| {
                let mut e = entry(["A", "B"], vec![]);
                e.slug = s.to_string();
                e
            })
            .collect();
        unique_slugs(&mut es);
        let slugs: Vec<&str> = es.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(
            slugs,
            ["foo--bar", "foo--bar-3", "foo--bar-2", "foo--bar-4"]
        );
    }

    #[test]
    fn the_frame_is_padded_by_half_the_box_at_least_half_a_degree() {
        let f = padded_frame(&LineString::from(vec![(0.0, 0.0), (4.0, 2.0)])).unwrap();
        assert_eq!(
            (f.min().x, f.min().y, f.max().x, f.max().y),
            (-3.0, -3.0, 7.0, 5.0)
        );
        let f = padded_frame(&LineString::from(vec![(0.0, 0.0), (0.1, 0.1)])).unwrap();
        assert_eq!((f.min().x, f.max().y), (-0.5, 0.6));
        assert!(padded_frame(&LineString::new(Vec::new())).is_err());
    }

    #[test]
    fn the_table_quotes_only_where_needed() {
        let mut e = entry(
            ["Bosnia, and \"H\"", "Line\nbreak"],
            vec![vec![(0.0, 0.0), (1.0, 0.0)]],
        );
        e.slug = "bosnia--line".to_string();
        let rows = [AtlasRow {
            entry: e,
            file: None,
            problems: vec!["one".to_string(), "two".to_string()],
        }];
        let mut out = Vec::new();
        write_csv(&mut out, &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "pair,a,b,parts,vertices,length_m,file,problems\n\
             bosnia--line,\"Bosnia, and \"\"H\"\"\",\"Line\nbreak\",1,2,1234.568,,one; two\n"
        );
    }

    #[test]
    fn the_index_page_escapes_every_name_and_lists_drawn_maps_only() {
        let rows = [
            AtlasRow {
                entry: entry(["Côte d'Ivoire", "<b>&"], vec![]),
                file: Some("a--b.svg".to_string()),
                problems: Vec::new(),
            },
            AtlasRow {
                entry: entry(["Undrawn", "X"], vec![]),
                file: None,
                problems: Vec::new(),
            },
        ];
        let html = index_html(&rows, "o'neil.json");
        assert!(html.contains("2 borders from o&apos;neil.json;"), "{html}");
        assert!(html.contains(
            "alt=\"Côte d&apos;Ivoire – &lt;b&gt;&amp;\" loading=\"lazy\"></a><figcaption>Côte d&apos;Ivoire – &lt;b&gt;&amp;: 1.2 km</figcaption>"
        ), "{html}");
        assert!(!html.contains("Undrawn"));
        assert!(html.ends_with("</ul></body></html>\n"));
    }
}
