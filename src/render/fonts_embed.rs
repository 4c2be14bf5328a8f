//! The bundled fonts as `@font-face` rules for a standalone SVG: each face the Scene's text
//! uses (Noto Sans / Noto Sans Arabic, regular / bold), subset to the characters set in it and
//! written as a base64 `data:` URL, so the file lays out with the fonts it was measured with in
//! any browser, installed fonts or not.
//!
//! Subsetting is `skera` (fontations' port of hb-subset, pure Rust): unlike `subsetter` (whose
//! output is for PDF only) it keeps `cmap`, and `GSUB`/`GPOS`/`GDEF` with the glyphs their rules
//! reach (layout closure), so Arabic still joins and kerning still applies. Hinting is dropped
//! (browsers and resvg lay out unhinted advances). The output is a function of the input
//! fonts and character sets only: the same Scene gives the same bytes.

use std::collections::BTreeSet;

use base64::Engine as _;
use read_fonts::collections::IntSet;
use read_fonts::types::{GlyphId, NameId, Tag};
use read_fonts::{FontRef, TableProvider as _};

use crate::fonts::{ARABIC_FAMILY, FAMILY, FONT_FILES};
use crate::scene::{Item, Scene, TextItem};

/// One bundled face: its family, CSS weight and file.
struct Face {
    family: &'static str,
    weight: u16,
    data: &'static [u8],
}

/// The bundled faces, in the order their rules are written (that of [`FONT_FILES`]).
fn faces() -> [Face; 4] {
    let [regular, bold, ar_regular, ar_bold] = FONT_FILES;
    [
        Face {
            family: FAMILY,
            weight: 400,
            data: regular,
        },
        Face {
            family: FAMILY,
            weight: 700,
            data: bold,
        },
        Face {
            family: ARABIC_FAMILY,
            weight: 400,
            data: ar_regular,
        },
        Face {
            family: ARABIC_FAMILY,
            weight: 700,
            data: ar_bold,
        },
    ]
}

/// The families of a CSS `font-family` list, unquoted and trimmed.
fn family_list(list: &str) -> impl Iterator<Item = &str> {
    list.split(',')
        .map(|f| f.trim().trim_matches(|c| c == '"' || c == '\''))
}

/// Whether `font` maps `c` to a glyph.
fn covers(font: &FontRef<'_>, c: char) -> bool {
    font.cmap()
        .ok()
        .and_then(|cmap| cmap.map_codepoint(c))
        .is_some_and(|g| g.to_u32() != 0)
}

/// The characters each face is asked for (indexed as [`faces`]): every character of every
/// text goes to the face a browser picks for it, as CSS font matching does, character by
/// character: the first family in the list it is set in (the run's, else the text's, else the
/// document's) whose face at the text's weight has it. Families that are not bundled are
/// skipped (an installed font of that name may or may not be there: the bundled face after it
/// is what the layout measured).
fn characters(scene: &Scene) -> [BTreeSet<char>; 4] {
    let all = faces();
    let fonts: Vec<Option<FontRef<'static>>> =
        all.iter().map(|f| FontRef::new(f.data).ok()).collect();
    let mut sets: [BTreeSet<char>; 4] = Default::default();
    let mut add = |text: &str, families: &str, bold: bool| {
        // The bundled faces of the list, in its order, at this weight.
        let candidates: Vec<usize> = family_list(families)
            .flat_map(|w| {
                all.iter().enumerate().filter(move |(_, f)| {
                    w.eq_ignore_ascii_case(f.family) && (f.weight == 700) == bold
                })
            })
            .map(|(i, _)| i)
            .collect();
        for c in text.chars() {
            let pick = candidates.iter().copied().find(|&i| {
                fonts
                    .get(i)
                    .and_then(Option::as_ref)
                    .is_some_and(|font| covers(font, c))
            });
            if let Some(set) = pick.and_then(|i| sets.get_mut(i)) {
                set.insert(c);
            }
        }
    };
    for g in &scene.groups {
        for it in &g.items {
            let Item::Text(t) = it else { continue };
            let families = text_families(scene, t);
            if t.runs.is_empty() {
                add(&t.text, families, t.font.bold);
            }
            for run in &t.runs {
                add(
                    &run.text,
                    run.family.as_deref().unwrap_or(families),
                    t.font.bold,
                );
            }
        }
    }
    sets
}

/// The family list a text is set in: its own, else the document's.
fn text_families<'a>(scene: &'a Scene, t: &'a TextItem) -> &'a str {
    t.family.as_deref().unwrap_or(scene.font_family.as_str())
}

/// `data` subset to `chars` (and the glyphs layout rules reach from them), as a TrueType
/// font keeping `cmap`, `GSUB`, `GPOS`, `GDEF`. `None` if the font cannot be read or subset
/// (the rule is then left out: the text falls back to installed fonts, as without embedding).
pub fn subset(data: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let font = FontRef::new(data).ok()?;
    let unicodes: IntSet<u32> = chars.iter().map(|&c| u32::from(c)).collect();
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert(); // every script
    let features: IntSet<Tag> = skera::DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    let drop: IntSet<Tag> = skera::DEFAULT_DROP_TABLES.iter().copied().collect();
    // hb-subset's defaults: name ids 0–6 (copyright, family, ..., PostScript name), English.
    let name_ids: IntSet<NameId> = (0..=6u16).map(NameId::from).collect();
    let name_languages: IntSet<u16> = [0x0409u16].into_iter().collect();
    let plan = skera::Plan::new(
        &IntSet::<GlyphId>::empty(),
        &unicodes,
        &font,
        skera::SubsetFlags::SUBSET_FLAGS_NO_HINTING,
        &drop,
        &scripts,
        &features,
        &name_ids,
        &name_languages,
    );
    skera::subset_font(&font, &plan).ok()
}

/// The standalone SVG's embedded-font CSS: the `@font-face` rules ([`font_face_css`]; none:
/// empty) and, scoped to the document's root (`#prefix`), `text-rendering: geometricPrecision`
/// on its text. Without it Chromium on Linux (at 1 device px per px) rounds every glyph
/// advance to a whole px at small sizes: the default map's first footer line, laid out at
/// 1143.8 px, is 1164 px there even with the embedded fonts (1175 px with the hinted
/// originals); with it, 1143.81 px. resvg draws text the same either way.
pub fn style_css(scene: &Scene) -> String {
    let mut css = font_face_css(scene);
    if !css.is_empty() {
        css.push('#');
        css.push_str(&scene.id_prefix);
        css.push_str(" text{text-rendering:geometricPrecision}");
    }
    css
}

/// The `@font-face` rules for `scene` (empty when it sets no text in the bundled fonts): one
/// per face used, in the order of [`FONT_FILES`], each a subset as
/// `url(data:font/ttf;base64,…)`. Plain CSS text: the caller puts it in a `<style>` through
/// the `svg` crate, which escapes it.
pub fn font_face_css(scene: &Scene) -> String {
    let sets = characters(scene);
    let subsets: Vec<Option<Vec<u8>>> = {
        use rayon::prelude::*;
        let work: Vec<(&'static [u8], &BTreeSet<char>)> =
            faces().iter().map(|f| f.data).zip(sets.iter()).collect();
        work.par_iter()
            .map(|(data, chars)| {
                if chars.is_empty() {
                    None
                } else {
                    subset(data, chars)
                }
            })
            .collect()
    };
    let mut css = String::new();
    for (face, bytes) in faces().iter().zip(subsets) {
        let Some(bytes) = bytes else { continue };
        css.push_str("@font-face{font-family:\"");
        css.push_str(face.family);
        css.push_str("\";font-style:normal;font-weight:");
        css.push_str(itoa::Buffer::new().format(face.weight));
        css.push_str(";src:url(data:font/ttf;base64,");
        base64::engine::general_purpose::STANDARD.encode_string(&bytes, &mut css);
        css.push_str(") format(\"truetype\")}");
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_subset_keeps_layout_tables() {
        let chars: BTreeSet<char> = "العراق سوريا".chars().collect();
        let sub = subset(FONT_FILES[2], &chars).unwrap();
        let font = FontRef::new(&sub).unwrap();
        for tag in [b"cmap", b"GSUB", b"GPOS", b"GDEF", b"glyf", b"hmtx"] {
            assert!(font.table_data(Tag::new(tag)).is_some(), "{tag:?}");
        }
        let cmap = font.cmap().unwrap();
        for c in chars {
            assert!(cmap.map_codepoint(c).is_some(), "{c}");
        }
        assert!(sub.len() < FONT_FILES[2].len() / 4);
        // Same input, same bytes.
        assert_eq!(
            subset(FONT_FILES[2], &"العراق سوريا".chars().collect()),
            Some(sub)
        );
    }
}

#[cfg(test)]
mod map_tests {
    use crate::map::{Format, RenderOptions, render};
    use crate::{Dataset, LoadOptions};

    /// resvg ignores `@font-face` (it draws with the bundled fonts it is given): the default
    /// map's SVG with the fonts embedded rasterises to the same PNG bytes as the PNG output
    /// (drawn from the SVG without them).
    #[test]
    fn embedding_leaves_resvg_png_unchanged() {
        let ds = Dataset::load(&LoadOptions::default()).unwrap();
        let m = ds.measure(None).unwrap();
        let opts = RenderOptions::for_dataset(&ds).unwrap();
        let svg = render(&ds, &m, &opts, Format::Svg).unwrap().bytes;
        assert!(String::from_utf8_lossy(&svg).contains("@font-face"));
        let png = render(&ds, &m, &opts, Format::Png).unwrap().bytes;
        let from_embedded =
            crate::render::png::svg_to_png(&svg, 1.0, crate::limits::MEMORY_BUDGET_BYTES).unwrap();
        assert!(
            png == from_embedded,
            "resvg draws the embedded SVG differently"
        );
    }
}
