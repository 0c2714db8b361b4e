//! SPEC 1.5 and 1.6: clearing (B62..B65) and choosing a decorator (B66).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use brook::caching::{Cached, clear_all, clear_all_data, clear_all_resources};
use brook::prelude::*;
use parking_lot::Mutex;

use crate::{Latch, exclusive, key_of, memo_file, shared};

// ---------------------------------------------------------------- B62

static B62_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b62_value(x: u32) -> u32 {
    B62_RUNS.fetch_add(1, SeqCst);
    x
}

#[test]
fn b62_clear_removes_every_entry_of_the_function() {
    let _guard = shared();
    for x in 0..5 {
        let _ = b62_value(x);
    }
    assert_eq!(b62_value::len(), 5);
    b62_value::clear();
    assert_eq!(b62_value::len(), 0);
    for x in 0..5 {
        let _ = b62_value(x);
    }
    assert_eq!(B62_RUNS.load(SeqCst), 10, "every entry was computed again");
}

// ---------------------------------------------------------------- B63

static B63_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b63_lookup(table: &str, row: u32, _connection: &str) -> String {
    B63_RUNS.fetch_add(1, SeqCst);
    format!("{table}:{row}")
}

#[test]
fn b63_clear_entry_removes_only_the_entry_of_those_arguments() {
    let _guard = shared();
    let _ = b63_lookup("a", 1, "conn");
    let _ = b63_lookup("a", 2, "conn");
    let _ = b63_lookup("b", 1, "conn");
    assert_eq!(b63_lookup::len(), 3);
    // Hashed as in a call: the underscore parameter is not even taken.
    b63_lookup::clear_entry("a", 1);
    assert_eq!(b63_lookup::len(), 2);
    let _ = b63_lookup("a", 2, "other");
    let _ = b63_lookup("b", 1, "other");
    assert_eq!(B63_RUNS.load(SeqCst), 3, "the other entries stayed");
    let _ = b63_lookup("a", 1, "other");
    assert_eq!(
        B63_RUNS.load(SeqCst),
        4,
        "the cleared one is computed again"
    );
    // Clearing an entry that is not there is fine.
    b63_lookup::clear_entry("zzz", 9);
    assert_eq!(b63_lookup::len(), 3);
}

// ---------------------------------------------------------------- B64

static B64_RELEASED: Mutex<Vec<u32>> = Mutex::new(Vec::new());

fn b64_release(value: &u32) {
    B64_RELEASED.lock().push(*value);
}

#[cache_data]
fn b64_data(x: u32) -> u32 {
    x
}

#[cache_data(persist = "disk")]
fn b64_persisted(x: u32) -> u32 {
    x
}

#[cache_resource(on_release = b64_release)]
fn b64_resource(x: u32) -> u32 {
    x
}

fn b64_fill() {
    for x in [1, 2] {
        let _ = b64_data(x);
        let _ = b64_persisted(x);
        let _ = b64_resource(x);
    }
}

#[test]
fn b64_the_global_clears_are_per_kind_and_independent() {
    let _guard = exclusive();
    let file = memo_file(
        __brook_cache_of_b64_persisted().info().function_key(),
        key_of("x", &1_u32),
    );
    b64_fill();
    assert!(file.exists());
    // Data: memory and disk; resources untouched.
    clear_all_data();
    assert_eq!((b64_data::len(), b64_persisted::len()), (0, 0));
    assert!(!file.exists());
    assert_eq!(b64_resource::len(), 2);
    assert!(B64_RELEASED.lock().is_empty());
    // Resources: with on_release; data untouched.
    b64_fill();
    clear_all_resources();
    assert_eq!(b64_resource::len(), 0);
    let mut released = B64_RELEASED.lock().clone();
    released.sort_unstable();
    assert_eq!(released, [1, 2]);
    assert_eq!((b64_data::len(), b64_persisted::len()), (2, 2));
    assert!(file.exists());
    // Both.
    b64_fill();
    clear_all();
    assert_eq!(
        (b64_data::len(), b64_persisted::len(), b64_resource::len()),
        (0, 0, 0)
    );
    assert!(!file.exists());
    assert_eq!(B64_RELEASED.lock().len(), 4);
}

// ---------------------------------------------------------------- B65

static B65_ENTERED: Latch = Latch::new();
static B65_RELEASE: Latch = Latch::new();
static B65_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b65_slow(x: u32) -> u32 {
    B65_RUNS.fetch_add(1, SeqCst);
    B65_ENTERED.open();
    B65_RELEASE.wait();
    x * 2
}

#[test]
fn b65_a_clear_does_not_interrupt_a_computation_in_flight() {
    let _guard = shared();
    let computing = std::thread::Builder::new()
        .name("b65".into())
        .spawn(|| b65_slow(21))
        .unwrap();
    assert!(B65_ENTERED.wait());
    b65_slow::clear();
    b65_slow::clear_entry(21);
    B65_RELEASE.open();
    let value: Cached<u32> = computing.join().unwrap();
    assert_eq!(*value, 42, "the computation finished and returned");
    // As in Streamlit's foreground path, the finished value is stored.
    assert_eq!(*b65_slow(21), 42);
    assert_eq!(B65_RUNS.load(SeqCst), 1);
}

// ---------------------------------------------------------------- B66

/// A resource: a worker thread and the channel to it. Not `Clone`, not
/// serialisable; shared by everyone.
struct Worker {
    jobs: Mutex<std::sync::mpsc::Sender<u64>>,
    done: Mutex<std::sync::mpsc::Receiver<u64>>,
}

#[cache_resource]
fn b66_worker() -> Worker {
    let (jobs, job_rx) = std::sync::mpsc::channel::<u64>();
    let (done_tx, done) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("b66-worker".into())
        .spawn(move || {
            for job in job_rx {
                let _ = done_tx.send(job * job);
            }
        })
        .unwrap();
    Worker {
        jobs: Mutex::new(jobs),
        done: Mutex::new(done),
    }
}

/// Data: plain values, each caller its own copy.
#[cache_data]
fn b66_data(n: u64) -> Vec<u64> {
    (0..n).collect()
}

#[test]
fn b66_data_goes_in_cache_data_resources_in_cache_resource() {
    let _guard = shared();
    let worker = b66_worker();
    assert!(Arc::ptr_eq(&worker, &b66_worker()));
    worker.jobs.lock().send(12).unwrap();
    assert_eq!(worker.done.lock().recv().unwrap(), 144);
    let mut data = b66_data(3);
    data.push(3);
    assert_eq!(*b66_data(3), [0, 1, 2]);
}
