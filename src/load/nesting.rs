//! A scan of a Fluent (`.ftl`) text's braces before it is parsed, so that placeables nested
//! past [`crate::limits::MAX_FTL_NESTING`] are refused instead of overflowing the parser's stack,
//! and of its `\\u` escapes, which the parser (fluent-syntax 0.12) slices by bytes.

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

/// Refuses `text` when a `\\u` or `\\U` escape is followed, within its 4 or 6 digits, by a
/// character that is not ASCII: fluent-syntax 0.12 slices those bytes and panics inside a
/// multi-byte character (found by the `locale_ftl` fuzz target). Such an escape is never valid
/// (its digits are hex), so nothing a translator writes is lost; names `path`, line and column.
pub fn check_ftl_escapes(text: &str, path: &Path) -> Result<()> {
    let bytes = text.as_bytes();
    for (at, pair) in bytes.windows(2).enumerate() {
        let (digits, kind) = match pair {
            [b'\\', b'u'] => (4, 'u'),
            [b'\\', b'U'] => (6, 'U'),
            _ => continue,
        };
        let from = at + 2;
        let to = (from + digits).min(bytes.len());
        if bytes.get(from..to).is_some_and(|d| !d.is_ascii()) {
            let (line, column) = crate::load::layers::line_col(text, at);
            return Err(Error::input(format!(
                "a \\{kind} escape is followed by a character that is not a hex digit"
            ))
            .in_file(path)
            .at_line(line, column)
            .hint("write \\u and 4 hex digits (\\U and 6), e.g. \\u00B0 for °, or the character itself"));
        }
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

    #[test]
    fn an_escape_running_into_a_non_ascii_character_is_refused_where_it_is() {
        let p = Path::new("x.ftl");
        assert!(check_ftl_escapes("deg = {\"\\u00B0\"} and \\U01F600\n", p).is_ok());
        let e = check_ftl_escapes("a = b\nk = {\"\\u°d\"}\n", p)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("x.ftl:2:7:"), "{e}");
        assert!(e.contains("\\u escape"), "{e}");
    }
}
