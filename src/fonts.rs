//! The bundled fonts (Noto Sans and Noto Sans Arabic, OFL, in `assets/fonts/`) and text
//! measurement with them. Maps are laid out and rasterised with these fonts only: system fonts
//! are never loaded, so label boxes and PNGs are the same on every machine.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use usvg::fontdb;

/// The primary family name, as written in SVG `font-family`.
pub const FAMILY: &str = "Noto Sans";

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
    pub fn width(&mut self, text: &str, font: Font) -> f64 {
        if text.trim().is_empty() {
            return 0.0;
        }
        let key = format!(
            "{}|{}|{}|{}|{text}",
            font.size, font.bold, font.italic, font.letter_spacing
        );
        if let Some(w) = self.cache.get(&key) {
            return *w;
        }
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4000\" height=\"200\"><text x=\"0\" y=\"100\" font-family=\"{FAMILY}\" font-size=\"{}\" font-weight=\"{}\" font-style=\"{}\" letter-spacing=\"{}\">{}</text></svg>",
            font.size,
            if font.bold { 700 } else { 400 },
            if font.italic { "italic" } else { "normal" },
            font.letter_spacing,
            quick_xml::escape::escape(text)
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
