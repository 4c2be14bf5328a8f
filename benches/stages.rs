//! Benchmarks of the stages (criterion): load, overlay + measure, report. Run with
//! `cargo bench --bench stages`; regressions show as changes against the saved baseline.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::path::Path;

use bordermap::{Dataset, LoadOptions, load, report};
use criterion::{Criterion, criterion_group, criterion_main};

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
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = stages
}
criterion_main!(benches);
