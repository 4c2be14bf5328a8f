//! The checks of [`RenderOptions`] a library caller can get wrong, before any work: the id
//! prefix, the values to highlight, the simplification tolerance and the language code.

use super::RenderOptions;
use crate::error::{Detail, Error, Result, Setting};
use crate::layout;
use crate::measure::Measured;

pub(super) fn check_prefix(p: &str) -> Result<()> {
    let ok = p.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && p.len() <= 64
        && p.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Error::input(format!("bad id prefix '{p}'"))
            .hint("use letters, digits, '-' and '_', starting with a letter (at most 64)"))
    }
}

/// Refuses a value to highlight that the first layer does not have, listing the values it has.
pub(super) fn check_highlight(highlight: &[String], measured: &Measured) -> Result<()> {
    let Some(h) = highlight.first() else {
        return Ok(());
    };
    let Some(layer) = measured.layers.first() else {
        return Err(Error::input(format!(
            "cannot highlight '{h}': the border has no layer of values"
        ))
        .hint("give a layers file or a border whose features carry values"));
    };
    let values = layout::first_layer_values(layer);
    for h in highlight {
        if !values.contains(&h.as_str()) {
            return Err(Error::input(format!(
                "layer '{}' has no value '{h}' to highlight",
                layer.id
            ))
            .hint(format!("its values: {}", values.join(", "))));
        }
    }
    Ok(())
}

/// Refuses options a library caller can set that no map can be drawn with: a simplification
/// tolerance that is not a finite distance of 0 px or more. (The page size is checked by
/// layout, the PNG scale when rasterising.)
pub(super) fn check_options(o: &RenderOptions) -> Result<()> {
    if let Some(t) = o.simplify
        && !(t.is_finite() && t >= 0.0)
    {
        return Err(
            Error::input(format!("simplify tolerance {t} is not a tolerance"))
                .hint("give a distance in page px of 0 or more, e.g. 0.5")
                .detail(Detail::OutOfRange {
                    setting: Setting::Simplify,
                    min: 0.0,
                    max: f64::INFINITY,
                }),
        );
    }
    Ok(())
}

pub(super) fn check_lang(l: &str) -> Result<()> {
    let ok = (2..=8).contains(&l.len())
        && l.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && !l.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(Error::input(format!("bad language code '{l}'"))
            .hint("give a lowercase language code such as en, ar or ku"))
    }
}
