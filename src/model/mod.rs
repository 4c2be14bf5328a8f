//! The map model: one plain-data [`MapModel`] built before layout from the [`Dataset`], the
//! measured overlay, the diff and the locale, so that layout sees resolved data (the border,
//! the segments with their values, every name and title in the map's language, the footer's
//! strings, the editor's inputs) and never the loaders, the `Dataset` or `diff`.
//!
//! The stages run `load` → `overlay`/`measure` → **model** → `layout` → `render`;
//! [`crate::map`] calls them in that order.

use std::collections::BTreeMap;

use crate::Dataset;
use crate::annotation::Annotation;
use crate::border::Border;
use crate::date::Date;
use crate::i18n::Locale;
use crate::load;
use crate::measure::Measured;

mod editorial;

pub use crate::load::context::{Context, ContextArea, ContextLine, ContextPlace};
pub use crate::load::layers::{Casing, Place};
pub use editorial::{Editorial, FOOTER_MAX_LINES, FOOTER_MAX_SHARE, FooterMode};

/// What a map shows, resolved before layout: plain data, no loader types' behaviour.
#[derive(Debug)]
pub struct MapModel<'a> {
    /// The border: parts of `[lon, lat]` vertices (degrees) and one chainage (metres).
    pub border: &'a Border,
    /// The measured segments and totals (metres) drawn (on a diff map: the later date's).
    pub measured: &'a Measured,
    /// Countries, rivers, lakes, capitals and towns around the border (`[lon, lat]`).
    pub context: &'a Context,
    /// The dataset's named places (`[lon, lat]`), for markers and annotations.
    pub places: &'a [Place],
    /// The map's title in its language (the editor's, else the data's; on a diff map with
    /// the two dates).
    pub title: String,
    /// The line under the title: the editor's, else the border, its length and date (on a
    /// diff map: how much changed between the dates).
    pub subtitle: String,
    /// The border's name in the map's language.
    pub border_name: String,
    /// Each layer of the layers file: its title, value names and casings in the map's
    /// language.
    pub layers: Vec<LayerNames>,
    /// Context countries' names in the map's language, by index into `context.countries`
    /// (`None`: the area's own name). Empty for English.
    pub country_names: Vec<Option<String>>,
    /// What changed between two dates, on a diff map.
    pub changes: Option<Changes<'a>>,
    /// What the footer and the SVG's description say of the data.
    pub footer: FooterFacts,
    /// The editor's title, subtitle, notes and credit, and the footer's form.
    pub editorial: &'a Editorial,
    /// Values of the first layer to highlight (empty: none muted).
    pub highlight: &'a [String],
    /// The editor's annotations.
    pub annotations: &'a [Annotation],
}

/// One layer's words in the map's language and how its values are drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerNames {
    /// The layer's id (`authority`, `wall`).
    pub id: String,
    /// Its title in the map's language.
    pub title: String,
    /// Value → its name in the map's language (only values that have one).
    pub values: BTreeMap<String, String>,
    /// Value → how it is drawn around the line (`casing = { ... }` in the layers file).
    pub casings: BTreeMap<String, Casing>,
    /// What stretches without a claim are (`default`), if the layer says.
    pub default: Option<String>,
}

impl LayerNames {
    /// `value` in the map's language (the value itself where there is no translation).
    pub fn value_in<'v>(&'v self, value: &'v str) -> &'v str {
        self.values.get(value).map_or(value, String::as_str)
    }
}

/// What changed between two dates (from [`crate::diff::Diff`]), for a diff map.
#[derive(Debug, Clone, Copy)]
pub struct Changes<'a> {
    /// The earlier date.
    pub from: Date,
    /// The later date.
    pub to: Date,
    /// Each stretch whose value changed (metres along the border, the line `[lon, lat]`).
    pub changes: &'a [crate::diff::Change],
    /// Per layer: metres changed, by (before, after) pair.
    pub totals: &'a [crate::diff::LayerChanges],
    /// Metres changed in any layer.
    pub changed_m: f64,
    /// The border's length at the later date, metres.
    pub total_m: f64,
}

/// What the footer says of the data, resolved from the layers file and the border file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FooterFacts {
    /// Source → its short form (the interval's or claim's `cite`, else the source up to its
    /// first `": "`), for every source of a drawn segment.
    pub cites: BTreeMap<String, String>,
    /// Whether an interval drawn has approximate change points.
    pub approximate: bool,
    /// The data's credits (the layers file's attribution; the border file by its name
    /// without one), before the basemap's.
    pub credits: Vec<String>,
    /// The loader's warnings on pre-tagged features without `as_of` or `source`.
    pub tag_warnings: Vec<String>,
    /// How many pre-tagged features lack `as_of` or `source`.
    pub untagged: usize,
    /// The border file by its name (never its path).
    pub border_file: String,
}

/// What the model is built from.
#[derive(Debug, Clone, Copy)]
pub struct ModelInput<'a> {
    /// The border, its layers and places.
    pub dataset: &'a Dataset,
    /// The measured segments (on a diff map: the later date's).
    pub measured: &'a Measured,
    /// What changed, for a diff map.
    pub diff: Option<&'a crate::diff::Diff>,
    /// Countries, rivers, capitals.
    pub context: &'a Context,
    /// The map's language.
    pub locale: &'a Locale,
    /// The editor's inputs.
    pub editorial: &'a Editorial,
    /// Values of the first layer to highlight.
    pub highlight: &'a [String],
    /// The editor's annotations.
    pub annotations: &'a [Annotation],
}

impl<'a> MapModel<'a> {
    /// Builds the model: every name, title and footer fact resolved in `inp.locale`.
    pub fn new(inp: &ModelInput<'a>) -> MapModel<'a> {
        let (ds, loc) = (inp.dataset, inp.locale);
        let lang = loc.lang();
        let border_name = ds.border_name_in(loc);
        let title = match &inp.editorial.title {
            Some(t) => t.clone(),
            None => ds.title_in(loc),
        };
        let title = match inp.diff {
            Some(d) => loc.text(
                "diff-title",
                &[
                    ("title", &title),
                    ("from", &loc.date(&d.from)),
                    ("to", &loc.date(&d.to)),
                ],
            ),
            None => title,
        };
        let subtitle = match (&inp.editorial.subtitle, inp.diff) {
            // No title block: no subtitle either.
            _ if inp.editorial.no_title => String::new(),
            (Some(t), _) => t.clone(),
            (None, Some(d)) => diff_subtitle(d, &border_name, loc),
            (None, None) => subtitle(inp.measured, &border_name, loc),
        };
        let layers = ds.layers.as_ref().map_or(&[][..], |l| l.layers.as_slice());
        let layer_names = layers
            .iter()
            .map(|l| LayerNames {
                id: l.id.clone(),
                title: l.title_in(lang).to_string(),
                values: l
                    .value_names
                    .iter()
                    .filter_map(|(v, n)| n.get(lang).map(|t| (v.clone(), t.clone())))
                    .collect(),
                casings: l.casings.clone(),
                default: l.default.clone(),
            })
            .collect();
        let country_names = if lang == "en" {
            Vec::new()
        } else {
            inp.context
                .countries
                .iter()
                .map(|c| {
                    (c.codes.numeric.as_deref()).and_then(|n| load::world::country_name(n, lang))
                })
                .collect()
        };
        MapModel {
            border: &ds.border.border,
            measured: inp.measured,
            context: inp.context,
            places: &ds.places,
            title,
            subtitle,
            border_name,
            layers: layer_names,
            country_names,
            changes: inp.diff.map(|d| Changes {
                from: d.from,
                to: d.to,
                changes: &d.changes,
                totals: &d.totals,
                changed_m: d.changed_m,
                total_m: d.after.total_m,
            }),
            footer: footer_facts(ds, inp.measured, loc),
            editorial: inp.editorial,
            highlight: inp.highlight,
            annotations: inp.annotations,
        }
    }

    /// The layer `id`'s words, if the layers file has it.
    pub fn layer(&self, id: &str) -> Option<&LayerNames> {
        self.layers.iter().find(|l| l.id == id)
    }

    /// The name of context country `i` (an index into `context.countries`) in the map's
    /// language.
    pub fn country_name(&self, i: usize) -> Option<&str> {
        self.country_names.get(i).and_then(|n| n.as_deref())
    }
}

/// The footer's facts of `ds` for the segments of `measured`.
fn footer_facts(ds: &Dataset, measured: &Measured, loc: &Locale) -> FooterFacts {
    let layers = ds.layers.as_ref().map_or(&[][..], |l| l.layers.as_slice());
    let mut cites = BTreeMap::new();
    for src in measured.segments.iter().flat_map(|s| &s.sources) {
        if cites.contains_key(src) {
            continue;
        }
        let given = layers.iter().find_map(|l| {
            l.intervals
                .iter()
                .find(|i| &i.source == src)
                .and_then(|i| i.cite.as_deref())
                .or_else(|| {
                    l.unplaced
                        .iter()
                        .find(|u| &u.source == src)
                        .and_then(|u| u.cite.as_deref())
                })
        });
        let cite = given.unwrap_or_else(|| src.split_once(": ").map_or(src, |(head, _)| head));
        cites.insert(src.clone(), cite.to_string());
    }
    let all_sources: Vec<&str> = measured
        .segments
        .iter()
        .flat_map(|s| s.sources.iter().map(String::as_str))
        .collect();
    let approximate = layers
        .iter()
        .flat_map(|x| &x.intervals)
        .any(|i| i.approximate && all_sources.contains(&i.source.as_str()));
    let file = ds.border_file.as_path();
    let border_file = load::shown_name(file);
    let mut credits = ds.attribution();
    if credits.is_empty() {
        // The file by its name: a map never shows where a file lies on this machine.
        credits.push(loc.text("credit-border", &[("file", &border_file)]));
    }
    let tags = &ds.border.tags;
    FooterFacts {
        cites,
        approximate,
        credits,
        tag_warnings: tags
            .iter()
            .filter_map(|t| load::border::tag_warning(file, t))
            .collect(),
        untagged: tags
            .iter()
            .filter(|t| t.as_of.is_none() || t.source.is_none())
            .map(|t| t.feature)
            .collect::<std::collections::BTreeSet<usize>>()
            .len(),
        border_file,
    }
}

/// The subtitle: the border (`border`: its name in the map's language), its length and date.
pub(crate) fn subtitle(m: &Measured, border: &str, loc: &Locale) -> String {
    let length = loc.km(m.total_m);
    let mut s = match m.as_of {
        Some(a) => loc.text(
            "subtitle-as-of",
            &[
                ("border", border),
                ("length", &length),
                ("date", &loc.date(&a)),
            ],
        ),
        None => loc.text("subtitle", &[("border", border), ("length", &length)]),
    };
    s.push('.');
    s
}

/// The subtitle of a diff map: how much changed, of how much, between which dates.
fn diff_subtitle(d: &crate::diff::Diff, border: &str, loc: &Locale) -> String {
    loc.text(
        "diff-subtitle",
        &[
            ("border", border),
            ("changed", &loc.km(d.changed_m)),
            ("total", &loc.km(d.after.total_m)),
            ("from", &loc.date(&d.from)),
            ("to", &loc.date(&d.to)),
        ],
    )
}
