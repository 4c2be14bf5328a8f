//! Disputed stretches on the map: where claims that dispute each other disagree, the border
//! is drawn in bands of each side's colour (the first side's colour under the second's,
//! dashed), in the legend too, whose row says "disputed" and names both values.

use super::{Item, Layout, PathItem, Stroke};
use crate::geom::Pt;

/// Length of each band of a disputed stretch, px.
const BAND_PX: f64 = 5.0;

impl Layout<'_> {
    /// The sides of `value` of `layer` when it is a disputed stretch's value (`A | B`, as
    /// measured): the values in dispute, else `None`.
    pub(crate) fn disputed_sides(&self, layer: &str, value: Option<&str>) -> Option<Vec<&str>> {
        let v = value?;
        self.inp
            .model
            .measured
            .issues
            .iter()
            .find(|i| i.kind == "disputed" && i.layer == layer && i.values.join(" | ") == v)
            .map(|i| i.values.iter().map(String::as_str).collect())
    }

    /// The colours of the sides of a disputed value of the first layer (empty for any other
    /// value).
    pub(crate) fn hatch_colors(&self, layer: &str, value: Option<&str>) -> Vec<String> {
        self.disputed_sides(layer, value)
            .unwrap_or_default()
            .into_iter()
            .map(|v| self.class_color(Some(v)).0)
            .collect()
    }

    /// The bands of a disputed stretch along `pts` (page px): the first colour solid, each
    /// other dashed over it, so the colours take turns every [`BAND_PX`] (nothing for fewer
    /// than two colours).
    pub(crate) fn hatch_items(&self, pts: &[Pt], colors: &[String], class: &str) -> Vec<Item> {
        if colors.len() < 2 {
            return Vec::new();
        }
        let n = colors.len() as f64;
        let width = self.s.border_width;
        colors
            .iter()
            .enumerate()
            .map(|(k, c)| {
                // Side k (drawn over the sides before it) is on for n - k bands and off for
                // k: each side shows one band of every n.
                let dash = match k {
                    0 => Vec::new(),
                    _ => vec![BAND_PX * (n - k as f64), BAND_PX * k as f64],
                };
                Item::Path(PathItem {
                    parts: vec![pts.to_vec()],
                    stroke: Some(Stroke {
                        dash,
                        ..Stroke::new(c, width)
                    }),
                    class: format!("{class} disputed-side-{k}"),
                    ..PathItem::default()
                })
            })
            .collect()
    }

    /// The legend's name of a disputed value: "disputed: A / B" in the map's language.
    pub(crate) fn disputed_name(&self, layer: &str, value: &str) -> Option<String> {
        let sides = self.disputed_sides(layer, Some(value))?;
        let names: Vec<&str> = sides.iter().map(|v| self.value_in(layer, v)).collect();
        Some(
            self.inp
                .locale
                .text("legend-disputed", &[("values", &names.join(" / "))]),
        )
    }
}
