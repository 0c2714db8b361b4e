//! SPEC 2.4: how widgets and session state are tied (B93..B100).

use brook::element::Value;
use brook::prelude::*;
use brook::testing::AppTest;

use crate::{exceptions_of, mentions};

#[test]
fn b93_a_keyed_widget_is_mirrored_in_session_state_once_called() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        let before = ss.contains("s");
        let value = st.slider("S", 0..=10).default(5).key("s").show();
        let after = ss.get::<i32>("s");
        st.text(format!("{before} {value} {after:?}"));
    });
    at.run();
    assert_eq!(at.text(), ["false 5 Some(5)"]);
    at.widget("s").set_value(8).run();
    assert_eq!(at.text(), ["true 8 Some(8)"]);
    assert_eq!(at.session_state().get::<i32>("s"), Some(8));
}

#[test]
fn b94_session_state_set_before_widget_is_its_initial_value() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        if !ss.contains("celsius") {
            ss.set("celsius", 50.0_f64);
        }
        let t = st
            .slider("Temperature in Celsius", -100.0..=100.0)
            .key("celsius")
            .show();
        st.text(format!("{t}"));
    });
    at.run();
    assert_eq!(at.text(), ["50"]);
    at.widget("celsius").set_value(20.0).run();
    assert_eq!(at.text(), ["20"]);
    at.run();
    assert_eq!(at.text(), ["20"]);
}

#[test]
fn b95_setting_a_widget_key_after_the_widget_is_an_error() {
    let widget = exceptions_of(|st: &St| {
        st.slider("S", 0..=10).key("k").show();
        st.session_state().set("k", 3_i32);
    });
    assert!(mentions(
        &widget,
        &[
            "session_state[\"k\"]",
            "cannot be modified after the widget with key \"k\""
        ]
    ));
    let form = exceptions_of(|st: &St| {
        let form = st.form("f");
        form.form_submit_button("Submit").show();
        st.session_state().set("f", 1_i64);
    });
    assert!(mentions(
        &form,
        &["cannot be modified after the form with key \"f\""]
    ));
}

/// The warning shows once per session in brook (Streamlit: once per
/// process, E2.4); the value from session state wins over the default.
#[test]
fn b96_default_plus_session_state_value_warns_once() {
    let mut at = AppTest::new(|st: &St| {
        let a = st.slider("A", 0..=10).default(3).key("a").show();
        let b = st.slider("B", 0..=10).default(3).key("b").show();
        st.text(format!("{a} {b}"));
    });
    at.session_state().set("a", 7_i32).unwrap();
    at.session_state().set("b", 8_i32).unwrap();
    at.run();
    assert_eq!(at.text(), ["7 8"]);
    let warnings = at.warning();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains(
        "The widget with key \"a\" was created with a default value but also had its value set via the `session_state` API"
    ));
    at.session_state().set("a", 9_i32).unwrap();
    at.run();
    assert_eq!(at.text(), ["9 8"]);
    assert!(at.warning().is_empty());
}

#[test]
fn b97_buttons_cannot_be_set_through_session_state() {
    let mut at = AppTest::new(|st: &St| {
        st.button("Go").key("go").show();
        let form = st.form("f");
        form.form_submit_button("Submit").key("submit").show();
    });
    at.run();
    let button = at.session_state().set("go", true).unwrap_err().to_string();
    assert!(
        button.contains("cannot be set using session_state") && button.contains("\"go\""),
        "{button}"
    );
    let submit = at
        .session_state()
        .set("submit", true)
        .unwrap_err()
        .to_string();
    assert!(
        submit.contains("cannot be set using session_state") && submit.contains("\"submit\""),
        "{submit}"
    );
    assert_eq!(at.session_state().get::<bool>("go"), Some(false));
}

#[test]
fn b98_a_button_is_true_for_exactly_the_run_its_click_triggers() {
    let mut at = AppTest::new(|st: &St| {
        let clicked = st.button("Go").show();
        st.text(format!("{clicked}"));
    });
    at.run();
    assert_eq!(at.text(), ["false"]);
    at.widget("Go").click().run();
    assert_eq!(at.text(), ["true"]);
    at.run();
    assert_eq!(at.text(), ["false"]);
}

#[test]
fn b99_mutating_the_returned_value_does_not_change_the_widget() {
    let mut at = AppTest::new(|st: &St| {
        let mut tags = st
            .multiselect("Tags", ["a", "b", "c"])
            .default(["a"])
            .key("tags")
            .show();
        st.text(format!("{tags:?}"));
        tags.push("c");
        tags.retain(|t| *t != "a");
    });
    at.run().run();
    assert_eq!(at.text(), ["[\"a\"]"]);
    assert_eq!(at.widget("tags").value::<Vec<&str>>(), ["a"]);
    assert_eq!(at.session_state().get::<Vec<&str>>("tags"), Some(vec!["a"]));
}

#[test]
fn b100_a_widget_that_accepts_none_can_be_set_to_none() {
    let mut at = AppTest::new(|st: &St| {
        let color = st.selectbox("Color", ["red", "green"]).key("color").show();
        st.text(format!("{color:?}"));
    });
    at.run();
    assert_eq!(at.text(), ["Some(\"red\")"]);
    at.session_state().set("color", None::<&str>).unwrap();
    at.run();
    assert_eq!(at.text(), ["None"]);
    assert_eq!(at.widget("color").element().value, Value::None);
    assert_eq!(at.session_state().get::<Option<&str>>("color"), Some(None));
}
