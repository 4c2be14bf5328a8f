//! `bordermap atlas`: every land border of a countries file, one map each, plus `atlas.csv`
//! and an `index.html`, rendered in parallel with a progress bar on a terminal. What each map
//! shows, the table and the page are built by `bordermap::atlas`; this file runs the command.

use std::path::{Path, PathBuf};
use std::time::Instant;

use bordermap::atlas::{AtlasArea, AtlasEntry, AtlasRow};
use bordermap::{Error, RenderOptions, Result, output};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

/// What `atlas` was asked to do.
pub struct AtlasArgs {
    /// The countries file (TopoJSON or GeoJSON polygons).
    pub countries: PathBuf,
    /// Output directory (created if missing).
    pub out_dir: PathBuf,
    /// Also write a PNG beside each SVG.
    pub png: bool,
    /// Page size, px.
    pub width: f64,
    /// Page size, px.
    pub height: f64,
}

/// Draws one border's map (and PNG); returns the file name and the map's notes.
fn render_one(
    entry: &AtlasEntry,
    all: &[AtlasArea],
    args: &AtlasArgs,
) -> Result<(String, Vec<String>)> {
    let map = bordermap::atlas::map_of(entry, all, &args.countries)?;
    let m = map.dataset.measure(None)?;
    let opts = RenderOptions {
        context: map.context,
        width: args.width,
        height: args.height,
        ..RenderOptions::default()
    };
    let name = format!("{}.svg", entry.slug);
    let path = args.out_dir.join(&name);
    output::write_atomic(&path, |w| bordermap::render_svg(&map.dataset, &m, &opts, w))?;
    if args.png {
        let png = bordermap::render_png(&map.dataset, &m, &opts)?;
        let ppath = args.out_dir.join(format!("{}.png", entry.slug));
        output::write_atomic(&ppath, |w| {
            w.write_all(&png).map_err(output::io_err(&ppath))
        })?;
    }
    Ok((name, map.problems))
}

/// Runs the atlas; returns the summary line.
pub fn run(args: &AtlasArgs) -> Result<String> {
    let started = Instant::now();
    let countries = bordermap::load::countries(&args.countries)?;
    std::fs::create_dir_all(&args.out_dir).map_err(|e| {
        Error::io(
            &args.out_dir,
            &e,
            "check that the parent directory exists and is writable",
        )
    })?;
    let entries = bordermap::atlas::borders(&countries);
    let all = bordermap::atlas::areas(&countries);
    let bar = ProgressBar::new(entries.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:40}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let rows: Vec<AtlasRow> = entries
        .into_par_iter()
        .map(|entry| {
            // One border's failure, even a bug, must not stop the atlas: it is reported in
            // atlas.csv. (The library is tested not to panic; this is the last line of defence.)
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                render_one(&entry, &all, args)
            }))
            .unwrap_or_else(|_| {
                Err(Error::input(
                    "internal error while drawing (a bug: please report it)",
                ))
            });
            bar.inc(1);
            let (file, mut problems) = match r {
                Ok((f, p)) => (Some(f), p),
                Err(e) => (None, vec![format!("not drawn: {}", e.message)]),
            };
            let mut all_problems = entry.problems.clone();
            all_problems.append(&mut problems);
            AtlasRow {
                entry,
                file,
                problems: all_problems,
            }
        })
        .collect();
    bar.finish_and_clear();

    let drawn = rows.iter().filter(|d| d.file.is_some()).count();
    let with_problems = rows.iter().filter(|d| !d.problems.is_empty()).count();
    let csv_path = args.out_dir.join("atlas.csv");
    output::write_atomic(&csv_path, |w| {
        bordermap::atlas::write_csv(w, &rows).map_err(output::io_err(&csv_path))
    })?;
    let html = bordermap::atlas::index_html(&rows, &bordermap::load::shown_name(&args.countries));
    let html_path = args.out_dir.join("index.html");
    output::write_atomic(&html_path, |w| {
        w.write_all(html.as_bytes())
            .map_err(output::io_err(&html_path))
    })?;
    Ok(format!(
        "{} borders, {drawn} drawn, {with_problems} with notes (see atlas.csv), written to {} in {:.1} s",
        rows.len(),
        Path::new(&args.out_dir).display(),
        started.elapsed().as_secs_f64()
    ))
}
