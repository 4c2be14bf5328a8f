//! The map's view (`--bbox`, `--center` with `--zoom-km`) and its locator inset (`--inset`):
//! every flag optional (a story file merges over the flags not given), defaults said in the help.

use bordermap::map::InsetMode;
use bordermap::story::Story;
use clap::ValueEnum;

/// What the map's frame shows, and whether it has the locator inset.
#[derive(clap::Args, Debug, Default)]
#[command(next_help_heading = "The view")]
pub(crate) struct ViewArgs {
    /// Show this box of degrees, W,S,E,N (WGS84; west < east, south < north, no box across the
    /// antimeridian), as large as the map frame holds it, instead of the frame fitted to the
    /// border (the default). The border may leave the frame: it is cut at the frame's edge
    /// and only stretches in view are labelled.
    #[arg(
        long,
        value_name = "W,S,E,N",
        allow_hyphen_values = true,
        value_parser = bbox,
        conflicts_with = "center"
    )]
    pub(crate) bbox: Option<[f64; 4]>,
    /// Centre the map frame on this point, LON,LAT (degrees); needs --zoom-km (here or in the
    /// story file; the two are checked together, after the story file is read).
    #[arg(
        long,
        value_name = "LON,LAT",
        allow_hyphen_values = true,
        value_parser = center
    )]
    pub(crate) center: Option<[f64; 2]>,
    /// With --center: the ground width of the map frame through the centre, km (from the
    /// frame's left edge to its right edge, due west and due east of the point, geodesic; the
    /// frame is the map area left after the legend and scale bar; its height follows the
    /// frame's shape).
    #[arg(long, value_name = "KM", allow_hyphen_values = true)]
    pub(crate) zoom_km: Option<f64>,
    /// The locator inset: auto (the default: where a corner holds it, given up for labels
    /// that find no room), on (always; an error when no corner holds it), off (never).
    #[arg(long, value_enum, value_name = "WHEN")]
    pub(crate) inset: Option<InsetArg>,
}

/// `--inset`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum InsetArg {
    /// Where a corner holds it.
    Auto,
    /// Always.
    On,
    /// Never.
    Off,
}

/// `text` as `N` comma-separated numbers (degrees), for clap; the error names the flag.
fn numbers<const N: usize>(flag: &str, text: &str, example: &str) -> Result<[f64; N], String> {
    let v: Vec<f64> = text
        .split(',')
        .map(|s| s.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .unwrap_or_default();
    <[f64; N]>::try_from(v).map_err(|_| {
        format!("{flag} '{text}' is not {N} numbers separated by commas (e.g. {flag} {example}, degrees)")
    })
}

/// `--bbox W,S,E,N`.
fn bbox(text: &str) -> Result<[f64; 4], String> {
    numbers("--bbox", text, "40.5,33.8,42.5,35.2")
}

/// `--center LON,LAT`.
fn center(text: &str) -> Result<[f64; 2], String> {
    numbers("--center", text, "41.0,34.4")
}

impl ViewArgs {
    /// `base` with the view and inset the flags give (only those given, so that a story
    /// file's stay where no flag is given; the library checks the values).
    pub(crate) fn story(&self, base: Story) -> Story {
        Story {
            bbox: self.bbox,
            center: self.center,
            zoom_km: self.zoom_km,
            inset: self.inset.map(|i| match i {
                InsetArg::Auto => InsetMode::Auto,
                InsetArg::On => InsetMode::On,
                InsetArg::Off => InsetMode::Off,
            }),
            ..base
        }
    }
}
