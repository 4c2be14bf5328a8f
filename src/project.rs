//! The project stage: `[lon, lat]` degrees on WGS84 → planar coordinates for drawing. Lengths
//! are never measured here (they are geodesic, see `measure`); projection is for drawing only.
//!
//! One small trait, [`Projection`], and one function that chooses the back-end,
//! [`projection`]. The default build uses the pure-Rust `proj4rs`; a PROJ back-end can be added
//! behind the same trait by changing only [`projection`].

mod extent;
#[cfg(feature = "proj")]
pub mod proj_backend;

pub use extent::check_extent;

use geo::{BoundingRect, LineString};

use crate::error::{Detail, Error, Result, Setting};

/// A map projection from WGS84 geographic coordinates to planar coordinates.
pub trait Projection {
    /// Projects `lon`, `lat` (degrees, WGS84) to planar `(x, y)`: x east, y north, in the
    /// CRS's unit (metres for projected CRSs; degrees when the target CRS is geographic).
    fn forward(&self, lon: f64, lat: f64) -> Result<(f64, f64)>;
    /// The PROJ string of the target CRS (as given, or as looked up for `EPSG:n`).
    fn definition(&self) -> &str;
    /// Projects many `(lon, lat)` degrees in place to planar `(x, y)` (same as
    /// [`Projection::forward`] on each; back-ends may do it in one batch).
    fn forward_many(&self, pts: &mut [(f64, f64)]) -> Result<()> {
        for p in pts.iter_mut() {
            *p = self.forward(p.0, p.1)?;
        }
        Ok(())
    }
    /// This projection as one that may be used from several threads at once, when the
    /// back-end allows it (`proj4rs` does; a PROJ context does not): the draw stage then
    /// projects the context in parallel. `None` (the default): one thread.
    fn shareable(&self) -> Option<&(dyn Projection + Sync)> {
        None
    }
}

/// Builds the projection for `crs`: a PROJ string (`+proj=...`) or `EPSG:n`.
///
/// This is the one place where the back-end is chosen.
pub fn projection(crs: &str) -> Result<Box<dyn Projection>> {
    #[cfg(feature = "proj")]
    {
        Ok(Box::new(proj_backend::ProjBackend::new(crs)?))
    }
    #[cfg(not(feature = "proj"))]
    {
        Ok(Box::new(Proj4rs::new(crs)?))
    }
}

/// [`projection`] of `def` for drawing `border`, refused by [`check_extent`] when `crs` (the
/// CRS the user gave, `None` for the fitted default) draws it as a point or a line.
pub fn for_border(
    def: &str,
    border: &crate::border::Border,
    crs: Option<&str>,
) -> Result<Box<dyn Projection>> {
    let p = projection(def)?;
    check_extent(p.as_ref(), border, crs)?;
    Ok(p)
}

/// The default projection for a border: Lambert conformal conic fitted to its bounding box
/// (standard parallels at 1/6 and 5/6 of the latitude range, origin and central meridian at
/// the centre, WGS84, metres). `line` is `[lon, lat]` degrees.
pub fn fitted_definition(line: &LineString<f64>) -> String {
    let (lon_min, lon_max, lat_min, lat_max) = match line.bounding_rect() {
        Some(r) => (r.min().x, r.max().x, r.min().y, r.max().y),
        None => (0.0, 0.0, 0.0, 0.0),
    };
    let range = (lat_max - lat_min).max(0.5);
    let mid = (lat_min + lat_max) / 2.0;
    let lat_1 = mid - range / 3.0;
    let lat_2 = mid + range / 3.0;
    let lon_0 = (lon_min + lon_max) / 2.0;
    format!(
        "+proj=lcc +lat_1={lat_1:.4} +lat_2={lat_2:.4} +lat_0={mid:.4} +lon_0={lon_0:.4} +datum=WGS84 +units=m +no_defs"
    )
}

/// Resolves `EPSG:n` to its PROJ string (via `crs-definitions`); other strings are returned as
/// they are.
pub fn resolve_crs(crs: &str) -> Result<String> {
    let s = crs.trim();
    let Some(code) = s.strip_prefix("EPSG:").or_else(|| s.strip_prefix("epsg:")) else {
        if s.starts_with('+') {
            return Ok(s.to_string());
        }
        return Err(Error::input(format!("unknown CRS '{s}'"))
            .hint("give a PROJ string such as '+proj=lcc +lat_1=34 +lat_2=36 +lon_0=40 +datum=WGS84' or an EPSG code such as 'EPSG:32637'"));
    };
    let n: u16 = code.parse().map_err(|_| {
        Error::input(format!("bad EPSG code '{code}' in '{s}'"))
            .hint("an EPSG code is a number, e.g. EPSG:32637")
    })?;
    crs_definitions::from_code(n)
        .map(|d| d.proj4.to_string())
        .ok_or_else(|| {
            Error::input(format!("unknown EPSG code {n}"))
                .hint("give the CRS as a PROJ string instead")
        })
}

/// A back-end's result for `[lon, lat]` as planar `(x, y)`, or the error every back-end gives:
/// the back-end failed, or the point is outside the CRS's area (not finite).
pub(crate) fn checked<E: std::fmt::Display>(
    out: std::result::Result<(f64, f64), E>,
    lon: f64,
    lat: f64,
    definition: &str,
) -> Result<(f64, f64)> {
    let hint = "choose a CRS that covers the border";
    let (x, y) = out.map_err(|e| {
        Error::input(format!(
            "cannot project [{lon}, {lat}] with '{definition}': {e}"
        ))
        .hint(hint)
        .detail(Detail::Unsuitable {
            setting: Setting::Crs,
        })
    })?;
    if !x.is_finite() || !y.is_finite() {
        return Err(Error::input(format!(
            "[{lon}, {lat}] is outside the area of '{definition}'"
        ))
        .hint(hint)
        .detail(Detail::Unsuitable {
            setting: Setting::Crs,
        }));
    }
    Ok((x, y))
}

/// The `proj4rs` back-end (pure Rust).
pub struct Proj4rs {
    src: proj4rs::Proj,
    dst: proj4rs::Proj,
    definition: String,
    latlong: bool,
}

impl std::fmt::Debug for Proj4rs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Proj4rs")
            .field("definition", &self.definition)
            .finish()
    }
}

impl Proj4rs {
    /// Builds the projection for a PROJ string or `EPSG:n`.
    pub fn new(crs: &str) -> Result<Self> {
        let definition = resolve_crs(crs)?;
        let bad = |e: proj4rs::errors::Error| {
            Error::input(format!("cannot use the CRS '{definition}': {e}"))
                .hint("check the PROJ string (proj4rs supports the common projections: lcc, tmerc, utm, merc, aea, laea, stere, ...)")
        };
        let dst = proj4rs::Proj::from_proj_string(&definition).map_err(bad)?;
        let src = proj4rs::Proj::from_proj_string("+proj=longlat +datum=WGS84 +no_defs")
            .map_err(|e| Error::input(format!("cannot set up WGS84: {e}")))?;
        let latlong = dst.is_latlong();
        Ok(Proj4rs {
            src,
            dst,
            definition,
            latlong,
        })
    }
}

impl Projection for Proj4rs {
    fn forward(&self, lon: f64, lat: f64) -> Result<(f64, f64)> {
        // proj4rs works in radians for geographic coordinates.
        let out = proj4rs::adaptors::transform_xy(
            &self.src,
            &self.dst,
            lon.to_radians(),
            lat.to_radians(),
        );
        let (x, y) = checked(out, lon, lat, &self.definition)?;
        if self.latlong {
            Ok((x.to_degrees(), y.to_degrees()))
        } else {
            Ok((x, y))
        }
    }

    fn definition(&self) -> &str {
        &self.definition
    }

    fn forward_many(&self, pts: &mut [(f64, f64)]) -> Result<()> {
        let orig: Vec<(f64, f64)> = pts.to_vec();
        for p in pts.iter_mut() {
            *p = (p.0.to_radians(), p.1.to_radians());
        }
        let ok = proj4rs::transform::transform(&self.src, &self.dst, pts).is_ok()
            && pts.iter().all(|p| p.0.is_finite() && p.1.is_finite());
        if !ok {
            // Find the offending point, with the per-point error.
            for (p, o) in pts.iter_mut().zip(&orig) {
                *p = self.forward(o.0, o.1)?;
            }
            return Ok(());
        }
        if self.latlong {
            for p in pts.iter_mut() {
                *p = (p.0.to_degrees(), p.1.to_degrees());
            }
        }
        Ok(())
    }

    fn shareable(&self) -> Option<&(dyn Projection + Sync)> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn lcc_origin_is_zero_and_north_is_up() {
        let p =
            projection("+proj=lcc +lat_1=34 +lat_2=36 +lat_0=35 +lon_0=40 +datum=WGS84 +units=m")
                .unwrap();
        let (x, y) = p.forward(40.0, 35.0).unwrap();
        assert!(x.abs() < 1e-6 && y.abs() < 1e-6);
        let (x, y) = p.forward(40.0, 36.0).unwrap();
        assert!(x.abs() < 1e-6 && (y - 110_950.0).abs() < 500.0);
    }

    #[test]
    fn epsg_lookup() {
        let p = projection("EPSG:32637").unwrap();
        assert!(p.definition().contains("+zone=37"));
        let (x, _) = p.forward(39.0, 35.0).unwrap();
        assert!((x - 500_000.0).abs() < 1e-3);
        assert!(projection("EPSG:99999").is_err());
        assert!(projection("nonsense").is_err());
    }

    #[test]
    fn batch_equals_one_by_one() {
        let p = projection("+proj=robin +datum=WGS84").unwrap();
        let pts = [(44.0, 35.0), (-179.9, -89.0), (180.0, 90.0), (0.0, 0.0)];
        let mut many = pts.to_vec();
        p.forward_many(&mut many).unwrap();
        for (a, b) in pts.iter().zip(&many) {
            assert_eq!(p.forward(a.0, a.1).unwrap(), *b);
        }
    }
}
