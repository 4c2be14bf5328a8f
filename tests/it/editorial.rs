//! The editor's words (title, subtitle, notes, credit, no title block) and a footer for
//! readers: the tool's diagnostics never on the map, and the footer's size by page.

use super::cmd::run_in;
use super::{class_has, dataset};
use bordermap::layout::{FOOTER_MAX_SHARE, FurnitureKind, Item};
use bordermap::{Editorial, FooterMode, RenderOptions};

/// The texts of the Scene's group `id`, joined by newlines.
fn group_text(scene: &bordermap::layout::Scene, id: &str) -> String {
    scene
        .groups
        .iter()
        .filter(|g| g.id == id)
        .flat_map(|g| &g.items)
        .filter_map(|it| match it {
            Item::Text(t) => Some(t.text.clone()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn today(ed: Editorial, size: (f64, f64)) -> bordermap::layout::Laid {
    let ds = dataset(None);
    let m = ds
        .measure(Some(bordermap::Date::parse("2026-12-07").unwrap()))
        .unwrap();
    let mut opts = RenderOptions::for_dataset(&ds).unwrap();
    opts.editorial = ed;
    (opts.width, opts.height) = size;
    bordermap::map::laid(&ds, &m, &opts).unwrap()
}

const PRESETS: [(f64, f64); 6] = [
    (1200.0, 900.0),
    (640.0, 480.0),
    (360.0, 640.0),
    (1200.0, 675.0),
    (1080.0, 1080.0),
    (1123.0, 794.0),
];

#[test]
fn the_tools_diagnostics_are_in_the_description_never_on_the_map() {
    let l = today(Editorial::default(), (1200.0, 900.0));
    let footer = group_text(&l.scene, "footer");
    let title = group_text(&l.scene, "title-block");
    for page in [&footer, &title] {
        for word in ["out of date", "no value from km", "Not drawn", "geodesic"] {
            assert!(!page.contains(word), "{word:?} on the map: {page}");
        }
    }
    assert!(footer.contains("Sources: "), "{footer}");
    // The description keeps every diagnostic, for the editor and screen readers.
    let d = &l.scene.description;
    assert!(d.contains("Notes for the editor: "), "{d}");
    assert!(d.contains("the data may be out of date"), "{d}");
    assert!(d.contains("Claims with no stretch given"), "{d}");
    // A gap (none is left today: 2025-01-01, before the new authorities deployed on the
    // border) is a diagnostic too: in the description, never on the map.
    let ds = dataset(None);
    let m = ds
        .measure(Some(bordermap::Date::parse("2025-01-01").unwrap()))
        .unwrap();
    let opts = RenderOptions::for_dataset(&ds).unwrap();
    let l = bordermap::map::laid(&ds, &m, &opts).unwrap();
    let d = &l.scene.description;
    assert!(d.contains("no value from km 362.2 to km 553.0"), "{d}");
    for page in [
        group_text(&l.scene, "footer"),
        group_text(&l.scene, "title-block"),
    ] {
        assert!(!page.contains("no value from km"), "{page}");
    }
}

#[test]
fn an_automatic_footer_takes_at_most_fifteen_percent_and_four_lines_on_a_web_page() {
    for (w, h) in PRESETS {
        let l = today(Editorial::default(), (w, h));
        let f = l
            .report
            .furniture
            .iter()
            .find(|f| f.kind == FurnitureKind::Footer)
            .unwrap();
        assert!(
            f.rect.h <= FOOTER_MAX_SHARE * h + 1e-9,
            "{w} × {h}: footer {} px of {h}",
            f.rect.h
        );
        let lines = group_text(&l.scene, "footer").lines().count();
        assert!(lines >= 1, "{w} × {h}: no footer");
        if (w, h) == (1200.0, 900.0) {
            assert!(lines <= 4, "web footer has {lines} lines");
        }
    }
}

#[test]
fn footer_modes_full_short_and_none() {
    let at = |footer| {
        today(
            Editorial {
                footer,
                ..Editorial::default()
            },
            (1200.0, 900.0),
        )
    };
    let full = group_text(&at(FooterMode::Full).scene, "footer");
    assert!(full.contains("Claims with no stretch given"), "{full}");
    let short = group_text(&at(FooterMode::Short).scene, "footer");
    assert!(short.contains("AFP, 2026-03-11"), "{short}");
    assert!(!short.contains("Claims with no stretch given"), "{short}");
    let none = at(FooterMode::None);
    assert_eq!(group_text(&none.scene, "footer"), "");
    // The description keeps the sources whatever the page shows.
    assert!(none.scene.description.contains("Sources: "));
}

#[test]
fn the_editors_title_subtitle_notes_and_credit_are_drawn_as_given() {
    let ed = Editorial {
        title: Some("Damascus now holds most of the border".into()),
        subtitle: Some("Who controls each stretch, December 2026".into()),
        notes: vec!["The north is held jointly while the SDF joins the army.".into()],
        credit: Some("Graphic: J. Doe / Example News".into()),
        ..Editorial::default()
    };
    for (w, h) in PRESETS {
        let l = today(ed.clone(), (w, h));
        let title = group_text(&l.scene, "title-block").replace('\n', " ");
        assert!(
            title.contains("Damascus now holds most of the border"),
            "{title}"
        );
        assert!(title.contains("December 2026"), "{title}");
        let footer = group_text(&l.scene, "footer").replace('\n', " ");
        assert!(footer.contains("joins the army."), "{w} × {h}: {footer}");
        assert!(
            footer.contains("Graphic: J. Doe / Example News"),
            "{footer}"
        );
        assert_eq!(l.scene.title, "Damascus now holds most of the border");
    }
}

#[test]
fn no_title_starts_the_map_at_the_top_and_keeps_the_svg_title() {
    let plain = today(Editorial::default(), (1200.0, 900.0));
    let bare = today(
        Editorial {
            no_title: true,
            ..Editorial::default()
        },
        (1200.0, 900.0),
    );
    assert_eq!(group_text(&bare.scene, "title-block"), "");
    assert!(bare.report.frame.y < plain.report.frame.y - 20.0);
    assert_eq!(bare.scene.title, plain.scene.title);
}

#[test]
fn the_cli_flags_reach_the_svg() {
    let dir = tempfile::tempdir().unwrap();
    let (rc, svg, err) = run_in(
        dir.path(),
        &[
            "render",
            "--as-of",
            "2026-12-07",
            "--title",
            "Who holds the border <today>",
            "--note",
            "First note.",
            "--note",
            "Second note.",
            "--credit",
            "Graphic: A & B",
            "--footer",
            "short",
            "-o",
            "-",
        ],
    );
    assert_eq!(rc, 0, "{err}");
    // Diagnostics on stderr, not on the map.
    assert!(err.contains("the data may be out of date"), "{err}");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts = |class: &str| -> String {
        doc.descendants()
            .filter(|n| n.has_tag_name("text") && class_has(n, class))
            .map(|n| n.descendants().filter_map(|t| t.text()).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(texts("title").contains("Who holds the border <today>"));
    let footer = texts("footer");
    for want in [
        "First note.",
        "Second note.",
        "Graphic: A & B",
        "AFP, 2026-03-11",
    ] {
        assert!(footer.contains(want), "{want:?} not in {footer}");
    }
    assert!(!footer.contains("out of date"), "{footer}");
    // --no-title with --title is a usage error.
    let (rc, _, err) = run_in(
        dir.path(),
        &["render", "--no-title", "--title", "x", "-o", "-"],
    );
    assert_eq!(rc, 2, "{err}");
    assert!(err.contains("--no-title"), "{err}");
}
