//! The timeline chart: for each layer a panel of stepped, stacked bars of km per value over
//! time (each date's lengths hold until the next date), in the map's value colours, with year
//! ticks, a km axis and a legend. Laid out as a [`Scene`], so the map's SVG writer (and PNG
//! path) write it.

use super::{
    Anchor, Clip, Furniture, FurnitureKind, Group, Item, Laid, LayoutReport, PageTransform,
    PathItem, Rect, RectItem, Scene, Stroke,
};
use crate::date::Date;
use crate::error::{Error, Grow, Result};
use crate::fonts::{Font, Measurer};
use crate::measure::GAP_LABEL;
use crate::style::Style;
use crate::timeline::Timeline;

/// Page margin of the chart, px.
const MARGIN: f64 = 24.0;
/// Width of the km axis labels, px.
const AXIS_W: f64 = 56.0;
/// Gap between panels, px.
const PANEL_GAP: f64 = 44.0;
/// The last step is drawn this share of the whole span past the last date (at least 30 days).
const TAIL_SHARE: f64 = 0.06;

/// A value's (or a layer title's) name in the map's language, by layer and value.
type NameIn<'a> = &'a dyn Fn(&str, &str) -> String;
/// The grey of a value of a layer after the first, by layer and value.
type Shade<'a> = &'a dyn Fn(&str, &str) -> Option<String>;

/// A text item, left to right.
fn text(x: f64, y: f64, t: &str, font: Font, fill: &str, anchor: Anchor, class: &str) -> Item {
    Item::plain_text(x, y, t, font, fill, anchor, class)
}

/// Lays out the chart of `t` on a `width` × `height` px page. `title` heads it; `name_in(layer,
/// value)` gives a value's (or a layer title's) name in the map's language; `shade(layer,
/// value)` gives the grey of a value of a layer after the first (drawn as a casing on the map),
/// `None` for the first layer's values (the map's colours).
#[allow(
    clippy::too_many_arguments,
    reason = "the timeline, its title, style and page, then two lookups into the layers file"
)]
pub fn timeline_scene(
    t: &Timeline,
    title: &str,
    style: &Style,
    width: f64,
    height: f64,
    id_prefix: &str,
    name_in: &dyn Fn(&str, &str) -> String,
    shade: &dyn Fn(&str, &str) -> Option<String>,
    loc: &crate::i18n::Locale,
) -> Result<Laid> {
    let s = style;
    let (Some(first), Some(last)) = (t.dates.first(), t.dates.last()) else {
        return Err(Error::input("the timeline has no dates"));
    };
    super::check_page("chart", width, height, super::MIN_CHART_HEIGHT_PX)?;
    let mut m = Measurer::default();
    let span = last.days_since(first).max(1) as f64;
    let end = span + (span * TAIL_SHARE).max(30.0);
    let layers: Vec<(String, String)> = t
        .measured
        .last()
        .map(|me| {
            me.layers
                .iter()
                .map(|l| (l.id.clone(), l.title.clone()))
                .collect()
        })
        .unwrap_or_default();
    if layers.is_empty() {
        return Err(Error::input("the timeline has no layers to chart"));
    }
    let mut groups = Vec::new();
    let mut clips = Vec::new();
    let mut furniture = Vec::new();
    // Title block.
    let tb = MARGIN + s.title_size * 0.9;
    let (title_group, title_rect) = chart_title(t, title, s, width, loc);
    groups.push(title_group);
    let top = tb + s.label_size + 9.0 + 20.0 + s.label_size;
    furniture.push(Furniture {
        kind: FurnitureKind::TitleBlock,
        rect: title_rect,
    });
    // Legend column width: the widest value name of any layer.
    let ls = s.label_size;
    let (values_of, legend_w) = chart_values(t, &layers, name_in, &mut m, ls);
    let legend_w = legend_w.min(width * 0.35).ceil();
    let plot_x = MARGIN + AXIS_W;
    let plot_w = width - MARGIN - plot_x - legend_w - 20.0;
    let n = layers.len() as f64;
    let bottom = height - MARGIN - 24.0;
    let panel_h = (bottom - top - PANEL_GAP * (n - 1.0)) / n;
    check_plot((width, height), plot_w, panel_h)?;
    let x_of = |d: &Date| plot_x + d.days_since(first) as f64 / end * plot_w;
    let total = t.total_m.max(1.0);
    let mut items = Vec::new();
    let mut axis = Vec::new();
    let mut legend_items = Vec::new();
    for (li, ((id, ltitle), (vals, order))) in layers.iter().zip(&values_of).enumerate() {
        let py = top + li as f64 * (panel_h + PANEL_GAP);
        let y_of = |m: f64| py + panel_h - m / total * panel_h;
        // Panel title.
        axis.push(text(
            plot_x,
            py - 8.0,
            &name_in(id, ltitle),
            Font::bold(ls),
            &s.text,
            Anchor::Start,
            "panel-title",
        ));
        let plot = Plot {
            end_x: plot_x + plot_w,
            panel_h,
            total,
        };
        items.extend(panel_steps(
            t,
            s,
            (li, id, vals, order),
            shade,
            &x_of,
            &y_of,
            plot,
        ));
        axis.extend(km_axis(t, s, loc, &y_of, (plot_x, plot_w)));
        axis.extend(date_ticks(t, s, &x_of, py + panel_h));
        let lx = plot_x + plot_w + 20.0;
        legend_items.extend(panel_legend(
            s,
            (li, id, vals, order),
            (name_in, shade),
            (lx, py + ls),
        ));
    }
    let last_panel_bottom = top + n * panel_h + (n - 1.0) * PANEL_GAP;
    axis.extend(year_ticks(
        s,
        first,
        &x_of,
        plot_x + plot_w,
        (top, last_panel_bottom),
    ));
    let frame = Rect {
        x: plot_x,
        y: top,
        w: plot_w,
        h: last_panel_bottom - top,
    };
    clips.push(Clip {
        id: "clip".into(),
        rect: frame,
    });
    groups.push(group("steps", true, items));
    groups.push(group("axes", false, axis));
    let legend_rect = Rect {
        x: plot_x + plot_w + 20.0,
        y: top,
        w: legend_w,
        h: last_panel_bottom - top,
    };
    groups.push(group("legend", false, legend_items));
    furniture.push(Furniture {
        kind: FurnitureKind::Legend,
        rect: legend_rect,
    });
    let description = chart_description(t, loc, name_in);
    let scene = Scene {
        width,
        height,
        id_prefix: id_prefix.to_string(),
        title: title.to_string(),
        description,
        background: s.background.clone(),
        font_family: s.font_family.clone(),
        clips,
        groups,
        projection: String::new(),
        dataset_version: None,
    };
    let report = chart_report(frame, legend_rect, furniture);
    Ok(Laid { scene, report })
}

/// A group of the chart: `id` (also its class), clipped to the plot or not.
fn group(id: &str, clip: bool, items: Vec<Item>) -> Group {
    Group::plain(id, clip, items)
}

/// The chart's title block: the title and "border, from – to" under it, and its rectangle
/// (px).
fn chart_title(
    t: &Timeline,
    title: &str,
    s: &Style,
    width: f64,
    loc: &crate::i18n::Locale,
) -> (Group, Rect) {
    let (first, last) = (t.dates.first(), t.dates.last());
    let date = |d: Option<&Date>| d.map(|d| loc.date(d)).unwrap_or_default();
    let tb = MARGIN + s.title_size * 0.9;
    let sub = loc.text(
        "chart-subtitle",
        &[
            ("border", &t.name),
            ("from", &date(first)),
            ("to", &date(last)),
        ],
    );
    let g = Group {
        id: "title-block".into(),
        class: "title-block".into(),
        clip: None,
        items: vec![
            text(
                MARGIN,
                tb,
                title,
                Font::bold(s.title_size),
                &s.text,
                Anchor::Start,
                "title",
            ),
            text(
                MARGIN,
                tb + s.label_size + 9.0,
                &sub,
                Font::regular(s.label_size),
                &s.muted_text,
                Anchor::Start,
                "subtitle",
            ),
        ],
        aria_label: None,
        data: Vec::new(),
    };
    let rect = Rect {
        x: MARGIN,
        y: MARGIN,
        w: width - 2.0 * MARGIN,
        h: tb + s.label_size + 9.0 + s.label_size * 0.3 - MARGIN,
    };
    (g, rect)
}

/// Each layer's values in legend order (the layers file's, then others measured, the gap
/// last), only those with length on some date, with the order colours come by; and the legend
/// column's width (px) for names in `ls` px type.
#[allow(
    clippy::type_complexity,
    reason = "per layer its shown values and their colour order: named by the doc above"
)]
fn chart_values(
    t: &Timeline,
    layers: &[(String, String)],
    name_in: &dyn Fn(&str, &str) -> String,
    m: &mut Measurer,
    ls: f64,
) -> (Vec<(Vec<String>, Vec<String>)>, f64) {
    let mut legend_w: f64 = 0.0;
    let mut values_of: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for (id, title) in layers {
        // Values in the layer's order (as the layers file names them), the gap last.
        let mut vals: Vec<String> = t
            .measured
            .last()
            .and_then(|me| me.layers.iter().find(|l| &l.id == id))
            .map(|l| l.known.clone())
            .unwrap_or_default();
        for me in &t.measured {
            for l in me.layers.iter().filter(|l| &l.id == id) {
                for v in &l.values {
                    if v.value != GAP_LABEL && !vals.contains(&v.value) {
                        vals.push(v.value.clone());
                    }
                }
            }
        }
        vals.push(GAP_LABEL.to_string());
        // Colours by the place in this order, as the map's (before leaving out values that
        // have no length on any date).
        let order = vals.clone();
        // Only values with length on some date.
        vals.retain(|v| {
            t.rows
                .iter()
                .any(|r| &r.layer == id && r.value.as_deref().unwrap_or(GAP_LABEL) == v)
        });
        legend_w = legend_w.max(m.width(&name_in(id, title), Font::bold(ls)));
        for v in &vals {
            legend_w = legend_w.max(m.width(&name_in(id, v), Font::regular(ls)) + 26.0);
        }
        values_of.push((vals, order));
    }
    (values_of, legend_w)
}

/// Where a panel's steps end and how they scale: the plot's right edge (px), the panel's
/// height (px) and the length it stands for (metres).
#[derive(Clone, Copy)]
struct Plot {
    end_x: f64,
    panel_h: f64,
    total: f64,
}

/// One panel's steps: each date's stack of values of layer `id` (the `li`th, values `vals` in
/// colour `order`) until the next date.
fn panel_steps(
    t: &Timeline,
    s: &Style,
    (li, id, vals, order): (usize, &String, &[String], &[String]),
    shade: &dyn Fn(&str, &str) -> Option<String>,
    x_of: &dyn Fn(&Date) -> f64,
    y_of: &dyn Fn(f64) -> f64,
    plot: Plot,
) -> Vec<Item> {
    let Plot {
        end_x,
        panel_h,
        total,
    } = plot;
    let mut items = Vec::new();
    // Steps: each date's stack until the next date.
    for (di, date) in t.dates.iter().enumerate() {
        let x0 = x_of(date);
        let x1 = t.dates.get(di + 1).map_or(end_x, x_of);
        let mut cum = 0.0;
        for v in vals {
            let len: f64 = t
                .rows
                .iter()
                .filter(|r| {
                    r.date == *date
                        && &r.layer == id
                        && r.value.as_deref().unwrap_or(GAP_LABEL) == v
                })
                .map(|r| r.length_m)
                .sum();
            if len <= 0.0 {
                continue;
            }
            let fill = value_fill(s, li, id, v, order, shade(id, v));
            items.push(Item::Rect(RectItem {
                rect: Rect {
                    x: x0,
                    y: y_of(cum + len),
                    w: (x1 - x0).max(0.0),
                    h: len / total * panel_h,
                },
                fill: Some(fill),
                opacity: 1.0,
                stroke: Some(Stroke::new(&s.background, 0.5)),
                radius: 0.0,
                class: "step".into(),
                data: vec![
                    ("date".into(), date.to_string()),
                    ("layer".into(), id.clone()),
                    (
                        "value".into(),
                        if v == GAP_LABEL {
                            String::new()
                        } else {
                            v.clone()
                        },
                    ),
                    ("length-m".into(), format!("{len:.3}")),
                ],
            }));
            cum += len;
        }
    }
    items
}

/// A panel's km axis (`y_of`: metres to px): 0, the total, and round steps between, as grid
/// lines across the plot (`plot_x`, `plot_w`, px) and labels left of it.
fn km_axis(
    t: &Timeline,
    s: &Style,
    loc: &crate::i18n::Locale,
    y_of: &dyn Fn(f64) -> f64,
    (plot_x, plot_w): (f64, f64),
) -> Vec<Item> {
    let mut axis = Vec::new();
    // km axis: 0, the total, and round steps between.
    let step_km = nice_step(t.total_m / 1000.0 / 4.0);
    let mut k = 0.0;
    while k * 1000.0 <= t.total_m + 1e-6 {
        let y = y_of(k * 1000.0);
        axis.push(Item::Path(PathItem {
            parts: vec![vec![(plot_x - 4.0, y), (plot_x + plot_w, y)]],
            stroke: Some(Stroke::new(&s.graticule, 0.6)),
            class: "grid".into(),
            ..PathItem::default()
        }));
        axis.push(text(
            plot_x - 7.0,
            y + s.small_size * 0.35,
            &loc.text("length-km", &[("n", &loc.number_trimmed(k))]),
            Font::regular(s.small_size),
            &s.muted_text,
            Anchor::End,
            "axis-label",
        ));
        k += step_km;
    }
    axis
}

/// A panel's legend at `(lx, ly)` (px, the first name's baseline): a swatch and the name of
/// each value.
fn panel_legend(
    s: &Style,
    (li, id, vals, order): (usize, &String, &[String], &[String]),
    (name_in, shade): (NameIn<'_>, Shade<'_>),
    (lx, ly): (f64, f64),
) -> Vec<Item> {
    let ls = s.label_size;
    let mut ly = ly;
    let mut legend_items = Vec::new();
    for v in vals {
        legend_items.push(Item::Rect(RectItem {
            rect: Rect {
                x: lx,
                y: ly - ls * 0.8,
                w: 16.0,
                h: ls * 0.9,
            },
            fill: Some(value_fill(s, li, id, v, order, shade(id, v))),
            opacity: 1.0,
            stroke: None,
            radius: 1.0,
            class: "legend-swatch".into(),
            data: Vec::new(),
        }));
        legend_items.push(text(
            lx + 24.0,
            ly,
            &name_in(id, v),
            Font::regular(ls),
            &s.text,
            Anchor::Start,
            "legend-name",
        ));
        ly += ls * 1.6;
    }
    legend_items
}

/// The year ticks along the bottom: a line from `top` to under the last panel (`bottom`, px)
/// at each 1 January after `first` up to `end_x` (px), labelled.
fn year_ticks(
    s: &Style,
    first: &Date,
    x_of: &dyn Fn(&Date) -> f64,
    end_x: f64,
    (top, last_panel_bottom): (f64, f64),
) -> Vec<Item> {
    let mut axis = Vec::new();
    let (y0, _, _) = first.ymd();
    let mut year = y0 + 1;
    while let Ok(d) = Date::parse(&format!("{year:04}")) {
        let x = x_of(&d);
        if x > end_x {
            break;
        }
        axis.push(Item::Path(PathItem {
            parts: vec![vec![(x, top), (x, last_panel_bottom + 6.0)]],
            stroke: Some(Stroke::new(&s.graticule, 0.6)),
            class: "year".into(),
            ..PathItem::default()
        }));
        axis.push(text(
            x,
            last_panel_bottom + 6.0 + s.small_size * 1.2,
            &year.to_string(),
            Font::regular(s.small_size),
            &s.muted_text,
            Anchor::Middle,
            "axis-label",
        ));
        year += 1;
    }
    axis
}

/// The chart's description: the border, its length and dates, then each date's lengths.
fn chart_description(
    t: &Timeline,
    loc: &crate::i18n::Locale,
    name_in: &dyn Fn(&str, &str) -> String,
) -> String {
    let (first, last) = (t.dates.first(), t.dates.last());
    let date = |d: Option<&Date>| d.map(|d| loc.date(d)).unwrap_or_default();
    format!(
        "{}: {}",
        loc.text(
            "chart-desc",
            &[
                ("border", &t.name),
                ("length", &loc.km(t.total_m)),
                ("from", &date(first)),
                ("to", &date(last)),
            ],
        ),
        t.dates
            .iter()
            .map(|d| {
                let parts: Vec<String> = t
                    .rows
                    .iter()
                    .filter(|r| r.date == *d)
                    .map(|r| {
                        format!(
                            "{} {}",
                            r.value
                                .as_deref()
                                .map_or_else(|| loc.text("no-data", &[]), |v| name_in(&r.layer, v)),
                            loc.km(r.length_m)
                        )
                    })
                    .collect();
                format!("{}: {}", loc.date(d), parts.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    )
}

/// The chart's page checks: the plot at least 80 px wide (`plot_w`), each panel at least
/// 60 px tall (`panel_h`), on a `width` × `height` px page.
fn check_plot((width, height): (f64, f64), plot_w: f64, panel_h: f64) -> Result<()> {
    if plot_w < 80.0 {
        return Err(super::page_too_small(
            format!("the chart page ({width} px wide) is too narrow"),
            "give a wider page".into(),
            width,
            height,
            Grow::Width,
            None,
        ));
    }
    if panel_h < 60.0 {
        return Err(super::page_too_small(
            format!("the chart page ({height} px tall) is too short"),
            "give a taller page".into(),
            width,
            height,
            Grow::Height,
            None,
        ));
    }
    Ok(())
}

/// What the chart's layout reports: its plot `frame`, legend rectangle and furniture (px).
fn chart_report(frame: Rect, legend_rect: Rect, furniture: Vec<Furniture>) -> LayoutReport {
    LayoutReport {
        frame,
        transform: PageTransform {
            mpp: 1.0,
            cx: 0.0,
            cy: 0.0,
            fx: 0.0,
            fy: 0.0,
        },
        labels: Vec::new(),
        legend: Vec::new(),
        legend_rect,
        scale_bar: None,
        north_angle_deg: 0.0,
        inset_rect: Rect::EMPTY,
        furniture,
        warnings: Vec::new(),
    }
}

/// The change dates: a tick under the panel (its bottom at `y`, px) at each.
fn date_ticks(t: &Timeline, s: &Style, x_of: &dyn Fn(&Date) -> f64, y: f64) -> Vec<Item> {
    let mut ticks = Vec::new();
    for d in &t.dates {
        let x = x_of(d);
        ticks.push(Item::Path(PathItem {
            parts: vec![vec![(x, y), (x, y + 4.0)]],
            stroke: Some(Stroke::new(&s.text, 0.8)),
            class: "date-tick".into(),
            data: vec![("date".into(), d.to_string())],
            ..PathItem::default()
        }));
    }
    ticks
}

/// The fill of value `v` of layer `li` (`order`: the layer's values in legend order): the
/// map's colours for the first layer (distinct, [`Style::value_looks`]), `shade` for the others
/// (the map draws them as a casing), the gap colour for stretches with no value.
fn value_fill(
    s: &Style,
    li: usize,
    layer: &str,
    v: &str,
    order: &[String],
    shade: Option<String>,
) -> String {
    if v == GAP_LABEL {
        return s.gap.clone();
    }
    match shade {
        Some(g) if li > 0 => g,
        _ => {
            let values: Vec<&str> = order
                .iter()
                .map(String::as_str)
                .filter(|o| *o != GAP_LABEL)
                .collect();
            let looks = s.value_looks(layer, &values);
            values
                .iter()
                .position(|o| *o == v)
                .and_then(|i| looks.get(i))
                .map_or_else(|| s.gap.clone(), |l| l.0.clone())
        }
    }
}

/// A round axis step, km, near `raw`: 1, 2, 2.5 or 5 × 10^k.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 100.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    let f = raw / p;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * p
}
