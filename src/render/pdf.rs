//! SVG → one-page vector PDF with svg2pdf (typst): shapes, and text as text (selectable,
//! searchable) in the bundled fonts, embedded and subset. The PDF parses the written SVG with
//! svg2pdf's own usvg (0.45; the PNG path uses 0.49), with a font database holding only the
//! bundled fonts, so the PDF uses the same fonts as the PNG on every machine.
//!
//! The page is written here around svg2pdf's form XObject: its size is exact (any size in pt,
//! e.g. A4), and the file carries no creation date and no file ID. Known gap: svg2pdf 0.13 writes
//! its font objects and resource dictionaries in `HashMap` order, so two runs can order objects
//! differently (same content, different bytes).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use svg2pdf::usvg::{self, fontdb};

use crate::error::{Error, Result};

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
}

/// A font database (usvg 0.45's fontdb) holding only the bundled fonts (built once, shared).
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
                "PDF pages are 1 to {MAX_PAGE_PT} pt a side (19,200 px): lower --width/--height"
            ),
        ));
    }
    let opt = usvg::Options {
        fontdb: database(),
        font_family: crate::fonts::FAMILY.to_string(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(svg, &opt)
        .map_err(|e| Error::input(format!("cannot read the SVG for the PDF: {e}")))?;
    let (chunk, xobject) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
        .map_err(|e| Error::input(format!("cannot convert the map to PDF: {e}")))?;

    // Our objects first, then svg2pdf's, renumbered after them (in the chunk's order).
    let catalog = Ref::new(1);
    let pages = Ref::new(2);
    let page_ref = Ref::new(3);
    let contents = Ref::new(4);
    let info = Ref::new(5);
    let mut next = Ref::new(6);
    let mut map: HashMap<Ref, Ref> = HashMap::new();
    let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| next.bump()));
    let xobject = map
        .get(&xobject)
        .copied()
        .ok_or_else(|| Error::input("the PDF converter returned no drawing"))?;

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

    let mut content = Content::new();
    if let Some([r, g, b]) = page.background.as_deref().and_then(opaque_rgb) {
        content
            .set_fill_rgb(r, g, b)
            .rect(0.0, 0.0, f(w_pt), f(h_pt))
            .fill_nonzero();
    }
    let name = Name(b"Map");
    content
        .save_state()
        .transform([
            f(dw),
            0.0,
            0.0,
            f(dh),
            f((w_pt - dw) / 2.0),
            f((h_pt - dh) / 2.0),
        ])
        .x_object(name)
        .restore_state();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page_ref]).count(1);
    let mut p = pdf.page(page_ref);
    p.media_box(Rect::new(0.0, 0.0, f(w_pt), f(h_pt)));
    p.parent(pages);
    p.contents(contents);
    p.resources().x_objects().pair(name, xobject);
    p.finish();
    pdf.stream(contents, &content.finish());
    pdf.document_info(info)
        .title(TextStr(&page.title))
        .producer(TextStr("bordermap"));
    pdf.extend(&chunk);
    Ok(pdf.finish())
}

/// An opaque SVG colour as PDF RGB components (0–1); `None` for a colour with transparency or
/// that does not parse.
fn opaque_rgb(color: &str) -> Option<[f32; 3]> {
    let c: svgtypes::Color = color.parse().ok()?;
    (c.alpha == 255).then(|| [c.red, c.green, c.blue].map(|v| f32::from(v) / 255.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn background_colours_are_read() {
        assert_eq!(opaque_rgb("#ffffff"), Some([1.0, 1.0, 1.0]));
        assert_eq!(opaque_rgb("black"), Some([0.0, 0.0, 0.0]));
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
        };
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#;
        assert!(svg_to_pdf(svg, &page).is_err());
    }
}
