//! The editor's words on a map (`--title`, `--subtitle`, `--note`, `--credit`, `--no-title`)
//! and how much of the sources its footer shows (`--footer`).

use bordermap::map::FooterMode;
use bordermap::story::Story;
use clap::ValueEnum;

/// What the editor says on the map.
#[derive(clap::Args, Debug, Default)]
#[command(next_help_heading = "The editor's words")]
pub(crate) struct WordsArgs {
    /// The headline (default: the data's title, e.g. "Who holds the Iraq–Syria border").
    /// Wrapped to the page, never shortened; an empty text leaves the headline out.
    #[arg(long, value_name = "TEXT")]
    pub(crate) title: Option<String>,
    /// The line under the headline (default: the border, its length and the map's date).
    #[arg(long, value_name = "TEXT")]
    pub(crate) subtitle: Option<String>,
    /// A note for readers, first in the footer (repeat for several paragraphs).
    #[arg(long = "note", value_name = "TEXT")]
    pub(crate) notes: Vec<String>,
    /// A credit or byline, e.g. "Graphic: J. Doe / Rudaw", first in the footer's credits.
    #[arg(long, value_name = "TEXT")]
    pub(crate) credit: Option<String>,
    /// No title block (for a page that sets its own headline): the map starts at the top.
    /// The SVG's <title> keeps the title for screen readers.
    #[arg(long, conflicts_with_all = ["title", "subtitle"])]
    pub(crate) no_title: bool,
    /// How much of the sources the footer shows: auto (by page size: at most 15 % of the
    /// page's height, four lines from 520 px a side), full (every quote and the claims with
    /// no stretch given), short (each source by outlet and date), none (no sources: the page
    /// around the map credits them). The tool's warnings are never on the map: they go to
    /// stderr and the SVG's <desc>. Default: auto.
    #[arg(long, value_enum)]
    pub(crate) footer: Option<FooterArg>,
}

/// `--footer`.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum FooterArg {
    /// By page size.
    #[default]
    Auto,
    /// Every source with its quotes.
    Full,
    /// Each source by its outlet and date.
    Short,
    /// No sources.
    None,
}

impl WordsArgs {
    /// The story's words from the flags (only what was given).
    pub(crate) fn story(&self) -> Story {
        Story {
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            note: (!self.notes.is_empty()).then(|| self.notes.clone()),
            credit: self.credit.clone(),
            no_title: self.no_title.then_some(true),
            footer: self.footer.map(|f| match f {
                FooterArg::Auto => FooterMode::Auto,
                FooterArg::Full => FooterMode::Full,
                FooterArg::Short => FooterMode::Short,
                FooterArg::None => FooterMode::None,
            }),
            ..Story::default()
        }
    }
}
