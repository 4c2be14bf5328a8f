//! `bordermap sources` (every source with the claims citing it, their dates and where each
//! lies) and `bordermap check-layers` (what keeps a layers file from being current).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bordermap::{Dataset, Date, LoadOptions, Result, output};
use clap::{Args, ValueEnum};

use super::args::InputArgs;

/// `sources -f`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SourcesFormat {
    /// Each source, then its claims indented, for people.
    Table,
    /// A list of objects: `id`, `outlet`, `date`, `url`, `quote`, `accessed`, `language`,
    /// `claims` (each with `layer`, `value`, `as_of`, `until`, `at`, `placed`).
    Json,
    /// One row per source and claim.
    Csv,
}

/// The flags of `sources`.
#[derive(Args, Debug)]
pub(crate) struct SourcesArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format. Default: by the output's extension (`.json`, `.csv`), else a table.
    #[arg(long, short = 'f', value_enum)]
    format: Option<SourcesFormat>,
    /// Write to this file (atomically); `-` or none: stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The flags of `check-layers`.
#[derive(Args, Debug)]
pub(crate) struct CheckLayersArgs {
    /// The layers file (TOML) to check.
    #[arg(value_name = "LAYERS_FILE")]
    file: PathBuf,
    /// The border to place its claims on. Default: the one the layers file names.
    #[arg(long, value_name = "BORDER")]
    border: Option<String>,
    /// Places file. Default: the one the layers file names.
    #[arg(long, value_name = "FILE")]
    places: Option<PathBuf>,
}

/// `sources`: the list, in the format asked for (or the output's extension gives).
pub(crate) fn sources(a: &SourcesArgs) -> Result<ExitCode> {
    let (ds, _) = a.input.load()?;
    super::args::refuse_input_as_output(a.output.as_deref(), &a.input.story()?, &ds)?;
    let list = bordermap::sources::list(&ds);
    let path = a.output.clone().unwrap_or_else(|| PathBuf::from("-"));
    let ext = path.extension().and_then(|e| e.to_str());
    let format = a.format.unwrap_or(match ext {
        Some("json") => SourcesFormat::Json,
        Some("csv") => SourcesFormat::Csv,
        _ => SourcesFormat::Table,
    });
    use bordermap::sources as s;
    output::write_atomic(&path, |w| {
        match format {
            SourcesFormat::Table => s::write_table(&list, w),
            SourcesFormat::Json => s::write_json(&list, w),
            SourcesFormat::Csv => s::write_csv(&list, w),
        }
        .map_err(output::io_err(&path))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `check-layers FILE`: the problems on stdout; exit 1 when there are any, 0 when none.
pub(crate) fn check_layers(a: &CheckLayersArgs) -> Result<ExitCode> {
    let ds = Dataset::load(&LoadOptions {
        border: a.border.clone(),
        layers: Some(a.file.clone()),
        places: a.places.clone(),
        ..LoadOptions::default()
    })?;
    let problems = bordermap::lint::check_layers(&ds, &Date::today())?;
    let mut text = Vec::new();
    bordermap::lint::write_text(&problems, &mut text)
        .map_err(output::io_err(Path::new("<stdout>")))?;
    super::print_stdout(&text)?;
    if problems.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "bordermap: {} problem{} in {}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            a.file.display()
        );
        Ok(ExitCode::from(1))
    }
}
