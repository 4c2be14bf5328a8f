//! The bundled fonts (Noto Sans and Noto Sans Arabic, OFL, in `assets/fonts/`) and text
//! measurement with them. Maps are laid out and rasterised with these fonts only: system fonts
//! are never loaded, so label boxes and PNGs are the same on every machine.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use usvg::fontdb;

/// The primary family name, as written in SVG `font-family`.
pub const FAMILY: &str = "Noto Sans";

/// The family list text is measured with: Latin from Noto Sans, Arabic script from Noto Sans
/// Arabic (the same list the maps' default style writes, before its generic `sans-serif`).
pub const FAMILIES: &str = "Noto Sans, Noto Sans Arabic";

/// The family list of right-to-left text: Noto Sans Arabic first, so Arabic is shaped (joined)
/// by the font made for it.
pub const RTL_FAMILIES: &str = "Noto Sans Arabic, Noto Sans";

/// Splits right-to-left text into runs for the bundled fonts: `(run, true)` for Arabic script
/// (set in Noto Sans Arabic), `(run, false)` for what that font lacks (Latin letters,
/// brackets, `/`, `·`, ...: set in Noto Sans). Digits, spaces and bidi controls, which both
/// fonts have or need not draw, join the run they stand in. resvg shapes a run only when all
/// its glyphs come from one font, so writing the runs as separate spans keeps Arabic joined
/// next to a bracket.
pub fn script_runs(text: &str) -> Vec<(&str, bool)> {
    fn class(c: char) -> Option<bool> {
        let u = u32::from(c);
        if matches!(u, 0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
        {
            return Some(true);
        }
        if c.is_ascii_digit()
            || matches!(c, ' ' | '.' | ',' | ':' | '-' | '!' | '\u{a0}')
            || matches!(u, 0x200B..=0x200F | 0x2066..=0x2069)
        {
            return None;
        }
        Some(false)
    }
    let mut runs: Vec<(&str, bool)> = Vec::new();
    let mut start = 0;
    let mut cur: Option<bool> = None;
    for (i, c) in text.char_indices() {
        match (class(c), cur) {
            (Some(k), Some(k0)) if k != k0 => {
                if let Some(run) = text.get(start..i) {
                    runs.push((run, k0));
                }
                start = i;
                cur = Some(k);
            }
            (Some(k), None) => cur = Some(k),
            _ => {}
        }
    }
    if let Some(run) = text.get(start..)
        && !run.is_empty()
    {
        runs.push((run, cur.unwrap_or(true)));
    }
    runs
}

/// Whether `text` runs right to left: its first strong character (a letter) is of a
/// right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...; Unicode bidi rules P2–P3,
/// by script block). Text with no letters is left to right.
pub fn is_rtl(text: &str) -> bool {
    for c in text.chars() {
        let u = u32::from(c);
        let rtl = matches!(u, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF);
        if rtl {
            return true;
        }
        if c.is_alphabetic() {
            return false;
        }
    }
    false
}

/// The bundled font files (TrueType), embedded in the binary.
pub const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../assets/fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../assets/fonts/NotoSansArabic-Bold.ttf"),
];

/// A font database holding only the bundled fonts (built once, shared).
pub fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for f in FONT_FILES {
            db.load_font_data(f.to_vec());
        }
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// usvg options that use the bundled fonts only.
pub fn usvg_options() -> usvg::Options<'static> {
    usvg::Options {
        fontdb: database(),
        font_family: FAMILY.to_string(),
        ..usvg::Options::default()
    }
}

/// How a piece of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    /// Size, px.
    pub size: f64,
    /// Bold (700) or regular (400).
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Extra space after each character, px.
    pub letter_spacing: f64,
}

impl Font {
    /// Regular text of `size` px.
    pub fn regular(size: f64) -> Font {
        Font {
            size,
            bold: false,
            italic: false,
            letter_spacing: 0.0,
        }
    }

    /// Bold text of `size` px.
    pub fn bold(size: f64) -> Font {
        Font {
            bold: true,
            ..Font::regular(size)
        }
    }
}

/// Measures text widths with the bundled fonts (through usvg's text layout, the same that
/// draws PNGs), caching results.
pub struct Measurer {
    opt: usvg::Options<'static>,
    cache: BTreeMap<String, f64>,
}

impl std::fmt::Debug for Measurer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Measurer")
            .field("cached", &self.cache.len())
            .finish()
    }
}

impl Default for Measurer {
    fn default() -> Self {
        Measurer {
            opt: usvg_options(),
            cache: BTreeMap::new(),
        }
    }
}

impl Measurer {
    /// Advance width of `text` set in `font`, px (from the text's start to the end of its ink).
    /// Right-to-left text is measured as maps draw it: in Noto Sans Arabic, isolated.
    pub fn width(&mut self, text: &str, font: Font) -> f64 {
        if text.trim().is_empty() {
            return 0.0;
        }
        if is_rtl(text) && !text.starts_with('\u{2067}') {
            // Measured as the layout draws it: isolated (U+2067 … U+2069).
            return self.width(&format!("\u{2067}{text}\u{2069}"), font);
        }
        let key = format!(
            "{}|{}|{}|{}|{text}",
            font.size, font.bold, font.italic, font.letter_spacing
        );
        if let Some(w) = self.cache.get(&key) {
            return *w;
        }
        // Right-to-left text is written as the SVG writer writes it: script runs in spans.
        let (families, content) = if is_rtl(text) {
            let mut c = String::new();
            for (run, arabic) in script_runs(text) {
                let run = quick_xml::escape::escape(run);
                if arabic {
                    c.push_str(&run);
                } else {
                    c.push_str(&format!("<tspan font-family=\"{FAMILIES}\">{run}</tspan>"));
                }
            }
            (RTL_FAMILIES, c)
        } else {
            (FAMILIES, quick_xml::escape::escape(text).into_owned())
        };
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4000\" height=\"200\"><text x=\"0\" y=\"100\" font-family=\"{families}\" font-size=\"{}\" font-weight=\"{}\" font-style=\"{}\" letter-spacing=\"{}\">{content}</text></svg>",
            font.size,
            if font.bold { 700 } else { 400 },
            if font.italic { "italic" } else { "normal" },
            font.letter_spacing,
        );
        let estimate = 0.56 * font.size * text.chars().count() as f64
            + font.letter_spacing * text.chars().count() as f64;
        let w = match usvg::Tree::from_str(&svg, &self.opt) {
            Ok(tree) => {
                let b = tree.root().abs_bounding_box();
                if b.width() > 0.0 {
                    f64::from(b.right()) + font.letter_spacing.max(0.0)
                } else {
                    estimate
                }
            }
            Err(_) => estimate,
        };
        self.cache.insert(key, w);
        w
    }
}

#[cfg(test)]
mod tests {
    use super::{is_rtl, script_runs};

    #[test]
    fn rtl_and_runs() {
        assert!(is_rtl("\u{2067}الحرة)"));
        assert!(!is_rtl("363.5 km · الحرة"));
        assert!(!is_rtl("599.3"));
        assert_eq!(
            script_runs("التنف (التحالف / جيش 12)"),
            vec![
                ("التنف ", true),
                ("(", false),
                ("التحالف ", true),
                ("/ ", false),
                ("جيش 12", true),
                (")", false)
            ]
        );
    }
}
