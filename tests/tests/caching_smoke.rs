//! A first check that the caching macros expand and work end to end.
#![allow(clippy::unwrap_used, reason = "it's a test")]

use std::sync::atomic::{AtomicUsize, Ordering};

use brook::prelude::*;
use brook::testing::AppTest;

static CALLS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn square(x: i64) -> Vec<i64> {
    CALLS.fetch_add(1, Ordering::SeqCst);
    vec![x * x]
}

#[cache_resource(max_entries = 2)]
fn connection(name: &str) -> String {
    format!("conn:{name}")
}

#[cache_data(show_spinner = "Loading the table")]
fn table(st: &St, rows: usize) -> usize {
    st.text(format!("loaded {rows} rows"));
    rows
}

#[test]
fn hits_do_not_recompute_and_writes_stay_private() {
    let before = CALLS.load(Ordering::SeqCst);
    let a = square(3);
    let mut b = square(3);
    assert_eq!(CALLS.load(Ordering::SeqCst), before + 1);
    b.push(1);
    assert_eq!(*square(3), vec![9]);
    assert_eq!(*a, vec![9]);
    assert_eq!(*connection("db"), "conn:db");
    assert!(std::sync::Arc::ptr_eq(&connection("db"), &connection("db")));
    square::clear_entry(3);
    let _ = square(3);
    assert_eq!(CALLS.load(Ordering::SeqCst), before + 2);
}

#[test]
fn elements_are_replayed_on_a_hit() {
    let mut at = AppTest::new(|st| {
        let n = table(st, 5);
        st.text(format!("n = {n}"));
    });
    at.run();
    assert_eq!(at.text(), ["loaded 5 rows", "n = 5"]);
    at.run();
    assert_eq!(at.text(), ["loaded 5 rows", "n = 5"]);
}

#[test]
fn e1_3_a_cached_function_can_be_defined_inside_a_function() {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    #[cache_data]
    fn inner(x: u32) -> u32 {
        RUNS.fetch_add(1, Ordering::SeqCst);
        x + 1
    }
    assert_eq!(*inner(1), 2);
    assert_eq!(*inner(1), 2);
    assert_eq!(RUNS.load(Ordering::SeqCst), 1);
    inner::clear();
    assert_eq!(*inner(1), 2);
    assert_eq!(RUNS.load(Ordering::SeqCst), 2);
}
