//! SVG → PNG with resvg, drawing text with the bundled fonts only (see [`crate::fonts`]).

/// CSS pixels per inch: a page px is 1/96 inch, so 96 dpi is `scale` 1.
pub const CSS_DPI: f64 = 96.0;

use crate::error::{Detail, Error, Result, Setting};

/// Rasterises an SVG document at `scale` (1 = one pixel per px of the page) into PNG bytes.
/// The PNG states its resolution (a `pHYs` chunk of `96 × scale` dpi), so documents that
/// honour it place the image at the page's physical size (a px is 1/96 inch). An image whose
/// pixels would take more than `budget` bytes ([`crate::limits::PNG_BYTES_PER_PIXEL`] each) is
/// refused before anything is drawn.
pub fn svg_to_png(svg: &[u8], scale: f64, budget: u64) -> Result<Vec<u8>> {
    let (min, max) = crate::story::SCALE_RANGE;
    let out_of_range = |what: String| {
        Error::input(what)
            .hint(format!("give a scale between {min} and {max}"))
            .detail(Detail::OutOfRange {
                setting: Setting::Scale,
                min,
                max,
            })
    };
    if !(scale.is_finite() && (min..=max).contains(&scale)) {
        return Err(out_of_range(format!(
            "scale {scale} is out of range ({min} to {max})"
        )));
    }
    let opt = crate::fonts::usvg_options();
    let tree = usvg::Tree::from_data(svg, &opt)
        .map_err(|e| Error::input(format!("cannot read the SVG for rasterising: {e}")))?;
    let size = tree.size();
    let w = (f64::from(size.width()) * scale).round();
    let h = (f64::from(size.height()) * scale).round();
    if w < 1.0 || h < 1.0 {
        return Err(out_of_range(format!(
            "a page of {} × {} px at scale {scale} is a PNG of {w} × {h} pixels: under 1 pixel",
            size.width(),
            size.height()
        )));
    }
    if w * h > 400_000_000.0 {
        return Err(Error::limit(
            format!("a PNG of {w} × {h} pixels is too large"),
            "lower the scale or the page size",
        )
        .detail(Detail::PngTooLarge));
    }
    over_budget(w, h, budget)?;
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
    let png = pixmap
        .encode_png()
        .map_err(|e| Error::input(format!("cannot encode the PNG: {e}")))?;
    Ok(with_resolution(png, scale * CSS_DPI))
}

/// Refuses a `w` × `h` px image whose pixels need more than `budget` bytes.
fn over_budget(w: f64, h: f64, budget: u64) -> Result<()> {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "w and h are positive and at most 400 million pixels together"
    )]
    let need = (w * h) as u64 * crate::limits::PNG_BYTES_PER_PIXEL;
    if need <= budget {
        return Ok(());
    }
    #[allow(clippy::cast_precision_loss, reason = "a figure for people")]
    let gib = |b: u64| b as f64 / f64::from(1u32 << 30);
    Err(Error::limit(
        format!(
            "a PNG of {w} × {h} pixels needs about {need} bytes ({:.1} GiB), more than the memory budget of {budget} bytes ({:.1} GiB)",
            gib(need),
            gib(budget)
        ),
        "lower the scale or the page size, or raise the memory budget",
    )
    .detail(Detail::PngTooLarge))
}

/// Inserts a `pHYs` chunk (pixels per metre, both axes) after the PNG's `IHDR` chunk.
fn with_resolution(png: Vec<u8>, dpi: f64) -> Vec<u8> {
    // Signature (8) + IHDR (4 length + 4 type + 13 data + 4 CRC) = 33 bytes.
    let (Some(head), Some(tail)) = (png.get(..33), png.get(33..)) else {
        return png;
    };
    if head.get(12..16) != Some(b"IHDR".as_slice()) {
        return png;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "dpi is positive and at most 16 × 96"
    )]
    let ppm = (dpi / 0.0254).round() as u32;
    let mut chunk = Vec::with_capacity(21);
    chunk.extend_from_slice(&9u32.to_be_bytes());
    chunk.extend_from_slice(b"pHYs");
    chunk.extend_from_slice(&ppm.to_be_bytes());
    chunk.extend_from_slice(&ppm.to_be_bytes());
    chunk.push(1); // unit: metre
    let crc = crc32(chunk.get(4..).unwrap_or_default());
    chunk.extend_from_slice(&crc.to_be_bytes());
    let mut out = Vec::with_capacity(png.len() + chunk.len());
    out.extend_from_slice(head);
    out.extend_from_slice(&chunk);
    out.extend_from_slice(tail);
    out
}

/// CRC-32 (ISO 3309, as PNG chunks use it).
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for b in bytes {
        c ^= u32::from(*b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

#[cfg(test)]
mod tests {
    #[test]
    fn crc_of_iend_is_the_known_value() {
        assert_eq!(super::crc32(b"IEND"), 0xAE42_6082);
    }
}
