//! SPEC edge cases E2.x (session state) and E3.x (widgets) that apply.

use brook::prelude::*;
use brook::testing::AppTest;

use crate::exceptions_of;

#[test]
fn e2_1_a_callback_writing_the_key_updates_the_widget_at_once() {
    let mut at = AppTest::new(|st: &St| {
        let name = st.text_input("Name").key("name").show();
        st.button("Clear")
            .on_click(|st| st.session_state().set("name", String::new()))
            .show();
        st.text(format!("{name:?}"));
    });
    at.run();
    at.widget("name").input("abc").run();
    assert_eq!(at.text(), ["\"abc\""]);
    at.widget("Clear").click().run();
    assert_eq!(at.text(), ["\"\""]);
    assert_eq!(at.widget("name").value::<String>(), "");
}

#[test]
fn e2_2_resaving_a_widget_key_at_the_top_is_legal() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        if let Some(v) = ss.get::<i32>("k") {
            ss.set("k", v);
        }
        let v = st.slider("K", 0..=10).key("k").show();
        st.text(format!("{v}"));
    });
    at.run();
    at.widget("k").set_value(6).run();
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(at.text(), ["6"]);
}

/// Python redefines a script's classes on every rerun; Rust types are fixed
/// at compile time, so stored values keep comparing equal.
#[test]
fn e2_3_stored_values_of_script_types_compare_equal_across_reruns() {
    #[derive(Clone, Debug, PartialEq)]
    struct Point {
        x: i64,
        y: i64,
    }
    let mut at = AppTest::new(|st: &St| {
        let stored = st.session_state().get_or_insert("p", Point { x: 1, y: 2 });
        st.text(format!("{}", stored == Point { x: 1, y: 2 }));
    });
    at.run().run();
    assert_eq!(at.text(), ["true"]);
    assert_eq!(
        at.session_state().get::<Point>("p"),
        Some(Point { x: 1, y: 2 })
    );
}

#[test]
fn e2_5_setting_a_buttons_key_before_the_button_fails_on_the_first_run() {
    let refused = exceptions_of(|st: &St| {
        st.session_state().set("go", true);
        st.button("Go").key("go").show();
    });
    assert!(crate::mentions(
        &refused,
        &["cannot be set using session_state", "\"go\""]
    ));
}

/// brook's choice: a key deleted right before the widget is called again
/// reverts the widget to its default.
#[test]
fn e3_1_deleting_a_key_right_before_the_widget_reverts_it_to_default() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        if ss.get::<bool>("wipe") == Some(true) {
            ss.set("wipe", false);
            ss.remove("k");
        }
        let v = st.slider("K", 0..=10).default(3).key("k").show();
        st.text(format!("{v}"));
    });
    at.run();
    at.widget("k").set_value(8).run();
    at.session_state().set("wipe", true).unwrap();
    at.run();
    assert_eq!(at.text(), ["3"]);
    assert_eq!(at.session_state().get::<i32>("k"), Some(3));
}

#[test]
fn e3_2_a_conditional_widget_pre_seeded_with_get_or_insert_takes_the_seed() {
    let mut at = AppTest::new(|st: &St| {
        st.session_state().get_or_insert("x", 5_i64);
        if st.checkbox("Show").show() {
            let x = st.number_input("X").default(0_i64).key("x").show();
            st.text(format!("x={x}"));
        }
    });
    at.run();
    assert!(at.text().is_empty());
    at.widget("Show").check().run();
    assert_eq!(at.text(), ["x=5"]);
    at.widget("x").set_value(8).run();
    assert_eq!(at.text(), ["x=8"]);
    at.widget("Show").uncheck().run();
    at.widget("Show").check().run();
    assert_eq!(at.text(), ["x=5"]);
}

#[test]
fn e3_4_options_are_shown_as_text() {
    let mut at = AppTest::new(|st: &St| {
        let n = st.selectbox("N", [1, 2, 3]).show();
        st.text(format!("{n:?}"));
    });
    at.run();
    let brook::element::WidgetSpec::Selectbox { options, .. } =
        at.widget("N").element().spec.clone()
    else {
        panic!("not a selectbox");
    };
    assert_eq!(options, ["1", "2", "3"]);
    at.widget("N").set_value("2").run();
    assert_eq!(at.text(), ["Some(2)"]);
}
