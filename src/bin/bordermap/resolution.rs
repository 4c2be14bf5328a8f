//! `bordermap resolution`: the same border at every embedded resolution (Natural Earth 1:110m,
//! 1:50m, 1:10m and, where embedded, OpenStreetMap), as a table, JSON, CSV or an SVG of the
//! lines overlaid.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use bordermap::{Error, Result, output, resolution};

use crate::cli::grammar::{self, OutFormat};

/// Flags of `bordermap resolution`.
#[derive(clap::Args, Debug)]
pub struct ResolutionArgs {
    /// The two countries, matched as `extract` matches them (id, ISO code or name), e.g.
    /// `Iraq,Jordan` or `368,400`. Default: Iraq,Syria (the one pair with an OSM line).
    #[arg(long, value_name = "A,B", value_delimiter = ',', num_args = 1)]
    between: Vec<String>,
    /// Output format: table, json, csv, or svg (the lines overlaid). Default: by the output's
    /// extension (`.txt`, `.json`, `.csv`, `.svg`), else a table.
    #[arg(long, short = 'f', value_name = "FORMAT", value_parser = grammar::parser(&grammar::RESOLUTION))]
    format: Option<OutFormat>,
    /// Write to this file instead of stdout (atomically).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Runs `bordermap resolution`.
pub fn run(args: &ResolutionArgs) -> Result<ExitCode> {
    let (a, b) = match args.between.as_slice() {
        [] => (resolution::DEFAULT_PAIR[0], resolution::DEFAULT_PAIR[1]),
        [a, b] => (a.as_str(), b.as_str()),
        other => {
            return Err(Error::input(format!(
                "--between takes two countries, got {}",
                other.len()
            ))
            .hint("e.g. --between Iraq,Syria or --between 368,760"));
        }
    };
    let format = grammar::resolve(&grammar::RESOLUTION, args.format, args.output.as_deref())?;
    let r = resolution::resolution(a, b)?;
    if format != OutFormat::Table {
        let stderr = std::io::stderr();
        let mut e = stderr.lock();
        for n in &r.notes {
            let _ = writeln!(e, "bordermap: note: {n}");
        }
    }
    let path = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
    if format == OutFormat::Svg {
        let mut svg = Vec::new();
        resolution::write_svg(
            &r,
            &bordermap::style::Style::theme(bordermap::style::Theme::Light),
            &mut svg,
        )?;
        output::write_atomic(&path, |w| w.write_all(&svg).map_err(output::io_err(&path)))?;
        return Ok(ExitCode::SUCCESS);
    }
    output::write_atomic(&path, |w| {
        match format {
            OutFormat::Json => resolution::write_json(&r, w),
            OutFormat::Csv => resolution::write_csv(&r, w),
            _ => resolution::write_table(&r, w),
        }
        .map_err(output::io_err(&path))
    })?;
    Ok(ExitCode::SUCCESS)
}
