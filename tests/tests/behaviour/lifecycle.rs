//! SPEC 3.3 and 3.4: widget lifecycle, cleanup, and the workarounds for
//! widgets that are not rendered in every run (B121..B132).

use brook::prelude::*;
use brook::testing::AppTest;

/// A script whose slider "V" (key `key`, default 3) is only drawn while the
/// checkbox "Show" is ticked.
fn toggled_slider(key: Option<&'static str>) -> AppTest {
    AppTest::new(move |st: &St| {
        if st.checkbox("Show").default(true).show() {
            let slider = st.slider("V", 0..=10).default(3);
            let v = match key {
                Some(key) => slider.key(key).show(),
                None => slider.show(),
            };
            st.text(format!("v={v}"));
        }
    })
}

#[test]
fn b121_a_widget_is_stateful_while_rendered_with_the_same_identity() {
    let mut at = toggled_slider(None);
    at.run();
    at.widget("V").set_value(7).run();
    at.run().run().run();
    assert_eq!(at.text(), ["v=7"]);
    at.widget("Show").uncheck().run();
    at.widget("Show").check().run();
    assert_eq!(at.text(), ["v=3"]);
}

#[test]
fn b122_a_new_widget_takes_its_key_value_or_the_default() {
    let mut at = AppTest::new(|st: &St| {
        // Moving a keyed widget into a form gives it another identity.
        let moved = st.session_state().get_or_insert("moved", false);
        let a = if moved {
            let form = st.form("f");
            let a = form.slider("A", 0..=10).default(2).key("a").show();
            form.form_submit_button("Go").show();
            a
        } else {
            st.slider("A", 0..=10).default(2).key("a").show()
        };
        let b = st.slider("B", 0..=10).key("b").show();
        st.text(format!("a={a} b={b}"));
    });
    // 2a: the key exists and belongs to no widget: the widget takes it.
    at.session_state().set("b", 9_i32).unwrap();
    at.run();
    assert_eq!(at.text(), ["a=2 b=9"]);
    // 2c: the key was missing: it is created with the default.
    assert_eq!(at.session_state().get::<i32>("a"), Some(2));
    // 2b: the key belongs to a widget of another identity: default.
    at.widget("a").set_value(7).run();
    at.session_state().set("moved", true).unwrap();
    at.run();
    assert_eq!(at.text(), ["a=2 b=9"]);
    assert_eq!(at.session_state().get::<i32>("a"), Some(2));
}

/// brook's choice (E3.1): deleting a widget's key reverts the widget to its
/// default, where Streamlit's docs say the key is recreated from the
/// frontend value.
#[test]
fn b123_an_unchanged_widget_reconnects_and_a_deleted_key_reverts_to_default() {
    let mut at = AppTest::new(|st: &St| {
        let v = st.slider("V", 0..=10).default(3).key("v").show();
        st.button("Forget")
            .on_click(|st| {
                st.session_state().remove("v");
            })
            .show();
        st.text(format!("v={v}"));
    });
    at.run();
    at.widget("v").set_value(7).run();
    let id = at.widget("v").element().id.clone();
    at.run();
    assert_eq!(at.widget("v").element().id, id);
    assert_eq!(at.text(), ["v=7"]);
    at.widget("Forget").click().run();
    assert_eq!(at.text(), ["v=3"]);
    assert_eq!(at.session_state().get::<i32>("v"), Some(3));
}

#[test]
fn b124_widgets_not_rendered_in_a_run_are_deleted_with_their_keys() {
    let mut at = toggled_slider(Some("v"));
    at.run();
    at.widget("v").set_value(7).run();
    assert_eq!(at.session_state().get::<i32>("v"), Some(7));
    at.widget("Show").uncheck().run();
    assert!(!at.session_state().contains("v"));
    assert!(!at.session_state().keys().contains(&"v".to_owned()));
    assert!(at.widgets_of("slider").is_empty());
}

#[test]
fn b126_hiding_a_widget_for_one_run_resets_it() {
    let mut at = toggled_slider(Some("v"));
    at.run();
    at.widget("v").set_value(7).run();
    at.widget("Show").uncheck().run();
    at.widget("Show").check().run();
    assert_eq!(at.text(), ["v=3"]);
    assert_eq!(at.session_state().get::<i32>("v"), Some(3));
}

#[test]
fn b128_a_default_change_resets_a_keyless_widget_but_not_a_keyed_one() {
    let mut at = AppTest::new(|st: &St| {
        let d = st.session_state().get_or_insert("d", 3_i32);
        let no_key = st.slider("No key", 0..=10).default(d).show();
        let with_key = st.slider("With a key", 0..=10).default(d).key("k").show();
        st.text(format!("{no_key} {with_key}"));
    });
    at.run();
    at.widget("No key").set_value(7);
    at.widget("k").set_value(7);
    at.run();
    at.session_state().set("d", 5_i32).unwrap();
    at.run();
    assert_eq!(at.text(), ["5 7"]);
}

#[test]
fn b129_writing_the_key_before_the_widget_carries_the_value_across_an_identity_change() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        let max = ss.get_or_insert("max", 10_i32);
        if let Some(a) = ss.get::<i32>("a") {
            ss.set("a", a.clamp(0, max));
        }
        let a = st.slider("A", 0..=max).key("a").show();
        st.text(format!("a={a}"));
    });
    at.run();
    at.widget("a").set_value(8).run();
    at.session_state().set("max", 5_i32).unwrap();
    at.run();
    assert_eq!(at.text(), ["a=5"]);
    assert!(at.exception().is_empty(), "{:?}", at.exception());
}

#[test]
fn b130_changing_the_key_forces_a_reset() {
    let mut at = AppTest::new(|st: &St| {
        let generation = st.session_state().get_or_insert("generation", 0_i64);
        let v = st
            .slider("V", 0..=10)
            .default(3)
            .key(format!("v-{generation}"))
            .show();
        st.text(format!("v={v}"));
    });
    at.run();
    at.widget("V").set_value(7).run();
    assert_eq!(at.text(), ["v=7"]);
    at.session_state().set("generation", 1_i64).unwrap();
    at.run();
    assert_eq!(at.text(), ["v=3"]);
    assert!(!at.session_state().contains("v-0"));
}

#[test]
fn b131_a_placeholder_key_keeps_the_value_while_the_widget_is_hidden() {
    let mut at = AppTest::new(|st: &St| {
        if st.checkbox("Show").default(true).show() {
            let ss = st.session_state();
            if let Some(kept) = ss.get::<i32>("my_key") {
                ss.set("_my_key", kept);
            }
            let v = st
                .slider("V", 0..=10)
                .key("_my_key")
                .on_change(|st| {
                    let ss = st.session_state();
                    ss.set("my_key", ss.value::<i32>("_my_key"));
                })
                .show();
            st.text(format!("v={v}"));
        }
    });
    at.run();
    at.widget("V").set_value(7).run();
    at.widget("Show").uncheck().run();
    assert!(!at.session_state().contains("_my_key"));
    assert_eq!(at.session_state().get::<i32>("my_key"), Some(7));
    at.widget("Show").check().run();
    assert_eq!(at.text(), ["v=7"]);
}

#[test]
fn b132_resaving_a_key_at_the_top_detaches_it_from_cleanup() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        if let Some(v) = ss.get::<i32>("my_key") {
            ss.set("my_key", v);
        }
        if st.checkbox("Show").default(true).show() {
            let v = st.slider("V", 0..=10).key("my_key").show();
            st.text(format!("v={v}"));
        }
    });
    at.run();
    at.widget("V").set_value(7).run();
    at.widget("Show").uncheck().run();
    assert_eq!(at.session_state().get::<i32>("my_key"), Some(7));
    at.widget("Show").check().run();
    assert_eq!(at.text(), ["v=7"]);
    // Re-associated: the widget owns the key again and its changes land there.
    at.widget("my_key").set_value(2).run();
    assert_eq!(at.session_state().get::<i32>("my_key"), Some(2));
    assert_eq!(at.text(), ["v=2"]);
}
