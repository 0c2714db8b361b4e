//! SPEC 3.5: buttons (B134..B139).

use brook::prelude::*;
use brook::testing::AppTest;

use crate::{count, exceptions_of, mentions};

#[test]
fn b134_content_under_a_button_disappears_on_the_next_interaction() {
    let mut at = AppTest::new(|st: &St| {
        if st.button("Go").show() {
            st.text("clicked!");
        }
        st.checkbox("Other").show();
    });
    at.run();
    assert!(at.text().is_empty());
    at.widget("Go").click().run();
    assert_eq!(at.text(), ["clicked!"]);
    at.widget("Other").check().run();
    assert!(at.text().is_empty());
}

#[test]
fn b135_once_per_click_work_suits_a_button_but_nested_widgets_vanish() {
    let mut at = AppTest::new(|st: &St| {
        if st.button("Go").show() {
            count(st, "clicks");
            let inner = st.slider("Inner", 0..=10).show();
            st.text(format!("inner {inner}"));
        }
    });
    at.run();
    at.widget("Go").click().run();
    assert_eq!(at.session_state().get::<i64>("clicks"), Some(1));
    assert_eq!(at.text(), ["inner 0"]);
    // Using the nested widget reruns without the click: it disappears.
    at.widget("Inner").set_value(5).run();
    assert!(at.widgets_of("slider").is_empty());
    assert!(at.text().is_empty());
    assert_eq!(at.session_state().get::<i64>("clicks"), Some(1));
}

#[test]
fn b136_a_callback_flag_makes_a_button_stateful() {
    let mut at = AppTest::new(|st: &St| {
        let ss = st.session_state();
        ss.get_or_insert("clicked", false);
        st.button("Toggle")
            .on_click(|st| {
                st.session_state()
                    .update("clicked", |c: &mut bool| *c = !*c)
            })
            .show();
        if ss.value::<bool>("clicked") {
            st.text("visible");
        }
    });
    at.run();
    assert!(at.text().is_empty());
    at.widget("Toggle").click().run();
    assert_eq!(at.text(), ["visible"]);
    at.run().run();
    assert_eq!(at.text(), ["visible"]);
    at.widget("Toggle").click().run();
    assert!(at.text().is_empty());
}

/// A counter shown above a button that adds one in its branch, optionally
/// followed by `st.rerun()`.
fn counter_above_button(rerun: bool) -> AppTest {
    AppTest::new(move |st: &St| {
        let n = st.session_state().get_or_insert("n", 0_i64);
        st.text(format!("top {n}"));
        if st.button("Add").show() {
            st.session_state().update("n", |n: &mut i64| *n += 1);
            if rerun {
                st.rerun();
            }
        }
    })
}

#[test]
fn b137_a_button_branch_change_is_not_seen_above_it_until_rerun() {
    let mut plain = counter_above_button(false);
    plain.run();
    plain.widget("Add").click().run();
    assert_eq!(plain.text(), ["top 0"]);
    assert_eq!(plain.session_state().get::<i64>("n"), Some(1));
    // Fix: st.rerun() after the change.
    let mut rerun = counter_above_button(true);
    rerun.run();
    rerun.widget("Add").click().run();
    assert_eq!(rerun.text(), ["top 1"]);
    assert_eq!(rerun.session_state().get::<i64>("n"), Some(1));
}

#[test]
fn b138_a_button_after_a_widget_cannot_set_its_key_but_a_keyed_button_read_first_can() {
    let mut naive = AppTest::new(|st: &St| {
        st.text_input("Name").key("name").show();
        if st.button("Reset").show() {
            st.session_state().set("name", String::new());
        }
    });
    naive.run();
    naive.widget("Reset").click().run();
    assert!(mentions(
        &naive.exception(),
        &["cannot be modified after the widget with key \"name\""]
    ));
    // Fix 1: read the button's key before the widget.
    let mut fixed = AppTest::new(|st: &St| {
        let ss = st.session_state();
        let reset = ss.get::<bool>("reset");
        if reset == Some(true) {
            ss.set("name", String::new());
        }
        let name = st.text_input("Name").key("name").show();
        st.button("Reset").key("reset").show();
        st.text(format!("{reset:?} {name:?}"));
    });
    fixed.run();
    assert_eq!(fixed.text(), ["None \"\""]);
    fixed.widget("name").input("abc").run();
    assert_eq!(fixed.text(), ["Some(false) \"abc\""]);
    fixed.widget("reset").click().run();
    assert_eq!(fixed.text(), ["Some(true) \"\""]);
    assert!(fixed.exception().is_empty(), "{:?}", fixed.exception());
}

#[test]
fn b139_widgets_made_in_a_loop_need_an_index_in_their_keys() {
    let mut indexed = AppTest::new(|st: &St| {
        for i in 0..3 {
            st.text_input("Item").key(format!("item-{i}")).show();
        }
    });
    indexed.run();
    assert!(indexed.exception().is_empty(), "{:?}", indexed.exception());
    assert_eq!(indexed.widgets_of("text_input").len(), 3);
    let plain = exceptions_of(|st: &St| {
        for _ in 0..3 {
            st.text_input("Item").show();
        }
    });
    assert!(mentions(&plain, &["`text_input`", "\"Item\""]));
}
