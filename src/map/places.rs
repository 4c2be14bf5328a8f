//! The editor's choice of basemap places: names to show whatever the town budget, and names to
//! leave out. Applied to the map's inputs (the context's places and the dataset's places)
//! before layout, so layout draws what it is given.

use std::borrow::Cow;

use geo::{BoundingRect, Coord};

use crate::Dataset;
use crate::error::{Error, Result};
use crate::load::context::{Context, ContextPlace};

/// Which basemap places a map names, by the editor's choice. Names match a place's name in
/// any language the data has (`name`, `name_ar`, ...), ignoring case.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlaceChoice {
    /// Places to name: drawn before the other towns, outside the towns' budget. A name no
    /// place of the context or the dataset has is looked up in the embedded GeoNames towns
    /// near the border (the most populous of that name within [`SHOW_MARGIN_DEG`] of it); one
    /// found nowhere is an error.
    pub show: Vec<String>,
    /// Places not to draw (towns, capitals and the dataset's places alike).
    pub hide: Vec<String>,
}

/// How far from the border's bounding box, degrees, a shown town from the world data may be.
pub const SHOW_MARGIN_DEG: f64 = 3.0;

impl PlaceChoice {
    /// Whether nothing is chosen (the map as the data gives it).
    pub fn is_empty(&self) -> bool {
        self.show.is_empty() && self.hide.is_empty()
    }

    fn hides<'a>(&self, mut names: impl Iterator<Item = &'a str>) -> bool {
        names.any(|n| self.hide.iter().any(|h| same(h, n)))
    }
}

/// Warns of each shown place the layout found no room to name (in `report`'s warnings): one
/// none of whose names (in `context` or `dataset`, any language) is a label of the map.
pub(crate) fn unplaced(
    choice: &PlaceChoice,
    context: &Context,
    dataset: &Dataset,
    report: &mut crate::layout::LayoutReport,
) {
    for s in &choice.show {
        let names: Vec<&str> = context
            .places
            .iter()
            .filter(|p| context_names(p).any(|n| same(n, s)))
            .flat_map(context_names)
            .chain(
                dataset
                    .places
                    .iter()
                    .filter(|p| place_names(p).any(|n| same(n, s)))
                    .flat_map(place_names),
            )
            .collect();
        let named = |text: &str| names.iter().any(|n| same(n, text)) || same(s, text);
        if !report.labels.iter().any(|l| named(&l.text)) {
            report.warnings.push(format!(
                "the place '{s}' asked to be shown is not drawn: it lies outside the map's \
                 frame or finds no room by its marker at this page size"
            ));
        }
    }
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn context_names(p: &ContextPlace) -> impl Iterator<Item = &str> {
    std::iter::once(p.name.as_str()).chain(p.names.values().map(String::as_str))
}

fn place_names(p: &crate::Place) -> impl Iterator<Item = &str> {
    std::iter::once(p.name.as_str()).chain(p.names.values().map(String::as_str))
}

/// The context and dataset a map is drawn from once `choice` is applied: hidden places removed,
/// shown places first among the towns (added from the world's towns when the context lacks
/// them). Borrowed as they are when nothing is chosen.
pub(crate) fn apply<'a>(
    choice: &PlaceChoice,
    context: &'a Context,
    dataset: &'a Dataset,
) -> Result<(Cow<'a, Context>, Cow<'a, Dataset>)> {
    if choice.is_empty() {
        return Ok((Cow::Borrowed(context), Cow::Borrowed(dataset)));
    }
    for h in &choice.hide {
        if let Some(s) = choice.show.iter().find(|s| same(s, h)) {
            return Err(
                Error::input(format!("the place '{s}' is both shown and hidden"))
                    .hint("name it in one of the two lists"),
            );
        }
    }
    let mut places: Vec<ContextPlace> = Vec::new();
    for s in &choice.show {
        let in_dataset = dataset
            .places
            .iter()
            .any(|p| place_names(p).any(|n| same(n, s)));
        let in_context = context
            .places
            .iter()
            .filter(|p| context_names(p).any(|n| same(n, s)));
        let mut found: Vec<ContextPlace> = in_context.cloned().collect();
        if found.is_empty() && !in_dataset {
            found.push(world_town(s, dataset, context)?);
        }
        places.extend(found);
    }
    places.extend(
        context
            .places
            .iter()
            .filter(|p| {
                !choice
                    .show
                    .iter()
                    .any(|s| context_names(p).any(|n| same(n, s)))
            })
            .cloned(),
    );
    places.retain(|p| !choice.hides(context_names(p)));
    let mut ctx = context.clone();
    ctx.places = places;
    let ds = if dataset.places.iter().any(|p| choice.hides(place_names(p))) {
        let mut d = dataset.clone();
        d.places.retain(|p| !choice.hides(place_names(p)));
        Cow::Owned(d)
    } else {
        Cow::Borrowed(dataset)
    };
    Ok((Cow::Owned(ctx), ds))
}

/// The most populous embedded GeoNames town named `name` within [`SHOW_MARGIN_DEG`] of the
/// border, as a context town; an error with the nearest names when there is none.
fn world_town(name: &str, dataset: &Dataset, context: &Context) -> Result<ContextPlace> {
    let vertices = dataset.border.border.vertices();
    let near = vertices.bounding_rect().map(|r| {
        let m = Coord {
            x: SHOW_MARGIN_DEG,
            y: SHOW_MARGIN_DEG,
        };
        geo::Rect::new(r.min() - m, r.max() + m)
    });
    let inside = |at: Coord<f64>| {
        near.is_some_and(|r| {
            at.x >= r.min().x && at.x <= r.max().x && at.y >= r.min().y && at.y <= r.max().y
        })
    };
    let towns = crate::load::world::towns()?;
    if let Some(t) = towns.iter().find(|t| inside(t.at) && same(&t.name, name)) {
        return Ok(ContextPlace {
            name: t.name.clone(),
            at: t.at,
            capital: false,
            population: Some(t.population),
            names: Default::default(),
        });
    }
    // The names a reader could have meant: the map's own places and the towns near it.
    let candidates = context
        .places
        .iter()
        .map(|p| p.name.as_str())
        .chain(dataset.places.iter().map(|p| p.name.as_str()))
        .chain(
            towns
                .iter()
                .filter(|t| inside(t.at))
                .map(|t| t.name.as_str()),
        );
    let q = name.trim().to_lowercase();
    let best = candidates
        .map(|n| {
            let l = n.to_lowercase();
            // "Raqqa" for "Ar Raqqah": a name that holds the one asked for is a near miss.
            let holds = if l.contains(&q) { 0.9 } else { 0.0 };
            (strsim::jaro_winkler(&q, &l).max(holds), n)
        })
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)));
    let err = Error::input(format!(
        "no place named '{name}' on or near this border to show"
    ));
    Err(match best {
        Some((_, n)) => err.hint(format!("did you mean '{n}'?")),
        None => err.hint(
            "name a town of the map's region as GeoNames or the places file spells it, \
             or add it as a marker (lon, lat, label)",
        ),
    })
}
