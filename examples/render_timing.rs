//! Times the default map as a library user draws it: load the embedded dataset, measure it,
//! lay it out and write the SVG, the same calls as Python's `bordermap.load().render()`
//! (`python/bench/render_speed.py` compares the two). Prints one JSON line: the calls' median
//! and every time, seconds.
//!
//! Run: `cargo run --release --example render_timing -- 20` (the number of calls; default 20)
#![allow(clippy::print_stdout, reason = "an example says what it measured")]

use std::time::Instant;

use bordermap::map::Format;
use bordermap::story::Story;
use bordermap::{Dataset, Error};

fn main() -> Result<(), Error> {
    let calls: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let mut times = Vec::with_capacity(calls);
    let mut bytes = 0;
    for _ in 0..calls {
        let t = Instant::now();
        let story = Story::default();
        let ds = Dataset::load(&story.load_options()?)?;
        let m = ds.measure(None)?;
        let opts = story.render_options(&ds, None, None)?;
        bytes = bordermap::map::render(&ds, &m, &opts, Format::Svg)?
            .bytes
            .len();
        times.push(t.elapsed().as_secs_f64());
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN);
    let list: Vec<String> = times.iter().map(|t| format!("{t:.6}")).collect();
    println!(
        "{{\"calls\": {calls}, \"median_s\": {median:.6}, \"svg_bytes\": {bytes}, \"times_s\": [{}]}}",
        list.join(", ")
    );
    Ok(())
}
