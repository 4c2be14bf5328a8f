//! Integration tests of bordermap: the library against independent GeographicLib figures, the
//! overlay's properties, `check` expressions and the `bordermap` command (one test binary).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests fail loudly"
)]

mod it;
