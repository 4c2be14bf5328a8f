//! The border of two countries from the embedded world basemap (`load::world`, Natural Earth
//! 1:10m), cut by `extract` from their shared arcs: what a `Dataset` between two countries is
//! made of. It lives outside `load` because it runs a later stage (`extract`) on loaded data.

use crate::border::Border;
use crate::error::{Error, Result};
use crate::extract;
use crate::load::border::LoadedBorder;
use crate::load::world::{self, Scale, topology};

/// The border of two countries from the embedded Natural Earth 1:10m countries, as
/// `extract --between A B <builtin>/world/countries-10m.json` gives it (the same arcs, so the
/// same line and geodesic length), plus ISO 3166 alpha-2/alpha-3 codes and names in the
/// codes file's languages as ways to name a country. A border in several pieces gives all of
/// them as its parts ([`crate::border::order_parts`]); one that crosses the antimeridian is
/// refused.
pub fn border_between(a: &str, b: &str) -> Result<(LoadedBorder, [String; 2])> {
    let topo = topology(Scale::S10m)?;
    let shared =
        extract::from_topology(topo, &world::resolve_country(a), &world::resolve_country(b))
            .map_err(|e| e.in_file(Scale::S10m.path()))?;
    let plain = |label: &str| -> String {
        label
            .rsplit_once(" (")
            .map_or(label, |(name, _)| name)
            .to_string()
    };
    let [na, nb] = [plain(&shared.names[0]), plain(&shared.names[1])];
    let code = |label: &str| -> String {
        label
            .rsplit_once(" (")
            .map_or("", |(_, id)| id.trim_end_matches(')'))
            .to_string()
    };
    let codes = [code(&shared.names[0]), code(&shared.names[1])];
    for p in &shared.pieces {
        if crate::geom::line_crosses_antimeridian(&p.0) {
            return Err(Error::input(format!(
                "the border of {na} and {nb} crosses the antimeridian (180° longitude)"
            ))
            .hint("borders across ±180° are not supported yet; extract it with `bordermap extract`, split it there and map each side"));
        }
    }
    if shared.pieces.is_empty() {
        return Err(Error::input(format!("{na} and {nb} share no border"))
            .hint("check the two countries; neighbours share arcs"));
    }
    // Every piece, in the order `order_parts` gives: measured and drawn whole.
    let order = crate::border::order_parts(&shared.pieces);
    let parts = order
        .iter()
        .filter_map(|&i| shared.pieces.get(i).cloned())
        .collect();
    let border = Border::from_parts(format!("{na}–{nb} border"), parts)?;
    let warnings = Vec::new();
    Ok((
        LoadedBorder {
            border,
            tags: Vec::new(),
            warnings,
        },
        codes,
    ))
}
