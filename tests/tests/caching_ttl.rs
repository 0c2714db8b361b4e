//! Caching tests on the manual cache clock: ttl expiry (B32..B35, E1.6),
//! `max_entries` eviction against entry ages (B36), `on_release` on
//! expiry (B50) and background refresh (B53, B54). The rest of SPEC 1 is in
//! `caching.rs`.
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

// ------------------------------------------------------------ B52..B55

/// Holds background refreshes until the test opens it, so what a caller
/// sees while a refresh runs does not depend on thread timing.
struct Gate {
    open: Mutex<bool>,
    opened: parking_lot::Condvar,
}

impl Gate {
    const fn new() -> Self {
        Self {
            open: Mutex::new(true),
            opened: parking_lot::Condvar::new(),
        }
    }

    fn close(&self) {
        *self.open.lock() = false;
    }

    fn open(&self) {
        *self.open.lock() = true;
        self.opened.notify_all();
    }

    fn pass(&self) {
        let mut open = self.open.lock();
        while !*open {
            self.opened.wait(&mut open);
        }
    }
}

/// The name of the thread a body ran on.
fn thread_name() -> String {
    std::thread::current().name().unwrap_or("").to_owned()
}

static B53_GATE: Gate = Gate::new();
static B53_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(ttl = "10s", refresh_mode = "background")]
fn b53_report(region: String) -> (usize, String) {
    B53_GATE.pass();
    let _ = region;
    (B53_RUNS.fetch_add(1, SeqCst) + 1, thread_name())
}

#[test]
fn b53_b54_a_stale_entry_is_returned_at_once_and_refreshed_once_on_another_thread() {
    let (_guard, clock) = manual_clock();
    let mut at = brook::testing::AppTest::new(|st| {
        let (version, _) = &*b53_report("north".to_owned());
        st.text(format!("version {version}"));
    });
    at.run();
    assert_eq!(at.text(), ["version 1"]);
    assert_eq!(
        b53_report("north".to_owned()).1,
        "brook-runner",
        "a miss computes in the caller: the session's runner thread"
    );

    clock.advance(secs(10.5)); // past the ttl, within 2 x ttl: stale
    B53_GATE.close();
    // The run is not held up by the refresh (which cannot finish yet), and
    // shows the stale value; callers meanwhile start no second refresh.
    at.run();
    assert_eq!(at.text(), ["version 1"]);
    for _ in 0..3 {
        assert_eq!(b53_report("north".to_owned()).0, 1);
    }
    assert_eq!(b53_report::__cache().refreshing(), 1);
    B53_GATE.open();
    b53_report::wait_for_refreshes();

    let (version, thread) = (*b53_report("north".to_owned())).clone();
    assert_eq!(version, 2, "one refresh, deduplicated");
    assert_eq!(
        thread, "brook-cache-refresh",
        "no script context: another thread"
    );
    at.run();
    assert_eq!(at.text(), ["version 2"]);
    // The refreshed entry's age starts again.
    clock.advance(secs(9.9));
    assert_eq!(b53_report("north".to_owned()).0, 2);
    assert_eq!(b53_report::__cache().refreshing(), 0);
}

static B53_BOUND_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_resource(ttl = "10s", refresh_mode = "background")]
fn b53_connection(name: String) -> (usize, String) {
    let _ = name;
    (B53_BOUND_RUNS.fetch_add(1, SeqCst) + 1, thread_name())
}

#[test]
fn b53_past_the_stale_bound_an_entry_is_a_miss_computed_in_the_foreground() {
    let (_guard, clock) = manual_clock();
    let first = b53_connection("db".to_owned());
    clock.advance(secs(20.0)); // 2 x ttl: the hard bound
    let second = b53_connection("db".to_owned());
    assert!(!Arc::ptr_eq(&first, &second));
    assert_eq!(second.0, first.0 + 1);
    assert_eq!(second.1, thread_name(), "computed by the caller");
    assert_eq!(b53_connection::__cache().refreshing(), 0);

    // A stale resource is the same object until its refresh replaces it.
    clock.advance(secs(15.0));
    assert!(Arc::ptr_eq(&second, &b53_connection("db".to_owned())));
    b53_connection::wait_for_refreshes();
    let third = b53_connection("db".to_owned());
    assert_eq!(third.0, second.0 + 1);
    assert_eq!(third.1, "brook-cache-refresh");
}

static B53_MULTIPLIER_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(ttl = "10s", refresh_mode = "background")]
fn b53_multiplied(x: u32) -> usize {
    let _ = x;
    B53_MULTIPLIER_RUNS.fetch_add(1, SeqCst) + 1
}

#[test]
fn b53_the_stale_multiplier_is_a_process_wide_setting_greater_than_one() {
    let (_guard, clock) = manual_clock();
    assert!((brook::caching::stale_multiplier() - 2.0).abs() < f64::EPSILON);
    for bad in [1.0, 0.5, -3.0, f64::NAN, f64::INFINITY] {
        let err = brook::caching::set_stale_multiplier(bad).unwrap_err();
        assert!(err.to_string().contains("stale_multiplier"), "{err}");
        assert!(err.to_string().contains("greater than 1.0"), "{err}");
    }
    assert!((brook::caching::stale_multiplier() - 2.0).abs() < f64::EPSILON);

    brook::caching::set_stale_multiplier(3.0).unwrap();
    assert_eq!(*b53_multiplied(1), 1);
    clock.advance(secs(25.0)); // stale under 3.0, gone under 2.0
    assert_eq!(*b53_multiplied(1), 1, "returned stale");
    b53_multiplied::wait_for_refreshes();
    assert_eq!(*b53_multiplied(1), 2, "refreshed");
    brook::caching::set_stale_multiplier(2.0).unwrap();
    clock.advance(secs(25.0));
    assert_eq!(*b53_multiplied(1), 3, "a miss again under 2.0");
    assert_eq!(b53_multiplied::__cache().refreshing(), 0);
}

static B54_FAIL: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static B54_ATTEMPTS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(ttl = "100s", refresh_mode = "background")]
fn b54_flaky(x: u32) -> usize {
    let _ = x;
    let attempt = B54_ATTEMPTS.fetch_add(1, SeqCst) + 1;
    assert!(!B54_FAIL.load(SeqCst), "the source is down");
    attempt
}

#[test]
fn b54_a_failed_refresh_keeps_the_stale_value_and_cools_down_for_60_seconds() {
    let (_guard, clock) = manual_clock();
    assert_eq!(*b54_flaky(1), 1);
    B54_FAIL.store(true, SeqCst);
    clock.advance(secs(101.0));
    assert_eq!(*b54_flaky(1), 1, "stale");
    b54_flaky::wait_for_refreshes();
    assert_eq!(B54_ATTEMPTS.load(SeqCst), 2, "the refresh ran, and failed");
    assert_eq!(*b54_flaky(1), 1, "the stale value stays");

    B54_FAIL.store(false, SeqCst);
    clock.advance(secs(59.0)); // 59 s after the failure
    assert_eq!(*b54_flaky(1), 1);
    b54_flaky::wait_for_refreshes();
    assert_eq!(B54_ATTEMPTS.load(SeqCst), 2, "cooling down: no refresh");

    clock.advance(secs(2.0)); // 61 s after the failure, still stale
    assert_eq!(*b54_flaky(1), 1);
    b54_flaky::wait_for_refreshes();
    assert_eq!(B54_ATTEMPTS.load(SeqCst), 3, "refreshed again");
    assert_eq!(*b54_flaky(1), 3);
}

static B54_GATE: Gate = Gate::new();
static B54_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(ttl = "10s", refresh_mode = "background")]
fn b54_cleared(x: u32) -> (usize, String) {
    B54_GATE.pass();
    let _ = x;
    (B54_RUNS.fetch_add(1, SeqCst) + 1, thread_name())
}

#[test]
fn b54_a_refresh_that_ends_after_its_key_was_cleared_is_discarded() {
    let (_guard, clock) = manual_clock();
    for clear in [(|| b54_cleared::clear()) as fn(), || {
        b54_cleared::clear_entry(1)
    }] {
        let before = b54_cleared(1).0;
        clock.advance(secs(11.0));
        B54_GATE.close();
        assert_eq!(b54_cleared(1).0, before, "stale; the refresh waits");
        clear();
        B54_GATE.open();
        b54_cleared::wait_for_refreshes();
        assert_eq!(b54_cleared::len(), 0, "the refresh's value was dropped");
        let (after, thread) = (*b54_cleared(1)).clone();
        assert_eq!(
            after,
            before + 2,
            "the refresh ran; the caller computed again"
        );
        assert_eq!(thread, thread_name());
    }
}

static B54_RELEASED: Mutex<Vec<usize>> = Mutex::new(Vec::new());
static B54_OPENED: AtomicUsize = AtomicUsize::new(0);

fn b54_close(connection: &usize) {
    B54_RELEASED.lock().push(*connection);
}

#[cache_resource(ttl = "10s", refresh_mode = "background", on_release = b54_close)]
fn b54_connection(url: String) -> usize {
    let _ = url;
    B54_OPENED.fetch_add(1, SeqCst) + 1
}

#[test]
fn b50_b53_a_refreshed_resource_releases_the_one_it_replaces() {
    let (_guard, clock) = manual_clock();
    assert_eq!(*b54_connection("db".to_owned()), 1);
    clock.advance(secs(12.0));
    assert_eq!(*b54_connection("db".to_owned()), 1, "stale");
    b54_connection::wait_for_refreshes();
    assert_eq!(*b54_connection("db".to_owned()), 2);
    assert_eq!(*B54_RELEASED.lock(), [1], "the old connection was released");
}

static B53_NEWER_GATE: Gate = Gate::new();
static B53_NEWER_OPENED: AtomicUsize = AtomicUsize::new(0);
static B53_NEWER_RELEASED: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn b53_newer_close(connection: &(usize, String)) {
    B53_NEWER_RELEASED.lock().push(connection.1.clone());
}

#[cache_resource(ttl = "10s", refresh_mode = "background", on_release = b53_newer_close)]
fn b53_newer(url: String) -> (usize, String) {
    if thread_name() == "brook-cache-refresh" {
        B53_NEWER_GATE.pass();
    }
    let _ = url;
    (B53_NEWER_OPENED.fetch_add(1, SeqCst) + 1, thread_name())
}

#[test]
fn b53_a_refresh_ending_after_a_newer_foreground_value_is_released_not_stored() {
    let (_guard, clock) = manual_clock();
    let first = b53_newer("db".to_owned());
    clock.advance(secs(12.0));
    B53_NEWER_GATE.close();
    assert!(Arc::ptr_eq(&first, &b53_newer("db".to_owned())), "stale");
    // The refresh is held; the entry ages past 2 x ttl, and a caller
    // computes a newer value in the foreground.
    clock.advance(secs(10.0));
    let newer = b53_newer("db".to_owned());
    assert_eq!(newer.1, thread_name());
    B53_NEWER_GATE.open();
    b53_newer::wait_for_refreshes();
    assert!(
        Arc::ptr_eq(&newer, &b53_newer("db".to_owned())),
        "the older refresh did not replace the newer value"
    );
    assert_eq!(
        *B53_NEWER_RELEASED.lock(),
        [thread_name(), "brook-cache-refresh".to_owned()],
        "the expired entry, then the refresh's unused value"
    );
}

static B53_CROWD_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(ttl = "10s", refresh_mode = "background")]
fn b53_crowd(x: u32) -> usize {
    let _ = x;
    B53_CROWD_RUNS.fetch_add(1, SeqCst) + 1
}

#[test]
fn b53_many_callers_of_a_stale_entry_start_one_refresh() {
    // Callers that found the entry stale just before its refresh stored the
    // new one must not start a second refresh of the new one.
    let (_guard, clock) = manual_clock();
    let _ = b53_crowd(1);
    for round in 0..100 {
        clock.advance(secs(11.0));
        let before = B53_CROWD_RUNS.load(SeqCst);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for _ in 0..25 {
                        let _ = b53_crowd(1);
                    }
                });
            }
        });
        b53_crowd::wait_for_refreshes();
        assert_eq!(
            B53_CROWD_RUNS.load(SeqCst) - before,
            1,
            "round {round}: one refresh"
        );
    }
}

static B53_SESSION_GATE: Gate = Gate::new();
static B53_SESSION_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(ttl = "10s", refresh_mode = "background", scope = "session")]
fn b53_per_session(x: u32) -> usize {
    if thread_name() == "brook-cache-refresh" {
        B53_SESSION_GATE.pass();
    }
    let _ = x;
    B53_SESSION_RUNS.fetch_add(1, SeqCst) + 1
}

#[test]
fn b47_b53_a_session_scoped_entry_refreshes_in_its_session_and_not_after_it_ends() {
    let (_guard, clock) = manual_clock();
    let script = |st: &St| st.text(format!("run {}", *b53_per_session(1)));
    let mut at = brook::testing::AppTest::new(script);
    at.run();
    assert_eq!(at.text(), ["run 1"]);
    clock.advance(secs(11.0));
    at.run();
    assert_eq!(at.text(), ["run 1"], "stale, returned at once");
    b53_per_session::wait_for_refreshes();
    at.run();
    assert_eq!(at.text(), ["run 2"], "refreshed in the session's store");

    // A refresh still running when its session ends is dropped with it.
    clock.advance(secs(11.0));
    B53_SESSION_GATE.close();
    at.run();
    assert_eq!(at.text(), ["run 2"]);
    assert_eq!(b53_per_session::__cache().refreshing(), 1);
    drop(at);
    B53_SESSION_GATE.open();
    b53_per_session::wait_for_refreshes();
    assert_eq!(
        b53_per_session::len(),
        0,
        "nothing kept for the ended session"
    );
}
