//! Documented limits on input size, so that a hostile file cannot exhaust memory. Each is
//! checked before the work it bounds, and a file over a limit fails with exit code 2 and a
//! message naming the file, the count and the limit.

/// Largest input file, bytes (256 MiB). Checked from the file's metadata before it is read
/// (and on the bytes read, for stdin).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Default memory budget, bytes (2 GiB): what a command may allocate for work whose cost is
/// known before it starts (a PNG's pixels). Front ends may set another budget
/// ([`crate::RenderOptions::memory_budget`]).
pub const MEMORY_BUDGET_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// Bytes per PNG pixel counted against the budget: 4 (RGBA) for each of the canvas, one
/// layer resvg draws a group into, and the encoded image (at most about its raw size).
pub const PNG_BYTES_PER_PIXEL: u64 = 12;
/// Deepest nesting of placeables (`{ { … } }`) in a Fluent locale file. Counted by a scan of
/// the braces before the file is parsed (a parser recurses once per level).
pub const MAX_FTL_NESTING: usize = 100;
/// Longest single string in a TOML input (layers, story, style file), bytes (64 KiB): a
/// title, a source, a note. Counted by a scan of the text before it is parsed.
pub const MAX_STRING_BYTES: usize = 64 * 1024;
/// Most features in one GeoJSON file. Checked before any feature is parsed.
pub const MAX_FEATURES: usize = 1_000_000;
/// Most positions in one GeoJSON file. Counted by a scan of the text before parsing (every
/// array that starts with a number counts, so `bbox` arrays count too), so a file over the
/// limit costs no more memory than its bytes.
pub const MAX_VERTICES: usize = 20_000_000;
