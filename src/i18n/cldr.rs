//! Numbers, dates and upper case as a locale writes them, from CLDR data through ICU4X
//! (compiled data: no tables here). One [`Cldr`] per map, built from a BCP 47 language tag.
//!
//! Dates are always in the Gregorian calendar (the dataset's dates are Gregorian), written in
//! the locale's words and order: `fa` gives "12 مه 2024", not the Solar Hijri date.

use icu_calendar::{Date as IcuDate, Gregorian};
use icu_casemap::CaseMapper;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{Y, YM, YMD};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::{Decimal, FloatPrecision};
use icu_locale::LocaleDirectionality;
use icu_locale_core::extensions::unicode::{Value, key, value};
use icu_locale_core::{LanguageIdentifier, Locale};

use crate::date::{Date, Precision};
use crate::error::{Error, Result};

/// Which digits numbers and dates are written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Digits {
    /// Western digits, 0-9 (CLDR numbering system `latn`).
    #[default]
    Latn,
    /// Eastern Arabic digits, ٠-٩ (CLDR numbering system `arab`).
    Arab,
}

impl Digits {
    /// The `-u-nu-` value for the numbering system.
    fn nu(self) -> Value {
        match self {
            Digits::Latn => value!("latn"),
            Digits::Arab => value!("arab"),
        }
    }
}

/// CLDR formatters for one locale (Send + Sync; built once per map).
pub struct Cldr {
    /// The language (and script, region) the tag names, for case mapping and direction.
    id: LanguageIdentifier,
    decimal: DecimalFormatter,
    day: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    month: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    year: FixedCalendarDateTimeFormatter<Gregorian, Y>,
    rtl: bool,
}

impl std::fmt::Debug for Cldr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cldr")
            .field("id", &self.id.to_string())
            .field("rtl", &self.rtl)
            .finish_non_exhaustive()
    }
}

/// The hint for a language tag CLDR has no data for.
const HINT: &str =
    "give a BCP 47 language tag CLDR has data for, such as en, ar, ku, tr, fa or ckb";

/// Whether pages in language `lang` (a BCP 47 tag) read right to left, from CLDR data (ICU4X
/// `LocaleDirectionality`); `false` for a tag that does not parse. Builds no formatter.
pub fn is_rtl(lang: &str) -> bool {
    Locale::try_from_str(lang.trim())
        .is_ok_and(|l| LocaleDirectionality::new_common().is_right_to_left(&l.id))
}

impl Cldr {
    /// `lang` a BCP 47 language tag ("en", "ar", "ku", "tr", "fa", "ckb"); numbering system
    /// forced by `digits` (`-u-nu-latn` / `-u-nu-arab`), so that e.g. fa and ckb, whose CLDR
    /// default is their own digits, write 0-9 with [`Digits::Latn`]. A tag that does not parse,
    /// or a language the compiled CLDR data has no dates for (ICU would fall back to the root
    /// locale), is an input error.
    pub fn new(lang: &str, digits: Digits) -> Result<Cldr> {
        let mut locale = Locale::try_from_str(lang.trim())
            .map_err(|e| Error::input(format!("'{lang}' is not a language tag: {e}")).hint(HINT))?;
        if locale.id.language.is_unknown() {
            return Err(Error::input(format!("no CLDR data for language '{lang}'")).hint(HINT));
        }
        locale
            .extensions
            .unicode
            .keywords
            .set(key!("nu"), digits.nu());
        let failed = |what: &str, e: &dyn std::fmt::Display| {
            Error::input(format!("no CLDR {what} for language '{lang}': {e}")).hint(HINT)
        };
        let decimal = DecimalFormatter::try_new((&locale).into(), Default::default())
            .map_err(|e| failed("number format", &e))?;
        let day = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long())
            .map_err(|e| failed("date format", &e))?;
        let month = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YM::long())
            .map_err(|e| failed("month format", &e))?;
        let year = FixedCalendarDateTimeFormatter::try_new((&locale).into(), Y::long())
            .map_err(|e| failed("year format", &e))?;
        if falls_back_to_root(&locale, &day) {
            return Err(Error::input(format!("no CLDR data for language '{lang}'")).hint(HINT));
        }
        let rtl = LocaleDirectionality::new_common().is_right_to_left(&locale.id);

        Ok(Cldr {
            id: locale.id,
            decimal,
            day,
            month,
            year,
            rtl,
        })
    }

    /// `v` with exactly `fraction_digits` decimals (rounded half to even) and the locale's
    /// grouping and decimal separators: en "2,644.8", tr "2.644,8", ar with [`Digits::Arab`]
    /// "٢٬٦٤٤٫٨". A value that is not finite is written as Rust writes it ("NaN", "inf").
    pub fn decimal(&self, v: f64, fraction_digits: u8) -> String {
        let position = -i16::from(fraction_digits);
        match Decimal::try_from_f64(v, FloatPrecision::Magnitude(position)) {
            Ok(mut d) => {
                d.absolute.pad_end(position);
                self.decimal.format(&d).to_string()
            }
            Err(_) => v.to_string(),
        }
    }

    /// A date as the locale writes it, by the precision the [`Date`] has: a day is the long
    /// date with year ("May 12, 2024" in en, "12 Mayıs 2024" in tr), a month is month and year
    /// ("May 2024"), a year the year ("2024").
    pub fn date(&self, d: &Date) -> String {
        let (y, m, day) = d.ymd();
        let (Ok(m), Ok(day)) = (u8::try_from(m), u8::try_from(day)) else {
            return d.to_string();
        };
        let Ok(g) = IcuDate::try_new_gregorian(i32::from(y), m, day) else {
            return d.to_string();
        };
        match d.precision() {
            Precision::Day => self.day.format(&g).to_string(),
            Precision::Month => self.month.format(&g).to_string(),
            Precision::Year => self.year.format(&g).to_string(),
        }
    }

    /// Upper-cased by the locale's rules (Turkish dotted İ: "Suriye" → "SURİYE" in tr); text in
    /// Arabic script (or any script without case) is returned unchanged.
    pub fn uppercase(&self, s: &str) -> String {
        CaseMapper::new()
            .uppercase_to_string(s, &self.id)
            .into_owned()
    }

    /// Whether the locale is written right to left (ar, fa, ckb, he, ur...), from CLDR's likely
    /// scripts (ICU4X `LocaleDirectionality`).
    pub fn rtl(&self) -> bool {
        self.rtl
    }
}

/// A day the check for data formats: root writes it "2024 M05 12", any locale with CLDR data
/// otherwise.
const PROBE: (i32, u8, u8) = (2024, 5, 12);

/// Whether `day` (the locale's long date formatter) writes [`PROBE`] as root does, i.e. the
/// compiled data has no dates for the locale and ICU fell back to the root locale. (Asking the
/// provider which locale it fell back to is not enough: the baked data leaves out whatever equals
/// root, so e.g. `ja` month names and `he` month names resolve to root.)
fn falls_back_to_root(
    locale: &Locale,
    day: &FixedCalendarDateTimeFormatter<Gregorian, YMD>,
) -> bool {
    let mut root = Locale::UNKNOWN;
    root.extensions = locale.extensions.clone();
    let (Ok(g), Ok(root_day)) = (
        IcuDate::try_new_gregorian(PROBE.0, PROBE.1, PROBE.2),
        FixedCalendarDateTimeFormatter::<Gregorian, YMD>::try_new((&root).into(), YMD::long()),
    ) else {
        return true;
    };
    day.format(&g).to_string() == root_day.format(&g).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cldr(lang: &str, digits: Digits) -> Cldr {
        match Cldr::new(lang, digits) {
            Ok(c) => c,
            Err(e) => panic!("{lang}: {e}"),
        }
    }

    fn date(s: &str) -> Date {
        match Date::parse(s) {
            Ok(d) => d,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    #[test]
    fn send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Cldr>();
    }

    #[test]
    fn decimals() {
        let cases = [
            ("en", Digits::Latn, "2,644.8"),
            ("en", Digits::Arab, "٢,٦٤٤.٨"),
            ("ar", Digits::Latn, "2,644.8"),
            ("ar", Digits::Arab, "٢٬٦٤٤٫٨"),
            ("ku", Digits::Latn, "2.644,8"),
            ("tr", Digits::Latn, "2.644,8"),
            ("fa", Digits::Latn, "2,644.8"),
            ("fa", Digits::Arab, "٢٬٦٤٤٫٨"),
            ("ckb", Digits::Latn, "2,644.8"),
            ("ckb", Digits::Arab, "٢٬٦٤٤٫٨"),
        ];
        for (lang, digits, want) in cases {
            assert_eq!(
                cldr(lang, digits).decimal(2644.8, 1),
                want,
                "{lang} {digits:?}"
            );
        }
    }

    #[test]
    fn decimal_fraction_digits_exact() {
        let en = cldr("en", Digits::Latn);
        assert_eq!(en.decimal(2644.0, 1), "2,644.0");
        assert_eq!(en.decimal(2644.86, 1), "2,644.9");
        assert_eq!(en.decimal(599_285.645, 0), "599,286");
        assert_eq!(en.decimal(0.5, 2), "0.50");
        assert_eq!(en.decimal(1234.5, 0), "1,234"); // half to even
        assert_eq!(en.decimal(f64::NAN, 1), "NaN");
        // A minus sign, with CLDR's bidi mark in Arabic.
        assert_eq!(en.decimal(-12.25, 1), "-12.2");
        assert_eq!(cldr("ar", Digits::Latn).decimal(-3.0, 0), "\u{200e}-3");
    }

    #[test]
    fn dates() {
        let day = date("2024-05-12");
        let month = date("2024-05");
        let year = date("2024");
        let cases = [
            ("en", Digits::Latn, "May 12, 2024", "May 2024", "2024"),
            ("ar", Digits::Latn, "12 مايو 2024", "مايو 2024", "2024"),
            ("ar", Digits::Arab, "١٢ مايو ٢٠٢٤", "مايو ٢٠٢٤", "٢٠٢٤"),
            // Kurmanji has its own CLDR data (Latin script), not root's.
            (
                "ku",
                Digits::Latn,
                "12 gulan, 2024",
                "gulana 2024an",
                "2024",
            ),
            ("tr", Digits::Latn, "12 Mayıs 2024", "Mayıs 2024", "2024"),
            // Gregorian, not the Solar Hijri calendar fa uses by default.
            ("fa", Digits::Latn, "12 مه 2024", "مه 2024", "2024"),
            ("fa", Digits::Arab, "١٢ مه ٢٠٢٤", "مه ٢٠٢٤", "٢٠٢٤"),
            ("ckb", Digits::Latn, "12ی ئایاری 2024", "2024 ئایار", "2024"),
            ("ckb", Digits::Arab, "١٢ی ئایاری ٢٠٢٤", "٢٠٢٤ ئایار", "٢٠٢٤"),
        ];
        for (lang, digits, d, m, y) in cases {
            let c = cldr(lang, digits);
            assert_eq!(c.date(&day), d, "{lang} {digits:?} day");
            assert_eq!(c.date(&month), m, "{lang} {digits:?} month");
            assert_eq!(c.date(&year), y, "{lang} {digits:?} year");
        }
    }

    #[test]
    fn uppercase() {
        let tr = cldr("tr", Digits::Latn);
        let en = cldr("en", Digits::Latn);
        assert_eq!(tr.uppercase("Suriye"), "SURİYE");
        assert_eq!(en.uppercase("Suriye"), "SURIYE");
        assert_eq!(tr.uppercase("iraq"), "İRAQ");
        assert_eq!(en.uppercase("iraq"), "IRAQ");
        assert_eq!(tr.uppercase("istanbul"), "İSTANBUL");
        // "i" + U+0307 COMBINING DOT ABOVE: en keeps the dot as a combining mark, tr too (after
        // its own dotted İ), as Unicode's SpecialCasing says.
        assert_eq!(en.uppercase("i\u{307}stanbul"), "I\u{307}STANBUL");
        assert_eq!(tr.uppercase("i\u{307}stanbul"), "İ\u{307}STANBUL");
        assert_eq!(cldr("ku", Digits::Latn).uppercase("Sûriye"), "SÛRIYE");
        for lang in ["ar", "fa", "ckb"] {
            assert_eq!(
                cldr(lang, Digits::Latn).uppercase("سوريا"),
                "سوريا",
                "{lang}"
            );
        }
    }

    #[test]
    fn rtl() {
        for lang in ["ar", "ar-IQ", "fa", "ckb", "he", "ur", "ps"] {
            assert!(cldr(lang, Digits::Latn).rtl(), "{lang}");
        }
        for lang in ["en", "tr", "ku", "ja", "de"] {
            assert!(!cldr(lang, Digits::Latn).rtl(), "{lang}");
        }
    }

    #[test]
    fn regional_tags_and_overrides() {
        // A region falls back to its language; a `-u-nu-` in the tag yields to `digits`.
        assert_eq!(
            cldr("en-GB", Digits::Latn).date(&date("2024-05-12")),
            "12 May 2024"
        );
        assert_eq!(
            cldr("ar-u-nu-arab", Digits::Latn).decimal(2644.8, 1),
            "2,644.8"
        );
    }

    #[test]
    fn unknown_languages_are_errors() {
        // ku-Arab: CLDR's Kurmanji is Latin only; Kurdish in Arabic script is ckb (Sorani).
        for lang in [
            "",
            "xx",
            "zz",
            "und",
            "not a tag",
            "qaa",
            "und-u-nu-arab",
            "ku-Arab",
        ] {
            let Err(e) = Cldr::new(lang, Digits::Latn) else {
                panic!("'{lang}' accepted");
            };
            assert!(!e.hint.is_empty(), "{lang}");
        }
    }
}
