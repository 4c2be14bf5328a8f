//! Tests of `bordermap render`: the default map's SVG (snapshot and structure), the figures it
//! shows against the measured ones, label collisions, the scale bar, embedding and safety, and
//! a PNG compared with a committed reference image.

use std::path::Path;

use bordermap::layout::Laid;
use bordermap::{Dataset, LoadOptions, RenderOptions};

use super::cmd::{arg, bordermap};
use super::{assert_labels_apart, class_has, dataset, default_map, repo, temp_file};

/// The default map's SVG (rendered once: debug builds are slow).
fn default_svg() -> String {
    static SVG: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SVG.get_or_init(|| {
        let (ds, m, opts) = default_map();
        bordermap::render_svg_string(&ds, &m, &opts).unwrap()
    })
    .clone()
}

fn default_laid() -> Laid {
    let (ds, m, opts) = default_map();
    bordermap::map::laid(&ds, &m, &opts).unwrap()
}

#[test]
fn default_svg_snapshot() {
    insta::assert_snapshot!("default_svg", default_svg());
}

#[test]
fn same_bytes_every_run() {
    let (ds, m, opts) = default_map();
    assert_eq!(
        bordermap::render_svg_string(&ds, &m, &opts).unwrap(),
        default_svg()
    );
}

#[test]
fn every_segment_carries_its_measured_data() {
    let (_, m, _) = default_map();
    let svg = default_svg();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let segs: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && class_has(n, "segment"))
        .collect();
    assert_eq!(segs.len(), m.segments.len());
    for (n, s) in segs.iter().zip(&m.segments) {
        let num = |a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
        assert!((num("data-length-m") - s.length_m).abs() < 0.0005);
        assert!((num("data-from-m") - s.from_m).abs() < 0.0005);
        assert!((num("data-to-m") - s.to_m).abs() < 0.0005);
        assert_eq!(n.attribute("data-authority"), s.value("authority"));
        assert_eq!(n.attribute("data-wall"), s.value("wall"));
        let title = n
            .children()
            .find(|c| c.has_tag_name("title"))
            .and_then(|t| t.text())
            .unwrap();
        assert!(
            title.contains(&format!("{} km", bordermap::report::km1(s.length_m))),
            "{title}"
        );
    }
    // Classes per layer value.
    let sdf_built = segs
        .iter()
        .filter(|n| class_has(n, "authority-sdf") && class_has(n, "wall-built"))
        .count();
    assert_eq!(sdf_built, 1);
}

#[test]
fn legend_shows_the_measured_totals() {
    let (_, m, _) = default_map();
    let svg = default_svg();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let kms: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && class_has(n, "legend-km"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    let want: Vec<String> = m
        .layers
        .iter()
        .flat_map(|l| &l.values)
        .map(|v| format!("{} km", bordermap::report::km1(v.length_m)))
        .collect();
    assert_eq!(kms, want);
    let total = doc
        .descendants()
        .find(|n| n.has_tag_name("text") && class_has(n, "legend-total-km"))
        .and_then(|n| n.text())
        .unwrap();
    assert_eq!(total, "599.3 km");
    assert!(svg.contains("SDF · 362.2 km"));
}

#[test]
fn scale_bar_is_true_at_its_latitude() {
    let laid = default_laid();
    let sc = &laid.report;
    let sb = sc
        .scale_bar
        .as_ref()
        .expect("the default map has a scale bar");
    let p = bordermap::project::projection(&laid.scene.projection).unwrap();
    let a = geo::Coord {
        x: sb.lon,
        y: sb.lat,
    };
    let b = bordermap::border::destination(a, 90.0, sb.length_m);
    let (ax, ay) = p.forward(a.x, a.y).unwrap();
    let (bx, by) = p.forward(b.x, b.y).unwrap();
    let pa = sc.transform.apply(ax, ay);
    let pb = sc.transform.apply(bx, by);
    let drawn = (pb.0 - pa.0).hypot(pb.1 - pa.1);
    assert!(
        (sb.length_px - drawn).abs() / drawn < 0.01,
        "{} vs {drawn}",
        sb.length_px
    );
    // And the SVG draws it that long, with that label and latitude.
    let svg = default_svg();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let bars: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && class_has(n, "scale-bar"))
        .collect();
    let width: f64 = bars
        .iter()
        .map(|n| n.attribute("width").unwrap().parse::<f64>().unwrap())
        .sum();
    assert!((width - drawn).abs() / drawn < 0.01);
    let label = format!("{} km", sb.length_m / 1000.0);
    assert!(doc.descendants().any(|n| n.text() == Some(label.as_str())));
    let lat = format!("Scale true at {}° N", sb.lat);
    assert!(svg.contains(&lat), "{lat}");
    assert!(sb.length_px > 60.0 && sb.length_px <= 170.0);
}

#[test]
fn north_points_up_at_the_central_meridian() {
    let sc = default_laid().report;
    assert!(sc.north_angle_deg.abs() < 0.5, "{}", sc.north_angle_deg);
}

#[test]
fn no_two_labels_overlap_nor_the_legend_or_frame() {
    let sc = default_laid().report;
    assert!(sc.labels.len() >= 10, "{} labels", sc.labels.len());
    assert_labels_apart(&sc);
    for a in &sc.labels {
        assert!(
            !a.rect.intersects(&sc.inset_rect),
            "{} on the inset",
            a.text
        );
        assert!(sc.frame.contains(&a.rect), "{} leaves the frame", a.text);
    }
    // Every authority stretch is labelled.
    for t in [
        "SDF · 362.2 km",
        "Damascus government · 190.7 km",
        "al-Tanf zone · 46.3 km",
    ] {
        assert!(sc.labels.iter().any(|l| l.text == t), "{t} missing");
    }
}

#[test]
fn accessible_and_prefixed() {
    let svg = default_svg();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    let prefix = root.attribute("id").unwrap();
    assert!(prefix.starts_with("bm") && prefix.len() == 10);
    assert_eq!(root.attribute("role"), Some("img"));
    let labelled = root.attribute("aria-labelledby").unwrap();
    for id in labelled.split(' ') {
        assert!(doc.descendants().any(|n| n.attribute("id") == Some(id)));
    }
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(desc.contains("as of May 12, 2024") && desc.contains("SDF 362.2 km"));
    for n in doc.descendants() {
        if let Some(id) = n.attribute("id") {
            assert!(id.starts_with(prefix), "id {id} without the prefix");
        }
        for a in n.attributes() {
            if let Some(rest) = a.value().strip_prefix("url(#") {
                let id = rest.trim_end_matches(')');
                assert!(doc.descendants().any(|n| n.attribute("id") == Some(id)));
            }
        }
    }
    for g in [
        "countries",
        "rivers",
        "graticule",
        "border",
        "wall",
        "legend",
        "inset",
    ] {
        let id = format!("{prefix}-{g}");
        assert!(
            doc.descendants()
                .any(|n| n.has_tag_name("g") && n.attribute("id") == Some(id.as_str())),
            "{id}"
        );
    }
}

#[test]
fn fragment_has_no_prolog_and_no_fixed_size_and_takes_a_prefix() {
    let (ds, m, mut opts) = default_map();
    opts.fragment = true;
    opts.id_prefix = Some("map1".into());
    let svg = bordermap::render_svg_string(&ds, &m, &opts).unwrap();
    assert!(svg.starts_with("<svg"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert!(root.attribute("width").is_none() && root.attribute("height").is_none());
    assert_eq!(root.attribute("viewBox"), Some("0 0 1200 900"));
    assert_eq!(root.attribute("id"), Some("map1"));
    opts.id_prefix = Some("1\"bad".into());
    assert!(bordermap::render_svg_string(&ds, &m, &opts).is_err());
}

#[test]
fn untrusted_values_stay_text() {
    let evil = "</text><script>alert(1)</script>\" onload=\"x' &amp;";
    let border = serde_json::json!({
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": evil, "authority": evil, "as_of": "2024-01-01", "source": evil},
             "geometry": {"type": "LineString", "coordinates": [[40.0, 35.0], [40.5, 35.5]]}},
            {"type": "Feature", "properties": {"name": evil, "authority": "B", "as_of": "2024-01-01", "source": "S"},
             "geometry": {"type": "LineString", "coordinates": [[40.5, 35.5], [41.0, 35.6]]}}
        ]
    });
    let (_dir, path) = temp_file("b.geojson", &border.to_string());
    let ds = dataset(Some(arg(&path)));
    let m = ds.measure(None).unwrap();
    let svg = bordermap::render_svg_string(&ds, &m, &RenderOptions::default()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    assert!(!svg.contains("<script"));
    assert!(
        doc.descendants()
            .filter_map(|n| n.attribute("onload"))
            .next()
            .is_none()
    );
    assert!(
        doc.descendants()
            .any(|n| n.attribute("data-authority") == Some(evil))
    );
    assert!(svg.contains("&lt;/text&gt;&lt;script&gt;"));
}

#[test]
fn a_border_without_layers_is_one_class_still_measured_and_labelled() {
    let (_dir, path) = temp_file(
        "b.geojson",
        r#"{"type":"Feature","properties":{"name":"Test border"},"geometry":{"type":"LineString","coordinates":[[10,50],[10.5,50.4],[11,50.5]]}}"#,
    );
    let ds = Dataset::load(&LoadOptions {
        border: Some(path.to_string_lossy().into_owned()),
        tag_keys: vec!["none".into()],
        ..LoadOptions::default()
    })
    .unwrap();
    let m = ds.measure(None).unwrap();
    let sc = bordermap::map::laid(&ds, &m, &RenderOptions::default())
        .unwrap()
        .report;
    assert_eq!(sc.legend.len(), 1);
    assert!((sc.legend[0].length_m - m.total_m).abs() < 1e-6);
    assert!(sc.labels.iter().any(|l| {
        l.text
            .ends_with(&format!("{} km", bordermap::report::km1(m.total_m)))
    }));
}

#[test]
fn themes_and_crs() {
    let (ds, m, mut opts) = default_map();
    opts.style = bordermap::style::Style::theme(bordermap::style::Theme::Print);
    let svg = bordermap::render_svg_string(&ds, &m, &opts).unwrap();
    assert!(!svg.contains("#E69F00"), "print is greyscale");
    opts.crs = Some("EPSG:32637".into());
    let svg2 = bordermap::render_svg_string(&ds, &m, &opts).unwrap();
    assert!(svg2.contains("+zone=37"));
    opts.crs = Some("EPSG:0".into());
    assert!(bordermap::render_svg_string(&ds, &m, &opts).is_err());
}

#[test]
fn png_matches_the_reference_image() {
    use resvg::tiny_skia::Pixmap;
    let svg = default_svg();
    let png = bordermap::render::png::svg_to_png(
        svg.as_bytes(),
        1.0,
        bordermap::limits::MEMORY_BUDGET_BYTES,
    )
    .unwrap();
    let reference = repo("tests/data/reference-default.png");
    if std::env::var_os("BORDERMAP_BLESS").is_some() || !reference.exists() {
        std::fs::write(&reference, &png).unwrap();
        if std::env::var_os("BORDERMAP_BLESS").is_none() {
            panic!(
                "no reference image: wrote {}; check it and commit it",
                reference.display()
            );
        }
        return;
    }
    let got = Pixmap::decode_png(&png).unwrap();
    let want = Pixmap::decode_png(&std::fs::read(&reference).unwrap()).unwrap();
    assert_eq!((got.width(), got.height()), (want.width(), want.height()));
    let mut diff = Pixmap::new(got.width(), got.height()).unwrap();
    let mut bad = 0usize;
    for (i, (a, b)) in got.pixels().iter().zip(want.pixels()).enumerate() {
        let d = [
            a.red().abs_diff(b.red()),
            a.green().abs_diff(b.green()),
            a.blue().abs_diff(b.blue()),
            a.alpha().abs_diff(b.alpha()),
        ];
        if d.iter().any(|x| *x > 24) {
            bad += 1;
            diff.pixels_mut()[i] =
                resvg::tiny_skia::PremultipliedColorU8::from_rgba(255, 0, 0, 255).unwrap();
        }
    }
    let share = bad as f64 / got.pixels().len() as f64;
    if share > 0.002 {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("render-diff.png");
        diff.save_png(&out).unwrap();
        panic!(
            "{bad} pixels ({:.3} %) differ from {}; diff image: {}; BORDERMAP_BLESS=1 re-blesses",
            share * 100.0,
            reference.display(),
            out.display()
        );
    }
}

#[test]
fn cli_renders_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("m.svg");
    bordermap(dir.path())
        .args(["render", "-o"])
        .arg(&svg)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&svg).unwrap(), default_svg());
    let png = dir.path().join("m.png");
    bordermap(dir.path())
        .args(["render", "--scale", "0.5", "-o"])
        .arg(&png)
        .assert()
        .success();
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    bordermap(dir.path())
        .args(["render", "--style", "/nonexistent.toml", "-o"])
        .arg(&svg)
        .assert()
        .code(2);
}

/// `--no-embed-fonts` / `--embed-fonts`: a standalone SVG embeds the fonts it uses by default,
/// a fragment does not; each flag overrides the default, and the last of the two given wins.
#[test]
fn embed_fonts_flags() {
    let cases: [(&[&str], bool); 6] = [
        (&[], true),
        (&["--no-embed-fonts"], false),
        (&["--fragment"], false),
        (&["--fragment", "--embed-fonts"], true),
        (&["--embed-fonts", "--no-embed-fonts"], false),
        (&["--no-embed-fonts", "--embed-fonts"], true),
    ];
    for (flags, embeds) in cases {
        let mut args = vec!["render", "-o", "-"];
        args.extend_from_slice(flags);
        let (code, svg, err) = super::cmd::run(&args);
        assert_eq!(code, 0, "{flags:?}: {err}");
        assert_eq!(svg.contains("@font-face"), embeds, "{flags:?}");
        if embeds {
            // Base64 data: URLs of TrueType subsets, one per face the English map uses.
            assert_eq!(
                svg.matches("src:url(data:font/ttf;base64,").count(),
                2,
                "{flags:?}"
            );
            let doc = roxmltree::Document::parse(&svg).unwrap();
            assert_eq!(
                doc.descendants()
                    .filter(|n| n.has_tag_name("style"))
                    .count(),
                1
            );
        }
    }
}

/// `--text-as-paths`: no `<text>` and no fonts in the file, every text an outline group with
/// an `aria-label`, and it rasterises like the map with text.
#[test]
fn text_as_paths_draws_outlines_that_look_like_the_text() {
    use resvg::tiny_skia::Pixmap;
    let (ds, m, mut opts) = default_map();
    opts.text_as_paths = true;
    let svg = bordermap::render_svg_string(&ds, &m, &opts).unwrap();
    assert_eq!(svg, bordermap::render_svg_string(&ds, &m, &opts).unwrap());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(!doc.descendants().any(|n| n.has_tag_name("text")));
    assert!(!svg.contains("@font-face"));
    let labels: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("aria-label"))
        .collect();
    assert!(
        labels.contains(&"Who holds the Iraq–Syria border"),
        "{labels:?}"
    );
    let segment = doc
        .descendants()
        .find(|n| class_has(n, "segment-label"))
        .expect("a segment label");
    assert!(class_has(&segment, "text-outline"));
    assert!(segment.attribute("aria-label").unwrap().contains(" km"));
    // Halo under the fill, both with outline data.
    let kids: Vec<_> = segment.children().filter(|c| c.is_element()).collect();
    assert_eq!(kids.len(), 2);
    assert_eq!(kids[0].attribute("fill"), Some("none"));
    assert!(kids[0].attribute("stroke").is_some());
    assert!(kids[1].attribute("d").unwrap().len() > 100);
    // Title and description stay.
    let root = doc.root_element();
    assert_eq!(
        root.first_element_child().map(|t| t.tag_name().name()),
        Some("title")
    );
    let png = |s: &str| {
        Pixmap::decode_png(
            &bordermap::render::png::svg_to_png(
                s.as_bytes(),
                1.0,
                bordermap::limits::MEMORY_BUDGET_BYTES,
            )
            .unwrap(),
        )
        .unwrap()
    };
    let (a, b) = (png(&svg), png(&default_svg()));
    assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    let differ = super::blur3(&a)
        .iter()
        .zip(super::blur3(&b))
        .filter(|(p, q)| (0..3).any(|i| (p[i] - q[i]).abs() > 40.0))
        .count();
    let share = differ as f64 / a.pixels().len() as f64;
    eprintln!(
        "text as paths: {} bytes (with text: {}); {differ} px ({:.4} %) differ",
        svg.len(),
        default_svg().len(),
        share * 100.0
    );
    assert!(
        share < 0.01,
        "{differ} pixels ({:.3} %) differ",
        share * 100.0
    );
}
