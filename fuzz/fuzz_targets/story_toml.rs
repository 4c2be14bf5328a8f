//! Bytes → story file parser, then every story method a render calls. Must never panic; every
//! error must print on one line.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

/// Panics on an error that spans lines (an error is one line the CLI prints after "error:").
fn one_line(r: bordermap::Result<()>) {
    if let Err(e) = r {
        let s = e.to_string();
        assert!(!s.contains('\n'), "multi-line error: {s:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match bordermap::load::story::parse(text, Path::new("fuzz.toml")) {
        Err(e) => one_line(Err(e)),
        Ok(story) => {
            let story = story.relative_to(Path::new("dir"));
            one_line(story.load_options().map(drop));
            one_line(story.dates().map(drop));
            one_line(story.maps().map(drop));
            one_line(story.annotations().map(drop));
            let _ = story.editorial();
            one_line(story.merge(&story.clone()).map(drop));
        }
    }
});
