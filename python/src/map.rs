//! `bordermap.Map`: a rendered map (SVG, PNG or PDF bytes) that shows itself in Jupyter
//! (`_repr_svg_`, `_repr_png_`) and saves itself atomically through the library's `output`.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use bordermap::map::{Format, RenderOptions};
use bordermap::story::Story;
use bordermap::{Error, Measured, output};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::pool;

/// What a map was drawn from, to draw it again in another format.
pub struct Drawn {
    dataset: Arc<bordermap::Dataset>,
    measured: Measured,
    opts: RenderOptions,
    format: Format,
    bytes: Vec<u8>,
    warnings: Vec<String>,
}

/// Draws the one map `story` asks for of `ds` in `format` (call with the GIL released).
pub fn draw(
    ds: &Arc<bordermap::Dataset>,
    story: &Story,
    format: Format,
) -> bordermap::Result<Drawn> {
    let maps = story.maps()?;
    let [one] = maps.as_slice() else {
        return Err(Error::input(format!(
            "render() draws one map; the settings ask for {} (several dates or sizes)",
            maps.len()
        ))
        .hint("give one as_of= and one size= (call render() once for each)"));
    };
    let measured = ds.measure(one.as_of)?;
    let opts = story.render_options(ds, one.size, None)?;
    let r = bordermap::map::render(ds, &measured, &opts, format)?;
    let mut warnings = measured.console_warnings();
    warnings.extend(r.warnings);
    Ok(Drawn {
        dataset: Arc::clone(ds),
        measured,
        opts,
        format,
        bytes: r.bytes,
        warnings,
    })
}

/// A rendered map. `format` is the one asked for; `svg`, `png` and `pdf` are its bytes in each
/// format (the one asked for at once, the others drawn on first use).
#[pyclass(frozen, module = "bordermap")]
pub struct Map {
    drawn: Arc<Drawn>,
    svg: OnceLock<Vec<u8>>,
    png: OnceLock<Vec<u8>>,
    pdf: OnceLock<Vec<u8>>,
}

impl Map {
    /// The map of `drawn`.
    pub fn new(drawn: Drawn) -> Map {
        let map = Map {
            svg: OnceLock::new(),
            png: OnceLock::new(),
            pdf: OnceLock::new(),
            drawn: Arc::new(drawn),
        };
        let _ = map.cell(map.drawn.format).set(map.drawn.bytes.clone());
        map
    }

    fn cell(&self, f: Format) -> &OnceLock<Vec<u8>> {
        match f {
            Format::Svg => &self.svg,
            Format::Png => &self.png,
            Format::Pdf => &self.pdf,
        }
    }

    /// The map's bytes in `f`, drawn (GIL released) when first asked for.
    fn bytes_in(&self, py: Python<'_>, f: Format) -> PyResult<&[u8]> {
        if let Some(b) = self.cell(f).get() {
            return Ok(b);
        }
        let d = Arc::clone(&self.drawn);
        let bytes = pool::run(py, move || {
            bordermap::map::render(&d.dataset, &d.measured, &d.opts, f).map(|r| r.bytes)
        })?;
        Ok(self.cell(f).get_or_init(|| bytes))
    }
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Svg => "svg",
        Format::Png => "png",
        Format::Pdf => "pdf",
    }
}

#[pymethods]
impl Map {
    /// The format asked for: "svg", "png" or "pdf".
    #[getter]
    fn format(&self) -> &'static str {
        format_name(self.drawn.format)
    }

    /// The SVG document (bytes, UTF-8).
    #[getter]
    fn svg<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        Ok(PyBytes::new(py, self.bytes_in(py, Format::Svg)?))
    }

    /// The PNG image (bytes; `scale` pixels per page px, default 1).
    #[getter]
    fn png<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        Ok(PyBytes::new(py, self.bytes_in(py, Format::Png)?))
    }

    /// The one-page vector PDF (bytes; the page is the map's px × 0.75 pt).
    #[getter]
    fn pdf<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        Ok(PyBytes::new(py, self.bytes_in(py, Format::Pdf)?))
    }

    /// The page width and height, px.
    #[getter]
    fn size(&self) -> (f64, f64) {
        (self.drawn.opts.width, self.drawn.opts.height)
    }

    /// What the layout left out and stale-data warnings (for the editor, not on the map).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.drawn.warnings.clone()
    }

    /// The map as SVG text for Jupyter (a map asked for as SVG; else None).
    fn _repr_svg_(&self) -> Option<String> {
        match self.drawn.format {
            Format::Svg => Some(String::from_utf8_lossy(&self.drawn.bytes).into_owned()),
            _ => None,
        }
    }

    /// The map as PNG bytes for Jupyter (a map asked for as PNG; else None).
    fn _repr_png_<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        match self.drawn.format {
            Format::Png => Some(PyBytes::new(py, &self.drawn.bytes)),
            _ => None,
        }
    }

    /// Writes the map to `path` (a str or os.PathLike) atomically: a temporary file in the same
    /// directory, renamed into place when complete. The format is the file name's (.svg, .png,
    /// .pdf); a name without one of these is an error.
    fn save(&self, py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<()> {
        let p = crate::errors::py_result(py, crate::value::to_json(path, "path"))?;
        let Some(p) = p.as_str().map(PathBuf::from) else {
            return Err(crate::errors::to_py(
                py,
                Error::input("save(): the path is not a path")
                    .hint("give a file name ending in .svg, .png or .pdf"),
            ));
        };
        let f = crate::errors::py_result(py, Format::for_path(&p))?;
        let bytes = self.bytes_in(py, f)?.to_vec();
        pool::run(py, move || {
            output::write_atomic(&p, |w| w.write_all(&bytes).map_err(output::io_err(&p)))
        })
    }

    fn __repr__(&self) -> String {
        let (w, h) = (self.drawn.opts.width, self.drawn.opts.height);
        format!(
            "<bordermap.Map {} {w} × {h} px, {} bytes>",
            format_name(self.drawn.format),
            self.drawn.bytes.len()
        )
    }
}
