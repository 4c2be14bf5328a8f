//! The two projection back-ends agree: with `--features proj`, PROJ itself and the pure-Rust
//! proj4rs project every vertex of both embedded borders within 1 mm of each other. (Compiled
//! only with that feature: the `#[cfg(feature = "proj")]` is on `mod projection` in `mod.rs`.)

use bordermap::project::proj_backend::ProjBackend;
use bordermap::project::{Proj4rs, Projection, fitted_definition};

use super::dataset;

#[test]
fn proj_and_proj4rs_agree_within_a_millimetre_on_every_vertex() {
    for border in ["@iraq-syria", "@iraq-syria-osm"] {
        let ds = dataset(Some(border));
        let line = ds.border.border.vertices();
        let line = &line;
        let fitted = fitted_definition(line);
        for def in [
            fitted.as_str(),
            "+proj=utm +zone=38 +datum=WGS84 +units=m +no_defs",
            "+proj=tmerc +lon_0=40.5 +lat_0=0 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m",
            "EPSG:32637",
        ] {
            let a = Proj4rs::new(def).unwrap();
            let b = ProjBackend::new(def).unwrap();
            let mut worst: f64 = 0.0;
            for c in &line.0 {
                let (xa, ya) = a.forward(c.x, c.y).unwrap();
                let (xb, yb) = b.forward(c.x, c.y).unwrap();
                worst = worst.max(((xa - xb).powi(2) + (ya - yb).powi(2)).sqrt());
            }
            assert!(
                worst < 0.001,
                "{border} {def}: back-ends differ by {worst} m"
            );
        }
    }
}
