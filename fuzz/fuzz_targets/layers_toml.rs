//! Bytes → layers TOML parser (files it names cannot be read). Must never panic; every error
//! must print on one line.
#![no_main]

use std::path::Path;

use bordermap::Error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let read = |p: &Path| -> bordermap::Result<Vec<u8>> {
        Err(Error::input("no files while fuzzing").in_file(p))
    };
    let r = bordermap::load::layers::parse(text, Path::new("fuzz.toml"), Path::new(""), &read);
    if let Err(e) = r {
        let s = e.to_string();
        assert!(!s.contains('\n'), "multi-line error: {s:?}");
    }
});
