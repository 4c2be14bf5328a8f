//! Shared helpers: the reference figures (`tests/data/reference.json`), the repository's data
//! files read independently of the library, temporary files, the default map and its labels;
//! the `bordermap` command is run by `cmd`.

mod annotations;
mod atlas;
mod basemap;
mod budget;
mod check;
mod cli;
mod cmd;
mod corpus;
mod determinism;
mod diff;
mod editorial;
mod extract;
mod grammar;
mod growth;
mod history;
mod join;
mod junit;
mod lang;
mod layout;
mod locales;
mod outputs;
mod overlay_props;
mod parts;
mod pdf;
mod places;
// Both projection back-ends: only with `--features proj` (PROJ itself is built from source).
#[cfg(feature = "proj")]
mod projection;
mod reference;
mod render;
mod resolution;
mod scale;
mod segments;
mod sources;
mod story;
mod svg_safety;
mod tidy;
mod users;
mod view;
mod world;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bordermap::{Dataset, Date, LoadOptions, Measured, RenderOptions};
use geo::{Coord, Distance, Geodesic, Point};
use serde_json::Value;

/// One millimetre, the tolerance for figures computed on a geodesic (totals, chainage,
/// crossings, snap distances).
pub const MM: f64 = 0.001;

/// Along-line position of a snapped place: the minimum of the distance is flat (for a town
/// 97 km off the line, f64 rounding alone blurs it over ~2 mm), so two correct nearest-point
/// searches agree only to millimetres (tests/data/SOURCE.md). Brent's method lands within
/// 3.3 mm of the reference's derivative root on both lines.
pub const SNAP_ALONG: f64 = 0.005;

/// A path inside the repository.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A repository JSON file, read with serde_json (not the library's loader).
pub fn json_file(rel: &str) -> Value {
    let text = std::fs::read_to_string(repo(rel)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// `tests/data/reference.json` (GeographicLib 2.1).
pub fn reference() -> &'static Value {
    static R: OnceLock<Value> = OnceLock::new();
    R.get_or_init(|| json_file("tests/data/reference.json"))
}

/// A number from the reference.
pub fn num(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("not a number in reference.json: {v}"))
}

/// The reference chainage (metres at each vertex) of `line` (`ne10m` or `osm`).
pub fn ref_chainage(line: &str) -> Vec<f64> {
    reference()[line]["chainage_m"]
        .as_array()
        .unwrap()
        .iter()
        .map(num)
        .collect()
}

/// The vertices of a repository border file, read with serde_json (not the library's loader).
pub fn vertices(rel: &str) -> Vec<[f64; 2]> {
    json_file(rel)["features"][0]["geometry"]["coordinates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| [num(&c[0]), num(&c[1])])
        .collect()
}

/// The Natural Earth line's vertices, north to south.
pub fn ne_vertices() -> Vec<[f64; 2]> {
    vertices("assets/data/iraq-syria-border-10m.geojson")
}

/// al-Tanf garrison, `[lon, lat]`, and the radius of its zone in metres, from the reference.
pub fn tanf() -> (Coord<f64>, f64) {
    let m = &reference()["meta"];
    (
        Coord {
            x: num(&m["tanf"]["lon"]),
            y: num(&m["tanf"]["lat"]),
        },
        num(&m["radius_m"]),
    )
}

/// Geodesic distance in metres between two `[lon, lat]` points.
pub fn dist(a: Coord<f64>, b: Coord<f64>) -> f64 {
    Geodesic.distance(Point(a), Point(b))
}

/// A date.
pub fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// The embedded dataset with `border` (`None`: the default line).
pub fn dataset(border: Option<&str>) -> Dataset {
    Dataset::load(&LoadOptions {
        border: border.map(str::to_string),
        ..LoadOptions::default()
    })
    .unwrap()
}

/// The default dataset measured on `as_of` (`None`: the layers file's date).
pub fn measured(as_of: Option<&str>) -> Measured {
    dataset(None).measure(as_of.map(date)).unwrap()
}

/// The default map: the embedded dataset, measured on the layers file's date, and its render
/// options.
pub fn default_map() -> (Dataset, Measured, RenderOptions) {
    let ds = dataset(None);
    let m = ds.measure(None).unwrap();
    let opts = RenderOptions::for_dataset(&ds).unwrap();
    (ds, m, opts)
}

/// Whether an SVG element has `class` among its classes.
pub fn class_has(n: &roxmltree::Node<'_, '_>, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split(' ').any(|x| x == class))
}

/// Asserts that no two of the scene's label boxes overlap and that none lies on the legend.
#[track_caller]
pub fn assert_labels_apart(sc: &bordermap::layout::LayoutReport) {
    for (i, a) in sc.labels.iter().enumerate() {
        for b in sc.labels.iter().skip(i + 1) {
            assert!(
                !a.rect.intersects(&b.rect),
                "{:?} overlaps {:?}",
                a.text,
                b.text
            );
        }
        assert!(
            !a.rect.intersects(&sc.legend_rect),
            "{} on the legend",
            a.text
        );
    }
}

/// Loads a border file with the embedded layers and places.
pub fn with_default_layers(border: &Path) -> Dataset {
    Dataset::load(&LoadOptions {
        border: Some(border.to_string_lossy().into_owned()),
        layers: Some(PathBuf::from(bordermap::load::DEFAULT_LAYERS)),
        ..LoadOptions::default()
    })
    .unwrap()
}

/// How parts of a line are written to a GeoJSON file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A FeatureCollection with one LineString feature per part.
    Features,
    /// One Feature with a MultiLineString.
    Multi,
}

/// GeoJSON text holding `parts` as `container` says.
pub fn geojson_of(parts: &[Vec<[f64; 2]>], container: Container) -> String {
    let doc = match container {
        Container::Features => serde_json::json!({
            "type": "FeatureCollection",
            "features": parts.iter().map(|p| serde_json::json!({
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "LineString", "coordinates": p},
            })).collect::<Vec<_>>(),
        }),
        Container::Multi => serde_json::json!({
            "type": "Feature",
            "properties": {"name": "Iraq-Syria border"},
            "geometry": {"type": "MultiLineString", "coordinates": parts},
        }),
    };
    doc.to_string()
}

/// Writes `text` to `name` in a new temporary directory (kept alive by the returned guard).
pub fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// Asserts `|got - want| <= tol`, naming what was compared.
#[track_caller]
pub fn assert_near(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got:.6}, want {want:.6} (difference {:.6} m > {tol} m)",
        (got - want).abs()
    );
}

/// 3 × 3 box blur of the RGB channels: antialiasing of text and outlines differs a little
/// between rasterisers (and between glyphs drawn as text and as outlines).
pub fn blur3(p: &resvg::tiny_skia::Pixmap) -> Vec<[f32; 3]> {
    let (w, h) = (i64::from(p.width()), i64::from(p.height()));
    let px = p.pixels();
    let mut out = vec![[0.0f32; 3]; px.len()];
    for y in 0..h {
        for x in 0..w {
            let (mut acc, mut n) = ([0.0f32; 3], 0.0);
            for (dx, dy) in (-1..=1).flat_map(|dy| (-1..=1).map(move |dx| (dx, dy))) {
                let (xx, yy) = (x + dx, y + dy);
                if xx < 0 || yy < 0 || xx >= w || yy >= h {
                    continue;
                }
                let q = px[(yy * w + xx) as usize].demultiply();
                acc[0] += f32::from(q.red());
                acc[1] += f32::from(q.green());
                acc[2] += f32::from(q.blue());
                n += 1.0;
            }
            out[(y * w + x) as usize] = [acc[0] / n, acc[1] / n, acc[2] / n];
        }
    }
    out
}
