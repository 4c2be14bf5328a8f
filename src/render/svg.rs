//! Scene → SVG. XML is written with `quick-xml`, which escapes text and attribute values
//! (`&`, `<`, `>`, `"`, `'`), so names and sources from input files are always text, never
//! markup. Numbers are written at fixed precision (2 decimals, trailing zeros trimmed), so the
//! same Scene gives the same bytes on every machine. Every id carries the Scene's prefix.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::layout::{Anchor, Group, Item, PathItem, Pt, Rect, Scene, Stroke};

/// How to write the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SvgOptions {
    /// Embed-safe fragment: no XML declaration and no fixed width/height (scales to its
    /// container through the `viewBox`).
    pub fragment: bool,
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

struct W<'w> {
    w: Writer<&'w mut dyn Write>,
    prefix: String,
    /// The root's `font-family` (the style's).
    family: String,
}

type Attrs = Vec<(String, String)>;

impl W<'_> {
    fn start(&mut self, name: &str, attrs: &Attrs) -> std::io::Result<()> {
        let mut e = BytesStart::new(name);
        for (k, v) in attrs {
            e.push_attribute((k.as_str(), v.as_str()));
        }
        self.w.write_event(Event::Start(e))
    }
    fn empty(&mut self, name: &str, attrs: &Attrs) -> std::io::Result<()> {
        let mut e = BytesStart::new(name);
        for (k, v) in attrs {
            e.push_attribute((k.as_str(), v.as_str()));
        }
        self.w.write_event(Event::Empty(e))
    }
    fn end(&mut self, name: &str) -> std::io::Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(name)))
    }
    fn text_el(&mut self, name: &str, attrs: &Attrs, text: &str) -> std::io::Result<()> {
        self.start(name, attrs)?;
        self.w.write_event(Event::Text(BytesText::new(text)))?;
        self.end(name)
    }
    fn nl(&mut self) -> std::io::Result<()> {
        self.w.get_mut().write_all(b"\n")
    }
    fn id(&self, id: &str) -> String {
        format!("{}-{id}", self.prefix)
    }
}

fn a(k: &str, v: impl Into<String>) -> (String, String) {
    (k.to_string(), v.into())
}

fn stroke_attrs(out: &mut Attrs, s: &Option<Stroke>) {
    if let Some(s) = s {
        {
            out.push(a("stroke", &s.color));
            out.push(a("stroke-width", num(s.width)));
            if !s.dash.is_empty() {
                let d: Vec<String> = s.dash.iter().map(|x| num(*x)).collect();
                out.push(a("stroke-dasharray", d.join(" ")));
            }
            if s.round {
                out.push(a("stroke-linecap", "round"));
            }
            out.push(a("stroke-linejoin", "round"));
        }
    }
}

fn class_attr(out: &mut Attrs, class: &str) {
    if !class.is_empty() {
        out.push(a("class", class));
    }
}

fn path(w: &mut W<'_>, p: &PathItem) -> std::io::Result<()> {
    let mut at = Vec::new();
    class_attr(&mut at, &p.class);
    for (k, v) in &p.data {
        at.push(a(&format!("data-{k}"), v));
    }
    at.push(a("d", path_data(&p.parts, p.closed)));
    match &p.fill {
        Some(f) => {
            at.push(a("fill", f));
            if p.closed {
                at.push(a("fill-rule", "evenodd"));
            }
        }
        None => at.push(a("fill", "none")),
    }
    stroke_attrs(&mut at, &p.stroke);
    match &p.title {
        Some(t) => {
            w.start("path", &at)?;
            w.text_el("title", &Vec::new(), t)?;
            w.end("path")
        }
        None => w.empty("path", &at),
    }
}

fn item(w: &mut W<'_>, it: &Item) -> std::io::Result<()> {
    match it {
        Item::Path(p) => path(w, p)?,
        Item::Text(t) => {
            let mut at = Vec::new();
            class_attr(&mut at, &t.class);
            at.push(a("x", num(t.x)));
            at.push(a("y", num(t.y)));
            at.push(a("font-size", num(t.font.size)));
            if t.font.bold {
                at.push(a("font-weight", "700"));
            }
            if t.font.italic {
                at.push(a("font-style", "italic"));
            }
            if t.font.letter_spacing != 0.0 {
                at.push(a("letter-spacing", num(t.font.letter_spacing)));
            }
            if t.rtl {
                // The layout anchors RTL text by its middle and isolates it; this tells
                // browsers the base direction too (resvg takes it from the isolate).
                at.push(a("direction", "rtl"));
                at.push(a("unicode-bidi", "embed"));
            }
            if let Some(f) = &t.family {
                at.push(a("font-family", f));
            }
            match t.anchor {
                Anchor::Start => {}
                Anchor::Middle => at.push(a("text-anchor", "middle")),
                Anchor::End => at.push(a("text-anchor", "end")),
            }
            at.push(a("fill", &t.fill));
            if let Some((c, width)) = &t.halo {
                at.push(a("stroke", c));
                at.push(a("stroke-width", num(*width)));
                at.push(a("stroke-linejoin", "round"));
                at.push(a("paint-order", "stroke"));
            }
            if t.runs.is_empty() {
                w.text_el("text", &at, &t.text)?;
            } else {
                // Each run as the layout set it: in the text's family as a text node, in
                // another family as a <tspan>.
                w.start("text", &at)?;
                for run in &t.runs {
                    match &run.family {
                        None => w.w.write_event(Event::Text(BytesText::new(&run.text)))?,
                        Some(f) => w.text_el("tspan", &vec![a("font-family", f)], &run.text)?,
                    }
                }
                w.end("text")?;
            }
        }
        Item::Circle(c) => {
            let mut at = Vec::new();
            class_attr(&mut at, &c.class);
            at.push(a("cx", num(c.c.0)));
            at.push(a("cy", num(c.c.1)));
            at.push(a("r", num(c.r)));
            at.push(a("fill", c.fill.clone().unwrap_or_else(|| "none".into())));
            stroke_attrs(&mut at, &c.stroke);
            w.empty("circle", &at)?;
        }
        Item::Rect(r) => {
            let mut at = Vec::new();
            class_attr(&mut at, &r.class);
            for (k, v) in &r.data {
                at.push(a(&format!("data-{k}"), v));
            }
            rect_attrs(&mut at, &r.rect);
            if r.radius > 0.0 {
                at.push(a("rx", num(r.radius)));
            }
            at.push(a("fill", r.fill.clone().unwrap_or_else(|| "none".into())));
            if r.opacity < 1.0 {
                at.push(a("fill-opacity", num(r.opacity)));
            }
            stroke_attrs(&mut at, &r.stroke);
            w.empty("rect", &at)?;
        }
    }
    w.nl()
}

fn rect_attrs(at: &mut Attrs, r: &Rect) {
    at.push(a("x", num(r.x)));
    at.push(a("y", num(r.y)));
    at.push(a("width", num(r.w)));
    at.push(a("height", num(r.h)));
}

fn group(w: &mut W<'_>, g: &Group) -> std::io::Result<()> {
    let mut at = vec![a("id", w.id(&g.id)), a("class", &g.class)];
    if let Some(c) = &g.clip {
        at.push(a("clip-path", format!("url(#{})", w.id(c))));
    }
    w.start("g", &at)?;
    w.nl()?;
    // Items are written into buffers in parallel, a run of them per task, then copied in
    // order: the same bytes as writing them one after another (the writer keeps no state
    // between elements).
    let chunks: Vec<std::io::Result<Vec<u8>>> = {
        use rayon::prelude::*;
        let (prefix, family) = (&w.prefix, &w.family);
        g.items
            .par_chunks(16)
            .map(|run| {
                let mut buf = Vec::new();
                let mut cw = W {
                    w: Writer::new(&mut buf),
                    prefix: prefix.clone(),
                    family: family.clone(),
                };
                for it in run {
                    item(&mut cw, it)?;
                }
                drop(cw);
                Ok(buf)
            })
            .collect()
    };
    for c in chunks {
        w.w.get_mut().write_all(&c?)?;
    }
    w.end("g")?;
    w.nl()
}

/// Writes the Scene as an SVG document (or an embed-safe fragment) into `out`.
pub fn write(scene: &Scene, opts: SvgOptions, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = W {
        w: Writer::new(out),
        prefix: scene.id_prefix.clone(),
        family: scene.font_family.clone(),
    };
    if !opts.fragment {
        w.w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.nl()?;
    }
    let mut at = vec![
        a("xmlns", "http://www.w3.org/2000/svg"),
        a("id", scene.id_prefix.clone()),
        a(
            "viewBox",
            format!("0 0 {} {}", num(scene.width), num(scene.height)),
        ),
    ];
    if !opts.fragment {
        at.push(a("width", num(scene.width)));
        at.push(a("height", num(scene.height)));
    }
    at.push(a("role", "img"));
    at.push(a(
        "aria-labelledby",
        format!("{} {}", w.id("title"), w.id("desc")),
    ));
    at.push(a("font-family", &scene.font_family));
    at.push(a("data-projection", &scene.projection));
    w.start("svg", &at)?;
    w.nl()?;
    w.text_el("title", &vec![a("id", w.id("title"))], &scene.title)?;
    w.nl()?;
    w.text_el("desc", &vec![a("id", w.id("desc"))], &scene.description)?;
    w.nl()?;
    w.start("defs", &Vec::new())?;
    w.nl()?;
    for c in &scene.clips {
        w.start("clipPath", &vec![a("id", w.id(&c.id))])?;
        let mut at = Vec::new();
        rect_attrs(&mut at, &c.rect);
        w.empty("rect", &at)?;
        w.end("clipPath")?;
        w.nl()?;
    }
    w.end("defs")?;
    w.nl()?;
    let mut bg = vec![a("class", "background")];
    rect_attrs(
        &mut bg,
        &Rect {
            x: 0.0,
            y: 0.0,
            w: scene.width,
            h: scene.height,
        },
    );
    bg.push(a("fill", &scene.background));
    w.empty("rect", &bg)?;
    w.nl()?;
    for g in &scene.groups {
        group(&mut w, g)?;
    }
    w.end("svg")?;
    w.nl()
}

#[cfg(test)]
mod tests {
    use super::*;

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
