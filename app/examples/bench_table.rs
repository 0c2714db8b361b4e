//! The table benchmark of issue 12:
//! `cargo run --release -p brook-app --example bench_table -- N` (N rows,
//! default 1,000,000).
//!
//! Builds the CSV text in memory (header
//! `id,name,category,price,stock,updated,active,note`), then prints one line:
//! `rows=N load_ms=.. sort_ms=.. filter_ms=.. frame_sorted_ms=.. run_ms=.. rss_mb=..`
//!
//! - load_ms: CSV text to `Table` (types inferred per column).
//! - sort_ms: `sort_by("price", false)`, the whole table reordered.
//! - filter_ms: the rows where `category == "gamma"` (Arrow's `eq` kernel
//!   and `filter_mask`).
//! - frame_sorted_ms: the median of 5 frames (layout and tessellation at
//!   1280 x 800) of an interactive dataframe of the table after a click on
//!   the `name` header.
//! - run_ms: the median of 5 headless runs of a script that shows the table.
//! - rss_mb: growth of resident memory from just before loading to just
//!   after (the CSV text is already in memory).
//!
//! Streamlit's and pandas' side: ../shared/anchors (see its README).

use std::fmt::Write as _;
use std::time::Instant;

use brook::data::arrow::array::StringViewArray;
use brook::data::arrow::compute::cmp;
use brook::prelude::*;
use brook::testing::AppTest;

#[path = "common/frames.rs"]
mod frames;
use egui_kittest::kittest::Queryable as _;
use frames::{frame_ms, median, ms, page};

const CATEGORIES: [&str; 10] = [
    "alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "iota", "kappa",
];

/// The CSV text of `n` rows.
fn csv(n: usize) -> String {
    let mut text = String::with_capacity(n * 80);
    text.push_str("id,name,category,price,stock,updated,active,note\n");
    for i in 0..n {
        let _ = writeln!(
            text,
            "{i},item {i},{},{},{},2026-{:02}-{:02}T10:00:00+00:00,{},note {}",
            CATEGORIES[i % 10],
            // ((i*7919) mod 100000)/100, written as a decimal.
            Cents((i * 7919) % 100_000),
            (i * 31) % 500,
            1 + i % 12,
            1 + i % 28,
            i % 2 == 0,
            i % 97
        );
    }
    text
}

/// Cents written as a decimal number of units, as Python prints the float
/// (`12.5`, `7.0`).
struct Cents(usize);

impl std::fmt::Display for Cents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        #[allow(clippy::cast_precision_loss, reason = "below 100,000")]
        let value = self.0 as f64 / 100.0;
        write!(f, "{value:?}")
    }
}

/// Resident memory in MiB (Linux; 0 elsewhere).
fn rss_mb() -> f64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<f64>().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}

/// The median of 5 frames of the page of an interactive dataframe of
/// `table`, after a click on the `name` header.
fn frame_sorted_ms(table: &Table) -> f64 {
    let shown = table.clone();
    let mut at = AppTest::new(move |st| st.dataframe(&shown).show());
    at.run();
    let mut harness = page(at.tree());
    harness.get_by_label("name").click();
    // The frame of the click sorts (once); the frames after it are measured.
    harness.run();
    frame_ms(&mut harness)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|arg| arg.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    let text = csv(n);

    let before = rss_mb();
    let start = Instant::now();
    let table = match Table::from_csv(&text) {
        Ok(table) => table,
        Err(error) => {
            eprintln!("bench_table: {error}");
            std::process::exit(1);
        }
    };
    let load = ms(start.elapsed());
    let rss = rss_mb() - before;

    let start = Instant::now();
    let sorted = table.sort_by("price", false);
    let sort = ms(start.elapsed());
    drop(sorted);

    let start = Instant::now();
    let gamma = table
        .array("category")
        .and_then(|category| cmp::eq(category, &StringViewArray::new_scalar("gamma")).ok())
        .and_then(|mask| table.filter_mask(&mask).ok());
    let filter = ms(start.elapsed());
    if gamma.as_ref().map(Table::len) != Some(n / 10 + usize::from(n % 10 > 2)) {
        eprintln!(
            "bench_table: the filter kept {:?} rows",
            gamma.as_ref().map(Table::len)
        );
    }

    let frame = frame_sorted_ms(&table);

    let shown = table.clone();
    let mut at = AppTest::new(move |st| {
        st.title("Items");
        st.dataframe(&shown).show();
    });
    at.run();
    let runs: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            at.run();
            ms(start.elapsed())
        })
        .collect();
    let run = median(&runs);

    println!(
        "rows={n} load_ms={load:.1} sort_ms={sort:.1} filter_ms={filter:.1} \
         frame_sorted_ms={frame:.2} run_ms={run:.2} rss_mb={rss:.1}"
    );
}
