//! Build an HTML report with two maps of the Iraq–Syria border, as of 2024-05-12 and
//! 2025-10-16, inline on one page, and a table of the lengths per class at both dates. Writes
//! the path given as the first argument, else `report.html`.
//!
//! Run: `cargo run --example html_report -- report.html`, then open the file in a browser.
#![allow(clippy::print_stdout, reason = "an example says what it wrote")]

use std::path::PathBuf;

use bordermap::{Dataset, Date, LoadOptions, RenderOptions, output};

fn main() -> Result<(), bordermap::Error> {
    let path = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "report.html".to_string()),
    );
    let ds = Dataset::load(&LoadOptions::default())?;
    let opts = RenderOptions::for_dataset(&ds)?;
    let dates = [Date::parse("2024-05-12")?, Date::parse("2025-10-16")?];
    // Each map is an SVG fragment (scales to its column) with ids prefixed by a hash of its
    // content, so the two maps' ids never collide.
    let html = bordermap::html_report(&ds, &dates, &opts)?;
    output::write_atomic(&path, |w| {
        w.write_all(html.as_bytes()).map_err(output::io_err(&path))
    })?;
    for d in dates {
        let m = ds.measure(Some(d))?;
        println!(
            "as of {d}: wall built {:.1} km of {:.1} km",
            m.total_of("wall", "built") / 1000.0,
            m.total_m / 1000.0
        );
    }
    println!("wrote {}", path.display());
    Ok(())
}
