//! Render the default map at two dates with one frame (`bordermap::map::render_series`): the
//! same map rectangle, scale and scale bar, so the two PNGs can be flipped between. Writes
//! `series-2014-01-01.png` and `series-2024-05-12.png` into the directory given as the first
//! argument, else the current one.
//!
//! Run: `cargo run --example series -- out/`
#![allow(clippy::print_stdout, reason = "an example says what it wrote")]

use std::path::PathBuf;

use bordermap::map::{Format, render_series};
use bordermap::{Dataset, Date, LoadOptions, RenderOptions, output};

fn main() -> Result<(), bordermap::Error> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".to_string()));
    let ds = Dataset::load(&LoadOptions::default())?;
    let dates = ["2014-01-01", "2024-05-12"];
    let measured = dates
        .iter()
        .map(|d| ds.measure(Some(Date::parse(d)?)))
        .collect::<Result<Vec<_>, _>>()?;
    let members: Vec<&bordermap::Measured> = measured.iter().collect();
    let opts = RenderOptions::for_dataset(&ds)?;
    let maps = render_series(&ds, &members, &opts, Format::Png)?;
    for (d, map) in dates.iter().zip(maps) {
        let path = dir.join(format!("series-{d}.png"));
        output::write_atomic(&path, |w| {
            w.write_all(&map.bytes)
                .map_err(|e| bordermap::Error::io("<png>", &e, "check the output"))
        })?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
