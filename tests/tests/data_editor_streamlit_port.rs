//! Streamlit's own tests of `st.data_editor` and of dataframe selections,
//! ported to brook by behaviour.
//!
//! Sources (streamlit/streamlit): `lib/tests/streamlit/elements/
//! data_editor_test.py`, the selection tests of
//! `lib/tests/streamlit/elements/arrow_dataframe_test.py`,
//! `lib/tests/streamlit/elements/lib/column_config_utils_test.py`,
//! `e2e_playwright/st_dataframe_selections_test.py` and
//! `e2e_playwright/st_data_editor_config_test.py`. Each test names the test
//! it ports. Where brook differs on purpose (Rust types instead of pandas,
//! no index to edit, session state may preset a value, widgets in cached
//! functions are an error), the test checks brook's behaviour and says so.
//!
//! Most tests go through AppTest; those about the window (a disabled
//! editor, the toolbar, the row numbers, clicks that select) draw the
//! page with the code the window uses and drive it with kittest.

#![allow(clippy::unwrap_used, reason = "it's a test")]

use brook_tests::window::{deliver, harness_of};
use std::sync::Arc;

use brook::data::arrow::array::types::Int64Type;
use brook::data::arrow::array::{
    Array, ArrayRef, BooleanArray, Date32Array, Decimal128Array, DurationMicrosecondArray,
    Int64Array, ListArray, RecordBatch, StringArray, Time32SecondArray, Time64MicrosecondArray,
    TimestampMicrosecondArray, TimestampSecondArray,
};
use brook::element::{Value, WidgetSpec};
use brook::prelude::*;
use brook::testing::AppTest;
use brook::widgets::snapshot::{Harness, PageState};
use brook_engine::Event;
use chrono::{NaiveDate, NaiveTime, Timelike as _};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use parking_lot::Mutex;

// ---------------------------------------------------------------------------
// Helpers.

/// Streamlit's `col1`/`col2`/`col3` frame: whole numbers, text, booleans.
fn three_columns() -> Table {
    Table::from_csv("col1,col2,col3\n1,a,true\n2,b,false\n3,c,true\n").unwrap()
}

/// A table of named Arrow columns.
fn table_of(columns: Vec<(&str, ArrayRef)>) -> Table {
    Table::from(RecordBatch::try_from_iter(columns).unwrap())
}

/// A script: a keyed data editor of `table` ("t"), its result kept in
/// session state as "edited".
fn editor_of(table: Table, dynamic: bool) -> AppTest {
    let mut at = AppTest::new(move |st| {
        let rows = if dynamic {
            NumRows::Dynamic
        } else {
            NumRows::Fixed
        };
        let edited = st.data_editor(&table).num_rows(rows).key("t").show();
        st.session_state().set("edited", edited);
    });
    at.run();
    at
}

fn edited(at: &AppTest) -> Table {
    at.session_state().get::<Table>("edited").unwrap()
}

fn stored_edits(at: &AppTest) -> TableEdits {
    at.session_state().get("t").unwrap()
}

/// Microseconds since the epoch of a UTC date and time.
fn micros(date: (i32, u32, u32), time: (u32, u32, u32, u32)) -> i64 {
    NaiveDate::from_ymd_opt(date.0, date.1, date.2)
        .unwrap()
        .and_hms_micro_opt(time.0, time.1, time.2, time.3)
        .unwrap()
        .and_utc()
        .timestamp_micros()
}

fn timestamps(table: &Table, column: &str) -> Vec<Option<i64>> {
    let array = table.array(column).unwrap();
    let array = array
        .as_any()
        .downcast_ref::<TimestampMicrosecondArray>()
        .unwrap();
    array.iter().collect()
}

/// The values the window sent, last first.
fn sent(harness: &Harness<'_, PageState>) -> Vec<Value> {
    harness
        .state()
        .events
        .iter()
        .rev()
        .filter_map(|event| match event {
            Event::WidgetChanged { value, .. } => Some(value.clone()),
            _ => None,
        })
        .collect()
}

fn type_text(harness: &mut Harness<'_, PageState>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
    harness.run();
}

// ---------------------------------------------------------------------------
// Parsing a cell for its column (data_editor_test.py, test_parse_value).

// Ports data_editor_test.py::DataEditorUtilTest::test_parse_value (the
// STRING cases): text, numbers and an empty cell in a text column.
#[test]
fn a_text_column_takes_text_numbers_as_text_and_empty_cells() {
    for (value, expected) in [
        (Cell::from("hello"), Cell::from("hello")),
        (Cell::Int(123), Cell::from("123")),
        (Cell::Float(123.1234), Cell::from("123.1234")),
        (Cell::Null, Cell::Null),
    ] {
        let mut at = editor_of(three_columns(), false);
        at.data_editor("t")
            .edit_cell(0, "col2", value.clone())
            .run();
        assert!(at.error().is_empty(), "{value:?}: {:?}", at.error());
        assert_eq!(edited(&at).cell(0, "col2"), expected, "{value:?}");
    }
}

// Ports data_editor_test.py::DataEditorUtilTest::test_parse_value (the
// INTEGER cases). brook differs on purpose for 123.1234: Streamlit
// truncates it to 123, brook refuses a fraction in a whole-number column
// rather than lose it silently.
#[test]
fn a_whole_number_column_takes_numbers_and_number_text_but_refuses_a_fraction() {
    for (value, expected) in [
        (Cell::from("123"), Cell::Int(123)),
        (Cell::Int(123), Cell::Int(123)),
        (Cell::Float(123.0), Cell::Int(123)),
        (Cell::Null, Cell::Null),
    ] {
        let mut at = editor_of(three_columns(), false);
        at.data_editor("t")
            .edit_cell(1, "col1", value.clone())
            .run();
        assert!(at.error().is_empty(), "{value:?}: {:?}", at.error());
        assert_eq!(edited(&at).cell(1, "col1"), expected, "{value:?}");
    }
    let mut at = editor_of(three_columns(), false);
    at.data_editor("t").edit_cell(1, "col1", 123.1234).run();
    assert!(
        at.error().iter().any(|e| e.contains("123.1234")),
        "{:?}",
        at.error()
    );
    assert_eq!(edited(&at).cell(1, "col1"), Cell::Int(2), "not stored");
}

// Ports data_editor_test.py::DataEditorUtilTest::test_parse_value (the
// FLOAT cases): number text, a float, a whole number.
#[test]
fn a_number_column_takes_number_text_floats_and_whole_numbers() {
    let table = Table::from_csv("x\n1.5\n2.5\n").unwrap();
    for (value, expected) in [
        (Cell::from("123.45"), 123.45),
        (Cell::Float(123.45), 123.45),
        (Cell::Int(123), 123.0),
    ] {
        let mut at = editor_of(table.clone(), false);
        at.data_editor("t").edit_cell(0, "x", value.clone()).run();
        assert!(at.error().is_empty(), "{value:?}: {:?}", at.error());
        assert_eq!(edited(&at).cell(0, "x"), Cell::Float(expected), "{value:?}");
    }
    let mut at = editor_of(table, false);
    at.data_editor("t").edit_cell(0, "x", Cell::Null).run();
    assert_eq!(edited(&at).cell(0, "x"), Cell::Null);
}

// Ports data_editor_test.py::DataEditorUtilTest::test_parse_value (the
// BOOLEAN cases): a boolean, "true", an empty cell.
#[test]
fn a_checkbox_column_takes_booleans_true_text_and_empty_cells() {
    for (value, expected) in [
        (Cell::Bool(true), Cell::Bool(true)),
        (Cell::from("true"), Cell::Bool(true)),
        (Cell::Null, Cell::Null),
    ] {
        let mut at = editor_of(three_columns(), false);
        at.data_editor("t")
            .edit_cell(1, "col3", value.clone())
            .run();
        assert!(at.error().is_empty(), "{value:?}: {:?}", at.error());
        assert_eq!(edited(&at).cell(1, "col3"), expected, "{value:?}");
    }
}

// Ports data_editor_test.py::DataEditorUtilTest::test_parse_value (the
// DATETIME cases): ISO date-times with and without fractions, a date
// alone (midnight), and a "Z" time (UTC) in a column without a zone.
#[test]
fn a_date_time_column_takes_iso_text_with_seconds_fractions_and_utc() {
    let table = table_of(vec![(
        "when",
        Arc::new(TimestampMicrosecondArray::from(vec![0_i64])),
    )]);
    for (text, expected) in [
        ("2021-01-01T10:20:30", micros((2021, 1, 1), (10, 20, 30, 0))),
        ("2021-01-01", micros((2021, 1, 1), (0, 0, 0, 0))),
        (
            "2021-01-01T10:20:30Z",
            micros((2021, 1, 1), (10, 20, 30, 0)),
        ),
        (
            "2021-01-01T10:20:30.123456",
            micros((2021, 1, 1), (10, 20, 30, 123_456)),
        ),
        (
            "2021-01-01T10:20:30.123456Z",
            micros((2021, 1, 1), (10, 20, 30, 123_456)),
        ),
    ] {
        let mut at = editor_of(table.clone(), false);
        at.data_editor("t").edit_cell(0, "when", text).run();
        assert!(at.error().is_empty(), "{text}: {:?}", at.error());
        assert_eq!(timestamps(&edited(&at), "when"), [Some(expected)], "{text}");
    }
}

// Ports data_editor_test.py::DataEditorUtilTest::test_parse_value (the
// TIME cases). brook differs on purpose for a full date-time in a time
// column: Streamlit keeps its time of day, brook refuses it and says the
// column takes a time of day (a person types times, not date-times).
#[test]
fn a_time_column_takes_times_with_fractions_and_refuses_a_date_time() {
    let table = table_of(vec![(
        "at",
        Arc::new(Time64MicrosecondArray::from(vec![0_i64])),
    )]);
    let time_of = |table: &Table| {
        let array = table.array("at").unwrap();
        let array = array
            .as_any()
            .downcast_ref::<Time64MicrosecondArray>()
            .unwrap();
        array.value(0)
    };
    for (text, expected) in [
        ("10:20:30", NaiveTime::from_hms_opt(10, 20, 30).unwrap()),
        (
            "10:20:30.123456",
            NaiveTime::from_hms_micro_opt(10, 20, 30, 123_456).unwrap(),
        ),
    ] {
        let mut at = editor_of(table.clone(), false);
        at.data_editor("t").edit_cell(0, "at", text).run();
        assert!(at.error().is_empty(), "{text}: {:?}", at.error());
        let expected = i64::from(expected.num_seconds_from_midnight()) * 1_000_000
            + i64::from(expected.nanosecond() / 1000);
        assert_eq!(time_of(&edited(&at)), expected, "{text}");
    }
    let mut at = editor_of(table, false);
    at.data_editor("t")
        .edit_cell(0, "at", "2021-01-01T10:20:30.123456Z")
        .run();
    assert!(
        at.error().iter().any(|e| e.contains("not a time of day")),
        "{:?}",
        at.error()
    );
}

// Ports data_editor_test.py::DataEditorUtilTest::test_parse_value (the
// ".123456" TIME and DATETIME cases) for columns that keep less: a
// fraction of a second a column of whole seconds cannot keep is refused,
// not cut (Streamlit's columns keep nanoseconds), and a whole second fits.
#[test]
fn a_fraction_of_a_second_a_column_cannot_keep_is_refused() {
    let table = table_of(vec![
        ("ts", Arc::new(TimestampSecondArray::from(vec![0_i64]))),
        ("t", Arc::new(Time32SecondArray::from(vec![0_i32]))),
    ]);
    for (column, text) in [("ts", "2021-01-01T10:20:30.5"), ("t", "10:20:30.5")] {
        let mut at = editor_of(table.clone(), false);
        at.data_editor("t").edit_cell(0, column, text).run();
        assert!(
            at.error()
                .iter()
                .any(|e| e.contains("finer than the column keeps (whole seconds)")),
            "{column}: {:?}",
            at.error()
        );
        assert!(stored_edits(&at).is_empty(), "{column}: nothing stored");
    }
    let mut at = editor_of(table, false);
    at.data_editor("t")
        .edit_cell(0, "ts", "2021-01-01T10:20:30")
        .edit_cell(0, "t", "10:20:30")
        .run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    assert_eq!(edited(&at).row_text(0), ["2021-01-01 10:20:30", "10:20:30"]);
}

// Ports data_editor_test.py::DataEditorUtilTest::test_parse_value (the
// DATE cases). brook differs on purpose for a full date-time in a date
// column: refused with what the column takes, not cut to its date.
#[test]
fn a_date_column_takes_iso_dates_and_refuses_a_date_time() {
    let table = table_of(vec![("day", Arc::new(Date32Array::from(vec![0])))]);
    let mut at = editor_of(table.clone(), false);
    at.data_editor("t").edit_cell(0, "day", "2021-01-01").run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    assert_eq!(edited(&at).cell_text(0, "day"), "2021-01-01");
    let mut at = editor_of(table, false);
    at.data_editor("t")
        .edit_cell(0, "day", "2021-01-01T10:20:30.123456Z")
        .run();
    assert!(
        at.error().iter().any(|e| e.contains("not a date")),
        "{:?}",
        at.error()
    );
    at.data_editor("t").edit_cell(0, "day", Cell::Null).run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    assert_eq!(edited(&at).cell(0, "day"), Cell::Null);
}

// Ports data_editor_test.py::DataEditorUtilTest::test_parse_value (the
// TIMEDELTA case). brook differs: it has no duration editor, so a
// duration column is shown read-only and an edit to it is refused with
// why, while the other columns stay editable.
#[test]
fn a_duration_column_is_read_only() {
    let table = table_of(vec![
        (
            "took",
            Arc::new(DurationMicrosecondArray::from(vec![100_000_i64])),
        ),
        ("n", Arc::new(Int64Array::from(vec![1_i64]))),
    ]);
    let mut at = editor_of(table, false);
    at.data_editor("t").edit_cell(0, "took", 5_i64).run();
    assert!(
        at.error().iter().any(|e| e.contains("cannot be edited")),
        "{:?}",
        at.error()
    );
    assert!(stored_edits(&at).is_empty());
    at.data_editor("t").edit_cell(0, "n", 5_i64).run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    assert_eq!(edited(&at).cell(0, "n"), Cell::Int(5));
}

// ---------------------------------------------------------------------------
// Applying edits (data_editor_test.py, test_apply_*).

/// Streamlit's frame of test_apply_cell_edits: whole numbers, text,
/// booleans, date-times and decimals.
fn five_columns() -> Table {
    table_of(vec![
        ("col1", Arc::new(Int64Array::from(vec![1_i64, 2, 3]))),
        ("col2", Arc::new(StringArray::from(vec!["a", "b", "c"]))),
        (
            "col3",
            Arc::new(BooleanArray::from(vec![true, false, true])),
        ),
        (
            "col4",
            Arc::new(TimestampMicrosecondArray::from(vec![0_i64, 0, 0])),
        ),
        (
            "col5",
            Arc::new(
                Decimal128Array::from(vec![11_000_i128, -123_456, 1_234_560_000])
                    .with_precision_and_scale(12, 4)
                    .unwrap(),
            ),
        ),
    ])
}

// Ports data_editor_test.py::DataEditorUtilTest::test_apply_cell_edits:
// every cell of a row edited (a date-time and a decimal typed as text),
// and a cell of another row emptied.
#[test]
fn cell_edits_of_every_kind_are_applied_in_their_columns_types() {
    let mut at = editor_of(five_columns(), false);
    at.data_editor("t")
        .edit_cell(0, "col1", 10_i64)
        .edit_cell(0, "col2", "foo")
        .edit_cell(0, "col3", false)
        .edit_cell(0, "col4", "2020-03-20T14:28:23")
        .edit_cell(0, "col5", "2.3")
        .edit_cell(1, "col2", Cell::Null)
        .run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    let table = edited(&at);
    assert_eq!(table.cell(0, "col1"), Cell::Int(10));
    assert_eq!(table.cell(0, "col2"), Cell::from("foo"));
    assert_eq!(table.cell(1, "col2"), Cell::Null);
    assert_eq!(table.cell(0, "col3"), Cell::Bool(false));
    assert_eq!(
        timestamps(&table, "col4")[0],
        Some(micros((2020, 3, 20), (14, 28, 23, 0)))
    );
    let decimals = table.array("col5").unwrap();
    let decimals = decimals.as_any().downcast_ref::<Decimal128Array>().unwrap();
    assert_eq!(decimals.value(0), 23_000, "2.3 at scale 4");
    assert_eq!(decimals.value(1), -123_456, "untouched");
    let types = |table: &Table| -> Vec<String> {
        table
            .schema()
            .fields()
            .iter()
            .map(|f| f.data_type().to_string())
            .collect()
    };
    assert_eq!(types(&table), types(&five_columns()), "types kept");
}

// Ports data_editor_test.py::DataEditorUtilTest::test_apply_row_additions:
// two added rows make three rows five.
#[test]
fn added_rows_are_appended_after_the_tables_rows() {
    let mut at = editor_of(five_columns(), true);
    at.data_editor("t")
        .add_row([
            ("col1", Cell::Int(10)),
            ("col2", "foo".into()),
            ("col3", false.into()),
            ("col4", "2020-03-20T14:28:23".into()),
        ])
        .add_row([
            ("col1", Cell::Int(11)),
            ("col2", "bar".into()),
            ("col3", true.into()),
            ("col4", "2023-03-20T14:28:23".into()),
        ])
        .run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    let table = edited(&at);
    assert_eq!(table.len(), 5);
    assert_eq!(
        table.column_text("col2").unwrap(),
        ["a", "b", "c", "foo", "bar"]
    );
    assert_eq!(
        timestamps(&table, "col4")[4],
        Some(micros((2023, 3, 20), (14, 28, 23, 0)))
    );
    assert_eq!(table.cell(3, "col5"), Cell::Null, "a cell not given");
}

// Ports data_editor_test.py::DataEditorUtilTest::test_apply_row_deletions:
// deleting rows 0 and 2 leaves row 1.
#[test]
fn deleted_rows_are_removed_and_the_rest_keep_their_order() {
    let mut at = editor_of(three_columns(), true);
    at.data_editor("t").delete_rows([0, 2]).run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    let table = edited(&at);
    assert_eq!(table.len(), 1, "only one row is left");
    assert_eq!(table.row_text(0), ["2", "b", "false"]);
}

// Ports data_editor_test.py::DataEditorUtilTest::test_apply_dataframe_edits:
// deletions, additions and an edit together, in Streamlit's order (the
// edit names the input row, the added rows come last).
#[test]
fn edits_additions_and_deletions_apply_together() {
    let mut at = editor_of(three_columns(), true);
    at.data_editor("t")
        .delete_rows([0, 2])
        .add_row([
            ("col1", Cell::Int(10)),
            ("col2", "foo".into()),
            ("col3", false.into()),
        ])
        .add_row([
            ("col1", Cell::Int(11)),
            ("col2", "bar".into()),
            ("col3", true.into()),
        ])
        .edit_cell(1, "col1", 123_i64)
        .run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    let table = edited(&at);
    assert_eq!(table.column_text("col1").unwrap(), ["123", "10", "11"]);
    assert_eq!(table.column_text("col2").unwrap(), ["b", "foo", "bar"]);
    assert_eq!(
        table.column_text("col3").unwrap(),
        ["false", "false", "true"]
    );
}

// Ports data_editor_test.py::DataEditorUtilTest::
// test_apply_dataframe_edits_handles_index_changes (streamlit#8854):
// deleting the last row and adding one keeps the values in place. brook
// has no index: the added row goes after the kept rows.
#[test]
fn deleting_the_last_row_and_adding_one_keeps_every_value_in_place() {
    let table = Table::from_csv("A,B\n1,10\n2,20\n3,30\n4,40\n5,50\n").unwrap();
    let mut at = editor_of(table, true);
    at.data_editor("t")
        .delete_rows([4])
        .add_row([("A", Cell::Int(5)), ("B", Cell::Int(123))])
        .run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    let table = edited(&at);
    assert_eq!(
        table.column_text("B").unwrap(),
        ["10", "20", "30", "40", "123"]
    );
    assert_eq!(table.column_text("A").unwrap(), ["1", "2", "3", "4", "5"]);
}

// ---------------------------------------------------------------------------
// The editor's parameters (data_editor_test.py, DataEditorTest).

// Ports data_editor_test.py::DataEditorTest::test_just_disabled_true: a
// disabled editor is drawn read-only; a click and typing edit nothing.
#[test]
fn a_disabled_editor_takes_no_edits_in_the_window() {
    let at = {
        let mut at = AppTest::new(|st| {
            st.data_editor(three_columns())
                .num_rows(NumRows::Dynamic)
                .disabled(true)
                .key("t")
                .show();
        });
        at.run();
        at
    };
    let spec_disabled = at.widgets_of("data_editor")[0].disabled;
    assert!(spec_disabled);
    let mut harness = harness_of(&at, 600.0, 300.0);
    harness.get_by_label("col2, row 1").click();
    harness.run();
    type_text(&mut harness, "x");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(sent(&harness).is_empty(), "nothing is sent");
    assert!(harness.query_by_role(Role::TextInput).is_none());
    assert!(
        harness.query_by_label("+ Add row").is_none(),
        "no rows are added either"
    );
}

// Ports data_editor_test.py::DataEditorTest::test_just_disabled_false:
// an editor that is not disabled takes a typed edit.
#[test]
fn an_enabled_editor_takes_a_typed_edit_in_the_window() {
    let mut at = AppTest::new(|st| {
        let edited = st
            .data_editor(three_columns())
            .disabled(false)
            .key("t")
            .show();
        st.text(edited.column_text("col2").unwrap().join(","));
    });
    at.run();
    let mut harness = harness_of(&at, 600.0, 300.0);
    harness.get_by_label("col2, row 1").click();
    harness.run();
    type_text(&mut harness, "x");
    harness.key_press(Key::Enter);
    harness.run();
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["x,b,c"]);
}

// Ports data_editor_test.py::DataEditorTest::test_just_width_height. brook
// has a height (points) and no width: an editor fills its container's
// width.
#[test]
fn the_editors_height_reaches_the_window() {
    let mut at = AppTest::new(|st| {
        st.data_editor(three_columns()).height(400.0).show();
    });
    at.run();
    let widget = &at.widgets_of("data_editor")[0];
    assert!(
        matches!(&widget.spec, WidgetSpec::DataEditor { config, .. } if config.height == Some(400.0)),
        "{:?}",
        widget.spec
    );
}

// Ports data_editor_test.py::DataEditorTest::test_num_rows_fixed and
// test_num_rows_dynamic: only a dynamic editor has the "+ Add row" button.
#[test]
fn only_a_dynamic_editor_shows_the_add_row_button() {
    for (rows, shown) in [(NumRows::Fixed, false), (NumRows::Dynamic, true)] {
        let mut at = AppTest::new(move |st| {
            st.data_editor(three_columns()).num_rows(rows).show();
        });
        at.run();
        let harness = harness_of(&at, 600.0, 300.0);
        assert_eq!(
            harness.query_by_label("+ Add row").is_some(),
            shown,
            "{rows:?}"
        );
    }
}

// Ports data_editor_test.py::DataEditorTest::test_disable_individual_columns:
// disabling columns a and b leaves c and d editable.
#[test]
fn disabling_two_columns_leaves_the_others_editable() {
    let table = Table::from_csv("a,b,c,d\n1,foo,1,foo\n2,bar,2,bar\n").unwrap();
    let mut at = AppTest::new(move |st| {
        st.data_editor(&table)
            .disabled_columns(["a", "b"])
            .key("t")
            .show();
    });
    at.run();
    for column in ["a", "b"] {
        at.data_editor("t").edit_cell(0, column, "9").run();
        assert!(
            at.error().iter().any(|e| e.contains("disabled")),
            "{column}: {:?}",
            at.error()
        );
    }
    at.data_editor("t")
        .edit_cell(0, "c", 9_i64)
        .edit_cell(0, "d", "baz")
        .run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    assert_eq!(stored_edits(&at).edited_rows[&0].len(), 2);
}

// Ports data_editor_test.py::DataEditorTest::test_hide_index_true and
// test_hide_index_false: brook's index is the row-number column.
#[test]
fn hide_index_removes_the_row_numbers() {
    for hide in [false, true] {
        let mut at = AppTest::new(move |st| {
            let editor = st.data_editor(three_columns());
            if hide {
                editor.hide_index().show();
            } else {
                editor.show();
            }
        });
        at.run();
        let harness = harness_of(&at, 600.0, 300.0);
        assert_eq!(harness.query_by_label("Row 1").is_none(), hide, "{hide}");
        assert!(harness.query_by_label("col2, row 1").is_some());
    }
}

// Ports data_editor_test.py::DataEditorTest::test_inside_form (and
// test_outside_form): an editor in a form sends its edits with the submit
// button; outside a form they arrive at once.
#[test]
fn an_editor_in_a_form_sends_its_edits_on_submit() {
    let mut at = AppTest::new(|st| {
        let form = st.form("f");
        let in_form = form.data_editor(three_columns()).key("in").show();
        form.form_submit_button("Submit").show();
        let outside = st.data_editor(three_columns()).key("out").show();
        st.text(format!(
            "{} {}",
            in_form.cell_text(0, "col2"),
            outside.cell_text(0, "col2")
        ));
    });
    at.run();
    at.data_editor("in").edit_cell(0, "col2", "x").stage();
    at.data_editor("out").edit_cell(0, "col2", "y").run();
    assert_eq!(at.text(), ["a y"], "the form's edit waits for Submit");
    at.data_editor("in").edit_cell(0, "col2", "x").stage();
    at.widget("Submit").click().run();
    assert_eq!(at.text(), ["x y"]);
}

// Ports data_editor_test.py::DataEditorTest::test_with_dataframe_data: with
// no edits the editor returns its table as given.
#[test]
fn an_editor_without_edits_returns_its_table_unchanged() {
    let at = editor_of(five_columns(), false);
    assert_eq!(edited(&at), five_columns());
    assert!(stored_edits(&at).is_empty());
}

// Ports data_editor_test.py::DataEditorTest::test_with_compatible_data.
// brook takes Tables, Arrow record batches and slices of Serialize rows
// instead of pandas' formats; each is edited the same way.
#[test]
fn rows_and_record_batches_are_edited_like_tables() {
    let rows = vec![(1_i64, "a".to_owned()), (2, "b".to_owned())];
    let batch =
        RecordBatch::try_from_iter([("n", Arc::new(Int64Array::from(vec![1_i64, 2])) as ArrayRef)])
            .unwrap();
    let mut at = AppTest::new(move |st| {
        let from_rows = st.data_editor(&rows).key("rows").show();
        let from_batch = st.data_editor(&batch).key("batch").show();
        st.text(format!(
            "{}x{} {}x{} {} {}",
            from_rows.len(),
            from_rows.num_columns(),
            from_batch.len(),
            from_batch.num_columns(),
            from_rows.cell_text(1, "1"),
            from_batch.cell_text(1, "n"),
        ));
    });
    at.run();
    assert_eq!(at.text(), ["2x2 2x1 b 2"]);
    at.data_editor("rows").edit_cell(1, "1", "z").stage();
    at.data_editor("batch").edit_cell(1, "n", 7_i64).run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    assert_eq!(at.text(), ["2x2 2x1 z 7"]);
}

// Ports data_editor_test.py::DataEditorTest::test_with_invalid_data: data
// that is not a table is an exception box, and the app lives on. brook's
// types rule out most of Streamlit's cases (a bool, a number, a module);
// what is left is data that fails to become a table.
#[test]
fn data_that_is_not_a_table_is_an_exception_and_the_app_lives_on() {
    let mut at = AppTest::new(|st| {
        let edited = st.data_editor(Table::from_csv("a,b\n1,2,3\n")).show();
        st.text(format!("{} rows", edited.len()));
    });
    at.run();
    assert_eq!(at.exception().len(), 1, "{:?}", at.exception());
    assert_eq!(at.text(), ["0 rows"]);
    assert!(at.widgets_of("data_editor").is_empty());
}

// Ports data_editor_test.py::DataEditorTest::
// test_disables_columns_when_incompatible: a column of a type the editor
// cannot edit (a list) is read-only; the others are not.
#[test]
fn a_column_of_lists_is_read_only_and_the_others_editable() {
    let lists = ListArray::from_iter_primitive::<Int64Type, _, _>(vec![
        Some(vec![Some(1)]),
        Some(vec![Some(2), Some(3)]),
    ]);
    let table = table_of(vec![
        ("a", Arc::new(Int64Array::from(vec![1_i64, 2]))),
        ("b", Arc::new(StringArray::from(vec!["foo", "bar"]))),
        ("c", Arc::new(lists)),
    ]);
    let mut at = editor_of(table, false);
    at.data_editor("t").edit_cell(0, "c", "[4]").run();
    assert!(
        at.error().iter().any(|e| e.contains("cannot be edited")),
        "{:?}",
        at.error()
    );
    at.data_editor("t")
        .edit_cell(0, "a", 5_i64)
        .edit_cell(1, "b", "baz")
        .run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    assert_eq!(edited(&at).row_text(1)[1], "baz");
    assert_eq!(edited(&at).cell(0, "a"), Cell::Int(5));
}

// Ports data_editor_test.py::DataEditorTest::
// test_duplicate_column_names_raise_exception (and
// test_column_names_are_unique): edits name their column, so a table with
// a column name twice is an exception naming it; unique names are fine.
#[test]
fn a_table_with_a_column_name_twice_is_an_exception_naming_it() {
    let mut at = AppTest::new(|st| {
        let table = table_of(vec![
            ("duplicated", Arc::new(Int64Array::from(vec![1_i64, 2, 3]))),
            ("duplicated", Arc::new(Int64Array::from(vec![4_i64, 5, 6]))),
        ]);
        let edited = st.data_editor(&table).key("dup").show();
        st.text(format!("{} rows", edited.len()));
        st.data_editor(Table::from_csv("col1,col2\n1,4\n").unwrap())
            .key("unique")
            .show();
    });
    at.run();
    let exceptions = at.exception();
    assert_eq!(exceptions.len(), 1, "{exceptions:?}");
    assert!(exceptions[0].contains("\"duplicated\""), "{exceptions:?}");
    assert_eq!(at.text(), ["3 rows"], "the table is returned as given");
    assert_eq!(at.widgets_of("data_editor").len(), 1, "only the unique one");
}

#[cache_data]
fn cached_editor(st: &St) -> usize {
    st.data_editor(three_columns()).show().len()
}

#[cache_data]
fn cached_selection(st: &St) -> usize {
    st.dataframe(three_columns())
        .on_select(SelectionMode::MultiRow)
        .show()
        .rows
        .len()
}

// Ports data_editor_test.py::DataEditorTest::test_shows_cached_widget_replay_warning
// and arrow_dataframe_test.py::test_shows_cached_widget_replay_warning.
// brook differs on purpose: a widget inside a cached function is an
// error (it would vanish on cache hits), not a replay warning.
#[test]
fn an_editor_or_selectable_dataframe_in_a_cached_function_is_an_error() {
    for which in ["data_editor", "dataframe"] {
        let mut at = AppTest::new(move |st| {
            if which == "data_editor" {
                let _ = cached_editor(st);
            } else {
                let _ = cached_selection(st);
            }
        });
        at.run();
        assert!(
            at.exception()
                .iter()
                .any(|e| e.contains(which) && e.contains("inside a cached function")),
            "{which}: {:?}",
            at.exception()
        );
        assert!(at.widgets().is_empty(), "{which}");
    }
}

// Ports SPEC B97 for st.data_editor (Streamlit raises StreamlitAPIException
// for a value set through session state; data_editor_test.py has no test
// of it, arrow_dataframe_test.py has one for selections, ported below).
// brook differs on purpose: edits written to the key before the editor is
// drawn are its starting edits, checked like a person's.
#[test]
fn edits_written_to_the_key_before_the_editor_are_its_starting_edits() {
    let mut at = AppTest::new(|st| {
        let edited = st.data_editor(three_columns()).key("t").show();
        st.text(edited.column_text("col2").unwrap().join(","));
    });
    let mut edits = TableEdits::default();
    edits
        .edited_rows
        .entry(2)
        .or_default()
        .insert("col2".into(), Cell::from("z"));
    at.session_state().set("t", edits.clone()).unwrap();
    at.run();
    assert_eq!(at.text(), ["a,b,z"]);
    assert_eq!(at.data_editor("t").edits(), &edits, "the window shows it");
}

// ---------------------------------------------------------------------------
// Selections (arrow_dataframe_test.py and st_dataframe_selections_test.py).

// Ports arrow_dataframe_test.py::test_dataframe_on_select_initial_returns:
// nothing is selected at first, in the return value and in session state.
#[test]
fn a_selectable_dataframe_starts_with_nothing_selected() {
    let mut at = AppTest::new(|st| {
        let selection = st
            .dataframe(three_columns())
            .on_select(SelectionMode::MultiRow)
            .key("selectable_df")
            .show();
        st.text(format!("{:?} {:?}", selection.rows, selection.columns));
    });
    at.run();
    assert_eq!(at.text(), ["[] []"]);
    let stored: TableSelection = at.session_state().get("selectable_df").unwrap();
    assert_eq!(stored, TableSelection::default());
}

// Ports arrow_dataframe_test.py::test_dataframe_valid_on_select (the
// "ignore" case): a dataframe without on_select is no widget and puts
// nothing in session state.
#[test]
fn a_dataframe_without_on_select_is_not_a_widget() {
    let mut at = AppTest::new(|st| {
        st.dataframe(three_columns()).show();
    });
    at.run();
    assert!(at.widgets().is_empty());
    assert_eq!(at.tables().len(), 1);
    assert!(at.session_state().keys().is_empty());
}

// Ports arrow_dataframe_test.py::test_inside_form_on_select_rerun and
// st_dataframe_selections_test.py::test_in_form_selection_and_session_state:
// in a form the selection reaches the script and session state on submit.
#[test]
fn a_selection_in_a_form_arrives_on_submit() {
    let mut at = AppTest::new(|st| {
        let form = st.form("my_form");
        let selection = form
            .dataframe(three_columns())
            .on_select(SelectionMode::MultiRow)
            .key("df_selection_in_form")
            .show();
        form.form_submit_button("Submit").show();
        st.text(format!("{:?}", selection.rows));
    });
    at.run();
    at.dataframe("df_selection_in_form")
        .select_rows([0, 2])
        .run();
    assert_eq!(at.text(), ["[]"], "not submitted yet");
    let stored: TableSelection = at.session_state().get("df_selection_in_form").unwrap();
    assert!(stored.rows.is_empty());
    at.dataframe("df_selection_in_form")
        .select_rows([0, 2])
        .stage();
    at.widget("Submit").click().run();
    assert_eq!(at.text(), ["[0, 2]"]);
    let stored: TableSelection = at.session_state().get("df_selection_in_form").unwrap();
    assert_eq!(stored.rows, [0, 2]);
}

// Ports arrow_dataframe_test.py::test_selectable_df_disallows_callbacks_inside_form
// (B102), and the same for a data editor's on_change.
#[test]
fn a_callback_on_a_selectable_dataframe_or_editor_in_a_form_is_an_error() {
    for which in ["dataframe", "data_editor"] {
        let mut at = AppTest::new(move |st| {
            let form = st.form("form");
            if which == "dataframe" {
                form.dataframe(three_columns())
                    .on_select(SelectionMode::SingleRow)
                    .on_change(|_| {})
                    .show();
            } else {
                form.data_editor(three_columns()).on_change(|_| {}).show();
            }
            form.form_submit_button("Submit").show();
        });
        at.run();
        assert!(
            at.exception()
                .iter()
                .any(|e| e.contains(which) && e.contains("form_submit_button")),
            "{which}: {:?}",
            at.exception()
        );
    }
}

// Ports arrow_dataframe_test.py::test_selectable_df_throws_exception_with_modified_sessions_state.
// brook differs on purpose: a selection written to the key before the
// dataframe is drawn is its starting selection, fitted to the table and
// the mode (a row past the table is dropped).
#[test]
fn a_selection_written_to_the_key_first_is_the_starting_selection() {
    let mut at = AppTest::new(|st| {
        let selection = st
            .dataframe(three_columns())
            .on_select(SelectionMode::MultiRow)
            .key("selectable_df")
            .show();
        st.text(format!("{:?}", selection.rows));
    });
    at.session_state()
        .set(
            "selectable_df",
            TableSelection {
                rows: vec![1, 9],
                columns: vec!["col1".into()],
                cells: Vec::new(),
            },
        )
        .unwrap();
    at.run();
    assert_eq!(at.text(), ["[1]"]);
    assert_eq!(at.dataframe("selectable_df").selection().rows, [1]);
}

/// A mode, and the rows, columns and cells it keeps.
type Case = (
    SelectionMode,
    Vec<usize>,
    Vec<&'static str>,
    Vec<(usize, &'static str)>,
);

// Ports arrow_dataframe_test.py::test_selection_mode_parsing: each mode
// selects its own kind only, and a single mode keeps one. brook differs:
// a mode is one of six, so rows and columns are not selected together
// (Streamlit's ["multi-row", "multi-column"]).
#[test]
fn each_selection_mode_keeps_only_its_kind_and_single_modes_keep_one() {
    let cases: [Case; 6] = [
        (SelectionMode::SingleRow, vec![0], vec![], vec![]),
        (SelectionMode::MultiRow, vec![0, 2], vec![], vec![]),
        (SelectionMode::SingleColumn, vec![], vec!["col1"], vec![]),
        (
            SelectionMode::MultiColumn,
            vec![],
            vec!["col1", "col3"],
            vec![],
        ),
        (SelectionMode::SingleCell, vec![], vec![], vec![(1, "col2")]),
        (
            SelectionMode::MultiCell,
            vec![],
            vec![],
            vec![(1, "col2"), (2, "col3")],
        ),
    ];
    for (mode, rows, columns, cells) in cases {
        let mut at = AppTest::new(move |st| {
            let selection = st
                .dataframe(three_columns())
                .on_select(mode)
                .key("df")
                .show();
            st.session_state().set("got", selection);
        });
        at.run();
        at.dataframe("df")
            .select_rows([0, 2])
            .select_columns(["col1", "col3"])
            .select_cells([(1, "col2"), (2, "col3")])
            .run();
        let got: TableSelection = at.session_state().get("got").unwrap();
        assert_eq!(got.rows, rows, "{mode:?}");
        assert_eq!(got.columns, columns, "{mode:?}");
        let cells: Vec<(usize, String)> =
            cells.into_iter().map(|(r, c)| (r, c.to_owned())).collect();
        assert_eq!(got.cells, cells, "{mode:?}");
    }
}

// Ports st_dataframe_selections_test.py::test_multi_row_and_multi_column_selection_with_callback:
// on_change runs before the script with the selection already in
// session state.
#[test]
fn a_selection_callback_reads_the_new_selection_from_session_state() {
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen = Arc::clone(&log);
    let mut at = AppTest::new(move |st| {
        let in_callback = Arc::clone(&seen);
        let selection = st
            .dataframe(three_columns())
            .on_select(SelectionMode::MultiRow)
            .key("df_selection")
            .on_change(move |st| {
                let now: TableSelection = st.session_state().get("df_selection").unwrap();
                in_callback.lock().push(format!("callback: {:?}", now.rows));
            })
            .show();
        seen.lock().push(format!("script: {:?}", selection.rows));
    });
    at.run();
    at.dataframe("df_selection").select_rows([0, 2]).run();
    at.run();
    assert_eq!(
        *log.lock(),
        [
            "script: []",
            "callback: [0, 2]",
            "script: [0, 2]",
            "script: [0, 2]"
        ],
        "the callback runs once, first"
    );
}

// Ports st_dataframe_selections_test.py::test_selection_state_remains_after_unmounting:
// elements added above a keyless selectable dataframe do not lose its
// selection.
#[test]
fn a_selection_stays_when_elements_are_added_above_the_dataframe() {
    let mut at = AppTest::new(|st| {
        if st.button("Create some elements").show() {
            for _ in 0..3 {
                st.write("Another element");
            }
        }
        let selection = st
            .dataframe(three_columns())
            .on_select(SelectionMode::MultiRow)
            .show();
        st.text(format!("{:?}", selection.rows));
    });
    at.run();
    at.dataframe("").select_rows([0, 2]).run();
    assert_eq!(at.text(), ["[0, 2]"]);
    at.widget("Create some elements").click().run();
    assert_eq!(at.text(), ["[0, 2]"]);
    at.run();
    assert_eq!(at.text(), ["[0, 2]"]);
}

// Ports st_dataframe_selections_test.py::test_that_index_cannot_be_selected:
// the row numbers are no column; a column name the table does not have is
// never selected.
#[test]
fn the_row_numbers_cannot_be_selected_as_a_column() {
    let mut at = AppTest::new(|st| {
        let selection = st
            .dataframe(three_columns())
            .on_select(SelectionMode::MultiColumn)
            .key("df")
            .show();
        st.text(format!("{:?}", selection.columns));
    });
    at.run();
    at.dataframe("df").select_columns(["col3"]).run();
    assert_eq!(at.text(), [r#"["col3"]"#]);
    at.dataframe("df").select_columns(["_index", ""]).run();
    assert_eq!(at.text(), ["[]"]);
    let harness = harness_of(&at, 600.0, 300.0);
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "_index")
            .is_none(),
        "no header to click for the row numbers"
    );
}

/// A selectable dataframe of `mode` and the selection it returns, as text.
/// Its row numbers (and their labels, "Row 0"...) are the table's row
/// positions, from 0.
fn selectable(mode: SelectionMode) -> AppTest {
    let mut at = AppTest::new(move |st| {
        let selection = st
            .dataframe(three_columns())
            .on_select(mode)
            .key("df")
            .show();
        st.text(format!("{:?} {:?}", selection.rows, selection.columns));
    });
    at.run();
    at
}

// Ports st_dataframe_selections_test.py::test_single_row_select: a click on
// row 1 selects it; a click on row 2 then selects row 2 alone.
#[test]
fn a_click_selects_a_row_and_another_click_moves_a_single_row_selection() {
    let mut at = selectable(SelectionMode::SingleRow);
    let mut harness = harness_of(&at, 600.0, 300.0);
    harness.get_by_label("Row 0").click();
    harness.run();
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["[0] []"]);
    let mut harness = harness_of(&at, 600.0, 300.0);
    harness.get_by_label("Row 1").click();
    harness.run();
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["[1] []"]);
}

// Ports st_dataframe_selections_test.py::test_multi_row_select: clicks on
// rows 1 and 3 select both.
#[test]
fn clicks_on_two_rows_select_both_in_multi_row_mode() {
    let mut at = selectable(SelectionMode::MultiRow);
    let mut harness = harness_of(&at, 600.0, 300.0);
    harness.get_by_label("Row 0").click();
    harness.run();
    harness.get_by_label("Row 2").click();
    harness.run();
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["[0, 2] []"]);
}

// Ports st_dataframe_selections_test.py::test_multi_row_by_keeping_mouse_pressed.
// brook differs: a range of rows is a click and a Shift+click, not a drag.
#[test]
fn a_shift_click_selects_the_range_of_rows_in_multi_row_mode() {
    let mut at = selectable(SelectionMode::MultiRow);
    let mut harness = harness_of(&at, 600.0, 300.0);
    harness.get_by_label("Row 0").click();
    harness.run();
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::SHIFT));
    harness.run();
    harness
        .get_by_label("Row 2")
        .click_modifiers(egui::Modifiers::SHIFT);
    harness.run();
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["[0, 1, 2] []"]);
}

// Ports st_dataframe_selections_test.py::test_single_column_select and
// test_multi_column_select: a click on a header selects its column (a
// single mode moves the selection, a multi mode adds to it).
#[test]
fn header_clicks_select_columns() {
    for (mode, expected) in [
        (SelectionMode::SingleColumn, r#"[] ["col2"]"#),
        (SelectionMode::MultiColumn, r#"[] ["col1", "col2"]"#),
    ] {
        let mut at = selectable(mode);
        let mut harness = harness_of(&at, 600.0, 300.0);
        harness.get_by_role_and_label(Role::Button, "col1").click();
        harness.run();
        harness.get_by_role_and_label(Role::Button, "col2").click();
        harness.run();
        deliver(&mut at, &mut harness);
        assert_eq!(at.text(), [expected], "{mode:?}");
    }
}

// Ports st_dataframe_selections_test.py::test_clear_selection_via_escape
// and test_clear_selection_via_toolbar. brook differs: it has no Escape
// or toolbar clear; a click on a selected row unselects it.
#[test]
fn a_click_on_the_selected_row_clears_the_selection() {
    let mut at = selectable(SelectionMode::SingleRow);
    at.dataframe("df").select_rows([1]).run();
    let mut harness = harness_of(&at, 600.0, 300.0);
    harness.get_by_label("Row 1").click();
    harness.run();
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["[] []"]);
}

// Ports st_dataframe_selections_test.py::test_single_row_select_with_sorted_column.
// brook differs on purpose: sorting keeps the selection (rows are
// positions in the table, whatever the order on screen), where Streamlit
// clears it; a row clicked after sorting is its table position.
#[test]
fn sorting_keeps_the_selection_and_a_click_after_it_selects_by_table_position() {
    let table = Table::from_csv("n\n3\n1\n2\n").unwrap();
    let mut at = AppTest::new(move |st| {
        let selection = st
            .dataframe(&table)
            .on_select(SelectionMode::SingleRow)
            .key("df")
            .show();
        st.text(format!("{:?}", selection.rows));
    });
    at.run();
    at.dataframe("df").select_rows([0]).run();
    let mut harness = harness_of(&at, 600.0, 300.0);
    harness.get_by_role_and_label(Role::Button, "n").click();
    harness.run();
    assert!(sent(&harness).is_empty(), "sorting sends no selection");
    // Sorted: 1 (row 1), 2 (row 2), 3 (row 0). Click the top row shown.
    let top = harness
        .query_all_by_role(Role::RowHeader)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap();
    top.click();
    harness.run();
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["[1]"]);
}

// ---------------------------------------------------------------------------
// Column settings (column_config_utils_test.py, st_data_editor_config_test.py).

// Ports column_config_utils_test.py::test_determine_dataframe_schema: each
// column is edited as its kind (whole numbers, numbers, booleans, text),
// and a column with no values yet takes text (Streamlit's EMPTY kind).
#[test]
fn each_csv_column_is_edited_as_its_kind_and_an_empty_one_takes_text() {
    let table =
        Table::from_csv("int,float,bool,str,empty\n1,1.1,true,a,\n2,2.2,false,b,\n").unwrap();
    let mut at = editor_of(table, false);
    at.data_editor("t")
        .edit_cell(0, "int", "4")
        .edit_cell(0, "float", "2.5")
        .edit_cell(0, "bool", "false")
        .edit_cell(0, "str", "x")
        .edit_cell(0, "empty", "a note")
        .run();
    assert!(at.error().is_empty(), "{:?}", at.error());
    let table = edited(&at);
    assert_eq!(table.cell(0, "int"), Cell::Int(4));
    assert_eq!(table.cell(0, "float"), Cell::Float(2.5));
    assert_eq!(table.cell(0, "bool"), Cell::Bool(false));
    assert_eq!(table.cell(0, "str"), Cell::from("x"));
    assert_eq!(table.cell(0, "empty"), Cell::from("a note"));
    assert_eq!(table.cell(1, "empty"), Cell::Null);
}

// Ports column_config_utils_test.py::test_update_column_config: settings
// given for a column later add to the earlier ones (a label kept, the
// column then disabled).
#[test]
fn disabling_a_configured_column_keeps_its_other_settings() {
    let mut at = AppTest::new(|st| {
        st.data_editor(three_columns())
            .column("col1", ColumnConfig::new().label("Column 1"))
            .disabled_columns(["col1"])
            .key("t")
            .show();
    });
    at.run();
    let harness = harness_of(&at, 600.0, 300.0);
    assert!(
        harness
            .query_all_by_label_contains("Column 1")
            .next()
            .is_some(),
        "the label is kept"
    );
    at.data_editor("t").edit_cell(0, "col1", 5_i64).run();
    assert!(
        at.error().iter().any(|e| e.contains("disabled")),
        "{:?}",
        at.error()
    );
}

// Ports st_data_editor_config_test.py (the hide_columns and column_labels
// cases): a hidden column is not drawn but stays in the returned table; a
// label replaces the column's name in the header.
#[test]
fn a_hidden_column_is_not_drawn_but_returned_and_a_label_names_its_header() {
    let mut at = AppTest::new(|st| {
        let edited = st
            .data_editor(three_columns())
            .column("col1", ColumnConfig::new().hidden())
            .column("col2", ColumnConfig::new().label("Letter"))
            .key("t")
            .show();
        st.text(edited.column_names().collect::<Vec<_>>().join(","));
    });
    at.run();
    assert_eq!(at.text(), ["col1,col2,col3"]);
    let harness = harness_of(&at, 600.0, 300.0);
    assert!(harness.query_by_label("col1, row 1").is_none(), "hidden");
    assert!(harness.query_by_label("col3, row 1").is_some());
    assert!(
        harness
            .query_all_by_label_contains("Letter")
            .next()
            .is_some()
    );
}

// Ports st_dataframe_selections_test.py::test_in_form_selection_and_session_state
// with its form's clear_on_submit=True: in the run the submit starts, the
// script gets the submitted selection and edits, from the widgets and
// from session state; after it, the form's widgets are back to nothing.
#[test]
fn a_cleared_form_gives_the_submitted_selection_and_edits_then_clears_them() {
    let mut at = AppTest::new(|st| {
        let form = st.form_cleared_on_submit("my_form");
        let edited = form.data_editor(three_columns()).key("t").show();
        let selection = form
            .dataframe(three_columns())
            .on_select(SelectionMode::MultiRow)
            .key("s")
            .show();
        form.form_submit_button("Submit").show();
        let stored: TableSelection = st.session_state().get("s").unwrap_or_default();
        let edits: TableEdits = st.session_state().get("t").unwrap_or_default();
        st.text(format!(
            "{} {:?} {:?} {}",
            edited.cell_text(0, "col2"),
            selection.rows,
            stored.rows,
            edits.edited_rows.len()
        ));
    });
    at.run();
    at.data_editor("t").edit_cell(0, "col2", "x").stage();
    at.dataframe("s").select_rows([0, 2]).stage();
    at.widget("Submit").click().run();
    assert_eq!(at.text(), ["x [0, 2] [0, 2] 1"]);
    at.run();
    assert_eq!(at.text(), ["a [] [] 0"]);
    assert!(
        at.data_editor("t").edits().is_empty(),
        "the window is cleared"
    );
    assert!(at.dataframe("s").selection().is_empty());
}

// Ports SPEC B97 for st.data_editor, the refused case. brook differs on
// purpose: where Streamlit raises for any value set through session state,
// brook drops edits written to the key that do not fit the table, with a
// warning naming the key and why, and the editor starts with no edits.
#[test]
fn edits_written_to_the_key_that_do_not_fit_are_dropped_with_a_warning() {
    let mut at = AppTest::new(|st| {
        let edited = st.data_editor(three_columns()).key("t").show();
        st.text(edited.column_text("col2").unwrap().join(","));
    });
    let mut edits = TableEdits::default();
    edits
        .edited_rows
        .entry(9)
        .or_default()
        .insert("col2".into(), Cell::from("z"));
    at.session_state().set("t", edits).unwrap();
    at.run();
    assert_eq!(at.text(), ["a,b,c"]);
    let warnings = at.warning();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains(r#"session_state["t"]"#) && w.contains("Row 9")),
        "{warnings:?}"
    );
    assert!(stored_edits(&at).is_empty());
}
