//! One claim placed on the border on its own (whatever the date): the runs, metres along the
//! border, that its positions or zone give. The overlay places every claim in force this way;
//! `sources` says where each claim lies.

use super::{Extent, Interval, Placement, Resolver};
use crate::border::Border;
use crate::error::{Error, Result};
use crate::load::layers::Place;

/// The runs `[from_m, to_m]` (metres from the border's start) of claim `iv` of layer `layer`,
/// with the snaps it used pushed onto `placements`.
pub(super) fn runs(
    r: &Resolver,
    iv: &Interval,
    layer: &str,
    placements: &mut Vec<Placement>,
) -> Result<Vec<(f64, f64)>> {
    match &iv.extent {
        Extent::Between(a, b) => {
            let fa = r.position(a, iv, layer, placements)?;
            let tb = r.position(b, iv, layer, placements)?;
            if fa > tb {
                return Err(Error::input(format!(
                    "interval '{}' of layer '{}' runs backwards: from is at km {:.3}, after to at km {:.3}",
                    iv.value,
                    layer,
                    fa / 1000.0,
                    tb / 1000.0
                ))
                .in_file(r.file)
                .at_line(iv.line, 1)
                .hint("swap from and to (positions count from the start of the border)"));
            }
            Ok(vec![(fa, tb)])
        }
        Extent::Zone(z) => r.zone(z, iv, layer, placements),
    }
}

/// Where claim `iv` of layer `layer` lies on `border`, whatever its date: its runs
/// `[from_m, to_m]`, metres from the border's start (a zone may give several). `places` are
/// the named points positions refer to; `layers_file` names the file in errors.
pub fn place_claim(
    border: &Border,
    places: &[Place],
    layers_file: &std::path::Path,
    iv: &Interval,
    layer: &str,
) -> Result<Vec<(f64, f64)>> {
    let r = Resolver {
        border,
        places,
        file: layers_file,
        snaps: std::collections::HashMap::new(),
    };
    runs(&r, iv, layer, &mut Vec::new())
}
