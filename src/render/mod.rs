//! The render stage: a [`crate::layout::Scene`] → SVG bytes ([`svg`]), and that SVG → PNG
//! bytes ([`png`]) or a vector PDF ([`pdf`]). Renderers make no decisions: they write what the
//! Scene says.

pub mod pdf;
pub mod png;
pub mod svg;
