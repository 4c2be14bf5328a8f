//! The PROJ back-end (feature `proj`): the `proj` crate, which builds PROJ from source
//! (`bundled_proj`, needs cmake). Same trait, same PROJ strings as the default back-end.

use crate::error::{Error, Result};
use crate::project::{Projection, checked, resolve_crs};

/// A projection computed by PROJ itself.
pub struct ProjBackend {
    proj: proj::Proj,
    definition: String,
}

impl std::fmt::Debug for ProjBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProjBackend")
            .field("definition", &self.definition)
            .finish()
    }
}

impl ProjBackend {
    /// Builds the projection for a PROJ string or `EPSG:n` (looked up the same way as the
    /// default back-end, so both draw the same map).
    pub fn new(crs: &str) -> Result<Self> {
        let definition = resolve_crs(crs)?;
        // "EPSG:4326" with PROJ's visualization order: [lon, lat] in, as everywhere here.
        let proj = proj::Proj::new_known_crs(
            "+proj=longlat +datum=WGS84 +no_defs +type=crs",
            &definition,
            None,
        )
        .map_err(|e| {
            Error::input(format!("cannot use the CRS '{definition}': {e}"))
                .hint("check the PROJ string")
        })?;
        Ok(ProjBackend { proj, definition })
    }
}

impl Projection for ProjBackend {
    fn forward(&self, lon: f64, lat: f64) -> Result<(f64, f64)> {
        checked(self.proj.convert((lon, lat)), lon, lat, &self.definition)
    }

    fn definition(&self) -> &str {
        &self.definition
    }
}
