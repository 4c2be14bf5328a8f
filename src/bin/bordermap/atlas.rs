//! `bordermap atlas`: every land border of a countries file, one map each, plus `atlas.csv`
//! and an `index.html`, rendered in parallel with a progress bar on a terminal.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bordermap::atlas::AtlasEntry;
use bordermap::load::Countries;
use bordermap::load::context::{Context, ContextArea};
use bordermap::{Border, Dataset, Error, RenderOptions, Result, output};
use geo::{BoundingRect, Intersects, Rect};
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

/// Result of one border: the entry and the map file written, or why not.
struct Done {
    entry: AtlasEntry,
    file: Option<String>,
    problems: Vec<String>,
}

fn areas(countries: &Countries) -> Vec<(ContextArea, Rect<f64>)> {
    let mut out = Vec::new();
    match countries {
        Countries::Topology(t) => {
            let object = t.country_object().map(str::to_string);
            for g in t
                .geometries
                .iter()
                .filter(|g| Some(&g.object) == object.as_ref())
            {
                let shape = t.polygons(g);
                let name = g
                    .properties
                    .get("name")
                    .and_then(|v| v.as_str())
                    .map_or_else(|| g.id.clone().unwrap_or_default(), str::to_string);
                if let Some(r) = shape.bounding_rect() {
                    out.push((
                        ContextArea {
                            name,
                            shape,
                            codes: Default::default(),
                        },
                        r,
                    ));
                }
            }
        }
        Countries::Polygons(fs) => {
            for f in fs {
                let shape = match &f.geometry {
                    Some(geo::Geometry::Polygon(p)) => geo::MultiPolygon(vec![p.clone()]),
                    Some(geo::Geometry::MultiPolygon(m)) => m.clone(),
                    _ => continue,
                };
                let name = f
                    .properties
                    .get("name")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string();
                if let Some(r) = shape.bounding_rect() {
                    out.push((
                        ContextArea {
                            name,
                            shape,
                            codes: Default::default(),
                        },
                        r,
                    ));
                }
            }
        }
    }
    out
}

fn render_one(
    entry: &AtlasEntry,
    all: &[(ContextArea, Rect<f64>)],
    args: &AtlasArgs,
) -> Result<(String, Vec<String>)> {
    let mut problems = Vec::new();
    // A map draws one line: the longest piece; the others are listed.
    let longest = entry
        .shared
        .pieces
        .iter()
        .filter(|p| {
            !p.0.windows(2)
                .any(|w| matches!(w, [a, b] if (a.x - b.x).abs() > 180.0))
        })
        .filter_map(|p| {
            Border::new(
                format!("{} – {}", entry.shared.names[0], entry.shared.names[1]),
                p.clone(),
            )
            .ok()
        })
        .max_by(|a, b| a.length_m().total_cmp(&b.length_m()))
        .ok_or_else(|| Error::input("no piece of this border can be drawn"))?;
    if entry.shared.pieces.len() > 1 {
        problems.push(format!(
            "{} pieces; the map shows the longest ({:.1} km)",
            entry.shared.pieces.len(),
            longest.length_m() / 1000.0
        ));
    }
    let bbox = longest
        .line()
        .bounding_rect()
        .ok_or_else(|| Error::input("empty border"))?;
    let pad = ((bbox.width() + bbox.height()) * 0.5).max(0.5);
    let frame = Rect::new(
        geo::coord! { x: bbox.min().x - pad, y: bbox.min().y - pad },
        geo::coord! { x: bbox.max().x + pad, y: bbox.max().y + pad },
    );
    let mut context = Context {
        files: vec![args.countries.clone()],
        countries: all
            .iter()
            .filter(|(_, r)| r.intersects(&frame) && r.width() < 180.0)
            .map(|(a, _)| a.clone())
            .collect(),
        ..Context::default()
    };
    // The countries are the file's own; rivers, capitals and towns come from the basemap.
    if let Some(region) = bordermap::load::world::region_of(longest.line()) {
        context.extend(bordermap::load::world::extras_in(region)?);
    }
    let ds = Dataset::from_border(longest, args.countries.clone());
    let m = ds.measure(None)?;
    let opts = RenderOptions {
        context,
        width: args.width,
        height: args.height,
        ..RenderOptions::default()
    };
    let name = format!("{}.svg", entry.slug);
    let path = args.out_dir.join(&name);
    output::write_atomic(&path, |w| bordermap::render_svg(&ds, &m, &opts, w))?;
    if args.png {
        let png = bordermap::render_png(&ds, &m, &opts)?;
        let ppath = args.out_dir.join(format!("{}.png", entry.slug));
        output::write_atomic(&ppath, |w| {
            w.write_all(&png).map_err(output::io_err(&ppath))
        })?;
    }
    Ok((name, problems))
}

fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
    let all = areas(&countries);
    let bar = ProgressBar::new(entries.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:40}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let done: Vec<Done> = entries
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
            Done {
                entry,
                file,
                problems: all_problems,
            }
        })
        .collect();
    bar.finish_and_clear();

    let mut table = String::from("pair,a,b,parts,vertices,length_m,file,problems\n");
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Atlas of land borders</title>\n<style>body{font-family:sans-serif;margin:2em}ul{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1em;list-style:none;padding:0}img{width:100%;border:1px solid #ccc}figcaption{font-size:14px}</style></head><body>\n",
    );
    let _ = writeln!(
        html,
        "<h1>Atlas of land borders</h1><p>{} borders from {}; lengths geodesic on the WGS84 ellipsoid.</p><ul>",
        done.len(),
        html_escape(&bordermap::load::shown_name(&args.countries))
    );
    let mut with_problems = 0;
    let mut drawn = 0;
    for d in &done {
        let [a, b] = &d.entry.shared.names;
        let _ = writeln!(
            table,
            "{},{},{},{},{},{:.3},{},{}",
            csv(&d.entry.slug),
            csv(a),
            csv(b),
            d.entry.shared.pieces.len(),
            d.entry.shared.vertices(),
            d.entry.length_m,
            csv(d.file.as_deref().unwrap_or("")),
            csv(&d.problems.join("; "))
        );
        if !d.problems.is_empty() {
            with_problems += 1;
        }
        if let Some(f) = &d.file {
            drawn += 1;
            let _ = writeln!(
                html,
                "<li><figure><a href=\"{f}\"><img src=\"{f}\" alt=\"{} – {}\" loading=\"lazy\"></a><figcaption>{} – {}: {:.1} km</figcaption></figure></li>",
                html_escape(a),
                html_escape(b),
                html_escape(a),
                html_escape(b),
                d.entry.length_m / 1000.0
            );
        }
    }
    html.push_str("</ul></body></html>\n");
    let csv_path = args.out_dir.join("atlas.csv");
    output::write_atomic(&csv_path, |w| {
        w.write_all(table.as_bytes())
            .map_err(output::io_err(&csv_path))
    })?;
    let html_path = args.out_dir.join("index.html");
    output::write_atomic(&html_path, |w| {
        w.write_all(html.as_bytes())
            .map_err(output::io_err(&html_path))
    })?;
    Ok(format!(
        "{} borders, {drawn} drawn, {with_problems} with notes (see atlas.csv), written to {} in {:.1} s",
        done.len(),
        Path::new(&args.out_dir).display(),
        started.elapsed().as_secs_f64()
    ))
}
