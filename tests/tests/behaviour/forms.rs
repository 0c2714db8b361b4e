//! SPEC 2.5 and 3.6: forms, their callbacks, and when values are sent
//! (B101..B104, B140..B143).

use brook::Event;
use brook::element::{AlertLevel, ContainerKind, Element, Value};
use brook::prelude::*;
use brook::testing::AppTest;

use crate::{count, exceptions_of, log, log_of, mentions, wait_idle};

#[test]
fn b101_form_widgets_can_be_read_and_set_through_session_state() {
    let mut at = AppTest::new(|st: &St| {
        let form = st.form("f");
        let name = form.text_input("Name").key("name").show();
        form.form_submit_button("Submit").show();
        let stored = st.session_state().get::<String>("name");
        st.text(format!("{name} {stored:?}"));
    });
    at.run();
    at.session_state().set("name", "Bob").unwrap();
    at.run();
    assert_eq!(at.text(), ["Bob Some(\"Bob\")"]);
    at.widget("name").input("Ann");
    at.widget("Submit").click().run();
    assert_eq!(
        at.session_state().get::<String>("name").as_deref(),
        Some("Ann")
    );
}

#[test]
fn b102_only_the_submit_button_may_have_a_callback_in_a_form() {
    let refused = exceptions_of(|st: &St| {
        let form = st.form("f");
        form.slider("Amount", 0..=5).on_change(|_| {}).show();
        form.form_submit_button("Submit").show();
    });
    assert!(mentions(
        &refused,
        &[
            "Within a form, callbacks can only be defined on form_submit_button",
            "\"Amount\""
        ]
    ));
    let allowed = exceptions_of(|st: &St| {
        let form = st.form("f");
        form.slider("Amount", 0..=5).show();
        form.form_submit_button("Submit").on_click(|_| {}).show();
    });
    assert!(allowed.is_empty(), "{allowed:?}");
}

#[test]
fn b103_the_submit_callback_sees_the_submitted_values_before_the_rerun() {
    let mut at = AppTest::new(|st: &St| {
        let seen = st.session_state().get::<String>("seen");
        st.text(format!("top {seen:?}"));
        let form = st.form("f");
        form.slider("N", 0..=10).key("n").show();
        form.text_input("Who").key("who").show();
        form.form_submit_button("Submit")
            .on_click(|st| {
                let ss = st.session_state();
                let seen = format!("{} {}", ss.value::<i32>("n"), ss.value::<String>("who"));
                ss.set("seen", seen);
            })
            .show();
    });
    at.run();
    at.widget("n").set_value(5);
    at.widget("who").input("Ann");
    at.widget("Submit").click().run();
    assert_eq!(at.text(), ["top Some(\"5 Ann\")"]);
}

#[test]
fn b104_form_changes_are_sent_only_on_submit() {
    let mut at = AppTest::new(|st: &St| {
        let form = st.form("f");
        let n = form.slider("N", 0..=10).default(1).show();
        form.form_submit_button("Submit").show();
        st.checkbox("Outside").show();
        st.text(format!("n={n}"));
    });
    at.run();
    at.widget("N").set_value(9).run();
    assert_eq!(at.text(), ["n=1"]);
    at.widget("Outside").check().run();
    assert_eq!(at.text(), ["n=1"]);
    at.widget("Submit").click().run();
    assert_eq!(at.text(), ["n=9"]);
}

/// The change alone (sent to the session without AppTest's rerun) starts a
/// run.
#[test]
fn b140_changing_a_widget_outside_a_form_triggers_a_rerun() {
    let mut at = AppTest::new(|st: &St| {
        let runs = count(st, "runs");
        let name = st.text_input("Name").show();
        st.text(format!("run {runs}: {name}"));
    });
    at.run();
    let id = at.widget("Name").element().id.clone();
    at.session()
        .send(Event::WidgetChanged {
            id,
            value: Value::Text("Ann".into()),
        })
        .unwrap();
    wait_idle(&at);
    assert_eq!(at.text(), ["run 2: Ann"]);
}

/// AppTest's `run()` always reruns, so "no rerun before submit" shows as
/// "no run sees the form's changes before submit, and one run sees all".
#[test]
fn b141_a_form_sends_all_its_values_at_once_on_submit() {
    let mut at = AppTest::new(|st: &St| {
        let form = st.form("f");
        let a = form.slider("A", 0..=10).show();
        let b = form.text_input("B").show();
        form.form_submit_button("Submit").show();
        log(st, format!("{a} {b:?}"));
    });
    at.run();
    at.widget("A").set_value(5).run();
    at.widget("B").input("x").run();
    at.widget("Submit").click().run();
    assert_eq!(log_of(&at), ["0 \"\"", "0 \"\"", "0 \"\"", "5 \"x\""]);
}

#[test]
fn b142_a_form_is_a_container_with_the_submit_button_anywhere_in_it() {
    let mut at = AppTest::new(|st: &St| {
        let form = st.form("f");
        form.text("inside");
        let columns = form.columns(2);
        let submitted = columns[1].form_submit_button("Submit").show();
        let n = form.slider("N", 0..=10).show();
        st.text(format!("{submitted} {n}"));
    });
    at.run();
    at.widget("N").set_value(4);
    at.widget("Submit").click().run();
    assert_eq!(at.text(), ["inside", "true 4"]);
    let tree = at.tree();
    let Element::Container {
        kind: ContainerKind::Form { key, .. },
        children,
    } = &tree.main[0].element
    else {
        panic!(
            "the first element is not a form: {:?}",
            tree.main[0].element
        );
    };
    assert_eq!(key, "f");
    // The text, the columns holding the submit button, the slider.
    assert_eq!(children.len(), 3);
    assert!(at.widgets().iter().all(|w| w.form.as_deref() == Some("f")));
    assert!(at.error().is_empty(), "{:?}", at.error());
}

#[test]
fn b143_form_limitations_are_enforced() {
    // Every form needs a submit button: an error inside the form.
    let mut at = AppTest::new(|st: &St| {
        st.form("f").text_input("Name").show();
    });
    at.run();
    let tree = at.tree();
    let in_form = tree.main[0].element.children().iter().any(|node| {
        matches!(&node.element, Element::Alert { level: AlertLevel::Error, body } if body.contains("\"f\""))
    });
    assert!(in_form, "{}", tree.to_ron());
    // No st.button in a form.
    let button = exceptions_of(|st: &St| {
        let form = st.form("f");
        form.button("Go").show();
        form.form_submit_button("Submit").show();
    });
    assert!(mentions(&button, &["\"Go\"", "cannot be placed in a form"]));
    // No nested forms.
    let nested = exceptions_of(|st: &St| {
        let outer = st.form("outer");
        outer.form("inner");
        outer.form_submit_button("Submit").show();
    });
    assert!(mentions(
        &nested,
        &["\"inner\"", "\"outer\"", "cannot be nested"]
    ));
    // No submit button outside a form.
    let outside = exceptions_of(|st: &St| {
        st.form_submit_button("Send").show();
    });
    assert!(mentions(&outside, &["\"Send\"", "not inside a form"]));
    // Only the submit button may have a callback.
    let callback = exceptions_of(|st: &St| {
        let form = st.form("f");
        form.checkbox("Agree").on_change(|_| {}).show();
        form.form_submit_button("Submit").show();
    });
    assert!(mentions(
        &callback,
        &[
            "\"Agree\"",
            "callbacks can only be defined on form_submit_button"
        ]
    ));
}
