//! SPEC 1.3: the parameters `ttl`, `max_entries`, `validate`, `on_release`
//! and the defaults (B31..B37, B44, B50, B51). The spinner is in
//! `spinner.rs`, `persist` in `persistence.rs`, `scope` in `scope.rs`, and
//! ttl expiry in `caching_ttl.rs`.
//!
//! Settings are read through the function's cache (`__brook_cache_of_*`,
//! the item the macro generates beside the function), and their effect is
//! checked by calls.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

use brook::caching::Kind;
use brook::prelude::*;
use brook::testing::AppTest;
use parking_lot::Mutex;

use crate::shared;

// ---------------------------------------------------------------- B31

static B31_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b31_data_defaults(x: u32) -> u32 {
    B31_RUNS.fetch_add(1, SeqCst);
    x
}

#[cache_resource]
fn b31_resource_defaults() -> u32 {
    0
}

#[test]
fn b31_the_defaults_are_no_ttl_no_bound_a_spinner_no_persistence_global_scope() {
    let _guard = shared();
    let data = __brook_cache_of_b31_data_defaults().info().clone();
    assert_eq!(data.kind, Kind::Data);
    assert_eq!(data.ttl, None);
    assert!(!data.ttl_ignored);
    assert_eq!(data.max_entries, None);
    assert_eq!(data.spinner, Some("Running `b31_data_defaults(...)`."));
    assert!(!data.session_scope);
    let resource = __brook_cache_of_b31_resource_defaults().info().clone();
    assert_eq!(resource.kind, Kind::Resource);
    assert_eq!(resource.ttl, None);
    assert_eq!(resource.max_entries, None);
    assert_eq!(resource.spinner, Some("Running `b31_resource_defaults()`."));
    assert!(!resource.session_scope);
    // Unbounded: every entry stays.
    for x in 0..500 {
        let _ = b31_data_defaults(x);
    }
    for x in 0..500 {
        let _ = b31_data_defaults(x);
    }
    assert_eq!(b31_data_defaults::len(), 500);
    assert_eq!(B31_RUNS.load(SeqCst), 500);
    // Not persisted: nothing written with this function's key.
    let prefix = format!("{:016x}-", data.function_key());
    let written = std::fs::read_dir(crate::persist_dir())
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with(&prefix));
    assert!(!written);
}

// ---------------------------------------------------------------- B32

#[cache_data(ttl = 3600)]
fn b32_seconds() {}
#[cache_data(ttl = 2.5)]
fn b32_fractional_seconds() {}
#[cache_data(ttl = "1d")]
fn b32_one_day() {}
#[cache_data(ttl = "1.5 days")]
fn b32_one_and_a_half_days() {}
#[cache_data(ttl = "1h23s")]
fn b32_hour_and_seconds() {}
#[cache_data(ttl = "30d")]
fn b32_thirty_days() {}
#[cache_data(ttl = "1h30m")]
fn b32_hour_and_a_half() {}
#[cache_resource(ttl = Duration::from_millis(1500))]
fn b32_duration_expression() {}
#[cache_resource(ttl = "250ms")]
fn b32_milliseconds() {}

#[test]
fn b32_ttl_takes_seconds_timedelta_text_and_durations() {
    let _guard = shared();
    let ttl_of = |info: &brook::caching::FunctionInfo| info.ttl;
    assert_eq!(
        ttl_of(__brook_cache_of_b32_seconds().info()),
        Some(Duration::from_secs(3600))
    );
    assert_eq!(
        ttl_of(__brook_cache_of_b32_fractional_seconds().info()),
        Some(Duration::from_millis(2500))
    );
    assert_eq!(
        ttl_of(__brook_cache_of_b32_one_day().info()),
        Some(Duration::from_secs(86_400))
    );
    assert_eq!(
        ttl_of(__brook_cache_of_b32_one_and_a_half_days().info()),
        Some(Duration::from_secs(129_600))
    );
    assert_eq!(
        ttl_of(__brook_cache_of_b32_hour_and_seconds().info()),
        Some(Duration::from_secs(3623))
    );
    assert_eq!(
        ttl_of(__brook_cache_of_b32_thirty_days().info()),
        Some(Duration::from_secs(30 * 86_400))
    );
    assert_eq!(
        ttl_of(__brook_cache_of_b32_hour_and_a_half().info()),
        Some(Duration::from_secs(5400))
    );
    assert_eq!(
        ttl_of(__brook_cache_of_b32_duration_expression().info()),
        Some(Duration::from_millis(1500))
    );
    assert_eq!(
        ttl_of(__brook_cache_of_b32_milliseconds().info()),
        Some(Duration::from_millis(250))
    );
    // The functions work with a ttl (expiry itself: caching_ttl.rs).
    b32_seconds();
    b32_duration_expression();
}

// ---------------------------------------------------------------- B33

#[cache_data(ttl = "1500")]
fn b33_unitless() {}

#[test]
fn b33_a_unitless_ttl_string_is_nanoseconds() {
    let _guard = shared();
    assert_eq!(
        __brook_cache_of_b33_unitless().info().ttl,
        Some(Duration::from_nanos(1500))
    );
}

// ---------------------------------------------------------------- B35

#[cache_data(persist = "disk", ttl = "1h")]
fn b35_persisted_with_ttl(x: u32) -> u32 {
    x
}

#[test]
fn b35_ttl_is_ignored_for_a_persisted_function() {
    let _guard = shared();
    let info = __brook_cache_of_b35_persisted_with_ttl().info().clone();
    assert_eq!(info.ttl, None, "no ttl applies");
    assert!(
        info.ttl_ignored,
        "the warning is logged when the cache is made"
    );
    assert_eq!(*b35_persisted_with_ttl(1), 1);
}

// ---------------------------------------------------------------- B36

static B36_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(max_entries = 3)]
fn b36_bounded(x: u32) -> u32 {
    B36_RUNS.fetch_add(1, SeqCst);
    x
}

#[test]
fn b36_a_full_cache_drops_its_least_recently_used_entry() {
    let _guard = shared();
    let runs = || B36_RUNS.load(SeqCst);
    for x in [1, 2, 3] {
        let _ = b36_bounded(x);
    }
    assert_eq!((runs(), b36_bounded::len()), (3, 3));
    let _ = b36_bounded(1); // 1 is now the most recently used; 2 the least
    assert_eq!(runs(), 3);
    let _ = b36_bounded(4); // full: 2 goes
    assert_eq!((runs(), b36_bounded::len()), (4, 3));
    for x in [1, 3, 4] {
        let _ = b36_bounded(x);
    }
    assert_eq!(runs(), 4, "1, 3 and 4 are still cached");
    let _ = b36_bounded(2);
    assert_eq!(runs(), 5, "2 was evicted");
    assert_eq!(b36_bounded::len(), 3);
}

// ---------------------------------------------------------------- B44

/// A connection whose health the test controls.
struct Link {
    serial: usize,
    healthy: AtomicBool,
}

static B44_RUNS: AtomicUsize = AtomicUsize::new(0);
static B44_CHECKS: AtomicUsize = AtomicUsize::new(0);

fn b44_is_healthy(link: &Link) -> bool {
    B44_CHECKS.fetch_add(1, SeqCst);
    link.healthy.load(SeqCst)
}

#[cache_resource(validate = b44_is_healthy)]
fn b44_link(host: &str) -> Link {
    let _ = host;
    Link {
        serial: B44_RUNS.fetch_add(1, SeqCst),
        healthy: AtomicBool::new(true),
    }
}

#[test]
fn b44_validate_runs_on_every_access_and_a_false_recomputes() {
    let _guard = shared();
    let first = b44_link("db");
    assert_eq!(B44_CHECKS.load(SeqCst), 0, "nothing to validate on a miss");
    let again = b44_link("db");
    let again_2 = b44_link("db");
    assert_eq!(B44_CHECKS.load(SeqCst), 2, "checked on every hit");
    assert!(Arc::ptr_eq(&first, &again) && Arc::ptr_eq(&first, &again_2));
    first.healthy.store(false, SeqCst);
    let fresh = b44_link("db");
    assert_eq!(
        fresh.serial, 1,
        "an invalid entry is discarded and computed again"
    );
    assert!(!Arc::ptr_eq(&first, &fresh));
    assert_eq!(B44_RUNS.load(SeqCst), 2);
    assert!(Arc::ptr_eq(&fresh, &b44_link("db")));
    assert_eq!(B44_RUNS.load(SeqCst), 2);
}

// ---------------------------------------------------------------- B50

static B50_RELEASED: Mutex<Vec<u32>> = Mutex::new(Vec::new());

fn b50_record(value: &u32) {
    B50_RELEASED.lock().push(*value);
}

#[cache_resource(max_entries = 2, on_release = b50_record)]
fn b50_resource(x: u32) -> u32 {
    x
}

#[cache_resource(scope = "session", on_release = b50_record)]
fn b50_session_resource(x: u32) -> u32 {
    x
}

fn b50_released() -> Vec<u32> {
    let mut released = B50_RELEASED.lock().clone();
    released.sort_unstable();
    released
}

#[test]
fn b50_on_release_runs_on_eviction_clear_and_session_end() {
    let _guard = shared();
    let _ = b50_resource(1);
    let _ = b50_resource(2);
    assert!(b50_released().is_empty());
    let _ = b50_resource(3); // evicts 1
    assert_eq!(b50_released(), [1]);
    b50_resource::clear_entry(2);
    assert_eq!(b50_released(), [1, 2]);
    b50_resource::clear();
    assert_eq!(b50_released(), [1, 2, 3]);
    assert_eq!(b50_resource::len(), 0);
    // A hit releases nothing.
    let _ = b50_resource(4);
    let _ = b50_resource(4);
    assert_eq!(b50_released(), [1, 2, 3]);

    // Session end (ttl expiry is in caching_ttl.rs).
    let mut at = AppTest::new(|st: &St| st.text(b50_session_resource(100).to_string()));
    at.run();
    assert_eq!(at.text(), ["100"]);
    assert_eq!(b50_released(), [1, 2, 3]);
    drop(at);
    assert_eq!(b50_released(), [1, 2, 3, 100]);
    b50_resource::clear();
    assert_eq!(b50_released(), [1, 2, 3, 4, 100]);
}

// ---------------------------------------------------------------- B51

static B51_RELEASED: Mutex<Vec<u32>> = Mutex::new(Vec::new());

fn b51_release(value: &u32) {
    if *value == 2 {
        panic!("on_release of 2 fails");
    }
    B51_RELEASED.lock().push(*value);
}

#[cache_resource(on_release = b51_release)]
fn b51_resource(x: u32) -> u32 {
    x
}

#[test]
fn b51_a_failing_on_release_does_not_stop_a_clear() {
    let _guard = shared();
    for x in [1, 2, 3] {
        let _ = b51_resource(x);
    }
    b51_resource::clear(); // must not panic
    let mut released = B51_RELEASED.lock().clone();
    released.sort_unstable();
    assert_eq!(released, [1, 3]);
    assert_eq!(b51_resource::len(), 0);
}
