//! `bordermap._bordermap`: the Python module over the bordermap library (PyO3). Python users
//! import `bordermap` (`python/bordermap/__init__.py`), which re-exports what is here.
//!
//! Every call into the library runs with the GIL released (`Python::detach`) on a rayon pool of
//! the calling thread (`pool.rs`), and returns the library's errors as
//! `bordermap.BordermapError`, worded with the Python argument names (`errors.rs`).

mod dataset;
mod errors;
mod map;
mod measured;
mod options;
mod pool;
mod value;

use pyo3::prelude::*;

/// The module: classes, `load`, `BordermapError` and `__version__`.
#[pymodule]
fn _bordermap(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "BordermapError",
        m.py().get_type::<errors::BordermapError>(),
    )?;
    m.add_class::<dataset::Dataset>()?;
    m.add_class::<measured::Result>()?;
    m.add_class::<map::Map>()?;
    m.add_function(wrap_pyfunction!(dataset::load, m)?)?;
    Ok(())
}
