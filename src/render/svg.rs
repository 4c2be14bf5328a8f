//! Scene → SVG, written with the `svg` crate: every element is one of its nodes and every
//! attribute value and text is escaped by it (attribute values: `&`, `<`, `>`, `"`, `'`; text:
//! `&`, `<`, `>`), so names and sources from input files are always text, never markup.
//! Numbers are written at fixed precision (2 decimals, trailing zeros trimmed), so the same
//! Scene gives the same bytes on every machine; the crate writes attributes sorted by name.
//! Every id carries the Scene's prefix.
//!
//! One detail of the crate's layout matters for text: it writes each child of an element on a
//! line of its own unless the child is a bare text node, and always so inside its own `Text`
//! element. Those newlines would change the rendered text (white space collapses to a space)
//! and its read-back, so a `<text>` is a generic element with exactly one bare child: the text
//! node, or, for a text set in several runs, `Runs` — the runs serialised by the crate's own
//! `Text` and `TSpan` nodes, concatenated — so it is written inline, as the Scene gives it.
//!
//! Path data (hundreds of thousands of vertices on a large border) is built as a string by
//! [`path_data`] and set as one attribute value: no node per vertex.
//!
//! With [`SvgOptions::embed_fonts`] the document gets a `<style>` (after `<desc>`) holding the
//! bundled faces its text uses as `@font-face` rules ([`super::fonts_embed`]); the CSS is a
//! text node of the crate's `Style` element, escaped by it like any other text.
//!
//! With [`SvgOptions::text_as_paths`] each text is written as its glyph outlines
//! ([`super::outlines`]) in a group labelled with the text, and no fonts are embedded.

use std::collections::hash_map::DefaultHasher;
use std::fmt;
use std::hash::Hash;
use std::io::Write;

use svg::Document;
use svg::node::element::{
    Circle, ClipPath, Definitions, Description, Element, Group as SvgGroup, Path, Rectangle, Style,
    TSpan, Title,
};
use svg::node::{Node, NodeDefaultHash, Text as TextNode};

use crate::scene::{Anchor, Group, Item, PathItem, Pt, Rect, Scene, Stroke, TextItem};

/// How to write the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SvgOptions {
    /// Embed-safe fragment: no XML declaration and no fixed width/height (scales to its
    /// container through the `viewBox`).
    pub fragment: bool,
    /// Embed the bundled fonts the text uses, subset, as `@font-face` rules (base64 `data:`
    /// URLs) in a `<style>` ([`super::fonts_embed`]), so the file lays out as measured in any
    /// browser. The renderer's caller decides (standalone: on; fragment: off, by default).
    pub embed_fonts: bool,
    /// Every text drawn as glyph outlines ([`super::outlines`]): a `<g class="… text-outline"
    /// aria-label="…">` of paths per text item, no `<text>` and no `@font-face`, so the file
    /// looks the same in any program, fonts installed or not.
    pub text_as_paths: bool,
}

/// What an item needs from its document.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    /// [`SvgOptions::text_as_paths`].
    outlines: bool,
    /// The root's `font-family`, which texts without their own inherit.
    font_family: &'a str,
    width: f64,
    height: f64,
}

/// A number at fixed precision: 2 decimals, trailing zeros trimmed.
pub fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Appends `v` as [`num`] writes it, without an intermediate String: the value in hundredths
/// as an integer, when that is unambiguous (not within 1e-7 of a rounding tie, not huge);
/// otherwise through [`num`] itself, so the bytes are always the same as [`num`]'s.
pub fn push_num(out: &mut String, v: f64) {
    match fast_hundredths(v) {
        Some(n) => push_hundredths(out, n),
        None => out.push_str(&num(v)),
    }
}

/// `v` rounded to hundredths when [`push_num`] writes it through [`push_hundredths`] (`None`
/// where it falls back to [`num`]: NaN, huge values and near-ties).
fn fast_hundredths(v: f64) -> Option<i64> {
    let s = v * 100.0;
    if s.is_nan() || s.abs() >= 1e15 || ((s - s.trunc()).abs() - 0.5).abs() < 1e-7 {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)]
    Some(s.round() as i64)
}

/// A number [`push_num`] wrote, back in hundredths (`None` if it is not of that form).
fn hundredths(s: &str) -> Option<i64> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() || int.len() > 15 || frac.len() > 2 {
        return None;
    }
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut n: i64 = int.parse().ok()?;
    n *= 100;
    let mut f = frac.bytes();
    n += 10 * f.next().map_or(0, |b| i64::from(b - b'0'));
    n += f.next().map_or(0, |b| i64::from(b - b'0'));
    Some(if neg { -n } else { n })
}

/// Appends `n` hundredths as a decimal with at most 2 digits after the point.
fn push_hundredths(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let a = n.unsigned_abs();
    let (int, frac) = (a / 100, a % 100);
    out.push_str(itoa::Buffer::new().format(int));
    if frac != 0 {
        out.push('.');
        out.push(char::from(b'0' + (frac / 10) as u8));
        if frac % 10 != 0 {
            out.push(char::from(b'0' + (frac % 10) as u8));
        }
    }
}

/// Path data for polylines/rings in page px. Points that round to the same text as the one
/// before are dropped. Each part starts with an absolute `M`; the points after it are relative
/// (`l dx,dy ...`), the differences of the rounded absolute positions (so exactly the same
/// points as absolute coordinates at 2 decimals, in fewer bytes).
pub fn path_data(parts: &[Vec<Pt>], closed: bool) -> String {
    let mut d = String::with_capacity(parts.iter().map(|p| p.len() * 10 + 2).sum());
    // The previous point's text, or its hundredths when it was written from them (the text
    // is then a function of the pair: `push_hundredths` of each, joined by a comma).
    let mut last = String::new();
    let mut xy = String::new();
    for part in parts {
        last.clear();
        let mut last_fast: Option<(i64, i64)> = None;
        // The previous point in hundredths, and whether an `l` is open.
        let mut prev: Option<(i64, i64)> = None;
        let mut open = false;
        for (i, p) in part.iter().enumerate() {
            let fast = fast_hundredths(p.0).zip(fast_hundredths(p.1));
            let here = if let Some(h) = fast {
                if i > 0 {
                    let dup = match last_fast {
                        Some(l) => l == h,
                        None => {
                            xy.clear();
                            push_hundredths(&mut xy, h.0);
                            xy.push(',');
                            push_hundredths(&mut xy, h.1);
                            xy == last
                        }
                    };
                    if dup {
                        continue;
                    }
                }
                last_fast = Some(h);
                Some(h)
            } else {
                xy.clear();
                push_num(&mut xy, p.0);
                let comma = xy.len();
                xy.push(',');
                push_num(&mut xy, p.1);
                if i > 0 {
                    if let Some(l) = last_fast {
                        last.clear();
                        push_hundredths(&mut last, l.0);
                        last.push(',');
                        push_hundredths(&mut last, l.1);
                    }
                    if xy == last {
                        continue;
                    }
                }
                last_fast = None;
                std::mem::swap(&mut last, &mut xy);
                last.get(..comma)
                    .and_then(hundredths)
                    .zip(last.get(comma + 1..).and_then(hundredths))
            };
            let abs = |d: &mut String, last: &str| match fast {
                Some((x, y)) => {
                    push_hundredths(d, x);
                    d.push(',');
                    push_hundredths(d, y);
                }
                None => d.push_str(last),
            };
            match (i, prev, here) {
                (0, _, _) => {
                    d.push('M');
                    abs(&mut d, &last);
                    open = false;
                }
                (_, Some((px, py)), Some((x, y))) => {
                    if !open {
                        d.push('l');
                        open = true;
                    } else if x - px >= 0 {
                        d.push(' ');
                    }
                    push_hundredths(&mut d, x - px);
                    d.push(',');
                    push_hundredths(&mut d, y - py);
                }
                _ => {
                    d.push('L');
                    abs(&mut d, &last);
                    open = false;
                }
            }
            prev = here;
        }
        if closed && !part.is_empty() {
            d.push('Z');
        }
    }
    d
}

/// The runs of a `<text>` set in several families, as one child node: each run serialised by
/// the `svg` crate (a `Text` node, or a `TSpan` for a run in another family; the crate
/// escapes both), concatenated. A bare node, so the crate writes the `<text>` holding it
/// inline: no newline added between, before or after the runs.
#[derive(Clone, Debug)]
struct Runs(String);

impl Runs {
    /// The runs of `t` (`t.runs`, not empty), each as the layout set it: in the text's family
    /// as a text node, in another family as a `<tspan font-family="…">`.
    fn of(t: &TextItem) -> Self {
        let mut s = String::new();
        for run in &t.runs {
            match &run.family {
                None => s.push_str(&TextNode::new(run.text.as_str()).to_string()),
                Some(f) => s.push_str(
                    &TSpan::new(run.text.as_str())
                        .set("font-family", f.as_str())
                        .to_string(),
                ),
            }
        }
        Runs(s)
    }
}

impl fmt::Display for Runs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Node for Runs {
    fn get_name(&self) -> &str {
        "runs"
    }

    /// Written in line with its parent's tags, as the crate writes a text node.
    fn is_bare(&self) -> bool {
        true
    }
}

impl NodeDefaultHash for Runs {
    fn default_hash(&self, state: &mut DefaultHasher) {
        self.0.hash(state);
    }
}

/// `prefix-id`.
fn id(prefix: &str, id: &str) -> String {
    format!("{prefix}-{id}")
}

/// Sets `name` on `e` (any element of the crate).
fn set(e: &mut impl Node, name: &str, value: impl Into<String>) {
    e.assign(name, value.into());
}

fn stroke_attrs(e: &mut impl Node, s: &Option<Stroke>) {
    if let Some(s) = s {
        set(e, "stroke", s.color.as_str());
        set(e, "stroke-width", num(s.width));
        if !s.dash.is_empty() {
            let d: Vec<String> = s.dash.iter().map(|x| num(*x)).collect();
            set(e, "stroke-dasharray", d.join(" "));
        }
        if s.round {
            set(e, "stroke-linecap", "round");
        }
        set(e, "stroke-linejoin", "round");
    }
}

fn class_attr(e: &mut impl Node, class: &str) {
    if !class.is_empty() {
        set(e, "class", class);
    }
}

fn data_attrs(e: &mut impl Node, data: &[(String, String)]) {
    for (k, v) in data {
        set(e, &format!("data-{k}"), v.as_str());
    }
}

fn rect_attrs(e: &mut impl Node, r: &Rect) {
    set(e, "x", num(r.x));
    set(e, "y", num(r.y));
    set(e, "width", num(r.w));
    set(e, "height", num(r.h));
}

fn path(p: &PathItem) -> Element {
    let mut e = Path::new();
    class_attr(&mut e, &p.class);
    data_attrs(&mut e, &p.data);
    set(&mut e, "d", path_data(&p.parts, p.closed));
    match &p.fill {
        Some(f) => {
            set(&mut e, "fill", f.as_str());
            if p.closed {
                set(&mut e, "fill-rule", "evenodd");
            }
        }
        None => set(&mut e, "fill", "none"),
    }
    stroke_attrs(&mut e, &p.stroke);
    if let Some(t) = &p.title {
        e.append(Title::new(t.as_str()));
    }
    e.into()
}

fn text(t: &TextItem) -> Element {
    // A generic element, not the crate's `Text` (which puts its children on lines of their
    // own): with one bare child it is written inline.
    let mut e = Element::new("text");
    class_attr(&mut e, &t.class);
    set(&mut e, "x", num(t.x));
    set(&mut e, "y", num(t.y));
    set(&mut e, "font-size", num(t.font.size));
    if t.font.bold {
        set(&mut e, "font-weight", "700");
    }
    if t.font.italic {
        set(&mut e, "font-style", "italic");
    }
    if t.font.letter_spacing != 0.0 {
        set(&mut e, "letter-spacing", num(t.font.letter_spacing));
    }
    if t.rtl {
        // The layout anchors RTL text by its middle and isolates it; this tells browsers the
        // base direction too (resvg takes it from the isolate).
        set(&mut e, "direction", "rtl");
        set(&mut e, "unicode-bidi", "embed");
    }
    if let Some(f) = &t.family {
        set(&mut e, "font-family", f.as_str());
    }
    match t.anchor {
        Anchor::Start => {}
        Anchor::Middle => set(&mut e, "text-anchor", "middle"),
        Anchor::End => set(&mut e, "text-anchor", "end"),
    }
    set(&mut e, "fill", t.fill.as_str());
    if let Some((c, width)) = &t.halo {
        set(&mut e, "stroke", c.as_str());
        set(&mut e, "stroke-width", num(*width));
        set(&mut e, "stroke-linejoin", "round");
        set(&mut e, "paint-order", "stroke");
    }
    if t.runs.is_empty() {
        e.append(TextNode::new(t.text.as_str()));
    } else {
        e.append(Runs::of(t));
    }
    e
}

/// A text item as glyph outlines: a group labelled with the text, holding its halo (the
/// outline stroked, under) and the outline filled.
fn text_outline(t: &TextItem, ctx: Ctx<'_>) -> Element {
    // The geometry of the text as written without its halo (the halo is drawn here).
    let plain = TextItem {
        halo: None,
        ..t.clone()
    };
    let d = super::outlines::outline_data(
        &text(&plain).to_string(),
        ctx.font_family,
        ctx.width,
        ctx.height,
    );
    let mut e = SvgGroup::new();
    if t.class.is_empty() {
        set(&mut e, "class", "text-outline");
    } else {
        set(&mut e, "class", format!("{} text-outline", t.class));
    }
    // The text as read, without the isolates layout adds around right-to-left text.
    let label: String = t
        .text
        .chars()
        .filter(|c| !matches!(u32::from(*c), 0x2066..=0x2069))
        .collect();
    set(&mut e, "aria-label", label);
    if !d.is_empty() {
        if let Some((c, width)) = &t.halo {
            let mut h = Path::new();
            set(&mut h, "d", d.as_str());
            set(&mut h, "fill", "none");
            set(&mut h, "stroke", c.as_str());
            set(&mut h, "stroke-width", num(*width));
            set(&mut h, "stroke-linejoin", "round");
            e.append(h);
        }
        let mut f = Path::new();
        set(&mut f, "d", d);
        set(&mut f, "fill", t.fill.as_str());
        e.append(f);
    }
    e.into()
}

fn item(it: &Item, ctx: Ctx<'_>) -> Element {
    match it {
        Item::Path(p) => path(p),
        Item::Text(t) if ctx.outlines => text_outline(t, ctx),
        Item::Text(t) => text(t),
        Item::Circle(c) => {
            let mut e = Circle::new();
            class_attr(&mut e, &c.class);
            set(&mut e, "cx", num(c.c.0));
            set(&mut e, "cy", num(c.c.1));
            set(&mut e, "r", num(c.r));
            set(&mut e, "fill", c.fill.as_deref().unwrap_or("none"));
            stroke_attrs(&mut e, &c.stroke);
            e.into()
        }
        Item::Rect(r) => {
            let mut e = Rectangle::new();
            class_attr(&mut e, &r.class);
            data_attrs(&mut e, &r.data);
            rect_attrs(&mut e, &r.rect);
            if r.radius > 0.0 {
                set(&mut e, "rx", num(r.radius));
            }
            set(&mut e, "fill", r.fill.as_deref().unwrap_or("none"));
            if r.opacity < 1.0 {
                set(&mut e, "fill-opacity", num(r.opacity));
            }
            stroke_attrs(&mut e, &r.stroke);
            e.into()
        }
    }
}

fn group(prefix: &str, g: &Group, ctx: Ctx<'_>) -> SvgGroup {
    let mut e = SvgGroup::new()
        .set("id", id(prefix, &g.id))
        .set("class", g.class.as_str());
    if let Some(c) = &g.clip {
        set(&mut e, "clip-path", format!("url(#{})", id(prefix, c)));
    }
    data_attrs(&mut e, &g.data);
    if let Some(l) = &g.aria_label {
        set(&mut e, "aria-label", l.as_str());
    }
    // Items are built in parallel (path data is most of the work) and added in order: the
    // same document as building them one after another.
    let items: Vec<Element> = {
        use rayon::prelude::*;
        g.items.par_iter().map(|it| item(it, ctx)).collect()
    };
    for it in items {
        e.append(it);
    }
    e
}

/// The Scene as the `svg` crate's document (the root `<svg>` and everything in it).
fn document(scene: &Scene, opts: SvgOptions) -> Document {
    let prefix = scene.id_prefix.as_str();
    let mut doc = Document::new()
        .set("id", prefix)
        .set(
            "viewBox",
            format!("0 0 {} {}", num(scene.width), num(scene.height)),
        )
        .set("role", "img")
        .set(
            "aria-labelledby",
            format!("{} {}", id(prefix, "title"), id(prefix, "desc")),
        )
        .set("font-family", scene.font_family.as_str())
        .set("data-projection", scene.projection.as_str());
    if let Some(v) = &scene.dataset_version {
        set(&mut doc, "data-dataset-version", v.as_str());
    }
    if !opts.fragment {
        set(&mut doc, "width", num(scene.width));
        set(&mut doc, "height", num(scene.height));
    }
    doc.append(Title::new(scene.title.as_str()).set("id", id(prefix, "title")));
    doc.append(
        Description::new()
            .set("id", id(prefix, "desc"))
            .add(TextNode::new(scene.description.as_str())),
    );
    let ctx = Ctx {
        outlines: opts.text_as_paths,
        font_family: scene.font_family.as_str(),
        width: scene.width,
        height: scene.height,
    };
    // The fonts' subsets and the groups, each group written out by the crate, at once (the
    // same bytes as appending the groups themselves: the document writes each child on a
    // line of its own, a blob as given).
    let (css, groups) = rayon::join(
        // Text drawn as outlines needs no fonts.
        || (opts.embed_fonts && !opts.text_as_paths).then(|| super::fonts_embed::style_css(scene)),
        || {
            use rayon::prelude::*;
            scene
                .groups
                .par_iter()
                .map(|g| group(prefix, g, ctx).to_string())
                .collect::<Vec<String>>()
        },
    );
    if let Some(css) = css.filter(|c| !c.is_empty()) {
        // Escaped by the crate as a text node (the CSS holds no `<`, `>` or `&`).
        doc.append(Style::new(css));
    }
    let mut defs = Definitions::new();
    for c in &scene.clips {
        let mut r = Rectangle::new();
        rect_attrs(&mut r, &c.rect);
        defs.append(ClipPath::new().set("id", id(prefix, &c.id)).add(r));
    }
    doc.append(defs);
    let mut bg = Rectangle::new().set("class", "background");
    rect_attrs(
        &mut bg,
        &Rect {
            x: 0.0,
            y: 0.0,
            w: scene.width,
            h: scene.height,
        },
    );
    set(&mut bg, "fill", scene.background.as_str());
    doc.append(bg);
    for g in groups {
        doc.append(svg::node::Blob::new(g));
    }
    doc
}

/// Writes the Scene as an SVG document (or an embed-safe fragment) into `out`: the XML
/// declaration (not in a fragment), the document as the `svg` crate writes it, a newline.
pub fn write(scene: &Scene, opts: SvgOptions, out: &mut dyn Write) -> std::io::Result<()> {
    if !opts.fragment {
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    }
    svg::write(&mut *out, &document(scene, opts))?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Font;
    use crate::scene::TextRun;
    use crate::{Dataset, LoadOptions, RenderOptions};

    /// The default map in Arabic (`--lang ar`: RTL labels isolated and split into script
    /// runs), plus a group of hostile texts: markup, `]]>`, quotes, `&`, bidi controls, runs
    /// with no space between them and a run that is only spaces.
    fn arabic_scene() -> Scene {
        let ds = Dataset::load(&LoadOptions::default()).unwrap();
        let m = ds.measure(None).unwrap();
        let mut opts = RenderOptions::for_dataset(&ds).unwrap();
        opts.lang = "ar".into();
        let mut sc = crate::map::scene(&ds, &m, &opts).unwrap();
        let run = |t: &str, f: Option<&str>| TextRun {
            text: t.into(),
            family: f.map(str::to_string),
        };
        let item = |text: &str, runs: Vec<TextRun>, rtl: bool| {
            Item::Text(TextItem {
                x: 1.0,
                y: 2.0,
                text: text.into(),
                font: Font::regular(12.0),
                fill: "#000".into(),
                halo: None,
                anchor: Anchor::Middle,
                class: "hostile \"q' <x>".into(),
                rtl,
                family: Some("Noto Sans Arabic, \"Noto Sans\"".into()),
                runs,
            })
        };
        let hostile = "\u{2067}قوات <script>alert(1)</script> ]]> & \"q\" 'a' \u{202E}x\u{2069}";
        sc.groups.push(Group {
            id: "hostile".into(),
            class: "hostile".into(),
            clip: None,
            items: vec![
                item(hostile, Vec::new(), true),
                item(
                    "\u{2067}قوات(SDF)<b>&amp;  \u{2069}",
                    vec![
                        run("\u{2067}قوات", None),
                        run("(SDF)", Some("Noto Sans")),
                        run("<b>&amp;", None),
                        run("  ", Some("Noto Sans")),
                        run("\u{2069}", None),
                    ],
                    true,
                ),
                item("", Vec::new(), false),
            ],
            aria_label: None,
            data: Vec::new(),
        });
        sc
    }

    /// The text of an element as a reader gets it back: its text nodes and those of its
    /// descendants, in order.
    fn read_back(n: roxmltree::Node<'_, '_>) -> String {
        n.descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect()
    }

    #[test]
    fn every_text_reads_back_as_the_scene_gives_it() {
        let sc = arabic_scene();
        let mut out = Vec::new();
        write(&sc, SvgOptions::default(), &mut out).unwrap();
        let svg = String::from_utf8(out).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let written: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .collect();
        let texts: Vec<&TextItem> = sc
            .groups
            .iter()
            .flat_map(|g| &g.items)
            .filter_map(|it| match it {
                Item::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(written.len(), texts.len());
        let with_runs = texts.iter().filter(|t| !t.runs.is_empty()).count();
        assert!(
            with_runs >= 3,
            "{with_runs} texts set in runs: the case to watch"
        );
        assert!(texts.iter().filter(|t| t.rtl).count() >= 5);
        for (n, t) in written.iter().zip(&texts) {
            assert_eq!(read_back(*n), t.text, "read-back of {:?}", t.text);
            assert_eq!(n.attribute("class").unwrap_or(""), t.class);
            assert_eq!(n.attribute("font-family"), t.family.as_deref());
            assert_eq!(n.attribute("direction"), t.rtl.then_some("rtl"));
            // The runs as the layout set them: a text node in the text's family, a <tspan>
            // in another; nothing else between them (no added white space).
            let kids: Vec<(Option<&str>, String)> = n
                .children()
                .map(|c| (c.attribute("font-family"), read_back(c)))
                .collect();
            let want: Vec<(Option<&str>, String)> = if t.runs.is_empty() {
                if t.text.is_empty() {
                    Vec::new()
                } else {
                    vec![(None, t.text.clone())]
                }
            } else {
                t.runs
                    .iter()
                    .map(|r| (r.family.as_deref(), r.text.clone()))
                    .collect()
            };
            assert_eq!(kids, want, "children of {:?}", t.text);
        }
        // Inline in the bytes too: no newline inside any <text>.
        for chunk in svg.split("<text").skip(1) {
            let body = chunk.split("</text>").next().unwrap();
            assert!(!body.contains('\n'), "a newline inside <text{body}");
        }
        assert!(!svg.contains("<script"));
    }

    #[test]
    fn fragment_standalone_and_stable_bytes() {
        let sc = arabic_scene();
        let bytes = |fragment| {
            let mut out = Vec::new();
            write(
                &sc,
                SvgOptions {
                    fragment,
                    embed_fonts: false,
                    text_as_paths: false,
                },
                &mut out,
            )
            .unwrap();
            String::from_utf8(out).unwrap()
        };
        let (full, frag) = (bytes(false), bytes(true));
        assert_eq!(full, bytes(false));
        assert!(full.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
        assert!(frag.starts_with("<svg ") && full.ends_with("</svg>\n"));
        for (svg, fragment) in [(&full, false), (&frag, true)] {
            let doc = roxmltree::Document::parse(svg).unwrap();
            let root = doc.root_element();
            assert_eq!(
                root.tag_name().namespace(),
                Some("http://www.w3.org/2000/svg")
            );
            assert_eq!(root.attribute("role"), Some("img"));
            assert!(root.attribute("viewBox").is_some());
            assert_eq!(root.attribute("width").is_some(), !fragment);
            assert_eq!(root.attribute("height").is_some(), !fragment);
            let p = &sc.id_prefix;
            for n in doc.descendants() {
                if let Some(id) = n.attribute("id") {
                    assert!(id == p || id.starts_with(&format!("{p}-")), "{id}");
                }
            }
            let title = root.first_element_child().unwrap();
            assert_eq!(title.tag_name().name(), "title");
            assert_eq!(title.text(), Some(sc.title.as_str()));
            let desc = title.next_sibling_element().unwrap();
            assert_eq!(desc.tag_name().name(), "desc");
            assert_eq!(desc.text(), Some(sc.description.as_str()));
        }
    }

    #[test]
    fn push_num_writes_what_num_writes() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut vals = vec![
            0.0, -0.0, 0.004, -0.004, 0.005, 0.125, -0.125, 1.005, 99.995, 1e14, -3.5,
        ];
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = (x >> 11) as f64 / (1u64 << 53) as f64;
            vals.push((f - 0.5) * 4000.0);
            vals.push((f * 4000.0).round() / 100.0 + 0.005);
        }
        for v in vals {
            let mut s = String::new();
            push_num(&mut s, v);
            assert_eq!(s, num(v), "{v:e}");
        }
    }
}
