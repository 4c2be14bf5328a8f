//! The bundled fonts (Noto Sans and Noto Sans Arabic, OFL, in `assets/fonts/`) and text
//! measurement with them. Maps are laid out and rasterised with these fonts only: system fonts
//! are never loaded, so label boxes and PNGs are the same on every machine.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use usvg::fontdb;

/// The primary family name, as written in SVG `font-family`.
pub const FAMILY: &str = "Noto Sans";

/// The family of Arabic script.
pub const ARABIC_FAMILY: &str = "Noto Sans Arabic";

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

/// Whether `text` has any right-to-left character (Hebrew, Arabic, ... anywhere in it): such
/// text is set in script runs with their fonts and isolated right to left, even when a Latin
/// word comes first (a footer line on an Arabic page that starts with a source's name).
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
    })
}

/// The bundled font files (TrueType), embedded in the binary.
pub static FONT_FILES: [&[u8]; 4] = [
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
            // Borrowed from the binary, not copied.
            db.load_font_source(fontdb::Source::Binary(Arc::new(f)));
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

/// Measures text widths with the bundled fonts as usvg's text layout (the same that draws PNGs)
/// measures them — plain left-to-right text through the same shaper without building a tree,
/// the rest through usvg itself — caching results.
pub struct Measurer {
    /// usvg's options with the font database, made on first use: plain left-to-right text
    /// never needs them.
    opt: OnceLock<usvg::Options<'static>>,
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
            opt: OnceLock::new(),
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
        if has_rtl(text) && !text.starts_with('\u{2067}') {
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
        if let Some(w) = fast_width(text, font) {
            self.cache.insert(key, w);
            return w;
        }
        let w = self.usvg_width(text, font);
        self.cache.insert(key, w);
        w
    }

    /// [`Measurer::width`] through usvg's text layout, always (no cache): the reference the
    /// fast path is checked against.
    pub fn usvg_width(&self, text: &str, font: Font) -> f64 {
        // Right-to-left text is written as the SVG writer writes it: script runs in spans.
        let (families, content) = if has_rtl(text) {
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
        match usvg::Tree::from_str(&svg, self.opt.get_or_init(usvg_options)) {
            Ok(tree) => {
                let b = tree.root().abs_bounding_box();
                if b.width() > 0.0 {
                    f64::from(b.right()) + font.letter_spacing.max(0.0)
                } else {
                    estimate
                }
            }
            Err(_) => estimate,
        }
    }
}

/// A bundled upright Noto Sans face ready for shaping.
struct Shaping {
    font: harfrust::FontRef<'static>,
    data: harfrust::ShaperData,
    units_per_em: f32,
}

/// `unitsPerEm` from a font's `head` table.
fn units_per_em(data: &[u8]) -> Option<u16> {
    let be16 =
        |o: usize| -> Option<u16> { Some(u16::from_be_bytes([*data.get(o)?, *data.get(o + 1)?])) };
    let be32 = |o: usize| -> Option<usize> {
        Some(u32::from_be_bytes([
            *data.get(o)?,
            *data.get(o + 1)?,
            *data.get(o + 2)?,
            *data.get(o + 3)?,
        ]) as usize)
    };
    let n = usize::from(be16(4)?);
    (0..n).find_map(|i| {
        let rec = 12 + 16 * i;
        (data.get(rec..rec + 4)? == b"head").then_some(())?;
        be16(be32(rec + 8)? + 18)
    })
}

/// Noto Sans Regular and Bold, parsed once.
fn shaping(bold: bool) -> Option<&'static Shaping> {
    static FACES: OnceLock<[Option<Shaping>; 2]> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        [FONT_FILES[0], FONT_FILES[1]].map(|data| {
            let font = harfrust::FontRef::from_index(data, 0).ok()?;
            let upem = units_per_em(data).filter(|u| (16..=16384).contains(u))?;
            let data = harfrust::ShaperData::new(&font);
            Some(Shaping {
                font,
                data,
                units_per_em: f32::from(upem),
            })
        })
    });
    faces.get(usize::from(bold))?.as_ref()
}

thread_local! {
    /// Shape plans by (bold, script) for left-to-right text without a language: building a
    /// plan costs more than shaping a short label, and it depends on nothing else.
    static PLANS: RefCell<Vec<(bool, harfrust::Script, Rc<harfrust::ShapePlan>)>> =
        const { RefCell::new(Vec::new()) };
}

/// Shapes `buffer` (direction and script already guessed) with a cached plan when its script
/// is known; the result is the one `shaper.shape` gives with a fresh plan.
fn shape_planned(
    shaper: &harfrust::Shaper<'_>,
    bold: bool,
    buffer: harfrust::UnicodeBuffer,
) -> harfrust::GlyphBuffer {
    let script = buffer.script();
    if script == harfrust::script::UNKNOWN
        || buffer.language().is_some()
        || buffer.direction() != harfrust::Direction::LeftToRight
    {
        return shaper.shape(buffer, harfrust::ShapeOptions::new());
    }
    let plan = PLANS.with(|plans| {
        let mut plans = plans.borrow_mut();
        if let Some((_, _, p)) = plans.iter().find(|(b, s, _)| *b == bold && *s == script) {
            return Rc::clone(p);
        }
        let p = Rc::new(harfrust::ShapePlan::new(
            shaper,
            harfrust::Direction::LeftToRight,
            Some(script),
            None,
            &[],
        ));
        plans.push((bold, script, Rc::clone(&p)));
        p
    });
    shaper.shape(buffer, harfrust::ShapeOptions::new().plan(Some(&plan)))
}

/// Width of plain left-to-right text (Latin, Greek, Cyrillic and common punctuation, all in
/// Noto Sans, upright), computed as usvg computes it — the same shaper (harfrust, kerning
/// on), font size / units per em, letter spacing after every cluster but the last, the right
/// edge of the text's metric box in `f32` — without building an SVG tree. `None` for
/// anything else (right-to-left or Arabic characters, bidi controls, whitespace usvg
/// would collapse, a glyph the font lacks): that goes through usvg.
fn fast_width(text: &str, font: Font) -> Option<f64> {
    let clusters = fast_clusters(text, font)?;
    let mut x = 0.0_f32;
    let mut right = 0.0_f32;
    for (_, adv) in clusters {
        let rect_w = if adv <= 0.0 { 1.0 } else { adv };
        right = right.max(x + rect_w);
        x += adv;
    }
    if right <= 0.0 {
        return None;
    }
    Some(f64::from(right) + font.letter_spacing.max(0.0))
}

/// The clusters of plain left-to-right `text` as [`fast_width`] lays them out: `(byte offset
/// of the cluster in text, advance px)`, letter spacing added after every cluster but the
/// last. `None` where `fast_width` would give `None`.
fn fast_clusters(text: &str, font: Font) -> Option<Vec<(usize, f32)>> {
    // Italic needs no case of its own: the bundled fonts have no italic faces, so usvg sets
    // italic text in the upright face, with the same advances (checked in the tests).
    if text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace)
        || text.contains("  ")
    {
        return None;
    }
    let plain = |c: char| {
        let u = u32::from(c);
        (0x20..0x7F).contains(&u)
            || (0xA0..0x0590).contains(&u) && u != 0xAD
            || (0x2010..=0x2027).contains(&u)
            || (0x2030..=0x205E).contains(&u)
            || (0x20A0..=0x20C0).contains(&u)
            || (0x2100..=0x22FF).contains(&u)
    };
    if !text.chars().all(plain) {
        return None;
    }
    let f = shaping(font.bold)?;
    let shaper = f.data.shaper(&f.font).build();
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(harfrust::Direction::LeftToRight);
    buffer.guess_segment_properties();
    let out = shape_planned(&shaper, font.bold, buffer);
    let size = font.size as f32;
    let sx = size / f.units_per_em;
    let spacing = font.letter_spacing as f32;
    // Clusters: runs of glyphs with the same cluster index.
    let mut cur: Option<(u32, f32)> = None;
    let mut clusters: Vec<(usize, f32)> = Vec::new();
    for (info, pos) in out.glyph_infos().iter().zip(out.glyph_positions()) {
        if info.glyph_id == 0 {
            return None;
        }
        let w = pos.x_advance as f32 * sx;
        match &mut cur {
            Some((c, adv)) if *c == info.cluster => *adv += w,
            _ => {
                if let Some((c, adv)) = cur {
                    clusters.push((c as usize, adv));
                }
                cur = Some((info.cluster, w));
            }
        }
    }
    if let Some((c, adv)) = cur {
        clusters.push((c as usize, adv));
    }
    let n = clusters.len();
    if n == 0 {
        return None;
    }
    let spaced = spacing.abs() > f32::EPSILON * 4.0;
    for (i, (_, adv)) in clusters.iter_mut().enumerate() {
        if spaced && i + 1 != n {
            *adv += spacing;
        }
        if !(adv.is_finite() && *adv >= 0.0) {
            *adv = 0.0;
        }
    }
    Some(clusters)
}

impl Measurer {
    /// Estimated widths, px, of runs of `words` joined by single spaces, from one shaping of
    /// the whole `words.join(" ")`: `ends[j] - starts[i]` is the width of words `i..=j`, as
    /// [`Measurer::width`] would give it up to kerning across a space (none in the bundled
    /// fonts) and `f32` rounding. Returns `(starts, ends)`, one entry per word; `None` for text
    /// the plain left-to-right shaper does not take (then measure candidates one by one).
    pub fn word_spans(&self, words: &[&str], font: Font) -> Option<(Vec<f64>, Vec<f64>)> {
        let text = words.join(" ");
        let clusters = fast_clusters(&text, font)?;
        let mut starts = Vec::with_capacity(words.len());
        let mut ends = Vec::with_capacity(words.len());
        let mut ci = clusters.iter().peekable();
        let mut x = 0.0_f64;
        let mut byte = 0;
        for w in words {
            let (b0, b1) = (byte, byte + w.len());
            // Skip the space before this word.
            while let Some(&&(c, adv)) = ci.peek() {
                if c >= b0 {
                    break;
                }
                x += f64::from(adv);
                ci.next();
            }
            starts.push(x);
            let mut right = x;
            while let Some(&&(c, adv)) = ci.peek() {
                if c >= b1 {
                    break;
                }
                let rect_w = if adv <= 0.0 { 1.0 } else { adv };
                right = right.max(x + f64::from(rect_w));
                x += f64::from(adv);
                ci.next();
            }
            ends.push(right);
            byte = b1 + 1;
        }
        Some((starts, ends))
    }
}

#[cfg(test)]
mod tests {
    use super::{Font, Measurer, fast_width, is_rtl, script_runs};

    #[test]
    fn fast_width_matches_usvg() {
        let m = Measurer::default();
        let texts = [
            "IRAQ",
            "SYRIAN ARAB REPUBLIC",
            "AVA Tuff, Wolf — 12.5 km · 14.7 %",
            "Euphrates",
            "36°N",
            "Sources: OpenStreetMap (ODbL), Natural Earth; “quoted” 1–2",
            "Ünïcödé Ελλάδα Россия",
        ];
        let fonts = [
            Font::regular(12.0),
            Font::bold(18.0),
            Font {
                letter_spacing: 6.0,
                ..Font::regular(22.0)
            },
            Font {
                letter_spacing: 2.5,
                ..Font::regular(11.0)
            },
        ];
        for t in texts {
            for f in fonts {
                let fast = fast_width(t, f);
                assert!(fast.is_some(), "{t}");
                let fast = fast.unwrap_or_default();
                let slow = m.usvg_width(t, f);
                assert!((fast - slow).abs() < 0.01, "{t} {f:?}: {fast} vs {slow}");
            }
        }
        assert!(fast_width("سوريا", Font::regular(12.0)).is_none());
        assert!(fast_width(" a", Font::regular(12.0)).is_none());
        // Italic: the same width usvg gives (no italic face is bundled; the upright one sets it).
        for t in texts {
            let italic = Font {
                italic: true,
                ..Font::regular(12.0)
            };
            let fast = fast_width(t, italic).unwrap_or_default();
            let slow = m.usvg_width(t, italic);
            assert!((fast - slow).abs() < 0.01, "{t} italic: {fast} vs {slow}");
        }
    }

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
