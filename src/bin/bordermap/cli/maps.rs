//! `bordermap render`, `diff` and `timeline`: maps, reports and the pages that hold them.

use std::io::Write;
use std::process::ExitCode;

use bordermap::{Date, Error, Result, check, output};

use super::args::{InputArgs, MapArgs, MapFormat, refuse_input_as_output};
use super::{ReportFormat, warn_all};

/// `bordermap render`.
pub(super) fn render(
    input: &InputArgs,
    map: &MapArgs,
    output: &std::path::Path,
) -> Result<ExitCode> {
    use bordermap::map::Format;
    // The format first: a name the tool does not write fails before any work, and writes nothing.
    let format = match map.format {
        Some(MapFormat::Svg) => Format::Svg,
        Some(MapFormat::Png) => Format::Png,
        Some(MapFormat::Pdf) => Format::Pdf,
        None => Format::for_path(output)?,
    };
    // The embedded dataset is drawn over the embedded context: when the flags name
    // that dataset, the context is read while the dataset loads.
    let embedded = map.context.is_empty() && input.names_embedded_border();
    let (loaded, prefetched) = rayon::join(
        || input.load(),
        || {
            embedded.then(|| {
                bordermap::load::context::context(std::path::Path::new(
                    bordermap::load::DEFAULT_CONTEXT,
                ))
            })
        },
    );
    let (ds, as_of) = loaded?;
    refuse_input_as_output(Some(output), input, Some(map), &ds)?;
    // Measuring and the rest of the options are independent: both at once.
    let (m, opts) = rayon::join(|| ds.measure(as_of), || map.options(&ds, prefetched));
    let m = m?;
    warn_all(&m.console_warnings());
    let opts = opts?;
    let rendered = bordermap::map::render(&ds, &m, &opts, format)?;
    warn_all(&rendered.warnings);
    let bytes = rendered.bytes;
    output::write_atomic(output, |w| {
        w.write_all(&bytes).map_err(output::io_err(output))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// What `diff` and `timeline` write: a report, a map or chart, or (timeline) the HTML page.
enum Written {
    Report(ReportFormat),
    Map(bordermap::map::Format),
    Page,
}

/// What to write to `output`: `-f` first; else `--format`; else by the extension (`.json`,
/// `.csv`, `.html` where `page` is allowed, or a map's); else a table.
fn written(
    report: Option<ReportFormat>,
    map: &MapArgs,
    output: Option<&std::path::Path>,
    page: bool,
) -> Result<Written> {
    use bordermap::map::Format;
    if let Some(r) = report {
        return Ok(Written::Report(r));
    }
    match map.format {
        Some(MapFormat::Svg) => return Ok(Written::Map(Format::Svg)),
        Some(MapFormat::Png) => return Ok(Written::Map(Format::Png)),
        Some(MapFormat::Pdf) => return Ok(Written::Map(Format::Pdf)),
        None => {}
    }
    let Some(path) = output.filter(|p| *p != std::path::Path::new("-")) else {
        return Ok(Written::Report(ReportFormat::Table));
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    Ok(match ext.as_deref() {
        None | Some("txt") => Written::Report(ReportFormat::Table),
        Some("json") => Written::Report(ReportFormat::Json),
        Some("csv") => Written::Report(ReportFormat::Csv),
        Some("html") if page => Written::Page,
        _ => Written::Map(Format::for_path(path).map_err(|e| {
            e.hint(if page {
                "write .json, .csv, .html, .svg, .png or .pdf (or none for a table)"
            } else {
                "write .json, .csv, .svg, .png or .pdf (or none for a table)"
            })
        })?),
    })
}

/// `--as-of` has no place in `diff` and `timeline`.
fn no_as_of(input: &InputArgs, command: &str, instead: &str) -> Result<()> {
    match input.as_of {
        Some(_) => {
            Err(Error::input(format!("{command} takes no --as-of")).hint(instead.to_string()))
        }
        None => Ok(()),
    }
}

/// A date argument (YYYY-MM-DD, YYYY-MM, YYYY or `today`).
fn date_arg(flag: &str, value: &str) -> Result<Date> {
    if value.trim() == "today" {
        return Ok(Date::today());
    }
    Date::parse(value).map_err(|e| Error {
        message: format!("{flag}: {}", e.message),
        ..e
    })
}

/// Writes `bytes` to `output` (atomically) or stdout.
fn write_out(
    output: Option<&std::path::Path>,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let path = output.unwrap_or(std::path::Path::new("-"));
    output::write_atomic(path, |w| f(w).map_err(output::io_err(path)))
}

/// `bordermap diff`.
pub(super) fn diff(
    input: &InputArgs,
    from: &str,
    to: &str,
    report: Option<ReportFormat>,
    expect: &[String],
    map: &MapArgs,
    out: Option<&std::path::Path>,
) -> Result<ExitCode> {
    no_as_of(input, "diff", "give the two dates as --from and --to")?;
    let what = written(report, map, out, false)?;
    let exprs = expect
        .iter()
        .map(|e| check::parse(e))
        .collect::<Result<Vec<_>>>()?;
    let (from, to) = (date_arg("--from", from)?, date_arg("--to", to)?);
    let (ds, _) = input.load()?;
    refuse_input_as_output(out, input, Some(map), &ds)?;
    let d = ds.diff(from, to)?;
    warn_all(&d.after.console_warnings());
    match what {
        Written::Report(f) => write_out(out, |w| match f {
            ReportFormat::Table => bordermap::diff::write_table(&d, w),
            ReportFormat::Json => bordermap::diff::write_json(&d, w),
            ReportFormat::Csv => bordermap::diff::write_csv(&d, w),
        })?,
        Written::Map(format) => {
            let opts = map.options(&ds, None)?;
            let r = bordermap::map::render_diff(&ds, &d, &opts, format)?;
            warn_all(&r.warnings);
            write_out(out, |w| w.write_all(&r.bytes))?;
        }
        Written::Page => {}
    }
    if exprs.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let checked = bordermap::diff::check(&d, &exprs)?;
    let stderr = std::io::stderr();
    let mut e = stderr.lock();
    for o in &checked.outcomes {
        let _ = writeln!(e, "bordermap: {o}");
    }
    let failed = checked.failed();
    if failed > 0 {
        let _ = writeln!(
            e,
            "bordermap: {failed} of {} expectations failed",
            checked.outcomes.len()
        );
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// `bordermap timeline`.
pub(super) fn timeline(
    input: &InputArgs,
    report: Option<ReportFormat>,
    map: &MapArgs,
    out: Option<&std::path::Path>,
) -> Result<ExitCode> {
    no_as_of(
        input,
        "timeline",
        "timeline covers every date a claim starts or ends",
    )?;
    let what = written(report, map, out, true)?;
    let (ds, _) = input.load()?;
    refuse_input_as_output(out, input, Some(map), &ds)?;
    let t = ds.timeline()?;
    match what {
        Written::Report(f) => write_out(out, |w| match f {
            ReportFormat::Table => bordermap::timeline::write_table(&t, w),
            ReportFormat::Json => bordermap::timeline::write_json(&t, w),
            ReportFormat::Csv => bordermap::timeline::write_csv(&t, w),
        })?,
        Written::Map(format) => {
            let mut opts = map.options(&ds, None)?;
            // A chart's page, unless given: 1000 × 560 px.
            if map.size.is_none() && map.width.is_none() && map.height.is_none() {
                opts.width = 1000.0;
                opts.height = 560.0;
            }
            let bytes = bordermap::map::render_timeline(&ds, &t, &opts, format)?;
            write_out(out, |w| w.write_all(&bytes))?;
        }
        Written::Page => {
            let opts = map.options(&ds, None)?;
            let html = bordermap::html::timeline_page(&ds, &t, &opts)?;
            write_out(out, |w| w.write_all(html.as_bytes()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
