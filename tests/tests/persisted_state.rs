//! Session state that survives a restart (opt-in per key), and a damaged
//! persisted file: kept aside with a visible warning, never overwritten.
#![allow(clippy::unwrap_used, reason = "it's a test")]

use std::path::PathBuf;

use brook::prelude::*;
use brook::testing::AppTest;

fn temp_file(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brook-persist-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("session_state.ron")
}

fn counter(st: &St) {
    st.session_state().persist::<i64>("visits");
    st.session_state().persist::<String>("name");
    let visits = st.session_state().get_or_insert("visits", 0_i64) + 1;
    st.session_state().set("visits", visits);
    let name = st.text_input("Name").key("name").show();
    st.text(format!("visit {visits} by {name:?}"));
    // Not persisted: gone after a restart.
    st.session_state().get_or_insert("scratch", 1_i64);
}

#[test]
fn persisted_keys_survive_a_restart_and_others_do_not() {
    let path = temp_file("restart");
    {
        let mut at = AppTest::with_persist_path(counter, path.clone());
        at.run();
        at.widget("name").input("Ada").run();
        assert_eq!(at.text(), ["visit 2 by \"Ada\""]);
    }
    // Files are written by a background thread: wait for its writes.
    brook::state::wait_for_saves();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("visits") && saved.contains("Ada"), "{saved}");
    assert!(!saved.contains("scratch"));

    let mut at = AppTest::with_persist_path(counter, path.clone());
    at.run();
    assert_eq!(
        at.text(),
        ["visit 3 by \"Ada\""],
        "the widget's key and the counter came back"
    );
    assert_eq!(at.widget("name").value::<String>(), "Ada");
}

#[test]
fn a_damaged_file_is_kept_aside_with_a_warning_and_not_overwritten() {
    let path = temp_file("damaged");
    std::fs::write(&path, "{\"visits\": not ron").unwrap();
    let mut at = AppTest::with_persist_path(counter, path.clone());
    at.run();
    let warnings = at.warning();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("damaged") && warnings[0].contains(".bad-"),
        "{warnings:?}"
    );
    assert_eq!(at.text(), ["visit 1 by \"\""], "the app started without it");
    let dir = path.parent().unwrap();
    let aside: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".bad-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(aside[0].path()).unwrap(),
        "{\"visits\": not ron"
    );
}

#[test]
fn a_saved_value_of_another_type_is_not_restored_and_says_so() {
    let path = temp_file("type");
    std::fs::write(&path, "{\"visits\": \"\\\"many\\\"\"}").unwrap();
    let mut at = AppTest::with_persist_path(counter, path);
    at.run();
    assert!(
        at.warning()
            .iter()
            .any(|w| w.contains("visits") && w.contains("i64")),
        "{:?}",
        at.warning()
    );
    assert_eq!(at.text(), ["visit 1 by \"\""]);
}
