//! SPEC 2.1 and 2.2: sessions, and the session-state API (B70..B83).

use std::sync::Arc;

use brook::BrookError;
use brook::prelude::*;
use brook::testing::AppTest;

use crate::{count, mentions};

#[test]
fn b70_each_session_has_its_own_session_state() {
    let script = |st: &St| {
        count(st, "runs");
    };
    let mut first = AppTest::new(script);
    let mut second = AppTest::new(script);
    first.run().run().run();
    second.run();
    first.session_state().set("only_first", 1_i64).unwrap();
    assert_eq!(first.session_state().get::<i64>("runs"), Some(3));
    assert_eq!(second.session_state().get::<i64>("runs"), Some(1));
    assert!(!second.session_state().contains("only_first"));
}

#[test]
fn b71_session_state_persists_across_reruns() {
    let mut at = AppTest::new(|st: &St| {
        let n = count(st, "runs");
        st.text(format!("run {n}"));
    });
    at.run().run().run();
    assert_eq!(at.text(), ["run 3"]);
    assert_eq!(at.session_state().get::<i64>("runs"), Some(3));
}

#[test]
fn b72_a_new_session_starts_without_the_old_sessions_state() {
    let script = |st: &St| {
        let n = count(st, "runs");
        st.text(format!("run {n}"));
    };
    let mut old = AppTest::new(script);
    old.run().run();
    assert_eq!(old.text(), ["run 2"]);
    drop(old);
    let mut new = AppTest::new(script);
    new.run();
    assert_eq!(new.text(), ["run 1"]);
}

#[test]
fn b74_session_state_reads_writes_and_deletes_by_key() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        ss.set("k", 5_i64);
        let read = ss.get::<i64>("k");
        let removed = ss.remove("k");
        st.text(format!("{read:?} {removed} {}", ss.contains("k")));
        ss.set("kept", "yes".to_owned());
    });
    at.run();
    assert_eq!(at.text(), ["Some(5) true false"]);
    assert_eq!(
        at.session_state().get::<String>("kept").as_deref(),
        Some("yes")
    );
    assert!(!at.session_state().contains("k"));
}

#[test]
fn b75_initialise_once_with_contains_or_get_or_insert() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        if !ss.contains("a") {
            ss.set("a", 10_i64);
        }
        ss.update("a", |a: &mut i64| *a += 1);
        let b = ss.get_or_insert("b", 100_i64);
        ss.set("b", b + 1);
    });
    at.run().run().run();
    assert_eq!(at.session_state().get::<i64>("a"), Some(13));
    assert_eq!(at.session_state().get::<i64>("b"), Some(103));
}

#[test]
fn b76_reading_a_missing_key_is_an_error() {
    let mut at = AppTest::new(|st: &St| {
        let missing = st.session_state().try_get::<i64>("nope");
        st.text(format!(
            "{}",
            matches!(missing, Err(BrookError::MissingKey { .. }))
        ));
        let _: i64 = st.session_state().value("nope");
        st.text("not reached");
    });
    at.run();
    assert_eq!(at.text(), ["true"]);
    assert!(mentions(
        &at.exception(),
        &["session_state has no key \"nope\"", "initialise"]
    ));
}

/// brook's `remove` returns whether the key was there instead of raising
/// `KeyError` for a missing key (a typed API choice).
#[test]
fn b77_remove_deletes_an_entry_and_reports_missing_keys() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        if st.run_number() == 1 {
            ss.set("k", 1_i64);
        } else {
            let first = ss.remove("k");
            let again = ss.remove("k");
            st.text(format!("{first} {again}"));
        }
    });
    at.run();
    assert!(at.session_state().contains("k"));
    at.run();
    assert_eq!(at.text(), ["true false"]);
    assert!(!at.session_state().contains("k"));
}

#[test]
fn b78_removing_every_key_empties_session_state() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        ss.get_or_insert("a", 1_i64);
        ss.get_or_insert("b", 2_i64);
        st.checkbox("Keyed").key("c").show();
        if st.button("Clear").show() {
            for key in ss.keys() {
                ss.remove(&key);
            }
            st.text(format!("left {}", ss.len()));
        }
    });
    at.run();
    assert_eq!(at.session_state().keys(), ["a", "b", "c"]);
    at.widget("Clear").click().run();
    assert_eq!(at.text(), ["left 0"]);
    assert!(at.session_state().keys().is_empty());
}

#[test]
fn b79_keys_cover_user_keys_and_keyed_widgets_only() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        ss.set("user", 1_i64);
        st.slider("Keyed", 0..=10).key("keyed").show();
        st.slider("Unkeyed", 0..=10).show();
        st.text(format!("{}", ss.len()));
    });
    at.run();
    assert_eq!(at.text(), ["2"]);
    assert_eq!(at.session_state().keys(), ["keyed", "user"]);
}

#[test]
fn b80_session_state_can_be_displayed() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        ss.set("n", 5_i64);
        st.checkbox("Agree").key("agree").default(true).show();
        for (key, value) in ss.describe() {
            st.text(format!("{key}={value}"));
        }
    });
    at.run();
    assert_eq!(at.text(), ["agree=true", "n=5"]);
}

#[test]
fn b81_keys_with_the_widget_id_prefix_are_reserved() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        let refused = ss.try_set("$$ID-mine", 1_i64);
        st.text(format!(
            "{}",
            matches!(refused, Err(BrookError::ReservedKey { .. }))
        ));
        ss.set("$$ID-other", 1_i64);
        st.text("not reached");
    });
    at.run();
    assert_eq!(at.text(), ["true"]);
    assert!(mentions(&at.exception(), &["$$ID-other"]));
    assert!(at.session_state().keys().is_empty());
}

/// Streamlit validates the key on reads (and deletes) as well as writes.
#[test]
fn b81_reading_a_reserved_key_is_an_error_too() {
    let mut at = AppTest::new(|st: &St| {
        let read = st.session_state().try_get::<i64>("$$ID-x");
        st.text(format!("{read:?}"));
    });
    at.run();
    let text = at.text();
    assert!(text[0].starts_with("Err(ReservedKey"), "{text:?}");
}

/// Any `Send + 'static` value may be stored, including closures and types
/// that cannot be serialized.
#[test]
fn b82_any_value_can_be_stored_including_closures() {
    type Double = Arc<dyn Fn(i64) -> i64 + Send + Sync>;
    #[derive(Clone)]
    struct NotSerializable(Arc<std::sync::atomic::AtomicUsize>);
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        if st.run_number() == 1 {
            let double: Double = Arc::new(|n| n * 2);
            ss.set("double", double);
            ss.set("handle", NotSerializable(Arc::default()));
        } else {
            let double = ss.value::<Double>("double");
            let handle = ss.value::<NotSerializable>("handle");
            handle.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            st.text(format!(
                "{} {}",
                double(21),
                handle.0.load(std::sync::atomic::Ordering::Relaxed)
            ));
        }
    });
    at.run().run();
    assert_eq!(at.text(), ["42 1"]);
    at.run();
    assert_eq!(at.text(), ["42 2"]);
}
