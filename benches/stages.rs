//! Benchmarks of the stages (criterion): load, overlay + measure, report, and for maps project,
//! layout and write — for the default map and for a world-sized context (synthetic, generated
//! here: ~255 polygons / ~540 k vertices, and ~390 lines / ~68 k vertices, so the benches need
//! nothing outside the repository). Run with `cargo bench --bench stages`; regressions show as
//! changes against the saved baseline.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use bordermap::map::{Extent, RenderOptions, scene};
use bordermap::render::svg::{self, SvgOptions};
use bordermap::{Dataset, LoadOptions, draw, lengths, load, project, report};
use criterion::{Criterion, criterion_group, criterion_main};

/// A FeatureCollection of `n` wiggly polygons of `per` vertices on a world grid (areas) or of
/// open lines (lines), deterministic.
fn synthetic(n: usize, per: usize, polygons: bool) -> String {
    let cols = 20;
    let mut s = String::from("{\"type\":\"FeatureCollection\",\"features\":[");
    for i in 0..n {
        let dy = 150.0 / n.div_ceil(cols) as f64;
        let (cx, cy) = (
            -171.0 + 18.0 * (i % cols) as f64,
            -75.0 + dy * ((i / cols) as f64 + 0.5),
        );
        if i > 0 {
            s.push(',');
        }
        let kind = if polygons { "Polygon" } else { "LineString" };
        write!(s, "{{\"type\":\"Feature\",\"properties\":{{\"name\":\"F{i}\"}},\"geometry\":{{\"type\":\"{kind}\",\"coordinates\":").unwrap();
        s.push_str(if polygons { "[[" } else { "[" });
        for k in 0..per {
            let t = k as f64 / (per - 1) as f64;
            let (x, y) = if polygons {
                let a = t * std::f64::consts::TAU;
                let r = 1.0 + 0.08 * (a * 37.0).sin() + 0.03 * (a * 211.0).cos();
                (cx + 8.0 * r * a.cos(), cy + 5.0 * r * a.sin())
            } else {
                (cx - 8.0 + 16.0 * t, cy + 0.5 * (t * 97.0).sin())
            };
            if k > 0 {
                s.push(',');
            }
            write!(s, "[{x:.12},{y:.12}]").unwrap();
        }
        s.push_str(if polygons { "]]}}" } else { "]}}" });
    }
    s.push_str("]}");
    s
}

fn map_stages(c: &mut Criterion, name: &str, ds: &Dataset, opts: &RenderOptions) {
    let m = ds.measure(None).unwrap();
    let def = opts
        .crs
        .clone()
        .unwrap_or_else(|| project::fitted_definition(&ds.border.border.vertices()));
    let proj = project::projection(&def).unwrap();
    c.bench_function(&format!("project {name}"), |b| {
        b.iter(|| draw::project_context(black_box(&opts.context), proj.as_ref()).unwrap())
    });
    c.bench_function(&format!("layout {name} (project + lay out)"), |b| {
        b.iter(|| scene(ds, &m, black_box(opts)).unwrap())
    });
    let sc = scene(ds, &m, opts).unwrap();
    c.bench_function(&format!("write {name}"), |b| {
        b.iter(|| {
            let mut out = Vec::new();
            svg::write(black_box(&sc), SvgOptions::default(), &mut out).unwrap();
            out
        })
    });
}

fn stages(c: &mut Criterion) {
    let opts = LoadOptions::default();
    c.bench_function("load default dataset", |b| {
        b.iter(|| Dataset::load(black_box(&opts)).unwrap())
    });
    let ds = Dataset::load(&opts).unwrap();
    c.bench_function("overlay + measure default", |b| {
        b.iter(|| ds.measure(black_box(None)).unwrap())
    });
    let m = ds.measure(None).unwrap();
    c.bench_function("report json default", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            report::write_json(black_box(&m), &mut out).unwrap();
            out
        })
    });
    let border = &ds.border.border;
    c.bench_function("snap a place", |b| {
        b.iter(|| border.snap(black_box(geo::Coord { x: 40.92, y: 34.45 })))
    });
    let countries = Path::new("tests/data/countries-10m.json");
    c.bench_function("load countries-10m topojson", |b| {
        b.iter(|| load::countries(black_box(countries)).unwrap())
    });

    // Maps: the default map, then world-sized contexts under the default border.
    let default_opts = RenderOptions::for_dataset(&ds).unwrap();
    map_stages(c, "default map", &ds, &default_opts);

    let dir = tempfile::tempdir().unwrap();
    for (name, n, per, polygons) in [
        ("world lines (68k vertices)", 386, 177, false),
        ("world areas (540k vertices)", 255, 2120, true),
    ] {
        let path = dir
            .path()
            .join(format!("{}.geojson", name.split(' ').nth(1).unwrap()));
        std::fs::write(&path, synthetic(n, per, polygons)).unwrap();
        c.bench_function(&format!("load context {name}"), |b| {
            b.iter(|| load::context::context(black_box(&path)).unwrap())
        });
        if !polygons {
            let file = load::geojson_file(&path).unwrap();
            c.bench_function(&format!("measure per feature {name}"), |b| {
                b.iter(|| lengths::feature_lengths(black_box(&file)))
            });
        }
        let opts = RenderOptions {
            context: load::context::context(&path).unwrap(),
            crs: Some("+proj=robin +datum=WGS84".into()),
            extent: Extent::Context,
            ..RenderOptions::default()
        };
        map_stages(c, name, &ds, &opts);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = stages
}
criterion_main!(benches);
