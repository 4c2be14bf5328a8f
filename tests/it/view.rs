//! Fixed views (`--bbox`, `--center` + `--zoom-km`), the locator inset (`--inset`) and
//! several maps with one frame (`render_series`): what each frame holds on the
//! `LayoutReport`, the errors, the SVG's structure.

use bordermap::layout::{Laid, Rect};
use bordermap::map::{self, InsetMode, View};
use bordermap::{Dataset, RenderOptions, project};

use super::cmd::run;
use super::{date, default_map};

fn laid_with(view: Option<View>, inset: InsetMode) -> (Dataset, Laid) {
    let (ds, m, opts) = default_map();
    let opts = RenderOptions {
        view,
        inset,
        ..opts
    };
    let l = map::laid(&ds, &m, &opts).unwrap();
    (ds, l)
}

/// `[lon, lat]` on the page, px, by the map's own (fitted) projection and transform.
fn page_px(ds: &Dataset, l: &Laid, lon: f64, lat: f64) -> (f64, f64) {
    let p = project::projection(&project::fitted_definition(&ds.border.border.vertices())).unwrap();
    let (x, y) = p.forward(lon, lat).unwrap();
    l.report.transform.apply(x, y)
}

fn inside(r: &Rect, p: (f64, f64), tol: f64) -> bool {
    p.0 >= r.x - tol && p.0 <= r.right() + tol && p.1 >= r.y - tol && p.1 <= r.bottom() + tol
}

#[test]
fn a_bbox_view_holds_its_corners_and_fills_the_frame_along_one_axis() {
    let (w, s, e, n) = (40.5, 33.8, 42.5, 35.2);
    let view = View::Bbox {
        west: w,
        south: s,
        east: e,
        north: n,
    };
    let (ds, l) = laid_with(Some(view), InsetMode::Auto);
    let f = l.report.frame;
    let corners = [(w, s), (w, n), (e, n), (e, s)].map(|(lon, lat)| page_px(&ds, &l, lon, lat));
    for c in corners {
        assert!(inside(&f, c, 0.5), "corner {c:?} outside the frame {f:?}");
    }
    // As large as the frame holds it: it reaches both sides or both the top and bottom.
    let xs = corners.map(|c| c.0);
    let ys = corners.map(|c| c.1);
    let min = |v: [f64; 4]| v.into_iter().fold(f64::MAX, f64::min);
    let max = |v: [f64; 4]| v.into_iter().fold(f64::MIN, f64::max);
    let fills_w = (min(xs) - f.x).abs() < 1.0 && (max(xs) - f.right()).abs() < 1.0;
    let fills_h = (min(ys) - f.y).abs() < 1.0 && (max(ys) - f.bottom()).abs() < 1.0;
    assert!(fills_w || fills_h, "{corners:?} in {f:?}");
    // The default map's frame is far wider: this is not the border's fit.
    let (_, fitted) = laid_with(None, InsetMode::Auto);
    assert!(l.report.transform.mpp < fitted.report.transform.mpp / 2.0);
}

#[test]
fn a_centre_view_is_zoom_km_wide_and_centred_and_labels_only_what_is_in_view() {
    let view = View::Center {
        lon: 41.0,
        lat: 34.4,
        width_m: 60_000.0,
    };
    let (ds, l) = laid_with(Some(view), InsetMode::Auto);
    let r = &l.report;
    let f = r.frame;
    // The frame's width spans 60 km of ground through the centre (the projection's scale
    // there is within 1 % of true).
    let km = r.transform.mpp * f.w / 1000.0;
    assert!((km - 60.0).abs() < 0.6, "{km} km across");
    let c = page_px(&ds, &l, 41.0, 34.4);
    assert!((c.0 - (f.x + f.w / 2.0)).abs() < 0.01 && (c.1 - (f.y + f.h / 2.0)).abs() < 0.01);
    // A 12 km stretch is a fifth of the frame's width: long on the page.
    assert!(12_000.0 / r.transform.mpp > f.w / 5.5);
    // The scale bar follows the view: true at its latitude, a fraction of its width.
    let bar = r.scale_bar.as_ref().expect("a scale bar");
    assert_eq!(bar.lat, 34.4);
    assert!(
        bar.length_m < 30_000.0 && bar.length_m >= 1_000.0,
        "{}",
        bar.length_m
    );
    // Labels only in view, and the border (much longer than the view) still has some.
    assert!(!r.labels.is_empty());
    for b in &r.labels {
        assert!(f.contains(&b.rect), "{:?} outside {f:?}", b.text);
    }
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn the_border_outside_a_view_is_clipped_at_the_frame() {
    let (_, m, opts) = default_map();
    let ds = super::dataset(None);
    let opts = RenderOptions {
        view: Some(View::Center {
            lon: 41.0,
            lat: 34.4,
            width_m: 60_000.0,
        }),
        ..opts
    };
    let svg = map::render_svg_string(&ds, &m, &opts).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let border = doc
        .descendants()
        .find(|n| n.attribute("id").is_some_and(|i| i.ends_with("-border")))
        .expect("the border group");
    assert!(
        border
            .attribute("clip-path")
            .is_some_and(|c| c.contains("clip")),
        "the border is clipped to the frame"
    );
}

#[test]
fn bad_views_are_one_clear_error_with_exit_2() {
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["--bbox", "42.5,33.8,40.5,35.2"],
            "west edge 42.5 is not west of its east edge 40.5",
            "--bbox W,S,E,N",
        ),
        (
            &["--bbox", "40,36,42,35"],
            "south edge 36 is not south of its north edge 35",
            "--bbox",
        ),
        (
            &["--bbox", "40,33,190,35"],
            "east edge 190 is not a longitude",
            "--bbox",
        ),
        (
            &["--bbox", "40,33,nope"],
            "--bbox '40,33,nope' is not 4 numbers",
            "e.g. --bbox",
        ),
        (
            &["--center", "41,34.4", "--zoom-km", "0"],
            "width 0 m is not a width",
            "--zoom-km",
        ),
        (
            &["--center", "41,95", "--zoom-km", "60"],
            "centre latitude 95 is not a latitude",
            "--center LON,LAT",
        ),
    ];
    for (args, msg, hint) in cases {
        let mut a = vec!["render", "-o", "-"];
        a.extend_from_slice(args);
        let (code, out, err) = run(&a);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}");
        assert!(err.contains(msg), "{args:?}: {err}");
        assert!(err.contains(hint), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // --center needs --zoom-km and the other way round (here or in a story file).
    for (args, msg, hint) in [
        (
            &["--center", "41,34.4"][..],
            "the view's centre has no width",
            "--zoom-km KM",
        ),
        (
            &["--zoom-km", "60"][..],
            "the view's width has no centre",
            "--center LON,LAT",
        ),
    ] {
        let mut a = vec!["render", "-o", "-"];
        a.extend_from_slice(args);
        let (code, _, err) = run(&a);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(msg) && err.contains(hint), "{args:?}: {err}");
    }
}

#[test]
fn the_library_refuses_bad_views_without_naming_a_flag() {
    let (ds, m, opts) = default_map();
    for view in [
        View::Center {
            lon: 41.0,
            lat: 34.0,
            width_m: f64::NAN,
        },
        View::Bbox {
            west: 1.0,
            south: 2.0,
            east: 1.0,
            north: 3.0,
        },
    ] {
        let o = RenderOptions {
            view: Some(view),
            ..opts.clone()
        };
        let e = map::laid(&ds, &m, &o).unwrap_err();
        assert!(e.detail.is_some(), "{e}");
        assert!(!e.hint.contains("--") && !e.message.contains("--"), "{e}");
    }
}

/// Whether the SVG has the inset group.
fn has_inset(svg: &str) -> bool {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .any(|n| n.attribute("class") == Some("inset"))
}

#[test]
fn inset_off_never_draws_it_and_on_draws_it_or_says_why_not() {
    let (ds, m, opts) = default_map();
    let svg = |inset, view| {
        let o = RenderOptions {
            inset,
            view,
            ..opts.clone()
        };
        map::render_svg_string(&ds, &m, &o)
    };
    assert!(has_inset(&svg(InsetMode::Auto, None).unwrap()));
    assert!(!has_inset(&svg(InsetMode::Off, None).unwrap()));
    assert!(has_inset(&svg(InsetMode::On, None).unwrap()));
    let (_, l) = laid_with(None, InsetMode::Off);
    assert_eq!(l.report.inset_rect.w, 0.0);
    // On a phone-sized page the inset gives way to a segment label in auto; on: drawn (the
    // label left out instead, with a warning).
    let (code, out, err) = run(&["render", "--size", "phone", "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(!has_inset(&out));
    let (code, out, err) = run(&["render", "--size", "phone", "--inset", "on", "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(has_inset(&out));
    assert!(err.contains("left out"), "{err}");
    // On small pages, on is never silently ignored: the inset is drawn, or the render is an
    // error (exit 2, nothing written) saying no corner holds it. Which one depends on the
    // projection's last digits (PROJ and proj4rs place the inline page's corners apart).
    for size in [["--size", "inline"], ["--size", "social"]] {
        let mut args = vec!["render", "--inset", "on", "-o", "-"];
        args.extend(size);
        let (code, out, err) = run(&args);
        match code {
            0 => assert!(has_inset(&out), "{size:?}: on, drawn"),
            2 => {
                assert!(out.is_empty());
                assert!(
                    err.contains(
                        "the locator inset cannot be drawn: no corner of the map frame holds"
                    ),
                    "{err}"
                );
                assert!(err.contains("--inset auto"), "{err}");
            }
            _ => panic!("{size:?}: exit {code}: {err}"),
        }
    }
    let (code, _, err) = run(&["render", "--size", "inline", "-o", "-"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn inset_on_with_nothing_to_locate_is_exit_2() {
    // A user border with no context file and no world context to locate it in: no inset.
    let (_dir, p) = super::temp_file(
        "b.geojson",
        r#"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0.0,0.0],[0.5,0.4],[1.0,0.5]]}}"#,
    );
    let (code, _, err) = run(&["render", super::cmd::arg(&p), "--inset", "on", "-o", "-"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the locator inset cannot be drawn: the map has no context"),
        "{err}"
    );
    assert!(err.contains("--context FILE"), "{err}");
    let (code, _, err) = run(&["render", super::cmd::arg(&p), "-o", "-"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_series_shares_one_frame_and_scale_bar_where_single_maps_differ() {
    let ds = super::dataset(None);
    let opts = RenderOptions::for_dataset(&ds).unwrap();
    let a = ds.measure(Some(date("2014-01-01"))).unwrap();
    let b = ds.measure(Some(date("2024-05-12"))).unwrap();
    let bar = |l: &Laid| {
        l.report
            .scale_bar
            .as_ref()
            .map(|s| (s.length_m, s.length_px))
    };
    // On their own, the two dates get different frames and scale bars.
    let la = map::laid(&ds, &a, &opts).unwrap();
    let lb = map::laid(&ds, &b, &opts).unwrap();
    assert!(
        la.report.frame != lb.report.frame || bar(&la) != bar(&lb),
        "the single maps already share a frame: this test shows nothing"
    );
    assert_ne!(la.report.transform.mpp, lb.report.transform.mpp);
    let s = map::series_laid(&ds, &[&a, &b], &opts).unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].report.frame, s[1].report.frame);
    assert_eq!(s[0].report.transform, s[1].report.transform);
    assert!(bar(&s[0]).is_some());
    assert_eq!(bar(&s[0]), bar(&s[1]));
    for l in &s {
        assert!(l.report.warnings.is_empty(), "{:?}", l.report.warnings);
        super::assert_labels_apart(&l.report);
    }
    // The whole border in the shared frame.
    for l in &s {
        for c in ds.border.border.coords() {
            assert!(inside(&l.report.frame, page_px(&ds, l, c.x, c.y), 0.01));
        }
    }
    // Rendered: one document per member, ids apart.
    let r = map::render_series(&ds, &[&a, &b], &opts, map::Format::Svg).unwrap();
    assert_eq!(r.len(), 2);
    assert_ne!(r[0].bytes, r[1].bytes);
}

#[test]
fn the_timeline_page_shows_every_date_in_one_frame() {
    let ds = super::dataset(None);
    let t = bordermap::timeline::timeline(&ds).unwrap();
    let html =
        bordermap::html::timeline_page(&ds, &t, &RenderOptions::for_dataset(&ds).unwrap()).unwrap();
    // Every map's scale bar the same length (px) for the same km.
    let bars: Vec<&str> = html
        .split(r#"class="scale-bar""#)
        .skip(1)
        .filter_map(|s| s.split("data-length-px=\"").nth(1))
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(bars.len(), t.dates.len());
    assert!(bars.iter().all(|b| *b == bars[0]), "{bars:?}");
}

#[test]
fn a_story_file_gives_the_view_and_the_inset_and_flags_override_them() {
    let (dir, story) = super::temp_file(
        "story.toml",
        "center = [41.0, 34.4]\nzoom_km = 60\ninset = \"off\"\n",
    );
    let s = super::cmd::arg(&story);
    let (code, out, err) = super::cmd::run_in(dir.path(), &["render", s, "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(!has_inset(&out));
    assert!(
        out.contains(r#"data-lat="34.4""#),
        "the scale bar is true at the view's centre"
    );
    let (code, out, err) =
        super::cmd::run_in(dir.path(), &["render", s, "--inset", "on", "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(has_inset(&out));
    // A flag's centre with the story's width.
    let (code, out, err) = super::cmd::run_in(
        dir.path(),
        &["render", s, "--center", "41.2,34.6", "-o", "-"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(r#"data-lat="34.6""#), "{err}");
    // A centre without its width: one error, exit 2.
    let (dir, story) = super::temp_file("story.toml", "center = [41.0, 34.4]\n");
    let s = super::cmd::arg(&story);
    let (code, out, err) = super::cmd::run_in(dir.path(), &["render", s, "-o", "-"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("the view's centre has no width"), "{err}");
    assert!(err.contains("--zoom-km"), "{err}");
}

#[test]
fn the_html_report_draws_its_dates_in_one_frame() {
    let ds = super::dataset(None);
    let opts = RenderOptions::for_dataset(&ds).unwrap();
    let dates = [date("2014-01-01"), date("2024-05-12")];
    let html = bordermap::html_report(&ds, &dates, &opts).unwrap();
    let bars: Vec<&str> = html
        .split(r#"class="scale-bar""#)
        .skip(1)
        .filter_map(|s| s.split("data-length-px=\"").nth(1))
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(bars.len(), 2);
    assert_eq!(bars[0], bars[1]);
}
