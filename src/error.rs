//! The one error type of the library: what went wrong, where (file, feature, line/column, km) and a hint.

use std::fmt;
use std::path::PathBuf;

/// Where in an input an error was found. Every field is optional: we say what we know.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Location {
    /// The file, or a name such as `<default dataset>` or `<stdin>`.
    pub file: Option<PathBuf>,
    /// 0-based index of the feature in a FeatureCollection.
    pub feature: Option<usize>,
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// 1-based column in the file.
    pub column: Option<usize>,
    /// Distance along the border, in kilometres from its start.
    pub km: Option<f64>,
}

/// The kind of failure, so callers (and the CLI's exit code) can tell bad input from I/O trouble.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input (a file, an option value, an expression) is wrong. The CLI exits 2.
    Input,
    /// Reading or writing failed (missing file, permission, full disk). The CLI exits 2.
    Io,
    /// A limit documented in `bordermap::limits` was exceeded. The CLI exits 2.
    Limit,
}

/// An error with its location, a one-line message and a hint on what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// What kind of failure this is.
    pub kind: ErrorKind,
    /// Where it happened.
    pub location: Location,
    /// What is wrong, lowercase, quoting the offending input.
    pub message: String,
    /// What to do about it, in words a library caller understands (no command-line flag
    /// names); may be empty.
    pub hint: String,
    /// What went wrong as data, for callers that word their own hint (the `bordermap`
    /// command words these with its flag names); `None` when the message says it all.
    pub detail: Option<Detail>,
}

/// What went wrong, as data: the setting to change and the figures involved. The library's
/// own [`Error::hint`] words it without naming any command-line flag; a front end (the
/// `bordermap` command, a Python binding) may word it in its own terms.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Detail {
    /// The page is outside the sizes maps are laid out for: each side from `min` to `max` px.
    PageOutOfRange {
        /// Page width, px.
        width: f64,
        /// Page height, px.
        height: f64,
        /// The smallest width allowed, px.
        min_width: f64,
        /// The smallest height allowed, px.
        min_height: f64,
        /// The largest side allowed, px.
        max: f64,
    },
    /// The page is too small for the map with its title, legend and footer.
    PageTooSmall {
        /// Page width, px.
        width: f64,
        /// Page height, px.
        height: f64,
        /// What to make larger.
        grow: Grow,
        /// The height that holds the map at this width, px, when known.
        min_height: Option<f64>,
    },
    /// A setting's value is out of its range (inclusive).
    OutOfRange {
        /// Which setting.
        setting: Setting,
        /// The smallest value allowed.
        min: f64,
        /// The largest value allowed.
        max: f64,
    },
    /// A setting is needed and was not given (e.g. a layers file for a timeline).
    Missing {
        /// Which setting.
        setting: Setting,
    },
    /// Two settings that exclude each other were both given.
    Conflict {
        /// The first setting.
        a: Setting,
        /// The second setting.
        b: Setting,
    },
    /// The earlier date is not before the later one (`diff`).
    DatesOutOfOrder,
    /// The earlier date is before the first dated claim; `earliest` is that claim's date.
    DateTooEarly {
        /// The earliest date that works, as written in the data (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
        earliest: String,
    },
    /// The output's format cannot be told from its name.
    UnknownFormat,
    /// A setting's value does not work for this data (e.g. a CRS that does not cover the
    /// border, a shared-edge tolerance too small to find shared edges).
    Unsuitable {
        /// Which setting.
        setting: Setting,
    },
    /// The PNG would have more than 400 million pixels (page size × scale), or its pixels
    /// would take more than the memory budget.
    PngTooLarge,
    /// A PDF page side is outside 1 to `max_pt` pt.
    PdfPageOutOfRange {
        /// The largest side allowed, pt (1 pt = 4/3 px).
        max_pt: f64,
    },
    /// An annotation (marker, callout, highlight title) found no free place on the map for
    /// its label of `width` × `height` px.
    AnnotationUnplaced {
        /// Its label.
        label: String,
        /// The label's width, px.
        width: f64,
        /// The label's height, px.
        height: f64,
    },
    /// No locale ships for the language and no locale file was given.
    UnknownLanguage {
        /// The languages that ship, e.g. `["en", "ar", "ku", "tr"]`.
        shipped: Vec<String>,
    },
}

/// Which side of the page to make larger ([`Detail::PageTooSmall`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grow {
    /// The page is too narrow.
    Width,
    /// The page is too short.
    Height,
    /// Both, or a larger preset size.
    Both,
}

/// A setting a caller gives, as named by a [`Detail`] (the library's names, not flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Setting {
    /// The page width, px.
    Width,
    /// The page height, px.
    Height,
    /// The output scale (1 = 96 dpi).
    Scale,
    /// The map's coordinate reference system.
    Crs,
    /// The layers file.
    Layers,
    /// The places file.
    Places,
    /// The border file.
    Border,
    /// The two countries whose shared border is drawn.
    Between,
    /// The shared-edge tolerance when extracting a border from polygons.
    Tolerance,
    /// The simplification tolerance for drawing, page px.
    Simplify,
    /// The output format.
    Format,
    /// A user's locale file.
    LocaleFile,
    /// The earlier date of a comparison.
    From,
    /// The later date of a comparison.
    To,
    /// The output resolution in dots per inch (96 = scale 1).
    Dpi,
    /// The file a map is written to.
    Output,
    /// A fixed view's box of degrees (west, south, east, north).
    Bbox,
    /// A fixed view's centre point (longitude, latitude).
    Center,
    /// A fixed view's width, metres.
    Zoom,
    /// The locator inset.
    Inset,
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A bad-input error with a message; add a location and a hint with the builder methods.
    pub fn input(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Input,
            location: Location::default(),
            message: message.into(),
            hint: String::new(),
            detail: None,
        }
    }

    /// An I/O error about `path`.
    pub fn io(path: impl Into<PathBuf>, err: &std::io::Error, hint: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Io,
            location: Location {
                file: Some(path.into()),
                ..Location::default()
            },
            message: io_message(err),
            hint: hint.into(),
            detail: None,
        }
    }

    /// A limit error.
    pub fn limit(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Limit,
            location: Location::default(),
            message: message.into(),
            hint: hint.into(),
            detail: None,
        }
    }

    /// Sets the hint.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }

    /// Sets what went wrong as data ([`Detail`]).
    #[must_use]
    pub fn detail(mut self, detail: Detail) -> Self {
        self.detail = Some(detail);
        self
    }

    /// Sets the file unless one is already set.
    #[must_use]
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        if self.location.file.is_none() {
            self.location.file = Some(file.into());
        }
        self
    }

    /// Sets the feature index.
    #[must_use]
    pub fn at_feature(mut self, index: usize) -> Self {
        self.location.feature = Some(index);
        self
    }

    /// Sets line and column (1-based).
    #[must_use]
    pub fn at_line(mut self, line: usize, column: usize) -> Self {
        if line > 0 {
            self.location.line = Some(line);
            self.location.column = Some(column.max(1));
        }
        self
    }

    /// Sets the position along the border, in metres from its start (shown in km).
    #[must_use]
    pub fn at_m(mut self, metres: f64) -> Self {
        self.location.km = Some(metres / 1000.0);
        self
    }
}

fn io_message(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match err.kind() {
        K::NotFound => "no such file or directory".to_string(),
        K::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = err.to_string();
            // std's messages carry "(os error N)"; keep the words only.
            match s.find(" (os error") {
                Some(i) => s.get(..i).unwrap_or(&s).to_lowercase(),
                None => s.to_lowercase(),
            }
        }
    }
}

impl fmt::Display for Error {
    /// One line: `file:line:column: feature N: at km K: message; hint: ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = &self.location;
        if let Some(file) = &l.file {
            write!(f, "{}", one_line(&file.display().to_string()))?;
            if let Some(line) = l.line {
                write!(f, ":{line}")?;
                if let Some(col) = l.column {
                    write!(f, ":{col}")?;
                }
            }
            write!(f, ": ")?;
        } else if let Some(line) = l.line {
            write!(f, "line {line}, column {}: ", l.column.unwrap_or(0))?;
        }
        if let Some(i) = l.feature {
            write!(f, "feature {i}: ")?;
        }
        if let Some(km) = l.km {
            write!(f, "at km {km:.3}: ")?;
        }
        write!(f, "{}", one_line(&self.message))?;
        if !self.hint.is_empty() {
            write!(f, "; hint: {}", one_line(&self.hint))?;
        }
        Ok(())
    }
}

/// `s` with control characters (newlines, tabs, escapes) and direction overrides written as
/// `\n`, `\u{1b}`, `\u{202e}`, ...: a
/// message quotes input, and the input must not break the one-line format.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    // Overrides and embeddings are written out (they would turn the rest of the line);
    // isolates, which the layout puts around numbers in right-to-left text, stay.
    let escaped = |c: char| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c);
    if !s.chars().any(escaped) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if escaped(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl std::error::Error for Error {}
