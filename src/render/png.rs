//! SVG → PNG with resvg, drawing text with the bundled fonts only (see [`crate::fonts`]).

use crate::error::{Error, Result};

/// Rasterises an SVG document at `scale` (1 = one pixel per px of the page) into PNG bytes.
pub fn svg_to_png(svg: &[u8], scale: f64) -> Result<Vec<u8>> {
    if !(scale.is_finite() && scale > 0.0 && scale <= 16.0) {
        return Err(Error::input(format!("scale {scale} is out of range"))
            .hint("give --scale between 0.1 and 16"));
    }
    let opt = crate::fonts::usvg_options();
    let tree = usvg::Tree::from_data(svg, &opt)
        .map_err(|e| Error::input(format!("cannot read the SVG for rasterising: {e}")))?;
    let size = tree.size();
    let w = (f64::from(size.width()) * scale).round();
    let h = (f64::from(size.height()) * scale).round();
    if w * h > 400_000_000.0 {
        return Err(Error::limit(
            format!("a PNG of {w} × {h} pixels is too large"),
            "lower --scale or the page size",
        ));
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked above: positive and bounded"
    )]
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w as u32, h as u32)
        .ok_or_else(|| Error::input(format!("cannot make a {w} × {h} image")))?;
    #[allow(clippy::cast_possible_truncation, reason = "scale is at most 16")]
    let s = scale as f32;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(s, s),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Error::input(format!("cannot encode the PNG: {e}")))
}
