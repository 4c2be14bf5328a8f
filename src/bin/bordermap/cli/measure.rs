//! `bordermap measure` (per segment, or per feature of a GeoJSON file) and `bordermap check`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use bordermap::{Error, Result, check, output, report};

use super::args::{Format, InputArgs};
use super::{CheckFormat, warn_all};

/// `measure --per-feature`: the length of every feature of the border file.
pub(super) fn per_feature(
    input: &InputArgs,
    format: Format,
    output: Option<PathBuf>,
) -> Result<ExitCode> {
    let path = output.unwrap_or_else(|| PathBuf::from("-"));
    let border = bordermap::load::border_path(input.border.as_deref().unwrap_or("@iraq-syria"))?;
    let rows = bordermap::lengths::feature_lengths(&bordermap::load::geojson_file(&border)?);
    use bordermap::lengths as l;
    let write: fn(&[l::FeatureLength], &mut dyn Write) -> std::io::Result<()> = match format {
        Format::Table => l::write_table,
        Format::Json => l::write_json,
        Format::Csv => l::write_csv,
        Format::Geojson => {
            return Err(Error::input("--per-feature writes table, json or csv")
                .hint("use -f table, -f json or -f csv"));
        }
    };
    output::write_atomic(&path, |w| write(&rows, w).map_err(output::io_err(&path)))?;
    Ok(ExitCode::SUCCESS)
}

/// `measure`: the measured segments as a table, JSON, CSV or GeoJSON.
pub(super) fn measure(
    input: &InputArgs,
    format: Format,
    output: Option<PathBuf>,
) -> Result<ExitCode> {
    let (ds, as_of) = input.load()?;
    super::args::refuse_input_as_output(output.as_deref(), &input.story()?, &ds)?;
    let m = ds.measure(as_of)?;
    warn_all(&m.console_warnings());
    let path = output.unwrap_or_else(|| PathBuf::from("-"));
    output::write_atomic(&path, |w| {
        match format {
            Format::Table => report::write_table(&m, w),
            Format::Json => report::write_json(&m, w),
            Format::Csv => report::write_csv(&m, w),
            Format::Geojson => report::write_geojson(&m, w),
        }
        .map_err(output::io_err(&path))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `check`: evaluates `expect` against the measured border; exit 1 when one fails.
pub(super) fn check(input: &InputArgs, expect: &[String], format: CheckFormat) -> Result<ExitCode> {
    let exprs = expect
        .iter()
        .map(|e| check::parse(e))
        .collect::<Result<Vec<_>>>()?;
    let (ds, as_of) = input.load()?;
    let m = ds.measure(as_of)?;
    warn_all(&m.console_warnings());
    let checked = check::Report::evaluate(&exprs, &m)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        CheckFormat::Text => checked.write_text(&mut out),
        CheckFormat::Json => checked.write_json(&mut out),
        CheckFormat::Junit => checked.write_junit(&mut out),
    }
    .and_then(|()| out.flush())
    .map_err(output::io_err(std::path::Path::new("<stdout>")))?;
    let failed = checked.failed();
    if failed > 0 {
        eprintln!(
            "bordermap: {failed} of {} expectations failed",
            checked.outcomes.len()
        );
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}
