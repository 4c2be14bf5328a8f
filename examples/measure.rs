//! Measure the embedded Iraq–Syria border and assert lengths, as a CI job or a report would.
//!
//! Run: `cargo run --example measure`
#![allow(clippy::print_stdout, reason = "an example prints its results")]

use bordermap::{Dataset, Date, LoadOptions};

fn main() -> Result<(), bordermap::Error> {
    let ds = Dataset::load(&LoadOptions::default())?;
    // Lengths per class from a run (km, to 0.1 km): (date, layer, value, km).
    let expected = [
        ("2024-05-12", "authority", "SDF", 362.2),
        ("2024-05-12", "authority", "Damascus government", 190.7),
        ("2024-05-12", "wall", "built", 100.0),
        ("2025-10-16", "authority", "SDF", 362.2),
        ("2025-10-16", "wall", "built", 320.0),
        ("2026-11-30", "authority", "in transition", 362.2),
        ("2026-11-30", "authority", "Damascus government", 46.3),
    ];
    for date in ["2024-05-12", "2025-10-16", "2026-11-30"] {
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
        for (_, layer, value, km) in expected.iter().filter(|e| e.0 == date) {
            let got = m.total_of(layer, value) / 1000.0;
            assert!(
                (got - km).abs() < 0.05,
                "{date}: {layer} {value} is {got:.3} km, expected {km} km"
            );
        }
    }
    Ok(())
}
