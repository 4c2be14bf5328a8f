//! The human-edited layers file (TOML): which value each stretch of the border has, from when,
//! and who says so. Parsed here into [`Layers`]; placed on a border by `overlay`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use geo::{Coord, MultiLineString, MultiPolygon};

use crate::date::Date;
use crate::error::{Error, Result};

/// Where an interval starts or ends along the border.
#[derive(Debug, Clone, PartialEq)]
pub enum Position {
    /// The first vertex of the border.
    Start,
    /// The last vertex of the border.
    End,
    /// Kilometres from the start.
    Km(f64),
    /// A named place from the places file, snapped to its nearest point on the border, then
    /// moved `offset_km` along the border (positive towards the end).
    Place {
        /// The place's `name` (or `name_ar`, ...), matched without regard to case.
        name: String,
        /// Kilometres to move along the border after snapping.
        offset_km: f64,
    },
    /// A coordinate `[lon, lat]`, snapped to its nearest point on the border, then moved
    /// `offset_km` along it.
    Coord {
        /// The point, `[lon, lat]` degrees.
        at: Coord<f64>,
        /// Kilometres to move along the border after snapping.
        offset_km: f64,
    },
    /// Where a named river of the rivers file (`[dataset] rivers`) crosses the border
    /// (`{ river = "Euphrates" }`), then moved `offset_km` along it. The crossing is computed
    /// when the interval is placed ([`crate::border::Border::line_crossings`]); the river must
    /// cross the border exactly once.
    River {
        /// The river's `name` in the rivers file.
        name: String,
        /// Kilometres to move along the border from the crossing.
        offset_km: f64,
        /// The river's course: the lines of every feature of that name, `[lon, lat]` degrees.
        course: MultiLineString<f64>,
        /// The rivers file the course came from (for messages).
        file: PathBuf,
        /// 1-based line of the position in the layers file.
        line: usize,
        /// 1-based column of the position in the layers file.
        column: usize,
    },
}

/// An area whose intersection with the border is an interval (or several).
#[derive(Debug, Clone, PartialEq)]
pub enum Zone {
    /// A geodesic circle: all points within `radius_m` metres of `center` (`[lon, lat]`).
    Circle {
        /// Centre, `[lon, lat]` degrees.
        center: Coord<f64>,
        /// Radius in metres.
        radius_m: f64,
    },
    /// A polygon in `[lon, lat]` degrees (edges straight in longitude/latitude, as RFC 7946).
    Polygon(MultiPolygon<f64>),
}

/// Where an interval lies.
#[derive(Debug, Clone, PartialEq)]
pub enum Extent {
    /// Between two positions.
    Between(Position, Position),
    /// Wherever the border is inside the zone.
    Zone(Zone),
}

/// One dated, sourced claim about a stretch of the border.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// The value on this stretch, e.g. `SDF` or `built`.
    pub value: String,
    /// Where the stretch lies.
    pub extent: Extent,
    /// Date from which the claim holds (the date of the source).
    pub as_of: Date,
    /// Date from which it no longer holds, if known.
    pub until: Option<Date>,
    /// Who says so: outlet, date, what was said.
    pub source: String,
    /// Caveats, e.g. that a position is approximate.
    pub note: Option<String>,
    /// The source in short, outlet and date (e.g. `Rudaw, 2024-05-12`), for maps too small for
    /// the whole `source`. `None`: the source up to its first `": "`.
    pub cite: Option<String>,
    /// Whether a position of this stretch is approximate (e.g. a town snapped to the line); the
    /// map says so.
    pub approximate: bool,
    /// Where intervals of a layer overlap, the higher priority wins, then the newer `as_of`.
    pub priority: i32,
    /// 1-based line of the interval in the layers file (0 when not from a file).
    pub line: usize,
    /// The claim's own id (`id = "..."`), which `disputed_by` of other claims names.
    pub id: Option<String>,
    /// The address of the source (`url`), http or https only.
    pub url: Option<String>,
    /// When the address was last read (`accessed`).
    pub accessed: Option<Date>,
    /// The ids of the `[[source]]` records the claim cites (`sources = [...]`), in order.
    pub source_ids: Vec<String>,
    /// The group of claims disputing each other (linked by `disputed_by`, either way), as an
    /// index shared by the group; `None` when the claim is in no dispute. Where claims of one
    /// group are in force on the same stretch, none replaces the other: the stretch is
    /// *disputed* (both values, both sources), not an overlap.
    pub dispute: Option<usize>,
}

impl Layers {
    /// Checks every text of the file (titles, names, values, sources, notes, cites) for
    /// characters a map cannot carry; an error names the file and, for a claim, its line.
    pub fn check_texts(&self) -> Result<()> {
        use crate::text_gate::check;
        let at = |e: Error, line: usize| e.in_file(&self.file).at_line(line, 1);
        let dataset = self
            .title
            .iter()
            .chain(self.titles.values())
            .chain(self.border_names.values())
            .chain(&self.attribution);
        for t in dataset {
            check(t, "a text of [dataset]").map_err(|e| e.in_file(&self.file))?;
        }
        for l in &self.layers {
            let names = std::iter::once(&l.title)
                .chain(l.title_names.values())
                .chain(l.value_names.keys())
                .chain(l.value_names.values().flat_map(|m| m.values()))
                .chain(&l.default);
            for t in names {
                check(t, "a layer's title or value").map_err(|e| e.in_file(&self.file))?;
            }
            for i in &l.intervals {
                for t in claim_texts(&i.value, &i.source, &i.note, &i.cite) {
                    check(t, "a claim").map_err(|e| at(e, i.line))?;
                }
            }
            for u in &l.unplaced {
                for t in claim_texts(&u.value, &u.source, &u.note, &u.cite) {
                    check(t, "a claim with no stretch").map_err(|e| e.in_file(&self.file))?;
                }
            }
        }
        Ok(())
    }
}

/// A claim's texts: its value, source, note and cite.
fn claim_texts<'a>(
    value: &'a str,
    source: &'a str,
    note: &'a Option<String>,
    cite: &'a Option<String>,
) -> impl Iterator<Item = &'a str> {
    [Some(value), Some(source), note.as_deref(), cite.as_deref()]
        .into_iter()
        .flatten()
}

/// A claim that gives no place on the border (e.g. "400 km completed"): listed, not drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Unplaced {
    /// The value claimed, e.g. `built`.
    pub value: String,
    /// The length claimed, kilometres, as the source says.
    pub claimed_km: Option<f64>,
    /// Date of the source.
    pub as_of: Date,
    /// Who says so.
    pub source: String,
    /// Caveats.
    pub note: Option<String>,
    /// The source in short (see [`Interval::cite`]).
    pub cite: Option<String>,
    /// The address of the source (`url`), http or https only.
    pub url: Option<String>,
    /// When the address was last read (`accessed`).
    pub accessed: Option<Date>,
    /// The ids of the `[[source]]` records the claim cites, in order.
    pub source_ids: Vec<String>,
    /// 1-based line of the claim in the layers file.
    pub line: usize,
}

/// A source written once (`[[source]]`) and cited by claims with `sources = ["id"]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The id claims cite it by.
    pub id: String,
    /// Who published it, e.g. `Rudaw`.
    pub outlet: String,
    /// The date of publication.
    pub date: Option<Date>,
    /// Its address, http or https only.
    pub url: Option<String>,
    /// What it says, in its words.
    pub quote: Option<String>,
    /// When the address was last read.
    pub accessed: Option<Date>,
    /// The language it is written in (e.g. `ar`).
    pub language: Option<String>,
    /// 1-based line of the `[[source]]` table in the layers file.
    pub line: usize,
}

impl Source {
    /// The short form: `Outlet, date` (the outlet alone without a date).
    pub fn cite(&self) -> String {
        match &self.date {
            Some(d) => format!("{}, {d}", self.outlet),
            None => self.outlet.clone(),
        }
    }

    /// The whole source as a claim's source text: `Outlet, date: "quote"` (the cite alone
    /// without a quote).
    pub fn text(&self) -> String {
        match &self.quote {
            Some(q) => format!("{}: \"{q}\"", self.cite()),
            None => self.cite(),
        }
    }
}

/// How a value of a layer drawn around the line (the second layer, e.g. a wall) is drawn:
/// `[[layer]] casing = { "built" = "ticks", "under construction" = "dashed" }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    /// A thin halo only (as for the layer's default value).
    None,
    /// A solid dark casing with perpendicular ticks.
    Ticks,
    /// A dashed dark casing.
    Dashed,
    /// A dotted dark casing.
    Dotted,
}

impl Casing {
    /// The casing named `s` (`none`, `ticks`, `dashed`, `dotted`).
    pub fn parse(s: &str) -> Option<Casing> {
        match s {
            "none" => Some(Casing::None),
            "ticks" => Some(Casing::Ticks),
            "dashed" => Some(Casing::Dashed),
            "dotted" => Some(Casing::Dotted),
            _ => None,
        }
    }
}

/// One attribute layer (e.g. `authority`, `wall`).
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// Identifier used in output keys, CSS classes and `data-*` attributes.
    pub id: String,
    /// Title for legends, e.g. "Controlled by".
    pub title: String,
    /// Value of stretches no interval covers; `None` leaves them as gaps (reported).
    pub default: Option<String>,
    /// The claims, in file order.
    pub intervals: Vec<Interval>,
    /// Claims with no place on the border.
    pub unplaced: Vec<Unplaced>,
    /// Translations of values: value → language code → text (e.g. `"ar"`).
    pub value_names: BTreeMap<String, BTreeMap<String, String>>,
    /// Translations of the title: language code → text (`[layer.titles] ar = "..."`).
    pub title_names: BTreeMap<String, String>,
    /// How each value is drawn around the line when this is the second layer (values not
    /// listed: ticks, dashed, dotted in turn).
    pub casings: BTreeMap<String, Casing>,
}

impl Layer {
    /// The title in language `lang` (`en`, `ar`, ...), falling back to [`Layer::title`].
    pub fn title_in(&self, lang: &str) -> &str {
        self.title_names.get(lang).map_or(&self.title, |t| t)
    }

    /// `value` in language `lang`, from [`Layer::value_names`], falling back to `value` itself.
    pub fn value_in<'v>(&'v self, value: &'v str, lang: &str) -> &'v str {
        self.value_names
            .get(value)
            .and_then(|n| n.get(lang))
            .map_or(value, |t| t)
    }
}

/// A named point used to place intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// English name.
    pub name: String,
    /// Other names by language code (`ar`, `ku`, ...), from `name_ar`, ... properties.
    pub names: BTreeMap<String, String>,
    /// `[lon, lat]` degrees.
    pub at: Coord<f64>,
    /// `kind` property (e.g. `town`, `crossing`).
    pub kind: Option<String>,
    /// ISO alpha-3 country, if given.
    pub country: Option<String>,
}

impl Place {
    /// The name in language `lang` (`en`, `ar`, ...): from `name_<lang>`, falling back to the
    /// English `name`.
    pub fn name_in(&self, lang: &str) -> &str {
        self.names.get(lang).map_or(&self.name, |n| n)
    }
}

/// A parsed layers file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layers {
    /// The file it came from (for messages).
    pub file: PathBuf,
    /// Map title, if the file gives one.
    pub title: Option<String>,
    /// Translations of the title: language code → text (`[dataset] titles = { ar = "..." }`).
    pub titles: BTreeMap<String, String>,
    /// The border's name by language (`[dataset] border_names = { en = "Iraq–Syria border",
    /// ar = "..." }`), for subtitles and descriptions in that language.
    pub border_names: BTreeMap<String, String>,
    /// The border file named by the layers file, relative to it.
    pub border: Option<String>,
    /// The places file named by the layers file, relative to it.
    pub places: Option<String>,
    /// The rivers file named by the layers file (`[dataset] rivers`), relative to it: GeoJSON
    /// lines with a `name` (features with `layer` = `river`, or with no `layer`), for
    /// `{ river = "Name" }` positions.
    pub rivers: Option<String>,
    /// The default `--as-of` date.
    pub as_of: Option<Date>,
    /// Attribution lines for the data (printed in map footers).
    pub attribution: Vec<String>,
    /// The layers in file order.
    pub layers: Vec<Layer>,
    /// The `[[source]]` records, in file order.
    pub sources: Vec<Source>,
    /// SHA-256 of the file's bytes, lowercase hex (set by `load::layers`; empty otherwise).
    pub sha256: String,
}

mod parse;
mod records;

pub(crate) use parse::line_col;
pub use parse::{parse, places_from};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::border::Border;
    use crate::error::{Error, Result};
    use crate::overlay::overlay;
    use geo::LineString;
    use std::path::Path;

    /// Rivers for a border along lon 0 from lat 0 to lat 2: "Once" crosses at lat 1, "Twice"
    /// crosses at lat 0.5 and 0.9, "Never" stays east, "Split" is two features that meet on
    /// the border at lat 1.5 (one crossing).
    const RIVERS: &str = r#"{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"layer": "river", "name": "Once"}, "geometry": {"type": "LineString", "coordinates": [[-1, 1], [1, 1]]}},
{"type": "Feature", "properties": {"layer": "river", "name": "Twice"}, "geometry": {"type": "LineString", "coordinates": [[-1, 0.5], [1, 0.5], [1, 0.9], [-1, 0.9]]}},
{"type": "Feature", "properties": {"layer": "river", "name": "Never"}, "geometry": {"type": "LineString", "coordinates": [[1, 0], [2, 0]]}},
{"type": "Feature", "properties": {"layer": "river", "name": "Split"}, "geometry": {"type": "LineString", "coordinates": [[-1, 1.5], [0, 1.5]]}},
{"type": "Feature", "properties": {"layer": "river", "name": "Split"}, "geometry": {"type": "LineString", "coordinates": [[0, 1.5], [1, 1.5]]}},
{"type": "Feature", "properties": {"layer": "country", "name": "Land"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}
]}"#;

    fn read(p: &Path) -> Result<Vec<u8>> {
        if p.ends_with("rivers.geojson") {
            Ok(RIVERS.as_bytes().to_vec())
        } else {
            Err(Error::input("no such file"))
        }
    }

    fn layers_with(to: &str, rivers: bool) -> Result<Layers> {
        let dataset = if rivers {
            "[dataset]\nrivers = \"rivers.geojson\"\n"
        } else {
            ""
        };
        let text = format!(
            "{dataset}[[layer]]\nid = \"a\"\n[[layer.interval]]\nvalue = \"x\"\nfrom = \"start\"\nto = {to}\nas_of = 2024\nsource = \"test\"\n"
        );
        parse(&text, Path::new("l.toml"), Path::new("dir"), &read)
    }

    fn border() -> Border {
        Border::new(
            "test",
            LineString::from(vec![(0.0, 0.0), (0.0, 1.2), (0.0, 2.0)]),
        )
        .unwrap()
    }

    /// Places the layers' intervals on the test border: the first segment's end, metres.
    fn place(l: &Layers) -> Result<f64> {
        let date = Date::parse("2025")?;
        let o = overlay(&border(), &l.layers, &[], &[], &date, &l.file)?;
        Ok(o.segments.first().map_or(0.0, |s| s.to_m))
    }

    #[test]
    fn a_river_position_is_where_the_river_crosses_the_border() {
        let l = layers_with("{ river = \"Once\" }", true).unwrap();
        assert_eq!(l.rivers.as_deref(), Some("rivers.geojson"));
        let want = border().snap(Coord { x: 0.0, y: 1.0 }).along_m;
        let got = place(&l).unwrap();
        assert!((got - want).abs() < 1e-6, "{got} vs {want}");
        // Matched without regard to case, and moved by offset_km.
        let l = layers_with("{ river = \"once\", offset_km = 10 }", true).unwrap();
        let got = place(&l).unwrap();
        assert!(
            (got - want - 10_000.0).abs() < 1e-6,
            "{got} vs {want} + 10 km"
        );
        // Two features meeting on the border cross it once.
        let l = layers_with("{ river = \"Split\" }", true).unwrap();
        let want = border().snap(Coord { x: 0.0, y: 1.5 }).along_m;
        assert!((place(&l).unwrap() - want).abs() < 1e-6);
    }

    #[test]
    fn a_river_that_crosses_never_or_twice_is_an_error_at_the_position() {
        let l = layers_with("{ river = \"Twice\" }", true).unwrap();
        let e = place(&l).unwrap_err();
        assert!(e.message.contains("'Twice'"), "{e}");
        assert!(e.message.contains("2 times"), "{e}");
        assert!(e.message.contains("rivers.geojson"), "{e}");
        assert_eq!(e.location.file.as_deref(), Some(Path::new("l.toml")));
        assert_eq!((e.location.line, e.location.column), (Some(8), Some(6)));
        assert!(e.hint.contains("exactly one crossing"), "{e}");
        let l = layers_with("{ river = \"Never\" }", true).unwrap();
        let e = place(&l).unwrap_err();
        assert!(e.message.contains("does not cross the border"), "{e}");
        assert_eq!((e.location.line, e.location.column), (Some(8), Some(6)));
    }

    #[test]
    fn a_river_position_needs_a_rivers_file_that_has_the_river() {
        let e = layers_with("{ river = \"Once\" }", false).unwrap_err();
        assert!(e.message.contains("no rivers file"), "{e}");
        assert!(e.hint.contains("rivers = "), "{e}");
        assert_eq!((e.location.line, e.location.column), (Some(6), Some(6)));
        let e = layers_with("{ river = \"Nile\" }", true).unwrap_err();
        assert!(e.message.contains("no river 'Nile'"), "{e}");
        assert!(e.hint.contains("Never, Once, Split, Twice"), "{e}");
        assert_eq!((e.location.line, e.location.column), (Some(8), Some(6)));
        // A rivers file that cannot be read is reported at its name in [dataset].
        let text = "[dataset]\nrivers = \"missing.geojson\"\n[[layer]]\nid = \"a\"\n[[layer.interval]]\nvalue = \"x\"\nfrom = \"start\"\nto = { river = \"Once\" }\nas_of = 2024\nsource = \"test\"\n";
        let e = parse(text, Path::new("l.toml"), Path::new("dir"), &read).unwrap_err();
        assert!(e.message.contains("cannot read the rivers file"), "{e}");
        assert_eq!((e.location.line, e.location.column), (Some(2), Some(10)));
        // Not read at all when no position names a river.
        let text = "[dataset]\nrivers = \"missing.geojson\"\n";
        let l = parse(text, Path::new("l.toml"), Path::new("dir"), &read).unwrap();
        assert_eq!(l.rivers.as_deref(), Some("missing.geojson"));
    }
}
