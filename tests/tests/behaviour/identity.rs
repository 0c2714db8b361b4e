//! SPEC 3.2: widget identity (B111..B120).

use brook::prelude::*;
use brook::testing::AppTest;

use crate::{exceptions_of, log, mentions};

/// Builds one widget of `kind` with `make(st, changed)`, sets it to 7, then
/// flips `changed` and returns what the widget returns in the next run.
fn after_change(kind: &str, make: impl Fn(&St, bool) -> i64 + Send + Sync + 'static) -> i64 {
    let mut at = AppTest::new(move |st: &St| {
        let changed = st.session_state().get_or_insert("changed", false);
        let value = make(st, changed);
        st.session_state().set("returned", value);
    });
    at.run();
    at.nth(kind, 0).set_value(7).run();
    assert_eq!(at.session_state().get::<i64>("returned"), Some(7));
    at.session_state().set("changed", true).unwrap();
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    at.session_state().get::<i64>("returned").unwrap()
}

/// A selectbox whose options and a text input whose placeholder change
/// when `more` is set; returns the page text before and after the change.
fn choices_after_change(key: Option<&'static str>) -> (Vec<String>, Vec<String>) {
    let mut at = AppTest::new(move |st: &St| {
        let more = st.session_state().get_or_insert("more", false);
        let options = if more {
            vec!["a", "b", "c"]
        } else {
            vec!["a", "b"]
        };
        let placeholder = if more { "new hint" } else { "old hint" };
        let (chosen, name) = match key {
            Some(key) => (
                st.selectbox("Pick", options)
                    .key(format!("{key}-pick"))
                    .show(),
                st.text_input("Name")
                    .placeholder(placeholder)
                    .key(format!("{key}-name"))
                    .show(),
            ),
            None => (
                st.selectbox("Pick", options).show(),
                st.text_input("Name").placeholder(placeholder).show(),
            ),
        };
        st.text(format!("{chosen:?} {name:?}"));
    });
    at.run();
    at.nth("selectbox", 0).select("b");
    at.nth("text_input", 0).input("Ann");
    at.run();
    let before = at.text();
    at.session_state().set("more", true).unwrap();
    at.run();
    (before, at.text())
}

#[test]
fn b111_without_a_key_changing_a_parameter_makes_a_new_widget() {
    let label = after_change("slider", |st, c| {
        st.slider(if c { "B" } else { "A" }, 0_i64..=10).show()
    });
    assert_eq!(label, 0);
    let help = after_change("slider", |st, c| {
        st.slider("A", 0_i64..=10)
            .help(if c { "new" } else { "old" })
            .show()
    });
    assert_eq!(help, 0);
    let default = after_change("slider", |st, c| {
        st.slider("A", 0_i64..=10)
            .default(if c { 2 } else { 1 })
            .show()
    });
    assert_eq!(default, 2);
    let range = after_change("slider", |st, c| {
        st.slider("A", 0_i64..=if c { 20 } else { 10 }).show()
    });
    assert_eq!(range, 0);
    let (before, after) = choices_after_change(None);
    assert_eq!(before, ["Some(\"b\") \"Ann\""]);
    assert_eq!(after, ["Some(\"a\") \"\""]);
}

#[test]
fn b112_callbacks_and_disabled_do_not_affect_identity() {
    let disabled = after_change("slider", |st, c| {
        st.slider("A", 0_i64..=10).disabled(c).show()
    });
    assert_eq!(disabled, 7);
    let callback = after_change("slider", |st, c| {
        st.slider("A", 0_i64..=10)
            .on_change(move |st| log(st, format!("{c}")))
            .show()
    });
    assert_eq!(callback, 7);
}

#[test]
fn b114_the_form_is_part_of_identity() {
    let mut at = AppTest::new(|st: &St| {
        let form = st.form("f");
        let inside = form.slider("X", 0..=10).show();
        form.form_submit_button("Submit").show();
        let outside = st.slider("X", 0..=10).show();
        st.text(format!("{inside} {outside}"));
    });
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    at.nth("slider", 1).set_value(7).run();
    assert_eq!(at.text(), ["0 7"]);
}

#[test]
fn b115_sidebar_or_main_is_part_of_a_buttons_identity() {
    let mut at = AppTest::new(|st: &St| {
        let main = st.button("Go").show();
        let side = st.sidebar().button("Go").show();
        st.text(format!("{main} {side}"));
    });
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    // Display order: main body, then sidebar.
    at.nth("button", 1).click().run();
    assert_eq!(at.text(), ["false true"]);
}

#[test]
fn b116_with_a_key_the_key_alone_is_identity() {
    let label = after_change("slider", |st, c| {
        st.slider(if c { "B" } else { "A" }, 0_i64..=10)
            .key("k")
            .show()
    });
    assert_eq!(label, 7);
    let default = after_change("slider", |st, c| {
        st.slider("A", 0_i64..=10)
            .default(if c { 2 } else { 1 })
            .key("k")
            .show()
    });
    assert_eq!(default, 7);
    let help = after_change("slider", |st, c| {
        st.slider("A", 0_i64..=10)
            .help(if c { "new" } else { "old" })
            .key("k")
            .show()
    });
    assert_eq!(help, 7);
    let (before, after) = choices_after_change(Some("k"));
    assert_eq!(before, ["Some(\"b\") \"Ann\""]);
    assert_eq!(after, before);
    // Issue 11 (over B116): a keyed slider keeps its value when its bounds
    // change and the value is still inside them...
    let range = after_change("slider", |st, c| {
        st.slider("A", 0_i64..=if c { 20 } else { 10 })
            .key("k")
            .show()
    });
    assert_eq!(range, 7);
    // ...and is clamped into them when it is not.
    let clamped = after_change("slider", |st, c| {
        st.slider("A", 0_i64..=if c { 5 } else { 10 })
            .key("k")
            .show()
    });
    assert_eq!(clamped, 5);
    // A number input's min/max do not.
    let bounds = after_change("number_input", |st, c| {
        st.number_input("Q")
            .default(0_i64)
            .min(0)
            .max(if c { 20 } else { 10 })
            .key("k")
            .show()
    });
    assert_eq!(bounds, 7);
}

/// brook follows the current key-based model, not the pre-1.50 one this
/// statement describes: renaming `number_input("Alpha", key="A")` to
/// "Beta" keeps the widget and its value.
#[test]
fn b117_brook_keeps_a_keyed_widget_whose_label_changes() {
    let renamed = after_change("number_input", |st, c| {
        st.number_input(if c { "Beta" } else { "Alpha" })
            .default(0_i64)
            .key("A")
            .show()
    });
    assert_eq!(renamed, 7);
}

#[test]
fn b118_widget_ids_are_stable_for_identical_inputs() {
    let script = |st: &St| {
        st.slider("Days", 1..=365).key("days").show();
        st.slider("Plain", 1..=365).show();
        st.slider("Other", 1..=365).show();
    };
    let ids = |at: &AppTest| at.widgets().into_iter().map(|w| w.id.0).collect::<Vec<_>>();
    let mut first = AppTest::new(script);
    let mut second = AppTest::new(script);
    first.run();
    let ids_run_1 = ids(&first);
    first.run();
    second.run();
    assert_eq!(ids(&first), ids_run_1);
    assert_eq!(ids(&second), ids_run_1);
    assert!(
        ids_run_1.iter().all(|id| id.starts_with("$$ID-")),
        "{ids_run_1:?}"
    );
    assert!(ids_run_1[0].ends_with("-days"), "{ids_run_1:?}");
    assert_ne!(ids_run_1[1], ids_run_1[2]);
}

#[test]
fn b119_duplicate_widget_id_is_an_error() {
    let duplicate = exceptions_of(|st: &St| {
        st.button("OK").show();
        st.button("OK").show();
    });
    assert!(mentions(&duplicate, &["`button`", "\"OK\"", "unique key"]));
    let keyed = exceptions_of(|st: &St| {
        st.button("OK").key("privacy").show();
        st.button("OK").key("terms").show();
    });
    assert!(keyed.is_empty(), "{keyed:?}");
}

#[test]
fn b120_reusing_a_key_in_one_run_is_an_error() {
    let duplicate = exceptions_of(|st: &St| {
        st.slider("S", 0..=10).key("k").show();
        st.checkbox("C").key("k").show();
    });
    assert!(mentions(&duplicate, &["multiple widgets with key \"k\""]));
}
