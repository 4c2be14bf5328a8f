//! A scan of a Fluent (`.ftl`) text's braces before it is parsed, so that placeables nested
//! past [`crate::limits::MAX_FTL_NESTING`] are refused instead of overflowing the parser's stack.

use std::path::Path;

use crate::error::{Error, Result};
use crate::limits::MAX_FTL_NESTING;

/// Refuses `text` when its placeables (`{ … }`) nest deeper than
/// [`MAX_FTL_NESTING`], naming `path` and the line where the limit is passed. Braces in
/// comment lines and in string literals (`{"{"}`) do not count.
pub fn check_ftl_nesting(text: &str, path: &Path) -> Result<()> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, line) in text.lines().enumerate() {
        if depth == 0 && line.starts_with('#') {
            continue;
        }
        for c in line.chars() {
            if in_string {
                match (escaped, c) {
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => escaped = false,
                }
                continue;
            }
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                '"' if depth > 0 => in_string = true,
                _ => {}
            }
            if depth > MAX_FTL_NESTING {
                return Err(Error::limit(
                    format!("placeables nest more than {MAX_FTL_NESTING} deep"),
                    "flatten the nested { } placeables",
                )
                .in_file(path)
                .at_line(i + 1, 1));
            }
        }
        // A string literal ends on its line (Fluent has no multi-line string literals).
        in_string = false;
        escaped = false;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_outside_strings_and_comments() {
        let p = Path::new("x.ftl");
        let deep = |n: usize| format!("k = {}x{}\n", "{ ".repeat(n), " }".repeat(n));
        assert!(check_ftl_nesting(&deep(MAX_FTL_NESTING), p).is_ok());
        let e = check_ftl_nesting(&format!("a = b\n{}", deep(MAX_FTL_NESTING + 1)), p)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("x.ftl:2:1:"), "{e}");
        assert!(e.contains("more than 100 deep"), "{e}");
        let braces = "{".repeat(MAX_FTL_NESTING + 1);
        assert!(check_ftl_nesting(&format!("# {braces}\nk = {{\"{braces}\"}}\n"), p).is_ok());
    }
}
