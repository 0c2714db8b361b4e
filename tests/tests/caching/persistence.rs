//! SPEC 1.3 `persist` (B42, B43): entries written to disk as
//! `<function key>-<value key>.memo`, read back by a later process, and a
//! corrupt file set aside. A second process (this test binary run again,
//! see `run_child`) plays the app started again.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use brook::prelude::*;

use crate::{key_of, memo_file, run_child, shared};

/// `<16 hex>-<16 hex>.memo`.
fn is_memo_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".memo") else {
        return false;
    };
    let Some((function, value)) = stem.split_once('-') else {
        return false;
    };
    [function, value]
        .iter()
        .all(|part| part.len() == 16 && part.chars().all(|c| c.is_ascii_hexdigit()))
}

// ---------------------------------------------------------------- B42

static B42_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(persist = true)]
fn b42_persist_true(x: u32) -> Vec<u32> {
    B42_RUNS.fetch_add(1, SeqCst);
    vec![x]
}

#[cache_data(persist = false)]
fn b42_persist_false(x: u32) -> Vec<u32> {
    vec![x]
}

#[test]
fn b42_persist_true_or_disk_writes_to_disk_false_does_not() {
    let _guard = shared();
    // (Any other value is a compile error naming the valid ones.)
    let _ = b42_persist_true(1);
    let _ = b42_persist_false(1);
    let on = __brook_cache_of_b42_persist_true().info().function_key();
    let off = __brook_cache_of_b42_persist_false().info().function_key();
    assert!(memo_file(on, key_of("x", &1_u32)).exists());
    assert!(!memo_file(off, key_of("x", &1_u32)).exists());
}

// ---------------------------------------------------------------- B43

static B43_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(persist = "disk")]
pub(crate) fn b43_table(name: String) -> Vec<(String, f64)> {
    B43_RUNS.fetch_add(1, SeqCst);
    vec![(name, 1.5), ("total".into(), f64::MAX)]
}

#[test]
fn b43_entries_are_files_named_function_key_dash_value_key_and_clear_removes_them() {
    let _guard = shared();
    let function_key = __brook_cache_of_b43_table().info().function_key();
    let _ = b43_table("north".into());
    let _ = b43_table("south".into());
    let file = memo_file(function_key, key_of("name", "north"));
    assert!(file.exists(), "{} is missing", file.display());
    assert!(is_memo_name(&file.file_name().unwrap().to_string_lossy()));
    assert!(memo_file(function_key, key_of("name", "south")).exists());
    assert_eq!(B43_RUNS.load(SeqCst), 2);
    // clear() removes memory and disk alike.
    b43_table::clear();
    assert_eq!(b43_table::len(), 0);
    assert!(!file.exists());
    assert!(!memo_file(function_key, key_of("name", "south")).exists());
    let _ = b43_table("north".into());
    assert_eq!(
        B43_RUNS.load(SeqCst),
        3,
        "nothing left to read: computed again"
    );
    assert!(file.exists());
}

static B43_READ_BACK_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(persist = "disk")]
pub(crate) fn b43_read_back(x: u32) -> Vec<String> {
    B43_READ_BACK_RUNS.fetch_add(1, SeqCst);
    vec![format!("value {x}"), "ünïcödé \"quoted\"\n".into()]
}

/// The child's half: reads the entries the parent persisted.
pub(crate) fn b43_read_back_child() -> Vec<(String, String)> {
    let value = b43_read_back(7);
    vec![
        (
            "body_runs".into(),
            B43_READ_BACK_RUNS.load(SeqCst).to_string(),
        ),
        ("value".into(), format!("{:?}", *value)),
    ]
}

#[test]
fn b43_a_persisted_entry_is_read_back_by_the_next_process() {
    let _guard = shared();
    let expected = format!("{:?}", *b43_read_back(7));
    let child = run_child("b43-read-back");
    assert!(
        child.contains(&("body_runs".into(), "0".into())),
        "{child:?}"
    );
    assert!(child.contains(&("value".into(), expected)), "{child:?}");
}

static B43_CORRUPT_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(persist = "disk")]
pub(crate) fn b43_corruptible(x: u32) -> Vec<u32> {
    B43_CORRUPT_RUNS.fetch_add(1, SeqCst);
    vec![x, x]
}

/// The child's half: meets the corrupt file.
pub(crate) fn b43_corrupt_child() -> Vec<(String, String)> {
    let value = b43_corruptible(3);
    vec![
        (
            "body_runs".into(),
            B43_CORRUPT_RUNS.load(SeqCst).to_string(),
        ),
        ("value".into(), format!("{:?}", *value)),
    ]
}

#[test]
fn b43_a_corrupt_file_is_set_aside_and_the_value_computed_again() {
    let _guard = shared();
    let _ = b43_corruptible(3);
    let function_key = __brook_cache_of_b43_corruptible().info().function_key();
    let file = memo_file(function_key, key_of("x", &3_u32));
    assert!(file.exists());
    std::fs::write(&file, "this is not RON {{{").unwrap();
    let child = run_child("b43-corrupt");
    assert!(
        child.contains(&("body_runs".into(), "1".into())),
        "{child:?}"
    );
    assert!(
        child.contains(&("value".into(), "[3, 3]".into())),
        "{child:?}"
    );
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let aside: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{name}.bad-"))
        })
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let aside = &aside[0];
    assert_eq!(
        std::fs::read_to_string(aside).unwrap(),
        "this is not RON {{{",
        "the bad file is kept beside, renamed"
    );
    let rewritten = std::fs::read_to_string(&file).unwrap();
    assert!(rewritten.contains("b43_corruptible"), "{rewritten}");
    // Clearing removes entries, not the set-aside file.
    b43_corruptible::clear();
    assert!(!file.exists());
    assert!(aside.exists());
}
