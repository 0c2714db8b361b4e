//! `color_picker`: a colour as `"#rrggbb"`.

use brook::prelude::*;
use brook::testing::AppTest;

use super::run;

fn picker(st: &St) {
    let colour = st
        .color_picker("Colour")
        .default("#1E88E5")
        .key("colour")
        .show();
    st.text(colour);
}

#[test]
fn defaults_to_black() {
    let mut at = run(|st| {
        let colour = st.color_picker("Colour").show();
        st.text(colour);
    });
    assert_eq!(at.text(), ["#000000"]);
    assert_eq!(at.widget("Colour").value::<String>(), "#000000");
    assert_eq!(at.widgets_of("color_picker").len(), 1);
}

#[test]
fn a_default_is_returned_in_lower_case_rrggbb() {
    let at = run(|st| {
        for (label, default) in [("A", "#1E88E5"), ("B", "f00"), ("C", "#AbC")] {
            let colour = st.color_picker(label).default(default).show();
            st.text(colour);
        }
    });
    assert_eq!(at.text(), ["#1e88e5", "#ff0000", "#aabbcc"]);
}

#[test]
fn a_default_that_is_not_a_colour_is_an_error_naming_the_label() {
    let at = run(|st| {
        let colour = st.color_picker("Accent").default("blue").show();
        st.text(colour);
    });
    let exceptions = at.exception();
    assert_eq!(exceptions.len(), 1, "{exceptions:?}");
    assert!(
        exceptions[0].contains("Accent") && exceptions[0].contains("blue"),
        "{exceptions:?}"
    );
    // The run goes on with black.
    assert_eq!(at.text(), ["#000000"]);
}

#[test]
fn picking_a_colour_sets_it() {
    let mut at = run(picker);
    assert_eq!(at.text(), ["#1e88e5"]);
    at.widget("Colour").pick("#00FF7f").run();
    assert_eq!(at.text(), ["#00ff7f"]);
    assert_eq!(at.widget("colour").value::<String>(), "#00ff7f");
    at.run();
    assert_eq!(at.text(), ["#00ff7f"]);
}

#[test]
fn the_key_holds_the_colour_in_session_state() {
    let mut at = run(picker);
    assert_eq!(
        at.session_state().get::<String>("colour").as_deref(),
        Some("#1e88e5")
    );
    at.widget("colour").pick("#123456").run();
    assert_eq!(
        at.session_state().get::<String>("colour").as_deref(),
        Some("#123456")
    );
}

#[test]
fn a_colour_set_in_session_state_first_is_the_initial_value() {
    let mut at = AppTest::new(picker);
    at.session_state()
        .set("colour", "#abcdef".to_owned())
        .unwrap();
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(at.text(), ["#abcdef"]);
    // A later write (before the widget, in a callback) moves it too.
    let mut at = run(|st| {
        if st.button("Reset").show() {
            st.session_state().set("colour", "#ffffff".to_owned());
        }
        picker(st);
    });
    at.widget("colour").pick("#010203").run();
    at.widget("Reset").click().run();
    assert_eq!(at.text(), ["#ffffff"]);
}

#[test]
fn a_keyed_color_picker_keeps_its_colour_when_the_default_changes() {
    let mut at = run(|st| {
        let warm = st.toggle("Warm").key("warm").show();
        let default = if warm { "#ff8800" } else { "#0088ff" };
        let colour = st
            .color_picker("Colour")
            .default(default)
            .key("colour")
            .show();
        st.text(colour);
    });
    at.widget("colour").pick("#222222").run();
    at.widget("warm").check().run();
    assert_eq!(at.text(), ["#222222"]);
}

#[test]
fn an_unkeyed_color_picker_resets_when_the_default_changes() {
    let mut at = run(|st| {
        let warm = st.toggle("Warm").show();
        let default = if warm { "#ff8800" } else { "#0088ff" };
        let colour = st.color_picker("Colour").default(default).show();
        st.text(colour);
    });
    at.widget("Colour").pick("#222222").run();
    assert_eq!(at.text(), ["#222222"]);
    at.widget("Warm").check().run();
    assert_eq!(at.text(), ["#ff8800"]);
}

#[test]
fn on_change_sees_the_new_colour() {
    let mut at = run(|st| {
        let _ = st
            .color_picker("Colour")
            .key("colour")
            .on_change(|st| {
                let colour: String = st.session_state().get("colour").unwrap_or_default();
                st.session_state().set("log", colour);
            })
            .show();
        let log: Option<String> = st.session_state().get("log");
        st.text(format!("{log:?}"));
    });
    at.widget("colour").pick("#0a0b0c").run();
    assert_eq!(at.text(), ["Some(\"#0a0b0c\")"]);
}
