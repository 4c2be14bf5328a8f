//! Keyword arguments as a [`Story`]: every option is a story key (the command's flag with `_`
//! for `-`), read by serde from the arguments as JSON, so Python checks the same settings the
//! same way as the command and the story file. An unknown option is an error with the closest
//! key ("did you mean").

use bordermap::Error;
use bordermap::story::Story;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::{Map, Value};

/// The keys that say what to load: arguments of `bordermap.load()`, not of `render()`.
pub const LOAD_KEYS: [&str; 5] = ["border", "between", "layers", "places", "tags"];

/// Every story key, in the story's order.
pub fn keys() -> Vec<String> {
    match serde_json::to_value(Story::default()) {
        Ok(Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The closest key to `name`, when one is close enough to be what was meant.
fn closest(name: &str, keys: &[String]) -> Option<String> {
    keys.iter()
        .map(|k| (strsim::jaro_winkler(name, k), k))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k.clone())
}

/// The story the arguments give: `pairs` (argument name, value; `None` values are not given)
/// and the keyword arguments `kwargs`. `call` names the function in errors (`render()`);
/// `refused` are keys that function does not take, with the hint for each.
pub fn story(
    call: &str,
    pairs: &[(&str, Option<&Bound<'_, PyAny>>)],
    kwargs: Option<&Bound<'_, PyDict>>,
    refused: &[(&str, &str)],
) -> bordermap::Result<Story> {
    let known = keys();
    let mut obj = Map::new();
    for (k, v) in pairs {
        if let Some(v) = v {
            put(&mut obj, k, v)?;
        }
    }
    for (k, v) in kwargs.into_iter().flat_map(|d| d.iter()) {
        let key: String = k
            .extract()
            .map_err(|_| Error::input(format!("{call}: an option name is not a string")))?;
        if let Some((_, hint)) = refused.iter().find(|(r, _)| *r == key) {
            return Err(Error::input(format!("{call} takes no option {key}")).hint(*hint));
        }
        if !known.contains(&key) {
            let hint = match closest(&key, &known) {
                Some(k) => format!("did you mean {k}? (the options are the story file's keys)"),
                None => format!(
                    "the options are the story file's keys: {}",
                    known.join(", ")
                ),
            };
            return Err(Error::input(format!("{call}: unknown option {key}")).hint(hint));
        }
        put(&mut obj, &key, &v)?;
    }
    from_json(obj)
}

/// Adds `key = v` (as JSON) unless `v` is `None`. `between` may be one `"A,B"` string.
fn put(obj: &mut Map<String, Value>, key: &str, v: &Bound<'_, PyAny>) -> bordermap::Result<()> {
    let mut value = crate::value::to_json(v, &format!("option {key}"))?;
    if key == "between"
        && let Value::String(s) = &value
    {
        value = Value::Array(
            s.split(',')
                .map(|p| Value::String(p.trim().to_string()))
                .collect(),
        );
    }
    if !value.is_null() {
        obj.insert(key.to_string(), value);
    }
    Ok(())
}

/// The story of `obj`; a value serde refuses is an error naming its option.
fn from_json(obj: Map<String, Value>) -> bordermap::Result<Story> {
    match serde_json::from_value::<Story>(Value::Object(obj.clone())) {
        Ok(s) => Ok(s),
        Err(whole) => {
            // Which option: the first that fails alone.
            for (k, v) in obj {
                let mut one = Map::new();
                one.insert(k.clone(), v);
                if let Err(e) = serde_json::from_value::<Story>(Value::Object(one)) {
                    let msg = e.to_string().replace(
                        "data did not match any variant of untagged enum OneOrMany",
                        "expected one value or a list of values",
                    );
                    let hint = match k.as_str() {
                        "size" => "give a page preset: web, inline, phone, social, square or a4"
                            .to_string(),
                        _ => {
                            format!("see the documentation of {k} (help(bordermap.Dataset.render))")
                        }
                    };
                    return Err(Error::input(format!("option {k}: {msg}")).hint(hint));
                }
            }
            Err(Error::input(format!(
                "the options do not make a story: {whole}"
            )))
        }
    }
}
