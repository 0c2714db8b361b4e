//! SPEC 3.1: widget basics (B105..B109).

use brook::element::Value;
use brook::prelude::*;
use brook::testing::AppTest;

#[test]
fn b105_widget_state_belongs_to_one_session() {
    let script = |st: &St| {
        let n = st.slider("S", 0..=10).show();
        st.text(format!("{n}"));
    };
    let mut mine = AppTest::new(script);
    let mut theirs = AppTest::new(script);
    mine.run();
    theirs.run();
    mine.widget("S").set_value(7).run();
    theirs.run();
    assert_eq!(mine.text(), ["7"]);
    assert_eq!(theirs.text(), ["0"]);
}

/// The window's element, the engine's value, the session-state entry and
/// the returned value all agree.
#[test]
fn b106_a_widget_has_an_element_a_value_a_key_and_a_return_value() {
    let mut at = AppTest::new(|st: &St| {
        let n = st.slider("Days", 1..=365).key("days").show();
        st.text(format!("returned {n}"));
    });
    at.run();
    at.widget("days").set_value(7).run();
    assert_eq!(at.widget("days").element().value, Value::Int(7));
    assert_eq!(at.widget("days").value::<i32>(), 7);
    assert_eq!(at.session_state().get::<i32>("days"), Some(7));
    assert_eq!(at.text(), ["returned 7"]);
}

#[test]
fn b107_a_widget_returns_a_plain_value_also_found_in_session_state() {
    let mut at = AppTest::new(|st: &St| {
        let agree: bool = st.checkbox("Agree").key("agree").show();
        let name: String = st.text_input("Name").key("name").show();
        let go: bool = st.button("Go").key("go").show();
        let ss = st.session_state();
        st.text(format!("{agree} {name} {go}"));
        st.text(format!(
            "{:?} {:?} {:?}",
            ss.get::<bool>("agree"),
            ss.get::<String>("name"),
            ss.get::<bool>("go")
        ));
    });
    at.run();
    at.widget("agree").check();
    at.widget("name").input("Ann");
    at.widget("go").click().run();
    assert_eq!(
        at.text(),
        ["true Ann true", "Some(true) Some(\"Ann\") Some(true)"]
    );
}

#[test]
fn b108_the_first_call_returns_the_default() {
    let mut at = AppTest::new(|st: &St| {
        let color = st.selectbox("Color", ["red", "green"]).show();
        let radio = st.radio("N", [1, 2, 3]).show();
        let low = st.slider("Low", 1..=365).show();
        let days = st.slider("Days", 1..=365).default(30).show();
        let agree = st.checkbox("Agree").show();
        let on = st.toggle("On").default(true).show();
        let qty = st.number_input("Qty").default(5_i64).show();
        let name = st.text_input("Name").default("x").show();
        let tags: Vec<&str> = st.multiselect("Tags", ["a", "b"]).show();
        let go = st.button("Go").show();
        st.text(format!(
            "{color:?} {radio:?} {low} {days} {agree} {on} {qty} {name} {tags:?} {go}"
        ));
    });
    at.run();
    assert_eq!(
        at.text(),
        ["Some(\"red\") Some(1) 1 30 false true 5 x [] false"]
    );
}

#[test]
fn b109_keys_tell_identical_widgets_apart_and_name_them_in_session_state() {
    let mut at = AppTest::new(|st: &St| {
        let privacy = st.button("OK").key("privacy").show();
        let terms = st.button("OK").key("terms").show();
        let ss = st.session_state();
        st.text(format!("{privacy} {terms}"));
        st.text(format!(
            "{:?} {:?}",
            ss.get::<bool>("privacy"),
            ss.get::<bool>("terms")
        ));
    });
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    at.widget("terms").click().run();
    assert_eq!(at.text(), ["false true", "Some(false) Some(true)"]);
}
