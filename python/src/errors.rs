//! `bordermap.BordermapError`: the library's [`Error`] as a Python `ValueError` carrying its
//! file, line, column, km and hint, the hint worded with the Python argument names (as
//! `src/bin/bordermap/hints.rs` words it with the command's flags).

use bordermap::Error;
use bordermap::error::{Detail, ErrorKind, Grow, Setting};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

pyo3::create_exception!(
    bordermap,
    BordermapError,
    PyValueError,
    "An error of bordermap: bad input (a file, an argument) or a file that cannot be read or \
     written. Attributes: `file` (str or None), `line` and `column` (1-based, or None), `km` \
     (the position along the border, km, or None), `feature` (0-based index in a \
     FeatureCollection, or None), `hint` (what to do, str) and `kind` (\"input\", \"io\" or \
     \"limit\")."
);

/// `e` as a `BordermapError`, its hint worded for Python.
pub fn to_py(py: Python<'_>, e: Error) -> PyErr {
    let e = for_python(e);
    let err = BordermapError::new_err(e.to_string());
    let value = err.value(py);
    let l = &e.location;
    let kind = match e.kind {
        ErrorKind::Input => "input",
        ErrorKind::Io => "io",
        ErrorKind::Limit => "limit",
    };
    let file = l.file.as_ref().map(|f| f.display().to_string());
    let attrs = [
        value.setattr("file", file),
        value.setattr("line", l.line),
        value.setattr("column", l.column),
        value.setattr("km", l.km),
        value.setattr("feature", l.feature),
        value.setattr("hint", e.hint.clone()),
        value.setattr("kind", kind),
    ];
    match attrs.into_iter().find_map(std::result::Result::err) {
        Some(failed) => failed,
        None => err,
    }
}

/// A library result as a Python one.
pub fn py_result<T>(py: Python<'_>, r: bordermap::Result<T>) -> PyResult<T> {
    r.map_err(|e| to_py(py, e))
}

/// `e` with its hint worded for Python, when its [`Detail`] has a Python wording.
pub fn for_python(mut e: Error) -> Error {
    if let Some(hint) = e.detail.as_ref().and_then(hint) {
        e.hint = hint;
    }
    e
}

/// The Python hint for `d` (arguments of `bordermap.load()` and `Dataset.render()` by name);
/// `None` keeps the library's hint.
pub fn hint(d: &Detail) -> Option<String> {
    Some(match d {
        Detail::PageOutOfRange {
            min_width,
            min_height,
            max,
            ..
        } => {
            if min_width == min_height {
                format!("give width= and height= between {min_width} and {max} px")
            } else {
                format!(
                    "give width= between {min_width} and {max} px and height= between {min_height} and {max} px"
                )
            }
        }
        Detail::PageTooSmall {
            grow, min_height, ..
        } => match (min_height, grow) {
            (Some(n), _) => {
                format!("make the page taller: {n} px holds it at this width (height={n})")
            }
            (None, Grow::Both) => {
                "make the page wider and taller (width=, height=, or size=)".to_string()
            }
            (None, Grow::Height) => "make the page taller (height=)".to_string(),
            (None, Grow::Width) => "give a wider page (width=)".to_string(),
        },
        Detail::OutOfRange {
            setting: Setting::Scale,
            min,
            max,
        } => format!("give scale= between {min} and {max}"),
        Detail::OutOfRange {
            setting: Setting::Simplify,
            ..
        } => "give a distance in page px, e.g. simplify=0.5".to_string(),
        Detail::OutOfRange {
            setting: Setting::Between,
            ..
        } => "give two countries, e.g. between=(\"Iraq\", \"Jordan\")".to_string(),
        Detail::Missing {
            setting: Setting::Layers,
        } => "give a layers file (bordermap.load(layers=...)) with dated intervals".to_string(),
        Detail::Missing {
            setting: Setting::Places,
        } => "no places file is loaded: name one with [dataset] places = \"places.geojson\" or bordermap.load(places=...)"
            .to_string(),
        Detail::Conflict {
            a: Setting::Border,
            b: Setting::Between,
        } => "give bordermap.load() either border= or between=(A, B)".to_string(),
        Detail::Conflict {
            a: Setting::Scale,
            b: Setting::Dpi,
        } => "give one of scale= and dpi= (96 dpi = scale 1)".to_string(),
        Detail::UnknownFormat => {
            "name the file .svg, .png or .pdf, or give format=\"svg\", \"png\" or \"pdf\"".to_string()
        }
        Detail::Unsuitable {
            setting: Setting::Crs,
        } => "choose a CRS that covers the border (crs=)".to_string(),
        Detail::OutOfRange {
            setting: Setting::Bbox,
            ..
        }
        | Detail::Unsuitable {
            setting: Setting::Bbox,
        } => "give bbox=(W, S, E, N) in degrees with W < E and S < N, e.g. bbox=(40.5, 33.8, 42.5, 35.2)"
            .to_string(),
        Detail::OutOfRange {
            setting: Setting::Center,
            ..
        } => "give center=(LON, LAT) with longitude -180 to 180 and latitude -85 to 85".to_string(),
        Detail::OutOfRange {
            setting: Setting::Zoom,
            ..
        } => "give zoom_km= more than 0, at most 20000, e.g. zoom_km=60".to_string(),
        Detail::Conflict {
            a: Setting::Bbox,
            b: Setting::Center,
        } => "give either bbox= or center= with zoom_km=".to_string(),
        Detail::Missing {
            setting: Setting::Zoom,
        } => "give zoom_km= with center=".to_string(),
        Detail::Missing {
            setting: Setting::Center,
        } => "give center=(LON, LAT) with zoom_km=".to_string(),
        Detail::Missing {
            setting: Setting::Inset,
        } => "give a context file with countries (context=[FILE]), or inset=\"auto\"".to_string(),
        Detail::Unsuitable {
            setting: Setting::Inset,
        } => "leave the inset to the layout (inset=\"auto\") or make the page larger (width=, height=)"
            .to_string(),
        Detail::PngTooLarge => "lower scale= or the page size".to_string(),
        Detail::PdfPageOutOfRange { max_pt } => {
            format!("PDF pages are 1 to {max_pt} pt a side (19,200 px): lower width=/height=")
        }
        Detail::UnknownLanguage { shipped } => format!(
            "shipped: {}; for another language give locale_file=\"FILE.ftl\" (a translation of assets/locales/en.ftl)",
            shipped.join(", ")
        ),
        _ => return None,
    })
}
