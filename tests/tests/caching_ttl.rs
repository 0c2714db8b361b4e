//! Caching tests on the manual cache clock: ttl expiry (B32..B35, E1.6),
//! `max_entries` eviction against entry ages (B36) and `on_release` on
//! expiry (B50). The rest of SPEC 1 is in `caching.rs`.
//!
//! [`ManualClock`] switches cache time to manual for the whole process, so
//! these tests live in a binary of their own, and run one at a time (they
//! share one clock).
#![allow(clippy::unwrap_used, reason = "it's a test")]

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use brook::caching::ManualClock;
use brook::prelude::*;
use parking_lot::{Mutex, MutexGuard};

/// One test at a time on the shared clock.
static CLOCK_TESTS: Mutex<()> = Mutex::new(());

/// The manual clock (installed once), and the right to move it.
fn manual_clock() -> (MutexGuard<'static, ()>, &'static ManualClock) {
    static CLOCK: OnceLock<ManualClock> = OnceLock::new();
    let guard = CLOCK_TESTS.lock();
    let clock = CLOCK.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!(
            "brook-caching-ttl-tests-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        brook::caching::set_persist_dir(dir);
        ManualClock::install()
    });
    (guard, clock)
}

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

// ---------------------------------------------------------------- B34

static B34_DATA_RUNS: AtomicUsize = AtomicUsize::new(0);
static B34_RESOURCE_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(ttl = "10s")]
fn b34_data(x: u32) -> usize {
    let _ = x;
    B34_DATA_RUNS.fetch_add(1, SeqCst) + 1
}

#[cache_resource(ttl = 10)]
fn b34_resource(x: u32) -> usize {
    let _ = x;
    B34_RESOURCE_RUNS.fetch_add(1, SeqCst) + 1
}

#[test]
fn b34_an_expired_entry_is_recomputed_on_its_next_access() {
    let (_guard, clock) = manual_clock();
    assert_eq!(*b34_data(1), 1);
    let first = b34_resource(1);
    clock.advance(secs(9.9));
    assert_eq!(*b34_data(1), 1, "still fresh");
    assert!(Arc::ptr_eq(&first, &b34_resource(1)));
    clock.advance(secs(0.2)); // 10.1 s old
    // Lazy: the expired entry is still held until it is accessed.
    assert_eq!((b34_data::len(), b34_resource::len()), (1, 1));
    assert_eq!(*b34_data(1), 2, "expired: computed again");
    let second = b34_resource(1);
    assert_eq!(*second, 2);
    assert!(!Arc::ptr_eq(&first, &second));
    assert_eq!((b34_data::len(), b34_resource::len()), (1, 1));
    // The new value's age counts from its own computation.
    clock.advance(secs(9.9));
    assert_eq!(*b34_data(1), 2);
    assert!(Arc::ptr_eq(&second, &b34_resource(1)));
    clock.advance(secs(0.2));
    assert_eq!(*b34_data(1), 3);
    assert_eq!(*b34_resource(1), 3);
    // Other keys have their own ages.
    assert_eq!(*b34_data(2), 4);
    clock.advance(secs(5.0));
    assert_eq!(*b34_data(1), 3);
    assert_eq!(*b34_data(2), 4);
}

// ---------------------------------------------------------------- B32, B33

static B32_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(ttl = 60)]
fn b32_integer_seconds() -> usize {
    B32_RUNS.fetch_add(1, SeqCst)
}

#[cache_data(ttl = 0.5)]
fn b32_float_seconds() -> usize {
    B32_RUNS.fetch_add(1, SeqCst)
}

#[cache_data(ttl = "1h30m")]
fn b32_text() -> usize {
    B32_RUNS.fetch_add(1, SeqCst)
}

#[cache_resource(ttl = Duration::from_millis(1500))]
fn b32_duration() -> usize {
    B32_RUNS.fetch_add(1, SeqCst)
}

#[cache_data(ttl = "1000000000")]
fn b33_nanoseconds() -> usize {
    B32_RUNS.fetch_add(1, SeqCst)
}

/// Checks that `call` keeps its value just before `ttl` and recomputes
/// just after.
fn expires_after(clock: &ManualClock, ttl: Duration, call: impl Fn() -> usize) {
    let margin = ttl / 100;
    let first = call();
    clock.advance(ttl - margin);
    assert_eq!(call(), first, "fresh just before {ttl:?}");
    clock.advance(margin * 2);
    assert_ne!(call(), first, "expired just after {ttl:?}");
}

#[test]
fn b32_every_form_of_ttl_expires_at_its_duration() {
    let (_guard, clock) = manual_clock();
    expires_after(clock, secs(60.0), || *b32_integer_seconds());
    expires_after(clock, secs(0.5), || *b32_float_seconds());
    expires_after(clock, secs(5400.0), || *b32_text());
    expires_after(clock, secs(1.5), || *b32_duration());
}

#[test]
fn b33_a_unitless_ttl_string_expires_after_that_many_nanoseconds() {
    let (_guard, clock) = manual_clock();
    expires_after(clock, secs(1.0), || *b33_nanoseconds());
}

// ---------------------------------------------------------------- B35, E1.6

static B35_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(persist = "disk", ttl = "1s")]
fn b35_persisted(x: u32) -> Vec<u32> {
    B35_RUNS.fetch_add(1, SeqCst);
    vec![x]
}

#[test]
fn b35_e1_6_a_persisted_function_ignores_its_ttl() {
    let (_guard, clock) = manual_clock();
    let _ = b35_persisted(1);
    clock.advance(Duration::from_secs(365 * 86_400));
    let _ = b35_persisted(1);
    assert_eq!(B35_RUNS.load(SeqCst), 1, "a year later, still cached");
}

// ---------------------------------------------------------------- B36

static B36_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(max_entries = 2, ttl = "1h")]
fn b36_bounded(x: u32) -> u32 {
    B36_RUNS.fetch_add(1, SeqCst);
    x
}

#[test]
fn b36_max_entries_evicts_the_least_recently_used_entry_whatever_its_age() {
    let (_guard, clock) = manual_clock();
    let runs = || B36_RUNS.load(SeqCst);
    let _ = b36_bounded(1); // t = 0
    clock.advance(secs(60.0));
    let _ = b36_bounded(2); // t = 60
    clock.advance(secs(60.0));
    let _ = b36_bounded(1); // a hit: 1 is now the most recently used
    assert_eq!(runs(), 2);
    let _ = b36_bounded(3); // full: 2 goes, though 1 is older
    assert_eq!((runs(), b36_bounded::len()), (3, 2));
    let _ = b36_bounded(1);
    let _ = b36_bounded(3);
    assert_eq!(runs(), 3, "1 and 3 stayed");
    let _ = b36_bounded(2);
    assert_eq!(runs(), 4, "2 was evicted");
    assert_eq!(b36_bounded::len(), 2);
}

static B36_AGED_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(max_entries = 2, ttl = "10s")]
fn b36_aged(x: u32) -> u32 {
    B36_AGED_RUNS.fetch_add(1, SeqCst);
    x
}

#[test]
fn b36_an_expired_entry_goes_before_a_live_one_when_the_cache_is_full() {
    // Streamlit's TTLCache drops expired entries before it evicts by
    // recency, so `max_entries` live values are kept.
    let (_guard, clock) = manual_clock();
    let runs = || B36_AGED_RUNS.load(SeqCst);
    let _ = b36_aged(1); // stored at t = 0
    clock.advance(secs(5.0));
    let _ = b36_aged(2); // stored at t = 5
    clock.advance(secs(1.0));
    let _ = b36_aged(1); // t = 6: a hit, so 2 is the least recently used
    clock.advance(secs(5.0)); // t = 11: 1 has expired, 2 is 6 s old
    let _ = b36_aged(3); // full: the expired 1 should make room
    assert_eq!(runs(), 3);
    let _ = b36_aged(2);
    assert_eq!(
        runs(),
        3,
        "the live entry 2 was evicted while the expired entry 1 was kept"
    );
}

// ---------------------------------------------------------------- B50

static B50_RELEASED: Mutex<Vec<u32>> = Mutex::new(Vec::new());

fn b50_record(value: &u32) {
    B50_RELEASED.lock().push(*value);
}

#[cache_resource(ttl = "5s", on_release = b50_record)]
fn b50_expiring(x: u32) -> u32 {
    x
}

#[test]
fn b50_on_release_runs_when_an_expired_entry_is_dropped() {
    let (_guard, clock) = manual_clock();
    let _ = b50_expiring(7);
    clock.advance(secs(6.0));
    assert!(B50_RELEASED.lock().is_empty(), "expiry is lazy");
    let _ = b50_expiring(7);
    assert_eq!(
        *B50_RELEASED.lock(),
        [7],
        "released on the access that found it expired"
    );
    assert_eq!(b50_expiring::len(), 1);
}
