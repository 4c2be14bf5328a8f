//! Reading a story file (TOML) into a [`Story`]: unknown keys and wrong values are errors with
//! the file, line and column; relative paths are made relative to the file's directory.

use std::path::Path;

use crate::error::{Error, Result};
use crate::story::Story;

/// Reads the story file at `path`. Its relative paths (border, layers, places, context, style,
/// locale and annotations files, output) are resolved against the file's directory.
pub fn story(path: &Path) -> Result<Story> {
    let bytes = super::read(path)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::input("the story file is not UTF-8")
            .in_file(path)
            .hint("save the story file as UTF-8")
    })?;
    let story = parse(&text, path)?;
    let dir = path.parent().unwrap_or(Path::new(""));
    Ok(if dir.as_os_str().is_empty() {
        story
    } else {
        story.relative_to(dir)
    })
}

/// Parses a story's TOML `text`; `file` names it in errors.
pub fn parse(text: &str, file: &Path) -> Result<Story> {
    super::strings::check_toml_strings(text, file)?;
    let story: Story = toml::from_str(text).map_err(|e| {
        let (l, c) = e
            .span()
            .map_or((0, 0), |s| super::layers::line_col(text, s.start));
        let mut msg = e.message().trim_end().to_string();
        if let Some(better) = did_you_mean(&msg) {
            msg = better;
        }
        let hint = if msg.starts_with("unknown") {
            "story keys are the render options' names with '_' for '-', e.g. as_of; every key is in the story file's JSON Schema"
        } else if msg.contains("untagged enum OneOrMany") {
            "give one value or a list, e.g. size = \"phone\" or size = [\"phone\", \"web\"]"
        } else if msg.contains("untagged enum MarkerSpec") {
            "a marker is \"LON,LAT,Label\" or a table with lon, lat and label"
        } else {
            "fix the TOML at this position"
        };
        let msg = msg
            .replace(
                "data did not match any variant of untagged enum OneOrMany",
                "expected one value or a list of values",
            )
            .replace(
                "data did not match any variant of untagged enum MarkerSpec",
                "expected a marker",
            );
        Error::input(format!("invalid story file: {msg}"))
            .in_file(file)
            .at_line(l, c)
            .hint(hint)
    })?;
    // The dates are checked here, where the file and line can be named.
    if let Err(e) = story.dates() {
        #[derive(serde::Deserialize)]
        struct Spans {
            as_of: Option<toml::Spanned<toml::Value>>,
        }
        let (l, c) = toml::from_str::<Spans>(text)
            .ok()
            .and_then(|s| s.as_of)
            .map_or((0, 0), |v| super::layers::line_col(text, v.span().start));
        return Err(e.in_file(file).at_line(l, c));
    }
    Ok(story)
}

/// serde's "unknown field `titel`, expected one of ..." as "unknown key `titel` (did you mean
/// `title`?)" when one key is close; `None` otherwise.
fn did_you_mean(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("unknown field `")?;
    let (key, expected) = rest.split_once('`')?;
    let best = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|k| (strsim::jaro_winkler(key, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    Some(format!("unknown key `{key}` (did you mean `{}`?)", best.1))
}
