//! The border over time from the library: what changed between two dates, and the timeline
//! chart and page. `cargo run --example timeline -- OUT_DIR` writes `diff.svg`/`.png`,
//! `timeline.svg`/`.png` and `timeline.html` there and prints what changed.
#![allow(clippy::print_stdout, reason = "an example prints its results")]

use bordermap::{Dataset, Date, LoadOptions, RenderOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let ds = Dataset::load(&LoadOptions::default())?;
    let opts = RenderOptions::for_dataset(&ds)?;

    // What changed between two dates, per layer, in metres along the border.
    let d = ds.diff(Date::parse("2024-05-12")?, Date::parse("2025-10-16")?)?;
    for c in &d.changes {
        println!(
            "{}: km {:.1}–{:.1} ({:.1} km): {} → {}",
            c.layer,
            c.from_m / 1000.0,
            c.to_m / 1000.0,
            c.length_m / 1000.0,
            c.before.as_deref().unwrap_or("(no data)"),
            c.after.as_deref().unwrap_or("(no data)")
        );
    }
    let sc = bordermap::map::diff_scene(&ds, &d, &opts)?;
    let mut svg = Vec::new();
    bordermap::render::svg::write(&sc, Default::default(), &mut svg)?;
    std::fs::write(
        dir.join("diff.png"),
        bordermap::render::png::svg_to_png(&svg, 1.0, bordermap::limits::MEMORY_BUDGET_BYTES)?,
    )?;
    std::fs::write(dir.join("diff.svg"), svg)?;

    // Every date a claim starts or ends: the chart and the page with a date slider.
    let t = ds.timeline()?;
    let chart_opts = RenderOptions {
        width: 1000.0,
        height: 560.0,
        ..opts.clone()
    };
    let chart = bordermap::map::timeline_svg(&ds, &t, &chart_opts)?;
    std::fs::write(
        dir.join("timeline.png"),
        bordermap::render::png::svg_to_png(
            chart.as_bytes(),
            1.0,
            bordermap::limits::MEMORY_BUDGET_BYTES,
        )?,
    )?;
    std::fs::write(dir.join("timeline.svg"), chart)?;
    std::fs::write(
        dir.join("timeline.html"),
        bordermap::html::timeline_page(&ds, &t, &opts)?,
    )?;
    println!("{} dates, {} rows", t.dates.len(), t.rows.len());
    Ok(())
}
