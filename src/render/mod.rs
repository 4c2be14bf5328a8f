//! The render stage: a [`crate::layout::Scene`] → SVG bytes ([`svg`]) or PNG bytes ([`png`]).
//! Renderers make no decisions: they write what the Scene says.

pub mod png;
pub mod svg;
