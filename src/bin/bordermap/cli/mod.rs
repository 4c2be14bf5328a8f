//! Command-line flags (clap derive) and what each command does with them.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use bordermap::{Result, output};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

mod args;
mod docs;
mod extract;
pub(crate) mod grammar;
mod init;
mod maps;
mod measure;
mod sources;
mod view;
mod words;
use args::{InputArgs, MapArgs};
use grammar::OutFormat;

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
        /// Output format: table, json, csv or geojson. Default: by the output's extension
        /// (`.txt`, `.json`, `.csv`, `.geojson`), else a table.
        #[arg(long, short = 'f', value_name = "FORMAT", value_parser = grammar::parser(&grammar::MEASURE))]
        format: Option<OutFormat>,
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
        /// `authority:SDF>=50%`, `gaps=0`, `overlaps=0`, `disputed=0` (stretches where claims
        /// dispute each other), `unsourced=0` (claims in force without a source), `age<=180d`
        /// (days from the stalest layer's newest claim to the date). Repeat for several.
        #[arg(long = "expect", short = 'e', value_name = "EXPR", required = true)]
        expect: Vec<String>,
        /// Output format: table (a line per expectation, for people), json, or junit (XML for
        /// CI test reporters: GitLab, Jenkins, GitHub). Default: by the output's extension
        /// (`.json`, `.xml`), else a table. The exit code is the same for all three.
        #[arg(long, short = 'f', value_name = "FORMAT", value_parser = grammar::parser(&grammar::CHECK))]
        format: Option<OutFormat>,
        /// Write to this file instead of stdout (atomically).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Every source of the layers file with the claims citing it, their dates and where each
    /// lies on the border: a table, or `-f json|csv` (also chosen by `-o`'s extension).
    Sources(sources::SourcesArgs),
    /// Check a layers file is fit to keep current: claims with no source, overlaps no
    /// priority resolves (at any date a claim starts or ends), dates after today. Exit 0 when
    /// clean, 1 with the list of problems, 2 on bad input.
    CheckLayers(sources::CheckLayersArgs),
    /// Draw the annotated map: SVG, PNG or PDF by the output's extension (`.svg`, `.png`,
    /// `.pdf`; none, or `-`, is SVG) or `-f`.
    ///
    /// With no border: the embedded Iraq–Syria dataset with its context (countries, rivers,
    /// capitals).
    Render {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        map: MapArgs,
        /// A story file (TOML): every setting of the map in one file, keys named as these
        /// flags are (`as_of` for --as-of); flags given here override it. Also taken as
        /// `bordermap render story.toml`. Its keys: `bordermap schema story`.
        #[arg(long, value_name = "FILE")]
        story: Option<PathBuf>,
        /// Output format: svg, png or pdf. Default: by the output's extension (`.svg`, `.png`,
        /// `.pdf`; no extension or `-`: SVG; any other extension is an error).
        #[arg(long, short = 'f', value_name = "FORMAT", value_parser = grammar::parser(&grammar::RENDER))]
        format: Option<OutFormat>,
        /// Write to this file (atomically); `-` for stdout. Default: the story's `output`.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// What changed between two dates: per layer, the stretches whose value changed, with km
    /// and the sources on both sides. A table (or `-f json|csv`), or a map of the changes
    /// (`-f svg|png|pdf`). With `-e`, checks changed lengths like `check` (exit 1 when one
    /// fails).
    Diff {
        #[command(flatten)]
        input: InputArgs,
        /// The earlier date (YYYY-MM-DD, YYYY-MM, YYYY or `today`).
        #[arg(long, value_name = "DATE")]
        from: String,
        /// The later date.
        #[arg(long, value_name = "DATE")]
        to: String,
        /// Output format: table, json, csv, or the map of the changes: svg, png or pdf.
        /// Default: by the output's extension, else a table.
        #[arg(long, short = 'f', value_name = "FORMAT", value_parser = grammar::parser(&grammar::DIFF))]
        format: Option<OutFormat>,
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
    /// layer. A table (or `-f json|csv`), a chart (`-f svg|png|pdf`), or one HTML page with
    /// the chart, a date slider and the map at each date (`-f html`).
    Timeline {
        #[command(flatten)]
        input: InputArgs,
        /// Output format: table, json, csv, the chart (svg, png, pdf) or the page (html).
        /// Default: by the output's extension, else a table.
        #[arg(long, short = 'f', value_name = "FORMAT", value_parser = grammar::parser(&grammar::TIMELINE))]
        format: Option<OutFormat>,
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
        /// Output format: geojson (the one it writes). Default: by the output's extension
        /// (`.geojson`, `.json`, none or `-`).
        #[arg(long, short = 'f', value_name = "FORMAT", value_parser = grammar::parser(&grammar::EXTRACT))]
        format: Option<OutFormat>,
        /// Write to this file instead of stdout (atomically).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The same border at every resolution bordermap embeds: Natural Earth 1:110m, 1:50m,
    /// 1:10m and, for Iraq–Syria, OpenStreetMap. Vertices, geodesic length and the difference
    /// from the finest line; a table (or `-f json|csv`), or the lines overlaid (`-f svg`).
    Resolution(crate::resolution::ResolutionArgs),
    /// Print a JSON Schema to stdout: `bordermap schema story` for story files (for a TOML
    /// language server's completion and checking).
    Schema {
        /// What to describe.
        #[arg(value_enum)]
        what: SchemaKind,
    },
    /// Write the embedded Iraq–Syria dataset into DIR as editable files: the layers file,
    /// the border, places, rivers and context under data/ (with their sources and licences)
    /// and story.toml using them. `bordermap render DIR/story.toml` then draws the built-in
    /// map; edit the files to change it. Never overwrites a file.
    Init {
        /// The directory (created if missing).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
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

/// `schema WHAT`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SchemaKind {
    /// The story file (`render story.toml`).
    Story,
}

pub(super) fn warn_all(warnings: &[String]) {
    let stderr = std::io::stderr();
    let mut e = stderr.lock();
    for w in warnings {
        // A warning quotes the data: its control characters are written out, not obeyed.
        let _ = writeln!(e, "bordermap: warning: {}", bordermap::error::one_line(w));
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
        Command::Man { command } => docs::man(command.as_deref()),
        Command::Schema {
            what: SchemaKind::Story,
        } => print_stdout(bordermap::story::json_schema().as_bytes()),
        Command::Init { dir } => init::run(&dir),
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
        Command::Sources(args) => in_pool(|| sources::sources(&args)),
        Command::CheckLayers(args) => sources::check_layers(&args),
        Command::Render {
            input,
            map,
            story,
            format,
            output,
        } => in_pool(|| maps::render(&input, &map, story.as_deref(), format, output.as_deref())),
        Command::Diff {
            input,
            from,
            to,
            format,
            expect,
            map,
            output,
        } => in_pool(|| maps::diff(&input, &from, &to, format, &expect, &map, output.as_deref())),
        Command::Timeline {
            input,
            format,
            map,
            output,
        } => in_pool(|| maps::timeline(&input, format, &map, output.as_deref())),
        Command::Extract {
            between,
            countries,
            tolerance,
            format,
            output,
        } => extract::run(&between, &countries, tolerance, format, output),
        Command::Measure {
            input,
            format,
            output,
            per_feature: true,
        } => measure::per_feature(&input, format, output),
        Command::Measure {
            input,
            format,
            output,
            per_feature: false,
        } => measure::measure(&input, format, output),
        Command::Check {
            input,
            expect,
            format,
            output,
        } => measure::check(&input, &expect, format, output),
    }
}

/// Writes `bytes` to stdout; exit 0.
pub(super) fn print_stdout(bytes: &[u8]) -> Result<ExitCode> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `render` flag has a story key of the same name (`-` as `_`), and every story key
    /// but the story's own tables is a `render` flag.
    #[test]
    fn every_render_flag_is_a_story_key() {
        let schema: serde_json::Value =
            serde_json::from_str(&bordermap::story::json_schema()).unwrap();
        let keys: Vec<String> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        let cmd = Cli::command();
        let render = cmd.find_subcommand("render").unwrap();
        let mut flags: Vec<String> = render
            .get_arguments()
            .filter_map(|a| a.get_long().map(|l| l.replace('-', "_")))
            .filter(|l| l != "story" && l != "help")
            .collect();
        flags.push("border".into()); // the BORDER argument
        for f in &flags {
            assert!(keys.contains(f), "render --{f} has no story key");
        }
        for k in &keys {
            assert!(
                flags.contains(k)
                    || ["callout", "stretch", "dataset_version"].contains(&k.as_str()),
                "story key {k} is no render flag"
            );
        }
    }
}
