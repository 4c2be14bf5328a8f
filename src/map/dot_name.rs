//! A map output named only by an extension (`.png`, `.svg`, `.pdf`, any case): the format
//! the name says, as a user who typed `-o .png` expects (`Path::extension` sees none there).

use super::Format;

/// The format a file name that is only an extension names (`.png` → PNG); `None` for any
/// other name (then the name's extension, or SVG without one, decides).
pub(super) fn only_extension(path: &std::path::Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    match name.as_str() {
        ".svg" => Some(Format::Svg),
        ".png" => Some(Format::Png),
        ".pdf" => Some(Format::Pdf),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_name_that_is_only_an_extension_names_its_format() {
        assert_eq!(Format::for_path(Path::new(".png")).ok(), Some(Format::Png));
        assert_eq!(
            Format::for_path(Path::new("out/.PDF")).ok(),
            Some(Format::Pdf)
        );
        assert_eq!(Format::for_path(Path::new(".svg")).ok(), Some(Format::Svg));
        // A dot file of another name is still SVG, as before.
        assert_eq!(Format::for_path(Path::new(".map")).ok(), Some(Format::Svg));
    }
}
