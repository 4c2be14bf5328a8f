//! The editor's choice of places (`--place-show`, `--place-hide`, `place_show`/`place_hide` in a
//! story) and the towns the world basemap names: cities readers know (Mosul), not GeoNames'
//! sections of them.

use super::cmd::{run, run_in};

/// The texts of the map's place and capital labels.
fn place_labels(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the map is well-formed XML");
    doc.descendants()
        .filter(|n| {
            n.is_element()
                && n.has_tag_name("text")
                && (super::class_has(n, "place-label") || super::class_has(n, "capital-label"))
        })
        // The first text node: a halo and its fill carry the same text.
        .filter_map(|n| n.descendants().find_map(|d| d.text()))
        .map(|t| {
            t.chars()
                .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
                .collect()
        })
        .collect()
}

/// Renders `args` to an SVG in a temporary directory; its place labels and stderr.
fn labels_of(args: &[&str]) -> (Vec<String>, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["render", "-o", "m.svg"];
    all.extend_from_slice(args);
    let (code, _, err) = run_in(dir.path(), &all);
    assert_eq!(code, 0, "{args:?}: {err}");
    let svg = std::fs::read_to_string(dir.path().join("m.svg")).unwrap();
    (place_labels(&svg), err)
}

#[test]
fn the_world_basemap_names_the_city_not_a_section_of_it() {
    let (labels, _) = labels_of(&["--between", "Iraq,Turkey"]);
    assert!(labels.iter().any(|l| l == "Mosul"), "{labels:?}");
    // GeoNames' "Al Mawşil al Jadīdah" (PPLX, a section of Mosul) outranked Mosul by population.
    assert!(!labels.iter().any(|l| l.contains("Jadīdah")), "{labels:?}");
    let towns = std::fs::read_to_string(super::repo("assets/world/towns.tsv")).unwrap();
    assert!(!towns.contains("Al Mawşil al Jadīdah") && towns.contains("\tMosul\n"));
}

#[test]
fn a_shown_town_is_named_and_a_hidden_place_is_not() {
    let (plain, _) = labels_of(&[]);
    for name in ["Sinjar", "Baghdad"] {
        assert!(plain.iter().any(|l| l == name), "{name}: {plain:?}");
    }
    assert!(!plain.iter().any(|l| l == "Ar Raqqah"), "{plain:?}");
    // A GeoNames town the regional context lacks, a dataset place and a capital hidden.
    let (chosen, err) = labels_of(&[
        "--place-show",
        "Ar Raqqah",
        "--place-hide",
        "sinjar",
        "--place-hide",
        "Baghdad",
    ]);
    assert!(chosen.iter().any(|l| l == "Ar Raqqah"), "{chosen:?}");
    for name in ["Sinjar", "Baghdad"] {
        assert!(!chosen.iter().any(|l| l == name), "{name}: {chosen:?}");
    }
    assert!(!err.contains("Ar Raqqah"), "{err}");
    // Everything else stays.
    let kept = plain
        .iter()
        .filter(|l| !["Sinjar", "Baghdad"].contains(&l.as_str()))
        .filter(|l| !chosen.contains(l))
        .collect::<Vec<_>>();
    assert!(kept.is_empty(), "lost: {kept:?}");
}

#[test]
fn a_place_is_hidden_by_its_arabic_name_on_an_arabic_map() {
    let (plain, _) = labels_of(&["--lang", "ar"]);
    assert!(plain.iter().any(|l| l == "سنجار"), "{plain:?}");
    let (labels, err) = labels_of(&["--lang", "ar", "--place-hide", "سنجار"]);
    assert!(!labels.iter().any(|l| l == "سنجار"), "{labels:?} {err}");
    assert_eq!(labels.len() + 1, plain.len(), "{labels:?}");
}

#[test]
fn a_place_found_nowhere_is_exit_2_with_the_name_meant() {
    let (code, _, err) = run(&["render", "-o", "-", "--place-show", "Raqqa"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("no place named 'Raqqa'") && err.contains("did you mean 'Ar Raqqah'?"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "render",
        "-o",
        "-",
        "--place-show",
        "Mosul",
        "--place-hide",
        "mosul",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("both shown and hidden"), "{err}");
}

#[test]
fn a_shown_place_outside_the_frame_is_a_warning_not_a_silent_loss() {
    let (labels, err) = labels_of(&["--between", "Iraq,Turkey", "--place-show", "Kirkuk"]);
    assert!(!labels.iter().any(|l| l == "Kirkuk"), "{labels:?}");
    assert!(
        err.contains("the place 'Kirkuk' asked to be shown is not drawn"),
        "{err}"
    );
}

#[test]
fn a_story_chooses_places_as_the_flags_do() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s.toml"),
        "place_show = [\"Ar Raqqah\"]\nplace_hide = [\"Sinjar\"]\noutput = \"s.svg\"\n",
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &["render", "s.toml"]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(dir.path().join("s.svg")).unwrap();
    let (flags, _) = labels_of(&["--place-show", "Ar Raqqah", "--place-hide", "Sinjar"]);
    assert_eq!(place_labels(&svg), flags);
}
