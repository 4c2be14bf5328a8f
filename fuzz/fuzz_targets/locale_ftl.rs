//! Bytes → a user's locale file (Fluent), then every formatter the map uses. Must never panic
//! or overflow the stack; every error must print on one line.
#![no_main]

use std::path::PathBuf;

use bordermap::i18n::{Digits, Locale, LocaleFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = LocaleFile {
        path: PathBuf::from("fuzz.ftl"),
        text: text.to_string(),
    };
    for (lang, digits) in [("ar", Digits::Arab), ("xx", Digits::Latn)] {
        match Locale::new(lang, Some(&file), digits) {
            Err(e) => {
                let s = e.to_string();
                assert!(!s.contains('\n'), "multi-line error: {s:?}");
            }
            Ok(l) => {
                for w in l.warnings() {
                    assert!(!w.contains('\n'), "multi-line warning: {w:?}");
                }
                let _ = l.text("legend-title", &[("date", "2026-12-07")]);
                let _ = l.km(599_300.0);
                let _ = l.share(0.77);
                let _ = l.degrees(36.5, true);
                let _ = l.upper("Iraq");
            }
        }
    }
});
