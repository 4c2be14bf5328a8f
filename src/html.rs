//! HTML reports: maps of one border at several dates inline on one page, with a table of the
//! lengths per class for every date. The maps are embed-safe SVG fragments (no fixed size, so
//! they scale to their column; every id prefixed by a hash of the map's content, so two maps
//! never collide); every name from the data is escaped, so it is text, never markup.

use crate::error::Result;
use crate::{Dataset, Date, Measured, RenderOptions};

/// Escapes text for HTML text and attribute values (`&`, `<`, `>`, `"`, `'`): the crate's one
/// HTML escaper (quick-xml's, which the SVG reader already uses), for the report, the timeline
/// page and the atlas index.
pub fn escape(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// Builds an HTML page with a map of `dataset` for each date in `dates` (side by side where
/// the window is wide enough, else one under the other), all with one frame and scale bar
/// ([`crate::map::render_series`]), and a table of lengths (km, share of the total) of every
/// layer value at every date. `opts` sets how the maps are drawn; they are always written as
/// fragments. With `opts.id_prefix` set, map `i` gets `PREFIX-i`.
///
/// ```
/// use bordermap::{Dataset, Date, LoadOptions, RenderOptions};
/// let ds = Dataset::load(&LoadOptions::default())?;
/// let opts = RenderOptions::for_dataset(&ds)?;
/// let dates = [Date::parse("2024-05-12")?, Date::parse("2025-10-16")?];
/// let html = bordermap::html_report(&ds, &dates, &opts)?;
/// assert_eq!(html.matches("<svg ").count(), 2);
/// assert!(html.contains("<table"));
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn html_report(dataset: &Dataset, dates: &[Date], opts: &RenderOptions) -> Result<String> {
    let measured = dates
        .iter()
        .map(|d| dataset.measure(Some(*d)))
        .collect::<Result<Vec<Measured>>>()?;
    let title = dataset.title_or(
        measured
            .first()
            .map_or("Border report", |m| m.name.as_str()),
    );
    let mut maps = String::new();
    // One frame for every date (`render_series`), so the maps side by side compare.
    let members: Vec<&Measured> = measured.iter().collect();
    let map_opts = RenderOptions {
        fragment: true,
        ..opts.clone()
    };
    let svgs = crate::map::render_series(dataset, &members, &map_opts, crate::map::Format::Svg)?;
    for (m, r) in measured.iter().zip(svgs) {
        let svg = String::from_utf8(r.bytes)
            .map_err(|e| crate::Error::input(format!("the SVG is not UTF-8: {e}")))?;
        let when = m.as_of.map_or_else(String::new, |d| format!(", as of {d}"));
        maps.push_str(&format!(
            "<figure>\n{svg}<figcaption>{}{} — {} km</figcaption>\n</figure>\n",
            escape(&m.name),
            escape(&when),
            crate::report::km1(m.total_m)
        ));
    }
    let table = lengths_table(&measured);
    Ok(page(
        &opts.lang,
        &title,
        r#".bm-report { font-family: "Noto Sans", "Noto Sans Arabic", sans-serif; color: #1a1a1a; max-width: 1800px; margin: 0 auto; padding: 16px; }
.bm-report h1 { font-size: 22px; margin: 0 0 4px; }
.bm-report p { margin: 0 0 12px; color: #555; font-size: 14px; }
.bm-maps { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; }
.bm-maps figure { margin: 0; }
.bm-maps svg { display: block; width: 100%; height: auto; }
.bm-maps figcaption { font-size: 13px; color: #555; padding-top: 4px; }
.bm-lengths { border-collapse: collapse; margin-top: 20px; font-size: 14px; }
.bm-lengths th, .bm-lengths td { padding: 4px 10px; border-bottom: 1px solid #ddd; text-align: left; }
.bm-lengths td.num { text-align: right; font-variant-numeric: tabular-nums; }
"#,
        &format!(
            r#"<main class="bm-report">
<h1>{title}</h1>
<p>Lengths are geodesic on the WGS84 ellipsoid. Each map shows the claims in force on its date.</p>
<div class="bm-maps">
{maps}</div>
{table}</main>
"#,
            title = escape(&title),
        ),
    ))
}

/// An HTML page: `lang` (its direction from CLDR: `dir="rtl"` for ar, ckb, fa), `title`
/// (escaped here), the page's own `css` and `body` (markup).
fn page(lang: &str, title: &str, css: &str, body: &str) -> String {
    let rtl = crate::i18n::cldr::is_rtl(lang);
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
{body}</body>
</html>
"#,
        lang = escape(lang),
        dir = if rtl { "rtl" } else { "ltr" },
        title = escape(title),
    )
}

/// The table: one row per layer value, km and share for each date (— where absent).
fn lengths_table(measured: &[Measured]) -> String {
    // Rows in first-seen order: (layer id, layer title, value).
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for m in measured {
        for l in &m.layers {
            for v in &l.values {
                if !rows.iter().any(|r| r.0 == l.id && r.2 == v.value) {
                    rows.push((l.id.clone(), l.title.clone(), v.value.clone()));
                }
            }
        }
    }
    let mut t =
        String::from("<table class=\"bm-lengths\">\n<thead><tr><th>layer</th><th>value</th>");
    for m in measured {
        let d = m
            .as_of
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        t.push_str(&format!("<th>km, {0}</th><th>share, {0}</th>", escape(&d)));
    }
    t.push_str("</tr></thead>\n<tbody>\n");
    for (id, title, value) in &rows {
        t.push_str(&format!(
            "<tr data-layer=\"{}\"><td>{}</td><td>{}</td>",
            escape(id),
            escape(title),
            escape(value)
        ));
        for m in measured {
            let v = m
                .layers
                .iter()
                .find(|l| &l.id == id)
                .and_then(|l| l.values.iter().find(|v| &v.value == value));
            match v {
                Some(v) => t.push_str(&format!(
                    "<td class=\"num\">{}</td><td class=\"num\">{:.1} %</td>",
                    crate::report::km1(v.length_m),
                    v.share * 100.0
                )),
                None => t.push_str("<td class=\"num\">—</td><td class=\"num\">—</td>"),
            }
        }
        t.push_str("</tr>\n");
    }
    t.push_str("<tr><td>total</td><td></td>");
    for m in measured {
        t.push_str(&format!(
            "<td class=\"num\">{}</td><td class=\"num\">100.0 %</td>",
            crate::report::km1(m.total_m)
        ));
    }
    t.push_str("</tr>\n</tbody>\n</table>\n");
    t
}

/// Builds one self-contained HTML page for `timeline`: the timeline chart, a date slider
/// (`<input type="range">`) stepping through the change dates, and the map at each date as an
/// inline SVG fragment (ids prefixed per map, as in [`html_report`]); the slider shows one
/// map at a time. No external resources; the only script is the slider's few lines. `opts`
/// sets how the maps are drawn (always as fragments); the chart is 1000 × 480 px.
///
/// ```
/// use bordermap::{Dataset, LoadOptions, RenderOptions};
/// let ds = Dataset::load(&LoadOptions::default())?;
/// let t = bordermap::timeline::timeline(&ds)?;
/// let html = bordermap::html::timeline_page(&ds, &t, &RenderOptions::for_dataset(&ds)?)?;
/// assert_eq!(html.matches(r#"<figure class="bm-t-map""#).count(), t.dates.len());
/// assert!(html.contains(r#"type="range""#) && !html.contains("src="));
/// # Ok::<(), bordermap::Error>(())
/// ```
pub fn timeline_page(
    dataset: &Dataset,
    timeline: &crate::timeline::Timeline,
    opts: &RenderOptions,
) -> Result<String> {
    let title = dataset.title_or(&timeline.name);
    let chart_opts = RenderOptions {
        fragment: true,
        width: 1000.0,
        height: 480.0,
        id_prefix: opts.id_prefix.as_ref().map(|p| format!("{p}-chart")),
        ..opts.clone()
    };
    let chart = crate::map::timeline_svg(dataset, timeline, &chart_opts)?;
    let last = timeline.dates.len().saturating_sub(1);
    let mut maps = String::new();
    // One frame for every date (`render_series`): the slider does not make the map jump.
    let members: Vec<&Measured> = timeline.measured.iter().collect();
    let map_opts = RenderOptions {
        fragment: true,
        ..opts.clone()
    };
    let svgs = crate::map::render_series(dataset, &members, &map_opts, crate::map::Format::Svg)?;
    for (i, (date, r)) in timeline.dates.iter().zip(svgs).enumerate() {
        let svg = String::from_utf8(r.bytes)
            .map_err(|e| crate::Error::input(format!("the SVG is not UTF-8: {e}")))?;
        maps.push_str(&format!(
            "<figure class=\"bm-t-map\" data-date=\"{d}\"{hidden}>\n{svg}</figure>\n",
            d = escape(&date.to_string()),
            hidden = if i == last { "" } else { " hidden" },
        ));
    }
    let last_date = timeline
        .dates
        .last()
        .map_or_else(String::new, |d| d.to_string());
    Ok(page(
        &opts.lang,
        &title,
        r#".bm-timeline { font-family: "Noto Sans", "Noto Sans Arabic", sans-serif; color: #1a1a1a; max-width: 1200px; margin: 0 auto; padding: 16px; }
.bm-timeline h1 { font-size: 22px; margin: 0 0 4px; }
.bm-timeline p { margin: 0 0 12px; color: #555; font-size: 14px; }
.bm-timeline svg { display: block; width: 100%; height: auto; }
.bm-timeline figure { margin: 0; }
.bm-t-control { display: flex; align-items: center; gap: 12px; margin: 16px 0 8px; font-size: 15px; }
.bm-t-control input { flex: 1; }
"#,
        &format!(
            r#"<main class="bm-timeline">
<h1>{title}</h1>
<p>Lengths are geodesic on the WGS84 ellipsoid. Move the slider to see the map on each date a claim starts or ends.</p>
<figure class="bm-t-chart">
{chart}</figure>
<div class="bm-t-control"><label for="bm-t-slider">Date</label><input id="bm-t-slider" type="range" min="0" max="{max}" step="1" value="{max}"><output id="bm-t-date" for="bm-t-slider">{last_date}</output></div>
{maps}<script>
(function () {{
  var s = document.getElementById("bm-t-slider"), o = document.getElementById("bm-t-date");
  var f = document.querySelectorAll(".bm-t-map");
  s.addEventListener("input", function () {{
    for (var i = 0; i < f.length; i++) {{ f[i].hidden = i !== Number(s.value); }}
    o.textContent = f[Number(s.value)].getAttribute("data-date");
  }});
}})();
</script>
</main>
"#,
            title = escape(&title),
            max = last,
            last_date = escape(&last_date),
        ),
    ))
}
