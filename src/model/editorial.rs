//! The editor's inputs to a map: title, subtitle, notes, credit and the footer's form.

/// What the editor says on a map, over what the data gives. Every text is the editor's: it
/// is wrapped to the page, never shortened, and drawn in the map's direction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editorial {
    /// The headline. `None`: the data's title (the layers file's `title`, in the map's
    /// language); an empty text: no headline line (the subtitle stays).
    pub title: Option<String>,
    /// The line under the headline. `None`: the border, its length and the map's date; an
    /// empty text: no subtitle line.
    pub subtitle: Option<String>,
    /// Notes for readers, one paragraph each, first in the footer (shown in every footer
    /// form, `None` included).
    pub notes: Vec<String>,
    /// A credit or byline (e.g. "Graphic: J. Doe / Rudaw"), first in the footer's credits.
    pub credit: Option<String>,
    /// No title block at all (for a page that sets its own headline): the map starts at the
    /// top margin. The SVG's `<title>` keeps the title, for screen readers.
    pub no_title: bool,
    /// How much of the sources the footer shows.
    pub footer: FooterMode,
}

/// How much of the sources the footer shows. The tool's own diagnostics (data older than the
/// map's date, stretches without a value, labels left out) are never on the map in any mode:
/// they are in the SVG's `<desc>`, the layout's warnings and the JSON.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum FooterMode {
    /// By page size: the fullest form that takes at most 15 % of the page's height (and at
    /// most four lines on pages from 520 px a side): full, else each source by outlet and
    /// date, else each outlet once.
    #[default]
    Auto,
    /// Every source with its quotes and the claims with no stretch given.
    Full,
    /// Each source by its outlet and date (its `cite`).
    Short,
    /// No sources and no data credits (the page around the map gives them; the SVG's
    /// `<desc>` keeps them); the editor's notes and credit stay.
    None,
}

/// The most of the page's height an automatic footer takes, as a share.
pub const FOOTER_MAX_SHARE: f64 = 0.15;
/// The most lines an automatic footer takes on pages that are not compact.
pub const FOOTER_MAX_LINES: usize = 4;
