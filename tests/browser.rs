//! Tests in a real browser (headless Chromium): the HTML report with two maps is drawn (each
//! map shows every authority colour), and Chromium's raster of the default SVG agrees with
//! resvg's.
//!
//! Chromium is looked up as `$BORDERMAP_CHROMIUM`, else `chromium`, `chromium-browser` or
//! `google-chrome` on `PATH`. `.ci/run` installs Debian's `chromium`. Honest note: where no
//! Chromium is found these tests FAIL when the `CI` environment variable is set (CI must run
//! them), and are skipped with a note on stderr otherwise, so a developer without a browser
//! can still run `cargo test`; a skipped test shows as passed, so a green local run without
//! Chromium proves nothing about browsers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::print_stderr,
    reason = "tests: failures panic, notes go to stderr"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use bordermap::layout::Item;
use bordermap::{Dataset, Date, LoadOptions, RenderOptions};
use resvg::tiny_skia::Pixmap;

/// The Chromium binary, or `None` (after failing in CI) when there is none.
fn chromium() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = match std::env::var_os("BORDERMAP_CHROMIUM") {
        Some(p) => vec![PathBuf::from(p)],
        None => {
            let path = std::env::var_os("PATH").unwrap_or_default();
            std::env::split_paths(&path)
                .flat_map(|d| ["chromium", "chromium-browser", "google-chrome"].map(|n| d.join(n)))
                .collect()
        }
    };
    if let Some(p) = candidates.into_iter().find(|p| p.is_file()) {
        return Some(p);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "no Chromium found (CI is set, so the browser tests must run): install Debian's \
             `chromium` (apt-get install -y chromium, as .ci/run does) or set BORDERMAP_CHROMIUM"
        );
    }
    eprintln!(
        "note: browser tests SKIPPED: no chromium on PATH (install it, or set BORDERMAP_CHROMIUM); \
         in CI (CI set) this is a failure"
    );
    None
}

/// Headless Chromium as every test here runs it: no sandbox, GPU, background networking or
/// first-run page, no scrollbars, one device pixel per CSS px, a fresh profile in `profile`.
fn headless(chrome: &Path, profile: &Path) -> Command {
    let mut cmd = Command::new(chrome);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

/// Loads `page` in headless Chromium and returns its screenshot (`w` × `h` px).
fn screenshot(chrome: &Path, page: &Path, w: u32, h: u32) -> Pixmap {
    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("shot.png");
    let profile = dir.path().join("profile");
    let mut child = headless(chrome, &profile)
        .arg("--force-color-profile=srgb")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("--window-size={w},{h}"))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium exited with {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!(
                "chromium took more than 120 s to screenshot {}",
                page.display()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot from chromium: {e}"));
    let p = Pixmap::decode_png(&png).unwrap();
    assert_eq!((p.width(), p.height()), (w, h), "screenshot size");
    p
}

fn hex(c: &str) -> [u8; 3] {
    let c = c.trim_start_matches('#');
    let v = |i: usize| u8::from_str_radix(&c[i..i + 2], 16).unwrap();
    [v(0), v(2), v(4)]
}

/// The colours the map draws the first layer's classes (authorities) in.
fn authority_colours(ds: &Dataset, m: &bordermap::Measured, opts: &RenderOptions) -> Vec<[u8; 3]> {
    let scene = bordermap::map::scene(ds, m, opts).unwrap();
    let mut out = Vec::new();
    for g in &scene.groups {
        for it in &g.items {
            if let Item::Path(p) = it
                && p.class.split(' ').any(|c| c == "segment")
                && let Some(s) = &p.stroke
            {
                let c = hex(&s.color);
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// Pixels of `p` within `tol` (each channel) of `c`, in columns `x0..x1`.
fn count(p: &Pixmap, c: [u8; 3], tol: u8, x0: u32, x1: u32) -> usize {
    let w = p.width();
    p.pixels()
        .iter()
        .enumerate()
        .filter(|(i, px)| {
            let x = (*i as u32) % w;
            x >= x0
                && x < x1
                && px.red().abs_diff(c[0]) <= tol
                && px.green().abs_diff(c[1]) <= tol
                && px.blue().abs_diff(c[2]) <= tol
        })
        .count()
}

#[test]
fn html_report_shows_both_maps_in_chromium() {
    let Some(chrome) = chromium() else { return };
    let ds = Dataset::load(&LoadOptions::default()).unwrap();
    let opts = RenderOptions::for_dataset(&ds).unwrap();
    let dates = [
        Date::parse("2024-05-12").unwrap(),
        Date::parse("2025-10-16").unwrap(),
    ];
    let html = bordermap::html_report(&ds, &dates, &opts).unwrap();
    // Ids must not collide between the two maps.
    let ids: Vec<&str> = html
        .match_indices(" id=\"")
        .map(|(i, _)| {
            let rest = &html[i + 5..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in the report");
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, &html).unwrap();
    // 1600 px wide: the two maps stand side by side, left and right of the middle.
    let shot = screenshot(&chrome, &page, 1600, 1100);
    // The first date's map is on the left, the second's on the right; each must show the
    // colour of every authority (and gap) drawn at its date.
    for (d, (x0, x1)) in dates.iter().zip([(0, 800), (800, 1600)]) {
        let m = ds.measure(Some(*d)).unwrap();
        let colours = authority_colours(&ds, &m, &opts);
        assert!(colours.len() >= 2, "at least two authorities at {d}");
        for c in colours {
            let px = count(&shot, c, 16, x0, x1);
            eprintln!("colour {c:?}: {px} px in the map of {d}");
            if px < 40 {
                let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-report.png");
                shot.save_png(&out).unwrap();
                panic!(
                    "authority colour {c:?} is missing from the map of {d} ({px} px); screenshot: {}",
                    out.display()
                );
            }
        }
    }
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for ch in bytes.chunks(3) {
        let b = [ch[0], *ch.get(1).unwrap_or(&0), *ch.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= ch.len() {
                s.push(T[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

/// 3 × 3 box blur of the RGB channels (text antialiasing differs between rasterisers).
fn blur(p: &Pixmap) -> Vec<[f32; 3]> {
    let (w, h) = (p.width() as i64, p.height() as i64);
    let px = p.pixels();
    let mut out = vec![[0.0f32; 3]; px.len()];
    for y in 0..h {
        for x in 0..w {
            let mut acc = [0.0f32; 3];
            let mut n = 0.0;
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let (xx, yy) = (x + dx, y + dy);
                    if xx < 0 || yy < 0 || xx >= w || yy >= h {
                        continue;
                    }
                    let q = px[(yy * w + xx) as usize].demultiply();
                    acc[0] += f32::from(q.red());
                    acc[1] += f32::from(q.green());
                    acc[2] += f32::from(q.blue());
                    n += 1.0;
                }
            }
            out[(y * w + x) as usize] = [acc[0] / n, acc[1] / n, acc[2] / n];
        }
    }
    out
}

#[test]
fn chromium_and_resvg_draw_the_default_svg_alike() {
    compare_with_chromium("en");
}

/// Right-to-left labels: both renderers must place and order them the same way.
#[test]
fn chromium_and_resvg_draw_the_arabic_svg_alike() {
    compare_with_chromium("ar");
}

fn compare_with_chromium(lang: &str) {
    let Some(chrome) = chromium() else { return };
    let ds = Dataset::load(&LoadOptions::default()).unwrap();
    let m = ds.measure(None).unwrap();
    let mut opts = RenderOptions::for_dataset(&ds).unwrap();
    opts.lang = lang.to_string();
    let svg = bordermap::render_svg_string(&ds, &m, &opts).unwrap();
    let ours = Pixmap::decode_png(&bordermap::render_png(&ds, &m, &opts).unwrap()).unwrap();
    // The page gives Chromium the bundled fonts (as data: URLs), so both draw the same glyphs.
    let fonts_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
    let mut faces = String::new();
    for (file, family, weight) in [
        ("NotoSans-Regular.ttf", "Noto Sans", 400),
        ("NotoSans-Bold.ttf", "Noto Sans", 700),
        ("NotoSansArabic-Regular.ttf", "Noto Sans Arabic", 400),
        ("NotoSansArabic-Bold.ttf", "Noto Sans Arabic", 700),
    ] {
        let data = std::fs::read(fonts_dir.join(file)).unwrap();
        faces.push_str(&format!(
            "@font-face {{ font-family: \"{family}\"; font-weight: {weight}; src: url(data:font/ttf;base64,{}) format(\"truetype\"); }}\n",
            base64(&data)
        ));
    }
    let body = svg.trim_start_matches(|c| c != '<').replacen(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "",
        1,
    );
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>{faces}html, body {{ margin: 0; padding: 0; overflow: hidden; }} svg {{ display: block; }}</style></head><body>{body}</body></html>"
    );
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("map.html");
    std::fs::write(&page, html).unwrap();
    let theirs = screenshot(&chrome, &page, ours.width(), ours.height());
    let (a, b) = (blur(&ours), blur(&theirs));
    let mut diff = Pixmap::new(ours.width(), ours.height()).unwrap();
    let mut bad = 0usize;
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        let d = (0..3).map(|k| (x[k] - y[k]).abs()).fold(0.0f32, f32::max);
        if d > 40.0 {
            bad += 1;
            diff.pixels_mut()[i] =
                resvg::tiny_skia::PremultipliedColorU8::from_rgba(255, 0, 0, 255).unwrap();
        }
    }
    let share = bad as f64 / a.len() as f64;
    eprintln!(
        "chromium vs resvg, default map (--lang {lang}) {}×{}: {bad} pixels ({:.3} %) differ by more than 40/255 after a 3×3 blur",
        ours.width(),
        ours.height(),
        share * 100.0
    );
    if share >= 0.01 {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        diff.save_png(tmp.join(format!("browser-{lang}-diff.png")))
            .unwrap();
        theirs
            .save_png(tmp.join(format!("browser-{lang}-chromium.png")))
            .unwrap();
        ours.save_png(tmp.join(format!("browser-{lang}-resvg.png")))
            .unwrap();
        panic!(
            "{:.2} % of pixels differ (limit 1 %); diff, chromium and resvg images in {}",
            share * 100.0,
            tmp.display()
        );
    }
}

/// One map of the layout sample: which border, page size and language.
struct LayoutCase {
    /// `None`: the default border; else an embedded one (`@iraq-syria-osm`).
    border: Option<&'static str>,
    width: f64,
    height: f64,
    lang: &'static str,
}

impl LayoutCase {
    fn name(&self) -> String {
        format!(
            "{} {}×{} --lang {}",
            self.border.unwrap_or("@iraq-syria (default)"),
            self.width,
            self.height,
            self.lang
        )
    }
}

/// What the page's script measured (all boxes `[left, top, right, bottom]` in page px, relative
/// to the map's own `<svg>`, whose user units are page px).
#[derive(serde::Deserialize)]
struct Measured {
    /// The `@font-face` rules and whether Chromium loaded them.
    fonts: Vec<FontStatus>,
    maps: Vec<MapMeasures>,
}

#[derive(serde::Deserialize)]
struct FontStatus {
    family: String,
    weight: String,
    status: String,
}

#[derive(serde::Deserialize)]
struct MapMeasures {
    texts: Vec<TextBox>,
    /// Furniture groups present: `title-block`, `legend`, `scale`, `inset`, `footer`.
    groups: Vec<GroupBox>,
    /// Every `rect.frame` outside the inset (exactly one expected).
    frames: Vec<[f64; 4]>,
    segments: Vec<Segment>,
}

#[derive(serde::Deserialize)]
struct TextBox {
    cls: String,
    text: String,
    font_size: f64,
    /// `getBoundingClientRect()`: its rows are the font's line box (ascent + descent), not ink.
    b: [f64; 4],
    /// The ink box: `b`'s left and right, and the baseline minus / plus Chromium's
    /// `TextMetrics` `actualBoundingBoxAscent` / `actualBoundingBoxDescent` (the largest over the
    /// text's runs, each measured in its own computed font).
    ink: [f64; 4],
    /// The baseline (page px, relative to the map's `<svg>`).
    base: f64,
}

#[derive(serde::Deserialize)]
struct GroupBox {
    cls: String,
    b: [f64; 4],
}

#[derive(serde::Deserialize)]
struct Segment {
    cls: String,
    /// Points every 2 px along the path (and its end), flattened `x, y, x, y, …`.
    pts: Vec<f64>,
}

/// Overlap of two boxes along x and along y (negative: apart).
fn overlap(a: &[f64; 4], b: &[f64; 4]) -> (f64, f64) {
    (
        a[2].min(b[2]) - a[0].max(b[0]),
        a[3].min(b[3]) - a[1].max(b[1]),
    )
}

fn fmt_box(b: &[f64; 4]) -> String {
    format!("[{:.1}, {:.1} – {:.1}, {:.1}]", b[0], b[1], b[2], b[3])
}

/// The script the layout page runs once the fonts are loaded: measures every map and writes the
/// JSON (with `&`, `<`, `>` escaped, so `--dump-dom` leaves it intact) into `<pre id="out">`.
const MEASURE_JS: &str = r#"
(async () => {
  const out = document.getElementById('out');
  try {
    await Promise.all([...document.fonts].map(f => f.load().catch(() => null)));
    await document.fonts.ready;
    const fonts = [...document.fonts].map(f => ({ family: f.family, weight: String(f.weight), status: f.status }));
    const r2 = v => Math.round(v * 100) / 100;
    // One offscreen canvas: its 2D context draws with the page's @font-face fonts, so
    // measureText gives Chromium's own ink metrics of the bundled Noto glyphs.
    const ctx = document.createElement('canvas').getContext('2d');
    const SENTINEL = '1px monospace';
    const fontOf = el => {
      const cs = getComputedStyle(el);
      return `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    };
    // A text's runs: every non-blank text node with the element it sits in (the <text> itself,
    // or a <tspan> in another family, as RTL/mixed labels are written).
    const runsOf = t => {
      const runs = [];
      const walk = el => {
        for (const n of el.childNodes) {
          if (n.nodeType === Node.TEXT_NODE) {
            if (n.data.trim() !== '') runs.push([n.data, el]);
          } else if (n.nodeType === Node.ELEMENT_NODE) {
            walk(n);
          }
        }
      };
      walk(t);
      return runs;
    };
    // The largest ink ascent and descent over the runs, each in its own computed font.
    const inkOf = t => {
      let asc = 0, desc = 0;
      for (const [s, el] of runsOf(t)) {
        const f = fontOf(el);
        ctx.font = SENTINEL;
        ctx.font = f;
        if (ctx.font === SENTINEL) throw new Error('canvas rejected the font ' + f);
        const mt = ctx.measureText(s);
        asc = Math.max(asc, mt.actualBoundingBoxAscent);
        desc = Math.max(desc, mt.actualBoundingBoxDescent);
      }
      return [asc, desc];
    };
    const maps = [...document.querySelectorAll('div.map')].map(div => {
      const svg = div.querySelector('svg');
      const o = svg.getBoundingClientRect();
      const box = el => {
        const r = el.getBoundingClientRect();
        return [r.left - o.left, r.top - o.top, r.right - o.left, r.bottom - o.top].map(r2);
      };
      const texts = [...svg.querySelectorAll('text')].map(t => {
        const cs = getComputedStyle(t);
        const b = box(t);
        // The baseline: the text's (x, y) attributes mapped by getCTM into the root <svg>'s
        // user space (page px, origin at its top left), the space the boxes are in.
        const xs = t.x.baseVal, ys = t.y.baseVal;
        const base = new DOMPoint(
          xs.numberOfItems > 0 ? xs.getItem(0).value : 0,
          ys.numberOfItems > 0 ? ys.getItem(0).value : 0,
        ).matrixTransform(t.getCTM()).y;
        const [asc, desc] = inkOf(t);
        return {
          cls: t.getAttribute('class') || '',
          text: t.textContent,
          font_size: parseFloat(cs.fontSize),
          b,
          ink: [b[0], r2(base - asc), b[2], r2(base + desc)],
          base: r2(base),
        };
      });
      const furniture = ['title-block', 'legend', 'scale', 'inset', 'footer'];
      const groups = [...svg.querySelectorAll('g')]
        .filter(g => furniture.some(c => g.classList.contains(c)))
        .map(g => ({ cls: g.getAttribute('class'), b: box(g) }));
      const frames = [...svg.querySelectorAll('rect.frame')]
        .filter(r => !r.closest('g.inset'))
        .map(box);
      const segments = [...svg.querySelectorAll('path.segment')]
        .filter(p => !p.closest('g.inset'))
        .map(p => {
          // getCTM: user space of the path to that of the root <svg> (page px, origin at its
          // top left), the space the boxes above are in.
          const m = p.getCTM();
          const len = p.getTotalLength();
          const pts = [];
          for (let s = 0; ; s += 2) {
            const q = p.getPointAtLength(Math.min(s, len)).matrixTransform(m);
            pts.push(r2(q.x), r2(q.y));
            if (s >= len) break;
          }
          return { cls: p.getAttribute('class'), pts };
        });
      return { texts, groups, frames, segments };
    });
    out.textContent = JSON.stringify({ fonts, maps })
      .replace(/&/g, '\\u0026').replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  } catch (e) {
    out.textContent = 'ERROR ' + e + ' ' + (e.stack || '');
  }
})();
"#;

/// Loads `page` in headless Chromium and returns the DOM it serialises (`--dump-dom`) once the
/// page's virtual time (10 s) has run out or it went idle.
fn dump_dom(chrome: &Path, page: &Path) -> String {
    dump_dom_env(chrome, page, &[])
}

/// The layout's promises, checked where the map is actually shown: Chromium, with the bundled
/// fonts, measures every text, the furniture (title block, legend, scale panel with its north
/// arrow, inset, footer), the frame and points every 2 px along each border segment, then:
/// 1. every text and furniture box lies on the page (1 px tolerance); for a text, the union of
///    its client rect and its ink box (below), so neither line box nor glyphs escape;
/// 2. no two texts' INK boxes overlap by more than 1 px in both axes. The ink box keeps the
///    element's `getBoundingClientRect()` left and right, and spans from the baseline (the
///    text's `y` mapped by `getCTM()`) minus `actualBoundingBoxAscent` to it plus
///    `actualBoundingBoxDescent`, from Chromium's own `TextMetrics` (a canvas `measureText` of
///    the text in its computed font, i.e. the page's bundled Noto fonts; a text with `<tspan>`
///    runs in other families, as RTL/mixed labels are, takes the largest ascent and descent over
///    its runs, each in its own font). Not the client rect's rows: those are the font's line
///    box, ascent + descent (1.069 + 0.293 = 1.362 em for Noto Sans, 1.374 + 0.738 = 2.112 em
///    for Noto Sans Arabic), and line boxes of neighbouring, correctly spaced lines overlap by
///    design whenever the leading is less than that (1.35 em footer lines, 1.5 em legend rows
///    in Arabic) while their glyphs stay apart. A failure gives both boxes of both texts and the
///    vertical ink gap; the per-map summary counts line-box overlaps that are ink-apart;
/// 3. no two furniture groups overlap (1 px; the `scale` group's box includes the north arrow);
/// 4. every sampled segment point lies in the frame (1 px), and at most 2 % of the samples lie
///    under the legend, scale panel or inset;
/// 5. every text is at least 10 px (computed font-size).
///
/// All maps share one page (each in its own absolutely placed `<div>`, measured relative to its
/// own `<svg>`), so Chromium starts once. Every failure is reported at once.
#[test]
fn layout_invariants_hold_in_chromium() {
    let Some(chrome) = chromium() else { return };
    let t0 = Instant::now();
    let cases: Vec<LayoutCase> = [
        (None, 360.0, 640.0, "en"),
        (None, 640.0, 480.0, "en"),
        (None, 800.0, 500.0, "en"),
        (None, 1200.0, 675.0, "en"),
        (None, 1080.0, 1080.0, "en"),
        (None, 1200.0, 900.0, "en"),
        (None, 1123.0, 794.0, "en"),
        (None, 320.0, 480.0, "en"),
        (None, 2400.0, 1200.0, "en"),
        (None, 360.0, 640.0, "ar"),
        (None, 1200.0, 900.0, "ar"),
        (Some("@iraq-syria-osm"), 360.0, 640.0, "en"),
        (Some("@iraq-syria-osm"), 800.0, 500.0, "en"),
        (Some("@iraq-syria-osm"), 1200.0, 900.0, "ar"),
    ]
    .into_iter()
    .map(|(border, width, height, lang)| LayoutCase {
        border,
        width,
        height,
        lang,
    })
    .collect();
    let default_ds = Dataset::load(&LoadOptions::default()).unwrap();
    let osm_ds = Dataset::load(&LoadOptions {
        border: Some("@iraq-syria-osm".into()),
        ..LoadOptions::default()
    })
    .unwrap();
    // Render on both cores; each map gets its own id prefix so ids never collide on the page.
    let svgs: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let ds = if c.border.is_some() {
                    &osm_ds
                } else {
                    &default_ds
                };
                s.spawn(move || {
                    let m = ds.measure(None).unwrap();
                    let opts = RenderOptions {
                        width: c.width,
                        height: c.height,
                        lang: c.lang.to_string(),
                        id_prefix: Some(format!("layout{i}")),
                        // The page declares the fonts (file URLs) for all maps at once.
                        embed_fonts: Some(false),
                        ..RenderOptions::for_dataset(ds).unwrap()
                    };
                    bordermap::render_svg_string(ds, &m, &opts)
                        .unwrap_or_else(|e| panic!("{}: render failed: {e}", c.name()))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let t_render = t0.elapsed();

    let fonts_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
    let mut faces = String::new();
    for (file, family, weight) in [
        ("NotoSans-Regular.ttf", "Noto Sans", 400),
        ("NotoSans-Bold.ttf", "Noto Sans", 700),
        ("NotoSansArabic-Regular.ttf", "Noto Sans Arabic", 400),
        ("NotoSansArabic-Bold.ttf", "Noto Sans Arabic", 700),
    ] {
        let path = fonts_dir.join(file);
        assert!(path.is_file(), "missing font {}", path.display());
        let url = format!("file://{}", path.display()).replace(' ', "%20");
        faces.push_str(&format!(
            "@font-face {{ font-family: \"{family}\"; font-weight: {weight}; font-style: normal; src: url(\"{url}\") format(\"truetype\"); }}\n"
        ));
    }
    let mut body = String::new();
    let mut top = 0.0;
    for (c, svg) in cases.iter().zip(&svgs) {
        let svg = svg.replacen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "", 1);
        body.push_str(&format!(
            "<div class=\"map\" style=\"position: absolute; left: 0; top: {top}px; width: {}px; height: {}px;\">{svg}</div>\n",
            c.width, c.height
        ));
        top += c.height + 20.0;
    }
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>{faces}html, body {{ margin: 0; padding: 0; }} svg {{ display: block; }} #out {{ position: absolute; left: 0; top: {top}px; }}</style></head><body>{body}<pre id=\"out\"></pre><script>{MEASURE_JS}</script></body></html>"
    );
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("layout.html");
    std::fs::write(&page, &html).unwrap();
    let dom = dump_dom(&chrome, &page);
    let t_browser = t0.elapsed() - t_render;
    let keep_page = || {
        let kept = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-layout.html");
        std::fs::write(&kept, &html).unwrap();
        kept
    };
    let json = dom
        .split_once("<pre id=\"out\">")
        .and_then(|(_, rest)| rest.split_once("</pre>"))
        .map(|(j, _)| j)
        .unwrap_or_else(|| {
            panic!(
                "no <pre id=\"out\"> in chromium's DOM ({} bytes); page kept at {}",
                dom.len(),
                keep_page().display()
            )
        });
    if json.trim().is_empty() || json.starts_with("ERROR") {
        panic!(
            "the measuring script did not finish: {:?}; page kept at {}",
            json.chars().take(500).collect::<String>(),
            keep_page().display()
        );
    }
    let measured: Measured = serde_json::from_str(json).unwrap();
    assert_eq!(measured.maps.len(), cases.len(), "one measure per map");
    // Same fonts as the layout, or the measures mean nothing.
    assert_eq!(measured.fonts.len(), 4, "four @font-face rules");
    for f in &measured.fonts {
        assert_eq!(
            f.status,
            "loaded",
            "Chromium did not load the bundled font {} {} (page kept at {})",
            f.family,
            f.weight,
            keep_page().display()
        );
    }

    const TOL: f64 = 1.0;
    let mut failures: Vec<String> = Vec::new();
    for (c, m) in cases.iter().zip(&measured.maps) {
        let name = c.name();
        let (w, h) = (c.width, c.height);
        let mut fail = |s: String| failures.push(format!("{name}: {s}"));
        let on_page =
            |b: &[f64; 4]| b[0] >= -TOL && b[1] >= -TOL && b[2] <= w + TOL && b[3] <= h + TOL;
        // (1) on the page: the client rect and the ink box together.
        for t in &m.texts {
            let u = [
                t.b[0].min(t.ink[0]),
                t.b[1].min(t.ink[1]),
                t.b[2].max(t.ink[2]),
                t.b[3].max(t.ink[3]),
            ];
            if !on_page(&u) {
                fail(format!(
                    "(1) text off the page ({w}×{h}): {} {:?} {} (client rect {}, ink {})",
                    t.cls,
                    t.text,
                    fmt_box(&u),
                    fmt_box(&t.b),
                    fmt_box(&t.ink)
                ));
            }
        }
        for g in &m.groups {
            if !on_page(&g.b) {
                fail(format!(
                    "(1) furniture group off the page ({w}×{h}): {} {}",
                    g.cls,
                    fmt_box(&g.b)
                ));
            }
        }
        // (2) texts' ink apart.
        let (mut line_box_only, mut min_gap) = (0usize, f64::INFINITY);
        for (i, a) in m.texts.iter().enumerate() {
            for b in &m.texts[i + 1..] {
                let (ox, oy) = overlap(&a.ink, &b.ink);
                // Vertical ink gap: positive when the glyph rows are apart.
                let gap = -oy;
                if ox > TOL && oy > TOL {
                    let (lx, ly) = overlap(&a.b, &b.b);
                    fail(format!(
                        "(2) texts' ink overlaps by {ox:.1} × {oy:.1} px (vertical ink gap {gap:.1} px; \
                         client rects overlap by {lx:.1} × {ly:.1} px): {} {}px {:?} ink {} client rect {} \
                         baseline {:.1} and {} {}px {:?} ink {} client rect {} baseline {:.1}",
                        a.cls,
                        a.font_size,
                        a.text,
                        fmt_box(&a.ink),
                        fmt_box(&a.b),
                        a.base,
                        b.cls,
                        b.font_size,
                        b.text,
                        fmt_box(&b.ink),
                        fmt_box(&b.b),
                        b.base
                    ));
                } else {
                    let (lx, ly) = overlap(&a.b, &b.b);
                    if lx > TOL && ly > TOL {
                        line_box_only += 1;
                        if ox > TOL {
                            min_gap = min_gap.min(gap);
                        }
                    }
                }
            }
        }
        // (3) furniture apart.
        for (i, a) in m.groups.iter().enumerate() {
            for b in &m.groups[i + 1..] {
                let (ox, oy) = overlap(&a.b, &b.b);
                if ox > TOL && oy > TOL {
                    fail(format!(
                        "(3) furniture overlaps by {ox:.1} × {oy:.1} px: {} {} and {} {}",
                        a.cls,
                        fmt_box(&a.b),
                        b.cls,
                        fmt_box(&b.b)
                    ));
                }
            }
        }
        // (4) segments in the frame, and hardly under the furniture.
        if m.frames.len() != 1 {
            fail(format!(
                "(4) expected one rect.frame, found {}",
                m.frames.len()
            ));
        }
        if m.segments.is_empty() {
            fail("(4) no path.segment".to_string());
        }
        let mut under_share = f64::NAN;
        if let Some(fr) = m.frames.first() {
            let covers: Vec<&GroupBox> = m
                .groups
                .iter()
                .filter(|g| {
                    g.cls
                        .split(' ')
                        .any(|k| ["legend", "scale", "inset"].contains(&k))
                })
                .collect();
            let (mut total, mut under) = (0usize, 0usize);
            let mut under_by: Vec<(String, usize)> = Vec::new();
            for s in &m.segments {
                let mut outside = Vec::new();
                for p in s.pts.chunks_exact(2) {
                    let (x, y) = (p[0], p[1]);
                    total += 1;
                    if x < fr[0] - TOL || x > fr[2] + TOL || y < fr[1] - TOL || y > fr[3] + TOL {
                        outside.push((x, y));
                    }
                    for g in &covers {
                        let b = g.b;
                        if x > b[0] && x < b[2] && y > b[1] && y < b[3] {
                            under += 1;
                            match under_by.iter_mut().find(|(k, _)| *k == g.cls) {
                                Some((_, n)) => *n += 1,
                                None => under_by.push((g.cls.clone(), 1)),
                            }
                            break;
                        }
                    }
                }
                if let (Some(first), Some(last)) = (outside.first(), outside.last()) {
                    fail(format!(
                        "(4) {} of {} points of segment {:?} outside the frame {}: first ({:.1}, {:.1}), last ({:.1}, {:.1})",
                        outside.len(),
                        s.pts.len() / 2,
                        s.cls,
                        fmt_box(fr),
                        first.0,
                        first.1,
                        last.0,
                        last.1
                    ));
                }
            }
            let share = under as f64 / total.max(1) as f64;
            under_share = share;
            if share > 0.02 {
                let detail: Vec<String> = under_by
                    .iter()
                    .map(|(k, n)| {
                        let b = covers.iter().find(|g| g.cls == *k).map(|g| g.b);
                        format!(
                            "{n} under {k} {}",
                            b.map(|b| fmt_box(&b)).unwrap_or_default()
                        )
                    })
                    .collect();
                fail(format!(
                    "(4) {:.1} % of the border samples ({under} of {total}, every 2 px) lie under furniture (limit 2 %): {}",
                    share * 100.0,
                    detail.join(", ")
                ));
            }
        }
        // (5) legible type.
        for t in &m.texts {
            if t.font_size.is_nan() || t.font_size < 10.0 {
                fail(format!(
                    "(5) text smaller than 10 px ({} px): {} {:?}",
                    t.font_size, t.cls, t.text
                ));
            }
        }
        eprintln!(
            "{name}: {} texts ({line_box_only} pairs with overlapping line boxes but ink apart{}), \
             furniture [{}], {} segments, {} border samples ({:.1} % under furniture)",
            m.texts.len(),
            if min_gap.is_finite() {
                format!(", smallest vertical ink gap {min_gap:.1} px")
            } else {
                String::new()
            },
            m.groups
                .iter()
                .map(|g| g.cls.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            m.segments.len(),
            m.segments.iter().map(|s| s.pts.len() / 2).sum::<usize>(),
            under_share * 100.0
        );
    }
    eprintln!(
        "layout invariants: {} maps, rendering {:.1} s, chromium {:.1} s",
        cases.len(),
        t_render.as_secs_f64(),
        t_browser.as_secs_f64()
    );
    if !failures.is_empty() {
        panic!(
            "{} layout invariant failure(s) in Chromium (page kept at {}):\n{}",
            failures.len(),
            keep_page().display(),
            failures.join("\n")
        );
    }
}

/// The timeline page works in a browser: the slider's script runs, and moving the slider to
/// another date shows that date's map (and only it) and says the date.
#[test]
fn timeline_slider_shows_each_dates_map_in_chromium() {
    let Some(chrome) = chromium() else { return };
    let ds = Dataset::load(&LoadOptions::default()).unwrap();
    let t = ds.timeline().unwrap();
    let html =
        bordermap::html::timeline_page(&ds, &t, &RenderOptions::for_dataset(&ds).unwrap()).unwrap();
    // After the page's own script: move the slider to the first date as a user would (value,
    // then an input event), and record what shows.
    let probe = r#"<pre id="out"></pre><script>
(function () {
  var s = document.getElementById("bm-t-slider");
  var seen = function () {
    var shown = [];
    document.querySelectorAll(".bm-t-map").forEach(function (f) {
      if (!f.hidden && f.getBoundingClientRect().height > 0) { shown.push(f.getAttribute("data-date")); }
    });
    return { shown: shown, label: document.getElementById("bm-t-date").textContent };
  };
  var before = seen();
  s.value = "0";
  s.dispatchEvent(new Event("input"));
  var after = seen();
  document.getElementById("out").textContent = JSON.stringify({ before: before, after: after });
})();
</script>
</body>"#;
    let page_html = html.replacen("</body>", probe, 1);
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("timeline.html");
    std::fs::write(&page, page_html).unwrap();
    let dom = dump_dom(&chrome, &page);
    let start = dom.find("<pre id=\"out\">").expect("the probe ran") + "<pre id=\"out\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let text = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let first = t.dates.first().unwrap().to_string();
    let last = t.dates.last().unwrap().to_string();
    assert_eq!(v["before"]["shown"], serde_json::json!([last]), "{v}");
    assert_eq!(v["before"]["label"], last.as_str(), "{v}");
    assert_eq!(v["after"]["shown"], serde_json::json!([first]), "{v}");
    assert_eq!(v["after"]["label"], first.as_str(), "{v}");
}

/// The fonts the standalone SVG embeds are the ones a browser lays it out with, even where no
/// Noto font is installed: headless Chromium runs with a `FONTCONFIG_FILE` listing only DejaVu
/// (Debian `fonts-dejavu-core`), loads the default map (its `<svg>` inlined in a page that
/// declares no fonts of its own), and
/// (a) `document.fonts` holds the SVG's embedded faces, loaded, and the footer's first line is
///     as wide (`getComputedTextLength`, within 1 px) as the layout measured it
///     (`bordermap::fonts::Measurer`); the same map without embedding is not (DejaVu's
///     advances), which shows the check can fail;
/// (b) no text leaves the page and no two texts' ink overlaps (the ink boxes and tolerance of
///     [`layout_invariants_hold_in_chromium`]), in English and in Arabic (`--lang ar`, whose
///     map embeds all four faces: Chromium must load each).
#[test]
fn embedded_fonts_lay_out_the_standalone_svg_without_noto() {
    let Some(chrome) = chromium() else { return };
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu");
    if !dejavu.join("DejaVuSans.ttf").is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "no DejaVu fonts (CI is set): apt-get install -y fonts-dejavu-core, as .ci/run does"
        );
        eprintln!("note: SKIPPED: no {} (fonts-dejavu-core)", dejavu.display());
        return;
    }
    let ds = Dataset::load(&LoadOptions::default()).unwrap();
    let m = ds.measure(None).unwrap();
    let opts = RenderOptions::for_dataset(&ds).unwrap();
    assert!(
        opts.embeds_fonts(),
        "standalone SVGs embed fonts by default"
    );
    // The layout's width of the footer's first line.
    let scene = bordermap::map::scene(&ds, &m, &opts).unwrap();
    let footer = scene
        .groups
        .iter()
        .find(|g| g.class.split(' ').any(|c| c == "footer"))
        .expect("a footer group");
    let first = footer
        .items
        .iter()
        .find_map(|it| match it {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .expect("a footer text");
    assert!(first.runs.is_empty() && !first.rtl, "plain LTR footer line");
    let layout_w = bordermap::fonts::Measurer::default().width(&first.text, first.font);

    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n\
             <dir>{}</dir>\n<cachedir>{}</cachedir>\n</fontconfig>\n",
            dejavu.display(),
            dir.path().join("fc-cache").display()
        ),
    )
    .unwrap();
    // Script: once every face has loaded, the faces, the footer's first line's advance and the
    // measures of MEASURE_JS (which runs first and writes #out).
    const LEN_JS: &str = r#"
(async () => {
  const out = document.getElementById('len');
  await Promise.all([...document.fonts].map(f => f.load().catch(() => null)));
  await document.fonts.ready;
  const t = document.querySelector('g.footer text');
  out.textContent = JSON.stringify({
    faces: [...document.fonts].map(f => `${f.family} ${f.weight} ${f.status}`),
    text: t.textContent,
    width: t.getComputedTextLength(),
  }).replace(/&/g, '\\u0026').replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
})();
"#;
    let measure = |embed: bool, lang: &str| {
        let opts = RenderOptions {
            embed_fonts: Some(embed),
            lang: lang.to_string(),
            ..opts.clone()
        };
        let svg = bordermap::render_svg_string(&ds, &m, &opts).unwrap();
        assert_eq!(svg.contains("@font-face"), embed);
        let svg = svg.replacen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "", 1);
        let html = format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>html, body {{ margin: 0; padding: 0; }} svg {{ display: block; }}</style></head>\
             <body><div class=\"map\">{svg}</div><pre id=\"out\"></pre><pre id=\"len\"></pre>\
             <script>{MEASURE_JS}</script><script>{LEN_JS}</script></body></html>"
        );
        let page = dir.path().join(format!("embed-{embed}-{lang}.html"));
        std::fs::write(&page, &html).unwrap();
        // Only this Chromium sees the variable (set on its command, not on the test process).
        let dom = dump_dom_env(&chrome, &page, &[("FONTCONFIG_FILE", conf.as_os_str())]);
        let pre = |id: &str| {
            dom.split_once(&format!("<pre id=\"{id}\">"))
                .and_then(|(_, rest)| rest.split_once("</pre>"))
                .map(|(j, _)| j.to_string())
                .unwrap_or_default()
        };
        let (out, len) = (pre("out"), pre("len"));
        assert!(
            !out.is_empty() && !out.starts_with("ERROR") && !len.is_empty(),
            "the page's scripts did not finish: {:?} {:?}",
            out.chars().take(300).collect::<String>(),
            len
        );
        let measured: Measured = serde_json::from_str(&out).unwrap();
        let len: serde_json::Value = serde_json::from_str(&len).unwrap();
        (measured, len)
    };

    // (a) The embedded faces are the ones used.
    let (measured, len) = measure(true, "en");
    let faces: Vec<String> = serde_json::from_value(len["faces"].clone()).unwrap();
    assert_eq!(
        faces,
        ["Noto Sans 400 loaded", "Noto Sans 700 loaded"],
        "the default (English) map embeds Noto Sans regular and bold, and Chromium loads them"
    );
    assert_eq!(len["text"].as_str(), Some(first.text.as_str()));
    let chrome_w = len["width"].as_f64().unwrap();
    eprintln!(
        "footer line 1: layout {layout_w:.2} px, Chromium with embedded fonts {chrome_w:.2} px"
    );
    assert!(
        (chrome_w - layout_w).abs() <= 1.0,
        "footer line 1 is {chrome_w:.2} px in Chromium (embedded fonts), {layout_w:.2} px in the layout"
    );
    // Without embedding, DejaVu sets it: the check above can fail.
    let (_, bare) = measure(false, "en");
    let bare_w = bare["width"].as_f64().unwrap();
    eprintln!("footer line 1 without embedded fonts (DejaVu): {bare_w:.2} px");
    assert!(
        (bare_w - layout_w).abs() > 1.0,
        "without embedding, Chromium should not find Noto: FONTCONFIG_FILE not honoured?"
    );

    // The Arabic map embeds all four faces; Chromium loads them.
    let (measured_ar, len_ar) = measure(true, "ar");
    let faces_ar: Vec<String> = serde_json::from_value(len_ar["faces"].clone()).unwrap();
    assert_eq!(
        faces_ar,
        [
            "Noto Sans 400 loaded",
            "Noto Sans 700 loaded",
            "Noto Sans Arabic 400 loaded",
            "Noto Sans Arabic 700 loaded"
        ]
    );

    // (b) On the page, ink apart: English and Arabic.
    const TOL: f64 = 1.0;
    let (w, h) = (scene.width, scene.height);
    let mut failures = Vec::new();
    for (lang, map) in [("en", &measured.maps[0]), ("ar", &measured_ar.maps[0])] {
        assert!(!map.texts.is_empty());
        for t in &map.texts {
            let u = [
                t.b[0].min(t.ink[0]),
                t.b[1].min(t.ink[1]),
                t.b[2].max(t.ink[2]),
                t.b[3].max(t.ink[3]),
            ];
            if !(u[0] >= -TOL && u[1] >= -TOL && u[2] <= w + TOL && u[3] <= h + TOL) {
                failures.push(format!(
                    "{lang}: text off the page: {} {:?} {}",
                    t.cls,
                    t.text,
                    fmt_box(&u)
                ));
            }
        }
        for (i, a) in map.texts.iter().enumerate() {
            for b in &map.texts[i + 1..] {
                let (ox, oy) = overlap(&a.ink, &b.ink);
                if ox > TOL && oy > TOL {
                    failures.push(format!(
                        "{lang}: ink overlaps by {ox:.1} × {oy:.1} px: {} {:?} {} and {} {:?} {}",
                        a.cls,
                        a.text,
                        fmt_box(&a.ink),
                        b.cls,
                        b.text,
                        fmt_box(&b.ink)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// [`dump_dom`] with extra environment variables for Chromium.
fn dump_dom_env(chrome: &Path, page: &Path, env: &[(&str, &std::ffi::OsStr)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let dom = dir.path().join("dom.html");
    let profile = dir.path().join("profile");
    let mut cmd = headless(chrome, &profile);
    cmd.args(["--virtual-time-budget=10000", "--dump-dom"])
        .arg(format!("file://{}", page.display()))
        .stdout(std::fs::File::create(&dom).unwrap())
        .stderr(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium exited with {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            panic!("chromium took more than 180 s to load {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::read_to_string(&dom).unwrap()
}
