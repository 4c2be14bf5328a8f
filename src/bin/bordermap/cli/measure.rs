//! `bordermap measure` (per segment, or per feature of a GeoJSON file) and `bordermap check`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use bordermap::{Error, Result, check, output, report};

use super::args::InputArgs;
use super::grammar::{self, OutFormat};
use super::warn_all;

/// `measure --per-feature`: the length of every feature of the border file.
pub(super) fn per_feature(
    input: &InputArgs,
    format: Option<OutFormat>,
    output: Option<PathBuf>,
) -> Result<ExitCode> {
    let format = grammar::resolve(&grammar::MEASURE, format, output.as_deref())?;
    let path = output.unwrap_or_else(|| PathBuf::from("-"));
    let border = bordermap::load::border_path(input.border.as_deref().unwrap_or("@iraq-syria"))?;
    let rows = bordermap::lengths::feature_lengths(&bordermap::load::geojson_file(&border)?);
    use bordermap::lengths as l;
    let write: fn(&[l::FeatureLength], &mut dyn Write) -> std::io::Result<()> = match format {
        OutFormat::Json => l::write_json,
        OutFormat::Csv => l::write_csv,
        OutFormat::Table => l::write_table,
        other => {
            return Err(Error::input(format!(
                "--per-feature writes table, json or csv, not {}",
                other.word()
            ))
            .hint("use -f table, -f json or -f csv"));
        }
    };
    output::write_atomic(&path, |w| write(&rows, w).map_err(output::io_err(&path)))?;
    Ok(ExitCode::SUCCESS)
}

/// `measure`: the measured segments as a table, JSON, CSV or GeoJSON.
pub(super) fn measure(
    input: &InputArgs,
    format: Option<OutFormat>,
    output: Option<PathBuf>,
) -> Result<ExitCode> {
    let format = grammar::resolve(&grammar::MEASURE, format, output.as_deref())?;
    let (ds, as_of) = input.load()?;
    super::args::refuse_input_as_output(output.as_deref(), &input.story()?, &ds)?;
    let m = ds.measure(as_of)?;
    warn_all(&m.console_warnings());
    let path = output.unwrap_or_else(|| PathBuf::from("-"));
    output::write_atomic(&path, |w| {
        match format {
            OutFormat::Json => report::write_json(&m, w),
            OutFormat::Csv => report::write_csv(&m, w),
            OutFormat::Geojson => report::write_geojson(&m, w),
            _ => report::write_table(&m, w),
        }
        .map_err(output::io_err(&path))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `check`: evaluates `expect` against the measured border; exit 1 when one fails, 2 when one
/// cannot be checked. JUnit shows every expectation, also one that could not be checked (as
/// an `<error>`, written before the exit 2), so that CI shows why.
pub(super) fn check(
    input: &InputArgs,
    expect: &[String],
    format: Option<OutFormat>,
    output: Option<PathBuf>,
) -> Result<ExitCode> {
    let started = Instant::now();
    let format = grammar::resolve(&grammar::CHECK, format, output.as_deref())?;
    let checked = if format == OutFormat::Junit {
        let loaded = input.load();
        if let Ok((ds, _)) = &loaded {
            super::args::refuse_input_as_output(output.as_deref(), &input.story()?, ds)?;
        }
        let measured = loaded.and_then(|(ds, as_of)| ds.measure(as_of));
        if let Ok(m) = &measured {
            warn_all(&m.console_warnings());
        }
        let mut report = check::Report::check(expect, measured.as_ref());
        for e in &mut report.errors {
            e.error = crate::hints::for_cli(e.error.clone());
        }
        report.time = Some(started.elapsed());
        report
    } else {
        let exprs = expect
            .iter()
            .map(|e| check::parse(e))
            .collect::<Result<Vec<_>>>()?;
        let (ds, as_of) = input.load()?;
        super::args::refuse_input_as_output(output.as_deref(), &input.story()?, &ds)?;
        let m = ds.measure(as_of)?;
        warn_all(&m.console_warnings());
        check::Report::evaluate(&exprs, &m)?
    };
    let path = output.unwrap_or_else(|| PathBuf::from("-"));
    output::write_atomic(&path, |w| {
        match format {
            OutFormat::Json => checked.write_json(w),
            OutFormat::Junit => checked.write_junit(w),
            _ => checked.write_text(w),
        }
        .map_err(output::io_err(&path))
    })?;
    if let Some(e) = checked.errors.first() {
        return Err(e.error.clone());
    }
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
