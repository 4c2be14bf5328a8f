//! SVG → one-page vector PDF with krilla (typst's PDF library) and krilla-svg: shapes, and text
//! as text (selectable, searchable) in the bundled fonts, embedded and subset. The PDF parses
//! the written SVG with krilla-svg's own usvg (0.47, `usvg_pdf`; the PNG path uses 0.49), with a
//! font database holding only the bundled fonts, so the PDF uses the same fonts as the PNG on
//! every machine.
//!
//! The page is any size in pt (e.g. an exact A4), the drawing scaled uniformly to fit and
//! centred. The file carries no creation date and no XMP metadata; its `/ID` is krilla's hash of
//! the content. Same input, same bytes: krilla numbers objects and writes dictionaries in the
//! order the drawing meets them (no randomly seeded map decides an order; `tests/it/
//! determinism.rs` and `.ci/run` check it).

use std::sync::{Arc, OnceLock};

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::{Document, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};
use usvg_pdf::fontdb;

use crate::error::{Detail, Error, Result};

/// PDF points per page px: a px is 1/96 inch, a point 1/72 inch.
pub const PT_PER_PX: f64 = 0.75;

/// The largest PDF page side, pt (the PDF 1.7 implementation limit: 14,400 units of 1/72 inch).
pub const MAX_PAGE_PT: f64 = 14_400.0;

/// The page a PDF is written on.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfPage {
    /// Page width, pt (1/72 inch).
    pub width_pt: f64,
    /// Page height, pt (1/72 inch).
    pub height_pt: f64,
    /// Fill of the page under the map (an SVG colour, e.g. the map's background), for the
    /// margins left when the map's shape differs from the page's; `None`: no fill.
    pub background: Option<String>,
    /// The document title (the PDF's `/Title`), e.g. the map's title.
    pub title: String,
    /// The document's keywords (the PDF's `/Keywords`, joined by `, `), e.g. the dataset
    /// version; none: no `/Keywords`.
    pub keywords: Vec<String>,
}

/// A font database (usvg 0.47's fontdb) holding only the bundled fonts (built once, shared).
fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for f in crate::fonts::FONT_FILES {
            db.load_font_source(fontdb::Source::Binary(Arc::new(f)));
        }
        db.set_sans_serif_family(crate::fonts::FAMILY);
        db.set_serif_family(crate::fonts::FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Converts an SVG document into a one-page PDF: the page is `page.width_pt` × `page.height_pt`
/// pt and the drawing (the SVG's size in px) is scaled uniformly to fit it and centred on it.
/// With a page of the SVG's px × [`PT_PER_PX`], the scale is exactly 0.75 pt per px and the
/// drawing fills the page.
pub fn svg_to_pdf(svg: &[u8], page: &PdfPage) -> Result<Vec<u8>> {
    let (w_pt, h_pt) = (page.width_pt, page.height_pt);
    let ok = |v: f64| v.is_finite() && (1.0..=MAX_PAGE_PT).contains(&v);
    if !(ok(w_pt) && ok(h_pt)) {
        return Err(Error::limit(
            format!("a PDF page of {w_pt} × {h_pt} pt is out of range"),
            format!(
                "PDF pages are 1 to {MAX_PAGE_PT} pt a side (19,200 px): lower the page width or height"
            ),
        )
        .detail(Detail::PdfPageOutOfRange {
            max_pt: MAX_PAGE_PT,
        }));
    }
    let opt = usvg_pdf::Options {
        fontdb: database(),
        font_family: crate::fonts::FAMILY.to_string(),
        ..usvg_pdf::Options::default()
    };
    let tree = usvg_pdf::Tree::from_data(svg, &opt)
        .map_err(|e| Error::input(format!("cannot read the SVG for the PDF: {e}")))?;

    // Uniform scale (pt per px) that fits the drawing on the page; centred.
    let size = tree.size();
    let (w_px, h_px) = (f64::from(size.width()), f64::from(size.height()));
    let scale = (w_pt / w_px).min(h_pt / h_px);
    let (dw, dh) = (w_px * scale, h_px * scale);
    #[allow(
        clippy::cast_possible_truncation,
        reason = "page sizes are at most 14,400 pt: f32 holds them to 0.001 pt"
    )]
    let f = |v: f64| v as f32;
    let failed = || Error::input("cannot convert the map to PDF");
    let page_size = PageSettings::from_wh(f(w_pt), f(h_pt)).ok_or_else(failed)?;
    let drawing = Size::from_wh(f(dw), f(dh)).ok_or_else(failed)?;

    let settings = SerializeSettings {
        // No XMP packet (the `/Info` dictionary has the title), no structure tree (the drawing
        // carries no tags).
        xmp_metadata: false,
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let mut doc = Document::new_with(settings);
    doc.set_metadata(
        Metadata::new()
            .title(page.title.clone())
            .keywords(page.keywords.clone())
            .producer("bordermap".to_string()),
    );
    let mut pdf_page = doc.start_page_with(page_size);
    let mut surface = pdf_page.surface();
    if let Some([r, g, b]) = page.background.as_deref().and_then(opaque_rgb) {
        let mut pb = PathBuilder::new();
        pb.push_rect(Rect::from_xywh(0.0, 0.0, f(w_pt), f(h_pt)).ok_or_else(failed)?);
        let path = pb.finish().ok_or_else(failed)?;
        surface.set_fill(Some(Fill {
            paint: rgb::Color::new(r, g, b).into(),
            ..Fill::default()
        }));
        surface.draw_path(&path);
    }
    surface.push_transform(&Transform::from_translate(
        f((w_pt - dw) / 2.0),
        f((h_pt - dh) / 2.0),
    ));
    let drawn = surface.draw_svg(&tree, drawing, SvgSettings::default());
    surface.pop();
    surface.finish();
    pdf_page.finish();
    drawn.ok_or_else(failed)?;
    doc.finish()
        .map_err(|e| Error::input(format!("cannot convert the map to PDF: {e}")))
}

/// An opaque SVG colour as 8-bit RGB; `None` for a colour with transparency or that does not
/// parse.
fn opaque_rgb(color: &str) -> Option<[u8; 3]> {
    let c: svgtypes::Color = color.parse().ok()?;
    (c.alpha == 255).then_some([c.red, c.green, c.blue])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn background_colours_are_read() {
        assert_eq!(opaque_rgb("#ffffff"), Some([255, 255, 255]));
        assert_eq!(opaque_rgb("black"), Some([0, 0, 0]));
        assert_eq!(opaque_rgb("rgba(0,0,0,0.5)"), None);
        assert_eq!(opaque_rgb("none"), None);
    }

    #[test]
    fn pages_out_of_range_are_refused() {
        let page = PdfPage {
            width_pt: 20_000.0,
            height_pt: 100.0,
            background: None,
            title: String::new(),
            keywords: Vec::new(),
        };
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#;
        assert!(svg_to_pdf(svg, &page).is_err());
    }
}
