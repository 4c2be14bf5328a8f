//! Python values as JSON values, for building a `Story` with serde: `None`, `bool`, `int`,
//! `float`, `str`, `os.PathLike` (its path), `datetime.date` (`YYYY-MM-DD`), lists and tuples,
//! and dicts with `str` keys.

use bordermap::Error;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// `obj` as JSON; `what` names it in errors (e.g. `option size`).
pub fn to_json(obj: &Bound<'_, PyAny>, what: &str) -> bordermap::Result<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        return Err(bad(what, "an integer too large"));
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract().map_err(|_| bad(what, "a float"))?;
        return Number::from_f64(f).map(Value::Number).ok_or_else(|| {
            Error::input(format!("{what}: {f} is not a finite number")).hint("give a finite number")
        });
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s: String = s
            .extract()
            .map_err(|_| bad(what, "a string that is not UTF-8"))?;
        return Ok(Value::String(s));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut out = Map::new();
        for (k, v) in d.iter() {
            let key: String = k
                .extract()
                .map_err(|_| bad(what, "a dict whose keys are not all strings"))?;
            let inner = format!("{what}[{key:?}]");
            out.insert(key, to_json(&v, &inner)?);
        }
        return Ok(Value::Object(out));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, v) in obj.try_iter().map_err(|_| bad(what, "a list"))?.enumerate() {
            let v = v.map_err(|_| bad(what, "a list"))?;
            out.push(to_json(&v, &format!("{what}[{i}]"))?);
        }
        return Ok(Value::Array(out));
    }
    let py = obj.py();
    // A path (pathlib.Path, os.DirEntry, ...) is its file system path.
    if let Ok(os) = py.import("os")
        && let Ok(path_like) = os.getattr("PathLike")
        && obj.is_instance(&path_like).unwrap_or(false)
        && let Ok(p) = os.call_method1("fspath", (obj,))
        && let Ok(p) = p.extract::<String>()
    {
        return Ok(Value::String(p));
    }
    // A datetime.date (or datetime) is its day.
    if let Ok(dt) = py.import("datetime")
        && let Ok(date) = dt.getattr("date")
        && obj.is_instance(&date).unwrap_or(false)
        && let Ok(day) = obj.call_method1("strftime", ("%Y-%m-%d",))
        && let Ok(day) = day.extract::<String>()
    {
        return Ok(Value::String(day));
    }
    let type_name = obj
        .get_type()
        .name()
        .map_or_else(|_| "object".to_string(), |n| n.to_string());
    Err(bad(what, &format!("a {type_name}")))
}

fn bad(what: &str, given: &str) -> Error {
    Error::input(format!("{what}: cannot be given as {given}"))
        .hint("give None, a bool, a number, a str, a path, a date, or a list or dict of them")
}
