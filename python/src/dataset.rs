//! `bordermap.load()` and `bordermap.Dataset`: a loaded border with its layers and places,
//! measured (`measure`) and drawn (`render`) by the library.

use std::path::Path;
use std::sync::Arc;

use bordermap::Error;
use bordermap::map::Format;
use bordermap::story::{DateText, OneOrMany, Story};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::py_result;
use crate::map::Map;
use crate::measured::Result as Measurement;
use crate::options::{self, LOAD_KEYS};
use crate::pool;

/// A loaded border with its layers and places (`bordermap.load()`).
#[pyclass(frozen, module = "bordermap")]
pub struct Dataset {
    /// The library's dataset, shared with the maps and results made from it.
    pub(crate) inner: Arc<bordermap::Dataset>,
    /// Everything the dataset was loaded with (its story file and the arguments): the base of
    /// every map's settings.
    pub(crate) story: Story,
}

/// Loads a border with its layers and places (default: the embedded Iraq–Syria dataset).
///
/// border: a GeoJSON file, or an embedded border ("@iraq-syria", "@iraq-syria-osm").
/// between: instead of a border, two countries (names or ISO codes), e.g. ("Iraq", "Jordan").
/// layers: the layers file (TOML) with dated, sourced intervals. places: a GeoJSON of Points.
/// options: any other story key (e.g. tags=["authority"], or map settings such as lang="ar"
/// that every render() of this dataset starts from); story=PATH reads a story file first,
/// the arguments laid over it.
#[pyfunction]
#[pyo3(signature = (border=None, between=None, layers=None, places=None, **options))]
pub fn load(
    py: Python<'_>,
    border: Option<&Bound<'_, PyAny>>,
    between: Option<&Bound<'_, PyAny>>,
    layers: Option<&Bound<'_, PyAny>>,
    places: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Dataset> {
    let (file, options) = take_story(py, options)?;
    let args = py_result(
        py,
        options::story(
            "load()",
            &[
                ("border", border),
                ("between", between),
                ("layers", layers),
                ("places", places),
            ],
            options.as_ref(),
            &[(
                "output",
                "load() writes nothing: save a map with Map.save(path)",
            )],
        ),
    )?;
    let story = match file {
        Some(f) => py_result(py, f.merge(&args))?,
        None => args,
    };
    let for_load = story.clone();
    let inner = pool::run(py, move || {
        bordermap::Dataset::load(&for_load.load_options()?)
    })?;
    Ok(Dataset {
        inner: Arc::new(inner),
        story,
    })
}

/// The story file of `story=PATH` among `options`, read, and the other options.
fn take_story<'py>(
    py: Python<'py>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Option<Story>, Option<Bound<'py, PyDict>>)> {
    let Some(options) = options else {
        return Ok((None, None));
    };
    let rest = options.copy()?;
    let Some(path) = rest.get_item("story")? else {
        return Ok((None, Some(rest)));
    };
    rest.del_item("story")?;
    if path.is_none() {
        return Ok((None, Some(rest)));
    }
    Ok((Some(read_story(py, &path)?), Some(rest)))
}

/// Reads the story file `path` (a str or os.PathLike).
fn read_story(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Story> {
    let p = py_result(py, crate::value::to_json(path, "story"))?;
    let Some(p) = p.as_str().map(str::to_string) else {
        return Err(crate::errors::to_py(
            py,
            Error::input("story: not a path")
                .hint("give the story file's path, e.g. story=\"story.toml\""),
        ));
    };
    py_result(py, bordermap::load::story::story(Path::new(&p)))
}

/// `as_of` as a story date (a str, a datetime.date or None).
fn as_of_story(py: Python<'_>, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<Story> {
    let Some(a) = as_of else {
        return Ok(Story::default());
    };
    let v = py_result(py, crate::value::to_json(a, "as_of"))?;
    Ok(Story {
        as_of: v.as_str().map(|s| OneOrMany::One(DateText(s.to_string()))),
        ..Story::default()
    })
}

#[pymethods]
impl Dataset {
    /// Cuts the border into segments by the claims in force on `as_of` (a "YYYY-MM-DD",
    /// "YYYY-MM", "YYYY" or "today" str, or a datetime.date; default: the layers file's date)
    /// and measures them on the WGS84 ellipsoid (metres). Returns a `Result`.
    #[pyo3(signature = (as_of=None))]
    fn measure(&self, py: Python<'_>, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<Measurement> {
        let story = py_result(py, self.story.merge(&as_of_story(py, as_of)?))?;
        let ds = Arc::clone(&self.inner);
        let (json, geojson) = pool::run(py, move || {
            let date = story.dates()?.first().copied().flatten();
            crate::measured::texts(&ds.measure(date)?)
        })?;
        Measurement::new(py, json, geojson)
    }

    /// Draws the map on `as_of` (as for measure(); default: the layers file's date) and returns
    /// a `Map`. size: a page preset, "web" (1200 × 900 px, the default), "inline", "phone",
    /// "social", "square" or "a4". lang: the map's language ("en", the default; "ar", "ku",
    /// "tr"). format: "svg" (the default), "png" or "pdf". story: a story file (TOML) whose map
    /// settings apply (its data is load()'s: story=PATH there). options: every other setting
    /// of the command's `render`, by the story file's key (the flag with "_" for "-"), e.g.
    /// width=800 (px), height=600 (px), scale=2 (PNG pixels per px), theme="dark",
    /// title="...", marker=["41.2,34.4,Al-Qaim"], bbox=(40.5, 33.8, 42.5, 35.2) (degrees),
    /// center=(41.0, 34.5) with zoom_km=60 (km). Arguments left None keep the story file's
    /// value, else the default.
    #[pyo3(signature = (as_of=None, size=None, lang=None, format=None, story=None, **options))]
    #[allow(clippy::too_many_arguments, reason = "the Python signature")]
    fn render(
        &self,
        py: Python<'_>,
        as_of: Option<&Bound<'_, PyAny>>,
        size: Option<&Bound<'_, PyAny>>,
        lang: Option<&Bound<'_, PyAny>>,
        format: Option<&Bound<'_, PyAny>>,
        story: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Map> {
        let refused: Vec<(&str, &str)> = LOAD_KEYS
            .iter()
            .map(|k| {
                (
                    *k,
                    "what to load is given to bordermap.load(); render() draws it",
                )
            })
            .chain([(
                "output",
                "render() writes no file: call save(path) on the map",
            )])
            .collect();
        let args = py_result(
            py,
            options::story(
                "render()",
                &[
                    ("as_of", as_of),
                    ("size", size),
                    ("lang", lang),
                    ("format", format),
                ],
                options,
                &refused,
            ),
        )?;
        let mut base = self.story.clone();
        if let Some(path) = story.filter(|s| !s.is_none()) {
            let file = read_story(py, path)?;
            py_result(py, data_in_story(&file))?;
            base = py_result(py, base.merge(&file))?;
        }
        let story = py_result(py, base.merge(&args))?;
        let format = story.format.unwrap_or(Format::Svg);
        let ds = Arc::clone(&self.inner);
        let drawn = pool::run(py, move || crate::map::draw(&ds, &story, format))?;
        Ok(Map::new(drawn))
    }

    /// The border's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.border.border.name.clone()
    }

    /// The border's length, metres (geodesic on WGS84).
    #[getter]
    fn length_m(&self) -> f64 {
        self.inner.border.border.length_m()
    }

    fn __repr__(&self) -> String {
        format!(
            "<bordermap.Dataset {:?}, {:.3} km>",
            self.inner.border.border.name,
            self.inner.border.border.length_m() / 1000.0
        )
    }
}

/// A story file given to render() names no data: that is load()'s.
fn data_in_story(file: &Story) -> bordermap::Result<()> {
    let named = [
        ("border", file.border.is_some()),
        ("between", file.between.is_some()),
        ("layers", file.layers.is_some()),
        ("places", file.places.is_some()),
        ("tags", file.tags.is_some()),
    ];
    match named.iter().find(|(_, given)| *given) {
        Some((key, _)) => Err(Error::input(format!(
            "the story file names the data to load ({key})"
        ))
        .hint("load it with bordermap.load(story=PATH), then call render() without story=")),
        None => Ok(()),
    }
}
