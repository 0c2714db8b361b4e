//! A panic inside a cached function: not cached, shown as an exception, and
//! an error for the callers waiting on that computation (the issue's
//! acceptance tests; Streamlit lets the exception propagate and stores
//! nothing).

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use brook::prelude::*;
use brook::testing::AppTest;

use crate::{Latch, shared};

/// Whether one of `messages` contains every one of `parts`.
pub(crate) fn mentions(messages: &[String], parts: &[&str]) -> bool {
    messages.iter().any(|m| parts.iter().all(|p| m.contains(p)))
}

static PANICKY_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn panics_the_first_time(x: u32) -> u32 {
    if PANICKY_RUNS.fetch_add(1, SeqCst) == 0 {
        panic!("the source is unavailable");
    }
    x * 3
}

#[test]
fn a_panic_is_not_cached_and_shows_as_an_exception() {
    let _guard = shared();
    let mut at = AppTest::new(|st: &St| {
        let value = panics_the_first_time(5);
        st.text(format!("value {}", *value));
    });
    at.run();
    assert!(
        mentions(&at.exception(), &["the source is unavailable"]),
        "{:?}",
        at.exception()
    );
    assert!(at.text().is_empty());
    assert_eq!(panics_the_first_time::len(), 0, "a panic stores nothing");
    at.run();
    assert!(at.exception().is_empty());
    assert_eq!(at.text(), ["value 15"], "the next call computes again");
    at.run();
    assert_eq!(PANICKY_RUNS.load(SeqCst), 2, "and that value is cached");
}

#[cache_resource]
fn resource_panics(x: u32) -> u32 {
    panic!("cannot connect to {x}");
}

#[test]
fn a_panicking_resource_is_not_cached_either() {
    let _guard = shared();
    for _ in 0..2 {
        let caught = std::panic::catch_unwind(|| resource_panics(1));
        assert!(caught.is_err());
    }
    assert_eq!(resource_panics::len(), 0);
}

static WAITED_ENTERED: Latch = Latch::new();
static WAITED_RELEASE: Latch = Latch::new();
static WAITER_CALLING: Latch = Latch::new();
static WAITED_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn fails_while_others_wait(x: u32) -> u32 {
    if WAITED_RUNS.fetch_add(1, SeqCst) == 0 {
        WAITED_ENTERED.open();
        WAITED_RELEASE.wait();
        panic!("the computation of {x} failed");
    }
    x
}

/// Waits until `count` callers are blocked on `cache`'s computation in
/// flight (no sleeping: the cache counts its waiters).
fn until_waiting<V: Clone + Send + Sync + 'static>(
    cache: &brook::caching::FunctionCache<V>,
    count: usize,
) {
    let deadline = std::time::Instant::now() + crate::PATIENCE;
    while cache.waiting() < count {
        assert!(
            std::time::Instant::now() < deadline,
            "{count} callers never waited"
        );
        std::thread::yield_now();
    }
}

#[test]
fn waiters_of_a_panicking_computation_get_an_error() {
    let _guard = shared();
    let leader = std::thread::Builder::new()
        .name("leader".into())
        .spawn(|| std::panic::catch_unwind(|| fails_while_others_wait(1)).is_err())
        .unwrap();
    assert!(WAITED_ENTERED.wait());
    // A session arrives while the first computation runs, and waits for it.
    let mut waiter = AppTest::new(|st: &St| {
        WAITER_CALLING.open();
        let value = fails_while_others_wait(1);
        st.text(format!("value {}", *value));
    });
    waiter.session().send(brook::Event::Rerun).unwrap();
    assert!(WAITER_CALLING.wait());
    until_waiting(fails_while_others_wait::__cache(), 1);
    WAITED_RELEASE.open();
    assert!(leader.join().unwrap(), "the computing caller panics");
    crate::wait_idle(waiter.session());
    assert!(
        mentions(
            &waiter.exception(),
            &[
                "panicked while computing this value for another caller",
                "the computation of 1 failed"
            ]
        ),
        "{:?}",
        waiter.exception()
    );
    assert_eq!(
        WAITED_RUNS.load(SeqCst),
        1,
        "the waiter did not compute itself"
    );
    assert!(waiter.text().is_empty());
    // Nothing was cached: the next run computes.
    waiter.run();
    assert_eq!(waiter.text(), ["value 1"]);
    assert_eq!(WAITED_RUNS.load(SeqCst), 2);
}

static THREAD_WAIT_ENTERED: Latch = Latch::new();
static THREAD_WAIT_RELEASE: Latch = Latch::new();
static THREAD_WAIT_RUNS: AtomicUsize = AtomicUsize::new(0);
static THREAD_WAITERS_CALLING: AtomicUsize = AtomicUsize::new(0);

#[cache_resource]
fn fails_for_thread_waiters(x: u32) -> u32 {
    THREAD_WAIT_RUNS.fetch_add(1, SeqCst);
    THREAD_WAIT_ENTERED.open();
    THREAD_WAIT_RELEASE.wait();
    panic!("resource {x} failed");
}

#[test]
fn waiting_threads_get_the_panic_of_the_computing_thread() {
    let _guard = shared();
    let call = || {
        std::panic::catch_unwind(|| fails_for_thread_waiters(1))
            .err()
            .map(|payload| {
                payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default()
            })
    };
    let leader = std::thread::Builder::new()
        .name("leader".into())
        .spawn(call)
        .unwrap();
    assert!(THREAD_WAIT_ENTERED.wait());
    let waiters: Vec<_> = (0..3)
        .map(|i| {
            std::thread::Builder::new()
                .name(format!("waiter-{i}"))
                .spawn(move || {
                    THREAD_WAITERS_CALLING.fetch_add(1, SeqCst);
                    call()
                })
                .unwrap()
        })
        .collect();
    let deadline = std::time::Instant::now() + crate::PATIENCE;
    while THREAD_WAITERS_CALLING.load(SeqCst) < 3 && std::time::Instant::now() < deadline {
        std::thread::yield_now();
    }
    until_waiting(fails_for_thread_waiters::__cache(), 3);
    THREAD_WAIT_RELEASE.open();
    assert_eq!(leader.join().unwrap().as_deref(), Some("resource 1 failed"));
    for waiter in waiters {
        let message = waiter.join().unwrap().expect("a waiter gets an error");
        assert!(
            message.contains("panicked while computing this value for another caller")
                && message.contains("resource 1 failed"),
            "{message}"
        );
    }
    assert_eq!(THREAD_WAIT_RUNS.load(SeqCst), 1, "no waiter computed again");
    assert_eq!(fails_for_thread_waiters::len(), 0);
}

static STOP_ENTERED: Latch = Latch::new();
static STOP_RELEASE: Latch = Latch::new();
static STOP_CALLING: Latch = Latch::new();

#[cache_data]
fn slow_for_a_stopped_waiter(x: u32) -> u32 {
    STOP_ENTERED.open();
    STOP_RELEASE.wait();
    x
}

// Issue 11, case 11: Stop ends a run that waits on another caller's
// computation; the computation goes on for its own caller.
#[test]
fn stop_ends_a_wait_on_another_callers_computation() {
    let _guard = shared();
    let leader = std::thread::Builder::new()
        .name("leader".into())
        .spawn(|| *slow_for_a_stopped_waiter(5))
        .unwrap();
    assert!(STOP_ENTERED.wait());
    let waiter = AppTest::new(|st: &St| {
        STOP_CALLING.open();
        let value = slow_for_a_stopped_waiter(5);
        st.text(format!("value {}", *value));
    });
    waiter.session().send(brook::Event::Rerun).unwrap();
    assert!(STOP_CALLING.wait());
    until_waiting(slow_for_a_stopped_waiter::__cache(), 1);
    waiter.session().send(brook::Event::Stop).unwrap();
    crate::wait_idle(waiter.session());
    assert_eq!(
        slow_for_a_stopped_waiter::__cache().waiting(),
        0,
        "the stopped run no longer waits"
    );
    assert!(waiter.text().is_empty(), "the run ended at the wait");
    STOP_RELEASE.open();
    assert_eq!(
        leader.join().unwrap(),
        5,
        "the computing caller gets its value"
    );
}
