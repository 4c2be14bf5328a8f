//! The text gate: characters a map cannot carry. XML 1.0 forbids U+0000–U+001F (but tab, line
//! feed and carriage return), U+FFFE and U+FFFF in any form, escaped or not, so an SVG holding
//! one is not a well-formed file. Texts are checked where they enter (the editor's words and
//! annotations, the layers file, places), each error naming its input; [`check_svg`] is the
//! last net, over the finished document, so no input path can write a broken map.

use crate::error::{Error, Result, one_line};

/// Whether `c` may not appear in an SVG (or any XML 1.0) document.
pub fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// The first character of `text` a map cannot carry.
pub fn first_forbidden(text: &str) -> Option<char> {
    text.chars().find(|c| forbidden(*c))
}

/// `Ok` when `text` holds no forbidden character; else an error saying that `what` (e.g. "the
/// title", "the source of the interval") holds it, quoting the text.
pub fn check(text: &str, what: &str) -> Result<()> {
    match first_forbidden(text) {
        None => Ok(()),
        Some(c) => Err(Error::input(format!(
            "{what} holds the control character U+{:04X}, which a map cannot show: \"{}\"",
            u32::from(c),
            one_line(text)
        ))
        .hint("remove the character (a text on a map holds no control characters but tab and newline)")),
    }
}

/// Whether `c` opens or closes a direction embedding, override or isolate (U+202A–U+202E,
/// U+2066–U+2069), which can reverse the text after it.
pub fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` as an isolate (U+2068 … U+2069) when it holds a direction control, so that an
/// unclosed override in one source cannot reverse the next (Unicode's bidi algorithm closes
/// every embedding at the isolate's end); other texts unchanged.
pub fn isolated(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(bidi_control) {
        std::borrow::Cow::Owned(format!("\u{2068}{text}\u{2069}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Checks every text of a finished SVG document: an error quoting the text that holds a
/// forbidden character.
pub fn check_svg(svg: &str) -> Result<()> {
    let Some(at) = svg.find(forbidden) else {
        return Ok(());
    };
    let start = svg
        .get(..at)
        .and_then(|s| s.rfind(['>', '"']))
        .map_or(0, |i| i + 1);
    let end = svg
        .get(at..)
        .and_then(|s| s.find(['<', '"']))
        .map_or(svg.len(), |i| at + i);
    check(svg.get(start..end).unwrap_or_default(), "a text of the map")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_forbidden_characters_are_caught_and_others_pass() {
        for c in ['\u{1}', '\u{1b}', '\u{0}', '\u{fffe}', '\u{ffff}', '\u{b}'] {
            assert!(forbidden(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', 'a', 'ع', '\u{202e}', '\u{7f}'] {
            assert!(!forbidden(c), "{c:?}");
        }
        let e = check("Bad\u{1}title", "the title").unwrap_err();
        assert_eq!(
            e.message,
            "the title holds the control character U+0001, which a map cannot show: \"Bad\\u{1}title\""
        );
        let e = check_svg("<svg><text>ok</text><text>x\u{1b}y</text></svg>").unwrap_err();
        assert!(e.message.contains("\"x\\u{1b}y\""), "{}", e.message);
        assert!(check_svg("<svg><text>fine</text></svg>").is_ok());
        assert_eq!(isolated("plain"), "plain");
        assert_eq!(isolated("a\u{202e}b"), "\u{2068}a\u{202e}b\u{2069}");
    }
}
