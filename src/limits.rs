//! Documented limits on input size, so that a hostile file cannot exhaust memory.

/// Largest input file, bytes (256 MiB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Most features in one GeoJSON file.
pub const MAX_FEATURES: usize = 1_000_000;
/// Most positions in one GeoJSON file.
pub const MAX_VERTICES: usize = 20_000_000;
