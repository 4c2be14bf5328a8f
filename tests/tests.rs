//! Integration tests of bordermap, in one test binary (modules in `tests/it/`; the browser
//! tests are their own binary, `tests/browser.rs`):
//!
//! - the library: the border against independent GeographicLib figures (`reference`), the
//!   default dataset's segments (`segments`), joining a border's parts (`join`), property tests
//!   of the overlay (`overlay_props`), `check` expressions (`check`), a shared border extracted
//!   from TopoJSON (`extract`);
//! - the `bordermap` command: every command's output and exit codes (`cli`), the bad-input
//!   corpus and atomic writes of `-o` (`corpus`), byte-identical outputs (`determinism`),
//!   `atlas` (`atlas`);
//! - the map: the SVG snapshot, its structure, labels, scale bar and the reference PNG
//!   (`render`), names by language and right-to-left labels, `--dpi`/`--scale` (`lang`), the
//!   SVG's figures against `measure`'s JSON, CSV and GeoJSON (`outputs`), generic GeoJSON
//!   context, the antimeridian, `--simplify` and per-feature lengths (`scale`);
//! - with `--features proj` only: PROJ and proj4rs agree within 1 mm (`projection`).
//!
//! Shared helpers are in `it/mod.rs`; the one runner of the `bordermap` command is `it/cmd.rs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::print_stderr,
    reason = "tests fail loudly; a check that cannot run here says so on stderr"
)]

mod it;
