//! SPEC 1.3 `scope` (B46..B49): global and session-scoped caches.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::time::{Duration, Instant};

use brook::prelude::*;
use brook::testing::AppTest;

use crate::{Latch, shared};

// ---------------------------------------------------------------- B46

static B46_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(scope = "global")]
fn b46_global(x: u32) -> usize {
    let _ = x;
    B46_RUNS.fetch_add(1, SeqCst)
}

#[test]
fn b46_scope_global_is_one_cache_for_every_session() {
    let _guard = shared();
    // (Any other scope text is a compile error naming the valid values.)
    let script = |st: &St| st.text(b46_global(1).to_string());
    let mut a = AppTest::new(script);
    let mut b = AppTest::new(script);
    a.run();
    b.run();
    assert_eq!(a.text(), ["0"]);
    assert_eq!(b.text(), ["0"]);
    assert_eq!(B46_RUNS.load(SeqCst), 1);
    assert!(!__brook_cache_of_b46_global().info().session_scope);
}

// ---------------------------------------------------------------- B47

static B47_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_resource(scope = "session")]
fn b47_per_session(name: &str) -> String {
    format!("{name} #{}", B47_RUNS.fetch_add(1, SeqCst))
}

#[test]
fn b47_each_session_has_its_own_cache_removed_when_the_session_ends() {
    let _guard = shared();
    let script = |st: &St| {
        let value = b47_per_session("conn");
        // Same object within the session.
        assert!(Arc::ptr_eq(&value, &b47_per_session("conn")));
        st.text(value.to_string());
    };
    let mut a = AppTest::new(script);
    let mut b = AppTest::new(script);
    a.run();
    b.run();
    assert_eq!(a.text(), ["conn #0"]);
    assert_eq!(b.text(), ["conn #1"], "the second session computes its own");
    a.run();
    b.run();
    assert_eq!(a.text(), ["conn #0"]);
    assert_eq!(b.text(), ["conn #1"]);
    assert_eq!(B47_RUNS.load(SeqCst), 2);
    assert_eq!(b47_per_session::len(), 2);
    drop(a);
    assert_eq!(
        b47_per_session::len(),
        1,
        "the ended session's entries are gone"
    );
    b.run();
    assert_eq!(b.text(), ["conn #1"], "the other session keeps its own");
    drop(b);
    assert_eq!(b47_per_session::len(), 0);
}

static B47_ENTERED: Latch = Latch::new();
static B47_RELEASE: Latch = Latch::new();
static B47_DROPPED: AtomicBool = AtomicBool::new(false);

/// Records when it is dropped: a value kept by the cache is never dropped.
struct Tracked;

impl Drop for Tracked {
    fn drop(&mut self) {
        B47_DROPPED.store(true, SeqCst);
    }
}

#[cache_resource(scope = "session")]
fn b47_slow_session_value() -> Tracked {
    B47_ENTERED.open();
    B47_RELEASE.wait();
    Tracked
}

#[test]
fn b47_a_value_finished_after_its_session_ended_is_not_kept() {
    let _guard = shared();
    let at = AppTest::new(|st: &St| {
        let _value = b47_slow_session_value();
        st.text("done");
    });
    at.session().send(brook::Event::Rerun).unwrap();
    assert!(B47_ENTERED.wait());
    // The window closes while the value is being computed.
    drop(at);
    B47_RELEASE.open();
    let deadline = Instant::now() + Duration::from_secs(5);
    while !B47_DROPPED.load(SeqCst) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(
        b47_slow_session_value::len(),
        0,
        "an entry of a session that has ended stays in the cache forever"
    );
    assert!(B47_DROPPED.load(SeqCst));
}

// ---------------------------------------------------------------- B48

static B48_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(scope = "session")]
fn b48_session_only(x: u32) -> u32 {
    B48_RUNS.fetch_add(1, SeqCst);
    x
}

#[test]
fn b48_a_session_scoped_function_outside_a_run_computes_without_caching() {
    let _guard = shared();
    // Streamlit raises here; brook logs a warning and computes (its choice).
    assert_eq!(*b48_session_only(1), 1);
    assert_eq!(*b48_session_only(1), 1);
    assert_eq!(B48_RUNS.load(SeqCst), 2);
    assert_eq!(b48_session_only::len(), 0);
}

// ---------------------------------------------------------------- B49

static B49_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(scope = "session")]
fn b49_data_per_session(x: u32) -> Vec<usize> {
    vec![x as usize, B49_RUNS.fetch_add(1, SeqCst)]
}

#[test]
fn b49_cache_data_takes_the_session_scope_too() {
    let _guard = shared();
    let script = |st: &St| {
        let mut value = b49_data_per_session(9);
        st.text(format!("{:?}", *value));
        value.push(0); // a private copy, as ever with cache_data
    };
    let mut a = AppTest::new(script);
    let mut b = AppTest::new(script);
    for _ in 0..2 {
        a.run();
        b.run();
        assert_eq!(a.text(), ["[9, 0]"]);
        assert_eq!(b.text(), ["[9, 1]"]);
    }
    assert_eq!(b49_data_per_session::len(), 2);
    drop(a);
    drop(b);
    assert_eq!(b49_data_per_session::len(), 0);
}
