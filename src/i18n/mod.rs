//! The map's language: every word on a map from a locale. UI strings come from Fluent locale
//! files (`assets/locales/{en,ar,ku,tr}.ftl`, or a user's `--locale-file`), numbers and dates
//! from CLDR through ICU4X ([`cldr`]), country names from i18n-iso-countries by ISO code
//! ([`crate::load::world::code_row`]). English (`en.ftl`) is the reference: a key a locale
//! lacks falls back to it, with one warning naming the key. No I/O: the CLI reads a locale
//! file and passes its text.
//!
//! Bidi: Fluent's isolation marks (FSI … PDI around each placeable, `use_isolating`) are off.
//! The layout's bidi pass isolates each right-to-left text as a whole (RLI … PDI), anchors it
//! by its middle and splits it into script runs with their fonts; marks inside those runs
//! were drawn as missing glyphs by resvg (seen on Arabic graticule labels, "35° شمالاً"),
//! and the Unicode bidi algorithm already orders a number or a Latin name inside Arabic text.

pub mod cldr;

use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use crate::error::{Detail, Error, Result};
pub use cldr::Digits;

/// The shipped locales: language code and the text of its Fluent file.
const SHIPPED: &[(&str, &str)] = &[
    ("en", include_str!("../../assets/locales/en.ftl")),
    ("ar", include_str!("../../assets/locales/ar.ftl")),
    ("ku", include_str!("../../assets/locales/ku.ftl")),
    ("tr", include_str!("../../assets/locales/tr.ftl")),
];

/// The languages bordermap ships UI strings for.
pub fn shipped() -> Vec<&'static str> {
    SHIPPED.iter().map(|(l, _)| *l).collect()
}

/// A locale file given by the user (`--locale-file`): where it was read from (for messages)
/// and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleFile {
    /// Path as given.
    pub path: PathBuf,
    /// Its text (Fluent syntax).
    pub text: String,
}

/// A language's strings and formatters, built once per map (`Send + Sync`: the layout uses it
/// from several threads).
pub struct Locale {
    lang: String,
    bundle: FluentBundle<FluentResource>,
    /// The fallback for keys the language lacks; `None` when the locale is English itself.
    english: Option<FluentBundle<FluentResource>>,
    cldr: cldr::Cldr,
    warnings: Vec<String>,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale").field("lang", &self.lang).finish()
    }
}

/// Parses Fluent text; a syntax error is an error at its line and column.
fn resource(text: &str, file: &Path) -> Result<FluentResource> {
    crate::load::nesting::check_ftl_nesting(text, file)?;
    crate::load::nesting::check_ftl_escapes(text, file)?;
    FluentResource::try_new(text.to_string()).map_err(|(_, errors)| {
        let Some(first) = errors.first() else {
            return Error::input("invalid locale file").in_file(file);
        };
        let start = first.pos.start.min(text.len());
        let (line, column) = crate::load::layers::line_col(text, start);
        Error::input(format!("invalid locale file: {}", first.kind))
            .in_file(file)
            .at_line(line, column)
            .hint("each line is `key = text` (Fluent syntax); see assets/locales/en.ftl")
    })
}

/// The message ids a resource defines.
fn keys(res: &FluentResource) -> Vec<String> {
    res.entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

fn bundle(lang: &str, res: FluentResource, file: &Path) -> Result<FluentBundle<FluentResource>> {
    let id: unic_langid::LanguageIdentifier = lang.parse().map_err(|_| {
        Error::input(format!("bad language code '{lang}'"))
            .hint("give a language code such as en, ar, ku, tr, fa or ckb")
    })?;
    let mut b = FluentBundle::new_concurrent(vec![id]);
    b.add_resource(res).map_err(|errors| {
        Error::input(format!(
            "locale file defines a key twice: {}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ))
        .in_file(file)
        .hint("give each key once")
    })?;
    Ok(b)
}

impl Locale {
    /// The locale for `lang`: a shipped one, or `file` (which wins over a shipped one of the
    /// same language). A language with neither is an error listing those available. A key
    /// `file` lacks falls back to English, with a warning ([`Locale::warnings`]).
    pub fn new(lang: &str, file: Option<&LocaleFile>, digits: Digits) -> Result<Locale> {
        let en_path = Path::new("<builtin>/locales/en.ftl");
        let en_res = resource(SHIPPED.first().map_or("", |(_, t)| t), en_path)?;
        if lang == "en" && file.is_none() {
            // English is its own fallback: one bundle.
            let mut bundle = bundle("en", en_res, en_path)?;
            bundle.set_use_isolating(false);
            return Ok(Locale {
                lang: lang.to_string(),
                bundle,
                english: None,
                cldr: cldr::Cldr::new(lang, digits)?,
                warnings: Vec::new(),
            });
        }
        let en_keys = keys(&en_res);
        let mut english = bundle("en", en_res, en_path)?;
        english.set_use_isolating(false);
        let (res, path) = match (file, SHIPPED.iter().find(|(l, _)| *l == lang)) {
            (Some(f), _) => (resource(&f.text, &f.path)?, f.path.clone()),
            (None, Some((l, text))) => {
                let p = PathBuf::from(format!("<builtin>/locales/{l}.ftl"));
                (resource(text, &p)?, p)
            }
            (None, None) => {
                return Err(Error::input(format!("no locale for language '{lang}'"))
                    .hint(format!(
                        "shipped: {}; for another language give a locale file (a translation of assets/locales/en.ftl)",
                        shipped().join(", ")
                    ))
                    .detail(Detail::UnknownLanguage {
                        shipped: shipped().iter().map(|s| s.to_string()).collect(),
                    }));
            }
        };
        let have = keys(&res);
        let warnings = en_keys
            .iter()
            .filter(|k| !have.contains(k))
            .map(|k| {
                format!(
                    "{}: no '{k}'; English used (add `{k} = …` to translate it)",
                    crate::load::shown_name(&path)
                )
            })
            .collect();
        let mut bundle = bundle(lang, res, &path)?;
        bundle.set_use_isolating(false);
        let cldr = cldr::Cldr::new(lang, digits)?;
        Ok(Locale {
            lang: lang.to_string(),
            bundle,
            english: Some(english),
            cldr,
            warnings,
        })
    }

    /// English, the reference locale.
    pub fn english() -> Result<Locale> {
        Locale::new("en", None, Digits::Latn)
    }

    /// The language code, e.g. `ar`.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Whether pages in this language read right to left (ar, ckb, fa, ...: from CLDR).
    pub fn rtl(&self) -> bool {
        self.cldr.rtl()
    }

    /// Keys the locale lacks (English used), one line each.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The string of `key` with its placeables filled (`args`: name and text, already
    /// formatted). A key neither the locale nor English has is returned as the key itself.
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, (*v).to_string());
        }
        for b in std::iter::once(&self.bundle).chain(&self.english) {
            if let Some(p) = b.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return b.format_pattern(p, Some(&fa), &mut errors).into_owned();
            }
        }
        key.to_string()
    }

    /// A number with `decimals` decimals, the locale's separators and digits.
    pub fn number(&self, v: f64, decimals: u8) -> String {
        self.cldr.decimal(v, decimals)
    }

    /// A length given in metres, in km with one decimal and the unit ("599.3 km").
    pub fn km(&self, metres: f64) -> String {
        self.text("length-km", &[("n", &self.number(metres / 1000.0, 1))])
    }

    /// A share (0–1) as a percentage with one decimal ("60.4 %").
    pub fn share(&self, share: f64) -> String {
        self.text("share-percent", &[("n", &self.number(share * 100.0, 1))])
    }

    /// A date as the locale writes it (to its precision: day, month or year).
    pub fn date(&self, d: &crate::date::Date) -> String {
        self.cldr.date(d)
    }

    /// Upper case by the locale's rules; text in a script without case (Arabic) unchanged.
    pub fn upper(&self, s: &str) -> String {
        self.cldr.uppercase(s)
    }

    /// A number with up to two decimals and no trailing zeros ("12.5", "100").
    pub fn number_trimmed(&self, v: f64) -> String {
        self.number(v, decimals_of(v))
    }

    /// A latitude (`north`: true) or longitude with up to two decimals and its hemisphere,
    /// e.g. "35.2° N".
    pub fn degrees(&self, v: f64, north: bool) -> String {
        let abs = v.abs();
        let decimals = decimals_of(abs);
        let key = match (north, v < 0.0) {
            (true, false) => "deg-north",
            (true, true) => "deg-south",
            (false, false) => "deg-east",
            (false, true) => "deg-west",
        };
        self.text(key, &[("deg", &self.number(abs, decimals))])
    }
}

/// The decimals `v` needs, up to two (1.25 → 2, 35.2 → 1, 36 → 0).
fn decimals_of(v: f64) -> u8 {
    let hundredths = (v.abs() * 100.0).round();
    if hundredths % 10.0 != 0.0 {
        2
    } else if hundredths % 100.0 != 0.0 {
        1
    } else {
        0
    }
}

/// Where a locale comes from in messages: the file's name, or the shipped file.
pub fn locale_path(lang: &str, file: Option<&LocaleFile>) -> PathBuf {
    file.map_or_else(
        || PathBuf::from(format!("<builtin>/locales/{lang}.ftl")),
        |f| f.path.clone(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_locale_has_every_english_key() {
        for lang in shipped() {
            let l = Locale::new(lang, None, Digits::Latn).unwrap();
            assert!(l.warnings().is_empty(), "{lang}: {:?}", l.warnings());
        }
    }

    #[test]
    fn a_missing_key_falls_back_with_a_warning() {
        let f = LocaleFile {
            path: PathBuf::from("/some/dir/fa.ftl"),
            text: "legend-total = جمع\n".into(),
        };
        let l = Locale::new("fa", Some(&f), Digits::Latn).unwrap();
        assert_eq!(l.text("legend-total", &[]), "جمع");
        assert_eq!(l.text("legend-lengths", &[]), "Lengths: geodesic, WGS84");
        assert!(
            l.warnings()
                .iter()
                .any(|w| w.starts_with("fa.ftl: no 'legend-lengths'")),
            "{:?}",
            l.warnings()
        );
    }

    #[test]
    fn a_malformed_file_is_an_error_at_its_line() {
        let f = LocaleFile {
            path: PathBuf::from("x.ftl"),
            text: "legend-total = Total\n\n= no key\n".into(),
        };
        let e = Locale::new("xx", Some(&f), Digits::Latn).unwrap_err();
        assert_eq!(e.location.line, Some(3), "{e}");
    }

    #[test]
    fn an_unknown_language_lists_those_shipped() {
        let e = Locale::new("fr", None, Digits::Latn).unwrap_err();
        assert!(e.to_string().contains("en, ar, ku, tr"), "{e}");
    }
}
