//! Components: the app's own egui widgets inside a script, with a value
//! kept like any widget's (identity, callbacks, forms, cleanup, session
//! state, persistence), drawn in the window and in snapshots, set and read
//! in AppTest; and views, which only draw.

use std::sync::Arc;

use brook::element::{Drawer, Element, Value, WidgetSpec};
use brook::prelude::*;
use brook::testing::{AppTest, SnapshotOptions};
use brook::widgets::render::{record_rects, take_recorded_rects};
use brook::widgets::snapshot::{Harness, PageState, page_harness, try_snapshot_harness};
use brook_engine::Event;
use brook_tests::snapshot::{THEMES, options};
use brook_tests::window::{deliver, harness_with as harness_of, redraw, sent_components as sent};
use egui::Pos2;
use egui_kittest::kittest::Queryable as _;
use parking_lot::Mutex;

#[path = "../../app/examples/components/code_editor.rs"]
mod code_editor;
#[path = "../../app/examples/components/point_plot.rs"]
mod point_plot;
#[path = "../../app/examples/components/star_rating.rs"]
mod star_rating;

use code_editor::CodeEditor;
use point_plot::PointPlot;
use star_rating::StarRating;

/// A component whose `ui` panics when its value is 13.
#[derive(Hash)]
struct Unlucky;

impl Component for Unlucky {
    type Value = i64;

    fn ui(&self, ui: &mut egui::Ui, value: &mut i64) -> egui::Response {
        assert!(*value != 13, "13 is unlucky");
        ui.add(egui::DragValue::new(value))
    }
}

/// The star rating with `max` stars, keyed `stars`, its value in a text.
fn rating(max: u8) -> impl Fn(&St) + Send + Sync + 'static {
    move |st: &St| {
        let stars = st
            .component("Rating", StarRating { max })
            .default(3)
            .key("stars")
            .show();
        st.text(format!("{stars} stars"));
    }
}

fn plot() -> PointPlot {
    PointPlot {
        series: vec![[0.0, 10.0], [5.0, 40.0], [10.0, 20.0]],
        x: 0.0..=10.0,
        y: 0.0..=50.0,
        height: 200.0,
    }
}

// Issue 18: the value goes round: the default first; a value set in
// AppTest (as the window sends it, RON text) reaches the script typed;
// session state and the element hold the same value.
#[test]
fn a_components_value_goes_from_the_window_to_the_script_and_back() {
    let mut at = AppTest::new(rating(5));
    at.run();
    assert_eq!(at.text(), ["3 stars"]);
    assert_eq!(at.widget("stars").value::<u8>(), 3);
    at.widget("stars").set_component(&5_u8).run();
    assert_eq!(at.text(), ["5 stars"]);
    assert_eq!(at.session_state().get::<u8>("stars"), Some(5));
    let element = at.widget("stars").element().clone();
    assert_eq!(element.value, Value::Component("5".into()));
    assert_eq!(element.spec.kind_name(), "component");
    match &element.spec {
        WidgetSpec::Component { name, .. } => assert_eq!(name, "StarRating"),
        other => panic!("not a component: {other:?}"),
    }
    // A structured value: a point.
    let mut at = AppTest::new(|st| {
        let [x, y] = st.component("Point", plot()).key("p").show();
        st.text(format!("{x} {y}"));
    });
    at.run();
    assert_eq!(at.text(), ["0 0"]);
    at.widget("p").set_component(&[2.5, 30.0]).run();
    assert_eq!(at.text(), ["2.5 30"]);
}

// Issue 18: the element tree stays plain data: the component's name, its
// parameters' hash and its value are in the RON form; the drawing object
// is not, and a tree read back from RON draws a note in its place.
#[test]
fn the_tree_carries_name_parameters_and_value_but_not_the_drawing() {
    let mut at = AppTest::new(rating(5));
    at.run();
    let ron = at.tree().to_ron();
    assert!(ron.contains("Component"), "{ron}");
    assert!(ron.contains("\"StarRating\""), "{ron}");
    assert!(ron.contains("params:"), "{ron}");
    assert!(!ron.contains("drawer"), "{ron}");
    let read: brook::element::Tree = ron::from_str(&ron).unwrap();
    let mut harness = page_harness(read, &SnapshotOptions::new().size(500.0, 200.0));
    harness.run();
    harness.get_by_label_contains("cannot be drawn here");
}

// Issue 18: without a key, the parameters are the identity: other
// parameters make a new component, back at its default. With a key, the
// value stays and is fitted to the new parameters (4 of 5 stars become 3 of
// 3), in the script, the element and session state alike.
#[test]
fn identity_comes_from_the_parameters_without_a_key_and_from_the_key_with_one() {
    let max = Arc::new(Mutex::new(5_u8));
    let keyless = {
        let max = Arc::clone(&max);
        move |st: &St| {
            let stars = st
                .component("Rating", StarRating { max: *max.lock() })
                .show();
            st.text(format!("{stars}"));
        }
    };
    let mut at = AppTest::new(keyless);
    at.run();
    at.widget("Rating").set_component(&4_u8).run();
    assert_eq!(at.text(), ["4"]);
    at.run();
    assert_eq!(at.text(), ["4"], "same parameters: same component");
    *max.lock() = 6;
    at.run();
    assert_eq!(at.text(), ["0"], "new parameters: a new component");

    let max = Arc::new(Mutex::new(5_u8));
    let keyed = {
        let max = Arc::clone(&max);
        move |st: &St| {
            let stars = st
                .component("Rating", StarRating { max: *max.lock() })
                .key("stars")
                .show();
            st.text(format!("{stars}"));
        }
    };
    let mut at = AppTest::new(keyed);
    at.run();
    at.widget("stars").set_component(&4_u8).run();
    *max.lock() = 6;
    at.run();
    assert_eq!(at.text(), ["4"], "a key keeps the value");
    *max.lock() = 3;
    at.run();
    assert_eq!(at.text(), ["3"], "fitted to the new parameters");
    assert_eq!(at.session_state().get::<u8>("stars"), Some(3));
    assert_eq!(
        at.widget("stars").element().value,
        Value::Component("3".into())
    );
}

// Issue 18: on_change runs before the script, once per change, with
// session state already holding the new value; not for a value that did
// not change.
#[test]
fn on_change_runs_first_with_the_new_value() {
    let calls = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&calls);
    let mut at = AppTest::new(move |st| {
        let seen = Arc::clone(&seen);
        let stars = st
            .component("Rating", StarRating { max: 5 })
            .key("stars")
            .on_change(move |st| {
                let now = st.session_state().get::<u8>("stars").unwrap();
                seen.lock().push(now);
            })
            .show();
        st.text(format!("{stars}"));
    });
    at.run();
    at.widget("stars").set_component(&2_u8).run();
    assert_eq!(*calls.lock(), [2]);
    at.widget("stars").set_component(&2_u8).run();
    assert_eq!(*calls.lock(), [2], "no change, no callback");
    at.widget("stars").set_component(&5_u8).run();
    assert_eq!(*calls.lock(), [2, 5]);
    assert_eq!(at.text(), ["5"]);
}

// Issue 18: inside a form, a component's change waits for the submit.
#[test]
fn in_a_form_the_value_waits_for_the_submit() {
    let mut at = AppTest::new(|st| {
        let form = st.form("review");
        let stars = form
            .component("Rating", StarRating { max: 5 })
            .key("stars")
            .show();
        form.form_submit_button("Send").show();
        st.text(format!("{stars}"));
    });
    at.run();
    assert_eq!(at.text(), ["0"]);
    at.widget("stars").set_component(&4_u8).run();
    assert_eq!(at.text(), ["0"], "not submitted yet");
    assert!(at.widget("stars").is_waiting());
    at.widget("Send").click().run();
    assert_eq!(at.text(), ["4"]);
}

// Issue 18: a component not drawn in a run is cleaned up: its key leaves
// session state and it comes back at its default.
#[test]
fn a_component_not_drawn_is_cleaned_up() {
    let mut at = AppTest::new(|st| {
        if st.checkbox("Show").key("show").default(true).show() {
            let stars = st
                .component("Rating", StarRating { max: 5 })
                .default(1)
                .key("stars")
                .show();
            st.text(format!("{stars}"));
        }
    });
    at.run();
    at.widget("stars").set_component(&4_u8).run();
    assert_eq!(at.text(), ["4"]);
    at.widget("show").uncheck().run();
    assert!(!at.session_state().contains("stars"));
    at.widget("show").check().run();
    assert_eq!(at.text(), ["1"], "back at its default");
}

// Issue 18: the key links the component to session state both ways; a
// written value is fitted to the parameters, with a warning naming the
// key.
#[test]
fn session_state_writes_reach_the_component_fitted() {
    let mut at = AppTest::new(|st| {
        if st.button("Max it").key("max").show() {
            st.session_state().set("stars", 9_u8);
        }
        let stars = st
            .component("Rating", StarRating { max: 5 })
            .key("stars")
            .show();
        st.text(format!("{stars}"));
    });
    at.run();
    at.session_state().set("stars", 2_u8).unwrap();
    at.run();
    assert_eq!(at.text(), ["2"]);
    at.widget("max").click().run();
    assert_eq!(at.text(), ["5"], "9 stars of 5 is 5");
    assert_eq!(at.session_state().get::<u8>("stars"), Some(5));
    let warnings = at.warning();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("session_state[\"stars\"]") && w.contains("component")),
        "{warnings:?}"
    );
    // A value of another type is refused with a message naming the key.
    at.session_state().set("stars", "lots").unwrap();
    at.run();
    let exceptions = at.exception();
    assert!(
        exceptions.iter().any(|e| e.contains("stars")),
        "{exceptions:?}"
    );
}

// Issue 18: a value the window sends that is not the component's type is
// refused, named by the label, and the value stays.
#[test]
fn a_value_of_the_wrong_shape_is_refused_and_named() {
    let mut at = AppTest::new(rating(5));
    at.run();
    at.widget("stars")
        .set_ui_value(Value::Component("\"five\"".into()))
        .run();
    assert_eq!(at.text(), ["3 stars"]);
    let errors = at.error();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("Rating") && e.contains("u8")),
        "{errors:?}"
    );
}

// Issue 18: a persisted key keeps a component's value across a restart.
#[test]
fn a_persisted_component_survives_a_restart() {
    let dir = std::env::temp_dir().join(format!("brook-components-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("session_state.ron");
    let script = |st: &St| {
        st.session_state().persist::<[f64; 2]>("point");
        let [x, y] = st.component("Point", plot()).key("point").show();
        st.text(format!("{x} {y}"));
    };
    {
        let mut at = AppTest::with_persist_path(script, path.clone());
        at.run();
        at.widget("point").set_component(&[7.0, 12.5]).run();
        assert_eq!(at.text(), ["7 12.5"]);
    }
    brook::state::wait_for_saves();
    let mut at = AppTest::with_persist_path(script, path);
    at.run();
    assert_eq!(at.text(), ["7 12.5"]);
}

// Issue 18: a panic in a component's ui is an exception box in its place;
// the rest of the page still draws, and the script's value is untouched.
#[test]
fn a_panic_while_drawing_is_an_exception_box_and_the_page_draws_on() {
    let mut at = AppTest::new(|st| {
        st.text("before");
        let n = st.component("Number", Unlucky).default(13).key("n").show();
        st.text(format!("after {n}"));
        st.view(|_ui: &mut egui::Ui| panic!("the view broke"));
        st.text("the end");
    });
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    let harness = harness_of(&at, &SnapshotOptions::new().size(600.0, 500.0));
    harness.get_by_label("before");
    harness.get_by_label("after 13");
    harness.get_by_label("the end");
    harness.get_by_label_contains("13 is unlucky");
    harness.get_by_label_contains("the view broke");
    // Where: the file and line of the panic.
    assert!(
        harness
            .query_all_by_label_contains("components.rs:")
            .next()
            .is_some(),
        "the exception box names the file"
    );
    // A later run whose value does not panic draws the component again.
    at.widget("n").set_component(&7_i64).run();
    let harness = harness_of(&at, &SnapshotOptions::new().size(600.0, 500.0));
    assert!(harness.query_by_label_contains("13 is unlucky").is_none());
}

// Issue 18: a view draws any egui code, without state.
#[test]
fn a_view_draws_egui_code() {
    let mut at = AppTest::new(|st| {
        let load = 0.25_f32;
        st.view(move |ui: &mut egui::Ui| {
            ui.label(format!("load {:.0}%", load * 100.0));
        });
    });
    at.run();
    assert!(matches!(at.elements()[0], Element::View { .. }));
    let harness = harness_of(&at, &SnapshotOptions::new().size(400.0, 200.0));
    harness.get_by_label("load 25%");
}

// Issue 18: a real drag on the plot component moves the point; the script
// gets it when the drag ends, not at every frame of the drag.
#[test]
fn dragging_the_plots_point_changes_the_value_the_script_gets() {
    let mut at = AppTest::new(|st| {
        let [x, y] = st
            .component("Pick a point", plot())
            .default([1.0, 5.0])
            .key("p")
            .show();
        st.text(format!("{x:.1} {y:.1}"));
    });
    at.run();
    let mut harness = harness_of(&at, &SnapshotOptions::new().size(600.0, 400.0));
    record_rects(&harness.ctx);
    harness.run();
    let rects = take_recorded_rects(&harness.ctx);
    let (_, rect) = rects
        .iter()
        .rev()
        .find(|(label, _)| label == "Pick a point")
        .unwrap();
    let from = rect.left_bottom() + egui::vec2(rect.width() * 0.2, -rect.height() * 0.2);
    let to = Pos2::new(
        rect.left() + rect.width() * 0.75,
        rect.top() + rect.height() * 0.25,
    );
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for step in 1..=5 {
        #[expect(clippy::cast_precision_loss, reason = "1..=5")]
        let t = step as f32 / 5.0;
        harness.hover_at(from + (to - from) * t);
        harness.run();
    }
    assert!(sent(&harness).is_empty(), "nothing sent while dragging");
    harness.drop_at(to);
    harness.run();
    let sent = sent(&harness);
    assert_eq!(sent.len(), 1, "{sent:?}");
    deliver(&mut at, &mut harness);
    let [x, y] = at.widget("p").value::<[f64; 2]>();
    assert!((6.0..=10.0).contains(&x), "x {x}");
    assert!((30.0..=50.0).contains(&y), "y {y}");
    assert_eq!(at.text(), [format!("{x:.1} {y:.1}")]);
}

// Issue 18: a click on the fourth star, and the arrow keys, with real
// events.
#[test]
fn clicking_a_star_and_the_arrow_keys_set_the_rating() {
    let mut at = AppTest::new(rating(5));
    at.run();
    let mut harness = harness_of(&at, &SnapshotOptions::new().size(400.0, 200.0));
    record_rects(&harness.ctx);
    harness.run();
    let rects = take_recorded_rects(&harness.ctx);
    let (_, rect) = rects.iter().find(|(label, _)| label == "Rating").unwrap();
    let star = rect.width() / 5.0;
    let fourth = Pos2::new(rect.left() + star * 3.5, rect.center().y);
    harness.hover_at(fourth);
    harness.run();
    harness.drag_at(fourth);
    harness.run();
    harness.drop_at(fourth);
    harness.run();
    assert_eq!(sent(&harness), ["4"]);
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["4 stars"]);
    assert_eq!(
        press(&mut at, &[egui::Key::Tab, egui::Key::ArrowLeft]),
        ["3"]
    );
    assert_eq!(at.text(), ["3 stars"]);
}

/// Draws the last run in a new window, presses `keys` one frame each,
/// hands what the window sent to the script and runs it; returns what was
/// sent.
fn press(at: &mut AppTest, keys: &[egui::Key]) -> Vec<String> {
    let mut harness = harness_of(at, &SnapshotOptions::new().size(400.0, 300.0));
    for key in keys {
        harness.key_press(*key);
        harness.run();
    }
    let sent = sent(&harness);
    deliver(at, &mut harness);
    sent
}

/// The drawing object of the component keyed `key` in the last run.
fn drawer_of(at: &mut AppTest, key: &str) -> Drawer {
    match at.widget(key).element().spec.clone() {
        WidgetSpec::Component { drawer, .. } => drawer,
        other => panic!("not a component: {other:?}"),
    }
}

// Issue 18: the code editor keeps typing in the window and sends the code
// when the person leaves the field.
#[test]
fn the_code_editor_sends_its_text_when_the_field_is_left() {
    let mut at = AppTest::new(|st| {
        let sql = st
            .component(
                "SQL",
                CodeEditor {
                    language: "sql".into(),
                    rows: 3,
                },
            )
            .default("SELECT 1".into())
            .key("sql")
            .show();
        st.text(format!("code: {sql}"));
    });
    at.run();
    let mut harness = harness_of(&at, &SnapshotOptions::new().size(500.0, 250.0));
    harness
        .get_by_role(egui::accesskit::Role::MultilineTextInput)
        .click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.event(egui::Event::Text("SELECT 2".into()));
    harness.run();
    assert!(sent(&harness).is_empty(), "nothing sent while typing");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(sent(&harness), ["\"SELECT 2\""]);
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["code: SELECT 2"]);
}

// Issue 18: each example component in both themes.
#[test]
fn the_example_components_in_light_and_dark() {
    let mut at = AppTest::new(|st| {
        st.component("Rating", StarRating { max: 5 })
            .default(3)
            .show();
        st.component("Threshold", plot())
            .default([4.0, 30.0])
            .show();
        st.component(
            "SQL",
            CodeEditor {
                language: "sql".into(),
                rows: 3,
            },
        )
        .default("SELECT hour, ms FROM latency WHERE ms > 150 -- slow".into())
        .show();
    });
    at.run();
    assert!(at.exception().is_empty(), "{:?}", at.exception());
    let mut errors = Vec::new();
    for (theme, suffix) in THEMES {
        let options = options(theme).size(600.0, 460.0);
        let mut harness = harness_of(&at, &options);
        if let Err(err) =
            try_snapshot_harness(&mut harness, &format!("components_{suffix}"), &options)
        {
            errors.push(err.to_string());
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

// Issue 18 (a new user's trial): a component keeps the keyboard focus
// across the rerun its change causes, as a built-in slider does: two
// presses of an arrow key move the rating twice.
#[test]
fn a_component_keeps_the_focus_across_the_rerun_it_causes() {
    // A button to the left: egui moves the focus to it on an arrow key
    // unless the focused widget keeps the arrows.
    let mut at = AppTest::new(|st: &St| {
        let [left, right] = st.columns(2).try_into().ok().unwrap();
        left.button("Left of the stars").show();
        let stars = right
            .component("Rating", StarRating { max: 5 })
            .default(3)
            .key("stars")
            .show();
        st.text(format!("{stars} stars"));
    });
    at.run();
    let mut harness = harness_of(&at, &SnapshotOptions::new().size(600.0, 200.0));
    harness.key_press(egui::Key::Tab);
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    for expected in ["2 stars", "1 stars"] {
        harness.key_press(egui::Key::ArrowLeft);
        harness.run();
        deliver(&mut at, &mut harness);
        redraw(&at, &mut harness);
        assert_eq!(at.text(), [expected]);
    }
}

// Issue 18 (a new user's trial): a keyed component with a default and a
// persisted key comes back from the file after a restart without the
// warning about a default beside a value set through session state (the
// script wrote nothing).
#[test]
fn a_persisted_key_restored_with_a_default_gives_no_warning() {
    let dir = std::env::temp_dir().join(format!("brook-components-default-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("session_state.ron");
    let script = |st: &St| {
        st.session_state().persist::<u8>("stars");
        let stars = st
            .component("Rating", StarRating { max: 5 })
            .default(3)
            .key("stars")
            .show();
        st.text(format!("{stars} stars"));
    };
    {
        let mut at = AppTest::with_persist_path(script, path.clone());
        at.run();
        at.widget("stars").set_component(&5_u8).run();
    }
    brook::state::wait_for_saves();
    let mut at = AppTest::with_persist_path(script, path);
    at.run();
    assert_eq!(at.text(), ["5 stars"]);
    assert!(at.warning().is_empty(), "{:?}", at.warning());
}

// Issue 18 (a new user's trial): the help of a disabled widget shows on
// hover too (it may say why it is disabled), for a component and a
// built-in widget alike.
#[test]
fn the_help_of_a_disabled_widget_shows_on_hover() {
    let mut at = AppTest::new(|st: &St| {
        st.component("Rating", StarRating { max: 5 })
            .help("Rated by the lead")
            .disabled(true)
            .show();
        st.slider("Days", 1..=10)
            .help("Fixed this week")
            .disabled(true)
            .show();
    });
    at.run();
    let mut harness = harness_of(&at, &SnapshotOptions::new().size(500.0, 300.0));
    record_rects(&harness.ctx);
    harness.run();
    let rects = take_recorded_rects(&harness.ctx);
    for (label, help) in [("Rating", "Rated by the lead"), ("Days", "Fixed this week")] {
        let (_, rect) = rects.iter().find(|(l, _)| l == label).unwrap();
        harness.hover_at(rect.center());
        for _ in 0..40 {
            harness.step();
        }
        assert!(
            harness.query_all_by_label_contains(help).next().is_some(),
            "no tooltip {help:?} on the disabled {label}"
        );
        harness.remove_cursor();
        harness.run();
    }
}

// A new user's trial (issue 16): text typed into a field and a button
// clicked before the field lost its focus ran with the text from before.
// Every value typed and not yet sent reaches the run the click starts: a
// text input, a code editor component, and a text input in a form with its
// submit button.
#[test]
fn what_was_typed_reaches_the_run_a_click_starts() {
    let mut at = AppTest::new(|st: &St| {
        let name = st.text_input("Name").key("name").show();
        let sql = st
            .component(
                "SQL",
                CodeEditor {
                    language: "sql".into(),
                    rows: 2,
                },
            )
            .key("sql")
            .show();
        if st.button("Save").key("save").show() {
            st.text(format!("saved {name} {sql}"));
        }
        let form = st.form("f");
        let title = form.text_input("Title").key("title").show();
        if form.form_submit_button("Open").show() {
            st.text(format!("opened {title}"));
        }
    });
    at.run();
    let mut harness = harness_of(&at, &SnapshotOptions::new().size(600.0, 500.0));
    let type_into = |harness: &mut Harness<'_, PageState>, label: &str, text: &str| {
        harness.get_by_label(label).click();
        harness.run();
        harness.event(egui::Event::Text(text.into()));
        harness.run();
    };
    type_into(&mut harness, "Name", "Ada");
    harness
        .get_by_role(egui::accesskit::Role::MultilineTextInput)
        .click();
    harness.run();
    harness.event(egui::Event::Text("SELECT 1".into()));
    harness.run();
    click_in_one_frame(&mut harness, "Save");
    // The window sends what was typed before the click, not after it (the
    // runner starts the click's run at once).
    sent_before_the_click(&harness, &Value::Text("Ada".into()));
    sent_before_the_click(&harness, &Value::Component("\"SELECT 1\"".into()));
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["saved Ada SELECT 1"]);

    redraw(&at, &mut harness);
    type_into(&mut harness, "Title", "Printer jams");
    click_in_one_frame(&mut harness, "Open");
    sent_before_the_click(&harness, &Value::Text("Printer jams".into()));
    deliver(&mut at, &mut harness);
    assert_eq!(at.text(), ["opened Printer jams"]);
}

/// Asserts that the window sent `value` before the last click it sent.
fn sent_before_the_click(harness: &Harness<'_, PageState>, value: &Value) {
    let events = &harness.state().events;
    let click = events
        .iter()
        .rposition(|event| matches!(event, Event::ButtonClicked { .. }))
        .expect("a click was sent");
    let sent = events
        .iter()
        .position(|event| matches!(event, Event::WidgetChanged { value: v, .. } if v == value));
    assert!(
        sent.is_some_and(|sent| sent < click),
        "{value:?} was not sent before the click: {events:?}"
    );
}

/// A quick click: the press and the release in one frame (as a fast
/// mouse or xdotool gives them), so the button counts the click in the
/// frame the focused field loses its focus.
fn click_in_one_frame(harness: &mut Harness<'_, PageState>, label: &str) {
    let pos = harness.get_by_label(label).rect().center();
    let button = |pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    harness.input_mut().events.extend([
        egui::Event::PointerMoved(pos),
        button(true),
        button(false),
    ]);
    harness.step();
    harness.run();
}

// Issue 18: a component whose parameters did not change keeps its drawing
// object from run to run (nothing is built again for it); other
// parameters (under the same key) get a new one.
#[test]
fn a_component_keeps_its_drawing_object_while_its_parameters_stay() {
    let max = Arc::new(Mutex::new(5_u8));
    let script = {
        let max = Arc::clone(&max);
        move |st: &St| {
            st.component("Rating", StarRating { max: *max.lock() })
                .key("stars")
                .show();
        }
    };
    let mut at = AppTest::new(script);
    let drawer = |at: &mut AppTest| drawer_of(at, "stars");
    at.run();
    let first = drawer(&mut at);
    at.widget("stars").set_component(&2_u8).run();
    assert!(
        drawer(&mut at) == first,
        "same parameters, same drawing object"
    );
    *max.lock() = 6;
    at.run();
    assert!(
        drawer(&mut at) != first,
        "new parameters, a new drawing object"
    );
}

// Issue 18: components of one type whose parameters hash alike share one
// drawing object (a page of a thousand alike ones holds one), while each
// keeps and draws its own value; other parameters make their own object.
#[test]
fn components_alike_share_one_drawing_object_and_keep_their_own_values() {
    let mut at = AppTest::new(|st: &St| {
        let a = st
            .component("A", StarRating { max: 5 })
            .default(2)
            .key("a")
            .show();
        let b = st
            .component("B", StarRating { max: 5 })
            .default(4)
            .key("b")
            .show();
        let c = st
            .component("C", StarRating { max: 7 })
            .default(6)
            .key("c")
            .show();
        st.text(format!("a={a} b={b} c={c}"));
    });
    at.run();
    assert!(
        drawer_of(&mut at, "a") == drawer_of(&mut at, "b"),
        "alike: one object"
    );
    assert!(
        drawer_of(&mut at, "a") != drawer_of(&mut at, "c"),
        "other parameters"
    );
    // Each draws from its own value: the arrow keys move A from 2 and B
    // from 4, in the same frames.
    assert_eq!(
        press(&mut at, &[egui::Key::Tab, egui::Key::ArrowRight]),
        ["3"]
    );
    assert_eq!(at.text(), ["a=3 b=4 c=6"]);
    let keys = [egui::Key::Tab, egui::Key::Tab, egui::Key::ArrowLeft];
    assert_eq!(press(&mut at, &keys), ["3"]);
    assert_eq!(at.text(), ["a=3 b=3 c=6"]);
    assert!(
        drawer_of(&mut at, "a") == drawer_of(&mut at, "b"),
        "still one object"
    );
}
