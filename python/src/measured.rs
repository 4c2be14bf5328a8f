//! `bordermap.Result`: a measured border as plain lists and dicts, read from the JSON that
//! `measure --format json` writes (`report::write_json`, the contract), and as GeoJSON
//! (`report::write_geojson`) for `__geo_interface__`: no second serializer.

use bordermap::{Error, Measured, report};
use pyo3::exceptions::PyImportError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// The JSON document and the GeoJSON FeatureCollection of `m`, as the command writes them.
pub fn texts(m: &Measured) -> bordermap::Result<(String, String)> {
    let text = |write: fn(&Measured, &mut dyn std::io::Write) -> std::io::Result<()>| {
        let mut buf = Vec::new();
        write(m, &mut buf).map_err(|e| Error::io("<json>", &e, "report this bug"))?;
        String::from_utf8(buf).map_err(|e| Error::input(format!("the report is not UTF-8: {e}")))
    };
    Ok((text(report::write_json)?, text(report::write_geojson)?))
}

/// A measured border (`Dataset.measure()`): segments, totals and warnings as plain Python
/// values, lengths in metres (to the millimetre) and shares from 0 to 1.
#[pyclass(frozen, module = "bordermap")]
pub struct Result {
    json: String,
    doc: Py<PyDict>,
    geo: Py<PyAny>,
}

impl Result {
    /// The result whose JSON document and GeoJSON are `json` and `geojson` ([`texts`]).
    pub fn new(py: Python<'_>, json: String, geojson: String) -> PyResult<Result> {
        let loads = py.import("json")?.getattr("loads")?;
        let doc = loads
            .call1((json.as_str(),))?
            .cast_into::<PyDict>()?
            .unbind();
        let geo = loads.call1((geojson.as_str(),))?.unbind();
        Ok(Result { json, doc, geo })
    }

    fn item<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.doc.bind(py).get_item(key)? {
            Some(v) => Ok(v),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

#[pymethods]
impl Result {
    /// The segments in order along the border: dicts with `index`, `from_m`, `to_m`,
    /// `length_m` (metres), `values` (layer → value or None), `sources` (list of str) and, on a
    /// border of several parts, `part`.
    #[getter]
    fn segments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.item(py, "segments")
    }

    /// Per layer, per value: `{"length_m": metres, "share": 0..1}`.
    #[getter]
    fn totals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.item(py, "totals")
    }

    /// The border's length, metres (to the millimetre).
    #[getter]
    fn total_m<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.item(py, "total_m")
    }

    /// The date measured ("YYYY-MM-DD", or as precise as the data), or None.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.item(py, "as_of")
    }

    /// Gaps, overlaps and other issues (dicts with `kind`, `layer`, `from_m`, `to_m`, ...).
    #[getter]
    fn issues<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.item(py, "issues")
    }

    /// Warnings about the data (stale layers, unsourced claims), for the editor.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.item(py, "warnings")
    }

    /// The whole document as `measure --format json` writes it (a dict).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let loads = py.import("json")?.getattr("loads")?;
        loads.call1((self.json.as_str(),))
    }

    /// The JSON text `measure --format json` writes, byte for byte.
    fn to_json(&self) -> String {
        self.json.clone()
    }

    /// The segments as a GeoJSON FeatureCollection of LineStrings (`[lon, lat]` degrees) with
    /// their measured properties, as `measure --format geojson` writes it.
    #[getter]
    fn __geo_interface__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let copy = py.import("copy")?.getattr("deepcopy")?;
        copy.call1((self.geo.bind(py),))
    }

    /// The segments as a pandas DataFrame: one row per segment, columns `index`, `from_m`,
    /// `to_m`, `length_m` (metres), one per layer, `sources` (joined by " | ") and `part` on a
    /// border of several parts. Needs pandas (not a dependency of bordermap).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pandas = py.import("pandas").map_err(|e| {
            PyImportError::new_err(format!(
                "to_pandas() needs pandas ({e}); install it with `pip install pandas`"
            ))
        })?;
        let rows = PyList::empty(py);
        for seg in self.item(py, "segments")?.try_iter()? {
            let seg = seg?.cast_into::<PyDict>()?;
            let row = PyDict::new(py);
            for key in ["index", "from_m", "to_m", "length_m"] {
                row.set_item(key, seg.get_item(key)?)?;
            }
            if let Some(values) = seg.get_item("values")? {
                row.update(values.cast::<PyDict>()?.as_mapping())?;
            }
            if let Some(sources) = seg.get_item("sources")? {
                row.set_item(
                    "sources",
                    " | ".into_pyobject(py)?.call_method1("join", (sources,))?,
                )?;
            }
            if let Some(part) = seg.get_item("part")? {
                row.set_item("part", part)?;
            }
            rows.append(row)?;
        }
        pandas.getattr("DataFrame")?.call1((rows,))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let n = self.item(py, "segments")?.len()?;
        let total: f64 = self.item(py, "total_m")?.extract()?;
        Ok(format!(
            "<bordermap.Result {n} segments, {:.3} km>",
            total / 1000.0
        ))
    }
}
