//! One output grammar for every command: `-f/--format` names what to write, each command the
//! formats it can write, inferred from `-o`'s extension when not given; the same word means the
//! same in every command.

use std::path::Path;

use bordermap::{Error, Result};
use clap::ValueEnum;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

/// Everything a command can write (`-f/--format`).
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OutFormat {
    /// Aligned text for people.
    Table,
    /// The JSON document for programs.
    Json,
    /// CSV rows.
    Csv,
    /// GeoJSON features.
    Geojson,
    /// JUnit XML for CI test reporters.
    Junit,
    /// An SVG document.
    Svg,
    /// A PNG image.
    Png,
    /// A one-page vector PDF.
    Pdf,
    /// One HTML page.
    Html,
    /// `check`'s old name for `table` (deprecated).
    #[value(hide = true)]
    Text,
}

impl OutFormat {
    /// The word `-f` takes for it.
    pub(crate) fn word(self) -> &'static str {
        match self {
            OutFormat::Table => "table",
            OutFormat::Json => "json",
            OutFormat::Csv => "csv",
            OutFormat::Geojson => "geojson",
            OutFormat::Junit => "junit",
            OutFormat::Svg => "svg",
            OutFormat::Png => "png",
            OutFormat::Pdf => "pdf",
            OutFormat::Html => "html",
            OutFormat::Text => "text",
        }
    }

    /// The format an output's extension (lowercase, without the dot) names, in every command.
    fn for_extension(ext: &str) -> Option<OutFormat> {
        Some(match ext {
            "txt" => OutFormat::Table,
            "json" => OutFormat::Json,
            "csv" => OutFormat::Csv,
            "geojson" => OutFormat::Geojson,
            "xml" => OutFormat::Junit,
            "svg" => OutFormat::Svg,
            "png" => OutFormat::Png,
            "pdf" => OutFormat::Pdf,
            "html" | "htm" => OutFormat::Html,
            _ => return None,
        })
    }

    /// The extension that names it (`None` for a table: no extension, or `.txt`).
    fn extension(self) -> Option<&'static str> {
        match self {
            OutFormat::Table | OutFormat::Text => None,
            OutFormat::Junit => Some("xml"),
            other => Some(other.word()),
        }
    }

    /// The map format (for `render`, `diff` and `timeline` images), if it is one.
    pub(crate) fn map(self) -> Option<bordermap::map::Format> {
        use bordermap::map::Format;
        match self {
            OutFormat::Svg => Some(Format::Svg),
            OutFormat::Png => Some(Format::Png),
            OutFormat::Pdf => Some(Format::Pdf),
            _ => None,
        }
    }
}

/// What one command writes: its formats (the first is the default: no `-o`, `-`, or an output
/// without an extension) and the old words it still takes, with a note.
pub(crate) struct Writes {
    /// The command, as typed.
    pub(crate) command: &'static str,
    /// The formats, the default first.
    pub(crate) formats: &'static [OutFormat],
    /// Deprecated words and the format each stands for.
    pub(crate) deprecated: &'static [(OutFormat, OutFormat)],
}

use OutFormat as F;

/// `measure`.
pub(crate) const MEASURE: Writes = Writes {
    command: "measure",
    formats: &[F::Table, F::Json, F::Csv, F::Geojson],
    deprecated: &[],
};
/// `check`.
pub(crate) const CHECK: Writes = Writes {
    command: "check",
    formats: &[F::Table, F::Json, F::Junit],
    deprecated: &[(F::Text, F::Table)],
};
/// `diff`.
pub(crate) const DIFF: Writes = Writes {
    command: "diff",
    formats: &[F::Table, F::Json, F::Csv, F::Svg, F::Png, F::Pdf],
    deprecated: &[],
};
/// `timeline`.
pub(crate) const TIMELINE: Writes = Writes {
    command: "timeline",
    formats: &[F::Table, F::Json, F::Csv, F::Svg, F::Png, F::Pdf, F::Html],
    deprecated: &[],
};
/// `resolution`.
pub(crate) const RESOLUTION: Writes = Writes {
    command: "resolution",
    formats: &[F::Table, F::Json, F::Csv, F::Svg],
    deprecated: &[],
};
/// `render` (its default: by the library's `Format::for_path`, SVG without an extension).
pub(crate) const RENDER: Writes = Writes {
    command: "render",
    formats: &[F::Svg, F::Png, F::Pdf],
    deprecated: &[],
};
/// `extract`.
pub(crate) const EXTRACT: Writes = Writes {
    command: "extract",
    formats: &[F::Geojson],
    deprecated: &[],
};

/// The value parser of a command's `-f/--format`: its formats (listed in its help) and,
/// hidden, its deprecated words.
pub(crate) fn parser(w: &'static Writes) -> impl TypedValueParser<Value = OutFormat> {
    let shown = w.formats.iter().filter_map(|f| f.to_possible_value());
    let old = w
        .deprecated
        .iter()
        .map(|(old, _)| PossibleValue::new(old.word()).hide(true));
    PossibleValuesParser::new(shown.chain(old).collect::<Vec<_>>())
        .try_map(|s| OutFormat::from_str(&s, false))
}

/// The format to write: `-f` when given (a deprecated word is taken with a note on stderr);
/// else by `output`'s extension; else (no output, `-`, no extension) the command's default.
/// An extension the command does not write is an error naming the formats it writes.
pub(crate) fn resolve(
    w: &Writes,
    given: Option<OutFormat>,
    output: Option<&Path>,
) -> Result<OutFormat> {
    if let Some(f) = given {
        if let Some((_, new)) = w.deprecated.iter().find(|(old, _)| *old == f) {
            eprintln!(
                "bordermap: note: `{} -f {}` is deprecated; write `-f {}` (the same output)",
                w.command,
                f.word(),
                new.word()
            );
            return Ok(*new);
        }
        return Ok(f);
    }
    let default = w.formats.first().copied().unwrap_or(OutFormat::Table);
    let Some(path) = output.filter(|p| *p != Path::new("-")) else {
        return Ok(default);
    };
    let Some(ext) = path.extension() else {
        return Ok(only_extension(w, path).unwrap_or(default));
    };
    let ext = ext.to_string_lossy().to_ascii_lowercase();
    match OutFormat::for_extension(&ext) {
        Some(f) if w.formats.contains(&f) => Ok(f),
        _ => Err(Error::input(format!(
            "{}: {} does not write .{ext} files",
            path.display(),
            w.command
        ))
        .hint(hint(w))),
    }
}

/// The format a name that is only an extension (`.json`) names, when `w` writes it: what a
/// user who typed `-o .json` expects (`Path::extension` sees no extension there).
fn only_extension(w: &Writes, path: &Path) -> Option<OutFormat> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let ext = name.strip_prefix('.').filter(|e| !e.contains('.'))?;
    OutFormat::for_extension(ext).filter(|f| w.formats.contains(f))
}

/// "name the output .json or .csv (no extension: a table), or give -f table|json|csv".
fn hint(w: &Writes) -> String {
    let exts: Vec<String> = w
        .formats
        .iter()
        .filter_map(|f| f.extension())
        .map(|e| format!(".{e}"))
        .collect();
    let words: Vec<&str> = w.formats.iter().map(|f| f.word()).collect();
    let default = match w.formats.first() {
        Some(OutFormat::Table) => " (.txt or no extension: a table)",
        _ => "",
    };
    format!(
        "name the output {}{default}, or give -f {}",
        or_list(&exts),
        words.join("|")
    )
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}
