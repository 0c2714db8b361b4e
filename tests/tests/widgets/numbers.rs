//! Issue 11: numeric widgets that never lie or crash. Values reached by
//! steps are exact and shown with the step's decimals or a printf-style
//! format (case 3); a number input's default is optional (case 8); values
//! written to a widget's key are checked like a person's input (case 9);
//! bounds that are NaN, infinite or reversed draw the widget disabled with
//! a message and never kill the runner (case 10).

use brook::element::{Tree, Value, WidgetSpec};
use brook::prelude::*;
use brook::testing::AppTest;
use brook::widgets::page::{PageLayout, page_ui};
use brook::widgets::render::UiMemory;

use super::run;

/// The texts drawn when `tree` is drawn as the window draws it (800 x 600,
/// second frame).
fn drawn_text(tree: &Tree) -> Vec<String> {
    fn collect(shape: &egui::Shape, out: &mut Vec<String>) {
        match shape {
            egui::Shape::Text(text) => out.push(text.galley.text().to_owned()),
            egui::Shape::Vec(shapes) => {
                for shape in shapes {
                    collect(shape, out);
                }
            }
            _ => {}
        }
    }
    let ctx = egui::Context::default();
    let mut memory = UiMemory::default();
    let mut events = Vec::new();
    let mut texts = Vec::new();
    for _ in 0..2 {
        let raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(800.0, 600.0),
            )),
            ..Default::default()
        };
        let mut output = ctx.run_ui(raw, |ui| {
            let _ = page_ui(ui, tree, &mut memory, 0, PageLayout::default(), &mut events);
        });
        output.textures_delta.clear();
        texts.clear();
        for clipped in &output.shapes {
            collect(&clipped.shape, &mut texts);
        }
    }
    texts
}

// ------------------------------------------------------------------ case 3

// Issue 11, case 3
#[test]
fn three_steps_of_a_tenth_give_the_script_exactly_three_tenths() {
    let mut at = run(|st| {
        let x = st.number_input("X").default(0.0).step(0.1).key("x").show();
        st.text(format!("{x}"));
    });
    for _ in 0..3 {
        at.widget("x").increment().run();
    }
    assert_eq!(at.text(), ["0.3"]);
    assert_eq!(at.widget("x").value::<f64>(), 0.3);
    at.widget("x").decrement().run();
    assert_eq!(at.text(), ["0.2"]);
}

// Issue 11, case 3
#[test]
fn slider_values_from_the_window_are_exact_to_the_steps() {
    let mut at = run(|st| {
        let x = st.slider("X", 0.0..=1.0).step(0.1).key("x").show();
        let (low, high) = st.range_slider("R", 0.0..=1.0).step(0.1).key("r").show();
        st.text(format!("{x} {low} {high}"));
    });
    at.widget("x").set_value(0.1 + 0.2).run();
    at.widget("r").set_value((0.1 + 0.2, 0.7 + 0.1 + 0.1)).run();
    assert_eq!(at.text(), ["0.3 0.3 0.9"]);
}

// Issue 11, case 3
#[test]
fn the_box_shows_as_many_decimals_as_the_step() {
    let at = run(|st| {
        let _ = st.number_input("Quarter").default(0.5).step(0.25).show();
        let _ = st.number_input("Tenth").default(0.3).step(0.1).show();
        let _ = st.number_input("Typed").default(0.123).step(0.1).show();
        let _ = st.number_input("Whole").default(3_i64).show();
    });
    let texts = drawn_text(&at.tree());
    for shown in ["0.50", "0.3", "0.123", "3"] {
        assert!(texts.iter().any(|t| t == shown), "{shown} not in {texts:?}");
    }
}

// Issue 11, case 3
#[test]
fn a_format_shows_the_value_printf_style_in_number_inputs_and_sliders() {
    let at = run(|st| {
        let _ = st
            .number_input("Share")
            .default(12.345)
            .format("%.1f%%")
            .show();
        let _ = st.number_input("Big").default(1500.0).format("%e").show();
        let _ = st
            .slider("Count", 0.0..=10.0)
            .default(4.0)
            .format("%d items")
            .show();
        let _ = st
            .range_slider("Price", 0.0..=100.0)
            .default((5.0, 50.0))
            .format("$%.2f")
            .show();
    });
    let texts = drawn_text(&at.tree());
    for shown in ["12.3%", "1.500000e+03", "4 items", "$5.00", "$50.00"] {
        assert!(texts.iter().any(|t| t == shown), "{shown} not in {texts:?}");
    }
    let formats: Vec<Option<String>> = at
        .widgets()
        .into_iter()
        .map(|w| match w.spec {
            WidgetSpec::NumberInput { format, .. }
            | WidgetSpec::Slider { format, .. }
            | WidgetSpec::RangeSlider { format, .. } => format,
            _ => None,
        })
        .collect();
    assert_eq!(
        formats,
        [
            Some("%.1f%%".to_owned()),
            Some("%e".to_owned()),
            Some("%d items".to_owned()),
            Some("$%.2f".to_owned())
        ]
    );
}

// Issue 11, case 3
#[test]
fn a_format_that_cannot_be_used_is_a_warning_naming_the_widget() {
    let at = run(|st| {
        let x = st.number_input("X").default(2.0).format("%s").show();
        let y = st.slider("Y", 0..=9).format("%d and %d").show();
        st.text(format!("{x} {y}"));
    });
    assert_eq!(at.text(), ["2 0"]);
    let warnings = at.warning();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("number_input \"X\"") && warnings[0].contains("%s"));
    assert!(warnings[1].contains("slider \"Y\""));
    assert!(at.widgets().iter().all(|w| matches!(
        w.spec,
        WidgetSpec::NumberInput { format: None, .. } | WidgetSpec::Slider { format: None, .. }
    )));
}

// ------------------------------------------------------------------ case 8

// Issue 11, case 8
#[test]
fn a_keyed_number_input_without_a_default_takes_session_state_without_a_warning() {
    let mut at = AppTest::new(|st| {
        let x: f64 = st.number_input("X").key("x").show();
        st.text(format!("{x}"));
    });
    at.session_state().set("x", 5.0_f64).unwrap();
    at.run();
    assert_eq!(at.text(), ["5"]);
    assert!(at.warning().is_empty(), "{:?}", at.warning());
}

// Issue 11, case 8
#[test]
fn an_explicit_default_and_a_session_state_value_still_warn() {
    let mut at = AppTest::new(|st| {
        let x = st.number_input("X").default(1.0).key("x").show();
        st.text(format!("{x}"));
    });
    at.session_state().set("x", 5.0_f64).unwrap();
    at.run();
    assert_eq!(at.text(), ["5"]);
    assert!(
        at.warning()
            .iter()
            .any(|w| w.contains("created with a default value")),
        "{:?}",
        at.warning()
    );
}

// Issue 11, case 8
#[test]
fn without_a_default_a_number_input_starts_at_its_minimum_else_at_zero() {
    let at = run(|st| {
        let a = st.number_input::<i64>("A").min(3).show();
        let b = st.number_input::<f64>("B").show();
        let c: i32 = st.number_input("C").max(-2).show();
        let d = st.number_input("D").min(1.5).max(9.0).show();
        st.text(format!("{a} {b} {c} {d}"));
    });
    assert_eq!(at.text(), ["3 0 -2 1.5"]);
}

// ------------------------------------------------------------------ case 9

/// The warnings shown, joined, for asserting they name a key.
fn warnings(at: &AppTest) -> String {
    at.warning().join("\n")
}

// Issue 11, case 9
#[test]
fn nan_or_infinity_written_to_a_number_input_falls_back_to_its_default_with_a_warning() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut at = run(|st| {
            let x = st.number_input("X").default(1.5).key("x").show();
            st.text(format!("{x}"));
        });
        at.session_state().set("x", bad).unwrap();
        at.run();
        assert_eq!(at.text(), ["1.5"], "{bad}");
        assert_eq!(at.session_state().get::<f64>("x"), Some(1.5));
        assert!(
            warnings(&at).contains("session_state[\"x\"]"),
            "{}",
            warnings(&at)
        );
    }
}

// Issue 11, case 9
#[test]
fn a_value_written_past_a_sliders_range_is_clamped_with_a_warning() {
    let mut at = run(|st| {
        let x = st.slider("X", 0..=10).key("x").show();
        st.text(format!("{x}"));
    });
    at.session_state().set("x", 1000_i32).unwrap();
    at.run();
    assert_eq!(at.text(), ["10"]);
    assert_eq!(at.session_state().get::<i32>("x"), Some(10));
    assert_eq!(at.widget("x").element().value, Value::Int(10));
    let shown = warnings(&at);
    assert!(
        shown.contains("session_state[\"x\"]") && shown.contains("above the maximum 10"),
        "{shown}"
    );
    // The warning is for the run that took the write.
    at.run();
    assert!(at.warning().is_empty());
}

// Issue 11, case 9
#[test]
fn a_value_written_past_a_number_inputs_bounds_is_clamped_with_a_warning() {
    let mut at = run(|st| {
        let x = st.number_input("X").min(0.0).max(5.0).key("x").show();
        st.text(format!("{x}"));
    });
    at.session_state().set("x", -3.0_f64).unwrap();
    at.run();
    assert_eq!(at.text(), ["0"]);
    assert!(
        warnings(&at).contains("below the minimum 0"),
        "{}",
        warnings(&at)
    );
}

// Issue 11, case 9
#[test]
fn ends_written_to_a_range_slider_are_clamped_and_ordered_or_refused() {
    let script = |st: &St| {
        let (low, high) = st
            .range_slider("Price", 0.0..=10.0)
            .default((2.0, 4.0))
            .key("price")
            .show();
        st.text(format!("{low}..{high}"));
    };
    let mut at = run(script);
    at.session_state()
        .set("price", (50.0_f64, -5.0_f64))
        .unwrap();
    at.run();
    assert_eq!(at.text(), ["0..10"]);
    assert!(warnings(&at).contains("session_state[\"price\"]"));

    at.session_state()
        .set("price", (f64::NAN, 3.0_f64))
        .unwrap();
    at.run();
    assert_eq!(at.text(), ["2..4"]);
    assert!(warnings(&at).contains("not a number"), "{}", warnings(&at));
}

// Issue 11, case 9
#[test]
fn an_option_written_to_a_select_slider_that_is_not_an_option_falls_back_with_a_warning() {
    let mut at = run(|st| {
        let size = st
            .select_slider("Size", ["S", "M", "L"])
            .default("M")
            .key("size")
            .show();
        st.text(format!("{size:?}"));
    });
    at.session_state().set("size", "XXL").unwrap();
    at.run();
    assert_eq!(at.text(), ["Some(\"M\")"]);
    assert_eq!(
        at.session_state().get::<Option<&str>>("size"),
        Some(Some("M"))
    );
    assert!(warnings(&at).contains("session_state[\"size\"]"));
}

// Issue 11, case 9
#[test]
fn ends_written_to_a_select_range_slider_are_ordered_or_refused() {
    let mut at = run(|st| {
        let months = st
            .select_range_slider("Months", ["Jan", "Feb", "Mar", "Apr"])
            .key("months")
            .show();
        st.text(format!("{months:?}"));
    });
    at.session_state()
        .set("months", Some(("Mar", "Jan")))
        .unwrap();
    at.run();
    assert_eq!(at.text(), ["Some((\"Jan\", \"Mar\"))"]);
    at.session_state()
        .set("months", Some(("Jan", "Dec")))
        .unwrap();
    at.run();
    assert_eq!(at.text(), ["Some((\"Jan\", \"Apr\"))"]);
    assert!(
        warnings(&at).contains("Dec is not one of its options"),
        "{}",
        warnings(&at)
    );
}

// Issue 11, case 9
#[test]
fn a_keyed_slider_keeps_its_value_clamped_when_its_range_shrinks() {
    let mut at = run(|st| {
        let max = if st.session_state().contains("small") {
            5
        } else {
            100
        };
        let x = st.slider("X", 0..=max).key("x").show();
        st.text(format!("{x}"));
    });
    at.widget("x").set_value(50).run();
    assert_eq!(at.text(), ["50"]);
    at.session_state().set("small", true).unwrap();
    at.run();
    assert_eq!(at.text(), ["5"]);
    assert_eq!(at.session_state().get::<i32>("x"), Some(5));
    assert_eq!(at.widget("x").element().value, Value::Int(5));
    assert!(
        at.warning().is_empty(),
        "not written by the script: no warning"
    );
}

// ----------------------------------------------------------------- case 10

// Issue 11, case 10
#[test]
fn a_range_slider_over_nan_bounds_is_disabled_and_moving_it_does_not_kill_the_runner() {
    let mut at = run(|st| {
        let (low, high) = st
            .range_slider("Price", f64::NAN..=f64::NAN)
            .key("price")
            .show();
        st.text(format!("{low}..{high}"));
    });
    assert_eq!(at.text(), ["0..0"]);
    assert!(at.widget("price").element().disabled);
    // What the window sent before it drew the slider disabled: a moved
    // thumb. The runner survives it.
    at.widget("price")
        .set_ui_value(Value::Range([10.0, 20.0]))
        .run();
    at.widget("price")
        .set_ui_value(Value::Range([f64::NAN, 20.0]))
        .run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    assert_eq!(at.text().len(), 1);
}

// Issue 11, case 10
#[test]
fn numeric_widgets_with_bounds_that_cannot_be_used_are_drawn_disabled_with_a_message() {
    let at = run(|st| {
        // Bounds from data: the first day after the last one.
        let (first, last) = (10, 1);
        let _ = st.range_slider("Price", f64::NAN..=f64::NAN).show();
        let _ = st.slider("Days", first..=last).show();
        let _ = st.slider("Ratio", 0.0..=f64::INFINITY).show();
        let _ = st.number_input("Qty").min(5).max(1).show();
        let _ = st.slider("Step", 0..=10).step(0).show();
        let _ = st.number_input("Fine").default(1.0).show();
    });
    let disabled: Vec<bool> = at.widgets().iter().map(|w| w.disabled).collect();
    assert_eq!(disabled, [true, true, true, true, true, false]);
    let texts = drawn_text(&at.tree()).join("\n");
    for message in [
        "\"Price\" cannot be used: its minimum is not a number.",
        "\"Days\" cannot be used: its minimum 10 is above its maximum 1.",
        "\"Ratio\" cannot be used: its maximum is infinite (inf).",
        "\"Qty\" cannot be used: its minimum 5 is above its maximum 1.",
        "\"Step\" cannot be used: its step 0 is not a positive number.",
    ] {
        assert!(texts.contains(message), "{message} not in {texts}");
    }
    assert!(!texts.contains("\"Fine\" cannot be used"));
}

// Issue 11, case 10
#[test]
fn a_slider_with_reversed_or_nan_bounds_returns_its_default_or_a_number() {
    let at = run(|st| {
        let (first, last) = (10, 1);
        let a = st.slider("A", first..=last).default(4).show();
        let b = st.slider("B", f64::NAN..=3.0).show();
        let c = st.slider("C", f64::NAN..=f64::NAN).default(f64::NAN).show();
        st.text(format!("{a} {b} {c}"));
    });
    assert_eq!(at.text(), ["4 3 0"]);
}
