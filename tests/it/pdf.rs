//! The vector PDF (`render -o map.pdf`, `--format pdf`, `bordermap::render_pdf`): one page of
//! the map's px × 0.75 pt (an exact A4 page for `--size a4`), text as text in the embedded
//! bundled fonts, a raster close to the PNG's; and the output name rule (`.svg`, `.png`,
//! `.pdf`, none or `-`; any other extension is exit 2 and writes nothing).
//!
//! The text, font and raster checks use poppler-utils (`pdftotext`, `pdffonts`, `pdftoppm`;
//! `.ci/run` installs them). Where a tool is missing they FAIL when the `CI` environment
//! variable is set, and are skipped with a note on stderr otherwise (as `tests/browser.rs` does
//! for Chromium): a skipped test shows as passed.

use std::path::{Path, PathBuf};
use std::process::Command;

use resvg::tiny_skia::Pixmap;

use super::cmd::{arg, run_in, stdout_in};

/// A poppler-utils tool on `PATH`, or `None` (after failing in CI) when there is none.
fn poppler(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    if let Some(p) = std::env::split_paths(&path)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
    {
        return Some(p);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "no {tool} found (CI is set, so the PDF tests must run): install poppler-utils \
             (apt-get install -y poppler-utils, as .ci/run does)"
        );
    }
    eprintln!(
        "note: PDF test SKIPPED: no {tool} on PATH (install poppler-utils); in CI (CI set) this \
         is a failure"
    );
    None
}

/// Runs a tool; returns its stdout, failing on a non-zero exit.
fn tool_stdout(tool: &Path, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{} {args:?} failed: {}",
        tool.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `bordermap render extra... -o map.pdf` in `dir`; returns the PDF's path and bytes.
fn render_pdf(dir: &Path, extra: &[&str]) -> (PathBuf, Vec<u8>) {
    let mut args = vec!["render"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-o", "map.pdf"]);
    let (code, _, stderr) = run_in(dir, &args);
    assert_eq!(code, 0, "bordermap {args:?} failed: {stderr}");
    let path = dir.join("map.pdf");
    let bytes = std::fs::read(&path).unwrap();
    (path, bytes)
}

/// The PDF's bytes as text, with the optional space between a dictionary key and its value
/// taken out (`/Type /Page` and `/Type/Page` are the same PDF), so the checks below read the
/// (uncompressed) page and info objects whichever way the writer spaces them.
fn dict_text(pdf: &[u8]) -> String {
    String::from_utf8_lossy(pdf)
        .replace("/Type /", "/Type/")
        .replace("/MediaBox [", "/MediaBox[")
        .replace("/Producer (", "/Producer(")
}

/// The `/MediaBox` of every page (pt), read from the PDF's (uncompressed) page objects.
fn media_boxes(pdf: &[u8]) -> Vec<[f64; 4]> {
    let text = dict_text(pdf);
    text.match_indices("/MediaBox[")
        .map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let nums: Vec<f64> = rest[..rest.find(']').unwrap()]
                .split_whitespace()
                .map(|n| n.parse().unwrap())
                .collect();
            [nums[0], nums[1], nums[2], nums[3]]
        })
        .collect()
}

/// The number of page objects (`/Type /Page`, not `/Pages`).
fn page_count(pdf: &[u8]) -> usize {
    let text = dict_text(pdf);
    text.matches("/Type/Page").count() - text.matches("/Type/Pages").count()
}

#[test]
fn the_default_map_is_one_page_of_its_px_times_0_75_pt() {
    let dir = tempfile::tempdir().unwrap();
    let (_, pdf) = render_pdf(dir.path(), &[]);
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(page_count(&pdf), 1);
    // 1200 × 900 px.
    assert_eq!(media_boxes(&pdf), vec![[0.0, 0.0, 900.0, 675.0]]);
    // No dates (the `/ID` is a hash of the content), no XMP packet; the same bytes every run
    // (tests/it/determinism.rs).
    let text = dict_text(&pdf);
    assert!(!text.contains("/CreationDate") && !text.contains("/ModDate"));
    assert!(!text.contains("/Metadata"));
    assert!(text.contains("/Producer(bordermap)"));
    // Other sizes: px × 0.75.
    let (_, phone) = render_pdf(dir.path(), &["--size", "phone"]);
    assert_eq!(media_boxes(&phone), vec![[0.0, 0.0, 270.0, 480.0]]);
}

#[test]
fn the_a4_preset_is_an_exact_a4_page() {
    let dir = tempfile::tempdir().unwrap();
    // 1123 × 794 px would be 842.25 × 595.5 pt: the preset gives 842 × 595 pt, the map scaled
    // uniformly (by 595 / 595.5) and centred.
    let (_, a4) = render_pdf(dir.path(), &["--size", "a4"]);
    assert_eq!(page_count(&a4), 1);
    assert_eq!(media_boxes(&a4), vec![[0.0, 0.0, 842.0, 595.0]]);
    // A width or height given by hand is px × 0.75, as every other page.
    let (_, custom) = render_pdf(dir.path(), &["--size", "a4", "--width", "1123"]);
    assert_eq!(media_boxes(&custom), vec![[0.0, 0.0, 842.25, 595.5]]);
    // The library gives the same page.
    let (ds, m, mut opts) = super::default_map();
    opts.width = 1123.0;
    opts.height = 794.0;
    opts.pdf_page_pt = Some(bordermap::map::A4_LANDSCAPE_PT);
    let lib = bordermap::render_pdf(&ds, &m, &opts).unwrap();
    assert_eq!(media_boxes(&lib), media_boxes(&a4));
}

#[test]
fn the_pdf_text_is_searchable() {
    let Some(pdftotext) = poppler("pdftotext") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = render_pdf(dir.path(), &[]);
    let text = tool_stdout(&pdftotext, &[arg(&path), "-"]);
    // The legend's figures, as `measure` gives them (km, 1 decimal).
    let totals = super::measured(None);
    let sdf = format!("{:.1} km", totals.total_of("authority", "SDF") / 1000.0);
    let damascus = format!(
        "{:.1} km",
        totals.total_of("authority", "Damascus government") / 1000.0
    );
    let total = format!("{:.1} km", totals.total_m / 1000.0);
    for want in ["SDF", "Damascus government", &sdf, &damascus, &total] {
        assert!(
            text.contains(want),
            "pdftotext does not find {want:?} in:\n{text}"
        );
    }
}

#[test]
fn the_pdf_embeds_the_noto_fonts() {
    let Some(pdffonts) = poppler("pdffonts") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = render_pdf(dir.path(), &[]);
    let listing = tool_stdout(&pdffonts, &[arg(&path)]);
    // name type encoding emb sub uni object ID: the last five columns are emb … ID.
    let fonts: Vec<(String, String)> = listing
        .lines()
        .skip_while(|l| !l.starts_with("----"))
        .skip(1)
        .map(|l| {
            let t: Vec<&str> = l.split_whitespace().collect();
            (t[0].to_string(), t[t.len() - 5].to_string())
        })
        .collect();
    assert!(
        fonts.iter().any(|(n, _)| n.ends_with("+NotoSans-Regular"))
            && fonts.iter().any(|(n, _)| n.ends_with("+NotoSans-Bold")),
        "pdffonts lists no subset Noto Sans Regular and Bold:\n{listing}"
    );
    assert!(
        fonts.iter().all(|(_, emb)| emb == "yes"),
        "a font is not embedded:\n{listing}"
    );
    // Arabic labels embed Noto Sans Arabic too.
    let (path, _) = render_pdf(dir.path(), &["--lang", "ar"]);
    let listing = tool_stdout(&pdffonts, &[arg(&path)]);
    assert!(
        listing.contains("+NotoSansArabic-"),
        "no Noto Sans Arabic:\n{listing}"
    );
}

/// Pixels whose blurred colours differ by more than this (of 255, any channel) count as
/// different.
const RASTER_DIFF: f32 = 40.0;

/// At most this share of pixels may differ between poppler's raster of the PDF and resvg's PNG.
const RASTER_LIMIT: f64 = 0.005;

#[test]
fn the_pdf_raster_matches_the_png() {
    let Some(pdftoppm) = poppler("pdftoppm") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = render_pdf(dir.path(), &[]);
    let png = stdout_in(dir.path(), &["render", "--format", "png", "-o", "-"]);
    let ours = Pixmap::decode_png(&png).unwrap();
    // 96 dpi: one pixel per page px (900 pt × 96/72 = 1200 px).
    let prefix = dir.path().join("raster");
    tool_stdout(
        &pdftoppm,
        &["-r", "96", "-png", "-singlefile", arg(&path), arg(&prefix)],
    );
    let theirs = Pixmap::load_png(dir.path().join("raster.png")).unwrap();
    assert_eq!(
        (theirs.width(), theirs.height()),
        (ours.width(), ours.height())
    );
    let (a, b) = (super::blur3(&ours), super::blur3(&theirs));
    let bad = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| (0..3).any(|k| (x[k] - y[k]).abs() > RASTER_DIFF))
        .count();
    let share = bad as f64 / a.len() as f64;
    eprintln!(
        "pdftoppm (PDF) vs resvg (PNG), default map {}×{}: {bad} pixels ({:.3} %) differ by more than {RASTER_DIFF}/255 after a 3×3 blur",
        ours.width(),
        ours.height(),
        share * 100.0
    );
    if share > RASTER_LIMIT {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        theirs.save_png(tmp.join("pdf-poppler.png")).unwrap();
        ours.save_png(tmp.join("pdf-resvg.png")).unwrap();
        panic!(
            "{:.3} % of pixels differ (limit {:.1} %); rasters in {}",
            share * 100.0,
            RASTER_LIMIT * 100.0,
            tmp.display()
        );
    }
}

#[test]
fn the_output_name_picks_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, magic) in [
        ("map.svg", b"<?xml".as_slice()),
        ("MAP.PNG", b"\x89PNG".as_slice()),
        ("map.pdf", b"%PDF-".as_slice()),
        ("map", b"<?xml".as_slice()),
    ] {
        let (code, _, stderr) = run_in(d, &["render", "-o", name]);
        assert_eq!(code, 0, "-o {name}: {stderr}");
        assert!(
            std::fs::read(d.join(name)).unwrap().starts_with(magic),
            "{name}"
        );
    }
    // `-` is SVG on stdout; --format overrides the extension (also on stdout).
    assert!(stdout_in(d, &["render", "-o", "-"]).starts_with(b"<?xml"));
    assert!(stdout_in(d, &["render", "--format", "pdf", "-o", "-"]).starts_with(b"%PDF-"));
    let (code, _, stderr) = run_in(d, &["render", "--format", "png", "-o", "map.jpg"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::read(d.join("map.jpg"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
}

#[test]
fn an_extension_it_does_not_write_is_refused() {
    for name in ["map.jpg", "map.svgz", "report.html"] {
        let dir = tempfile::tempdir().unwrap();
        let (code, stdout, stderr) = run_in(dir.path(), &["render", "-o", name]);
        assert_eq!(code, 2, "-o {name}: {stderr}");
        assert!(stdout.is_empty());
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        let ext = name.rsplit('.').next().unwrap();
        assert!(
            stderr.contains(&format!("does not write .{ext} files"))
                && stderr.contains(".svg, .png or .pdf")
                && stderr.contains("-f svg|png|pdf"),
            "{stderr}"
        );
        // Nothing written: no file, no temporary file.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "{name}");
    }
}
