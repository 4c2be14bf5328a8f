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

/// Loads `page` in headless Chromium and returns its screenshot (`w` × `h` px).
fn screenshot(chrome: &Path, page: &Path, w: u32, h: u32) -> Pixmap {
    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("shot.png");
    let profile = dir.path().join("profile");
    let mut child = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--force-color-profile=srgb",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
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
    for d in &dates {
        let m = ds.measure(Some(*d)).unwrap();
        let colours = authority_colours(&ds, &m, &opts);
        assert_eq!(colours.len(), 3, "three authorities");
        for c in colours {
            let left = count(&shot, c, 16, 0, 800);
            let right = count(&shot, c, 16, 800, 1600);
            eprintln!("colour {c:?}: {left} px in the left map, {right} px in the right map");
            if left < 40 || right < 40 {
                let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-report.png");
                shot.save_png(&out).unwrap();
                panic!(
                    "authority colour {c:?} is missing from a map ({left} px left, {right} px right); screenshot: {}",
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
