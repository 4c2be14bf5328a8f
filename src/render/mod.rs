//! The render stage: a [`crate::scene::Scene`] → SVG bytes ([`svg`]), and that SVG → PNG
//! bytes ([`png`]) or a vector PDF ([`pdf`]); [`fonts_embed`] subsets the bundled fonts for a
//! standalone SVG's `@font-face` rules. Renderers make no decisions: they write what the
//! Scene says.

pub mod fonts_embed;
pub mod outlines;
pub mod pdf;
pub mod png;
pub mod svg;
