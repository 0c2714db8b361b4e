//! SPEC 1.2: return values, copied (`cache_data`) or shared
//! (`cache_resource`) (B20..B30), and the per-key lock (B28).

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use brook::caching::Cached;
use brook::prelude::*;
use brook::testing::AppTest;
use parking_lot::Mutex;

use crate::{Latch, shared};

// ---------------------------------------------------------------- B20

static B20_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn b20_rows(n: u32) -> Vec<u32> {
    B20_RUNS.fetch_add(1, SeqCst);
    (0..n).collect()
}

#[test]
fn b20_a_caller_mutating_its_value_leaves_the_next_callers_value_unchanged() {
    let _guard = shared();
    let mut mine = b20_rows(3);
    let theirs = b20_rows(3);
    assert!(Cached::ptr_eq(&mine, &theirs), "a hit copies nothing");
    mine.push(99);
    mine[0] = 7;
    assert_eq!(*mine, [7, 1, 2, 99]);
    assert_eq!(
        *theirs,
        [0, 1, 2],
        "a value handed out earlier is unchanged"
    );
    let next = b20_rows(3);
    assert_eq!(*next, [0, 1, 2], "the next caller's value is unchanged");
    assert!(!Cached::ptr_eq(&mine, &next));
    // Taking the value out copies it too.
    let mut owned: Vec<u32> = b20_rows(3).into_inner();
    owned.clear();
    assert_eq!(*b20_rows(3), [0, 1, 2]);
    assert_eq!(B20_RUNS.load(SeqCst), 1);
}

#[test]
fn b20_a_mutation_in_one_session_is_invisible_to_another() {
    let _guard = shared();
    let mutating = |st: &St| {
        let mut rows = b20_rows(5);
        rows.retain(|r| r % 2 == 0);
        st.text(format!("{:?}", *rows));
    };
    let reading = |st: &St| st.text(format!("{:?}", *b20_rows(5)));
    let mut first = AppTest::new(mutating);
    let mut second = AppTest::new(reading);
    for _ in 0..2 {
        first.run();
        second.run();
        assert_eq!(first.text(), ["[0, 2, 4]"]);
        assert_eq!(second.text(), ["[0, 1, 2, 3, 4]"]);
    }
}

// ---------------------------------------------------------------- B21

#[cache_data]
fn b21_original(tag: &str) -> Vec<String> {
    vec![tag.to_owned()]
}

#[test]
fn b21_the_computing_caller_gets_the_value_but_its_mutation_does_not_reach_the_cache() {
    let _guard = shared();
    let mut computed = b21_original("miss");
    let stored = b21_original("miss");
    assert!(
        Cached::ptr_eq(&computed, &stored),
        "the miss caller holds the stored object itself, not a copy"
    );
    computed.push("changed by the first caller".into());
    assert_eq!(*b21_original("miss"), ["miss"]);
    assert_eq!(*stored, ["miss"]);
}

// ---------------------------------------------------------------- B22

/// Neither `Clone` nor serialisable.
struct Handle {
    opened: Mutex<Vec<String>>,
}

#[cache_data]
fn b22_handle(name: &str) -> Handle {
    Handle {
        opened: Mutex::new(vec![name.to_owned()]),
    }
}

#[test]
fn b22_without_persistence_a_value_needs_no_serialisation() {
    let _guard = shared();
    // Only `persist = "disk"` needs `Serialize + Deserialize` (a build-time
    // check); a plain `cache_data` value is only shared and read.
    let a = b22_handle("h");
    let b = b22_handle("h");
    assert!(Cached::ptr_eq(&a, &b));
    assert_eq!(*a.opened.lock(), ["h"]);
}

// ---------------------------------------------------------------- B24

static B24_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_resource]
fn b24_pool(size: usize) -> Mutex<Vec<u32>> {
    B24_RUNS.fetch_add(1, SeqCst);
    Mutex::new(vec![0; size])
}

#[test]
fn b24_cache_resource_returns_the_same_instance_to_every_caller() {
    let _guard = shared();
    let a = b24_pool(2);
    let b = b24_pool(2);
    assert!(Arc::ptr_eq(&a, &b));
    let from_thread = std::thread::Builder::new()
        .name("b24".into())
        .spawn(|| b24_pool(2))
        .unwrap()
        .join()
        .unwrap();
    assert!(Arc::ptr_eq(&a, &from_thread));
    // A mutation is visible to everyone.
    a.lock()[0] = 42;
    assert_eq!(b24_pool(2).lock()[0], 42);
    // Across sessions and reruns too.
    let mut at = AppTest::new(|st: &St| {
        let pool = b24_pool(2);
        pool.lock()[1] += 1;
        st.text(format!("{:?}", *pool.lock()));
    });
    at.run();
    assert_eq!(at.text(), ["[42, 1]"]);
    at.run();
    assert_eq!(at.text(), ["[42, 2]"]);
    assert_eq!(B24_RUNS.load(SeqCst), 1);
}

// ---------------------------------------------------------------- B25

fn b25_columns() -> Vec<String> {
    ["Lat", "Lon", "Name"].map(String::from).to_vec()
}

#[cache_resource]
fn b25_frame_resource() -> Mutex<Vec<String>> {
    Mutex::new(b25_columns())
}

#[cache_data]
fn b25_frame_data() -> Vec<String> {
    b25_columns()
}

/// `df.drop(columns=["Lat"], inplace=True)`: fails when the column is gone.
fn drop_lat(columns: &mut Vec<String>) {
    let at = columns
        .iter()
        .position(|c| c == "Lat")
        .unwrap_or_else(|| panic!("KeyError: \"['Lat'] not found in axis\""));
    columns.remove(at);
}

#[test]
fn b25_mutating_a_resource_in_place_breaks_the_second_run_but_not_with_cache_data() {
    let _guard = shared();
    let mut resource = AppTest::new(|st: &St| {
        let frame = b25_frame_resource();
        drop_lat(&mut frame.lock());
        st.text(format!("{:?}", *frame.lock()));
    });
    resource.run();
    assert!(resource.exception().is_empty());
    assert_eq!(resource.text(), [r#"["Lon", "Name"]"#]);
    resource.run();
    assert!(crate::failures::mentions(
        &resource.exception(),
        &["KeyError", "Lat"]
    ));

    let mut data = AppTest::new(|st: &St| {
        let mut frame = b25_frame_data();
        drop_lat(&mut frame);
        st.text(format!("{:?}", *frame));
    });
    for _ in 0..3 {
        data.run();
        assert!(data.exception().is_empty());
        assert_eq!(data.text(), [r#"["Lon", "Name"]"#]);
    }
}

// ---------------------------------------------------------------- B26

#[cache_resource]
fn b26_list_resource() -> Mutex<Vec<i64>> {
    Mutex::new(vec![1, 2, 3])
}

#[cache_data]
fn b26_list_data() -> Vec<i64> {
    vec![1, 2, 3]
}

#[test]
fn b26_a_resource_counter_is_shared_by_users_a_data_counter_is_not() {
    let _guard = shared();
    let resource_script = |st: &St| {
        let list = b26_list_resource();
        let mut list = list.lock();
        list[0] += 1;
        st.text(list[0].to_string());
    };
    let mut user_a = AppTest::new(resource_script);
    let mut user_b = AppTest::new(resource_script);
    user_a.run();
    assert_eq!(user_a.text(), ["2"]);
    user_b.run();
    assert_eq!(user_b.text(), ["3"]);
    user_a.run();
    assert_eq!(user_a.text(), ["4"]);

    let data_script = |st: &St| {
        let mut list = b26_list_data();
        list[0] += 1;
        st.text(list[0].to_string());
    };
    let mut user_a = AppTest::new(data_script);
    let mut user_b = AppTest::new(data_script);
    user_a.run();
    assert_eq!(user_a.text(), ["2"]);
    user_b.run();
    assert_eq!(user_b.text(), ["2"]);
    user_a.run();
    assert_eq!(user_a.text(), ["2"]);
}

// ---------------------------------------------------------------- B27

#[cache_resource]
fn b27_counter() -> AtomicU64 {
    AtomicU64::new(0)
}

#[test]
fn b27_a_resource_is_used_from_many_threads_at_once() {
    let _guard = shared();
    // `cache_resource` requires `T: Send + Sync` (a build-time check):
    // a `RefCell` or `Rc` resource does not compile.
    let threads: Vec<_> = (0..8)
        .map(|i| {
            std::thread::Builder::new()
                .name(format!("b27-{i}"))
                .spawn(|| {
                    for _ in 0..1000 {
                        b27_counter().fetch_add(1, SeqCst);
                    }
                })
                .unwrap()
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert_eq!(b27_counter().load(SeqCst), 8000);
}

// ---------------------------------------------------------------- B28

static B28_RUNS: AtomicUsize = AtomicUsize::new(0);
static B28_ENTERED: Latch = Latch::new();
static B28_RELEASE: Latch = Latch::new();

#[cache_data]
fn b28_slow(x: u64) -> Vec<u64> {
    B28_RUNS.fetch_add(1, SeqCst);
    B28_ENTERED.open();
    // Hold the computation open until the test lets it finish.
    assert!(
        B28_RELEASE.wait(),
        "the test never released the computation"
    );
    vec![x; 4]
}

#[test]
fn b28_eight_threads_missing_one_key_at_once_run_the_body_exactly_once() {
    let _guard = shared();
    let start = Arc::new(Barrier::new(9));
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let start = Arc::clone(&start);
            std::thread::Builder::new()
                .name(format!("b28-{i}"))
                .spawn(move || {
                    start.wait();
                    b28_slow(7)
                })
                .unwrap()
        })
        .collect();
    // All eight are past the barrier and calling; one of them is inside the
    // body, which blocks until released.
    start.wait();
    assert!(B28_ENTERED.wait(), "no thread started computing");
    B28_RELEASE.open();
    let values: Vec<Cached<Vec<u64>>> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(B28_RUNS.load(SeqCst), 1, "exactly one thread computed");
    for value in &values {
        assert_eq!(**value, [7; 4]);
        assert!(
            Cached::ptr_eq(value, &values[0]),
            "all got the one stored value"
        );
    }
}

static B28_KEY_ONE_WAITING: Latch = Latch::new();
static B28_KEY_TWO_DONE: Latch = Latch::new();

#[cache_data]
fn b28_two_keys(key: u32) -> bool {
    if key == 1 {
        // Key 1 finishes only after key 2 was computed: if misses on
        // different keys blocked each other this would never happen.
        B28_KEY_ONE_WAITING.open();
        B28_KEY_TWO_DONE.wait()
    } else {
        true
    }
}

#[test]
fn b28_misses_on_different_keys_do_not_block_each_other() {
    let _guard = shared();
    let one = std::thread::Builder::new()
        .name("b28-key-1".into())
        .spawn(|| *b28_two_keys(1))
        .unwrap();
    assert!(B28_KEY_ONE_WAITING.wait());
    assert!(*b28_two_keys(2), "key 2 computed while key 1 is in flight");
    B28_KEY_TWO_DONE.open();
    assert!(one.join().unwrap(), "key 1 saw key 2 finish");
}

/// A value whose serialisation (done when it is persisted) waits for the
/// test the first time, holding the computing caller between the end of
/// the body and the moment the value is stored.
#[derive(serde::Deserialize, Debug, PartialEq)]
pub(crate) struct SlowToSave(u32);

static B28_SAVING: Latch = Latch::new();
static B28_SAVE_GO: Latch = Latch::new();
static B28_FIRST_SAVE: AtomicBool = AtomicBool::new(true);

impl serde::Serialize for SlowToSave {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if B28_FIRST_SAVE.swap(false, SeqCst) {
            B28_SAVING.open();
            B28_SAVE_GO.wait();
        }
        serializer.serialize_newtype_struct("SlowToSave", &self.0)
    }
}

static B28_PERSIST_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(persist = "disk")]
fn b28_persisted(x: u32) -> SlowToSave {
    B28_PERSIST_RUNS.fetch_add(1, SeqCst);
    SlowToSave(x)
}

#[test]
fn b28_a_caller_arriving_while_the_value_is_being_stored_does_not_compute_again() {
    let _guard = shared();
    let first = std::thread::Builder::new()
        .name("b28-first".into())
        .spawn(|| b28_persisted(5))
        .unwrap();
    // The first caller's body is done; its value is being written to disk.
    assert!(B28_SAVING.wait());
    let (tx, rx) = std::sync::mpsc::channel();
    let second = std::thread::Builder::new()
        .name("b28-second".into())
        .spawn(move || {
            let value = b28_persisted(5);
            let _ = tx.send(());
            value
        })
        .unwrap();
    // A correct engine makes the second caller wait for the first; give a
    // broken one the time to compute again instead.
    let finished_early = rx.recv_timeout(Duration::from_millis(300)).is_ok();
    B28_SAVE_GO.open();
    let (a, b) = (first.join().unwrap(), second.join().unwrap());
    assert_eq!((&*a, &*b), (&SlowToSave(5), &SlowToSave(5)));
    assert_eq!(
        B28_PERSIST_RUNS.load(SeqCst),
        1,
        "the body ran again for a caller that came while the first value was being stored \
         (finished before the first caller: {finished_early})"
    );
    assert!(Cached::ptr_eq(&a, &b));
}

// ---------------------------------------------------------------- B29

#[cache_data]
fn b29_big(n: usize) -> Vec<f64> {
    #[allow(clippy::cast_precision_loss, reason = "test data")]
    (0..n).map(|i| i as f64).collect()
}

#[test]
fn b29_a_hit_on_a_large_value_copies_nothing() {
    let _guard = shared();
    let n = 1 << 20; // 8 MB of f64
    let a = b29_big(n);
    let b = b29_big(n);
    assert!(Cached::ptr_eq(&a, &b));
    assert_eq!(a.as_ptr(), b.as_ptr(), "the same buffer");
}
