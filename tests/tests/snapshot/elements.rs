//! The exception box, the spinner ring at 0%, 40% and 100%, text in
//! brook's bundled fonts, and the axes of charts whose x is categories or
//! dates.

use brook::element::{Element, Node, Progress, TextStyle, Tree};
use brook::testing::SnapshotOptions;
use brook::widgets::snapshot::{snapshot_tree, try_snapshot_harness, ui_harness};
use brook::widgets::spinner::spinner_ui;
use brook_tests::snapshot::{THEMES, options};

use super::assert_no_errors;

#[test]
fn exception_box() {
    // A tree made by hand, so the location does not move with this file.
    let mut tree = Tree::default();
    tree.main.push(Node {
        element: Element::Exception {
            message: "called `Option::unwrap()` on a `None` value".to_owned(),
            location: Some("src/main.rs:12:31".to_owned()),
        },
        run: 0,
    });
    snapshot_in_both_themes(&tree, "exception", [520.0, 140.0]);
}

/// Snapshots `tree` at `size` as `<name>_light` and `<name>_dark`.
fn snapshot_in_both_themes(tree: &Tree, name: &str, [width, height]: [f32; 2]) {
    let mut errors = Vec::new();
    for (theme, suffix) in THEMES {
        let options = options(theme).size(width, height);
        if let Err(err) = snapshot_tree(tree.clone(), &format!("{name}_{suffix}"), &options) {
            errors.push(err);
        }
    }
    assert_no_errors(&errors);
}

fn spinner(
    fraction: f32,
    name: &str,
    options: &SnapshotOptions,
) -> Result<(), brook::testing::SnapshotError> {
    let progress = Progress {
        function: "load_sales".to_owned(),
        message: "read 20000 of 50000 rows".to_owned(),
        fraction: Some(fraction),
        show_time: true,
    };
    let mut harness = ui_harness(options, |ui| spinner_ui(ui, &progress, 1.5, 0.0));
    try_snapshot_harness(&mut harness, name, options)
}

#[test]
fn spinner_ring_at_0_40_and_100_percent() {
    let mut errors = Vec::new();
    for (fraction, percent) in [(0.0, 0), (0.4, 40), (1.0, 100)] {
        for (theme, suffix) in THEMES {
            let options = options(theme).size(340.0, 90.0);
            let name = format!("spinner_{percent}_{suffix}");
            if let Err(err) = spinner(fraction, &name, &options) {
                errors.push(err);
            }
        }
    }
    assert_no_errors(&errors);
}

#[test]
fn symbols_from_the_bundled_fallback_fonts() {
    // Glyphs egui's own fonts lack: drawn from assets/fonts (DejaVu), not
    // as boxes, in proportional and monospace text.
    let mut tree = Tree::default();
    for element in [
        Element::Text {
            style: TextStyle::Text,
            body: "Done ✓  Failed ✗  Starred ★  Careful ⚠".to_owned(),
        },
        Element::Text {
            style: TextStyle::Text,
            body: "3 ≤ 4 → ∑ Ω  αβγ  გამარჯობა".to_owned(),
        },
        Element::Code {
            code: "assert!(a ≤ b); // ✓ → ★".to_owned(),
            language: None,
        },
    ] {
        tree.main.push(Node { element, run: 0 });
    }
    snapshot_in_both_themes(&tree, "fonts", [420.0, 140.0]);
}

#[test]
fn charts_with_category_and_date_axes() {
    use brook::prelude::*;
    let mut at = brook::testing::AppTest::new(|st| {
        let regions =
            Table::from_csv("region,orders,returns\nNorth,120,8\nSouth,95,12\nWest,140,5\n")
                .unwrap();
        st.chart(ChartKind::Bar, &regions).x("region").show();
        let days = Table::from_csv(
            "day,visits\n2026-11-02,320\n2026-11-03,410\n2026-11-04,380\n2026-11-06,520\n",
        )
        .unwrap();
        st.chart(ChartKind::Line, &days).x("day").show();
    });
    at.run();
    let mut errors = Vec::new();
    for (theme, suffix) in THEMES {
        let options = options(theme).size(560.0, 660.0);
        super::check(&mut errors, &at, &format!("chart_axes_{suffix}"), &options);
    }
    assert_no_errors(&errors);
}
