//! `bordermap extract`: the shared border of two countries of a countries file, as GeoJSON.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bordermap::{Error, Result, output, report};

use super::grammar::{self, OutFormat};

/// Extracts the border of the two countries `between` from `countries` into `output` (stdout
/// when `None`), as GeoJSON (the one format `-f` takes; `.json` names it too).
pub(super) fn run(
    between: &[String],
    countries: &Path,
    tolerance: f64,
    format: Option<OutFormat>,
    output: Option<PathBuf>,
) -> Result<ExitCode> {
    // The GeoJSON is extract's JSON: a `.json` output names it as `.geojson` does.
    let named = output.as_deref().filter(|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    });
    if named.is_none() {
        grammar::resolve(&grammar::EXTRACT, format, output.as_deref())?;
    }
    let [a, b] = between else {
        return Err(Error::input(format!(
            "--between takes two countries, got {}",
            between.len()
        ))
        .hint("e.g. --between 368,760 or --between Iraq,Syria"));
    };
    let shared = match bordermap::load::countries(countries)? {
        bordermap::load::Countries::Topology(t) => bordermap::extract::from_topology(&t, a, b),
        bordermap::load::Countries::Polygons(f) => {
            bordermap::extract::from_polygons(&f, a, b, tolerance)
        }
    }
    .map_err(|e| e.in_file(countries))?;
    if shared.pieces.len() > 1 {
        eprintln!(
            "bordermap: note: the border of {} and {} has {} disjoint pieces; writing a MultiLineString",
            shared.names[0],
            shared.names[1],
            shared.pieces.len()
        );
    }
    super::warn_all(&empty_pieces(&shared));
    let path = output.unwrap_or_else(|| PathBuf::from("-"));
    // The output names the countries file, not where it lies on this machine.
    let doc = report::shared_border_geojson(&shared, &bordermap::load::shown_name(countries));
    output::write_atomic(&path, |w| {
        serde_json::to_writer(&mut *w, &doc)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(w))
            .map_err(output::io_err(&path))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// A warning for each piece of `shared` that has no length (its vertices all one point), or
/// one when what the countries share has no piece at all (arcs of a single point): written,
/// but it measures 0 m.
fn empty_pieces(shared: &bordermap::extract::SharedBorder) -> Vec<String> {
    let n = shared.pieces.len();
    if n == 0 {
        return vec![format!(
            "the border of {} and {} is empty: what they share has no length (0 parts): it measures 0 m",
            shared.names[0], shared.names[1]
        )];
    }
    shared
        .pieces
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            bordermap::border::Border::new("", (*p).clone()).map_or(true, |b| b.length_m() <= 0.0)
        })
        .map(|(i, p)| {
            format!(
                "piece {} of {n} of the border of {} and {} is empty ({} vertices, no length): it measures 0 m",
                i + 1,
                shared.names[0],
                shared.names[1],
                p.0.len()
            )
        })
        .collect()
}
