//! Layout invariants of the map's [`Scene`], on a grid of page sizes × borders and on random
//! pages and borders (proptest): nothing leaves the page, no two texts overlap, no two pieces
//! of furniture overlap, the border stays in the frame and (almost) clear of furniture, and no
//! text is smaller than the minimum size.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use bordermap::error::Detail;
use bordermap::fonts::Measurer;
use bordermap::layout::{Anchor, Item, Laid, Rect, Scene, TextItem};
use bordermap::load::topojson::Topology;
use bordermap::{Dataset, LoadOptions, Measured, RenderOptions};
use proptest::prelude::*;

use super::{Container, geojson_of, repo};

/// Tolerance of every containment and overlap test, px.
const TOL: f64 = 0.5;

/// Largest share of the border's drawn length that may lie under furniture.
const MAX_BORDER_UNDER_FURNITURE: f64 = 0.02;

/// Ink box of a text line, relative to its baseline, in units of the font size. Noto Sans has
/// ascender 1.069 and descender 0.293 em, but those are line metrics with room for accents;
/// the ink of capitals and ascenders reaches ~0.71–0.76 em above the baseline and of
/// descenders ~0.24 em below it. 0.8 above and 0.25 below therefore hold every glyph the
/// maps set (Latin and Arabic) without counting the empty line gap as ink.
const INK_ABOVE_EM: f64 = 0.8;
const INK_BELOW_EM: f64 = 0.25;

/// Smallest text size allowed, px.
const MIN_TEXT: f64 = 10.0;

/// A text's box on the page.
#[derive(Debug, Clone)]
struct TextBox {
    text: String,
    class: String,
    size: f64,
    rect: Rect,
}

fn text_box(t: &TextItem, m: &mut Measurer) -> TextBox {
    let w = m.width(&t.text, t.font);
    let x0 = match t.anchor {
        Anchor::Start => t.x,
        Anchor::Middle => t.x - w / 2.0,
        Anchor::End => t.x - w,
    };
    let top = t.y - INK_ABOVE_EM * t.font.size;
    TextBox {
        text: t.text.clone(),
        class: t.class.clone(),
        size: t.font.size,
        rect: Rect {
            x: x0,
            y: top,
            w,
            h: (INK_ABOVE_EM + INK_BELOW_EM) * t.font.size,
        },
    }
}

fn fmt_rect(r: &Rect) -> String {
    format!(
        "[x {:.1}..{:.1}, y {:.1}..{:.1}]",
        r.x,
        r.right(),
        r.y,
        r.bottom()
    )
}

/// Whether `r` lies inside `[0, w] × [0, h]` within the tolerance.
fn on_page(r: &Rect, w: f64, h: f64) -> bool {
    r.x >= -TOL && r.y >= -TOL && r.right() <= w + TOL && r.bottom() <= h + TOL
}

/// Whether two rectangles overlap by more than the tolerance in both axes.
fn overlap(a: &Rect, b: &Rect) -> bool {
    let ox = a.right().min(b.right()) - a.x.max(b.x);
    let oy = a.bottom().min(b.bottom()) - a.y.max(b.y);
    ox > TOL && oy > TOL
}

/// The parameter interval `[t0, t1]` ⊂ [0, 1] of the segment `p → q` inside `r` (Liang–Barsky),
/// if any.
fn clip(p: (f64, f64), q: (f64, f64), r: &Rect) -> Option<(f64, f64)> {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (pk, qk) in [
        (-dx, p.0 - r.x),
        (dx, r.right() - p.0),
        (-dy, p.1 - r.y),
        (dy, r.bottom() - p.1),
    ] {
        if pk == 0.0 {
            if qk < 0.0 {
                return None;
            }
        } else {
            let t = qk / pk;
            if pk < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 < t1).then_some((t0, t1))
}

/// Checks the five layout invariants; `Err` lists every violation, naming the map.
pub(super) fn check_invariants(laid: &Laid, label: &str) -> Result<(), String> {
    let (sc, rep) = (&laid.scene, &laid.report);
    let (w, h) = (sc.width, sc.height);
    let mut errs: Vec<String> = Vec::new();
    let mut m = Measurer::default();
    let mut texts: Vec<TextBox> = Vec::new();
    let mut segments: Vec<(String, &Vec<(f64, f64)>)> = Vec::new();
    for g in &sc.groups {
        for it in &g.items {
            match it {
                Item::Text(t) => texts.push(text_box(t, &mut m)),
                Item::Path(p) if p.class.split(' ').next() == Some("segment") => {
                    for part in &p.parts {
                        segments.push((p.class.clone(), part));
                    }
                }
                _ => {}
            }
        }
    }
    // 1. Nothing leaves the page.
    for t in &texts {
        if !on_page(&t.rect, w, h) {
            errs.push(format!(
                "[1 off page] text {:?} (class {:?}, {} px) at {}",
                t.text,
                t.class,
                t.size,
                fmt_rect(&t.rect)
            ));
        }
    }
    for f in &rep.furniture {
        if !on_page(&f.rect, w, h) {
            errs.push(format!(
                "[1 off page] furniture {:?} at {}",
                f.kind,
                fmt_rect(&f.rect)
            ));
        }
    }
    // 2. No two texts overlap.
    for (i, a) in texts.iter().enumerate() {
        for b in texts.iter().skip(i + 1) {
            if overlap(&a.rect, &b.rect) {
                errs.push(format!(
                    "[2 text overlap] {:?} ({:?}) {} overlaps {:?} ({:?}) {}",
                    a.text,
                    a.class,
                    fmt_rect(&a.rect),
                    b.text,
                    b.class,
                    fmt_rect(&b.rect)
                ));
            }
        }
    }
    // 3. No two pieces of furniture overlap.
    for (i, a) in rep.furniture.iter().enumerate() {
        for b in rep.furniture.iter().skip(i + 1) {
            if overlap(&a.rect, &b.rect) {
                errs.push(format!(
                    "[3 furniture overlap] {:?} {} overlaps {:?} {}",
                    a.kind,
                    fmt_rect(&a.rect),
                    b.kind,
                    fmt_rect(&b.rect)
                ));
            }
        }
    }
    // 4. The border lies in the frame, and at most 2 % of it under furniture.
    let fr = rep.frame;
    let mut outside = 0usize;
    let mut first_outside = None;
    let (mut total, mut under) = (0.0, 0.0);
    for (class, part) in &segments {
        for &(x, y) in part.iter() {
            let inside = x >= fr.x - TOL
                && x <= fr.right() + TOL
                && y >= fr.y - TOL
                && y <= fr.bottom() + TOL;
            if !inside {
                outside += 1;
                first_outside.get_or_insert_with(|| format!("({x:.1}, {y:.1}) of {class:?}"));
            }
        }
        for pq in part.windows(2) {
            let (p, q) = (pq[0], pq[1]);
            let len = (q.0 - p.0).hypot(q.1 - p.1);
            total += len;
            // The union of the parameter intervals under any piece of furniture.
            let mut iv: Vec<(f64, f64)> = rep
                .furniture
                .iter()
                .filter_map(|f| clip(p, q, &f.rect))
                .collect();
            iv.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut covered = 0.0;
            let mut cur: Option<(f64, f64)> = None;
            for (a, b) in iv {
                cur = match cur {
                    Some((s, e)) if a <= e => Some((s, e.max(b))),
                    Some((s, e)) => {
                        covered += e - s;
                        Some((a, b))
                    }
                    None => Some((a, b)),
                };
            }
            if let Some((s, e)) = cur {
                covered += e - s;
            }
            under += covered * len;
        }
    }
    if segments.is_empty() {
        errs.push("[4] no segment paths in the scene".into());
    }
    if outside > 0 {
        errs.push(format!(
            "[4 border off frame] {outside} border vertices outside the frame {}, first {}",
            fmt_rect(&fr),
            first_outside.unwrap_or_default()
        ));
    }
    if total > 0.0 && under / total > MAX_BORDER_UNDER_FURNITURE {
        let kinds: Vec<String> = rep
            .furniture
            .iter()
            .map(|f| format!("{:?} {}", f.kind, fmt_rect(&f.rect)))
            .collect();
        errs.push(format!(
            "[4 border under furniture] {:.1} % of the border's {:.0} px drawn length lies under furniture ({})",
            100.0 * under / total,
            total,
            kinds.join(", ")
        ));
    }
    // 5. No text smaller than the minimum.
    for t in &texts {
        if t.size < MIN_TEXT {
            errs.push(format!(
                "[5 text too small] {:?} ({:?}) set at {} px",
                t.text, t.class, t.size
            ));
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        let mut s = format!("{label} ({w}×{h} px): {} violation(s)", errs.len());
        for e in errs {
            let _ = write!(s, "\n    {e}");
        }
        Err(s)
    }
}

/// The page sizes of the grid, px: phones, screens, social cards, print (A4 at 96 dpi), huge,
/// and 21:9.
const PAGES: [(f64, f64); 12] = [
    (320.0, 480.0),
    (360.0, 640.0),
    (640.0, 480.0),
    (800.0, 500.0),
    (1080.0, 1080.0),
    (1200.0, 675.0),
    (1200.0, 900.0),
    (2400.0, 1200.0),
    (1123.0, 794.0),
    (4000.0, 4000.0),
    (747.0, 320.0),
    (1920.0, 823.0),
];

/// Natural Earth borders of very different shape and length: (name, id a, id b).
const NE_BORDERS: [(&str, &str, &str); 5] = [
    ("Chile–Argentina", "152", "032"),
    ("Russia–Kazakhstan", "643", "398"),
    ("France–Spain", "250", "724"),
    ("Egypt–Sudan", "818", "729"),
    ("USA–Mexico", "840", "484"),
];

/// A layers file of `classes` classes over a line of `total_km`, cut at `cuts` (fractions of
/// the line, increasing, `classes - 1` of them).
fn layers_toml(total_km: f64, cuts: &[f64]) -> String {
    let mut s = String::from(
        "[dataset]\ntitle = \"Generated\"\nas_of = 2024-01-01\n\n[[layer]]\nid = \"status\"\ntitle = \"Status\"\n",
    );
    let n = cuts.len() + 1;
    for i in 0..n {
        let from = if i == 0 {
            "\"start\"".to_string()
        } else {
            format!("{{ km = {:.6} }}", cuts[i - 1] * total_km)
        };
        let to = if i + 1 == n {
            "\"end\"".to_string()
        } else {
            format!("{{ km = {:.6} }}", cuts[i] * total_km)
        };
        let _ = write!(
            s,
            "\n[[layer.interval]]\nvalue = \"Class {}\"\nfrom = {from}\nto = {to}\nas_of = 2024-01-01\nsource = \"Generated for a layout test\"\n",
            char::from(b'A' + u8::try_from(i).unwrap())
        );
    }
    s
}

/// One border configuration of the grid.
struct Case {
    name: String,
    ds: Dataset,
    m: Measured,
    opts: RenderOptions,
    /// Temporary files, kept alive as long as the case.
    _dir: Option<tempfile::TempDir>,
}

fn load(border: &str, layers: Option<PathBuf>) -> Dataset {
    Dataset::load(&LoadOptions {
        border: Some(border.to_string()),
        layers,
        ..LoadOptions::default()
    })
    .unwrap_or_else(|e| panic!("loading {border}: {e}"))
}

fn case(name: String, ds: Dataset, lang: &str, dir: Option<tempfile::TempDir>) -> Case {
    let m = ds
        .measure(None)
        .unwrap_or_else(|e| panic!("measuring {name}: {e}"));
    let mut opts = RenderOptions::for_dataset(&ds).unwrap();
    opts.lang = lang.to_string();
    Case {
        name,
        ds,
        m,
        opts,
        _dir: dir,
    }
}

fn grid_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let default = Dataset::load(&LoadOptions::default()).unwrap();
    cases.push(case("default (en)".into(), default.clone(), "en", None));
    cases.push(case("default (ar)".into(), default, "ar", None));
    cases.push(case(
        "@iraq-syria-osm".into(),
        load("@iraq-syria-osm", None),
        "en",
        None,
    ));
    let path = repo("tests/data/countries-10m.json");
    let topo: Topology =
        bordermap::load::topojson::parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
    for (k, (name, a, b)) in NE_BORDERS.iter().enumerate() {
        let shared = bordermap::extract::from_topology(&topo, a, b)
            .unwrap_or_else(|e| panic!("extracting {name}: {e}"));
        // The longest piece: the grid is about one line per map (a border in several pieces,
        // Chile–Argentina on Tierra del Fuego, is tested in `parts`).
        let longest = shared
            .pieces
            .iter()
            .max_by(|a, b| {
                bordermap::Border::new("a", (*a).clone())
                    .unwrap()
                    .length_m()
                    .total_cmp(
                        &bordermap::Border::new("b", (*b).clone())
                            .unwrap()
                            .length_m(),
                    )
            })
            .unwrap();
        let parts: Vec<Vec<[f64; 2]>> = vec![longest.0.iter().map(|c| [c.x, c.y]).collect()];
        let dir = tempfile::tempdir().unwrap();
        let border = dir.path().join("border.geojson");
        std::fs::write(&border, geojson_of(&parts, Container::Multi)).unwrap();
        let border = border.to_string_lossy().into_owned();
        let plain = load(&border, None);
        let total_km = plain.measure(None).unwrap().total_m / 1000.0;
        // 2–4 classes, cut at uneven places.
        let classes = 2 + k % 3;
        let cuts: Vec<f64> = (1..classes)
            .map(|i| (i as f64 / classes as f64) * 0.9 + 0.03 * (i as f64))
            .collect();
        let layers = dir.path().join("layers.toml");
        std::fs::write(&layers, layers_toml(total_km, &cuts)).unwrap();
        let layered = load(&border, Some(layers));
        cases.push(case(format!("{name} (no layers)"), plain, "en", None));
        cases.push(case(
            format!("{name} ({classes} classes)"),
            layered,
            "en",
            Some(dir),
        ));
    }
    cases
}

#[test]
fn grid_of_pages_and_borders_keeps_the_layout_invariants() {
    let started = std::time::Instant::now();
    let cases = grid_cases();
    let jobs: Vec<(usize, (f64, f64))> = (0..cases.len())
        .flat_map(|c| PAGES.iter().map(move |&p| (c, p)))
        .collect();
    let next = AtomicUsize::new(0);
    let failures: Mutex<Vec<(usize, usize, String)>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let j = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(c, (w, h))) = jobs.get(j) else {
                        break;
                    };
                    let cs = &cases[c];
                    let label = format!("{}, {w}×{h}", cs.name);
                    let opts = RenderOptions {
                        width: w,
                        height: h,
                        ..cs.opts.clone()
                    };
                    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        bordermap::map::laid(&cs.ds, &cs.m, &opts)
                    }));
                    let msg = match res {
                        Err(_) => Some(format!("{label}: scene() panicked")),
                        Ok(Err(e)) => Some(format!("{label}: scene() failed: {e}")),
                        Ok(Ok(sc)) => check_invariants(&sc, &label).err(),
                    };
                    if let Some(msg) = msg {
                        failures.lock().unwrap().push((c, j, msg));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort_by_key(|f| f.1);
    eprintln!(
        "layout grid: {} maps ({} borders × {} pages) in {:.1} s, {} failing",
        jobs.len(),
        cases.len(),
        PAGES.len(),
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    if !failures.is_empty() {
        let msgs: Vec<String> = failures.into_iter().map(|f| f.2).collect();
        panic!(
            "{} of {} maps break the layout invariants:\n{}",
            msgs.len(),
            jobs.len(),
            msgs.join("\n")
        );
    }
}

/// A random border: vertices as offsets in km from the first, each step's heading within
/// ±80° of the first heading (so the line never crosses itself).
fn random_line() -> impl Strategy<Value = (Vec<(f64, f64)>, f64, f64)> {
    (
        2usize..=40,
        5.0f64..=3000.0,
        0.0f64..360.0,
        0.0f64..=1.0,
        0.0f64..=1.0,
    )
        .prop_flat_map(|(n, total_km, heading, fx, fy)| {
            (
                proptest::collection::vec((-80.0f64..80.0, 0.2f64..1.0), n - 1),
                Just((total_km, heading, fx, fy)),
            )
        })
        .prop_map(|(steps, (total_km, heading, fx, fy))| {
            let weight: f64 = steps.iter().map(|s| s.1).sum();
            let mut pts = vec![(0.0, 0.0)];
            let (mut x, mut y) = (0.0, 0.0);
            for (turn, wgt) in steps {
                let d = total_km * wgt / weight;
                let a = (heading + turn).to_radians();
                x += d * a.sin();
                y += d * a.cos();
                pts.push((x, y));
            }
            (pts, fx, fy)
        })
}

/// Places the km offsets on the globe: the line's first vertex at a latitude and longitude
/// chosen by `fx`, `fy` among those that keep the whole line in lon [-170, 170], lat [-70, 70].
fn place(pts: &[(f64, f64)], fx: f64, fy: f64) -> Vec<[f64; 2]> {
    const KM_PER_DEG: f64 = 111.32;
    let ys: Vec<f64> = pts.iter().map(|p| p.1 / KM_PER_DEG).collect();
    let (ymin, ymax) = ys
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &y| (a.min(y), b.max(y)));
    let lat0 = (-70.0 - ymin) + fy * ((70.0 - ymax) - (-70.0 - ymin));
    let lats: Vec<f64> = ys.iter().map(|y| lat0 + y).collect();
    let xs: Vec<f64> = pts
        .iter()
        .zip(&lats)
        .map(|(p, lat)| p.0 / (KM_PER_DEG * lat.to_radians().cos()))
        .collect();
    let (xmin, xmax) = xs
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    let lon0 = (-170.0 - xmin) + fx * ((170.0 - xmax) - (-170.0 - xmin));
    xs.iter()
        .zip(&lats)
        .map(|(x, lat)| [lon0 + x, *lat])
        .collect()
}

/// A page: width in [320, 4000] and height in [320, 4000] with w/h in [9/16, 21/9].
fn random_page() -> impl Strategy<Value = (f64, f64)> {
    (320u32..=4000, 0.0f64..=1.0).prop_map(|(w, f)| {
        let w = f64::from(w);
        let lo = (w * 9.0 / 21.0).max(320.0);
        let hi = (w * 16.0 / 9.0).min(4000.0);
        (w, (lo + f * (hi - lo)).round().clamp(lo.ceil(), hi.floor()))
    })
}

/// Random pages × random borders: every page that lays out keeps the invariants, every
/// refusal is the page-too-small error ([`Detail::PageTooSmall`]), and at least 90 % of the
/// pages lay out (a layout that refused every page would fail here).
#[test]
fn random_pages_and_borders_keep_the_layout_invariants() {
    // Few cases and little shrinking: every case draws a map (~0.3 s in a debug build). No
    // regression files: a failure prints its input.
    let config = ProptestConfig {
        cases: 24,
        max_shrink_iters: 16,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let runs = AtomicUsize::new(0);
    let too_small = AtomicUsize::new(0);
    let strategy = (
        random_line(),
        random_page(),
        1usize..=6,
        proptest::collection::vec(0.05f64..0.95, 5),
    );
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let result = runner.run(&strategy, |((pts, fx, fy), (w, h), classes, cut_seed)| {
        runs.fetch_add(1, Ordering::Relaxed);
        match random_case(&pts, fx, fy, w, h, classes, cut_seed) {
            Ok(()) => Ok(()),
            Err(CaseEnd::TooSmall) => {
                too_small.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
            Err(CaseEnd::Fail(msg)) => Err(TestCaseError::fail(msg)),
        }
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let (n, k) = (runs.into_inner(), too_small.into_inner());
    assert!(n >= 24, "only {n} random pages tried");
    assert!(
        k * 10 <= n,
        "{k} of {n} random pages refused as too small (at most 10 % may be)"
    );
}

/// How a random case that did not lay out ended.
enum CaseEnd {
    /// Refused with the page-too-small error.
    TooSmall,
    /// Anything else: the message.
    Fail(String),
}

/// Lays out one random border on one random page and checks the result.
fn random_case(
    pts: &[(f64, f64)],
    fx: f64,
    fy: f64,
    w: f64,
    h: f64,
    classes: usize,
    cut_seed: Vec<f64>,
) -> Result<(), CaseEnd> {
    let coords = place(pts, fx, fy);
    let dir = tempfile::tempdir().unwrap();
    let border = dir.path().join("border.geojson");
    std::fs::write(
        &border,
        geojson_of(std::slice::from_ref(&coords), Container::Features),
    )
    .unwrap();
    let border = border.to_string_lossy().into_owned();
    let total_km = load(&border, None).measure(None).unwrap().total_m / 1000.0;
    let mut cuts: Vec<f64> = cut_seed.into_iter().take(classes - 1).collect();
    cuts.sort_by(f64::total_cmp);
    cuts.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    let layers = dir.path().join("layers.toml");
    std::fs::write(&layers, layers_toml(total_km, &cuts)).unwrap();
    let ds = load(&border, Some(layers));
    let m = ds.measure(None).unwrap();
    let opts = RenderOptions {
        width: w,
        height: h,
        ..RenderOptions::for_dataset(&ds).unwrap()
    };
    let label = format!(
        "random border of {} vertices, {total_km:.1} km, {} classes, from {:?} to {:?}, {w}×{h}",
        coords.len(),
        cuts.len() + 1,
        coords.first().unwrap(),
        coords.last().unwrap()
    );
    match bordermap::map::laid(&ds, &m, &opts) {
        Ok(sc) => check_invariants(&sc, &label).map_err(CaseEnd::Fail),
        Err(e) if matches!(e.detail, Some(Detail::PageTooSmall { .. })) => {
            eprintln!("layout proptest: too small: {label}: {e}");
            Err(CaseEnd::TooSmall)
        }
        Err(e) => Err(CaseEnd::Fail(format!("{label}: laid() failed: {e}"))),
    }
}

/// The checker itself: the default map passes, and each kind of violation planted in it is
/// reported under its number.
#[test]
fn the_checker_reports_each_planted_violation() {
    let (ds, m, opts) = super::default_map();
    let sc = bordermap::map::laid(&ds, &m, &opts).unwrap();
    check_invariants(&sc, "default map").unwrap();
    let texts = |sc: &Scene| {
        sc.groups
            .iter()
            .flat_map(|g| &g.items)
            .filter(|i| matches!(i, Item::Text(_)))
            .count()
    };
    assert!(texts(&sc.scene) >= 10, "only {} texts", texts(&sc.scene));
    assert!(sc.report.furniture.len() >= 3, "{:?}", sc.report.furniture);
    let first_text = |sc: &mut Scene| -> TextItem {
        sc.groups
            .iter_mut()
            .flat_map(|g| g.items.iter_mut())
            .find_map(|i| match i {
                Item::Text(t) => Some(t.clone()),
                _ => None,
            })
            .unwrap()
    };
    let plant = |f: &dyn Fn(&mut Laid), tag: &str| {
        let mut s = sc.clone();
        f(&mut s);
        let e = check_invariants(&s, "planted").unwrap_err();
        assert!(e.contains(tag), "expected {tag}, got {e}");
    };
    plant(
        &|s| {
            let mut t = first_text(&mut s.scene);
            t.x = -50.0;
            t.anchor = Anchor::Start;
            s.scene.groups[0].items.push(Item::Text(t));
        },
        "[1 off page] text",
    );
    plant(
        &|s| s.report.furniture[0].rect.x = s.scene.width - 1.0,
        "[1 off page] furniture",
    );
    plant(
        &|s| {
            let t = first_text(&mut s.scene);
            s.scene.groups[0]
                .items
                .push(Item::Text(TextItem { x: t.x + 2.0, ..t }));
        },
        "[2 text overlap]",
    );
    plant(
        &|s| s.report.furniture[1].rect = s.report.furniture[0].rect,
        "[3 furniture overlap]",
    );
    plant(
        &|s| {
            let f = s.report.frame;
            let seg = s
                .scene
                .groups
                .iter_mut()
                .flat_map(|g| g.items.iter_mut())
                .find_map(|i| match i {
                    Item::Path(p) if p.class.starts_with("segment ") => Some(p),
                    _ => None,
                })
                .unwrap();
            seg.parts[0].push((f.right() + 5.0, f.y));
        },
        "[4 border off frame]",
    );
    plant(
        &|s| {
            s.report.furniture.push(bordermap::layout::Furniture {
                kind: bordermap::layout::FurnitureKind::Inset,
                rect: s.report.frame,
            });
        },
        "[4 border under furniture]",
    );
    plant(
        &|s| {
            let mut t = first_text(&mut s.scene);
            t.font.size = 9.0;
            t.y = -100.0;
            s.scene.groups[0].items.push(Item::Text(t));
        },
        "[5 text too small]",
    );
}
