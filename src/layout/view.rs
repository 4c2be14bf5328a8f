//! A fixed view: the map's frame chosen by the editor (a box of degrees, or a point and a
//! width in metres) or shared by several maps (a pinned frame), instead of the border's fit;
//! and whether the locator inset is drawn.

use super::graticule::GraticuleExtent;
use super::{Extent, PageTransform};
use crate::error::{Detail, Error, Result, Setting};
use crate::geom::Rect;
use crate::project::Projection;

/// What the map's frame shows, chosen by the editor. The border may leave it: what is outside
/// is clipped at the frame's edge, and only stretches in view are labelled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum View {
    /// A box of longitudes and latitudes, degrees (WGS84): the whole box is in the frame, as
    /// large as the frame holds it (centred; the frame shows more around it along one axis).
    /// `west < east` (a box across the antimeridian is not supported), `south < north`.
    Bbox {
        /// Western edge, degrees longitude (−180 to 180).
        west: f64,
        /// Southern edge, degrees latitude (−85 to 85).
        south: f64,
        /// Eastern edge, degrees longitude (−180 to 180).
        east: f64,
        /// Northern edge, degrees latitude (−85 to 85).
        north: f64,
    },
    /// A point at the frame's centre and the ground distance the frame's width spans through
    /// it: `width_m` metres from the frame's left edge to its right edge, measured as two
    /// geodesics of `width_m / 2` from the point due west and due east (on the map area left
    /// after the legend and scale panel are arranged; the height follows the frame's shape).
    Center {
        /// Longitude of the frame's centre, degrees (−180 to 180).
        lon: f64,
        /// Latitude of the frame's centre, degrees (−85 to 85).
        lat: f64,
        /// Ground width of the frame through the centre, metres (more than 0, at most
        /// [`MAX_VIEW_WIDTH_M`]).
        width_m: f64,
    },
}

/// The widest [`View::Center`], metres (half the equator).
pub const MAX_VIEW_WIDTH_M: f64 = 20_000_000.0;

/// Whether the map has the locator inset.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum InsetMode {
    /// Drawn where a corner of the frame holds it clear of the border and the furniture, and
    /// given up for segment labels that find no room (the default).
    #[default]
    Auto,
    /// Always drawn: an error when no corner holds even the smallest size; never given up
    /// for labels.
    On,
    /// Never drawn.
    Off,
}

/// A frame shared by several maps ([`crate::map::render_series`]): the map rectangle on the
/// page (px) and the transform from projected metres to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pinned {
    /// The map rectangle, page px.
    pub frame: Rect,
    /// Projected → page (its `fx`, `fy` the rectangle's centre).
    pub transform: PageTransform,
}

/// How the frame is chosen and what it holds besides the map.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Framing {
    /// What the fitted frame holds (the border, or the whole context) when no view is given.
    pub extent: Extent,
    /// A fixed view (`None`: fitted to `extent`).
    pub view: Option<View>,
    /// A frame shared with other maps; wins over `view` and `extent`.
    pub pinned: Option<Pinned>,
    /// Whether the locator inset is drawn.
    pub inset: InsetMode,
}

impl Framing {
    /// Whether the frame's scale and centre are fixed (a view or a pinned frame): the layout
    /// then never zooms or moves the map to keep the border clear of furniture.
    pub(crate) fn fixed(&self) -> bool {
        self.view.is_some() || self.pinned.is_some()
    }
}

fn out_of_range(what: String, hint: &str, setting: Setting, min: f64, max: f64) -> Error {
    Error::input(what)
        .hint(hint)
        .detail(Detail::OutOfRange { setting, min, max })
}

fn check_lon(v: f64, what: &str, setting: Setting) -> Result<()> {
    if v.is_finite() && (-180.0..=180.0).contains(&v) {
        return Ok(());
    }
    Err(out_of_range(
        format!("the view's {what} {v} is not a longitude"),
        "give longitudes from -180 to 180 degrees",
        setting,
        -180.0,
        180.0,
    ))
}

fn check_lat(v: f64, what: &str, setting: Setting) -> Result<()> {
    if v.is_finite() && (-85.0..=85.0).contains(&v) {
        return Ok(());
    }
    Err(out_of_range(
        format!("the view's {what} {v} is not a latitude the map can show"),
        "give latitudes from -85 to 85 degrees",
        setting,
        -85.0,
        85.0,
    ))
}

impl View {
    /// The view a box `[west, south, east, north]` or a centre `[lon, lat]` with a width in
    /// km (`zoom_km`) gives, degrees; `None` when neither is given. A box and a centre
    /// together, a centre without a width or a width without a centre are errors (the values
    /// themselves are checked by [`View::check`]).
    ///
    /// ```
    /// use bordermap::map::View;
    /// let v = View::from_parts(None, Some([41.0, 34.4]), Some(60.0))?;
    /// assert_eq!(v, Some(View::Center { lon: 41.0, lat: 34.4, width_m: 60_000.0 }));
    /// assert!(View::from_parts(None, Some([41.0, 34.4]), None).is_err());
    /// # Ok::<(), bordermap::Error>(())
    /// ```
    pub fn from_parts(
        bbox: Option<[f64; 4]>,
        center: Option<[f64; 2]>,
        zoom_km: Option<f64>,
    ) -> Result<Option<View>> {
        match (bbox, center, zoom_km) {
            (None, None, None) => Ok(None),
            (Some([west, south, east, north]), None, None) => Ok(Some(View::Bbox {
                west,
                south,
                east,
                north,
            })),
            (None, Some([lon, lat]), Some(km)) => Ok(Some(View::Center {
                lon,
                lat,
                width_m: km * 1000.0,
            })),
            (Some(_), Some(_), _) | (Some(_), None, Some(_)) => Err(Error::input(
                "the view is given twice: a box of degrees and a centre with a width",
            )
            .hint("give either the box or the centre and its width")
            .detail(Detail::Conflict {
                a: Setting::Bbox,
                b: Setting::Center,
            })),
            (None, Some(_), None) => Err(Error::input("the view's centre has no width")
                .hint("give the frame's width in km with the centre")
                .detail(Detail::Missing {
                    setting: Setting::Zoom,
                })),
            (None, None, Some(_)) => Err(Error::input("the view's width has no centre")
                .hint("give the centre (longitude, latitude) with the width")
                .detail(Detail::Missing {
                    setting: Setting::Center,
                })),
        }
    }

    /// Refuses a view no map can show: values not finite or out of range, a box whose west is
    /// not west of its east (the antimeridian is not supported) or whose south is not south of
    /// its north, a width of 0 m or less or over [`MAX_VIEW_WIDTH_M`]. The message names the
    /// value; [`Detail::OutOfRange`] or [`Detail::Conflict`] carries which setting.
    pub fn check(&self) -> Result<()> {
        match *self {
            View::Bbox {
                west,
                south,
                east,
                north,
            } => {
                let s = Setting::Bbox;
                check_lon(west, "west edge", s)?;
                check_lon(east, "east edge", s)?;
                check_lat(south, "south edge", s)?;
                check_lat(north, "north edge", s)?;
                if west >= east {
                    return Err(Error::input(format!(
                        "the view's west edge {west} is not west of its east edge {east}"
                    ))
                    .hint("give west < east (a box across the antimeridian is not supported)")
                    .detail(Detail::Unsuitable { setting: s }));
                }
                if south >= north {
                    return Err(Error::input(format!(
                        "the view's south edge {south} is not south of its north edge {north}"
                    ))
                    .hint("give south < north")
                    .detail(Detail::Unsuitable { setting: s }));
                }
                Ok(())
            }
            View::Center { lon, lat, width_m } => {
                check_lon(lon, "centre longitude", Setting::Center)?;
                check_lat(lat, "centre latitude", Setting::Center)?;
                if width_m.is_finite() && width_m > 0.0 && width_m <= MAX_VIEW_WIDTH_M {
                    return Ok(());
                }
                Err(out_of_range(
                    format!("the view's width {width_m} m is not a width"),
                    "give a width of more than 0 km, at most 20000 km",
                    Setting::Zoom,
                    0.0,
                    MAX_VIEW_WIDTH_M,
                ))
            }
        }
    }

    /// The view's centre `[lon, lat]`, degrees.
    pub(crate) fn centre(&self) -> geo::Coord<f64> {
        match *self {
            View::Bbox {
                west,
                south,
                east,
                north,
            } => geo::Coord {
                x: (west + east) / 2.0,
                y: (south + north) / 2.0,
            },
            View::Center { lon, lat, .. } => geo::Coord { x: lon, y: lat },
        }
    }

    /// The page transform that shows this view in `frame` (px).
    pub(crate) fn transform(&self, p: &dyn Projection, frame: Rect) -> Result<PageTransform> {
        let (fx, fy) = (frame.x + frame.w / 2.0, frame.y + frame.h / 2.0);
        match *self {
            View::Bbox {
                west,
                south,
                east,
                north,
            } => {
                // The box's edges sampled (a parallel is curved on a conic).
                let n = 32;
                let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
                for i in 0..=n {
                    let t = f64::from(i) / f64::from(n);
                    let lon = west + (east - west) * t;
                    let lat = south + (north - south) * t;
                    for (a, b) in [(lon, south), (lon, north), (west, lat), (east, lat)] {
                        let (x, y) = p.forward(a, b)?;
                        x0 = x0.min(x);
                        x1 = x1.max(x);
                        y0 = y0.min(y);
                        y1 = y1.max(y);
                    }
                }
                let mpp = ((x1 - x0) / frame.w).max((y1 - y0) / frame.h).max(1e-9);
                Ok(PageTransform {
                    mpp,
                    cx: (x0 + x1) / 2.0,
                    cy: (y0 + y1) / 2.0,
                    fx,
                    fy,
                })
            }
            View::Center { lon, lat, width_m } => {
                let c = geo::Coord { x: lon, y: lat };
                let wc = crate::border::destination(c, 270.0, width_m / 2.0);
                let ec = crate::border::destination(c, 90.0, width_m / 2.0);
                let (w, e) = (p.forward(wc.x, wc.y)?, p.forward(ec.x, ec.y)?);
                let (cx, cy) = p.forward(lon, lat)?;
                let mpp = ((e.0 - w.0).hypot(e.1 - w.1) / frame.w).max(1e-9);
                Ok(PageTransform {
                    mpp,
                    cx,
                    cy,
                    fx,
                    fy,
                })
            }
        }
    }

    /// The graticule for this view: the box of degrees it shows, grown by its span on each
    /// side, with a step that gives a few lines across it (0.1° to 10°).
    pub(crate) fn graticule_extent(&self) -> GraticuleExtent {
        let (w, s, e, n) = match *self {
            View::Bbox {
                west,
                south,
                east,
                north,
            } => (west, south, east, north),
            View::Center { lon, lat, width_m } => {
                let half = width_m / 2.0 / 111_320.0;
                let half_lon = half / lat.to_radians().cos().max(0.05);
                (lon - half_lon, lat - half, lon + half_lon, lat + half)
            }
        };
        let span = (e - w).max(n - s);
        let step = [10.0, 5.0, 2.0, 1.0, 0.5, 0.2, 0.1]
            .into_iter()
            .find(|st| span / st >= 3.0)
            .unwrap_or(0.1);
        let f = |v: f64| (v / step).floor() * step;
        let g = |v: f64| (v / step).ceil() * step;
        GraticuleExtent {
            lon0: f((w - span).max(-180.0)),
            lon1: g((e + span).min(180.0)),
            lat0: f((s - span).max(-85.0)),
            lat1: g((n + span).min(85.0)),
            step,
        }
    }
}

/// The transform of a fixed frame in `frame` (px): the pinned one (re-centred on `frame`) or
/// the view's; `None` when the frame is fitted.
pub(crate) fn fixed_transform(
    framing: &Framing,
    p: &dyn Projection,
    frame: Rect,
) -> Result<Option<PageTransform>> {
    if let Some(pin) = framing.pinned {
        return Ok(Some(PageTransform {
            fx: frame.x + frame.w / 2.0,
            fy: frame.y + frame.h / 2.0,
            ..pin.transform
        }));
    }
    match framing.view {
        Some(v) => v.transform(p, frame).map(Some),
        None => Ok(None),
    }
}
