//! Bytes → GeoJSON border loader. Must never panic; every error must print on one line.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = Path::new("fuzz.geojson");
    let keys = ["authority".to_string(), "wall".to_string()];
    let r = bordermap::load::geojson::text_from_bytes(data, file)
        .and_then(|text| bordermap::load::geojson::parse(text, file))
        .and_then(|input| bordermap::load::border::border_from_features(input, file, &keys));
    match r {
        Ok(b) => {
            assert!(b.border.length_m().is_finite());
            for w in &b.warnings {
                assert!(!w.contains('\n'), "multi-line warning: {w:?}");
            }
        }
        Err(e) => {
            let s = e.to_string();
            assert!(!s.contains('\n'), "multi-line error: {s:?}");
        }
    }
});
