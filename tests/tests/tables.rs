//! Issue 12: the interactive dataframe on egui_table, drawn by the page
//! code the window uses ([`brook::widgets::snapshot::page_harness`]) and
//! driven with kittest: a click on a header sorts (ascending, descending,
//! file order), the sort follows the column's name across reruns, the
//! sorted order is computed once, and a table of 10,000 columns lays out
//! only the columns in view.

#![allow(clippy::unwrap_used, reason = "it's a test")]

use std::sync::Arc;

use brook::data::arrow::array::{ArrayRef, Int32Array, RecordBatch};
use brook::element::Tree;
use brook::prelude::*;
use brook::testing::{AppTest, SnapshotOptions};
use brook::widgets::snapshot::{Harness, PageState, page_harness};
use brook::widgets::table::sorts_on_this_thread;
use chrono::TimeZone as _;
use chrono_tz::Tz;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use serde::Serialize;

#[derive(Serialize)]
struct Meeting {
    name: &'static str,
    at: Option<Zoned>,
    room: u32,
}

fn at(zone: Tz, hour: u32, minute: u32) -> Option<Zoned> {
    Some(Zoned(
        zone.with_ymd_and_hms(2026, 6, 1, hour, minute, 0).unwrap(),
    ))
}

/// Meetings in three zones and one without a time. By instant: b (11:00
/// UTC), d (12:30 UTC), a (13:00 UTC); by wall-clock text a (09:00) comes
/// first and b (20:00) last.
fn meetings() -> Vec<Meeting> {
    vec![
        Meeting {
            name: "a",
            at: at(chrono_tz::America::New_York, 9, 0),
            room: 3,
        },
        Meeting {
            name: "b",
            at: at(chrono_tz::Asia::Tokyo, 20, 0),
            room: 1,
        },
        Meeting {
            name: "c",
            at: None,
            room: 4,
        },
        Meeting {
            name: "d",
            at: at(chrono_tz::Europe::London, 13, 30),
            room: 2,
        },
    ]
}

/// The page of a script after one run.
fn tree_of(script: impl Fn(&St) + Send + Sync + 'static) -> Tree {
    let mut at = AppTest::new(script);
    at.run();
    at.tree()
}

fn harness(tree: Tree) -> Harness<'static, PageState> {
    let mut harness = page_harness(tree, &SnapshotOptions::new().size(760.0, 480.0));
    harness.run();
    harness
}

/// The header button whose label starts with `name` (it ends with the
/// sort's arrow when sorted by it).
fn header_label(harness: &Harness<'_, PageState>, name: &str) -> String {
    let headers: Vec<String> = harness
        .query_all_by_role(Role::Button)
        .filter_map(|node| node.accesskit_node().label())
        .filter(|label| label == name || label.starts_with(&format!("{name} ")))
        .collect();
    assert_eq!(headers.len(), 1, "one header {name:?}: {headers:?}");
    headers[0].clone()
}

fn click_header(harness: &mut Harness<'_, PageState>, name: &str) {
    let label = header_label(harness, name);
    harness.get_by_role_and_label(Role::Button, &label).click();
    harness.run();
}

/// The text drawn in the column headed `name`, top to bottom.
fn column_text(harness: &Harness<'_, PageState>, name: &str) -> Vec<String> {
    let label = header_label(harness, name);
    let header = harness.get_by_role_and_label(Role::Button, &label).rect();
    let mut cells: Vec<(f32, String)> = harness
        .query_all_by_role(Role::Label)
        .filter_map(|node| {
            let rect = node.rect();
            let inside =
                header.x_range().contains(rect.center().x) && rect.top() >= header.bottom();
            inside.then(|| {
                // egui gives a label's text as its value.
                let text = node.accesskit_node().value().unwrap_or_default();
                (rect.top(), text)
            })
        })
        .collect();
    cells.sort_by(|a, b| a.0.total_cmp(&b.0));
    cells.into_iter().map(|(_, text)| text).collect()
}

// Issue 12
#[test]
fn clicking_a_header_sorts_ascending_then_descending_then_back_to_file_order() {
    let mut harness = harness(tree_of(|st| st.dataframe(&meetings()).show()));
    assert_eq!(column_text(&harness, "name"), ["a", "b", "c", "d"]);

    click_header(&mut harness, "at");
    assert_eq!(header_label(&harness, "at"), "at ▲");
    assert_eq!(
        column_text(&harness, "name"),
        ["b", "d", "a", "c"],
        "by instant, not by the wall-clock text; no time last"
    );
    assert_eq!(
        column_text(&harness, "at")[..3],
        [
            "2026-06-01 20:00:00 JST",
            "2026-06-01 13:30:00 BST",
            "2026-06-01 09:00:00 EDT"
        ]
    );

    click_header(&mut harness, "at");
    assert_eq!(header_label(&harness, "at"), "at ▼");
    assert_eq!(
        column_text(&harness, "name"),
        ["a", "d", "b", "c"],
        "descending by instant; no time still last"
    );

    click_header(&mut harness, "at");
    assert_eq!(header_label(&harness, "at"), "at");
    assert_eq!(column_text(&harness, "name"), ["a", "b", "c", "d"]);
}

#[derive(Serialize)]
struct Reordered {
    room: u32,
    at: Option<Zoned>,
    name: &'static str,
}

#[derive(Serialize)]
struct WithoutTimes {
    name: &'static str,
    room: u32,
}

// Issue 12
#[test]
fn the_sort_follows_the_column_name_across_reruns_and_ends_with_the_column() {
    let mut harness = harness(tree_of(|st| st.dataframe(&meetings()).show()));
    click_header(&mut harness, "at");
    assert_eq!(column_text(&harness, "name"), ["b", "d", "a", "c"]);

    // A rerun whose table has the same columns in another order.
    let reordered: Vec<Reordered> = meetings()
        .into_iter()
        .map(|m| Reordered {
            room: m.room,
            at: m.at,
            name: m.name,
        })
        .collect();
    harness.state_mut().tree = tree_of(move |st| {
        let rows: Vec<&Reordered> = reordered.iter().collect();
        st.dataframe(&rows).show();
    });
    harness.run();
    assert_eq!(header_label(&harness, "at"), "at ▲");
    assert_eq!(column_text(&harness, "name"), ["b", "d", "a", "c"]);

    // A rerun without the column: unsorted.
    let without: Vec<WithoutTimes> = meetings()
        .into_iter()
        .map(|m| WithoutTimes {
            name: m.name,
            room: m.room,
        })
        .collect();
    harness.state_mut().tree = tree_of(move |st| {
        let rows: Vec<&WithoutTimes> = without.iter().collect();
        st.dataframe(&rows).show();
    });
    harness.run();
    assert_eq!(column_text(&harness, "name"), ["a", "b", "c", "d"]);

    // The column comes back: the sort was dropped with it.
    harness.state_mut().tree = tree_of(|st| st.dataframe(&meetings()).show());
    harness.run();
    assert_eq!(header_label(&harness, "at"), "at");
    assert_eq!(column_text(&harness, "name"), ["a", "b", "c", "d"]);
}

// Issue 12
#[test]
fn the_sorted_order_is_computed_once_per_table_column_and_direction() {
    let table = Table::from_rows(&meetings()).unwrap();
    let shown = table.clone();
    let mut harness = harness(tree_of(move |st| st.dataframe(&shown).show()));
    let before = sorts_on_this_thread();
    click_header(&mut harness, "room");
    assert_eq!(column_text(&harness, "room"), ["1", "2", "3", "4"]);
    assert_eq!(sorts_on_this_thread(), before + 1, "one sort for the click");

    for _ in 0..5 {
        harness.step();
    }
    harness.get_by_role_and_label(Role::Button, "name").hover();
    harness.run();
    assert_eq!(sorts_on_this_thread(), before + 1, "frames after reuse it");

    // A rerun that builds the same table again (equal values, a new batch).
    harness.state_mut().tree =
        tree_of(|st| st.dataframe(Table::from_rows(&meetings()).unwrap()).show());
    harness.run();
    assert_eq!(column_text(&harness, "room"), ["1", "2", "3", "4"]);
    assert_eq!(
        sorts_on_this_thread(),
        before + 1,
        "equal data: no new sort"
    );

    click_header(&mut harness, "room");
    assert_eq!(column_text(&harness, "room"), ["4", "3", "2", "1"]);
    assert_eq!(sorts_on_this_thread(), before + 2, "one sort per direction");
}

/// A table of `columns` integer columns `c0`, `c1`, ... and `rows` rows.
fn wide_table(columns: usize, rows: i32) -> Table {
    let names: Vec<String> = (0..columns).map(|c| format!("c{c}")).collect();
    let arrays: Vec<(String, ArrayRef)> = names
        .into_iter()
        .enumerate()
        .map(|(c, name)| {
            let c = i32::try_from(c).unwrap();
            let values: Int32Array = (0..rows).map(|r| r * 100_000 + c).collect();
            (name, Arc::new(values) as ArrayRef)
        })
        .collect();
    Table::from(RecordBatch::try_from_iter(arrays).unwrap())
}

// Issue 12
#[test]
fn a_table_of_10000_columns_lays_out_only_the_columns_in_view() {
    let table = wide_table(10_000, 100);
    let mut harness = harness(tree_of(move |st| st.dataframe(&table).show()));
    let headers = |harness: &Harness<'_, PageState>| -> Vec<String> {
        harness
            .query_all_by_role(Role::Button)
            .filter_map(|node| node.accesskit_node().label())
            .filter(|label| label.starts_with('c'))
            .collect()
    };
    let shown = headers(&harness);
    assert!(shown.contains(&"c0".to_owned()), "{shown:?}");
    assert!(
        (3..=40).contains(&shown.len()),
        "only the headers in view are laid out, not 10,000: {}",
        shown.len()
    );
    let cells = harness.query_all_by_role(Role::Label).count();
    assert!(
        cells <= 40 * 20,
        "only the cells in view are laid out: {cells}"
    );

    // Sorting it still works, and still lays out a handful of columns.
    click_header(&mut harness, "c1");
    assert_eq!(column_text(&harness, "c1")[0], "1");
    click_header(&mut harness, "c1");
    assert_eq!(column_text(&harness, "c1")[0], "9900001");
    assert!(headers(&harness).len() <= 40);
}

// Issue 12 (the sort's sibling outside the window): a script's own sort of
// zone-aware times in several zones (a column Arrow's plain sort refused).
#[test]
fn table_sort_by_orders_times_in_several_zones_by_instant_with_nulls_last() {
    let table = Table::from_rows(&meetings()).unwrap();
    for (descending, names) in [(false, ["b", "d", "a", "c"]), (true, ["a", "d", "b", "c"])] {
        let sorted = table.sort_by("at", descending).unwrap();
        assert_eq!(sorted.column_text("name").unwrap(), names, "{descending}");
    }
}

// Issue 12: a format for another type is named, with the column's type, on
// the header's warning; the progress and link formats too (they drew a
// plain column without a word before).
#[test]
fn a_format_for_another_type_says_which_format_and_which_type() {
    use brook::data::CellText;
    let table = Table::from_rows(&meetings()).unwrap();
    let problem = |column: &str, format: ColumnFormat| {
        let config = ColumnConfig::new().format(format);
        let array = table.array(column).unwrap();
        CellText::new(array.as_ref(), Some(&config))
            .format_problem()
            .map(str::to_owned)
    };
    assert_eq!(
        problem("name", ColumnFormat::Percent { decimals: 1 }).as_deref(),
        Some(
            "The percent format does not apply to a column of text (Utf8View): the values are shown unformatted."
        )
    );
    let progress = problem("name", ColumnFormat::Progress { min: 0.0, max: 1.0 }).unwrap();
    assert!(
        progress.starts_with("The progress format does not apply to a column of text"),
        "{progress}"
    );
    let link = problem("room", ColumnFormat::Link { display_text: None }).unwrap();
    assert!(
        link.starts_with("The link format does not apply to a column of integers"),
        "{link}"
    );
    assert_eq!(
        problem("room", ColumnFormat::Progress { min: 0.0, max: 4.0 }),
        None
    );
    assert_eq!(
        problem("name", ColumnFormat::Link { display_text: None }),
        None
    );
}

#[derive(Serialize)]
struct Task {
    title: &'static str,
    done: bool,
    progress: f64,
    url: &'static str,
    secret: &'static str,
}

fn tasks() -> Vec<Task> {
    vec![
        Task {
            title: "write",
            done: true,
            progress: 0.25,
            url: "https://example.com/write",
            secret: "s1",
        },
        Task {
            title: "review",
            done: false,
            progress: 0.75,
            url: "https://example.com/review",
            secret: "s2",
        },
    ]
}

/// The text of every label drawn.
fn texts(harness: &Harness<'_, PageState>) -> Vec<String> {
    harness
        .query_all_by_role(Role::Label)
        .filter_map(|node| node.accesskit_node().value())
        .collect()
}

fn count(harness: &Harness<'_, PageState>, role: Role) -> usize {
    harness.query_all_by_role(role).count()
}

// Issue 12: what text cannot show is drawn: check marks, bars beside the
// values, links; hidden columns, labels and the index setting apply.
#[test]
fn the_column_config_draws_check_marks_bars_links_labels_and_hides_columns() {
    let harness = harness(tree_of(|st| {
        st.dataframe(&tasks())
            .column("title", ColumnConfig::new().label("Task"))
            .column("done", ColumnConfig::new().format(ColumnFormat::Checkmark))
            .column(
                "progress",
                ColumnConfig::new().format(ColumnFormat::Progress { min: 0.0, max: 1.0 }),
            )
            .column(
                "url",
                ColumnConfig::new().format(ColumnFormat::Link {
                    display_text: Some("open".into()),
                }),
            )
            .column("secret", ColumnConfig::new().hidden())
            .hide_index()
            .show();
    }));
    assert_eq!(column_text(&harness, "Task"), ["write", "review"]);
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "title")
            .is_none()
    );
    assert!(harness.query_by_label("secret").is_none(), "hidden");
    assert!(harness.query_by_value("s1").is_none(), "hidden");
    assert_eq!(column_text(&harness, "done"), ["✔", ""]);
    assert_eq!(count(&harness, Role::ProgressIndicator), 2, "a bar a row");
    assert_eq!(column_text(&harness, "progress"), ["0.25", "0.75"]);
    let links: Vec<String> = harness
        .query_all_by_role(Role::Link)
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    assert_eq!(links, ["open", "open"]);
    assert!(!texts(&harness).contains(&"0".to_owned()), "no row numbers");

    let with_index = harness_of_tasks_with_index();
    assert_eq!(column_text(&with_index, "title").len(), 2);
    assert!(texts(&with_index).contains(&"1".to_owned()), "row numbers");
}

fn harness_of_tasks_with_index() -> Harness<'static, PageState> {
    harness(tree_of(|st| st.dataframe(&tasks()).show()))
}

// Issue 12: bounds that are not a range draw the value alone (and say why
// on the header); a format for another type draws the default text with a
// warning on the header.
#[test]
fn unusable_progress_bounds_and_formats_draw_the_values_with_a_warning() {
    for (min, max) in [
        (f64::NAN, 1.0),
        (0.0, f64::INFINITY),
        (1.0, 1.0),
        (2.0, 1.0),
    ] {
        let harness = harness(tree_of(move |st| {
            st.dataframe(&tasks())
                .column(
                    "progress",
                    ColumnConfig::new().format(ColumnFormat::Progress { min, max }),
                )
                .column(
                    "title",
                    ColumnConfig::new().format(ColumnFormat::Percent { decimals: 1 }),
                )
                .show();
        }));
        assert_eq!(count(&harness, Role::ProgressIndicator), 0, "{min} {max}");
        assert_eq!(column_text(&harness, "⚠ progress"), ["0.25", "0.75"]);
        assert_eq!(column_text(&harness, "⚠ title"), ["write", "review"]);
    }
}

// Issue 12: the header's warning says which format does not apply to
// which type, on hover.
#[test]
fn hovering_a_warned_header_names_the_format_and_the_type() {
    let mut harness = harness(tree_of(|st| {
        st.dataframe(&tasks())
            .column(
                "title",
                ColumnConfig::new()
                    .help("What to do")
                    .format(ColumnFormat::Currency {
                        symbol: "$".into(),
                        after: false,
                        decimals: 2,
                    }),
            )
            .show();
    }));
    harness
        .get_by_role_and_label(Role::Button, "⚠ title")
        .hover();
    for _ in 0..60 {
        harness.step();
    }
    let tip = harness
        .query_all_by_role(Role::Label)
        .filter_map(|node| node.accesskit_node().value())
        .find(|text| text.contains("does not apply"))
        .unwrap();
    assert!(tip.contains("What to do"), "{tip}");
    assert!(
        tip.contains("The currency format ($) does not apply to a column of text (Utf8View)"),
        "{tip}"
    );
}

// Issue 12: the same at 100,000 rows, where the halves are sorted on two
// cores and merged: the merge compares instants in several zones too.
#[test]
fn a_large_table_of_times_in_several_zones_sorts_by_instant_on_both_cores() {
    let rows: Vec<Meeting> = (0..25_000).flat_map(|_| meetings()).collect();
    let table = Table::from_rows(&rows).unwrap();
    for (descending, order) in [(false, ["b", "d", "a", "c"]), (true, ["a", "d", "b", "c"])] {
        let sorted = table.sort_by("at", descending).unwrap();
        let names = sorted.column_text("name").unwrap();
        // 25,000 of each, in the order of their instants, nulls last.
        let runs: Vec<(&str, usize)> = names
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0].as_str(), run.len()))
            .collect();
        assert_eq!(
            runs,
            order.iter().map(|&name| (name, 25_000)).collect::<Vec<_>>(),
            "descending {descending}"
        );
    }
}

fn numbers(rows: usize) -> Table {
    let mut csv = String::from("n\n");
    for i in 0..rows {
        csv.push_str(&format!("{i}\n"));
    }
    Table::from_csv(&csv).unwrap()
}

fn scroll_table_down(harness: &mut Harness<'_, PageState>) {
    let header = harness.get_by_role_and_label(Role::Button, "n").rect();
    harness.hover_at(header.center() + egui::vec2(0.0, 100.0));
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -2000.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
    // egui scrolls smoothly, over several frames.
    harness.run_steps(30);
}

// Issue 13 (found by a new user): after scrolling a table, a filter that
// keeps fewer rows left the table scrolled 37 rows down, hiding its first
// matches; a table of another shape starts at its first row.
#[test]
fn a_table_with_other_rows_after_a_rerun_starts_at_its_first_row() {
    let mut harness = harness(tree_of(|st| st.dataframe(numbers(300)).show()));
    assert_eq!(column_text(&harness, "n")[0], "0");
    scroll_table_down(&mut harness);
    let scrolled = column_text(&harness, "n");
    assert_ne!(
        scrolled[0], "0",
        "the wheel scrolled the table: {scrolled:?}"
    );

    // The same table again (a rerun that changed nothing) keeps its place.
    harness.state_mut().tree = tree_of(|st| st.dataframe(numbers(300)).show());
    harness.run();
    assert_eq!(column_text(&harness, "n")[0], scrolled[0]);

    // A filter kept 100 rows: the table starts at the first.
    harness.state_mut().tree = tree_of(|st| st.dataframe(numbers(100)).show());
    harness.run_steps(30);
    assert_eq!(column_text(&harness, "n")[0], "0");
}
