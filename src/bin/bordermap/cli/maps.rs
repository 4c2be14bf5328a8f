//! `bordermap render`, `diff` and `timeline`: maps, reports and the pages that hold them.

use std::io::Write;
use std::process::ExitCode;

use bordermap::{Date, Error, Result, check, output};

use bordermap::story::Story;

use super::args::{InputArgs, MapArgs, load, names_embedded_border, refuse_input_as_output};
use super::grammar::{self, OutFormat};
use super::warn_all;

/// `bordermap render`: the maps of a story (a story file, the flags laid over it), each
/// written atomically.
pub(super) fn render(
    input: &InputArgs,
    map: &MapArgs,
    story_file: Option<&std::path::Path>,
    format: Option<OutFormat>,
    output: Option<&std::path::Path>,
) -> Result<ExitCode> {
    use bordermap::map::Format;
    let mut story = story(input, map, story_file, output)?;
    // `-f` over the story's `format`; without either, each output's extension says.
    if let Some(f) = format.and_then(OutFormat::map) {
        story.format = Some(f);
    }
    let maps = story.maps()?;
    // Each map's format first: a name the tool does not write fails before any work.
    let mut jobs = Vec::with_capacity(maps.len());
    for m in maps {
        let Some(out) = m.output.clone() else {
            return Err(Error::input("no output file is given")
                .hint("give -o FILE (or output = \"map.svg\" in the story file)"));
        };
        let format = match story.format {
            Some(f) => f,
            None => Format::for_path(&out)?,
        };
        jobs.push((m, out, format));
    }
    // The embedded dataset is drawn over the embedded context: when the story names that
    // dataset, the context is read while the dataset loads.
    let embedded =
        story.context.as_ref().is_none_or(Vec::is_empty) && names_embedded_border(&story);
    let (loaded, prefetched) = rayon::join(
        || load(&story),
        || {
            embedded.then(|| {
                bordermap::load::context::context(std::path::Path::new(
                    bordermap::load::DEFAULT_CONTEXT,
                ))
            })
        },
    );
    let (ds, _) = loaded?;
    if let Some(pinned) = &story.dataset_version {
        let now = bordermap::version::of(&ds);
        warn_all(bordermap::version::changed_since(pinned, &now).as_slice());
    }
    for (_, out, _) in &jobs {
        refuse_input_as_output(Some(out), &story, &ds)?;
    }
    // Each date measured once.
    let mut measured: Vec<(Option<Date>, bordermap::Measured)> = Vec::new();
    for (m, _, _) in &jobs {
        if !measured.iter().any(|(d, _)| *d == m.as_of) {
            let mm = ds.measure(m.as_of)?;
            warn_all(&mm.console_warnings());
            measured.push((m.as_of, mm));
        }
    }
    let mut prefetched = prefetched;
    // The maps of one size and format are one series: several dates share one frame and
    // one scale bar, so a before/after pair compares.
    type Job = (bordermap::story::StoryMap, std::path::PathBuf, Format);
    let mut groups: Vec<Vec<Job>> = Vec::new();
    for job in jobs {
        match groups.iter_mut().find(|g| {
            g.first()
                .is_some_and(|f| f.0.size == job.0.size && f.2 == job.2)
        }) {
            Some(g) => g.push(job),
            None => groups.push(vec![job]),
        }
    }
    for group in groups {
        let Some((first, _, format)) = group.first() else {
            continue;
        };
        let mut opts = story.render_options(&ds, first.size, prefetched.take())?;
        opts.memory_budget = crate::budget::memory_budget()?;
        let members: Vec<&bordermap::Measured> = group
            .iter()
            .filter_map(|(m, _, _)| {
                measured
                    .iter()
                    .find(|(d, _)| *d == m.as_of)
                    .map(|(_, mm)| mm)
            })
            .collect();
        let rendered = match members.as_slice() {
            [one] => vec![bordermap::map::render(&ds, one, &opts, *format)?],
            _ => bordermap::map::render_series(&ds, &members, &opts, *format)?,
        };
        for ((_, out, _), r) in group.iter().zip(rendered) {
            warn_all(&r.warnings);
            output::write_atomic(out, |w| w.write_all(&r.bytes).map_err(output::io_err(out)))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The story `render` draws: the story file (given with `--story`, or as the BORDER argument
/// when it ends in `.toml`), with the flags laid over it and `-o` over its output.
fn story(
    input: &InputArgs,
    map: &MapArgs,
    story_file: Option<&std::path::Path>,
    output: Option<&std::path::Path>,
) -> Result<Story> {
    let positional = input
        .border
        .as_deref()
        .filter(|b| b.to_ascii_lowercase().ends_with(".toml"));
    let file = match (story_file, positional) {
        (Some(_), Some(b)) => {
            return Err(Error::input(format!(
                "a story file is given twice: with --story and as {b}"
            ))
            .hint(
                "give the story file once: `bordermap render story.toml` or --story story.toml",
            ));
        }
        (Some(f), None) => Some(bordermap::load::story::story(f)?),
        (None, Some(b)) => Some(bordermap::load::story::story(std::path::Path::new(b))?),
        (None, None) => None,
    };
    let mut flags = input.story()?.merge(&map.story())?;
    if positional.is_some() {
        flags.border = None;
    }
    flags.output = output.map(|o| o.to_string_lossy().into_owned());
    match file {
        Some(f) => f.merge(&flags),
        None => Ok(flags),
    }
}

/// What `diff` and `timeline` write: a report (table, JSON, CSV), a map or chart, or
/// (timeline) the HTML page.
enum Written {
    Report(OutFormat),
    Map(bordermap::map::Format),
    Page,
}

/// What to write to `output`: `-f`, else by the output's extension, else a table.
fn written(
    w: &grammar::Writes,
    format: Option<OutFormat>,
    output: Option<&std::path::Path>,
) -> Result<Written> {
    let f = grammar::resolve(w, format, output)?;
    Ok(match (f, f.map()) {
        (_, Some(map)) => Written::Map(map),
        (OutFormat::Html, None) => Written::Page,
        (report, None) => Written::Report(report),
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
    format: Option<OutFormat>,
    expect: &[String],
    map: &MapArgs,
    out: Option<&std::path::Path>,
) -> Result<ExitCode> {
    no_as_of(input, "diff", "give the two dates as --from and --to")?;
    let what = written(&grammar::DIFF, format, out)?;
    let exprs = expect
        .iter()
        .map(|e| check::parse(e))
        .collect::<Result<Vec<_>>>()?;
    let (from, to) = (date_arg("--from", from)?, date_arg("--to", to)?);
    let (ds, _) = input.load()?;
    refuse_input_as_output(out, &input.story()?.merge(&map.story())?, &ds)?;
    let d = ds.diff(from, to)?;
    warn_all(&d.after.console_warnings());
    match what {
        Written::Report(f) => write_out(out, |w| match f {
            OutFormat::Json => bordermap::diff::write_json(&d, w),
            OutFormat::Csv => bordermap::diff::write_csv(&d, w),
            _ => bordermap::diff::write_table(&d, w),
        })?,
        Written::Map(format) => {
            let opts = map.options(input, &ds)?;
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
    format: Option<OutFormat>,
    map: &MapArgs,
    out: Option<&std::path::Path>,
) -> Result<ExitCode> {
    no_as_of(
        input,
        "timeline",
        "timeline covers every date a claim starts or ends",
    )?;
    let what = written(&grammar::TIMELINE, format, out)?;
    let (ds, _) = input.load()?;
    refuse_input_as_output(out, &input.story()?.merge(&map.story())?, &ds)?;
    let t = ds.timeline()?;
    match what {
        Written::Report(f) => write_out(out, |w| match f {
            OutFormat::Json => bordermap::timeline::write_json(&t, w),
            OutFormat::Csv => bordermap::timeline::write_csv(&t, w),
            _ => bordermap::timeline::write_table(&t, w),
        })?,
        Written::Map(format) => {
            let mut opts = map.options(input, &ds)?;
            // A chart's page, unless given: 1000 × 560 px.
            if map.size.is_none() && map.width.is_none() && map.height.is_none() {
                opts.width = 1000.0;
                opts.height = 560.0;
            }
            let bytes = bordermap::map::render_timeline(&ds, &t, &opts, format)?;
            write_out(out, |w| w.write_all(&bytes))?;
        }
        Written::Page => {
            let opts = map.options(input, &ds)?;
            let html = bordermap::html::timeline_page(&ds, &t, &opts)?;
            write_out(out, |w| w.write_all(html.as_bytes()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
