//! Random editor's texts, languages and page sizes into an in-process render of the default
//! map. Must never panic; an error is one line; a map that renders is well-formed XML (parsed
//! with roxmltree, strict).
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use bordermap::{Dataset, LoadOptions, Measured, RenderOptions};
use libfuzzer_sys::fuzz_target;

/// What the fuzzer chooses.
#[derive(Debug, Arbitrary)]
struct Input {
    title: Option<String>,
    subtitle: Option<String>,
    notes: Vec<String>,
    credit: Option<String>,
    no_title: bool,
    /// Page width and height, px: 1 to 4096 each.
    width: u16,
    height: u16,
    /// Index into the shipped languages.
    lang: u8,
}

/// The default dataset and its measure, loaded once.
fn base() -> Option<&'static (Dataset, Measured, RenderOptions)> {
    static BASE: OnceLock<Option<(Dataset, Measured, RenderOptions)>> = OnceLock::new();
    BASE.get_or_init(|| {
        let ds = Dataset::load(&LoadOptions::default()).ok()?;
        let m = ds.measure(None).ok()?;
        let opts = RenderOptions::for_dataset(&ds).ok()?;
        Some((ds, m, opts))
    })
    .as_ref()
}

fuzz_target!(|inp: Input| {
    let Some((ds, m, base_opts)) = base() else {
        panic!("the default dataset does not load");
    };
    let langs = bordermap::i18n::shipped();
    let mut opts = base_opts.clone();
    opts.width = f64::from(inp.width % 4096 + 1);
    opts.height = f64::from(inp.height % 4096 + 1);
    opts.lang = langs[usize::from(inp.lang) % langs.len()].to_string();
    opts.editorial.title = inp.title;
    opts.editorial.subtitle = inp.subtitle;
    opts.editorial.notes = inp.notes.into_iter().take(8).collect();
    opts.editorial.credit = inp.credit;
    opts.editorial.no_title = inp.no_title;
    opts.embed_fonts = Some(false);
    let mut out = Vec::new();
    match bordermap::render_svg(ds, m, &opts, &mut out) {
        Err(e) => {
            let s = e.to_string();
            assert!(!s.contains('\n'), "multi-line error: {s:?}");
        }
        Ok(_) => {
            let svg = std::str::from_utf8(&out).expect("SVG is UTF-8");
            if let Err(e) = roxmltree::Document::parse(svg) {
                panic!("not well-formed XML: {e}");
            }
        }
    }
});
