//! The editor's words on a map (title, subtitle, notes, credit) and the two blocks they go in:
//! the title block above the frame and the footer below it, sized for the page's readers.

use super::footer::{FooterForm, FooterInput, footer_text};
use super::items::text_lines;
use super::text::wrap;
use super::{FOOTER_LEADING, LayoutInput, Page};
use crate::fonts::{Font, Measurer};
use crate::model::{Editorial, FOOTER_MAX_LINES, FOOTER_MAX_SHARE, FooterMode};
use crate::scene::{Anchor, Item, Rect};

/// The title block: its text items, its rectangle (zero height without one) and the y where
/// the map frame may start, px.
pub(super) struct TitleBlock {
    pub(super) items: Vec<Item>,
    pub(super) rect: Rect,
    pub(super) frame_top: f64,
}

impl TitleBlock {
    /// No title block: nothing drawn, the frame from the top margin (px).
    fn none(margin: f64, width: f64) -> TitleBlock {
        TitleBlock {
            items: Vec::new(),
            rect: Rect {
                x: margin,
                y: margin,
                w: width,
                h: 0.0,
            },
            frame_top: margin,
        }
    }
}

/// Lays out the headline and subtitle at the top of the page.
pub(super) fn title_block(
    inp: &LayoutInput<'_>,
    page: &Page,
    m: &mut Measurer,
    title: &str,
) -> TitleBlock {
    let s = inp.style;
    let margin = page.margin;
    let text_w = inp.width - 2.0 * margin;
    let ed = inp.model.editorial;
    if ed.no_title {
        return TitleBlock::none(margin, text_w);
    }
    let title_font = Font::bold(page.title_size);
    let title_lines = if title.trim().is_empty() {
        Vec::new()
    } else {
        wrap(m, title, title_font, text_w)
    };
    let has_title = !title_lines.is_empty();
    let (mut items, last) = text_lines(
        title_lines,
        (margin, margin + page.title_size * 0.9),
        page.title_size * 1.2,
        title_font,
        &s.text,
        "title",
    );
    let sub = &inp.model.subtitle;
    let sub_font = Font::regular(s.label_size);
    let sub_lines = if sub.trim().is_empty() {
        Vec::new()
    } else {
        wrap(m, sub, sub_font, text_w)
    };
    // The first subtitle line sits under the headline, or at the top without one.
    let first = if has_title {
        last + s.label_size + 9.0
    } else {
        margin + s.label_size
    };
    let has_sub = !sub_lines.is_empty();
    let (sub_items, base) = text_lines(
        sub_lines,
        (margin, first),
        s.label_size * 1.3,
        sub_font,
        &s.muted_text,
        "subtitle",
    );
    items.extend(sub_items);
    if items.is_empty() {
        return TitleBlock::none(margin, text_w);
    }
    // The block reaches from the top margin to below its last line's descenders; the frame
    // starts 14 px under that line's baseline.
    let (base, size) = if has_sub {
        (base, s.label_size)
    } else {
        (last, page.title_size)
    };
    TitleBlock {
        items,
        rect: Rect {
            x: margin,
            y: margin,
            w: text_w,
            h: base + size * 0.3 - margin,
        },
        frame_top: base + 14.0,
    }
}

/// The footer's lines for the editor's mode: the editor's notes, then the sources and
/// credits in the form the mode (and, for [`FooterMode::Auto`], the page) calls for.
pub(super) fn footer_lines(
    fin: &FooterInput<'_>,
    ed: &Editorial,
    page: &Page,
    m: &mut Measurer,
    (width, height): (f64, f64),
    size: f64,
) -> Vec<String> {
    let font = Font::regular(size);
    let mut lines: Vec<String> = Vec::new();
    for n in ed.notes.iter().filter(|n| !n.trim().is_empty()) {
        lines.extend(wrap(m, n.trim(), font, width));
    }
    let forms: &[FooterForm] = match ed.footer {
        FooterMode::Auto => &[FooterForm::Full, FooterForm::Cited, FooterForm::Outlets],
        FooterMode::Full => &[FooterForm::Full],
        FooterMode::Short => &[FooterForm::Cited],
        FooterMode::None => {
            if let Some(c) = ed.credit.as_deref().filter(|c| !c.trim().is_empty()) {
                lines.extend(wrap(m, c.trim(), font, width));
            }
            return lines;
        }
    };
    let max_h = FOOTER_MAX_SHARE * height;
    let max_lines = if page.compact {
        usize::MAX
    } else {
        FOOTER_MAX_LINES
    };
    let lh = size * FOOTER_LEADING;
    let mut chosen = Vec::new();
    for (i, &form) in forms.iter().enumerate() {
        chosen = footer_text(fin, m, width, form, size);
        let n = lines.len() + chosen.len();
        let last = i + 1 == forms.len();
        if last || (n <= max_lines && lh * n as f64 <= max_h) {
            break;
        }
    }
    lines.extend(chosen);
    lines
}

/// The footer's text items from its lines, from `top` down, px.
pub(super) fn footer_items(
    lines: &[String],
    (x, top): (f64, f64),
    size: f64,
    fill: &str,
) -> Vec<Item> {
    let lh = size * FOOTER_LEADING;
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            Item::plain_text(
                x,
                top + size + lh * i as f64,
                line.clone(),
                Font::regular(size),
                fill,
                Anchor::Start,
                "footer",
            )
        })
        .collect()
}
