//! Every widget in three states: as created (default), after the person set
//! a value (set), and disabled; each in the light and the dark theme. One
//! image per widget and theme: `widgets/<widget>_<theme>.png`.
//!
//! Buttons hold no value: their "set" state is the primary style (a
//! download button's, the button after a download).

use brook::prelude::*;
use brook::testing::AppTest;
use brook_tests::snapshot::{THEMES, options};

use super::{assert_no_errors, check};

/// Draws one instance of the widget: its label, key and disabled flag.
type Draw = fn(&St, &str, &str, bool);

/// Sets the value of the instance keyed "set" (and runs).
type Set = fn(&mut AppTest);

/// Snapshots `draw` in its three states, in both themes.
fn states(name: &str, height: f32, draw: Draw, set: Set) {
    let mut at = AppTest::new(move |st| {
        draw(st, "Default", "default", false);
        draw(st, "Set", "set", false);
        draw(st, "Disabled", "disabled", true);
    });
    at.run();
    set(&mut at);
    at.run();
    let mut errors = Vec::new();
    for (theme, suffix) in THEMES {
        let options = options(theme).size(420.0, height);
        check(
            &mut errors,
            &at,
            &format!("widgets/{name}_{suffix}"),
            &options,
        );
    }
    assert_no_errors(&errors);
}

#[test]
fn button() {
    states(
        "button",
        150.0,
        |st, label, key, disabled| {
            let button = st.button(label).key(key).disabled(disabled);
            let button = if key == "set" {
                button.primary()
            } else {
                button
            };
            let _ = button.show();
        },
        |_| {},
    );
}

#[test]
fn checkbox() {
    states(
        "checkbox",
        120.0,
        |st, label, key, disabled| {
            st.checkbox(label).key(key).disabled(disabled).show();
        },
        |at| {
            at.widget("set").check();
        },
    );
}

#[test]
fn toggle() {
    states(
        "toggle",
        120.0,
        |st, label, key, disabled| {
            st.toggle(label).key(key).disabled(disabled).show();
        },
        |at| {
            at.widget("set").check();
        },
    );
}

#[test]
fn slider() {
    states(
        "slider",
        200.0,
        |st, label, key, disabled| {
            st.slider(label, 0..=100)
                .default(25)
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").set_value(80);
        },
    );
}

#[test]
fn number_input() {
    states(
        "number_input",
        200.0,
        |st, label, key, disabled| {
            st.number_input(label)
                .default(5_i64)
                .min(0)
                .max(100)
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").set_value(42);
        },
    );
}

#[test]
fn text_input() {
    states(
        "text_input",
        200.0,
        |st, label, key, disabled| {
            st.text_input(label)
                .placeholder("Your name")
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").input("Ada Lovelace");
        },
    );
}

#[test]
fn text_area() {
    states(
        "text_area",
        330.0,
        |st, label, key, disabled| {
            st.text_area(label)
                .placeholder("Notes")
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").input("First line\nSecond line");
        },
    );
}

#[test]
fn selectbox() {
    states(
        "selectbox",
        200.0,
        |st, label, key, disabled| {
            st.selectbox(label, ["Apple", "Banana", "Cherry"])
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").select("Banana");
        },
    );
}

#[test]
fn radio() {
    states(
        "radio",
        300.0,
        |st, label, key, disabled| {
            st.radio(label, ["Apple", "Banana", "Cherry"])
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").select("Banana");
        },
    );
}

#[test]
fn radio_horizontal() {
    states(
        "radio_horizontal",
        200.0,
        |st, label, key, disabled| {
            st.radio(label, ["Apple", "Banana", "Cherry"])
                .horizontal()
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").select("Cherry");
        },
    );
}

#[test]
fn multiselect() {
    states(
        "multiselect",
        200.0,
        |st, label, key, disabled| {
            st.multiselect(label, ["charts", "tables", "forms"])
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").select("charts").run();
            at.widget("set").select("forms");
        },
    );
}

#[test]
fn form_submit_button() {
    states(
        "form_submit_button",
        260.0,
        |st, label, key, disabled| {
            let form = st.form(key);
            let button = form.form_submit_button(label).key(key).disabled(disabled);
            let button = if key == "set" {
                button.primary()
            } else {
                button
            };
            let _ = button.show();
        },
        |_| {},
    );
}

#[test]
fn select_slider() {
    states(
        "select_slider",
        200.0,
        |st, label, key, disabled| {
            let _ = st
                .select_slider(label, ["XS", "S", "M", "L", "XL"])
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").select("L");
        },
    );
}

#[test]
fn color_picker() {
    states(
        "color_picker",
        200.0,
        |st, label, key, disabled| {
            let _ = st.color_picker(label).key(key).disabled(disabled).show();
        },
        |at| {
            at.widget("set").pick("#1e88e5");
        },
    );
}

#[test]
fn file_uploader() {
    states(
        "file_uploader",
        300.0,
        |st, label, key, disabled| {
            let _ = st
                .file_uploader(label)
                .types(["csv"])
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set")
                .upload("sales.csv", b"region,total\nnorth,12\n".to_vec());
        },
    );
}

#[test]
fn download_button() {
    // A download button holds no value, and has one style: its "set" row
    // is the button after a download.
    states(
        "download_button",
        150.0,
        |st, label, key, disabled| {
            let _ = st
                .download_button(label, b"a,b\n1,2\n".to_vec(), "table.csv")
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            let (name, bytes) = at.widget("set").download();
            assert_eq!((name.as_str(), &*bytes), ("table.csv", &b"a,b\n1,2\n"[..]));
        },
    );
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn date_input() {
    states(
        "date_input",
        200.0,
        |st, label, key, disabled| {
            let _ = st
                .date_input(label)
                .default(day(2026, 3, 8))
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").set_value("2026-12-24");
        },
    );
}

#[test]
fn date_range_input() {
    states(
        "date_range_input",
        200.0,
        |st, label, key, disabled| {
            let _ = st
                .date_range_input(label, (day(2026, 5, 1), day(2026, 5, 8)))
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").set_value("2026-07-01..2026-07-14");
        },
    );
}

#[test]
fn time_input() {
    states(
        "time_input",
        200.0,
        |st, label, key, disabled| {
            let _ = st
                .time_input(label)
                .default(chrono::NaiveTime::from_hms_opt(9, 15, 0).unwrap())
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").set_value("18:45");
        },
    );
}

#[test]
fn datetime_input() {
    states(
        "datetime_input",
        200.0,
        |st, label, key, disabled| {
            let _ = st
                .datetime_input(label)
                .default(day(2026, 3, 8).and_hms_opt(9, 15, 0).unwrap())
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").set_value("2026-11-01 01:30");
        },
    );
}

#[test]
fn range_slider() {
    states(
        "range_slider",
        200.0,
        |st, label, key, disabled| {
            let _ = st
                .range_slider(label, 0..=500)
                .default((50, 200))
                .step(10)
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").set_value((120, 380));
        },
    );
}

#[test]
fn select_range_slider() {
    states(
        "select_range_slider",
        200.0,
        |st, label, key, disabled| {
            let _ = st
                .select_range_slider(label, ["Jan", "Feb", "Mar", "Apr", "May", "Jun"])
                .key(key)
                .disabled(disabled)
                .show();
        },
        |at| {
            at.widget("set").set_value(("Mar", "May"));
        },
    );
}
