//! `select_slider`: a slider over options, returning the option.

use brook::prelude::*;
use brook::testing::AppTest;

use super::run;

const SIZES: [&str; 5] = ["XS", "S", "M", "L", "XL"];

fn sizes(st: &St) {
    let size = st.select_slider("Size", SIZES).key("size").show();
    st.text(format!("{size:?}"));
}

#[test]
fn defaults_to_the_first_option() {
    let mut at = run(sizes);
    assert_eq!(at.text(), ["Some(\"XS\")"]);
    assert_eq!(at.widget("size").value::<Option<&str>>(), Some("XS"));
    assert_eq!(at.widgets_of("select_slider").len(), 1);
}

#[test]
fn an_explicit_default_is_chosen_at_first() {
    let at = run(|st| {
        let size = st.select_slider("Size", SIZES).default("L").show();
        st.text(format!("{size:?}"));
    });
    assert_eq!(at.text(), ["Some(\"L\")"]);
}

#[test]
fn a_default_that_is_not_an_option_falls_back_to_the_first() {
    let at = run(|st| {
        let size = st.select_slider("Size", SIZES).default("XXL").show();
        st.text(format!("{size:?}"));
    });
    assert_eq!(at.text(), ["Some(\"XS\")"]);
}

#[test]
fn no_options_give_none() {
    let at = run(|st| {
        let none = st.select_slider("Empty", Vec::<String>::new()).show();
        st.text(format!("{none:?}"));
    });
    assert_eq!(at.text(), ["None"]);
    assert!(at.exception().is_empty());
}

#[test]
fn options_can_be_numbers() {
    let mut at = run(|st| {
        let speed = st
            .select_slider("Speed", [0.5, 1.0, 2.0, 4.0])
            .default(1.0)
            .show();
        st.text(format!("{speed:?}"));
    });
    assert_eq!(at.text(), ["Some(1.0)"]);
    at.widget("Speed").set_value("4").run();
    assert_eq!(at.text(), ["Some(4.0)"]);
}

#[test]
fn set_by_option_text_or_position() {
    let mut at = run(sizes);
    at.widget("Size").set_value("L").run();
    assert_eq!(at.text(), ["Some(\"L\")"]);
    assert_eq!(at.widget("size").value::<Option<&str>>(), Some("L"));
    at.widget("Size").select_index(1).run();
    assert_eq!(at.text(), ["Some(\"S\")"]);
    // The value stays on later runs.
    at.run();
    assert_eq!(at.text(), ["Some(\"S\")"]);
}

#[test]
fn the_key_holds_the_value_in_session_state() {
    let mut at = run(sizes);
    assert_eq!(
        at.session_state().get::<Option<&str>>("size"),
        Some(Some("XS"))
    );
    at.widget("size").set_value("M").run();
    assert_eq!(
        at.session_state().get::<Option<&str>>("size"),
        Some(Some("M"))
    );
}

#[test]
fn a_value_set_in_session_state_first_is_the_initial_value() {
    let mut at = AppTest::new(sizes);
    at.session_state().set("size", "XL").unwrap();
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(at.text(), ["Some(\"XL\")"]);

    // Also from the script, before the widget, and as `Some(option)`.
    let at = run(|st| {
        if st.run_number() == 1 {
            st.session_state().set("size", Some("M"));
        }
        sizes(st);
    });
    assert_eq!(at.text(), ["Some(\"M\")"]);
}

#[test]
fn setting_the_key_after_the_widget_is_an_error() {
    let at = run(|st| {
        sizes(st);
        st.session_state().set("size", "L");
    });
    let exceptions = at.exception();
    assert_eq!(exceptions.len(), 1, "{exceptions:?}");
    assert!(exceptions[0].contains("\"size\""), "{exceptions:?}");
}

#[test]
fn a_keyed_select_slider_keeps_its_value_while_it_is_still_an_option() {
    // Issue 11, case 5 (over B116): a keyed widget's identity is its key; a
    // value that is still an option is kept when the options change.
    let mut at = run(|st| {
        let wide = st.checkbox("Wide range").key("wide").show();
        let options: Vec<&str> = if wide {
            SIZES.to_vec()
        } else {
            SIZES[..4].to_vec()
        };
        let size = st
            .select_slider("Size", options)
            .default("S")
            .key("size")
            .show();
        st.text(format!("{size:?}"));
    });
    at.widget("size").set_value("L").run();
    assert_eq!(at.text(), ["Some(\"L\")"]);
    at.widget("wide").check().run();
    assert_eq!(at.text(), ["Some(\"L\")"], "still an option: kept");
    // A value that is no longer an option falls back to the default,
    // everywhere.
    at.widget("size").set_value("XL").run();
    at.widget("wide").uncheck().run();
    assert_eq!(at.text(), ["Some(\"S\")"], "back to the default");
    assert_eq!(
        at.session_state().get::<Option<&str>>("size"),
        Some(Some("S"))
    );
}

#[test]
fn a_keyed_select_slider_keeps_its_value_when_its_label_changes() {
    let mut at = run(|st| {
        let metric = st.checkbox("Metric").key("metric").show();
        let label = if metric { "Size (EU)" } else { "Size (US)" };
        let size = st.select_slider(label, SIZES).key("size").show();
        st.text(format!("{size:?}"));
    });
    at.widget("size").set_value("M").run();
    at.widget("metric").check().run();
    assert_eq!(at.text(), ["Some(\"M\")"]);
    assert_eq!(at.widget("size").label(), "Size (EU)");
}

#[test]
fn an_unkeyed_select_slider_resets_when_its_default_changes() {
    let mut at = run(|st| {
        let big = st.checkbox("Big").show();
        let default = if big { "XL" } else { "XS" };
        let size = st.select_slider("Size", SIZES).default(default).show();
        st.text(format!("{size:?}"));
    });
    at.widget("Size").set_value("M").run();
    assert_eq!(at.text(), ["Some(\"M\")"]);
    at.widget("Big").check().run();
    assert_eq!(at.text(), ["Some(\"XL\")"]);
}

#[test]
fn on_change_runs_before_the_script_with_the_new_value() {
    let mut at = run(|st| {
        let _ = st
            .select_slider("Size", SIZES)
            .key("size")
            .on_change(|st| {
                let now: Option<&str> = st.session_state().get("size").flatten();
                st.session_state()
                    .set("changed_to", now.unwrap_or("?").to_owned());
            })
            .show();
        let seen: Option<String> = st.session_state().get("changed_to");
        st.text(format!("{seen:?}"));
    });
    assert_eq!(at.text(), ["None"]);
    at.widget("size").set_value("L").run();
    assert_eq!(at.text(), ["Some(\"L\")"]);
    // No change, no callback.
    at.session_state().remove("changed_to");
    at.run();
    assert_eq!(at.text(), ["None"]);
}

// ------------------------------------------------------ select_range_slider

const MONTHS: [&str; 6] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"];

fn months(st: &St) {
    let range = st
        .select_range_slider("Months", MONTHS)
        .key("months")
        .show();
    st.text(format!("{range:?}"));
}

#[test]
fn a_range_defaults_to_the_first_and_last_options_or_the_default_given() {
    let at = run(|st| {
        let whole = st.select_range_slider("Whole", MONTHS).show();
        let part = st
            .select_range_slider("Part", MONTHS)
            .default(("May", "Feb"))
            .show();
        let unknown = st
            .select_range_slider("Unknown", MONTHS)
            .default(("Dec", "Feb"))
            .show();
        st.text(format!("{whole:?} {part:?} {unknown:?}"));
    });
    assert_eq!(
        at.text(),
        [r#"Some(("Jan", "Jun")) Some(("Feb", "May")) Some(("Jan", "Jun"))"#]
    );
    assert_eq!(at.widgets_of("select_range_slider").len(), 3);
}

#[test]
fn the_person_picks_two_options_in_either_order() {
    let mut at = run(months);
    at.widget("months").set_value(("Mar", "May")).run();
    assert_eq!(at.text(), [r#"Some(("Mar", "May"))"#]);
    at.widget("months").set_value(("Apr", "Feb")).run();
    assert_eq!(at.text(), [r#"Some(("Feb", "Apr"))"#]);
    assert_eq!(
        at.session_state().get::<Option<(&str, &str)>>("months"),
        Some(Some(("Feb", "Apr")))
    );
}

#[test]
fn positions_from_the_window_are_rounded_and_kept_inside_the_options() {
    let mut at = run(months);
    at.widget("months")
        .set_value(brook::element::Value::Range([-3.0, 9.7]))
        .run();
    assert_eq!(at.text(), [r#"Some(("Jan", "Jun"))"#]);
    at.widget("months")
        .set_value(brook::element::Value::Range([1.4, 2.6]))
        .run();
    assert_eq!(at.text(), [r#"Some(("Feb", "Apr"))"#]);
}

#[test]
fn no_options_give_no_range() {
    let at = run(|st| {
        let none = st.select_range_slider("Empty", Vec::<String>::new()).show();
        st.text(format!("{none:?}"));
    });
    assert_eq!(at.text(), ["None"]);
    assert!(at.exception().is_empty());
}

#[test]
fn a_change_of_options_resets_a_select_range_slider() {
    let mut at = run(|st| {
        let options: &[&str] = if st.session_state().contains("short") {
            &MONTHS[..3]
        } else {
            &MONTHS
        };
        let range = st
            .select_range_slider("Months", options.iter().copied())
            .key("months")
            .show();
        st.text(format!("{range:?}"));
    });
    at.widget("months").set_value(("Apr", "Jun")).run();
    at.session_state().set("short", true).unwrap();
    at.run();
    assert_eq!(at.text(), [r#"Some(("Jan", "Mar"))"#]);
}

#[test]
fn dragging_a_thumb_of_the_select_range_slider_moves_only_that_end() {
    use brook::element::Value;
    let at = run(months);
    // Options at positions 0 (Jan) to 5 (Jun): the upper thumb to Mar.
    let sent = super::drag_two_thumb_rail(&at, "Months", 5.0, 5.0, 2.0);
    assert_eq!(sent, Some(Value::Range([0.0, 2.0])));
    // The lower thumb past the upper one stops at it.
    let sent = super::drag_two_thumb_rail(&at, "Months", 5.0, 0.0, 5.0);
    assert_eq!(sent, Some(Value::Range([5.0, 5.0])));
}
