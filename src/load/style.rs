//! Reads a `--style` file (TOML) and parses it with [`crate::style::Style::from_toml`].

use std::path::Path;

use crate::error::{Error, Result};
use crate::style::{Style, Theme};

/// Loads a style file; `base` is the theme used when the file names none.
pub fn style(path: &Path, base: Theme) -> Result<Style> {
    let bytes = super::read(path)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        Error::input(format!("not valid UTF-8 (byte {})", e.valid_up_to()))
            .in_file(path)
            .hint("save the style file as UTF-8")
    })?;
    Style::from_toml(text, path, base)
}
