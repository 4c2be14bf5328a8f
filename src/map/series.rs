//! Several maps of one dataset with one frame: the same projection, map rectangle on the page
//! and scale (so the same scale bar), e.g. the map at each date of a timeline or a story.

use super::{Format, RenderOptions, Rendered, layout_scene, project, rendered};
use crate::Dataset;
use crate::error::{Error, Result};
use crate::geom::Rect;
use crate::layout::{Laid, PageTransform, Pinned};
use crate::measure::Measured;
use rayon::prelude::*;

/// How far the border keeps from the shared frame's edge, px (as in a single map's fit).
const CLEARANCE_PX: f64 = 8.0;
/// Each step widening the shared scale until the border fits multiplies metres per px by this.
const WIDEN_STEP: f64 = 1.02;
/// At most this many widening steps (about 7 × the members' scale).
const WIDEN_STEPS: usize = 100;

/// The maps of several measured states of `dataset` (e.g. at several dates, from
/// [`Dataset::measure`]) laid out with ONE frame: the same projection, the same map rectangle
/// on the page (px) and the same scale (metres per px), so their scale bars are the same and
/// a reader flipping between them sees the border stay put. In the order of `members`.
///
/// How the frame is chosen: each member is first laid out on its own (its title, footer and
/// legend differ, and with them its frame); the shared map rectangle is the part of the page
/// every member's frame covers (their intersection), and the shared scale the smallest of the
/// members' (the largest metres per px), around the centre of the member drawn smallest,
/// widened until the whole border lies in the rectangle (unless `opts.view` fixes the view,
/// which may leave the border out). Each member is then laid out again with that frame fixed:
/// its legend and scale bar go into corners of the rectangle clear of the border. Should a
/// member's legend find no such corner, that member alone is laid out with the legend below
/// or beside the map and a smaller rectangle, and it carries a warning saying so.
///
/// Ids: with `opts.id_prefix` given, member `i` gets `prefix-i`; else each member's own
/// content hash (members at different dates differ), so the maps can share one page.
///
/// ```
/// use bordermap::{Dataset, Date, LoadOptions, RenderOptions};
/// use bordermap::map::{Format, series_laid};
/// let ds = Dataset::load(&LoadOptions::default())?;
/// let a = ds.measure(Some(Date::parse("2022-06-01")?))?;
/// let b = ds.measure(Some(Date::parse("2025-10-16")?))?;
/// let opts = RenderOptions::for_dataset(&ds)?;
/// let laid = series_laid(&ds, &[&a, &b], &opts)?;
/// // One map rectangle (px) and one scale bar (metres) for both dates.
/// assert_eq!(laid[0].report.frame, laid[1].report.frame);
/// let km = |i: usize| laid[i].report.scale_bar.as_ref().map(|s| s.length_m);
/// assert_eq!(km(0), km(1));
/// let maps = bordermap::map::render_series(&ds, &[&a, &b], &opts, Format::Svg)?;
/// assert_eq!(maps.len(), 2);
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn render_series(
    dataset: &Dataset,
    members: &[&Measured],
    opts: &RenderOptions,
    format: Format,
) -> Result<Vec<Rendered>> {
    let laid = series_laid(dataset, members, opts)?;
    laid.into_iter()
        .enumerate()
        .map(|(i, l)| rendered(l, &member_opts(opts, i), format))
        .collect()
}

/// [`render_series`]' layouts: each member's [`Laid`] (its `Scene` and `LayoutReport`) with
/// the shared frame, before writing. For tests and custom renderers.
pub fn series_laid(
    dataset: &Dataset,
    members: &[&Measured],
    opts: &RenderOptions,
) -> Result<Vec<Laid>> {
    // Members are laid out in parallel, collected in their order (same bytes every run).
    let own: Vec<Laid> = members
        .par_iter()
        .enumerate()
        .map(|(i, m)| layout_scene(dataset, m, None, &member_opts(opts, i), None))
        .collect::<Result<_>>()?;
    let Some(pinned) = shared_frame(dataset, &own, opts)? else {
        return Ok(own);
    };
    let mut out: Vec<Laid> = members
        .par_iter()
        .enumerate()
        .map(|(i, m)| layout_scene(dataset, m, None, &member_opts(opts, i), Some(pinned)))
        .collect::<Result<_>>()?;
    for l in &mut out {
        if l.report.frame != pinned.frame {
            l.report.warnings.push(format!(
                "this map's legend found no corner of the shared frame clear of the border: its map rectangle ({:.0} × {:.0} px) differs from the others' ({:.0} × {:.0} px)",
                l.report.frame.w, l.report.frame.h, pinned.frame.w, pinned.frame.h
            ));
        }
    }
    Ok(out)
}

/// Member `i`'s options: the id prefix, when given, suffixed with its index.
fn member_opts(opts: &RenderOptions, i: usize) -> RenderOptions {
    RenderOptions {
        id_prefix: opts.id_prefix.as_ref().map(|p| format!("{p}-{i}")),
        ..opts.clone()
    }
}

/// The frame every member fits: the intersection of their frames (px), the largest metres
/// per px around the centre of the member drawn smallest, widened until the border fits
/// (not with a fixed view). `None` with fewer than two members.
fn shared_frame(dataset: &Dataset, own: &[Laid], opts: &RenderOptions) -> Result<Option<Pinned>> {
    if own.len() < 2 {
        return Ok(None);
    }
    let mut frame: Option<Rect> = None;
    let mut widest: Option<PageTransform> = None;
    for l in own {
        let f = l.report.frame;
        frame = Some(match frame {
            None => f,
            Some(r) => {
                let (x, y) = (r.x.max(f.x), r.y.max(f.y));
                Rect {
                    x,
                    y,
                    w: r.right().min(f.right()) - x,
                    h: r.bottom().min(f.bottom()) - y,
                }
            }
        });
        let t = l.report.transform;
        if widest.is_none_or(|w| t.mpp > w.mpp) {
            widest = Some(t);
        }
    }
    let (Some(frame), Some(t)) = (frame, widest) else {
        return Ok(None);
    };
    if frame.w <= 0.0 || frame.h <= 0.0 {
        return Err(Error::input(
            "the maps of the series have no part of the page in common for one frame",
        )
        .hint("give the maps the same page size"));
    }
    let mut xf = PageTransform {
        fx: frame.x + frame.w / 2.0,
        fy: frame.y + frame.h / 2.0,
        ..t
    };
    if opts.view.is_none() {
        let def = match &opts.crs {
            Some(c) => c.clone(),
            None => project::fitted_definition(&dataset.border.border.vertices()),
        };
        let p = project::projection(&def)?;
        let mut planar = Vec::new();
        for c in dataset.border.border.coords() {
            planar.push(p.forward(c.x, c.y)?);
        }
        let inner = frame.inflate(-CLEARANCE_PX);
        let inside = |xf: &PageTransform| {
            planar.iter().all(|&(x, y)| {
                let (px, py) = xf.apply(x, y);
                px >= inner.x && px <= inner.right() && py >= inner.y && py <= inner.bottom()
            })
        };
        for _ in 0..WIDEN_STEPS {
            if inside(&xf) {
                break;
            }
            xf.mpp *= WIDEN_STEP;
        }
    }
    Ok(Some(Pinned {
        frame,
        transform: xf,
    }))
}
