//! Documented limits on input size, so that a hostile file cannot exhaust memory. Each is
//! checked before the work it bounds, and a file over a limit fails with exit code 2 and a
//! message naming the file, the count and the limit.

/// Largest input file, bytes (256 MiB). Checked from the file's metadata before it is read
/// (and on the bytes read, for stdin).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Most features in one GeoJSON file. Checked before any feature is parsed.
pub const MAX_FEATURES: usize = 1_000_000;
/// Most positions in one GeoJSON file. Counted by a scan of the text before parsing (every
/// array that starts with a number counts, so `bbox` arrays count too), so a file over the
/// limit costs no more memory than its bytes.
pub const MAX_VERTICES: usize = 20_000_000;
