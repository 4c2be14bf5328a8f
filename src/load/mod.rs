//! The load stage: the only code that reads files. GeoJSON borders, places and context, the
//! layers TOML, and the embedded default dataset (paths under `<builtin>/`).

pub mod annotations;
pub mod border;
pub mod context;
mod fast;
pub mod geojson;
pub mod layers;
pub(crate) mod nesting;
pub mod story;
pub(crate) mod strings;
pub mod style;
pub mod topojson;
pub mod world;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use border::LoadedBorder;
use layers::{Layers, Place};

/// Directory name under which embedded assets are addressed, e.g. `<builtin>/places.geojson`.
pub const BUILTIN: &str = "<builtin>";

/// The embedded files: the default dataset and what it needs, named as in `assets/` (the
/// layers file names its data files `data/...`, relative to it, in the repository too).
const ASSETS: &[(&str, &[u8])] = &[
    (
        "iraq-syria.toml",
        include_bytes!("../../assets/iraq-syria.toml"),
    ),
    (
        "data/iraq-syria-border-10m.geojson",
        include_bytes!("../../assets/data/iraq-syria-border-10m.geojson"),
    ),
    (
        "data/iraq-syria-border-osm.geojson",
        include_bytes!("../../assets/data/iraq-syria-border-osm.geojson"),
    ),
    (
        "data/places.geojson",
        include_bytes!("../../assets/data/places.geojson"),
    ),
    (
        "data/context-10m.geojson",
        include_bytes!("../../assets/data/context-10m.geojson"),
    ),
    (
        "data/rivers-50m.geojson",
        include_bytes!("../../assets/data/rivers-50m.geojson"),
    ),
    (
        "world/countries-10m.json",
        include_bytes!("../../assets/world/countries-10m.json"),
    ),
    (
        "world/countries-50m.json",
        include_bytes!("../../assets/world/countries-50m.json"),
    ),
    (
        "world/countries-110m.json",
        include_bytes!("../../assets/world/countries-110m.json"),
    ),
    (
        "world/country-codes.tsv",
        include_bytes!("../../assets/world/country-codes.tsv"),
    ),
    (
        "world/towns.tsv",
        include_bytes!("../../assets/world/towns.tsv"),
    ),
    (
        "world/rivers-50m.geojson",
        include_bytes!("../../assets/world/rivers-50m.geojson"),
    ),
    (
        "world/lakes-50m.geojson",
        include_bytes!("../../assets/world/lakes-50m.geojson"),
    ),
];

/// The embedded dataset as editable files, each with its path relative to a directory: the
/// layers file (`iraq-syria.toml`), the data it names (border lines, places, rivers, context
/// under `data/`, with their sources and licences) and a story file using them
/// (`story.toml`), so that written out they load where they are and draw the built-in map.
pub fn dataset_files() -> Vec<(&'static str, &'static [u8])> {
    let mut files: Vec<(&'static str, &'static [u8])> = ASSETS
        .iter()
        .filter(|(name, _)| !name.starts_with("world/"))
        .copied()
        .collect();
    files.push((
        "data/SOURCE.md",
        include_bytes!("../../assets/data/SOURCE.md"),
    ));
    files.push((
        "data/LICENSE-OSM-SOURCE.txt",
        include_bytes!("../../assets/data/LICENSE-OSM-SOURCE.txt"),
    ));
    files.push(("story.toml", include_bytes!("../../assets/story.toml")));
    files
}

/// Names of the embedded borders a user may ask for instead of a file (`@name`).
pub const BUILTIN_BORDERS: &[(&str, &str)] = &[
    ("iraq-syria", "data/iraq-syria-border-10m.geojson"),
    ("iraq-syria-osm", "data/iraq-syria-border-osm.geojson"),
];

/// The embedded layers file of the default dataset.
pub const DEFAULT_LAYERS: &str = "<builtin>/iraq-syria.toml";
/// The embedded context (neighbour countries, rivers, capitals) of the default dataset.
pub const DEFAULT_CONTEXT: &str = "<builtin>/data/context-10m.geojson";

/// Reads a locale file (Fluent `.ftl`, UTF-8).
pub fn locale_file(path: &Path) -> Result<crate::i18n::LocaleFile> {
    let bytes = read(path)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::input("the locale file is not UTF-8")
            .in_file(path)
            .hint("save the .ftl file as UTF-8")
    })?;
    Ok(crate::i18n::LocaleFile {
        path: path.to_path_buf(),
        text,
    })
}

/// Reads a file, or an embedded asset when `path` is under `<builtin>/`. `-` reads stdin.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    if let Ok(rest) = path.strip_prefix(BUILTIN) {
        let name = rest.to_string_lossy();
        return ASSETS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| b.to_vec())
            .ok_or_else(|| {
                Error::input(format!("no embedded file '{name}'"))
                    .in_file(path)
                    .hint(format!(
                        "embedded files: {}",
                        ASSETS
                            .iter()
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
            });
    }
    if path == Path::new("-") {
        let stdin = std::io::stdin();
        return read_capped(stdin.lock(), Path::new("<stdin>"), "check the input stream");
    }
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > crate::limits::MAX_FILE_BYTES
    {
        return Err(Error::limit(
            format!(
                "file is {} bytes, more than the limit of {} bytes",
                meta.len(),
                crate::limits::MAX_FILE_BYTES
            ),
            "split the input or simplify it first",
        )
        .in_file(path));
    }
    let file = std::fs::File::open(path).map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::NotFound => "check the path",
            std::io::ErrorKind::PermissionDenied => "check the file's permissions",
            _ => "check the file",
        };
        Error::io(path, &e, hint)
    })?;
    read_capped(file, path, "check the file")
}

/// Reads at most [`crate::limits::MAX_FILE_BYTES`] bytes from `from` (a file, a FIFO, a
/// device, stdin: whatever its metadata says), and refuses more as over the read cap before
/// any of it is parsed. `shown` names the input in errors.
fn read_capped(from: impl std::io::Read, shown: &Path, hint: &str) -> Result<Vec<u8>> {
    let cap = crate::limits::MAX_FILE_BYTES;
    let mut buf = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(from, cap + 1), &mut buf)
        .map_err(|e| Error::io(shown, &e, hint))?;
    if buf.len() as u64 > cap {
        return Err(Error::limit(
            format!("input is more than the read cap of {cap} bytes (256 MiB); stopped reading there"),
            "split the input or simplify it first; a device or a pipe that never ends is not an input",
        )
        .in_file(shown));
    }
    Ok(buf)
}

/// A GeoJSON file parsed into validated features.
pub fn geojson_file(path: &Path) -> Result<geojson::InputFile> {
    let bytes = read(path)?;
    let text = geojson::text_from_bytes(&bytes, display_path(path).as_path())?;
    geojson::parse(text, &display_path(path))
}

/// How a file is named in what bordermap publishes (maps, reports, pages, the warnings they
/// carry): its file name only, never its directory (`<stdin>` for `-`; an embedded file by its
/// name). Error messages on stderr keep the path as given.
pub fn shown_name(path: &Path) -> String {
    if path == Path::new("-") {
        return "<stdin>".to_string();
    }
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

pub(crate) fn display_path(path: &Path) -> PathBuf {
    if path == Path::new("-") {
        PathBuf::from("<stdin>")
    } else {
        path.to_path_buf()
    }
}

/// Resolves `@name` to an embedded border path; other values are paths.
pub fn border_path(arg: &str) -> Result<PathBuf> {
    match arg.strip_prefix('@') {
        Some(name) => BUILTIN_BORDERS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| Path::new(BUILTIN).join(f))
            .ok_or_else(|| {
                Error::input(format!("no embedded border '@{name}'"))
                    .hint("embedded borders: @iraq-syria (Natural Earth 1:10m, the default), @iraq-syria-osm (OpenStreetMap)")
            }),
        None => Ok(PathBuf::from(arg)),
    }
}

/// Which embedded border (`iraq-syria`, `iraq-syria-osm`) `path` is: the embedded file itself
/// (`<builtin>/...`) or a file with the same bytes, such as the repository's
/// `assets/data/iraq-syria-border-10m.geojson` that `assets/iraq-syria.toml` names. `None` for
/// any other border or one that cannot be read.
pub fn embedded_border(path: &Path) -> Option<&'static str> {
    if let Some((name, _)) = BUILTIN_BORDERS
        .iter()
        .find(|(_, f)| path == Path::new(BUILTIN).join(f))
    {
        return Some(name);
    }
    if path.starts_with(BUILTIN) || path == Path::new("-") {
        return None;
    }
    // Only a file of an embedded border's size is read again.
    let len = std::fs::metadata(path).ok()?.len();
    BUILTIN_BORDERS.iter().find_map(|(name, f)| {
        let (_, bytes) = ASSETS.iter().find(|(n, _)| n == f)?;
        (bytes.len() as u64 == len && std::fs::read(path).ok()?.as_slice() == *bytes)
            .then_some(*name)
    })
}

/// Loads a border from a GeoJSON file (or `<builtin>/...`, or `-` for stdin).
pub fn border(path: &Path, tag_keys: &[String]) -> Result<LoadedBorder> {
    let input = geojson_file(path)?;
    border::border_from_features(input, &display_path(path), tag_keys)
}

/// Loads a layers file; files it names are read relative to its directory.
pub fn layers(path: &Path) -> Result<Layers> {
    let bytes = read(path)?;
    let text = geojson::utf8(
        &bytes,
        path,
        "TOML must be UTF-8; re-save the layers file as UTF-8",
    )?;

    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut l = layers::parse(text, path, &base, &|p| read(p))?;
    l.check_texts()?;
    l.sha256 = crate::version::sha256_hex(&bytes);
    Ok(l)
}

/// Loads places (GeoJSON Points with a `name`).
pub fn places(path: &Path) -> Result<Vec<Place>> {
    let input = geojson_file(path)?;
    let places = layers::places_from(input, &display_path(path))?;
    for (i, p) in places.iter().enumerate() {
        for n in std::iter::once(&p.name).chain(p.names.values()) {
            crate::text_gate::check(n, "a place's name")
                .map_err(|e| e.in_file(path).at_feature(i))?;
        }
    }
    Ok(places)
}

/// Joins a path named inside a layers file to the layers file's directory.
pub fn relative_to(layers_file: &Path, name: &str) -> PathBuf {
    layers_file
        .parent()
        .map_or_else(|| PathBuf::from(name), |d| d.join(name))
}

/// A file of countries: a TopoJSON topology, or GeoJSON (Multi)Polygon features.
#[derive(Debug, Clone)]
pub enum Countries {
    /// TopoJSON: borders are the arcs two countries share.
    Topology(topojson::Topology),
    /// GeoJSON polygons: borders are the ring edges two countries share.
    Polygons(Vec<geojson::InputFeature>),
}

/// Loads a countries file, TopoJSON or GeoJSON (by content).
pub fn countries(path: &Path) -> Result<Countries> {
    let bytes = read(path)?;
    let shown = display_path(path);
    let text = geojson::text_from_bytes(&bytes, &shown)?;
    if topojson::is_topology(text) {
        Ok(Countries::Topology(topojson::parse(text, &shown)?))
    } else {
        Ok(Countries::Polygons(geojson::parse(text, &shown)?.features))
    }
}
