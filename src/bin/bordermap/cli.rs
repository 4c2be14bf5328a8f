//! Command-line flags (clap derive) and what each command does with them.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use bordermap::{Date, Error, Result, check, output, report};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

mod args;
use args::{Format, InputArgs, MapArgs, MapFormat};

/// Annotated maps of borders, with every segment measured on the WGS84 ellipsoid.
///
/// With no border given, bordermap uses its embedded Iraq–Syria dataset (Natural Earth 1:10m
/// line; control and wall claims as of 2024-05-12 by default).
#[derive(Parser, Debug)]
#[command(name = "bordermap", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
#[allow(clippy::large_enum_variant, reason = "parsed once per run")]
enum Command {
    /// Cut the border into segments by its layers and measure them.
    Measure {
        #[command(flatten)]
        input: InputArgs,
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Write to this file instead of stdout (atomically).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// Measure every feature of the BORDER file as its own border (geodesic, WGS84): one
        /// row per feature (table, json or csv); layers are not used.
        #[arg(long)]
        per_feature: bool,
    },
    /// Check measured lengths against expectations (for CI). Exit 0 when all hold, 1 when one
    /// fails, 2 on bad input or a bad expression.
    Check {
        #[command(flatten)]
        input: InputArgs,
        /// An expectation, e.g. `total=599.3km±0.1%`, `SDF>=300km`, `wall:built<=400km`,
        /// `authority:SDF>=50%`, `gaps=0`, `overlaps=0`, `unsourced=0` (claims in force without
        /// a source). Repeat for several.
        #[arg(long = "expect", short = 'e', value_name = "EXPR", required = true)]
        expect: Vec<String>,
        /// Output format: lines for people, JSON for programs, or JUnit XML for CI test
        /// reporters (GitLab, Jenkins, GitHub). The exit code is the same for all three.
        #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Draw the annotated map: SVG, PNG or PDF by the output's extension (`.svg`, `.png`,
    /// `.pdf`; none, or `-`, is SVG) or `--format`.
    ///
    /// With no border: the embedded Iraq–Syria dataset with its context (countries, rivers,
    /// capitals).
    Render {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        map: MapArgs,
        /// Write to this file (atomically); `-` for stdout.
        #[arg(long, short = 'o', value_name = "FILE", required = true)]
        output: PathBuf,
    },
    /// What changed between two dates: per layer, the stretches whose value changed, with km
    /// and the sources on both sides. A table (or `-f json|csv`), or a map of the changes when
    /// the output is `.svg`, `.png` or `.pdf` (or `--format`). With `-e`, checks changed
    /// lengths like `check` (exit 1 when one fails).
    Diff {
        #[command(flatten)]
        input: InputArgs,
        /// The earlier date (YYYY-MM-DD, YYYY-MM, YYYY or `today`).
        #[arg(long, value_name = "DATE")]
        from: String,
        /// The later date.
        #[arg(long, value_name = "DATE")]
        to: String,
        /// Report format (when not drawing a map); `.json`/`.csv` outputs choose it too.
        #[arg(short = 'f', value_enum, value_name = "FORMAT")]
        report: Option<ReportFormat>,
        /// An expectation on changed lengths, e.g. `authority>=46km`, `wall<10%`, `total=0km`.
        /// Repeat for several.
        #[arg(long = "expect", short = 'e', value_name = "EXPR")]
        expect: Vec<String>,
        #[command(flatten)]
        map: MapArgs,
        /// Write to this file (atomically); `-` or none: stdout.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The border over time: every date a claim starts or ends, with km per value of each
    /// layer. A table (or `-f json|csv`), a chart (`.svg`, `.png`, `.pdf`), or one HTML page
    /// with the chart, a date slider and the map at each date (`.html`).
    Timeline {
        #[command(flatten)]
        input: InputArgs,
        /// Report format (when not drawing the chart); `.json`/`.csv` outputs choose it too.
        #[arg(short = 'f', value_enum, value_name = "FORMAT")]
        report: Option<ReportFormat>,
        #[command(flatten)]
        map: MapArgs,
        /// Write to this file (atomically); `-` or none: stdout.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Draw every land border of a countries file (TopoJSON or GeoJSON polygons): one SVG per
    /// border (and PNG with --png), DIR/atlas.csv (pair, parts, vertices, length_m) and
    /// DIR/index.html. Runs in parallel; shows progress on a terminal.
    Atlas {
        /// Countries file: TopoJSON topology or GeoJSON (Multi)Polygons.
        #[arg(value_name = "COUNTRIES_FILE")]
        countries: PathBuf,
        /// Output directory (created if missing).
        #[arg(long, short = 'o', value_name = "DIR")]
        output: PathBuf,
        /// Also write a PNG beside each SVG.
        #[arg(long)]
        png: bool,
        /// Page width of each map, px.
        #[arg(long, default_value_t = 1200.0)]
        width: f64,
        /// Page height of each map, px.
        #[arg(long, default_value_t = 900.0)]
        height: f64,
    },
    /// Extract the shared border of two countries as one ordered line (GeoJSON), from TopoJSON
    /// (shared arcs) or GeoJSON polygons (shared edges). Countries are matched by id, ISO code
    /// or name.
    Extract {
        /// The two countries, e.g. `368,760` or `Iraq,Syria`.
        #[arg(
            long,
            value_name = "A,B",
            value_delimiter = ',',
            num_args = 1,
            required = true
        )]
        between: Vec<String>,
        /// Countries file: TopoJSON topology or GeoJSON (Multi)Polygons.
        #[arg(value_name = "COUNTRIES_FILE")]
        countries: PathBuf,
        /// For GeoJSON polygons: vertices closer than this (degrees) are the same point.
        #[arg(long, default_value_t = bordermap::extract::DEFAULT_TOLERANCE_DEG)]
        tolerance: f64,
        /// Write to this file instead of stdout (atomically).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The same border at every resolution bordermap embeds: Natural Earth 1:110m, 1:50m,
    /// 1:10m and, for Iraq–Syria, OpenStreetMap. Vertices, geodesic length and the difference
    /// from the finest line; a table (or `-f json|csv`), or the lines overlaid (`-f svg`).
    Resolution(crate::resolution::ResolutionArgs),
    /// Print a shell completion script to stdout.
    ///
    /// E.g. `bordermap completions bash > ~/.local/share/bash-completion/completions/bordermap`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout.
    ///
    /// E.g. `bordermap man > ~/.local/share/man/man1/bordermap.1`; `bordermap man measure`
    /// prints bordermap-measure(1).
    Man {
        /// A command whose page to print (bordermap-COMMAND(1)); default: bordermap(1).
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
    },
}

/// `diff -f`, `timeline -f`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ReportFormat {
    /// Aligned text for people.
    Table,
    /// JSON document for programs.
    Json,
    /// CSV rows.
    Csv,
}

/// `check --format`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum CheckFormat {
    /// One line per expectation: `ok` or `FAIL`, the expression and the measured value.
    Text,
    /// `{"ok", "results": [{"expr", "subject", "measured", "unit", "pass"}]}`.
    Json,
    /// JUnit XML: one testsuite, a testcase per expectation, a failure on each that fails.
    Junit,
}

fn warn_all(warnings: &[String]) {
    let stderr = std::io::stderr();
    let mut e = stderr.lock();
    for w in warnings {
        let _ = writeln!(e, "bordermap: warning: {w}");
    }
}

/// Parses the command line and runs the command.
pub fn run() -> Result<ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return Ok(ExitCode::from(code));
        }
    };
    match cli.command {
        Command::Completions { shell } => {
            // Generated into memory: clap_complete panics on a failed write (e.g. `| head`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "bordermap", &mut script);
            print_stdout(&script)
        }
        Command::Man { command } => {
            let mut cmd = Cli::command().disable_help_subcommand(true);
            cmd.build();
            let page = match command.as_deref() {
                None => cmd,
                Some(name) => match cmd.find_subcommand(name) {
                    // The page's title gives the version, as bordermap(1)'s does.
                    Some(sub) => sub.clone().version(env!("CARGO_PKG_VERSION")),
                    None => {
                        let names: Vec<&str> =
                            cmd.get_subcommands().map(|c| c.get_name()).collect();
                        return Err(Error::input(format!("no command '{name}'"))
                            .hint(format!("give one of: {}", names.join(", "))));
                    }
                },
            };
            let mut roff = Vec::new();
            clap_mangen::Man::new(page)
                .render(&mut roff)
                .map_err(output::io_err(std::path::Path::new("<stdout>")))?;
            print_stdout(&roff)
        }
        Command::Atlas {
            countries,
            output,
            png,
            width,
            height,
        } => {
            let summary = crate::atlas::run(&crate::atlas::AtlasArgs {
                countries,
                out_dir: output,
                png,
                width,
                height,
            })?;
            eprintln!("bordermap: {summary}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Resolution(args) => crate::resolution::run(&args),
        Command::Render { input, map, output } => in_pool(|| render(&input, &map, &output)),
        Command::Diff {
            input,
            from,
            to,
            report,
            expect,
            map,
            output,
        } => in_pool(|| diff(&input, &from, &to, report, &expect, &map, output.as_deref())),
        Command::Timeline {
            input,
            report,
            map,
            output,
        } => in_pool(|| timeline(&input, report, &map, output.as_deref())),
        Command::Extract {
            between,
            countries,
            tolerance,
            output,
        } => {
            let [a, b] = between.as_slice() else {
                return Err(Error::input(format!(
                    "--between takes two countries, got {}",
                    between.len()
                ))
                .hint("e.g. --between 368,760 or --between Iraq,Syria"));
            };
            let shared = match bordermap::load::countries(&countries)? {
                bordermap::load::Countries::Topology(t) => {
                    bordermap::extract::from_topology(&t, a, b)
                }
                bordermap::load::Countries::Polygons(f) => {
                    bordermap::extract::from_polygons(&f, a, b, tolerance)
                }
            }
            .map_err(|e| e.in_file(&countries))?;
            if shared.pieces.len() > 1 {
                eprintln!(
                    "bordermap: note: the border of {} and {} has {} disjoint pieces; writing a MultiLineString",
                    shared.names[0],
                    shared.names[1],
                    shared.pieces.len()
                );
            }
            let path = output.unwrap_or_else(|| PathBuf::from("-"));
            // The output names the countries file, not where it lies on this machine.
            let doc =
                report::shared_border_geojson(&shared, &bordermap::load::shown_name(&countries));
            output::write_atomic(&path, |w| {
                serde_json::to_writer(&mut *w, &doc)
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(w))
                    .map_err(output::io_err(&path))
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Measure {
            input,
            format,
            output,
            per_feature: true,
        } => {
            let path = output.unwrap_or_else(|| PathBuf::from("-"));
            let border =
                bordermap::load::border_path(input.border.as_deref().unwrap_or("@iraq-syria"))?;
            let rows =
                bordermap::lengths::feature_lengths(&bordermap::load::geojson_file(&border)?);
            use bordermap::lengths as l;
            let write: fn(&[l::FeatureLength], &mut dyn Write) -> std::io::Result<()> = match format
            {
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
        Command::Measure {
            input,
            format,
            output,
            per_feature: false,
        } => {
            let (ds, as_of) = input.load()?;
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
        Command::Check {
            input,
            expect,
            format,
        } => {
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
    }
}

/// Writes `bytes` to stdout; exit 0.
fn print_stdout(bytes: &[u8]) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(output::io_err(std::path::Path::new("<stdout>")))?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `f` on a thread of rayon's pool (with 8 MiB stacks, as the main thread has), so the
/// library's parallel steps share their work with it instead of waiting for the pool.
fn in_pool<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(8 << 20)
        .build_global();
    rayon::scope(|_| f())
}

/// `bordermap render`.
fn render(input: &InputArgs, map: &MapArgs, output: &std::path::Path) -> Result<ExitCode> {
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
fn diff(
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
fn timeline(
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
