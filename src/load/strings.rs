//! A scan of a TOML text's strings before it is parsed, so that one string over
//! [`crate::limits::MAX_STRING_BYTES`] is refused with its size instead of being carried
//! (and multiplied) through layout.

use std::path::Path;

use crate::error::{Error, Result};
use crate::limits::MAX_STRING_BYTES;

/// Refuses `text` (TOML) when one of its strings (basic, literal or multi-line, keys too)
/// holds more than [`MAX_STRING_BYTES`] bytes, naming `path`, the line where the string starts
/// and its size. Comments do not count. Sizes are of the source text (escapes as written).
pub fn check_toml_strings(text: &str, path: &Path) -> Result<()> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut line = 1;
    while let Some(&c) = b.get(i) {
        match c {
            b'\n' => line += 1,
            b'#' => {
                while b.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                let triple = b.get(i..i + 3).is_some_and(|s| s.iter().all(|&x| x == c));
                let open = if triple { 3 } else { 1 };
                let start = i + open;
                let (len, lines, next) = string_end(b, start, c, triple);
                if len > MAX_STRING_BYTES {
                    return Err(Error::limit(
                        format!(
                            "a string of {len} bytes, more than the limit of {MAX_STRING_BYTES} bytes (64 KiB)"
                        ),
                        "shorten the text; long sources belong in a file the layers file names",
                    )
                    .in_file(path)
                    .at_line(line, 1));
                }
                line += lines;
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// From `start` (just after the opening quote or quotes `q`), the string's length in bytes,
/// the newlines it holds and the index after its closing quote(s) (or the text's end).
fn string_end(b: &[u8], start: usize, q: u8, triple: bool) -> (usize, usize, usize) {
    let mut i = start;
    let mut lines = 0;
    while let Some(&c) = b.get(i) {
        if c == b'\\' && q == b'"' {
            i += 2;
            continue;
        }
        if c == b'\n' {
            if !triple {
                break;
            }
            lines += 1;
        }
        if c == q {
            if !triple {
                return (i - start, lines, i + 1);
            }
            if b.get(i..i + 3).is_some_and(|s| s.iter().all(|&x| x == q)) {
                return (i - start, lines, i + 3);
            }
        }
        i += 1;
    }
    (i.min(b.len()) - start.min(b.len()), lines, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_strings_of_every_kind_are_refused_on_their_line() {
        let p = Path::new("l.toml");
        let long = "x".repeat(MAX_STRING_BYTES + 1);
        let ok = "y".repeat(MAX_STRING_BYTES);
        for s in [
            format!("a = 1\n\nt = \"{long}\"\n"),
            format!("a = 1\n\nt = '{long}'\n"),
            format!("a = 1\n\nt = \"\"\"{long}\"\"\"\n"),
            format!("a = 1\n\nt = '''{long}'''\n"),
        ] {
            let e = check_toml_strings(&s, p)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(e.contains("l.toml:3:1:"), "{e}");
            assert!(
                e.contains(&format!("a string of {} bytes", MAX_STRING_BYTES + 1)),
                "{e}"
            );
        }
        let fine = format!("# {long}\na = \"{ok}\" # \"\nc = \"q\\\" # '\"\n");
        assert!(check_toml_strings(&fine, p).is_ok());
        // The line count goes on after a multi-line string.
        let after = format!("a = \"\"\"\n\n\"\"\"\nb = \"{long}\"\n");
        let e = check_toml_strings(&after, p)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("l.toml:4:1:"), "{e}");
    }
}
