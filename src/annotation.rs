//! Editor's annotations drawn on a map: [`Marker`]s (a symbol and a label at `[lon, lat]`),
//! [`Callout`]s (a text box with a leader to a point), [`Highlight`]s (a stretch of the
//! border drawn strong) and user [`UserLine`]s and [`UserArea`]s. Plain data: parsed here from
//! a `"LON,LAT,Label"` string, read from GeoJSON by `load::annotations`, deserialised by serde
//! from TOML tables (`[[marker]]`, ...); laid out by the layout stage, which never drops one
//! silently (an annotation that finds no room is an error unless it is `optional`).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// An annotation on the map.
#[derive(Debug, Clone, PartialEq)]
pub enum Annotation {
    /// A symbol with a label at a point.
    Marker(Marker),
    /// A text box with a leader line to a point.
    Callout(Callout),
    /// A stretch of the border drawn as a strong overlay.
    Highlight(Highlight),
    /// A user line (GeoJSON LineString).
    Line(UserLine),
    /// A user area (GeoJSON Polygon).
    Area(UserArea),
}

/// The symbol of a [`Marker`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Symbol {
    /// A filled circle.
    Dot,
    /// A map pin (the default).
    #[default]
    Pin,
    /// A filled square.
    Square,
    /// A five-pointed star.
    Star,
    /// A crossing point: a diamond with a cross.
    Crossing,
}

impl Symbol {
    /// The symbol's name as written (`pin`, `star`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Symbol::Dot => "dot",
            Symbol::Pin => "pin",
            Symbol::Square => "square",
            Symbol::Star => "star",
            Symbol::Crossing => "crossing",
        }
    }

    /// The symbol named `s` (`dot`, `pin`, `square`, `star`, `crossing`; simplestyle's
    /// `circle` is a dot and `marker` a pin).
    pub fn parse(s: &str) -> Option<Symbol> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "dot" | "circle" | "circle-stroked" => Symbol::Dot,
            "pin" | "marker" | "" => Symbol::Pin,
            "square" | "square-stroked" => Symbol::Square,
            "star" | "star-stroked" => Symbol::Star,
            "crossing" | "cross" | "border-crossing" => Symbol::Crossing,
            _ => return None,
        })
    }
}

/// A symbol and its label at a point.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Marker {
    /// Longitude, degrees (−180 to 180).
    pub lon: f64,
    /// Latitude, degrees (−90 to 90).
    pub lat: f64,
    /// The label (never shortened; wrapped when long).
    pub label: String,
    /// A second line under the label.
    #[serde(default)]
    pub note: Option<String>,
    /// The symbol.
    #[serde(default)]
    pub symbol: Symbol,
    /// Higher priorities are placed first.
    #[serde(default)]
    pub priority: i32,
    /// Whether the marker may be left out (with a warning) when it finds no room.
    #[serde(default)]
    pub optional: bool,
    /// The symbol's colour (any SVG colour); `None`: the style's editor colour.
    #[serde(default)]
    pub color: Option<String>,
}

/// Where a callout's leader points, or a highlight starts or ends.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    /// A point `[lon, lat]`, degrees.
    Point([f64; 2]),
    /// A position on the border, metres along it from its start.
    Along(f64),
    /// A place of the dataset, by name.
    Place(String),
}

/// A text box with a leader line to a point.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Callout {
    /// The text (wrapped, never shortened).
    pub text: String,
    /// The point's longitude, degrees (with `lat`).
    #[serde(default)]
    pub lon: Option<f64>,
    /// The point's latitude, degrees (with `lon`).
    #[serde(default)]
    pub lat: Option<f64>,
    /// A position on the border, km along it from its start.
    #[serde(default)]
    pub km: Option<f64>,
    /// A place of the dataset, by name.
    #[serde(default)]
    pub place: Option<String>,
    /// Higher priorities are placed first.
    #[serde(default)]
    pub priority: i32,
    /// Whether the callout may be left out (with a warning) when it finds no room.
    #[serde(default)]
    pub optional: bool,
}

impl Callout {
    /// Where the leader points: exactly one of `lon`/`lat`, `km` or `place`.
    pub fn anchor(&self) -> Result<Anchor> {
        match (self.lon, self.lat, self.km, &self.place) {
            (Some(lon), Some(lat), None, None) => {
                check_lon_lat(lon, lat, &self.text)?;
                Ok(Anchor::Point([lon, lat]))
            }
            (None, None, Some(km), None) if km.is_finite() && km >= 0.0 => {
                Ok(Anchor::Along(km * 1000.0))
            }
            (None, None, None, Some(p)) => Ok(Anchor::Place(p.clone())),
            _ => Err(Error::input(format!(
                "callout \"{}\" needs exactly one of lon and lat, km (0 or more) or place",
                self.text
            ))
            .hint(
                "give the point it points to as lon and lat, a km along the border or a place name",
            )),
        }
    }
}

/// A stretch of the border drawn strong, from–to by km or place.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Highlight {
    /// Where it starts, km along the border.
    #[serde(default)]
    pub from_km: Option<f64>,
    /// Where it ends, km along the border.
    #[serde(default)]
    pub to_km: Option<f64>,
    /// Where it starts: a place of the dataset (its nearest point on the border).
    #[serde(default)]
    pub from_place: Option<String>,
    /// Where it ends: a place of the dataset.
    #[serde(default)]
    pub to_place: Option<String>,
    /// Its label, set like a segment label.
    #[serde(default)]
    pub title: Option<String>,
    /// The overlay's colour; `None`: the style's editor colour.
    #[serde(default)]
    pub color: Option<String>,
    /// Whether its title may be left out (with a warning) when it finds no room.
    #[serde(default)]
    pub optional: bool,
}

impl Highlight {
    /// Its two ends.
    pub fn ends(&self) -> Result<(Anchor, Anchor)> {
        let end = |km: Option<f64>, place: &Option<String>, which: &str| match (km, place) {
            (Some(k), None) if k.is_finite() && k >= 0.0 => Ok(Anchor::Along(k * 1000.0)),
            (None, Some(p)) => Ok(Anchor::Place(p.clone())),
            _ => Err(Error::input(format!(
                "highlight{} needs its {which} end as a km of 0 or more or a place",
                self.title
                    .as_ref()
                    .map(|t| format!(" \"{t}\""))
                    .unwrap_or_default()
            ))
            .hint("give from_km and to_km (or from_place and to_place)")),
        };
        Ok((
            end(self.from_km, &self.from_place, "from")?,
            end(self.to_km, &self.to_place, "to")?,
        ))
    }
}

/// A line the user draws (simplestyle `stroke`, `stroke-width`).
#[derive(Debug, Clone, PartialEq)]
pub struct UserLine {
    /// Its vertices, `[lon, lat]` degrees.
    pub points: Vec<[f64; 2]>,
    /// Its tooltip.
    pub title: Option<String>,
    /// Stroke colour; `None`: the editor colour.
    pub stroke: Option<String>,
    /// Stroke width, px.
    pub stroke_width: f64,
}

/// An area the user draws (simplestyle `fill`, `fill-opacity`, `stroke`).
#[derive(Debug, Clone, PartialEq)]
pub struct UserArea {
    /// Its rings (outer first), `[lon, lat]` degrees.
    pub rings: Vec<Vec<[f64; 2]>>,
    /// Its tooltip.
    pub title: Option<String>,
    /// Fill colour; `None`: the editor colour.
    pub fill: Option<String>,
    /// Fill opacity, 0 to 1.
    pub fill_opacity: f64,
    /// Outline colour; `None`: the fill's.
    pub stroke: Option<String>,
}

impl Annotation {
    /// A marker from `"LON,LAT,Label"`: longitude and latitude in degrees, the label
    /// everything after the second comma (commas included), a pin symbol.
    ///
    /// ```
    /// use bordermap::annotation::Annotation;
    /// let Annotation::Marker(m) = Annotation::parse_marker("44.51,40.18,Yerevan, capital")? else {
    ///     unreachable!()
    /// };
    /// assert_eq!((m.lon, m.lat, m.label.as_str()), (44.51, 40.18, "Yerevan, capital"));
    /// assert!(Annotation::parse_marker("200,40,Nowhere").is_err());
    /// # Ok::<(), bordermap::Error>(())
    /// ```
    pub fn parse_marker(s: &str) -> Result<Annotation> {
        let bad = |what: String| {
            Error::input(format!("marker \"{s}\": {what}"))
                .hint("write a marker as LON,LAT,Label, e.g. 44.51,40.18,Yerevan")
        };
        let mut parts = s.splitn(3, ',');
        let (Some(lon), Some(lat), Some(label)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad("needs a longitude, a latitude and a label".into()));
        };
        let num = |v: &str, what: &str| {
            v.trim()
                .parse::<f64>()
                .map_err(|_| bad(format!("{what} '{}' is not a number", v.trim())))
        };
        let (lon, lat) = (num(lon, "longitude")?, num(lat, "latitude")?);
        let label = label.trim();
        if label.is_empty() {
            return Err(bad("the label is empty".into()));
        }
        check_lon_lat(lon, lat, label)?;
        Ok(Annotation::Marker(Marker {
            lon,
            lat,
            label: label.to_string(),
            note: None,
            symbol: Symbol::Pin,
            priority: 0,
            optional: false,
            color: None,
        }))
    }

    /// Its label or title (empty for an untitled line, area or highlight).
    pub fn label(&self) -> &str {
        match self {
            Annotation::Marker(m) => &m.label,
            Annotation::Callout(c) => &c.text,
            Annotation::Highlight(h) => h.title.as_deref().unwrap_or(""),
            Annotation::Line(l) => l.title.as_deref().unwrap_or(""),
            Annotation::Area(a) => a.title.as_deref().unwrap_or(""),
        }
    }

    /// Its priority (markers and callouts; 0 for the rest).
    pub fn priority(&self) -> i32 {
        match self {
            Annotation::Marker(m) => m.priority,
            Annotation::Callout(c) => c.priority,
            _ => 0,
        }
    }

    /// Whether it may be left out with a warning.
    pub fn optional(&self) -> bool {
        match self {
            Annotation::Marker(m) => m.optional,
            Annotation::Callout(c) => c.optional,
            Annotation::Highlight(h) => h.optional,
            _ => false,
        }
    }

    /// Checks what can be checked without the map: coordinates finite and in range,
    /// colours valid SVG colours, anchors given once.
    pub fn validate(&self) -> Result<()> {
        match self {
            Annotation::Marker(m) => {
                check_lon_lat(m.lon, m.lat, &m.label)?;
                if m.label.trim().is_empty() {
                    return Err(Error::input("a marker has an empty label")
                        .hint("give every marker a label"));
                }
                check_color(m.color.as_deref())
            }
            Annotation::Callout(c) => c.anchor().map(|_| ()),
            Annotation::Highlight(h) => {
                h.ends()?;
                check_color(h.color.as_deref())
            }
            Annotation::Line(l) => {
                for p in &l.points {
                    check_lon_lat(p[0], p[1], l.title.as_deref().unwrap_or("line"))?;
                }
                check_color(l.stroke.as_deref())
            }
            Annotation::Area(a) => {
                for p in a.rings.iter().flatten() {
                    check_lon_lat(p[0], p[1], a.title.as_deref().unwrap_or("area"))?;
                }
                check_color(a.fill.as_deref())?;
                check_color(a.stroke.as_deref())
            }
        }
    }
}

/// Longitude −180..180 and latitude −90..90, both finite, degrees.
pub(crate) fn check_lon_lat(lon: f64, lat: f64, what: &str) -> Result<()> {
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        return Err(Error::input(format!(
            "\"{what}\": longitude {lon} is not between -180 and 180"
        ))
        .hint("give longitude first, then latitude, in degrees"));
    }
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        return Err(Error::input(format!(
            "\"{what}\": latitude {lat} is not between -90 and 90"
        ))
        .hint("give longitude first, then latitude, in degrees"));
    }
    Ok(())
}

/// An SVG colour (`#rrggbb`, `rgb(...)`, a named colour), as styles check them.
pub(crate) fn check_color(c: Option<&str>) -> Result<()> {
    match c {
        Some(c) if c.trim().parse::<svgtypes::Color>().is_err() => {
            Err(Error::input(format!("'{c}' is not a colour"))
                .hint("give a colour as #rrggbb, rgb(r, g, b) or an SVG colour name"))
        }
        _ => Ok(()),
    }
}
