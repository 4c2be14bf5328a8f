//! The command's words for the library's [`Detail`]s: the same hints as the library's, with
//! this command's flag names (the library's own hints name no flag).

use bordermap::Error;
use bordermap::error::{Detail, Grow, Setting};

/// `e` with its hint worded for the command line, when its [`Detail`] has a CLI wording.
pub fn for_cli(mut e: Error) -> Error {
    if let Some(hint) = e.detail.as_ref().and_then(hint) {
        e.hint = hint;
    }
    e
}

/// The CLI's hint for `d` (flags named as `bordermap --help` names them); `None` keeps the
/// library's hint.
pub fn hint(d: &Detail) -> Option<String> {
    Some(match d {
        Detail::PageOutOfRange {
            min_width,
            min_height,
            max,
            ..
        } => {
            if min_width == min_height {
                format!("give --width and --height between {min_width} and {max} px")
            } else {
                format!(
                    "give --width between {min_width} and {max} px and --height between {min_height} and {max} px"
                )
            }
        }
        Detail::PageTooSmall {
            grow, min_height, ..
        } => match (min_height, grow) {
            (Some(n), _) => {
                format!("make the page taller: {n} px holds it at this width (--height {n})")
            }
            (None, Grow::Both) => {
                "make the page wider and taller (--width, --height, or --size)".to_string()
            }
            (None, Grow::Height) => "make the page taller (--height)".to_string(),
            (None, Grow::Width) => "give a wider page (--width)".to_string(),
        },
        Detail::OutOfRange {
            setting: Setting::Scale,
            min,
            max,
        } => format!("give --scale between {min} and {max}"),
        Detail::OutOfRange {
            setting: Setting::Dpi,
            min,
            max,
        } => format!("give --dpi between {min} and {max} (96 dpi = --scale 1)"),
        Detail::OutOfRange {
            setting: Setting::Simplify,
            ..
        } => "give a distance in page px, e.g. --simplify 0.5".to_string(),
        Detail::Missing {
            setting: Setting::Layers,
        } => "give a layers file (--layers) with dated intervals".to_string(),
        Detail::Missing {
            setting: Setting::Places,
        } => {
            "no places file is loaded: name one with [dataset] places = \"places.geojson\" or --places"
                .to_string()
        }
        Detail::Conflict {
            a: Setting::Border,
            b: Setting::Between,
        } => "give either a border file or --between A,B".to_string(),
        Detail::DatesOutOfOrder => {
            "give the earlier date as --from and the later one as --to".to_string()
        }
        Detail::DateTooEarly { earliest } => format!("give --from {earliest} or later"),
        Detail::UnknownFormat => {
            "name the output .svg, .png or .pdf, or give -f svg|png|pdf".to_string()
        }
        Detail::Unsuitable {
            setting: Setting::Crs,
        } => "choose a CRS that covers the border (--crs)".to_string(),
        Detail::Unsuitable {
            setting: Setting::Tolerance,
        } => "the polygons must share vertices; try a larger --tolerance or a TopoJSON file"
            .to_string(),
        Detail::OutOfRange {
            setting: Setting::Bbox,
            ..
        }
        | Detail::Unsuitable {
            setting: Setting::Bbox,
        } => "give --bbox W,S,E,N in degrees with W < E and S < N, e.g. --bbox 40.5,33.8,42.5,35.2"
            .to_string(),
        Detail::OutOfRange {
            setting: Setting::Center,
            ..
        } => "give --center LON,LAT with longitude -180 to 180 and latitude -85 to 85".to_string(),
        Detail::OutOfRange {
            setting: Setting::Zoom,
            ..
        } => "give --zoom-km more than 0, at most 20000, e.g. --zoom-km 60".to_string(),
        Detail::Conflict {
            a: Setting::Bbox,
            b: Setting::Center,
        } => "give either --bbox or --center with --zoom-km".to_string(),
        Detail::Missing {
            setting: Setting::Zoom,
        } => "give --zoom-km KM with --center".to_string(),
        Detail::Missing {
            setting: Setting::Center,
        } => "give --center LON,LAT with --zoom-km".to_string(),
        Detail::Missing {
            setting: Setting::Inset,
        } => "give a context file with countries (--context FILE), or --inset auto".to_string(),
        Detail::Unsuitable {
            setting: Setting::Inset,
        } => "leave the inset to the layout (--inset auto) or make the page larger (--width, --height)"
            .to_string(),
        Detail::PngTooLarge => {
            format!("lower --scale or the page size, or raise {}", crate::budget::VAR)
        }
        Detail::PdfPageOutOfRange { max_pt } => {
            format!("PDF pages are 1 to {max_pt} pt a side (19,200 px): lower --width/--height")
        }
        Detail::UnknownLanguage { shipped } => format!(
            "shipped: {}; for another language give --locale-file FILE.ftl (a translation of assets/locales/en.ftl)",
            shipped.join(", ")
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_words_page_sizes_with_its_flags() {
        let page = |min_height| Detail::PageOutOfRange {
            width: 300.0,
            height: 900.0,
            min_width: 320.0,
            min_height,
            max: 20_000.0,
        };
        assert_eq!(
            hint(&page(320.0)).unwrap(),
            "give --width and --height between 320 and 20000 px"
        );
        assert_eq!(
            hint(&page(240.0)).unwrap(),
            "give --width between 320 and 20000 px and --height between 240 and 20000 px"
        );
        let small = Detail::PageTooSmall {
            width: 400.0,
            height: 300.0,
            grow: Grow::Height,
            min_height: Some(812.0),
        };
        assert_eq!(
            hint(&small).unwrap(),
            "make the page taller: 812 px holds it at this width (--height 812)"
        );
        let e = for_cli(
            Error::input("x")
                .hint("library words")
                .detail(Detail::PngTooLarge),
        );
        assert_eq!(
            e.hint,
            "lower --scale or the page size, or raise BORDERMAP_MEMORY_BUDGET"
        );
        let e = for_cli(Error::input("x").hint("kept"));
        assert_eq!(e.hint, "kept");
    }
}
