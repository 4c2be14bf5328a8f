//! Refusing a CRS that draws the border as a point or a line: its projected extent must be a
//! finite, non-zero area in proportion to the border's size on the ground.

use geo::BoundingRect;

use crate::border::Border;
use crate::error::{Detail, Error, Result, Setting};
use crate::project::Projection;

/// The projected size of a border against its geodesic length (metres) must lie within
/// these factors: even a geographic CRS (degrees, ~1/111,000 of a metre) is well inside.
const SIZE_FACTORS: (f64, f64) = (1e-9, 1e9);

/// A side of the projected box below this share of the other side is collapsed (when the
/// border's `[lon, lat]` box has that side at [`GEO_SIDE_SHARE`] or more of its other side).
const COLLAPSED_SHARE: f64 = 1e-9;
/// See [`COLLAPSED_SHARE`].
const GEO_SIDE_SHARE: f64 = 1e-3;

/// Refuses `proj` for `border` when `crs` (the CRS the user gave; `None`: the fitted default,
/// which is not checked) projects the border to a box that is not finite, has no size, is out
/// of all proportion to the border's geodesic length, or collapses one side that the border
/// has on the ground (a point or a line instead of a map).
pub fn check_extent(proj: &dyn Projection, border: &Border, crs: Option<&str>) -> Result<()> {
    let Some(crs) = crs else {
        return Ok(());
    };
    let line = border.vertices();
    let mut pts: Vec<(f64, f64)> = line.0.iter().map(|c| (c.x, c.y)).collect();
    proj.forward_many(&mut pts)?;
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in &pts {
        (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
    }
    let (w, h) = (x1 - x0, y1 - y0);
    let big = w.max(h);
    let length_m = border.length_m();
    let (lo, hi) = SIZE_FACTORS;
    let geo = line.bounding_rect().map(|r| (r.width(), r.height()));
    let collapsed = |side: f64, other: f64, geo_side: f64, geo_other: f64| {
        side <= COLLAPSED_SHARE * other && geo_side >= GEO_SIDE_SHARE * geo_other
    };
    let degenerate = !(w.is_finite() && h.is_finite() && big > 0.0)
        || (length_m > 0.0 && !(lo..=hi).contains(&(big / length_m)))
        || geo.is_some_and(|(gw, gh)| collapsed(w, h, gw, gh) || collapsed(h, w, gh, gw));
    if !degenerate {
        return Ok(());
    }
    Err(Error::input(format!(
        "the CRS '{}' draws the border ({:.3} km) as a box of {w:e} × {h:e} units: a point or a line, not a map",
        proj.definition(),
        length_m / 1000.0
    ))
    .hint(format!(
        "choose a CRS that draws the border as an area (check the scale factor +k and the units of '{crs}')"
    ))
    .detail(Detail::Unsuitable {
        setting: Setting::Crs,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::LineString;

    fn border() -> Border {
        Border::new("b", LineString::from(vec![(40.0, 34.0), (41.0, 35.0)])).unwrap()
    }

    #[test]
    fn a_tiny_scale_factor_is_refused_and_a_normal_crs_kept() {
        let b = border();
        let tiny = crate::project::projection("+proj=merc +k=1e-20").unwrap();
        let e = check_extent(tiny.as_ref(), &b, Some("+proj=merc +k=1e-20")).unwrap_err();
        // PROJ itself refuses so small a scale ("cannot project"); the default back end draws
        // it, and this check refuses it.
        let refused = e.message.contains("a point or a line")
            || (cfg!(feature = "proj") && e.message.contains("cannot project"));
        assert!(refused, "{e}");
        let ok = crate::project::projection("+proj=merc").unwrap();
        assert!(check_extent(ok.as_ref(), &b, Some("+proj=merc")).is_ok());
        let deg = crate::project::projection("+proj=longlat +datum=WGS84").unwrap();
        assert!(check_extent(deg.as_ref(), &b, Some("+proj=longlat")).is_ok());
        // The fitted default is not checked.
        assert!(check_extent(tiny.as_ref(), &b, None).is_ok());
    }

    #[test]
    fn a_border_along_a_parallel_is_not_a_collapsed_crs() {
        let b = Border::new("p", LineString::from(vec![(25.0, 22.0), (31.0, 22.0)])).unwrap();
        let p = crate::project::projection("+proj=merc").unwrap();
        assert!(check_extent(p.as_ref(), &b, Some("+proj=merc")).is_ok());
    }
}
