//! The memory budget a run may use: `BORDERMAP_MEMORY_BUDGET` (bytes, or with a `K`, `M` or
//! `G` suffix, binary: 1 G = 2^30 bytes), by default [`bordermap::limits::MEMORY_BUDGET_BYTES`].

use bordermap::{Error, Result};

/// The environment variable that sets the memory budget.
pub const VAR: &str = "BORDERMAP_MEMORY_BUDGET";

/// The budget, bytes: the environment's, or the default when it is unset.
pub fn memory_budget() -> Result<u64> {
    match std::env::var(VAR) {
        Err(std::env::VarError::NotPresent) => Ok(bordermap::limits::MEMORY_BUDGET_BYTES),
        Ok(v) => parse(&v).ok_or_else(|| bad(&v)),
        Err(std::env::VarError::NotUnicode(v)) => Err(bad(&v.to_string_lossy())),
    }
}

fn bad(v: &str) -> Error {
    Error::input(format!("{VAR}={v:?} is not a number of bytes")).hint(format!(
        "give {VAR} as bytes, e.g. 2147483648 or 2G (K, M, G: binary)"
    ))
}

fn parse(v: &str) -> Option<u64> {
    let v = v.trim();
    let (num, unit) = match v.char_indices().last()? {
        (i, 'K' | 'k') => (v.get(..i)?, 1u64 << 10),
        (i, 'M' | 'm') => (v.get(..i)?, 1 << 20),
        (i, 'G' | 'g') => (v.get(..i)?, 1 << 30),
        _ => (v, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()?
        .checked_mul(unit)
        .filter(|&b| b > 0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_parse_in_binary_units() {
        assert_eq!(super::parse("2G"), Some(2 << 30));
        assert_eq!(super::parse("512m"), Some(512 << 20));
        assert_eq!(super::parse("1000"), Some(1000));
        assert_eq!(super::parse("0"), None);
        assert_eq!(super::parse("lots"), None);
        assert_eq!(super::parse("99999999999G"), None);
    }
}
