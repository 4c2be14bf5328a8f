//! Where library calls run: with the GIL released, on a rayon pool of the calling Python
//! thread, and with no panic reaching Python.
//!
//! Why a pool per thread: rayon's parallel steps called from outside a pool run on the global
//! pool's workers, so two Python threads would queue on the same workers (with
//! `RAYON_NUM_THREADS=1`, on one). Each calling thread gets a pool of its own (as many workers
//! as rayon's default: `RAYON_NUM_THREADS`, else the logical CPUs), made on its first call and
//! kept while the thread lives, so threads render in parallel. Output does not depend on it
//! (the library's parallel steps join in a fixed order).

use std::panic::AssertUnwindSafe;

use bordermap::Error;
use pyo3::prelude::*;

thread_local! {
    static POOL: Option<rayon::ThreadPool> = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("bordermap-{i}"))
        .build()
        .ok();
}

/// Runs `f` with the GIL released on this thread's pool; a panic in it becomes an error.
pub fn run<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> bordermap::Result<T> + Send,
) -> PyResult<T> {
    let r = py.detach(|| {
        let guarded = move || match std::panic::catch_unwind(AssertUnwindSafe(f)) {
            Ok(r) => r,
            Err(payload) => Err(internal(payload.as_ref())),
        };
        POOL.with(|p| match p {
            Some(pool) => pool.install(guarded),
            None => guarded(),
        })
    });
    crate::errors::py_result(py, r)
}

/// A panic's message as an error: a bug of bordermap, never the caller's.
fn internal(payload: &(dyn std::any::Any + Send)) -> Error {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string());
    Error::input(format!("internal error: {what}"))
        .hint("this is a bug in bordermap: please report it with the arguments that caused it")
}
