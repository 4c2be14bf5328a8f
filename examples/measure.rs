//! Measure the embedded Iraq–Syria border and assert lengths, as a CI job or a report would.
//!
//! Run: `cargo run --example measure`
#![allow(clippy::print_stdout, reason = "an example prints its results")]

use bordermap::{Dataset, Date, LoadOptions};

fn main() -> Result<(), bordermap::Error> {
    let ds = Dataset::load(&LoadOptions::default())?;
    for date in ["2024-05-12", "2025-10-16"] {
        let m = ds.measure(Some(Date::parse(date)?))?;
        println!(
            "{} as of {date}: {:.3} km (geodesic, WGS84)",
            m.name,
            m.total_m / 1000.0
        );
        for layer in &m.layers {
            for v in &layer.values {
                println!(
                    "  {:<10} {:<52} {:>8.1} km {:>5.1} %",
                    layer.id,
                    v.value,
                    v.length_m / 1000.0,
                    v.share * 100.0
                );
            }
        }
        // Segments partition the line: their lengths add up to the total.
        let sum: f64 = m.segments.iter().map(|s| s.length_m).sum();
        assert!((sum - m.total_m).abs() < 1e-6);
        // The published figure (CIA World Factbook) is 599 km.
        assert!((m.total_m / 1000.0 - 599.0).abs() < 0.5);
    }
    Ok(())
}
