//! Text as glyph outlines (`--text-as-paths`): each text item laid out by usvg's own text
//! layout with the bundled fonts, exactly as the SVG writer would set it (the same `<text>`
//! element, family list, size, weight, style, letter-spacing, anchor, direction and runs), and
//! its `Text::flattened()` outlines written as path data at 2 decimals
//! ([`super::svg::push_num`]) in page px. The file then looks the same in any program, with
//! or without the fonts. The outlines go through our own writer (usvg's drops `class`,
//! `data-*`, `<title>` and `<desc>`).

use usvg::tiny_skia_path::PathSegment;

/// The outlines of `text_svg` (one `<text>` element as the SVG writer writes it, in page px)
/// as SVG path data in page px, set with `font_family` inherited as from the document root.
/// Empty when nothing is drawn (empty text, or usvg cannot lay it out).
pub fn outline_data(text_svg: &str, font_family: &str, width: f64, height: f64) -> String {
    let family = svg::node::Text::new(font_family).to_string();
    // The family is text-escaped (`<`, `>`, `&`); quotes are escaped for the attribute here.
    let family = family.replace('"', "&quot;");
    let doc = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"{family}\">{text_svg}</svg>",
        width.max(1.0),
        height.max(1.0),
    );
    let mut d = String::new();
    if let Ok(tree) = usvg::Tree::from_str(&doc, &crate::fonts::usvg_options()) {
        walk(tree.root(), &mut d);
    }
    d
}

/// Appends the outlines of every text under `g`.
fn walk(g: &usvg::Group, d: &mut String) {
    for n in g.children() {
        match n {
            usvg::Node::Group(g) => walk(g, d),
            usvg::Node::Text(t) => paths(t.flattened(), d),
            _ => {}
        }
    }
}

/// Appends the path data of every path under `g`, each with its absolute transform.
fn paths(g: &usvg::Group, d: &mut String) {
    for n in g.children() {
        match n {
            usvg::Node::Group(g) => paths(g, d),
            usvg::Node::Path(p) => {
                if let Some(data) = p.data().clone().transform(p.abs_transform()) {
                    push_path(&data, d);
                }
            }
            _ => {}
        }
    }
}

/// Appends one path's segments as absolute commands.
fn push_path(p: &usvg::tiny_skia_path::Path, d: &mut String) {
    let pt = |d: &mut String, x: f32, y: f32| {
        super::svg::push_num(d, f64::from(x));
        d.push(',');
        super::svg::push_num(d, f64::from(y));
    };
    for s in p.segments() {
        match s {
            PathSegment::MoveTo(a) => {
                d.push('M');
                pt(d, a.x, a.y);
            }
            PathSegment::LineTo(a) => {
                d.push('L');
                pt(d, a.x, a.y);
            }
            PathSegment::QuadTo(a, b) => {
                d.push('Q');
                pt(d, a.x, a.y);
                d.push(' ');
                pt(d, b.x, b.y);
            }
            PathSegment::CubicTo(a, b, c) => {
                d.push('C');
                pt(d, a.x, a.y);
                d.push(' ');
                pt(d, b.x, b.y);
                d.push(' ');
                pt(d, c.x, c.y);
            }
            PathSegment::Close => d.push('Z'),
        }
    }
}
