//! Bytes as a GeoJSON border → the embedded Iraq–Syria layers and places → measure → every
//! report format. Must never panic; errors print on one line; lengths are finite and the
//! segments partition the line.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bordermap::{Dataset, Layers, Place, load, report};
use libfuzzer_sys::fuzz_target;

fn defaults() -> &'static (Layers, Vec<Place>) {
    static D: OnceLock<(Layers, Vec<Place>)> = OnceLock::new();
    D.get_or_init(|| {
        let layers = load::layers(Path::new(load::DEFAULT_LAYERS)).unwrap();
        let places = load::places(Path::new("<builtin>/places.geojson")).unwrap();
        (layers, places)
    })
}

fuzz_target!(|data: &[u8]| {
    let file = Path::new("fuzz.geojson");
    let keys = ["authority".to_string(), "wall".to_string()];
    let border = load::geojson::text_from_bytes(data, file)
        .and_then(|text| load::geojson::parse(text, file))
        .and_then(|input| load::border::border_from_features(input, file, &keys));
    let Ok(border) = border else {
        return;
    };
    let (layers, places) = defaults();
    let ds = Dataset {
        border,
        layers: Some(layers.clone()),
        places: places.clone(),
        border_file: PathBuf::from("fuzz.geojson"),
        builtin: false,
        countries: None,
    };
    match ds.measure(None) {
        Ok(m) => {
            assert!(m.total_m.is_finite() && m.total_m >= 0.0);
            let sum: f64 = m.segments.iter().map(|s| s.length_m).sum();
            assert!((sum - m.total_m).abs() <= 1e-6 * m.total_m.max(1.0), "{sum} vs {}", m.total_m);
            let mut out = Vec::new();
            report::write_table(&m, &mut out).unwrap();
            report::write_json(&m, &mut out).unwrap();
            report::write_csv(&m, &mut out).unwrap();
            report::write_geojson(&m, &mut out).unwrap();
        }
        Err(e) => {
            let s = e.to_string();
            assert!(!s.contains('\n'), "multi-line error: {s:?}");
        }
    }
});
