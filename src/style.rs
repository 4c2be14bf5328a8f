//! Map styles: the built-in themes (light, dark, print) and the `--style` TOML file that
//! overrides colours per layer value, stroke widths, fonts and label sizes. No I/O: the file is
//! read by `load::style`; this module parses its text.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Result};
use crate::load::layers::line_col;

/// A built-in theme.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Light paper, Okabe–Ito colours (the default).
    #[default]
    Light,
    /// Dark background, same class colours.
    Dark,
    /// Greyscale for print: classes told apart by line patterns, not colour.
    Print,
}

impl Theme {
    /// The theme's name as used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Print => "print",
        }
    }

    /// Parses `light`, `dark` or `print`.
    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "print" => Some(Theme::Print),
            _ => None,
        }
    }
}

/// Everything the layout needs to know about how things look. Colours are `#rrggbb`; sizes
/// and widths are px.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// The theme this style starts from.
    pub theme: Theme,
    /// Font family list for all text (CSS syntax), e.g. `"Noto Sans", "Noto Sans Arabic", sans-serif`.
    pub font_family: String,
    /// Title size, px.
    pub title_size: f64,
    /// Label size (map labels, legend, subtitle), px.
    pub label_size: f64,
    /// Small type (footer, graticule, scale bar), px.
    pub small_size: f64,
    /// Page background.
    pub background: String,
    /// Water and the area outside the countries inside the map frame.
    pub water: String,
    /// Fill of neighbour countries.
    pub land: String,
    /// Fill of the two countries that share the border.
    pub focus_land: String,
    /// Outline of countries.
    pub country_stroke: String,
    /// Rivers.
    pub river: String,
    /// River names.
    pub river_text: String,
    /// A thin line of this colour along the middle of each river (`None`: none): in print,
    /// rivers are drawn as a grey band with a white core, so a river in greyscale never reads
    /// as a boundary (boundaries are single thin lines).
    pub river_core: Option<String>,
    /// Main text (title, labels).
    pub text: String,
    /// Secondary text (subtitle, footer, country names).
    pub muted_text: String,
    /// Halo behind labels.
    pub halo: String,
    /// Graticule lines.
    pub graticule: String,
    /// Legend background.
    pub panel: String,
    /// Legend and inset outlines, map frame.
    pub panel_stroke: String,
    /// Casing and ticks of the second layer (the wall).
    pub casing: String,
    /// Markers of towns.
    pub marker: String,
    /// Colour of stretches without a value.
    pub gap: String,
    /// Values drawn muted: the others when some are highlighted (`highlight`).
    pub muted: String,
    /// Border line width, px.
    pub border_width: f64,
    /// Casing width (wall), px.
    pub casing_width: f64,
    /// Country outline width, px.
    pub country_width: f64,
    /// River width, px.
    pub river_width: f64,
    /// Colours for the first layer's values, in legend order (cycled).
    pub palette: Vec<String>,
    /// Dash patterns (px) for the first layer's values in legend order (cycled; empty = solid).
    pub patterns: Vec<Vec<f64>>,
    /// Explicit colours: layer id → value → colour.
    pub values: BTreeMap<String, BTreeMap<String, String>>,
}

/// The Okabe–Ito palette without black and yellow, ordered so neighbours contrast.
const OKABE_ITO: [&str; 6] = [
    "#E69F00", "#0072B2", "#CC79A7", "#009E73", "#56B4E9", "#D55E00",
];

impl Default for Style {
    fn default() -> Self {
        Style::theme(Theme::Light)
    }
}

impl Style {
    /// The built-in style of `theme`.
    pub fn theme(theme: Theme) -> Style {
        let palette: Vec<String> = OKABE_ITO.iter().map(|s| (*s).to_string()).collect();
        let base = Style {
            theme,
            font_family: "Noto Sans, Noto Sans Arabic, sans-serif".to_string(),
            title_size: 22.0,
            label_size: 12.0,
            small_size: 10.0,
            background: "#ffffff".into(),
            water: "#dcebf5".into(),
            land: "#ebe8e1".into(),
            focus_land: "#faf9f6".into(),
            country_stroke: "#a9a49a".into(),
            river: "#7fb2d8".into(),
            river_text: "#3d6f96".into(),
            river_core: None,
            text: "#1a1a1a".into(),
            muted_text: "#5c5850".into(),
            halo: "#ffffff".into(),
            graticule: "#c9c5bc".into(),
            panel: "#ffffff".into(),
            panel_stroke: "#b8b3a8".into(),
            casing: "#262626".into(),
            marker: "#333333".into(),
            gap: "#9a9a9a".into(),
            muted: "#cfcac0".into(),
            border_width: 5.0,
            casing_width: 10.0,
            country_width: 0.7,
            river_width: 1.3,
            palette,
            patterns: vec![Vec::new()],
            values: BTreeMap::new(),
        };
        match theme {
            Theme::Light => base,
            Theme::Dark => Style {
                background: "#16191d".into(),
                water: "#1d2a36".into(),
                land: "#2a2d31".into(),
                focus_land: "#383c42".into(),
                country_stroke: "#5d626a".into(),
                river: "#4f86b0".into(),
                river_text: "#8fbde0".into(),
                text: "#f0f0f0".into(),
                muted_text: "#aeb3ba".into(),
                halo: "#16191d".into(),
                graticule: "#3b4047".into(),
                panel: "#1f2328".into(),
                panel_stroke: "#5d626a".into(),
                casing: "#e8e8e8".into(),
                marker: "#dddddd".into(),
                gap: "#777777".into(),
                muted: "#4a4f57".into(),
                ..base
            },
            Theme::Print => Style {
                water: "#eeeeee".into(),
                land: "#e4e4e4".into(),
                focus_land: "#ffffff".into(),
                country_stroke: "#9a9a9a".into(),
                river: "#b0b0b0".into(),
                river_text: "#555555".into(),
                river_core: Some("#ffffff".into()),
                river_width: 2.6,
                text: "#000000".into(),
                muted_text: "#4d4d4d".into(),
                graticule: "#cccccc".into(),
                panel_stroke: "#999999".into(),
                casing: "#000000".into(),
                marker: "#000000".into(),
                gap: "#bbbbbb".into(),
                muted: "#d0d0d0".into(),
                palette: vec![
                    "#1a1a1a".into(),
                    "#6e6e6e".into(),
                    "#1a1a1a".into(),
                    "#6e6e6e".into(),
                ],
                patterns: vec![Vec::new(), Vec::new(), vec![7.0, 4.0], vec![2.0, 3.0]],
                ..base
            },
        }
    }

    /// Colour of `value` of `layer`, which is the `index`-th value in legend order.
    pub fn value_color(&self, layer: &str, value: &str, index: usize) -> String {
        if let Some(c) = self.values.get(layer).and_then(|m| m.get(value)) {
            return c.clone();
        }
        if self.palette.is_empty() {
            return self.gap.clone();
        }
        self.palette
            .get(index % self.palette.len())
            .cloned()
            .unwrap_or_else(|| self.gap.clone())
    }

    /// Colour and dash pattern (px; empty = solid) of each of `values` of `layer` (the first
    /// layer, in legend order), pairwise distinct whatever the data: a colour the style file
    /// gives the value (`[value.LAYER]`) is kept; the other values take the palette with the
    /// theme's patterns in turn, skipping pairs already taken. Past the palette the colours
    /// cycle again with a dash pattern per round: 6-3, 2-3, 10-3-2-3, 1-4, then 6 + 2 px longer
    /// dashes per round (px on, px off). Two explicit colours that are equal get distinct dashes.
    pub fn value_looks(&self, layer: &str, values: &[&str]) -> Vec<(String, Vec<f64>)> {
        // Colours compared as written in any case (`#E69F00` is `#e69f00`).
        let key = |p: &(String, Vec<f64>)| (p.0.to_ascii_lowercase(), p.1.clone());
        let mut used: Vec<(String, Vec<f64>)> = Vec::new();
        let mut out: Vec<Option<(String, Vec<f64>)>> = vec![None; values.len()];
        // The style file's colours first: the palette's values give way to them.
        for (i, v) in values.iter().enumerate() {
            if let Some(c) = self.values.get(layer).and_then(|m| m.get(*v)) {
                let look = (0..)
                    .map(|r| (c.clone(), self.round_dash(r, i)))
                    .find(|p| !used.contains(&key(p)));
                if let Some(l) = &look {
                    used.push(key(l));
                }
                if let Some(slot) = out.get_mut(i) {
                    *slot = look;
                }
            }
        }
        for (i, slot) in out.iter_mut().enumerate() {
            if slot.is_none() {
                let look = (i..)
                    .map(|k| self.candidate(k))
                    .find(|p| !used.contains(&key(p)));
                if let Some(l) = &look {
                    used.push(key(l));
                }
                *slot = look;
            }
        }
        out.into_iter()
            .map(|l| l.unwrap_or_else(|| (self.gap.clone(), Vec::new())))
            .collect()
    }

    /// The `k`-th (colour, dash) the palette offers: round `k / len` of the palette.
    fn candidate(&self, k: usize) -> (String, Vec<f64>) {
        let n = self.palette.len().max(1);
        let color = self
            .palette
            .get(k % n)
            .cloned()
            .unwrap_or_else(|| self.gap.clone());
        (color, self.round_dash(k / n, k))
    }

    /// Dash pattern of round `r` of the palette for the `k`-th value: the theme's patterns in
    /// round 0, then one pattern per round.
    fn round_dash(&self, r: usize, k: usize) -> Vec<f64> {
        const ROUNDS: [&[f64]; 4] = [
            &[6.0, 3.0],
            &[2.0, 3.0],
            &[10.0, 3.0, 2.0, 3.0],
            &[1.0, 4.0],
        ];
        match r {
            0 => self.value_pattern(k),
            r => ROUNDS.get(r - 1).map_or_else(
                // Past the listed rounds: ever longer dashes, each round its own.
                || vec![6.0 + 2.0 * (r - ROUNDS.len()) as f64, 3.0],
                |d| d.to_vec(),
            ),
        }
    }

    /// Dash pattern (px; empty = solid) of the `index`-th value of the first layer.
    pub fn value_pattern(&self, index: usize) -> Vec<f64> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        self.patterns
            .get(index % self.patterns.len())
            .cloned()
            .unwrap_or_default()
    }

    /// Parses a style file's text. `base` is the theme to start from when the file names none;
    /// `file` is used in messages.
    pub fn from_toml(text: &str, file: &Path, base: Theme) -> Result<Style> {
        crate::load::strings::check_toml_strings(text, file)?;
        let raw: RawStyle = toml::from_str(text).map_err(|e| {
            let (l, c) = e.span().map_or((0, 0), |s| line_col(text, s.start));
            Error::input(format!("invalid style: {}", e.message()))
                .in_file(file)
                .at_line(l, c)
                .hint("see the README for the style file's keys: theme, font_family, [size], [stroke], [color], palette, [value.LAYER]")
        })?;
        let theme = match &raw.theme {
            Some(t) => Theme::parse(t.get_ref()).ok_or_else(|| {
                let (l, c) = line_col(text, t.span().start);
                Error::input(format!("unknown theme '{}'", t.get_ref()))
                    .in_file(file)
                    .at_line(l, c)
                    .hint("themes: light, dark, print")
            })?,
            None => base,
        };
        let mut s = Style::theme(theme);
        let color = |v: &Spanned<String>| -> Result<String> { parse_color(v, text, file) };
        if let Some(f) = raw.font_family {
            s.font_family = f;
        }
        if let Some(z) = raw.size {
            let check = |v: Option<Spanned<f64>>, d: f64| -> Result<f64> {
                positive(v, d, text, file, 4.0, 96.0)
            };
            s.title_size = check(z.title, s.title_size)?;
            s.label_size = check(z.label, s.label_size)?;
            s.small_size = check(z.small, s.small_size)?;
        }
        if let Some(w) = raw.stroke {
            let check = |v: Option<Spanned<f64>>, d: f64| -> Result<f64> {
                positive(v, d, text, file, 0.0, 50.0)
            };
            s.border_width = check(w.border, s.border_width)?;
            s.casing_width = check(w.casing, s.casing_width)?;
            s.country_width = check(w.country, s.country_width)?;
            s.river_width = check(w.river, s.river_width)?;
        }
        if let Some(c) = raw.color {
            let slots: [(&Option<Spanned<String>>, &mut String); 17] = [
                (&c.background, &mut s.background),
                (&c.water, &mut s.water),
                (&c.land, &mut s.land),
                (&c.focus_land, &mut s.focus_land),
                (&c.country_stroke, &mut s.country_stroke),
                (&c.river, &mut s.river),
                (&c.river_text, &mut s.river_text),
                (&c.text, &mut s.text),
                (&c.muted_text, &mut s.muted_text),
                (&c.halo, &mut s.halo),
                (&c.graticule, &mut s.graticule),
                (&c.panel, &mut s.panel),
                (&c.panel_stroke, &mut s.panel_stroke),
                (&c.casing, &mut s.casing),
                (&c.marker, &mut s.marker),
                (&c.gap, &mut s.gap),
                (&c.muted, &mut s.muted),
            ];
            for (v, slot) in slots {
                if let Some(v) = v {
                    *slot = color(v)?;
                }
            }
        }
        if let Some(p) = raw.palette {
            if p.is_empty() {
                return Err(Error::input("the palette is empty")
                    .in_file(file)
                    .hint("give at least one colour, e.g. palette = [\"#E69F00\", \"#0072B2\"]"));
            }
            s.palette = p.iter().map(color).collect::<Result<_>>()?;
        }
        for (layer, vals) in raw.value.unwrap_or_default() {
            let m = s.values.entry(layer).or_default();
            for (value, c) in vals {
                m.insert(value, color(&c)?);
            }
        }
        Ok(s)
    }
}

fn positive(
    v: Option<Spanned<f64>>,
    default: f64,
    text: &str,
    file: &Path,
    min: f64,
    max: f64,
) -> Result<f64> {
    match v {
        None => Ok(default),
        Some(v) if v.get_ref().is_finite() && *v.get_ref() > min && *v.get_ref() <= max => {
            Ok(*v.get_ref())
        }
        Some(v) => {
            let (l, c) = line_col(text, v.span().start);
            Err(Error::input(format!("{} is out of range", v.get_ref()))
                .in_file(file)
                .at_line(l, c)
                .hint(format!("give a number of px above {min} and at most {max}")))
        }
    }
}

/// Parses a CSS colour (`#rgb`, `#rrggbb`, `rgb(...)`, names) into `#rrggbb`.
fn parse_color(v: &Spanned<String>, text: &str, file: &Path) -> Result<String> {
    match svgtypes::Color::from_str(v.get_ref().trim()) {
        Ok(c) => Ok(format!("#{:02x}{:02x}{:02x}", c.red, c.green, c.blue)),
        Err(_) => {
            let (l, c) = line_col(text, v.span().start);
            Err(Error::input(format!("bad colour '{}'", v.get_ref()))
                .in_file(file)
                .at_line(l, c)
                .hint("give a CSS colour such as \"#0072B2\", \"#07b\", \"rgb(0, 114, 178)\" or \"steelblue\""))
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    theme: Option<Spanned<String>>,
    font_family: Option<String>,
    size: Option<RawSize>,
    stroke: Option<RawStroke>,
    color: Option<RawColors>,
    palette: Option<Vec<Spanned<String>>>,
    value: Option<BTreeMap<String, BTreeMap<String, Spanned<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSize {
    title: Option<Spanned<f64>>,
    label: Option<Spanned<f64>>,
    small: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStroke {
    border: Option<Spanned<f64>>,
    casing: Option<Spanned<f64>>,
    country: Option<Spanned<f64>>,
    river: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColors {
    background: Option<Spanned<String>>,
    water: Option<Spanned<String>>,
    land: Option<Spanned<String>>,
    focus_land: Option<Spanned<String>>,
    country_stroke: Option<Spanned<String>>,
    river: Option<Spanned<String>>,
    river_text: Option<Spanned<String>>,
    text: Option<Spanned<String>>,
    muted_text: Option<Spanned<String>>,
    halo: Option<Spanned<String>>,
    graticule: Option<Spanned<String>>,
    panel: Option<Spanned<String>>,
    panel_stroke: Option<Spanned<String>>,
    casing: Option<Spanned<String>>,
    marker: Option<Spanned<String>>,
    gap: Option<Spanned<String>>,
    muted: Option<Spanned<String>>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn overrides_and_errors() {
        let s = Style::from_toml(
            "theme = \"dark\"\n[value.authority]\n\"SDF\" = \"#f00\"\n[size]\nlabel = 13\n",
            Path::new("s.toml"),
            Theme::Light,
        )
        .unwrap();
        assert_eq!(s.theme, Theme::Dark);
        assert_eq!(s.value_color("authority", "SDF", 3), "#ff0000");
        assert!((s.label_size - 13.0).abs() < 1e-9);
        let e = Style::from_toml(
            "[color]\nland = \"#12345\"\n",
            Path::new("s.toml"),
            Theme::Light,
        )
        .unwrap_err();
        assert!(e.message.contains("bad colour '#12345'"), "{e}");
        assert_eq!(e.location.line, Some(2));
        assert_eq!(e.location.column, Some(8));
    }
}
