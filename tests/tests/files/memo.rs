//! The `.memo` files of `cache_data(persist = "disk")`: bad files set
//! aside under unique names, and panicking `Serialize`/`Deserialize` impls
//! and cache hooks that neither end a caller nor leave one waiting.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::mpsc;
use std::time::Instant;

use brook::caching::{KeyHasher, hash_arg};
use brook::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{Bad, EVERY_BAD, PATIENCE, notices_mentioning, persist_dir, set_aside_copies};

/// The file of the entry `f(x = value)` of the function with this key.
fn memo_path(function_key: u64, value: u32) -> PathBuf {
    let mut hasher = KeyHasher::new();
    hash_arg(&mut hasher, "x", &value);
    persist_dir().join(format!("{function_key:016x}-{:016x}.memo", hasher.finish()))
}

/// Runs `f` on a thread of its own; `None` if it has not returned (or it
/// panicked) within [`PATIENCE`].
fn within_patience<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> Option<R> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("files-test-call".into())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .unwrap();
    rx.recv_timeout(PATIENCE).ok()
}

static UTF8_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(persist = "disk")]
fn memo_utf8(x: u32) -> Vec<u32> {
    UTF8_RUNS.fetch_add(1, SeqCst);
    vec![x; 3]
}

// Issue 11, case 12
#[test]
fn a_memo_file_that_is_not_utf8_is_set_aside_and_computed_again() {
    let path = memo_path(__brook_cache_of_memo_utf8().info().function_key(), 1);
    std::fs::write(&path, [b'(', 0xff, 0xfe, b')']).unwrap();
    assert_eq!(*memo_utf8(1), [1, 1, 1]);
    assert_eq!(UTF8_RUNS.load(SeqCst), 1);
    let copies = set_aside_copies(&path);
    assert_eq!(copies.len(), 1, "set aside, not overwritten");
    assert_eq!(std::fs::read(&copies[0]).unwrap(), [b'(', 0xff, 0xfe, b')']);
    let notices = notices_mentioning(&copies[0].to_string_lossy());
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("UTF-8"), "{notices:?}");
    let rewritten = std::fs::read_to_string(&path).unwrap();
    assert!(rewritten.contains("memo_utf8"), "{rewritten}");
}

static MATRIX_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(persist = "disk")]
fn memo_matrix(x: u32) -> Vec<u32> {
    MATRIX_RUNS.fetch_add(1, SeqCst);
    vec![x, x]
}

// Issue 11, case 12 (failure injection: every kind of unusable file)
#[test]
fn every_unusable_memo_file_is_set_aside_once_and_nothing_is_lost() {
    let function_key = __brook_cache_of_memo_matrix().info().function_key();
    let good = "(format:2,function:\"memo_matrix\",value:[9,9],replay:[])";
    for (x, bad) in (1..).zip(EVERY_BAD) {
        let path = memo_path(function_key, x);
        bad.make(
            &path,
            good,
            "(format:2,function:\"memo_matrix\",value:\"text\",replay:[])",
        );
        let before = Bad::snapshot(&path);
        let runs = MATRIX_RUNS.load(SeqCst);
        assert_eq!(*memo_matrix(x), [x, x], "{bad:?}");
        assert_eq!(
            MATRIX_RUNS.load(SeqCst),
            runs + 1,
            "{bad:?}: computed again"
        );
        let copies = set_aside_copies(&path);
        assert_eq!(copies.len(), 1, "{bad:?}: set aside");
        assert_eq!(Bad::snapshot(&copies[0]), before, "{bad:?}: nothing lost");
        let notices = notices_mentioning(&copies[0].to_string_lossy());
        assert_eq!(notices.len(), 1, "{bad:?}: reported once: {notices:?}");
        let rewritten = std::fs::read_to_string(&path).unwrap();
        assert!(rewritten.contains("memo_matrix"), "{bad:?}: {rewritten}");
        assert_eq!(*memo_matrix(x), [x, x]);
        assert_eq!(MATRIX_RUNS.load(SeqCst), runs + 1, "{bad:?}: then a hit");
    }
}

static SECOND_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(persist = "disk", max_entries = 1)]
fn memo_second(x: u32) -> Vec<u32> {
    SECOND_RUNS.fetch_add(1, SeqCst);
    vec![x]
}

// Issue 11, case 12
#[test]
fn a_second_bad_memo_file_keeps_the_first_copy() {
    let path = memo_path(__brook_cache_of_memo_second().info().function_key(), 1);
    std::fs::write(&path, "first bad (").unwrap();
    let _ = memo_second(1);
    // Another entry pushes this one out of memory (one entry at most), so
    // the next call reads the file again.
    let _ = memo_second(2);
    std::fs::write(&path, "second bad (").unwrap();
    let _ = memo_second(1);
    assert_eq!(SECOND_RUNS.load(SeqCst), 3);
    let mut texts: Vec<String> = set_aside_copies(&path)
        .iter()
        .map(|c| std::fs::read_to_string(c).unwrap())
        .collect();
    texts.sort();
    assert_eq!(texts, ["first bad (", "second bad ("]);
}

#[cache_data(persist = "disk")]
fn memo_huge(x: u32) -> Vec<u32> {
    vec![x]
}

// Issue 11, case 12
#[test]
fn a_huge_bad_memo_file_gives_a_short_warning() {
    let path = memo_path(__brook_cache_of_memo_huge().info().function_key(), 1);
    // ron's error quotes a bad identifier whole.
    let huge = "x".repeat(1 << 20);
    std::fs::write(&path, &huge).unwrap();
    let _ = memo_huge(1);
    let copies = set_aside_copies(&path);
    assert_eq!(copies.len(), 1);
    let notices = notices_mentioning(&copies[0].to_string_lossy());
    assert_eq!(notices.len(), 1);
    assert!(notices[0].len() < 1000, "{} bytes", notices[0].len());
}

/// A value whose `Serialize` panics.
#[derive(Clone, Debug, PartialEq, Deserialize)]
struct Fuse(u32);

impl Serialize for Fuse {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        panic!("the fuse cannot be written")
    }
}

static FUSE_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(persist = "disk")]
fn fuse(x: u32) -> Fuse {
    FUSE_RUNS.fetch_add(1, SeqCst);
    Fuse(x)
}

// Issue 11, case 11
#[test]
fn a_disk_cached_value_whose_serialize_panics_is_returned_and_the_next_call_does_not_wait() {
    let first = within_patience(|| fuse(1).0);
    assert_eq!(first, Some(1), "the first call returns its value");
    let second = within_patience(|| fuse(1).0);
    assert_eq!(second, Some(1), "the next call does not wait forever");
    assert_eq!(FUSE_RUNS.load(SeqCst), 1, "kept in memory: computed once");
    let notices = notices_mentioning("'fuse'");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("panicked"), "{notices:?}");
}

#[cache_data(persist = "disk")]
fn fuse_slow(x: u32) -> Fuse {
    // Wait until the other caller waits on this computation.
    let deadline = Instant::now() + PATIENCE;
    while __brook_cache_of_fuse_slow().waiting() == 0 && Instant::now() < deadline {
        std::thread::yield_now();
    }
    Fuse(x)
}

// Issue 11, case 11
#[test]
fn a_failed_store_releases_the_callers_waiting_for_it() {
    let (tx, rx) = mpsc::channel();
    for _ in 0..2 {
        let tx = tx.clone();
        std::thread::Builder::new()
            .name("files-test-caller".into())
            .spawn(move || {
                let _ = tx.send(fuse_slow(5).0);
            })
            .unwrap();
    }
    drop(tx);
    let results: Vec<Option<u32>> = (0..2).map(|_| rx.recv_timeout(PATIENCE).ok()).collect();
    assert_eq!(
        results,
        [Some(5), Some(5)],
        "the computing caller and the one waiting for it both return"
    );
}

/// A value whose `Deserialize` panics.
#[derive(Clone, Debug, Serialize)]
struct Dud(u32);

impl<'de> Deserialize<'de> for Dud {
    fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        panic!("the dud cannot be read")
    }
}

static DUD_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(persist = "disk")]
fn dud(x: u32) -> Dud {
    DUD_RUNS.fetch_add(1, SeqCst);
    Dud(x)
}

// Issue 11, case 11 (sibling: the read side of the same guard)
#[test]
fn a_memo_whose_deserialize_panics_is_set_aside_and_computed_again() {
    let path = memo_path(__brook_cache_of_dud().info().function_key(), 3);
    std::fs::write(&path, "(format:2,function:\"dud\",value:(3),replay:[])").unwrap();
    let value = within_patience(|| dud(3).0);
    assert_eq!(value, Some(3));
    assert_eq!(DUD_RUNS.load(SeqCst), 1);
    assert_eq!(set_aside_copies(&path).len(), 1);
}

static CHECKED_RUNS: AtomicUsize = AtomicUsize::new(0);

fn panicking_check(_: &u32) -> bool {
    panic!("validate is broken")
}

#[cache_resource(validate = panicking_check)]
fn checked(x: u32) -> u32 {
    CHECKED_RUNS.fetch_add(1, SeqCst);
    x
}

// Issue 11, case 11 (sibling: a cache hook)
#[test]
fn a_validate_hook_that_panics_counts_as_invalid_and_the_entry_is_computed_again() {
    assert_eq!(within_patience(|| *checked(4)), Some(4));
    assert_eq!(
        within_patience(|| *checked(4)),
        Some(4),
        "the hit does not panic"
    );
    assert_eq!(CHECKED_RUNS.load(SeqCst), 2);
}
