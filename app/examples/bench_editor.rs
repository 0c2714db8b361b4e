//! The data editor benchmark of issue 15:
//! `cargo run --release -p brook-app --example bench_editor -- N` (N rows,
//! default 1,000,000).
//!
//! Builds a table of N rows and 6 columns (`id` integers, `name` text,
//! `price` floats, `stock` integers, `active` booleans, `note` text),
//! shows it in `st.data_editor`, then prints one line:
//! `rows=N edit_run_ms=.. edit_run_max_ms=.. text_edit_run_ms=.. select_run_ms=.. frame_ms=.. edits_mb=..`
//!
//! - edit_run_ms: the median over 21 edits of a number cell (each in
//!   another row) of the time from the edit sent to the end of the run it
//!   causes (checking the edit, running the script, applying the edits to
//!   the table the script gets); edit_run_max_ms the slowest of them.
//! - text_edit_run_ms: the same for cells of the `name` text column.
//! - select_run_ms: the median of 21 row selections on a selectable
//!   `st.dataframe` of the same table.
//! - frame_ms: the median of 5 frames (layout and tessellation at 1280 x
//!   800) of the editor with those edits.
//! - edits_mb: the size of the edits as session state holds them (RON),
//!   to show only the delta is kept, not a copy of the table.

use std::sync::Arc;
use std::time::{Duration, Instant};

use brook::data::arrow::array::{
    ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringViewArray,
};
use brook::prelude::*;
use brook::testing::AppTest;

#[path = "common/frames.rs"]
mod frames;
use frames::{frame_ms, median, ms, page};

fn table(n: usize) -> Table {
    #[allow(clippy::cast_possible_wrap, reason = "row numbers are small")]
    let ids: Vec<i64> = (0..n as i64).collect();
    let names: Vec<String> = (0..n).map(|i| format!("item {i}")).collect();
    #[allow(clippy::cast_precision_loss, reason = "small numbers")]
    let prices: Vec<f64> = (0..n)
        .map(|i| ((i * 7919) % 100_000) as f64 / 100.0)
        .collect();
    #[allow(clippy::cast_possible_wrap, reason = "small numbers")]
    let stock: Vec<i64> = (0..n).map(|i| ((i * 31) % 500) as i64).collect();
    let active: Vec<bool> = (0..n).map(|i| i % 2 == 0).collect();
    let notes: Vec<String> = (0..n).map(|i| format!("note {}", i % 97)).collect();
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("id", Arc::new(Int64Array::from(ids))),
        ("name", Arc::new(StringViewArray::from_iter_values(names))),
        ("price", Arc::new(Float64Array::from(prices))),
        ("stock", Arc::new(Int64Array::from(stock))),
        ("active", Arc::new(BooleanArray::from(active))),
        ("note", Arc::new(StringViewArray::from_iter_values(notes))),
    ];
    RecordBatch::try_from_iter(columns).map_or_else(|_| Table::default(), Table::from)
}

/// The times of 21 edits of `column`, each in another row.
fn edit_runs(
    at: &mut AppTest,
    rows: usize,
    column: &str,
    value: impl Fn(usize) -> Cell,
) -> Vec<f64> {
    (0..21)
        .map(|i| {
            let row = (i * 7_919) % rows;
            let handle = at.data_editor("grid").edit_cell(row, column, value(i));
            let start = Instant::now();
            handle.run();
            ms(start.elapsed())
        })
        .collect()
}

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    let data = table(rows);
    let shown = data.clone();
    let mut at = AppTest::new(move |st| {
        let edited = st.data_editor(&shown).key("grid").show();
        st.text(format!("{} rows", edited.len()));
    })
    .with_timeout(Duration::from_secs(60));
    at.run();

    #[allow(clippy::cast_precision_loss, reason = "a benchmark's numbers")]
    let numbers = edit_runs(&mut at, rows, "price", |i| Cell::Float(i as f64 + 0.5));
    let texts = edit_runs(&mut at, rows, "name", |i| {
        Cell::Text(format!("renamed {i}"))
    });
    let edits: TableEdits = at.session_state().get("grid").unwrap_or_default();
    let edits_mb = ron::to_string(&edits).map_or(f64::NAN, |text| {
        #[allow(clippy::cast_precision_loss, reason = "a size in MB")]
        let mb = text.len() as f64 / 1e6;
        mb
    });

    // The frame of the editor with those edits.
    let frame = frame_ms(&mut page(at.tree()));

    let picked = data.clone();
    let mut select = AppTest::new(move |st| {
        let selection = st
            .dataframe(&picked)
            .on_select(SelectionMode::MultiRow)
            .key("pick")
            .show();
        st.text(format!("{} selected", selection.rows.len()));
    })
    .with_timeout(Duration::from_secs(60));
    select.run();
    let selects: Vec<f64> = (0..21)
        .map(|i| {
            let handle = select.dataframe("pick").select_rows([(i * 104_729) % rows]);
            let start = Instant::now();
            handle.run();
            ms(start.elapsed())
        })
        .collect();

    println!(
        "rows={rows} edit_run_ms={:.2} edit_run_max_ms={:.2} text_edit_run_ms={:.2} select_run_ms={:.2} frame_ms={:.2} edits_mb={:.4}",
        median(&numbers),
        numbers.iter().copied().fold(0.0, f64::max),
        median(&texts),
        median(&selects),
        frame,
        edits_mb,
    );
}
