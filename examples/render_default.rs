//! Render the default map (the embedded Iraq–Syria dataset, as of its default date) to an SVG
//! file: the path given as the first argument, else `iraq-syria.svg`.
//!
//! Run: `cargo run --example render_default -- map.svg`
#![allow(clippy::print_stdout, reason = "an example says what it wrote")]

use std::path::PathBuf;

use bordermap::{Dataset, LoadOptions, RenderOptions, output};

fn main() -> Result<(), bordermap::Error> {
    let path = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "iraq-syria.svg".to_string()),
    );
    let ds = Dataset::load(&LoadOptions::default())?;
    let m = ds.measure(None)?;
    // The embedded context (countries, rivers, capitals) and the default style and page.
    let opts = RenderOptions::for_dataset(&ds)?;
    // Written atomically: a temporary file in the same directory, then renamed.
    output::write_atomic(&path, |w| bordermap::render_svg(&ds, &m, &opts, w))?;
    println!(
        "wrote {}: {}, {:.1} km",
        path.display(),
        m.name,
        m.total_m / 1000.0
    );
    Ok(())
}
