//! Text helpers of the layout: wrapping, number and degree formatting, class slugs, titles,
//! and the bidi pass for right-to-left text.

use super::{Anchor, Item, Layout, TextRun};
use crate::fonts::{Font, Measurer};

/// A class-safe slug: lowercase ASCII letters and digits, other runs as `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "x".into() } else { out }
}

/// A value's short form for map labels: without a trailing parenthesis.
pub(crate) fn short_name(v: &str) -> String {
    match v.find(" (") {
        Some(i) if i > 0 => v.get(..i).unwrap_or(v).to_string(),
        _ => v.to_string(),
    }
}

pub(crate) fn river_name(n: &str) -> String {
    short_name(n)
}

/// `36° N`, `40° E`, `1.5° W`.
pub(crate) fn fmt_deg(v: f64, pos: char, neg: char) -> String {
    let h = if v < 0.0 { neg } else { pos };
    format!("{}° {h}", fmt_num(v.abs()))
}

/// A number with up to 2 decimals and no trailing zeros.
pub(crate) fn fmt_num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

impl Layout<'_> {
    /// A segment's tooltip: its values (the first layer's alone, the others as "layer:
    /// value"), its length and where it runs, in the map's language.
    pub(crate) fn segment_title(&self, seg: &crate::measure::MeasuredSegment) -> String {
        let loc = self.inp.locale;
        let mut parts = Vec::new();
        for (i, (layer, v)) in seg.values.iter().enumerate() {
            let v = v.as_deref().map_or(self.no_data.clone(), |v| {
                self.value_in(layer, v).to_string()
            });
            if i == 0 {
                parts.push(v);
            } else {
                let title = self
                    .inp
                    .model
                    .measured
                    .layers
                    .iter()
                    .find(|l| &l.id == layer)
                    .map_or_else(|| layer.clone(), |l| self.title_in(layer, &l.title));
                parts.push(format!("{title}: {v}"));
            }
        }
        if parts.is_empty() {
            parts.push(self.inp.model.border_name.clone());
        }
        loc.text(
            "segment-tooltip",
            &[
                ("values", &parts.join(", ")),
                ("length", &loc.km(seg.length_m)),
                ("from", &loc.number(seg.from_m / 1000.0, 1)),
                ("to", &loc.number(seg.to_m / 1000.0, 1)),
            ],
        )
    }
}

/// Between the two values of a change on a map: `›` (the bundled Noto Sans has no `→`).
pub const CHANGE_MARK: &str = "›";

/// The text of a change: `before › after` (a gap as `gap`, "(no data)" in the map's
/// language).
pub(crate) fn change_text(before: Option<&str>, after: Option<&str>, gap: &str) -> String {
    format!(
        "{} {CHANGE_MARK} {}",
        before.unwrap_or(gap),
        after.unwrap_or(gap)
    )
}

/// Moves a lone mark ("/", "·", "—") that a wrap put at the start of a line to the end of the
/// line before, where it belongs in either writing direction.
pub(crate) fn keep_marks(mut lines: Vec<String>) -> Vec<String> {
    for i in 1..lines.len() {
        let Some(line) = lines.get(i) else { break };
        let Some((first, rest)) = line.split_once(' ') else {
            continue;
        };
        if first.chars().any(char::is_alphanumeric) {
            continue;
        }
        let (first, rest) = (first.to_string(), rest.to_string());
        if let Some(prev) = lines.get_mut(i - 1) {
            prev.push(' ');
            prev.push_str(&first);
        }
        if let Some(line) = lines.get_mut(i) {
            *line = rest;
        }
    }
    lines
}

/// Greedy word wrap to `max` px.
///
/// Each line is the longest run of words that fits (at least one word). Widths grow with every
/// word added, so the run is found by a galloping then binary search: O(log n) measurements
/// per line instead of one per word (text measurement is the expensive part of a layout).
pub(crate) fn wrap(m: &mut Measurer, text: &str, font: Font, max: f64) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    // Widths estimated from one shaping of the paragraph pick each break; the shaped width of
    // the line decides it, so lines are those the exact search alone would give.
    let spans = m.word_spans(&words, font);
    let mut lines = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let rest = words.get(i..).unwrap_or_default();
        let mut fits = |k: usize| m.width(&rest.get(..k).unwrap_or(rest).join(" "), font) <= max;
        let lo = match &spans {
            Some((starts, ends)) => {
                let x0 = starts.get(i).copied().unwrap_or(0.0);
                let est = |k: usize| ends.get(i + k - 1).map_or(f64::INFINITY, |e| e - x0);
                let mut k = 1;
                while k < rest.len() && est(k + 1) <= max {
                    k += 1;
                }
                // The estimate is the shaped width up to f32 rounding and kerning against a
                // space (well under a pixel at map sizes): clear of the limit by 2 px on both
                // sides, it decides alone; nearer, the shaped lines do.
                const CLEAR_PX: f64 = 2.0;
                if est(k) <= max - CLEAR_PX && (k == rest.len() || est(k + 1) > max + CLEAR_PX) {
                    // Decided.
                } else if fits(k) {
                    // One more word only if the estimate comes within a pixel of fitting.
                    while k < rest.len() && est(k + 1) <= max + 1.0 && fits(k + 1) {
                        k += 1;
                    }
                } else {
                    while k > 1 && !fits(k) {
                        k -= 1;
                    }
                }
                k
            }
            None => {
                // Largest k in 1..=rest.len() with fits(k) (k = 1 always taken).
                let (mut lo, mut hi) = (1, 2);
                while hi <= rest.len() && fits(hi) {
                    lo = hi;
                    hi *= 2;
                }
                let mut hi = hi.min(rest.len() + 1);
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2;
                    if fits(mid) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                lo
            }
        };
        lines.push(rest.get(..lo).unwrap_or(rest).join(" "));
        i += lo;
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

impl Layout<'_> {
    /// Right-to-left text: anchored by the middle of the box it was laid out in (SVG renderers
    /// disagree on which end `start` means in RTL text; the middle is the same in all), and
    /// isolated (U+2067 … U+2069) so its words are ordered the same whatever base direction a
    /// renderer assumes.
    pub(crate) fn bidi(&mut self, item: &mut Item) {
        let Item::Text(t) = item else {
            return;
        };
        if !crate::fonts::has_rtl(&t.text) {
            return;
        }
        let w = self.m.width(&t.text, t.font);
        match t.anchor {
            Anchor::Start => t.x += w / 2.0,
            Anchor::End => t.x -= w / 2.0,
            Anchor::Middle => {}
        }
        t.anchor = Anchor::Middle;
        t.text = format!("\u{2067}{}\u{2069}", t.text);
        // Arabic in Noto Sans Arabic, what it lacks (brackets, `/`, Latin) in the document's
        // family: resvg drops glyphs that need a fallback font when the fallback shapes to a
        // different glyph count (lam-alef ligatures). `Measurer` measures the same runs.
        let doc = &self.s.font_family;
        t.rtl = true;
        t.family = Some(format!("{}, {doc}", crate::fonts::ARABIC_FAMILY));
        t.runs = crate::fonts::script_runs(&t.text)
            .into_iter()
            .map(|(run, arabic)| TextRun {
                text: run.to_string(),
                family: (!arabic).then(|| doc.clone()),
            })
            .collect();
        if t.class == "footer" {
            // Footer lines mix Arabic with Latin sources and cites: each Latin run is isolated
            // (U+2066 … U+2069), so its brackets and figures read left to right in place.
            t.runs = isolate_latin_runs(std::mem::take(&mut t.runs));
            t.text = t.runs.iter().map(|r| r.text.as_str()).collect();
        }
    }
}

/// Runs of an RTL text with each run in another family that holds a letter (a Latin source,
/// a cite) isolated left to right: U+2066 before its first letter (and the brackets and quotes
/// opening right before it) and U+2069 after its last
/// letter, figure or closing bracket (the separators after it stay outside, between it and the
/// Arabic). The controls are set in runs of the text's own family (Noto Sans Arabic), where
/// they are zero-width, never in the Latin run (resvg draws them there as missing glyphs).
fn isolate_latin_runs(runs: Vec<TextRun>) -> Vec<TextRun> {
    const LRI: &str = "\u{2066}";
    const PDI: &str = "\u{2069}";
    let own = |text: &str| TextRun {
        text: text.to_string(),
        family: None,
    };
    let mut out: Vec<TextRun> = Vec::with_capacity(runs.len() + 4);
    for run in runs {
        let latin = run.family.is_some() && run.text.chars().any(char::is_alphabetic);
        if !latin {
            out.push(run);
            continue;
        }
        let closing = |c: char| {
            c.is_alphanumeric() || matches!(c, ')' | ']' | '"' | '\'' | '\u{201d}' | '\u{2019}')
        };
        let end = run
            .text
            .char_indices()
            .rev()
            .find(|(_, c)| closing(*c))
            .map_or(run.text.len(), |(i, c)| i + c.len_utf8());
        // From its first letter: figures and brackets before it read with the Arabic.
        let start = run
            .text
            .char_indices()
            .find(|(_, c)| c.is_alphabetic())
            .map_or(0, |(i, _)| i)
            .min(end);
        // With the figures of its word ("964media") and the brackets and quotes that open
        // right before it, as those after it close.
        let start = run
            .text
            .get(..start)
            .unwrap_or("")
            .char_indices()
            .rev()
            .take_while(|(_, c)| {
                c.is_alphanumeric() || matches!(c, '(' | '[' | '"' | '\'' | '\u{201c}' | '\u{2018}')
            })
            .last()
            .map_or(start, |(i, _)| i);
        let (head, core) = run.text.split_at(start);
        let (core, rest) = core.split_at(end - start);
        if !head.is_empty() {
            out.push(TextRun {
                text: head.to_string(),
                family: run.family.clone(),
            });
        }
        out.push(own(LRI));
        out.push(TextRun {
            text: core.to_string(),
            family: run.family.clone(),
        });
        out.push(own(PDI));
        if !rest.is_empty() {
            out.push(TextRun {
                text: rest.to_string(),
                family: run.family,
            });
        }
    }
    // Neighbouring runs in one family are one run (as the SVG writer writes them).
    let mut merged: Vec<TextRun> = Vec::with_capacity(out.len());
    for run in out {
        match merged.last_mut() {
            Some(last) if last.family == run.family => last.text.push_str(&run.text),
            _ => merged.push(run),
        }
    }
    merged
}
