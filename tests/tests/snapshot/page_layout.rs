//! Issue 13: a layout that never clips. Columns stack below their minimum
//! width, metric values stay on one line, long errors wrap inside their
//! box, a new page starts at the top; and the gallery's data, charts and
//! layout pages and the examples at 1000 x 720 and 640 x 720
//! (`gallery/<page>_<width>.png`, `examples/<example>_<width>.png`).

use brook::element::Tree;
use brook::prelude::*;
use brook::testing::{AppTest, Theme};
use brook::widgets::snapshot::{Harness, PageState, page_harness};
use brook_tests::snapshot::{gallery_options, gallery_page, options};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::{assert_no_errors, check};

/// The tree of `script`'s first run.
fn tree_of(script: impl Fn(&St) + Send + Sync + 'static) -> Tree {
    let mut at = AppTest::new(script);
    at.run();
    at.tree()
}

/// A page harness `width` x `height` points, after its first frames.
fn harness(tree: Tree, width: f32, height: f32) -> Harness<'static, PageState> {
    let mut harness = page_harness(tree, &options(Theme::Light).size(width, height));
    harness.run();
    harness
}

fn rect_of(harness: &Harness<'_, PageState>, label: &str) -> egui::Rect {
    harness.get_by_label(label).rect()
}

// Issue 13
#[test]
fn columns_stack_below_the_minimum_column_width() {
    let tree = tree_of(|st| {
        for (index, column) in st.columns(3).iter().enumerate() {
            column.text(format!("Column {}", index + 1));
        }
        let row = st.columns_weighted(&[2.0, 1.0]);
        row[0].text("Wide");
        row[1].text("Narrow");
    });
    // Side by side at the default window width.
    let wide = harness(tree.clone(), 1000.0, 400.0);
    let [one, two, three] = ["Column 1", "Column 2", "Column 3"].map(|l| rect_of(&wide, l));
    assert!((one.min.y - two.min.y).abs() < 1.0 && (two.min.y - three.min.y).abs() < 1.0);
    assert!(one.max.x <= two.min.x && two.max.x <= three.min.x);
    assert!(rect_of(&wide, "Wide").max.x <= rect_of(&wide, "Narrow").min.x);
    // A 440-point window has no room for three columns of 160 points, nor
    // for a third of a row of 160: each column comes below the one before,
    // as wide as the row.
    let narrow = harness(tree, 440.0, 400.0);
    let [one, two, three] = ["Column 1", "Column 2", "Column 3"].map(|l| rect_of(&narrow, l));
    assert!((one.min.x - two.min.x).abs() < 1.0 && (two.min.x - three.min.x).abs() < 1.0);
    assert!(one.max.y <= two.min.y && two.max.y <= three.min.y);
    let (wide_one, narrow_one) = (rect_of(&narrow, "Wide"), rect_of(&narrow, "Narrow"));
    assert!((wide_one.min.x - narrow_one.min.x).abs() < 1.0);
    assert!(wide_one.max.y <= narrow_one.min.y);
}

// Issue 13
#[test]
fn a_metric_value_is_never_broken_inside_the_number() {
    let long = "9".repeat(60);
    let value = long.clone();
    let tree = tree_of(move |st| {
        let row = st.columns(2);
        row[0].metric("Revenue", "$1,234,567,890.12", Some("+4.1%"));
        row[1].metric("Serial", &value, None);
    });
    // Two columns of 160 points in a 360-point window (no sidebar).
    let harness = harness(tree, 360.0, 300.0);
    let revenue = rect_of(&harness, "$1,234,567,890.12");
    let label = rect_of(&harness, "Revenue");
    // One line: shrunk to fit its column, not wrapped onto a second line.
    assert!(revenue.height() < 40.0, "{revenue:?}");
    assert!(revenue.max.x <= 360.0, "{revenue:?}");
    assert!(
        revenue.max.x <= label.min.x + 180.0,
        "inside its column: {revenue:?}"
    );
    // Too long for any size: one line cut short (the whole value on hover).
    let serial = harness.get_by_label_contains("9999").rect();
    assert!(serial.height() < 30.0, "{serial:?}");
    assert!(serial.max.x <= 360.0, "{serial:?}");
}

// Issue 13
#[test]
fn long_error_and_exception_text_wraps_inside_its_box() {
    let words = "The import failed because the file has more columns than the header says, \
                 and the rows below line 40 cannot be read";
    let token = format!(
        "/home/someone/{}/data.csv",
        "very_long_folder_name".repeat(12)
    );
    let (alert, exception) = (format!("{words}: {token}"), format!("{token} {words}"));
    let (a, e) = (alert.clone(), exception.clone());
    let tree = tree_of(move |st| {
        st.error(a.clone());
        st.exception(&e);
    });
    let harness = harness(tree, 400.0, 700.0);
    let nodes: Vec<egui::Rect> = harness
        .query_all_by_label_contains("very_long_folder_name")
        .map(|node| node.rect())
        .collect();
    assert!(nodes.len() >= 2, "both boxes are drawn: {nodes:?}");
    for rect in nodes {
        // Inside the 400-point window (its box), and on several lines.
        assert!(rect.max.x <= 400.0, "{rect:?}");
        assert!(rect.height() > 40.0, "wrapped: {rect:?}");
    }
}

// Issue 13
#[test]
fn a_new_page_starts_at_the_top_and_a_rerun_keeps_the_scroll_position() {
    let page = |title: &'static str| {
        tree_of(move |st| {
            st.title(title);
            for line in 0..80 {
                st.text(format!("{title} line {line}"));
            }
        })
    };
    let mut harness = harness(page("First"), 600.0, 400.0);
    harness.get_by_label("First line 70").scroll_to_me();
    harness.run();
    assert!(rect_of(&harness, "First").max.y < 0.0, "scrolled down");
    // The same page again (a rerun): it stays where the person scrolled.
    harness.state_mut().tree = page("First");
    harness.run();
    assert!(
        rect_of(&harness, "First").max.y < 0.0,
        "a rerun keeps its place"
    );
    // Another page: its title is at the top.
    harness.state_mut().tree = page("Second");
    harness.run();
    let title = rect_of(&harness, "Second");
    assert!(title.min.y >= 0.0 && title.min.y < 60.0, "{title:?}");
}

// Issue 13
#[test]
fn the_sidebar_can_be_hidden_and_shown_again() {
    let tree = tree_of(|st| {
        st.sidebar().text("In the sidebar");
        st.text("In the page");
    });
    let mut harness = harness(tree, 640.0, 300.0);
    let before = rect_of(&harness, "In the page");
    harness.get_by_label("«").click();
    harness.run();
    assert!(harness.query_by_label("In the sidebar").is_none(), "hidden");
    assert!(
        rect_of(&harness, "In the page").min.x < before.min.x,
        "the page takes its room"
    );
    harness.get_by_label("»").click();
    harness.run();
    assert!(
        harness.query_by_label("In the sidebar").is_some(),
        "shown again"
    );
}

/// The window sizes the layout is checked at: the default and the
/// narrowest brook promises to fit.
const SIZES: [f32; 2] = [1000.0, 640.0];

// Issue 13
#[test]
fn gallery_data_charts_and_layout_pages_at_1000_and_640_points() {
    let mut errors = Vec::new();
    for page in ["data", "charts", "layout"] {
        let at = gallery_page(page);
        for width in SIZES {
            let options = gallery_options(Theme::Light).size(width, 720.0);
            check(
                &mut errors,
                &at,
                &format!("gallery/{page}_{width}"),
                &options,
            );
        }
    }
    assert_no_errors(&errors);
}

// Issue 13
#[test]
fn examples_at_1000_and_640_points() {
    type Example = (&'static str, fn(&St));
    let examples: [Example; 4] = [
        ("csv_explorer", super::csv_explorer::app),
        ("dashboard", super::dashboard::app),
        ("ticket_form", super::ticket_form::app),
        ("meeting_planner", super::meeting_planner::app),
    ];
    let mut errors = Vec::new();
    for (name, app) in examples {
        let mut at = AppTest::new(app);
        at.run();
        for width in SIZES {
            let options = options(Theme::Light).size(width, 720.0);
            check(
                &mut errors,
                &at,
                &format!("examples/{name}_{width}"),
                &options,
            );
        }
    }
    assert_no_errors(&errors);
}

// Issue 13: an element that cannot shrink (a table of fixed-width
// columns) sticks out of a narrow page, which scrolls sideways to it, but
// what follows keeps the column's width; and a row of tabs wraps.
#[test]
fn a_wide_element_never_widens_the_elements_after_it() {
    #[derive(serde::Serialize)]
    struct Row {
        first: &'static str,
        second: &'static str,
        third: &'static str,
    }
    let tree = tree_of(|st| {
        st.table(&[Row {
            first: "a",
            second: "b",
            third: "c",
        }])
        .column("first", ColumnConfig::new().width(300.0))
        .column("second", ColumnConfig::new().width(300.0))
        .column("third", ColumnConfig::new().width(300.0))
        .hide_index()
        .show();
        st.text(
            "This sentence comes after the wide table and wraps at the width of the page, \
             not at the width of the table above it.",
        );
        st.tabs([
            "Revenue by region",
            "Units by product",
            "Running total",
            "Largest orders",
        ]);
    });
    let harness = harness(tree, 400.0, 500.0);
    assert!(
        rect_of(&harness, "third").max.x > 400.0,
        "the table sticks out"
    );
    let after = harness
        .get_by_label_contains("This sentence comes after")
        .rect();
    assert!(after.max.x <= 400.0, "{after:?}");
    for tab in [
        "Revenue by region",
        "Units by product",
        "Running total",
        "Largest orders",
    ] {
        let rect = rect_of(&harness, tab);
        assert!(rect.max.x <= 400.0, "{tab}: {rect:?}");
    }
}

// Issue 13 (found by a new user): a link button's and a metric's label
// showed their inline code with its backticks, and the link button added
// " (link)" to what the script said.
#[test]
fn link_button_and_metric_labels_render_inline_code_without_backticks() {
    let tree = tree_of(|st| {
        st.link_button("Read the `opsdesk` docs", "https://docs.example.com");
        st.metric("Open tickets (`P1`)", "12", None);
    });
    let harness = harness(tree, 1000.0, 400.0);
    let link = harness.get_by_role_and_label(egui::accesskit::Role::Link, "Read the opsdesk docs");
    assert_eq!(
        link.accesskit_node().value().as_deref(),
        Some("https://docs.example.com")
    );
    harness.get_by_label("Open tickets (P1)");
    let marked: Vec<String> = harness
        .query_all_by(|node| {
            let text = format!("{:?} {:?}", node.label(), node.value());
            text.contains('`') || text.contains("(link)")
        })
        .map(|node| {
            let node = node.accesskit_node();
            format!("{:?} {:?}", node.label(), node.value())
        })
        .collect();
    assert!(marked.is_empty(), "{marked:?}");
}
