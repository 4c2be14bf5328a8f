//! Reads a `--style` file (TOML) and parses it with [`crate::style::Style::from_toml`].

use std::path::Path;

use crate::error::Result;
use crate::style::{Style, Theme};

/// Loads a style file; `base` is the theme used when the file names none.
pub fn style(path: &Path, base: Theme) -> Result<Style> {
    let bytes = super::read(path)?;
    let text = super::geojson::utf8(&bytes, path, "save the style file as UTF-8")?;
    Style::from_toml(text, path, base)
}
