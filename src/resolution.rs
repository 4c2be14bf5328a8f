//! The same border at every resolution bordermap embeds: Natural Earth 1:110m, 1:50m and 1:10m
//! (world-atlas 2.0.2 TopoJSON, shared arcs as `extract` takes them) and, where embedded, the
//! OpenStreetMap line; per line its vertices, geodesic length (metres, WGS84) and difference
//! from the finest line. Writers: table, JSON, CSV, and an SVG of the lines overlaid (a
//! [`Scene`] written by the map's writer). The data come from the load stage (embedded files
//! only); nothing here reads or writes files.

use std::io::{self, Write};

use geo::{Coord, LineString};
use serde::Serialize;

use crate::border::Border;
use crate::error::{Error, Result};
use crate::extract::{SharedBorder, from_topology};
use crate::fonts::{Font, Measurer};
use crate::layout::{Furniture, FurnitureKind, Laid, LayoutReport, LegendEntry, PageTransform};
use crate::load::world::{self, Scale};
use crate::project::Projection;
use crate::report::{csv_field, km1};
use crate::scene::{Anchor, Clip, Group, Item, PathItem, Rect, RectItem, Scene, Stroke};
use crate::style::Style;

/// The countries compared when none are given.
pub const DEFAULT_PAIR: [&str; 2] = ["Iraq", "Syria"];

/// The embedded OpenStreetMap lines: the pair of country ids (Natural Earth `id`, ISO 3166
/// numeric) and the embedded border's name (`@name`).
const OSM_LINES: &[([&str; 2], &str)] = &[(["368", "760"], "@iraq-syria-osm")];

/// The overlay legend's heading.
const LEGEND_HEAD: &str = "Resolution";

/// The sentence the table ends with: why the lengths differ.
pub const WHY_LENGTHS_GROW: &str = "Lengths grow with resolution (the coastline paradox): a \
finer line follows more of the border's bends, so its measured length grows with the detail \
of the line. The figures are for the same border; only the line's detail differs.";

/// One line of the border at one resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolutionLine {
    /// Where the line is from, e.g. `Natural Earth`, `OpenStreetMap`.
    pub source: String,
    /// The resolution, e.g. `1:10m`, or `OSM`.
    pub scale: String,
    /// The line's pieces, `[lon, lat]` degrees (WGS84).
    pub pieces: Vec<LineString<f64>>,
}

/// One row of the comparison: a line's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolutionRow {
    /// Where the line is from, e.g. `Natural Earth`, `OpenStreetMap`.
    pub source: String,
    /// The resolution, e.g. `1:10m`, or `OSM`.
    pub scale: String,
    /// Vertices of all its pieces.
    pub vertices: usize,
    /// Geodesic length on WGS84, metres (all pieces summed).
    pub length_m: f64,
    /// `length_m` minus the finest line's, metres (0 for the finest; negative when shorter).
    pub diff_m: f64,
    /// `diff_m` as a share of the finest line's length (−0.01 = 1 % shorter).
    pub diff_share: f64,
}

/// The border of two countries at every embedded resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// The two countries, as matched in the 1:10m data (e.g. `Iraq (368)`).
    pub names: [String; 2],
    /// The lines, coarsest first; the last is the finest.
    pub lines: Vec<ResolutionLine>,
    /// Their figures, in the same order.
    pub rows: Vec<ResolutionRow>,
    /// Resolutions left out and why (a country or the shared border missing at a coarse scale).
    pub notes: Vec<String>,
}

impl Resolution {
    /// The finest line (the OSM line where there is one, else 1:10m).
    pub fn finest(&self) -> Option<&ResolutionLine> {
        self.lines.last()
    }

    /// `A–B` with the countries' names (without their ids).
    pub fn pair(&self) -> String {
        let [a, b] = &self.names;
        format!("{}–{}", short(a), short(b))
    }
}

/// A matched country's name without its id: `Iraq (368)` → `Iraq`.
fn short(label: &str) -> &str {
    match label.strip_suffix(')').and_then(|l| l.rsplit_once(" (")) {
        Some((name, _)) => name,
        None => label,
    }
}

/// The border of countries `a` and `b` (matched as `extract --between` matches them: id, ISO
/// code or name) at every embedded resolution, coarsest first: Natural Earth 1:110m, 1:50m,
/// 1:10m, then the OSM line where one is embedded (Iraq–Syria). Countries unknown to the
/// 1:10m data, or without a shared border there, are an error; a coarser scale that lacks one
/// is left out with a note.
///
/// ```
/// let r = bordermap::resolution::resolution("Iraq", "Syria")?;
/// assert_eq!(r.rows.len(), 4);
/// assert!((r.rows[2].length_m - 599_285.645).abs() < 0.001); // NE 1:10m, metres
/// assert!((r.rows[3].length_m - 603_095.363).abs() < 0.001); // OSM, metres
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn resolution(a: &str, b: &str) -> Result<Resolution> {
    use rayon::prelude::*;
    // The three topologies are parsed independently; joined in scale order.
    let topologies: Vec<Result<&'static crate::load::topojson::Topology>> =
        Scale::ALL.par_iter().map(|s| world::topology(*s)).collect();
    // ISO alpha-2/alpha-3 codes and translated names, as `--between` takes them.
    let (a, b) = (&world::resolve_country(a), &world::resolve_country(b));
    let mut shared: Vec<(&str, Result<SharedBorder>)> = Vec::new();
    let mut fine_names = None;
    for (scale, topo) in Scale::ALL.iter().zip(topologies) {
        let (topo, label) = (topo?, scale.label());
        let got = from_topology(topo, a, b);
        if *scale == Scale::S10m {
            // The finest Natural Earth data decides which countries are meant.
            let s = got.map_err(|e| e.in_file(scale.path()))?;
            let names = s.names.clone();
            let osm = OSM_LINES.iter().find(|([x, y], _)| {
                from_topology(topo, x, y).is_ok_and(|o| same_pair(&o.names, &names))
            });
            shared.push((label, Ok(s)));
            if let Some((_, name)) = osm {
                let path = crate::load::border_path(name)?;
                let pieces = crate::load::border(&path, &[])?.border.parts().to_vec();
                shared.push((
                    "OSM",
                    Ok(SharedBorder {
                        names: names.clone(),
                        pieces,
                    }),
                ));
            }
            fine_names = Some(names);
        } else {
            shared.push((label, got));
        }
    }
    let names = fine_names.ok_or_else(|| Error::input("no 1:10m data"))?;
    let mut lines = Vec::new();
    let mut notes = Vec::new();
    for (scale, got) in shared {
        match got {
            Ok(s) => lines.push(ResolutionLine {
                source: if scale == "OSM" {
                    "OpenStreetMap".into()
                } else {
                    "Natural Earth".into()
                },
                scale: scale.to_string(),
                pieces: s.pieces,
            }),
            Err(e) => notes.push(format!("no {scale} line: {}", e.message)),
        }
    }
    let rows = rows(&lines)?;
    Ok(Resolution {
        names,
        lines,
        rows,
        notes,
    })
}

/// Whether two matched pairs name the same two countries (in either order).
fn same_pair(x: &[String; 2], y: &[String; 2]) -> bool {
    let [x0, x1] = x;
    let [y0, y1] = y;
    (x0 == y0 && x1 == y1) || (x0 == y1 && x1 == y0)
}

/// The figures of `lines`; differences are from the last line (the finest).
pub fn rows(lines: &[ResolutionLine]) -> Result<Vec<ResolutionRow>> {
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let mut length_m = 0.0;
        for p in &l.pieces {
            length_m += Border::new(l.scale.clone(), p.clone())?.length_m();
        }
        out.push(ResolutionRow {
            source: l.source.clone(),
            scale: l.scale.clone(),
            vertices: l.pieces.iter().map(|p| p.0.len()).sum(),
            length_m,
            diff_m: 0.0,
            diff_share: 0.0,
        });
    }
    let finest = out.last().map_or(0.0, |r| r.length_m);
    for r in &mut out {
        r.diff_m = r.length_m - finest;
        r.diff_share = if finest > 0.0 { r.diff_m / finest } else { 0.0 };
    }
    Ok(out)
}

/// Aligned text: one line per resolution (length and difference in metres, 3 decimals; the
/// share in per cent), any notes, and [`WHY_LENGTHS_GROW`].
pub fn write_table(r: &Resolution, w: &mut dyn Write) -> io::Result<()> {
    let finest = r.rows.last().map_or("", |f| f.scale.as_str());
    writeln!(
        w,
        "{} border at {} resolutions (differences from the finest, {finest})",
        r.pair(),
        r.rows.len()
    )?;
    writeln!(w)?;
    let sw = r
        .rows
        .iter()
        .map(|x| x.source.chars().count())
        .max()
        .unwrap_or(0)
        .max(6);
    let cw = r
        .rows
        .iter()
        .map(|x| x.scale.chars().count())
        .max()
        .unwrap_or(0)
        .max(5);
    writeln!(
        w,
        "{:<sw$}  {:<cw$}  {:>8}  {:>14}  {:>12}  {:>8}",
        "source", "scale", "vertices", "length_m", "diff_m", "diff"
    )?;
    for x in &r.rows {
        writeln!(
            w,
            "{:<sw$}  {:<cw$}  {:>8}  {:>14.3}  {:>12.3}  {:>7.2}%",
            x.source,
            x.scale,
            x.vertices,
            x.length_m,
            x.diff_m,
            x.diff_share * 100.0
        )?;
    }
    for n in &r.notes {
        writeln!(w, "note: {n}")?;
    }
    writeln!(w)?;
    writeln!(w, "{WHY_LENGTHS_GROW}")?;
    // Said where the figures do not follow the rule.
    for (i, x) in r.rows.iter().enumerate() {
        if let Some(y) = r.rows.iter().skip(i + 1).find(|y| y.length_m < x.length_m) {
            writeln!(
                w,
                "Not strictly here: {} ({} km) measures longer than {} ({} km); a coarse line's \
                 few straight segments, and its ends at the tripoints, lie elsewhere than a \
                 finer line's.",
                x.scale,
                km1(x.length_m),
                y.scale,
                km1(y.length_m)
            )?;
            break;
        }
    }
    Ok(())
}

/// JSON: `[{"source", "scale", "vertices", "length_m", "diff_m", "diff_share"}]`, metres.
pub fn write_json(r: &Resolution, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &r.rows).map_err(io::Error::from)?;
    writeln!(w)
}

/// CSV: `source,scale,vertices,length_m,diff_m,diff_share` (metres, 3 decimals; the share to 6).
pub fn write_csv(r: &Resolution, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "source,scale,vertices,length_m,diff_m,diff_share")?;
    for x in &r.rows {
        writeln!(
            w,
            "{},{},{},{:.3},{:.3},{:.6}",
            csv_field(&x.source),
            csv_field(&x.scale),
            x.vertices,
            x.length_m,
            x.diff_m,
            x.diff_share
        )?;
    }
    Ok(())
}

/// Page of the SVG, px.
const PAGE: (f64, f64) = (1000.0, 760.0);
/// Page margin, px.
const MARGIN: f64 = 24.0;
/// Legend swatch length, px.
const SWATCH: f64 = 28.0;

/// The lines overlaid on one map as a [`Scene`] (page 1000 × 760 px): projected with the
/// Lambert conformal conic fitted to the finest line, each resolution in the style's palette
/// colour (coarsest drawn widest, underneath), a legend (scale, vertices, km), a title and the
/// sources. `id_prefix`: `None` derives one from the figures.
pub fn scene(r: &Resolution, style: &Style, id_prefix: Option<&str>) -> Result<Scene> {
    laid(r, style, id_prefix).map(|l| l.scene)
}

/// [`scene`] with the layout's report (frame, transform, legend figures, furniture).
pub fn laid(r: &Resolution, style: &Style, id_prefix: Option<&str>) -> Result<Laid> {
    let s = style;
    let (width, height) = PAGE;
    let finest = r.finest().ok_or_else(|| Error::input("no line to draw"))?;
    let all: Vec<Coord<f64>> = finest.pieces.iter().flat_map(|p| p.0.clone()).collect();
    let definition = crate::project::fitted_definition(&LineString(all));
    let proj = crate::project::projection(&definition)?;
    let projected = project_lines(r, proj.as_ref())?;
    let mut m = Measurer::default();
    let ls = s.label_size;
    // Title block.
    let title = format!("The {} border at {} resolutions", r.pair(), r.rows.len());
    let subtitle = "The same border: finer lines follow more bends, so they tend to measure longer. \
                    Lengths geodesic (WGS84).";
    let tb = MARGIN + s.title_size * 0.9;
    let sub_y = tb + ls + 9.0;
    let top = sub_y + ls;
    // Legend: one row per line, at the right.
    let legend_text = legend_rows(r);
    let legend_head = LEGEND_HEAD;
    let mut text_w = m.width(legend_head, Font::bold(ls));
    for t in &legend_text {
        text_w = text_w.max(m.width(t, Font::regular(ls)));
    }
    let pad = 12.0;
    let legend_w = (SWATCH + 10.0 + text_w + 2.0 * pad).ceil();
    let row_h = ls * 1.8;
    let legend_h = pad * 2.0 + ls * 1.6 + row_h * r.rows.len() as f64;
    // Footer: sources.
    let has_osm = r.rows.iter().any(|x| x.source == "OpenStreetMap");
    let footer = if has_osm {
        "Natural Earth (public domain), via world-atlas 2.0.2. OSM line: © OpenStreetMap contributors (ODbL), via geo-maps."
    } else {
        "Natural Earth (public domain), via world-atlas 2.0.2."
    };
    let footer_y = height - MARGIN;
    let frame = Rect {
        x: MARGIN,
        y: top + 16.0,
        w: width - 3.0 * MARGIN - legend_w,
        h: footer_y - s.small_size - 12.0 - (top + 16.0),
    };
    if frame.w < 100.0 || frame.h < 100.0 {
        return Err(Error::input("the legend leaves no room for the map"));
    }
    let legend_rect = Rect {
        x: frame.right() + MARGIN,
        y: frame.y,
        w: legend_w,
        h: legend_h,
    };
    let transform = fit_lines(&projected, frame)?;
    let n = r.rows.len();
    let color = |i: usize| s.value_color("resolution", "", i);
    let line_width = |i: usize| 1.5 + 1.5 * (n.saturating_sub(1 + i)) as f64;
    let lines = line_items(
        s,
        r,
        &projected,
        transform,
        &legend_text,
        (&color, &line_width),
    );
    let legend_items = legend_items(
        s,
        legend_rect,
        &legend_text,
        (pad, row_h),
        &color,
        &line_width,
    );
    let groups = vec![
        group(
            "title-block",
            false,
            vec![
                Item::plain_text(
                    MARGIN,
                    tb,
                    title.clone(),
                    Font::bold(s.title_size),
                    &s.text,
                    Anchor::Start,
                    "title",
                ),
                Item::plain_text(
                    MARGIN,
                    sub_y,
                    subtitle,
                    Font::regular(ls),
                    &s.muted_text,
                    Anchor::Start,
                    "subtitle",
                ),
            ],
        ),
        group("lines", true, lines),
        group("legend", false, legend_items),
        group(
            "footer",
            false,
            vec![Item::plain_text(
                MARGIN,
                footer_y,
                footer,
                Font::regular(s.small_size),
                &s.muted_text,
                Anchor::Start,
                "footer",
            )],
        ),
    ];
    let description = format!(
        "The {} border drawn at {} resolutions, lengths geodesic on WGS84: {}.",
        r.pair(),
        n,
        legend_text.join("; ")
    );
    let id_prefix = prefix_of(r, id_prefix);
    let scene = Scene {
        width,
        height,
        id_prefix,
        title,
        description,
        background: s.background.clone(),
        font_family: s.font_family.clone(),
        clips: vec![Clip {
            id: "clip".into(),
            rect: frame,
        }],
        groups,
        projection: definition,
        dataset_version: None,
    };
    let report = report_of(r, (frame, transform), legend_rect, (width, top));
    Ok(Laid { scene, report })
}

/// Each line's legend text: its source and scale, vertices and length (km).
fn legend_rows(r: &Resolution) -> Vec<String> {
    r.rows
        .iter()
        .map(|x| {
            let scale = if x.source == "OpenStreetMap" {
                "OpenStreetMap".to_string()
            } else {
                format!("{} {}", x.source, x.scale)
            };
            format!("{scale}: {} vertices, {} km", x.vertices, km1(x.length_m))
        })
        .collect()
}

/// A group of the overlay: `id` (also its class), clipped to the frame or not.
fn group(id: &str, clip: bool, items: Vec<Item>) -> Group {
    Group::plain(id, clip, items)
}

/// Lines, each its pieces, each its points (planar units).
type Projected = Vec<Vec<Vec<(f64, f64)>>>;

/// Every line of `r` projected (planar units), piece by piece.
fn project_lines(r: &Resolution, proj: &dyn Projection) -> Result<Projected> {
    let mut projected: Vec<Vec<Vec<(f64, f64)>>> = Vec::with_capacity(r.lines.len());
    for l in &r.lines {
        let mut parts = Vec::with_capacity(l.pieces.len());
        for p in &l.pieces {
            let mut pts: Vec<(f64, f64)> = p.0.iter().map(|c| (c.x, c.y)).collect();
            proj.forward_many(&mut pts)?;
            parts.push(pts);
        }
        projected.push(parts);
    }
    Ok(projected)
}

/// The transform that fits every projected line into `frame` (px), at 92 % of it.
fn fit_lines(projected: &[Vec<Vec<(f64, f64)>>], frame: Rect) -> Result<PageTransform> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in projected.iter().flatten().flatten() {
        x0 = x0.min(*x);
        y0 = y0.min(*y);
        x1 = x1.max(*x);
        y1 = y1.max(*y);
    }
    if !(x0.is_finite() && x1 > x0 && y1 > y0) {
        return Err(Error::input("the lines have no extent to draw"));
    }
    let fill = 0.92;
    let mpp = ((x1 - x0) / (frame.w * fill)).max((y1 - y0) / (frame.h * fill));
    Ok(PageTransform {
        mpp,
        cx: (x0 + x1) / 2.0,
        cy: (y0 + y1) / 2.0,
        fx: frame.x + frame.w / 2.0,
        fy: frame.y + frame.h / 2.0,
    })
}

/// The legend's panel in `legend_rect` (px): its heading and a swatch and text per line
/// (`legend_text`), rows `row_h` px apart inside `pad` px; `color` and `line_width` (px) by
/// the line's index.
fn legend_items(
    s: &Style,
    legend_rect: Rect,
    legend_text: &[String],
    (pad, row_h): (f64, f64),
    color: &dyn Fn(usize) -> String,
    line_width: &dyn Fn(usize) -> f64,
) -> Vec<Item> {
    let ls = s.label_size;
    let legend_head = LEGEND_HEAD;
    let mut legend_items = vec![
        Item::Rect(RectItem {
            rect: legend_rect,
            fill: Some(s.panel.clone()),
            opacity: 1.0,
            stroke: Some(Stroke::new(&s.panel_stroke, 1.0)),
            radius: 3.0,
            class: "legend-panel".into(),
            data: Vec::new(),
        }),
        Item::plain_text(
            legend_rect.x + pad,
            legend_rect.y + pad + ls,
            legend_head,
            Font::bold(ls),
            &s.text,
            Anchor::Start,
            "legend-title",
        ),
    ];
    for (i, t) in legend_text.iter().enumerate() {
        let y = legend_rect.y + pad + ls * 1.6 + row_h * (i as f64 + 0.5) + ls * 0.5;
        let sx = legend_rect.x + pad;
        legend_items.push(Item::Path(PathItem {
            parts: vec![vec![(sx, y - ls * 0.35), (sx + SWATCH, y - ls * 0.35)]],
            stroke: Some(Stroke {
                color: color(i),
                width: line_width(i).min(ls * 0.6),
                dash: s.value_pattern(i),
                round: true,
            }),
            class: "legend-swatch".into(),
            ..PathItem::default()
        }));
        legend_items.push(Item::plain_text(
            sx + SWATCH + 10.0,
            y,
            t.clone(),
            Font::regular(ls),
            &s.text,
            Anchor::Start,
            "legend-name",
        ));
    }
    legend_items
}

/// The ids' prefix: the one given, else `bmr` and a hash of the lines' figures.
fn prefix_of(r: &Resolution, id_prefix: Option<&str>) -> String {
    match id_prefix {
        Some(p) => p.to_string(),
        None => {
            let mut key = format!("resolution|{}|{}", r.names[0], r.names[1]);
            for x in &r.rows {
                key.push_str(&format!("|{}:{}:{:.3}", x.scale, x.vertices, x.length_m));
            }
            format!("bmr{:08x}", crate::map::fnv1a(key.as_bytes()) >> 32)
        }
    }
}

/// What the layout reports: the frame and transform, the legend (each line's length, as a
/// share of the finest), its rectangle and the furniture, on a page `width` px wide whose
/// title block ends at `top` (px).
fn report_of(
    r: &Resolution,
    (frame, transform): (Rect, PageTransform),
    legend_rect: Rect,
    (width, top): (f64, f64),
) -> LayoutReport {
    let finest_m = r.rows.last().map_or(0.0, |x| x.length_m);
    LayoutReport {
        frame,
        transform,
        labels: Vec::new(),
        legend: r
            .rows
            .iter()
            .map(|x| LegendEntry {
                layer: "resolution".into(),
                value: x.scale.clone(),
                length_m: x.length_m,
                share: if finest_m > 0.0 {
                    x.length_m / finest_m
                } else {
                    0.0
                },
            })
            .collect(),
        legend_rect,
        scale_bar: None,
        north_angle_deg: 0.0,
        inset_rect: Rect::EMPTY,
        furniture: vec![
            Furniture {
                kind: FurnitureKind::TitleBlock,
                rect: Rect {
                    x: MARGIN,
                    y: MARGIN,
                    w: width - 2.0 * MARGIN,
                    h: top - MARGIN,
                },
            },
            Furniture {
                kind: FurnitureKind::Legend,
                rect: legend_rect,
            },
        ],
        warnings: Vec::new(),
    }
}

/// The SVG of [`scene`] (standalone, the bundled fonts its text uses embedded, as for maps).
pub fn write_svg(r: &Resolution, style: &Style, w: &mut dyn Write) -> Result<()> {
    let sc = scene(r, style, None)?;
    crate::render::svg::write(
        &sc,
        crate::render::svg::SvgOptions {
            fragment: false,
            embed_fonts: true,
            text_as_paths: false,
        },
        w,
    )
    .map_err(|e| Error::io("<svg>", &e, "check the output"))
}

/// Each line of `r` (`projected`, planar units) drawn through `transform` in its colour and
/// width (`looks`: by index; px), with its figures in `data-*` and its legend text as title.
fn line_items(
    s: &Style,
    r: &Resolution,
    projected: &[Vec<Vec<(f64, f64)>>],
    transform: PageTransform,
    legend_text: &[String],
    (color, line_width): (&dyn Fn(usize) -> String, &dyn Fn(usize) -> f64),
) -> Vec<Item> {
    let mut lines = Vec::new();
    for (i, (parts, x)) in projected.iter().zip(&r.rows).enumerate() {
        lines.push(Item::Path(PathItem {
            parts: parts
                .iter()
                .map(|p| p.iter().map(|(x, y)| transform.apply(*x, *y)).collect())
                .collect(),
            closed: false,
            fill: None,
            stroke: Some(Stroke {
                color: color(i),
                width: line_width(i),
                dash: s.value_pattern(i),
                round: true,
            }),
            class: "resolution-line".into(),
            data: vec![
                ("source".into(), x.source.clone()),
                ("scale".into(), x.scale.clone()),
                ("vertices".into(), x.vertices.to_string()),
                ("length-m".into(), format!("{:.3}", x.length_m)),
            ],
            title: legend_text.get(i).cloned(),
        }));
    }
    lines
}
