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
/// codes file's languages as ways to name a country. A border in several pieces gives its
/// longest, with a warning naming the others' lengths; one that crosses the antimeridian is
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
    let mut pieces: Vec<(Border, f64)> = Vec::new();
    for p in &shared.pieces {
        if crate::geom::line_crosses_antimeridian(&p.0) {
            return Err(Error::input(format!(
                "the border of {na} and {nb} crosses the antimeridian (180° longitude)"
            ))
            .hint("borders across ±180° are not supported yet; extract it with `bordermap extract`, split it there and map each side"));
        }
        let border = Border::new(format!("{na}–{nb} border"), p.clone())?;
        let len = border.length_m();
        pieces.push((border, len));
    }
    pieces.sort_by(|x, y| y.1.total_cmp(&x.1));
    let mut warnings = Vec::new();
    if pieces.len() > 1 {
        let others: Vec<String> = pieces
            .iter()
            .skip(1)
            .map(|(_, l)| format!("{:.1} km", l / 1000.0))
            .collect();
        warnings.push(format!(
            "the border of {na} and {nb} has {} pieces in Natural Earth 1:10m; measuring and drawing the longest ({:.1} km), not the others ({})",
            pieces.len(),
            pieces.first().map_or(0.0, |p| p.1) / 1000.0,
            others.join(", ")
        ));
    }
    let Some((border, _)) = pieces.into_iter().next() else {
        return Err(Error::input(format!("{na} and {nb} share no border"))
            .hint("check the two countries; neighbours share arcs"));
    };
    Ok((
        LoadedBorder {
            border,
            tags: Vec::new(),
            warnings,
        },
        codes,
    ))
}
