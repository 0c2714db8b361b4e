//! Issue 15: `st.data_editor` and row selection on `st.dataframe`.
//!
//! Through AppTest: each editor type (number with bounds, text with a
//! length, checkbox, options, date, time, date-time with a zone), edits,
//! added and deleted rows and their delta in session state, refused
//! values, `on_change` order, identity and reset when the table's columns
//! change, and selections by the table's own row positions. Through the
//! page code the window uses, driven by kittest with real key events:
//! typing into a cell, Escape, Tab, a refused cell, copy and paste of a
//! range as tab-separated text, a click that selects rows of a sorted
//! table.

#![allow(clippy::unwrap_used, reason = "it's a test")]

use brook_tests::window::{deliver, harness_of};
use std::sync::Arc;

use brook::data::arrow::array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray,
    Time64MicrosecondArray, TimestampMicrosecondArray,
};
use brook::element::Value;
use brook::prelude::*;
use brook::testing::AppTest;
use brook::widgets::snapshot::{Harness, PageState};
use brook_engine::Event;
use brook_engine::data::EditorRow;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use parking_lot::Mutex;

/// Tickets: a whole number, text, a number with a fraction, a boolean.
fn tickets() -> Table {
    Table::from_csv(
        "id,title,hours,done\n1,Printer jams,1.5,false\n2,VPN drops,3,true\n3,New laptop,0.5,false\n",
    )
    .unwrap()
}

/// One column of each editable kind.
fn kinds() -> Table {
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("qty", Arc::new(Int64Array::from(vec![Some(1), Some(2)]))),
        ("price", Arc::new(Float64Array::from(vec![Some(2.5), None]))),
        ("name", Arc::new(StringArray::from(vec!["pen", "ink"]))),
        ("ok", Arc::new(BooleanArray::from(vec![true, false]))),
        ("day", Arc::new(Date32Array::from(vec![20_000, 20_001]))),
        (
            "at",
            Arc::new(Time64MicrosecondArray::from(vec![
                9 * 3_600_000_000,
                17 * 3_600_000_000,
            ])),
        ),
        (
            "when",
            Arc::new(
                TimestampMicrosecondArray::from(vec![1_780_000_000_000_000, 1_780_003_600_000_000])
                    .with_timezone("Europe/Berlin"),
            ),
        ),
    ];
    Table::from(RecordBatch::try_from_iter(columns).unwrap())
}

fn editor_app(table: Table) -> AppTest {
    let mut at = AppTest::new(move |st| {
        let edited = st
            .data_editor(&table)
            .column("qty", ColumnConfig::new().min(0.0).max(100.0))
            .column("name", ColumnConfig::new().max_chars(5))
            .key("grid")
            .show();
        st.session_state().set("edited", edited);
    });
    at.run();
    at
}

fn edited(at: &AppTest) -> Table {
    at.session_state().get::<Table>("edited").unwrap()
}

// Issue 15: each editor type takes a value of its kind, and the script
// gets it in the column's own type.
#[test]
fn every_column_kind_takes_a_typed_value() {
    let mut at = editor_app(kinds());
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    at.data_editor("grid")
        .edit_cell(0, "qty", 7_i64)
        .edit_cell(0, "price", "9.25")
        .edit_cell(0, "name", "cap")
        .edit_cell(0, "ok", false)
        .edit_cell(0, "day", "2026-12-24")
        .edit_cell(0, "at", "08:15")
        .edit_cell(0, "when", "2026-07-01 09:30")
        .run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    let table = edited(&at);
    assert_eq!(table.row_text(0)[..4], ["7", "9.25", "cap", "false"]);
    assert_eq!(table.cell_text(0, "day"), "2026-12-24");
    assert_eq!(table.cell_text(0, "at"), "08:15:00");
    assert_eq!(
        table.cell(0, "when"),
        Cell::Text("2026-07-01T09:30:00+02:00".into()),
        "a wall-clock time in the column's zone"
    );
    // The columns keep their types.
    assert_eq!(table.schema(), kinds().schema());
    // Session state holds the edits, typed by column.
    let edits: TableEdits = at.session_state().get("grid").unwrap();
    assert_eq!(edits.edited_rows[&0]["price"], Cell::Float(9.25));
    assert_eq!(edits.edited_rows[&0]["qty"], Cell::Int(7));
}

// Issue 15: a value that does not fit is refused with a message naming
// the cell, and never stored.
#[test]
fn values_that_do_not_fit_are_refused_and_never_stored() {
    for (column, value, why) in [
        ("qty", Cell::from("many"), "not a whole number"),
        ("qty", Cell::Int(101), "above the maximum"),
        ("qty", Cell::Int(-1), "below the minimum"),
        ("name", Cell::from("pencil"), "at most 5"),
        ("day", Cell::from("2026-02-30"), "not a date"),
        (
            "when",
            Cell::from("2026-03-29 02:30"),
            "does not exist in Europe/Berlin",
        ),
        ("ok", Cell::from("maybe"), "not true or false"),
    ] {
        let mut at = editor_app(kinds());
        at.data_editor("grid")
            .edit_cell(1, column, value.clone())
            .run();
        let errors = at.error();
        assert_eq!(errors.len(), 1, "{column} {value:?}: {errors:?}");
        assert!(errors[0].contains(why), "{column}: {errors:?}");
        assert!(errors[0].contains(&format!("\"{column}\"")), "{errors:?}");
        let edits: TableEdits = at.session_state().get("grid").unwrap();
        assert!(edits.is_empty(), "{column}: nothing stored: {edits:?}");
        assert_eq!(edited(&at), kinds());
    }
}

// Issue 15: a required cell left empty is refused; in an added row
// without a default too.
#[test]
fn a_required_cell_cannot_be_left_empty() {
    let mut at = AppTest::new(|st| {
        let edited = st
            .data_editor(tickets())
            .column("title", ColumnConfig::new().required(true))
            .num_rows(NumRows::Dynamic)
            .key("t")
            .show();
        st.text(format!("{} rows", edited.len()));
    });
    at.run();
    at.data_editor("t").edit_cell(0, "title", Cell::Null).run();
    assert!(at.error()[0].contains("required"), "{:?}", at.error());
    at.data_editor("t").add_row([("hours", 2.0)]).run();
    assert!(at.error()[0].contains("is required"), "{:?}", at.error());
    assert_eq!(at.text(), ["3 rows"]);
    at.data_editor("t").add_row([("title", "Fix it")]).run();
    assert!(at.error().is_empty());
    assert_eq!(at.text(), ["4 rows"]);
}

// Issue 15: edits, added rows and deleted rows in Streamlit's shape, and
// the returned table applies them.
#[test]
fn edits_added_and_deleted_rows_are_kept_in_session_state_and_applied() {
    let mut at = AppTest::new(|st| {
        let edited = st
            .data_editor(tickets())
            .column("done", ColumnConfig::new().default_value(false))
            .num_rows(NumRows::Dynamic)
            .key("t")
            .show();
        st.session_state().set("edited", edited);
    });
    at.run();
    at.data_editor("t")
        .edit_cell(0, "hours", 2.0)
        .add_row([("id", Cell::Int(4)), ("title", "Badge".into())])
        .delete_rows([1])
        .run();
    let edits: TableEdits = at.session_state().get("t").unwrap();
    assert_eq!(
        edits.edited_rows,
        [(0, [("hours".to_owned(), Cell::Float(2.0))].into())].into()
    );
    assert_eq!(
        edits.added_rows,
        [[
            ("id".to_owned(), Cell::Int(4)),
            ("title".to_owned(), Cell::from("Badge"))
        ]
        .into()]
    );
    assert_eq!(edits.deleted_rows, [1]);
    let table = edited(&at);
    assert_eq!(table.column_text("id").unwrap(), ["1", "3", "4"]);
    assert_eq!(table.column_text("hours").unwrap(), ["2", "0.5", ""]);
    assert_eq!(
        table.column_text("done").unwrap(),
        ["false", "false", "false"],
        "the added row takes the column's default"
    );
    // Deleting the added row removes it from the added rows.
    let handle = at.data_editor("t");
    let mut edits = handle.edits().clone();
    edits.delete(&[EditorRow::Added(0)]);
    assert!(edits.added_rows.is_empty());
}

// Issue 15: rows cannot be added or deleted when they are fixed.
#[test]
fn fixed_rows_refuse_added_and_deleted_rows() {
    let mut at = AppTest::new(|st| {
        let edited = st.data_editor(tickets()).key("grid").show();
        st.text(format!("{} rows", edited.len()));
    });
    at.run();
    at.data_editor("grid").delete_rows([0]).run();
    assert!(at.error()[0].contains("fixed"), "{:?}", at.error());
    at.data_editor("grid").add_row([("id", 4_i64)]).run();
    assert!(at.error()[0].contains("fixed"), "{:?}", at.error());
    assert_eq!(at.text(), ["3 rows"]);
}

// Issue 15: a disabled column refuses edits.
#[test]
fn a_disabled_column_refuses_edits() {
    let mut at = AppTest::new(|st| {
        st.data_editor(tickets())
            .disabled_columns(["id"])
            .key("t")
            .show();
    });
    at.run();
    at.data_editor("t").edit_cell(0, "id", 9_i64).run();
    assert!(at.error()[0].contains("disabled"), "{:?}", at.error());
    let edits: TableEdits = at.session_state().get("t").unwrap();
    assert!(edits.is_empty());
}

// Issue 15: on_change runs before the script, with session state already
// holding the new edits; and not for a refused edit.
#[test]
fn on_change_runs_first_with_the_new_edits() {
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen = Arc::clone(&log);
    let mut at = AppTest::new(move |st| {
        let in_callback = Arc::clone(&seen);
        let edited = st
            .data_editor(tickets())
            .key("t")
            .on_change(move |st| {
                let edits: TableEdits = st.session_state().get("t").unwrap();
                in_callback
                    .lock()
                    .push(format!("callback: {} edited", edits.edited_rows.len()));
            })
            .show();
        seen.lock()
            .push(format!("script: {}", edited.cell_text(0, "title")));
    });
    at.run();
    at.data_editor("t").edit_cell(0, "title", "Toner").run();
    at.data_editor("t").edit_cell(0, "hours", "lots").run();
    assert_eq!(
        *log.lock(),
        [
            "script: Printer jams",
            "callback: 1 edited",
            "script: Toner",
            "script: Toner",
        ]
    );
}

// Issue 15: the editor's identity. Edits stay across reruns of the same
// table; a table whose columns change resets a keyed editor's edits, with
// the script, the window and session state agreeing.
#[test]
fn edits_reset_when_the_tables_columns_change() {
    let mut at = AppTest::new(|st| {
        let wide = st.checkbox("wide").key("wide").show();
        let table = if wide {
            Table::from_csv("id,title,owner\n1,a,x\n").unwrap()
        } else {
            Table::from_csv("id,title\n1,a\n").unwrap()
        };
        let edited = st.data_editor(&table).key("t").show();
        st.text(edited.cell_text(0, "title"));
    });
    at.run();
    at.data_editor("t").edit_cell(0, "title", "b").run();
    assert_eq!(at.text(), ["b"]);
    at.widget("wide").check().run();
    // Still valid: the same columns plus one. Edits to `title` stay.
    assert_eq!(at.text(), ["b"]);
    let mut at = AppTest::new(|st| {
        let other = st.checkbox("other").key("other").show();
        let table = if other {
            Table::from_csv("id,name\n1,a\n").unwrap()
        } else {
            Table::from_csv("id,title\n1,a\n").unwrap()
        };
        let edited = st.data_editor(&table).key("t").show();
        st.text(edited.row_text(0).join(","));
    });
    at.run();
    at.data_editor("t").edit_cell(0, "title", "b").run();
    assert_eq!(at.text(), ["1,b"]);
    at.widget("other").check().run();
    assert_eq!(at.text(), ["1,a"], "the edit named a column that is gone");
    let edits: TableEdits = at.session_state().get("t").unwrap();
    assert!(edits.is_empty());
    assert_eq!(
        at.data_editor("t").edits(),
        &TableEdits::default(),
        "the window draws no edits"
    );
}

// Issue 15: without a key, the editor is known by its table's columns and
// row count: another table of other rows is a new editor.
#[test]
fn a_keyless_editor_is_new_for_a_table_of_other_rows() {
    let mut at = AppTest::new(|st| {
        let more = st.checkbox("more").show();
        let table = if more {
            Table::from_csv("n\n1\n2\n3\n").unwrap()
        } else {
            Table::from_csv("n\n1\n2\n").unwrap()
        };
        let edited = st.data_editor(&table).show();
        st.text(edited.column_text("n").unwrap().join(","));
    });
    at.run();
    at.data_editor("").edit_cell(0, "n", 5_i64).run();
    assert_eq!(at.text(), ["5,2"]);
    at.widget("more").check().run();
    assert_eq!(at.text(), ["1,2,3"]);
}

fn picked_app() -> AppTest {
    let mut at = AppTest::new(|st| {
        let picked = st
            .dataframe(tickets())
            .on_select(SelectionMode::MultiRow)
            .key("pick")
            .show();
        let titles: Vec<String> = picked
            .rows
            .iter()
            .map(|&row| tickets().cell_text(row, "title"))
            .collect();
        st.text(titles.join(", "));
    });
    at.run();
    at
}

// Issue 15: selected rows are positions in the table given, returned to
// the script and held in session state.
#[test]
fn selected_rows_are_returned_as_positions_in_the_table() {
    let mut at = picked_app();
    assert_eq!(at.text(), [""]);
    at.dataframe("pick").select_rows([2, 0]).run();
    assert_eq!(at.text(), ["Printer jams, New laptop"]);
    let selection: TableSelection = at.session_state().get("pick").unwrap();
    assert_eq!(selection.rows, [0, 2]);
    // A row past the table is dropped.
    at.dataframe("pick").select_rows([1, 9]).run();
    assert_eq!(at.text(), ["VPN drops"]);
}

// Issue 15: single-row selection keeps one row; cells and columns come
// back by name.
#[test]
fn single_row_cell_and_column_selections() {
    let mut at = AppTest::new(|st| {
        let one = st
            .dataframe(tickets())
            .on_select(SelectionMode::SingleRow)
            .key("one")
            .show();
        let cells = st
            .dataframe(tickets())
            .on_select(SelectionMode::MultiCell)
            .key("cells")
            .show();
        let columns = st
            .dataframe(tickets())
            .on_select(SelectionMode::MultiColumn)
            .key("columns")
            .show();
        st.text(format!(
            "{:?} {:?} {:?}",
            one.rows, cells.cells, columns.columns
        ));
    });
    at.run();
    at.dataframe("one").select_rows([0, 1]).stage();
    at.dataframe("cells")
        .select_cells([(1, "title"), (2, "nope")])
        .stage();
    at.dataframe("columns")
        .select_columns(["hours", "done"])
        .run();
    assert_eq!(at.text(), [r#"[0] [(1, "title")] ["hours", "done"]"#]);
}

/// The edits the window sent, last first.
fn sent_edits(harness: &Harness<'_, PageState>) -> Vec<TableEdits> {
    harness
        .state()
        .events
        .iter()
        .rev()
        .filter_map(|event| match event {
            Event::WidgetChanged {
                value: Value::TableEdits(edits),
                ..
            } => Some((**edits).clone()),
            _ => None,
        })
        .collect()
}

// Issue 15: typing into a cell with real key events: a click selects the
// cell, typing starts editing with what was typed, Enter saves and moves
// down, Escape cancels an edit.
#[test]
fn typing_into_a_cell_saves_on_enter_and_escape_cancels() {
    let mut at = AppTest::new(|st| {
        let edited = st.data_editor(tickets()).key("t").show();
        st.text(edited.column_text("title").unwrap().join("|"));
    });
    at.run();
    let mut harness = harness_of(&at, 700.0, 300.0);
    click_cell(&mut harness, "title", 1);
    type_text(&mut harness, "Paper jam");
    harness.key_press(Key::Enter);
    harness.run();
    let sent = sent_edits(&harness);
    assert_eq!(
        sent.first()
            .and_then(|e| e.cell(EditorRow::Data(0), "title")),
        Some(&Cell::from("Paper jam"))
    );
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["Paper jam|VPN drops|New laptop"]);
    let mut harness_after = harness_of(&at, 700.0, 300.0);
    assert_eq!(cell_value(&harness_after, "title", 1), "Paper jam");
    harness_after.run();
    // The cursor moved down: row 1. Type, then Escape: nothing is sent.
    type_text(&mut harness, "Wifi");
    let field = harness.get_by_role(Role::TextInput);
    assert_eq!(field.accesskit_node().value().as_deref(), Some("Wifi"));
    harness.key_press(Key::Escape);
    harness.run();
    assert!(sent_edits(&harness).is_empty(), "Escape cancels");
    assert!(harness.query_by_role(Role::TextInput).is_none());
    assert_eq!(cell_value(&harness, "title", 2), "VPN drops");
}

/// Clicks the cell of column `label` in the row shown at `row` (from 1).
fn click_cell(harness: &mut Harness<'_, PageState>, label: &str, row: usize) {
    harness.get_by_label(&format!("{label}, row {row}")).click();
    harness.run();
}

/// The text a cell shows.
fn cell_value(harness: &Harness<'_, PageState>, label: &str, row: usize) -> String {
    harness
        .get_by_label(&format!("{label}, row {row}"))
        .accesskit_node()
        .value()
        .unwrap_or_default()
}

fn type_text(harness: &mut Harness<'_, PageState>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
    harness.run();
}

fn dynamic_app() -> AppTest {
    let mut at = AppTest::new(|st| {
        let edited = st
            .data_editor(tickets())
            .column("done", ColumnConfig::new().default_value(false))
            .num_rows(NumRows::Dynamic)
            .key("t")
            .show();
        st.text(format!("{} rows", edited.len()));
    });
    at.run();
    at
}

// Issue 15: Tab saves and moves right, so a row is typed like a
// spreadsheet's.
#[test]
fn tab_saves_and_moves_to_the_next_column() {
    let mut at = dynamic_app();
    let mut harness = harness_of(&at, 760.0, 300.0);
    click_cell(&mut harness, "title", 2);
    type_text(&mut harness, "VPN slow");
    harness.key_press(Key::Tab);
    harness.run();
    type_text(&mut harness, "4.5");
    harness.key_press(Key::Tab);
    harness.run();
    let edits = sent_edits(&harness).remove(0);
    assert_eq!(
        edits.edited_rows[&1],
        [
            ("hours".to_owned(), Cell::Float(4.5)),
            ("title".to_owned(), Cell::from("VPN slow"))
        ]
        .into()
    );
    deliver(&mut at, &mut harness);
    assert!(at.error().is_empty(), "{:?}", at.error());
}

// Issue 15: a value that does not fit is refused in the cell: drawn in the
// error colour with why below the grid, and nothing is sent; the person
// keeps editing it.
#[test]
fn a_refused_cell_says_why_and_sends_nothing() {
    let at = dynamic_app();
    let mut harness = harness_of(&at, 760.0, 300.0);
    click_cell(&mut harness, "hours", 1);
    type_text(&mut harness, "two");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(sent_edits(&harness).is_empty());
    let message = harness.get_by_label_contains("is not a number");
    let node = message.accesskit_node();
    let text = node.label().or_else(|| node.value()).unwrap_or_default();
    assert!(
        text.contains("\"two\""),
        "the message names the value: {text}"
    );
    let field = harness.get_by_role(Role::TextInput);
    assert_eq!(field.accesskit_node().value().as_deref(), Some("two"));
}

// Issue 15: a checkbox cell toggles with a click; Space toggles the cell
// the cursor is on.
#[test]
fn a_checkbox_cell_toggles_with_a_click_and_with_space() {
    let at = dynamic_app();
    let mut harness = harness_of(&at, 760.0, 300.0);
    click_cell(&mut harness, "done", 1);
    assert_eq!(
        sent_edits(&harness)[0].edited_rows[&0]["done"],
        Cell::Bool(true)
    );
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::Space);
    harness.run();
    assert_eq!(
        sent_edits(&harness)[0].edited_rows[&1]["done"],
        Cell::Bool(false),
        "row 2 was true"
    );
}

// Issue 15: an options column is edited by picking from its list with
// the arrow keys and Enter.
#[test]
fn an_options_cell_is_picked_from_its_list() {
    let mut at = AppTest::new(|st| {
        let table = Table::from_csv("title,status\nPrinter,open\nVPN,open\n").unwrap();
        st.data_editor(table)
            .column(
                "status",
                ColumnConfig::new().options(["open", "waiting", "closed"]),
            )
            .key("t")
            .show();
    });
    at.run();
    let mut harness = harness_of(&at, 600.0, 300.0);
    click_cell(&mut harness, "status", 2);
    harness.key_press(Key::Enter);
    harness.run();
    // The list is open, on the cell's option.
    assert!(harness.query_by_label("closed").is_some());
    harness.key_press(Key::ArrowDown);
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        sent_edits(&harness)[0].edited_rows[&1]["status"],
        Cell::from("closed")
    );
    deliver(&mut at, &mut harness);
    assert!(at.error().is_empty());
}

// Issue 15: Ctrl+C copies a 3x2 range as tab-separated text (selected
// with Shift and the arrow keys), and pasting it two rows lower edits
// the rows there and adds the row past the last.
#[test]
fn a_range_of_three_rows_and_two_columns_copies_and_pastes_as_tab_separated_text() {
    let mut at = dynamic_app();
    let mut harness = harness_of(&at, 760.0, 300.0);
    click_cell(&mut harness, "id", 1);
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::ArrowDown);
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::ArrowDown);
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::ArrowRight);
    harness.run();
    // One event, one frame: the copy is in that frame's output.
    harness.event(egui::Event::Key {
        key: Key::C,
        pressed: true,
        modifiers: egui::Modifiers::COMMAND,
        repeat: false,
        physical_key: None,
    });
    harness.step();
    let copied: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        copied.first().map(String::as_str),
        Some("1\tPrinter jams\n2\tVPN drops\n3\tNew laptop")
    );
    harness.run();
    // The cursor is on the range's far corner (row 3, title): back to the
    // first column, and paste there.
    harness.key_press(Key::ArrowLeft);
    harness.run();
    harness.event(egui::Event::Paste(copied[0].clone()));
    harness.run();
    let edits = sent_edits(&harness).remove(0);
    assert_eq!(edits.edited_rows.len(), 1, "{edits:?}");
    assert_eq!(edits.edited_rows[&2]["id"], Cell::Int(1));
    assert_eq!(edits.edited_rows[&2]["title"], Cell::from("Printer jams"));
    assert_eq!(edits.added_rows.len(), 2);
    assert_eq!(edits.added_rows[1]["title"], Cell::from("New laptop"));
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["5 rows"]);
}

// Issue 15: pasted cells that do not fit are refused and counted; the
// others are pasted.
#[test]
fn pasted_cells_that_do_not_fit_are_refused_and_the_rest_pasted() {
    let at = dynamic_app();
    let mut harness = harness_of(&at, 760.0, 300.0);
    click_cell(&mut harness, "title", 1);
    harness.event(egui::Event::Paste("Toner\tlots\nWifi\t2\n".to_owned()));
    harness.run();
    let edits = sent_edits(&harness).remove(0);
    assert_eq!(edits.edited_rows[&0]["title"], Cell::from("Toner"));
    assert!(!edits.edited_rows[&0].contains_key("hours"));
    assert_eq!(edits.edited_rows[&1]["hours"], Cell::Float(2.0));
    assert!(harness.query_by_label_contains("Not pasted").is_some());
}

// Issue 15: rows are added with the button and deleted by selecting them
// by their number and pressing Delete.
#[test]
fn rows_are_added_with_the_button_and_deleted_with_the_delete_key() {
    let mut at = dynamic_app();
    let mut harness = harness_of(&at, 760.0, 300.0);
    harness.get_by_label("+ Add row").click();
    harness.run();
    assert_eq!(sent_edits(&harness)[0].added_rows.len(), 1);
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["4 rows"]);
    let mut harness = harness_of(&at, 760.0, 300.0);
    harness.get_by_label("Row 2").click();
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    let edits = sent_edits(&harness).remove(0);
    assert_eq!(edits.deleted_rows, [1]);
    assert_eq!(edits.added_rows.len(), 1);
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["3 rows"]);
}

// Issue 15: a click on a row of a sorted dataframe selects that row by its
// position in the table, not on screen.
#[test]
fn a_row_clicked_in_a_sorted_dataframe_is_returned_by_its_table_position() {
    let mut at = picked_app();
    let mut harness = harness_of(&at, 760.0, 300.0);
    // Sort by hours: 0.5 (row 2), 1.5 (row 0), 3 (row 1).
    harness.get_by_role_and_label(Role::Button, "hours").click();
    harness.run();
    let first_on_screen = harness
        .query_all_by_role(Role::RowHeader)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap();
    first_on_screen.click();
    harness.run();
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["New laptop"]);
    let selection: TableSelection = at.session_state().get("pick").unwrap();
    assert_eq!(selection.rows, [2]);
}

// Issue 15: a date cell is edited with a month calendar under it (or by
// typing the date); a click on a day saves it.
#[test]
fn a_date_cell_is_picked_from_a_calendar() {
    let mut at = AppTest::new(|st| {
        let table = Table::from_csv("task,due\nreport,2026-12-08\n").unwrap();
        let edited = st.data_editor(table).key("t").show();
        st.text(edited.cell_text(0, "due"));
    });
    at.run();
    let mut harness = harness_of(&at, 600.0, 400.0);
    click_cell(&mut harness, "due", 1);
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.query_by_label("December 2026").is_some());
    harness.get_by_label("24").click();
    harness.run();
    assert_eq!(
        sent_edits(&harness)[0].edited_rows[&0]["due"],
        Cell::from("2026-12-24")
    );
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["2026-12-24"]);
}

// Issue 15 (found trying it as a user): "+ Add row" with a required
// column adds an empty row that is kept in the window, flagged, and sent
// once its required cell is filled in; typing fast into a cell loses no
// character.
#[test]
fn a_new_row_waits_for_its_required_cells_and_fast_typing_keeps_every_character() {
    let mut at = AppTest::new(|st| {
        let edited = st
            .data_editor(tickets())
            .column("title", ColumnConfig::new().required(true))
            .num_rows(NumRows::Dynamic)
            .key("t")
            .show();
        st.text(format!("{} rows", edited.len()));
    });
    at.run();
    let mut harness = harness_of(&at, 760.0, 300.0);
    harness.get_by_label("+ Add row").click();
    harness.run();
    assert!(sent_edits(&harness).is_empty(), "a draft is not sent");
    assert!(
        harness
            .query_by_label_contains("saved once its title is filled in")
            .is_some()
    );
    assert!(harness.query_by_label("title, row 4").is_some(), "drawn");
    click_cell(&mut harness, "title", 4);
    // Three characters and Enter in one frame, as a fast typist's keys
    // can arrive.
    harness.event(egui::Event::Text("B".into()));
    harness.event(egui::Event::Text("a".into()));
    harness.event(egui::Event::Text("d".into()));
    harness.event(egui::Event::Key {
        key: Key::Enter,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
        repeat: false,
        physical_key: None,
    });
    harness.run();
    let edits = sent_edits(&harness).remove(0);
    assert_eq!(
        edits.added_rows,
        [[("title".to_owned(), Cell::from("Bad"))].into()]
    );
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["4 rows"]);
}

// Issue 15 (found trying it as a user): empty text is as empty as a null
// for a required column, from code as from the window.
#[test]
fn empty_text_in_a_required_column_is_refused_from_code_too() {
    let mut at = AppTest::new(|st| {
        st.data_editor(tickets())
            .column(
                "title",
                ColumnConfig::new().required(true).default_value(""),
            )
            .num_rows(NumRows::Dynamic)
            .key("t")
            .show();
    });
    at.run();
    at.data_editor("t").edit_cell(0, "title", "  ").run();
    assert!(at.error()[0].contains("required"), "{:?}", at.error());
    at.data_editor("t").add_row([("hours", 1.0)]).run();
    assert!(at.error()[0].contains("is required"), "{:?}", at.error());
    let edits: TableEdits = at.session_state().get("t").unwrap();
    assert!(edits.is_empty());
}
