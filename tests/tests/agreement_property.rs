//! Issue 11, acceptance: a property test over random interactions with a
//! script that has keyed and unkeyed widgets, conditional widgets, options
//! that depend on another widget, a form and callbacks. After every run the
//! value the script got, the value AppTest reports, the widget's
//! session-state key and the value the window draws agree, and a choice
//! widget's value is one of its current options.
#![allow(clippy::unwrap_used, reason = "it's a test")]

use std::collections::BTreeMap;

use brook::element::{Value, WidgetElement, WidgetSpec};
use brook::prelude::*;
use brook::testing::AppTest;
use chrono::NaiveDate;
use proptest::prelude::*;

const LETTERS: [&str; 5] = ["a", "b", "c", "d", "z"];

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, d.clamp(1, 31)).unwrap()
}

/// What the script got from each widget in its last run, as text.
type Got = BTreeMap<String, String>;

fn got(st: &St, label: &str, value: impl std::fmt::Debug) {
    let ss = st.session_state();
    let mut map: Got = ss.get_or_insert("got", Got::new());
    map.insert(label.to_owned(), format!("{value:?}"));
    ss.set("got", map);
}

fn script(st: &St) {
    st.session_state().set("got", Got::new());
    let mode = st
        .radio("Mode", ["all", "few"])
        .key("mode")
        .on_change(|st| {
            // A callback writes another widget's key; the value may not be
            // an option any more, and is checked like input.
            st.session_state().set("pick", "d");
        })
        .show();
    got(st, "mode", mode);
    let options: Vec<&'static str> = if mode == Some("few") {
        vec!["a", "b"]
    } else {
        vec!["a", "b", "c", "d"]
    };
    let pick = st.selectbox("Pick", options.clone()).key("pick").show();
    got(st, "pick", pick);
    let many = st.multiselect("Many", options).key("many").show();
    got(st, "many", many);
    let n = st.slider("N", 0..=10).key("n").show();
    got(st, "n", n);
    if n > 5 {
        let extra = st.checkbox("Extra").key("extra").show();
        got(st, "extra", extra);
    }
    // An unkeyed widget whose bounds depend on another widget.
    let free = st.slider("Free", 0..=(10 + n)).show();
    got(st, "Free", free);
    let form = st.form("f");
    let name = form.text_input("Name").max_chars(5).key("name").show();
    got(st, "name", &name);
    let newest = day(u32::try_from(10 + n).unwrap_or(10));
    let from = form
        .date_input("From")
        .min(day(1))
        .max(newest)
        .key("from")
        .show();
    got(st, "from", from);
    let sent = form
        .form_submit_button("Send")
        .on_click(|st| {
            let ss = st.session_state();
            let sends = ss.get_or_insert("sends", 0_i64);
            ss.set("sends", sends + 1);
        })
        .show();
    got(st, "Send", sent);
}

#[derive(Clone, Debug)]
enum Action {
    Mode(usize),
    Pick(usize),
    Select(usize),
    Unselect(usize),
    Slide(i64),
    Free(i64),
    Extra(bool),
    Name(String),
    From(u32),
    Send,
    WritePick(usize),
    WriteMany(Vec<usize>),
    WriteN(i64),
    WriteFrom(u32),
    Run,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        (0..3_usize).prop_map(Action::Mode),
        (0..5_usize).prop_map(Action::Pick),
        (0..5_usize).prop_map(Action::Select),
        (0..5_usize).prop_map(Action::Unselect),
        (-3..14_i64).prop_map(Action::Slide),
        (-3..30_i64).prop_map(Action::Free),
        any::<bool>().prop_map(Action::Extra),
        "[a-z]{0,8}".prop_map(Action::Name),
        (1..40_u32).prop_map(Action::From),
        Just(Action::Send),
        (0..5_usize).prop_map(Action::WritePick),
        proptest::collection::vec(0..5_usize, 0..4).prop_map(Action::WriteMany),
        (-5..1000_i64).prop_map(Action::WriteN),
        (1..60_u32).prop_map(Action::WriteFrom),
        Just(Action::Run),
    ]
}

fn widget(at: &AppTest, key_or_label: &str) -> Option<WidgetElement> {
    at.widgets()
        .into_iter()
        .find(|w| w.key.as_deref() == Some(key_or_label) || w.label == key_or_label)
}

fn options_of(widget: &WidgetElement) -> Vec<String> {
    match &widget.spec {
        WidgetSpec::Radio { options, .. }
        | WidgetSpec::Selectbox { options, .. }
        | WidgetSpec::Multiselect { options, .. } => options.clone(),
        _ => Vec::new(),
    }
}

/// Stages `action` (a session-state write happens before the next run);
/// returns whether a run should follow now.
fn stage(at: &mut AppTest, action: &Action) -> bool {
    let option = |at: &AppTest, key: &str, i: usize| {
        widget(at, key).and_then(|w| options_of(&w).get(i).cloned())
    };
    match action {
        Action::Mode(i) => {
            if let Some(o) = option(at, "mode", *i) {
                at.widget("mode").select(&o);
            }
        }
        Action::Pick(i) => {
            if let Some(o) = option(at, "pick", *i) {
                at.widget("pick").select(&o);
            }
        }
        Action::Select(i) => {
            if let Some(o) = option(at, "many", *i) {
                at.widget("many").select(&o);
            }
        }
        Action::Unselect(i) => {
            if let Some(o) = option(at, "many", *i) {
                at.widget("many").unselect(&o);
            }
        }
        Action::Slide(v) => {
            at.widget("n").set_value(*v);
        }
        Action::Free(v) => {
            at.widget("Free").set_value(*v);
        }
        Action::Extra(on) => {
            if widget(at, "extra").is_some() {
                if *on {
                    at.widget("extra").check();
                } else {
                    at.widget("extra").uncheck();
                }
            }
        }
        Action::Name(text) => {
            at.widget("name").input(text);
        }
        Action::From(d) => {
            at.widget("from").set_value(format!("2026-01-{d:02}"));
        }
        Action::Send => {
            at.widget("Send").click();
        }
        // Writes to a widget's key made between runs, as a script's top
        // would; they may be invalid (an option that is not offered, a
        // number past the max, a date past the newest).
        Action::WritePick(i) => {
            let _ = at.session_state().set("pick", LETTERS[*i]);
        }
        Action::WriteMany(picks) => {
            let letters: Vec<&'static str> = picks.iter().map(|i| LETTERS[*i]).collect();
            let _ = at.session_state().set("many", letters);
        }
        Action::WriteN(v) => {
            let _ = at.session_state().set("n", i32::try_from(*v).unwrap_or(0));
        }
        Action::WriteFrom(d) => {
            let date =
                NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(*d));
            let _ = at.session_state().set("from", date);
        }
        Action::Run => return true,
    }
    false
}

/// The typed value of `key` as text, three ways: session state, AppTest's
/// value, and the value the window draws decoded against the options.
fn check_agreement(at: &mut AppTest) -> Result<(), TestCaseError> {
    let got: Got = at.session_state().get("got").unwrap_or_default();
    prop_assert!(
        at.exception().is_empty(),
        "exceptions: {:?}",
        at.exception()
    );
    for w in at.widgets() {
        let name = w.key.clone().unwrap_or_else(|| w.label.clone());
        let Some(script) = got.get(&name) else {
            continue;
        };
        let handle = at.widget(&name);
        let apptest = match &w.spec {
            WidgetSpec::Radio { .. } | WidgetSpec::Selectbox { .. } => {
                format!("{:?}", handle.value::<Option<&'static str>>())
            }
            WidgetSpec::Multiselect { .. } => format!("{:?}", handle.value::<Vec<&'static str>>()),
            WidgetSpec::Slider { .. } => format!("{:?}", handle.value::<i32>()),
            WidgetSpec::Checkbox { .. } | WidgetSpec::FormSubmit { .. } => {
                format!("{:?}", handle.value::<bool>())
            }
            WidgetSpec::TextInput { .. } => format!("{:?}", handle.value::<String>()),
            WidgetSpec::DateInput { .. } => format!("{:?}", handle.value::<NaiveDate>()),
            _ => continue,
        };
        prop_assert_eq!(script, &apptest, "{}: script vs AppTest", name);
        if let Some(key) = &w.key {
            let state = match &w.spec {
                WidgetSpec::Radio { .. } | WidgetSpec::Selectbox { .. } => format!(
                    "{:?}",
                    at.session_state().get::<Option<&'static str>>(key).unwrap()
                ),
                WidgetSpec::Multiselect { .. } => format!(
                    "{:?}",
                    at.session_state().get::<Vec<&'static str>>(key).unwrap()
                ),
                WidgetSpec::Slider { .. } => {
                    format!("{:?}", at.session_state().get::<i32>(key).unwrap())
                }
                WidgetSpec::Checkbox { .. } => {
                    format!("{:?}", at.session_state().get::<bool>(key).unwrap())
                }
                WidgetSpec::TextInput { .. } => {
                    format!("{:?}", at.session_state().get::<String>(key).unwrap())
                }
                WidgetSpec::DateInput { .. } => {
                    format!("{:?}", at.session_state().get::<NaiveDate>(key).unwrap())
                }
                _ => continue,
            };
            prop_assert_eq!(script, &state, "{}: script vs session state", key);
        }
        // The window draws the same value.
        let options = options_of(&w);
        let drawn = match (&w.spec, &w.value) {
            (WidgetSpec::Radio { .. } | WidgetSpec::Selectbox { .. }, Value::Index(i)) => {
                prop_assert!(*i < options.len(), "{name}: index {i} past {options:?}");
                format!("Some({:?})", options[*i])
            }
            (WidgetSpec::Radio { .. } | WidgetSpec::Selectbox { .. }, Value::None) => {
                "None".to_owned()
            }
            (WidgetSpec::Multiselect { .. }, Value::Indices(indices)) => {
                let mut chosen = Vec::new();
                for i in indices {
                    prop_assert!(*i < options.len(), "{name}: index {i} past {options:?}");
                    chosen.push(options[*i].clone());
                }
                format!("{chosen:?}")
            }
            (WidgetSpec::Slider { .. }, Value::Int(v)) => v.to_string(),
            (WidgetSpec::Checkbox { .. }, Value::Bool(v)) => v.to_string(),
            (WidgetSpec::TextInput { .. }, Value::Text(v)) => format!("{v:?}"),
            (WidgetSpec::DateInput { .. }, Value::Text(v)) => v.clone(),
            _ => continue,
        };
        // A form field shows what waits for its submit, if anything; else
        // what the script got.
        if at.widget(&name).is_waiting() {
            prop_assert_eq!(
                at.widget(&name).pending_value(),
                w.value.clone(),
                "{}: the window draws the value waiting for the submit",
                name
            );
        } else {
            prop_assert_eq!(script, &drawn, "{}: script vs window", name);
        }
        // A value is inside the widget's current bounds.
        match (&w.spec, &w.value) {
            (WidgetSpec::Slider { min, max, .. }, Value::Int(v)) => {
                #[allow(clippy::cast_precision_loss, reason = "small test values")]
                let v = *v as f64;
                prop_assert!(*min <= v && v <= *max, "{name}: {v} outside {min}..={max}");
            }
            (WidgetSpec::DateInput { min, max, .. }, Value::Text(v)) => {
                // ISO dates compare as text.
                prop_assert!(
                    min.as_ref().is_none_or(|min| v >= min),
                    "{name}: {v} < {min:?}"
                );
                prop_assert!(
                    max.as_ref().is_none_or(|max| v <= max),
                    "{name}: {v} > {max:?}"
                );
            }
            (
                WidgetSpec::TextInput {
                    max_chars: Some(max),
                    ..
                },
                Value::Text(v),
            ) => {
                prop_assert!(v.chars().count() <= *max, "{name}: {v:?} longer than {max}");
            }
            _ => {}
        }
        // A choice is one of the current options.
        if matches!(
            w.spec,
            WidgetSpec::Radio { .. } | WidgetSpec::Selectbox { .. }
        ) {
            let ok = script == "None" || options.iter().any(|o| *script == format!("Some({o:?})"));
            prop_assert!(ok, "{name}: {script} is not among {options:?}");
        }
    }
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 2_000,
        // A failure prints its minimal input; nothing is written beside
        // the sources.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    // Issue 11, acceptance: values agree after every run.
    #[test]
    fn script_apptest_session_state_and_window_agree_after_every_run(
        actions in proptest::collection::vec(action(), 1..=30)
    ) {
        let mut at = AppTest::new(script);
        at.run();
        check_agreement(&mut at)?;
        for action in &actions {
            if stage(&mut at, action) {
                at.run();
                check_agreement(&mut at)?;
            }
        }
        at.run();
        check_agreement(&mut at)?;
    }
}
