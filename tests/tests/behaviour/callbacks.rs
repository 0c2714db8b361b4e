//! SPEC 2.3: callbacks and the order of execution (B84..B92).

use brook::Event;
use brook::element::Value;
use brook::prelude::*;
use brook::testing::AppTest;

use crate::{count, log, log_of, send_together};

/// Streamlit's `args`/`kwargs` are the values a Rust closure captures.
#[test]
fn b84_callbacks_attach_with_on_change_and_on_click_and_capture_arguments() {
    let mut at = AppTest::new(|st: &St| {
        let tag = "slider-arg";
        st.slider("S", 0..=10)
            .on_change(move |st| log(st, tag))
            .show();
        let who = String::from("button-arg");
        st.button("B")
            .on_click(move |st| log(st, who.clone()))
            .show();
    });
    at.run();
    at.widget("S").set_value(3).run();
    assert_eq!(log_of(&at), ["slider-arg"]);
    at.widget("B").click().run();
    assert_eq!(log_of(&at), ["slider-arg", "button-arg"]);
}

#[test]
fn b85_every_value_widget_supports_on_change() {
    let mut at = AppTest::new(|st: &St| {
        let hit = |name: &'static str| move |st: &St| log(st, name);
        st.checkbox("checkbox").on_change(hit("checkbox")).show();
        st.toggle("toggle").on_change(hit("toggle")).show();
        st.multiselect("multiselect", ["a", "b"])
            .on_change(hit("multiselect"))
            .show();
        st.number_input("number_input")
            .default(0_i64)
            .on_change(hit("number_input"))
            .show();
        st.radio("radio", ["a", "b"]).on_change(hit("radio")).show();
        st.selectbox("selectbox", ["a", "b"])
            .on_change(hit("selectbox"))
            .show();
        st.slider("slider", 0..=10).on_change(hit("slider")).show();
        st.text_area("text_area").on_change(hit("text_area")).show();
        st.text_input("text_input")
            .on_change(hit("text_input"))
            .show();
    });
    at.run();
    at.widget("checkbox").check();
    at.widget("toggle").check();
    at.widget("multiselect").select("b");
    at.widget("number_input").increment();
    at.widget("radio").select("b");
    at.widget("selectbox").select("b");
    at.widget("slider").set_value(3);
    at.widget("text_area").input("x");
    at.widget("text_input").input("y");
    at.run();
    let mut called = log_of(&at);
    called.sort();
    assert_eq!(
        called,
        [
            "checkbox",
            "multiselect",
            "number_input",
            "radio",
            "selectbox",
            "slider",
            "text_area",
            "text_input",
            "toggle"
        ]
    );
}

#[test]
fn b86_button_and_form_submit_button_support_on_click() {
    let mut at = AppTest::new(|st: &St| {
        st.button("Button").on_click(|st| log(st, "button")).show();
        let form = st.form("f");
        form.form_submit_button("Submit")
            .on_click(|st| log(st, "submit"))
            .show();
    });
    at.run();
    at.widget("Button").click().run();
    at.widget("Submit").click().run();
    assert_eq!(log_of(&at), ["button", "submit"]);
}

#[test]
fn b87_state_is_updated_then_the_callback_runs_then_the_script() {
    let mut at = AppTest::new(|st: &St| {
        let v = st
            .slider("V", 0..=10)
            .key("v")
            .on_change(|st| {
                let seen = st.session_state().get::<i32>("v");
                log(st, format!("callback sees {seen:?}"));
            })
            .show();
        log(st, format!("script gets {v}"));
    });
    at.run();
    at.widget("v").set_value(7).run();
    assert_eq!(
        log_of(&at),
        ["script gets 0", "callback sees Some(7)", "script gets 7"]
    );
}

#[test]
fn b88_a_callback_runs_only_when_its_widget_changed() {
    let mut at = AppTest::new(|st: &St| {
        st.checkbox("A").on_change(|st| log(st, "A")).show();
        st.checkbox("B").on_change(|st| log(st, "B")).show();
        st.button("Go").on_click(|st| log(st, "Go")).show();
    });
    at.run();
    // Same value as before: no change, no callback.
    at.widget("A").uncheck().run();
    assert!(log_of(&at).is_empty());
    // A plain rerun changes nothing either.
    at.run();
    assert!(log_of(&at).is_empty());
    // Two widgets changed in one interaction: both callbacks, once each.
    at.widget("A").check();
    at.widget("B").check();
    at.run();
    let mut called = log_of(&at);
    called.sort();
    assert_eq!(called, ["A", "B"]);
    // A click counts as a change.
    at.widget("Go").click().run();
    assert_eq!(log_of(&at).last().map(String::as_str), Some("Go"));
    assert_eq!(log_of(&at).len(), 3);
}

/// Two changes to one widget that arrive together (moved twice while a run
/// was busy) are compared as one: the callback runs once for the net
/// change, and not at all when the value ends where it was.
#[test]
fn b88_queued_changes_run_the_callback_once_for_the_net_change() {
    let mut at = AppTest::new(|st: &St| {
        st.slider("A", 0..=10)
            .on_change(|st| {
                count(st, "callbacks");
            })
            .show();
        count(st, "runs");
    });
    at.run();
    let id = at.widget("A").element().id.clone();
    let change = |v| Event::WidgetChanged {
        id: id.clone(),
        value: Value::Int(v),
    };
    send_together(&at, vec![change(5), change(7)]);
    assert_eq!(at.session_state().get::<i64>("runs"), Some(2));
    assert_eq!(at.widget("A").value::<i32>(), 7);
    assert_eq!(
        at.session_state().get::<i64>("callbacks"),
        Some(1),
        "0 -> 5 -> 7 in one batch"
    );
    send_together(&at, vec![change(3), change(7)]);
    assert_eq!(at.session_state().get::<i64>("runs"), Some(3));
    assert_eq!(
        at.session_state().get::<i64>("callbacks"),
        Some(1),
        "7 -> 3 -> 7 in one batch"
    );
}

#[test]
fn b89_callback_arguments_are_captured_when_the_widget_is_called() {
    let mut at = AppTest::new(|st: &St| {
        let run_at_call = st.run_number();
        st.slider("V", 0..=10)
            .key("v")
            .on_change(move |st| {
                let now = st.session_state().value::<i32>("v");
                log(st, format!("captured run {run_at_call}, value {now}"));
            })
            .show();
    });
    at.run();
    at.widget("v").set_value(4).run();
    // The closure is the one made in run 1; the new value comes from state.
    assert_eq!(log_of(&at), ["captured run 1, value 4"]);
}

#[test]
fn b90_callback_output_appears_above_the_page_until_the_next_action() {
    let mut at = AppTest::new(|st: &St| {
        st.text("script top");
        st.button("Go")
            .on_click(|st| st.text("from callback"))
            .show();
        st.text("script bottom");
    });
    at.run();
    at.widget("Go").click().run();
    assert_eq!(at.text(), ["from callback", "script top", "script bottom"]);
    at.run();
    assert_eq!(at.text(), ["script top", "script bottom"]);
}

#[test]
fn b91_rerun_inside_a_callback_is_a_no_op_with_a_warning() {
    let mut at = AppTest::new(|st: &St| {
        count(st, "runs");
        st.button("Go")
            .on_click(|st| {
                count(st, "callbacks");
                st.rerun();
            })
            .show();
    });
    at.run();
    at.widget("Go").click().run();
    assert_eq!(at.session_state().get::<i64>("runs"), Some(2));
    assert_eq!(at.session_state().get::<i64>("callbacks"), Some(1));
    let warnings = at.warning();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("Calling st.rerun() within a callback is a no-op"));
    assert!(at.exception().is_empty());
}

#[test]
fn b92_state_changed_by_a_callback_shows_everywhere_in_the_next_run() {
    let mut at = AppTest::new(|st: &St| {
        let n = st.session_state().get_or_insert("n", 0_i64);
        st.text(format!("top {n}"));
        st.button("Add")
            .on_click(|st| st.session_state().update("n", |n: &mut i64| *n += 1))
            .show();
    });
    at.run();
    at.widget("Add").click().run();
    assert_eq!(at.text(), ["top 1"]);
}
