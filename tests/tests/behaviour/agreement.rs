//! Issue 11: what the script gets, what the window shows, what session
//! state holds and what AppTest reports are one value, and a run that fails
//! part-way loses nothing. One test per case of the issue and per sibling.

use brook::element::Value;
use brook::prelude::*;
use brook::testing::AppTest;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::{count, log, log_of};

fn wall(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The alert bodies of the last run that mention every one of `parts`.
fn alerts_mentioning(at: &AppTest, parts: &[&str]) -> usize {
    at.all_text()
        .iter()
        .filter(|body| parts.iter().all(|part| body.contains(part)))
        .count()
}

/// A form with a zone-aware date-time (Berlin), its submit logged by a
/// callback and by the script, which reruns after saving.
fn berlin_form(st: &St) {
    let form = st.form("meeting");
    let when = form
        .datetime_input("When")
        .timezone(chrono_tz::Europe::Berlin)
        .default(wall("2026-03-01 10:00"))
        .key("when")
        .show();
    let submitted = form
        .form_submit_button("Save")
        .on_click(|st| log(st, "callback"))
        .show();
    if submitted {
        log(st, format!("saved {}", when.format("%Y-%m-%d %H:%M %Z")));
        st.rerun();
    }
}

// Issue 11, case 1
#[test]
fn a_refused_dst_gap_time_blocks_its_forms_submit_and_stays_beside_the_field() {
    let mut at = AppTest::new(berlin_form);
    at.run();
    at.widget("when").set_value("2026-03-29 02:30");
    at.widget("Save").click().run();
    assert!(log_of(&at).is_empty(), "nothing saved: {:?}", log_of(&at));
    assert!(!at.widget("Save").value::<bool>());
    assert_eq!(
        alerts_mentioning(&at, &["2026-03-29 02:30", "When"]),
        1,
        "the refusal is shown once, beside the field: {:?}",
        at.all_text()
    );
    assert_eq!(
        alerts_mentioning(&at, &["not submitted", "\"When\""]),
        1,
        "the form names the field to fix: {:?}",
        at.all_text()
    );
    // It stays on the next run too, until fixed.
    at.run();
    assert_eq!(alerts_mentioning(&at, &["2026-03-29 02:30", "When"]), 1);
    // A fixed value goes through: the callback runs and the new time is saved.
    at.widget("when").set_value("2026-03-29 03:30");
    at.widget("Save").click().run();
    assert_eq!(log_of(&at), ["callback", "saved 2026-03-29 03:30 CEST"]);
    assert_eq!(alerts_mentioning(&at, &["2026-03-29 02:30"]), 0);
    assert_eq!(alerts_mentioning(&at, &["not submitted"]), 0);
}

// Issue 11, case 1 (siblings: unparsable dates and times in a form)
#[test]
fn an_unparsable_date_or_time_blocks_its_forms_submit() {
    let mut at = AppTest::new(|st: &St| {
        let form = st.form("f");
        let d = form
            .date_input("Day")
            .default(day("2026-01-01"))
            .key("d")
            .show();
        let t = form
            .time_input("At")
            .default(NaiveTime::from_hms_opt(9, 0, 0).unwrap())
            .key("t")
            .show();
        if form.form_submit_button("Go").show() {
            log(st, format!("{d} {t}"));
        }
    });
    at.run();
    at.widget("d").set_value("2026-13-45");
    at.widget("t").set_value("25:99");
    at.widget("Go").click().run();
    assert!(log_of(&at).is_empty());
    assert_eq!(
        alerts_mentioning(&at, &["not submitted", "\"Day\"", "\"At\""]),
        1,
        "{:?}",
        at.all_text()
    );
    at.widget("d").set_value("2026-02-03");
    at.widget("t").set_value("10:15");
    at.widget("Go").click().run();
    assert_eq!(log_of(&at), ["2026-02-03 10:15:00"]);
}

// Issue 11, case 1 (sibling: outside a form, a refusal survives a rerun the
// script asks for)
#[test]
fn a_refusal_outside_a_form_survives_a_rerun_the_script_asks_for() {
    let mut at = AppTest::new(|st: &St| {
        st.date_input("Day")
            .default(day("2026-01-01"))
            .key("d")
            .show();
        // Every interaction makes the script rerun once.
        if count(st, "runs") % 2 == 1 {
            st.rerun();
        }
    });
    at.run();
    at.widget("d").set_value("not a date").run();
    assert_eq!(
        alerts_mentioning(&at, &["not a date", "Day"]),
        1,
        "{:?}",
        at.all_text()
    );
    assert_eq!(at.widget("d").value::<NaiveDate>(), day("2026-01-01"));
}

// Issue 11, case 2
#[test]
fn a_zone_aware_clock_default_does_not_change_the_widgets_identity() {
    let mut at = AppTest::new(|st: &St| {
        let when = st
            .datetime_input("When")
            .timezone(chrono_tz::Europe::Berlin)
            .show();
        st.text(when.format("%Y-%m-%d %H:%M").to_string());
    });
    at.run();
    at.widget("When").set_value("2026-05-04 11:00").run();
    assert_eq!(at.text(), ["2026-05-04 11:00"]);
    at.run().run();
    assert_eq!(at.text(), ["2026-05-04 11:00"]);
}

// Issue 11, case 2 (siblings: naive date, time and date-time inputs)
#[test]
fn clock_defaults_of_date_time_and_naive_date_time_inputs_keep_their_value() {
    let mut at = AppTest::new(|st: &St| {
        let d = st.date_input("Day").show();
        let t = st.time_input("At").show();
        let w = st.datetime_input("When").show();
        st.text(format!("{d} {t} {w}"));
    });
    at.run();
    at.widget("Day").set_value("2024-02-29");
    at.widget("At").set_value("07:45");
    at.widget("When").set_value("2025-01-02 03:04").run();
    let expected = ["2024-02-29 07:45:00 2025-01-02 03:04:00"];
    assert_eq!(at.text(), expected);
    at.run().run();
    assert_eq!(at.text(), expected);
}

/// A keyed choice widget whose options lose "c" when `narrow` is set.
fn narrowing_choice(kind: &'static str) -> AppTest {
    AppTest::new(move |st: &St| {
        let narrow = st.session_state().get_or_insert("narrow", false);
        let options: Vec<&str> = if narrow {
            vec!["a", "b"]
        } else {
            vec!["a", "b", "c"]
        };
        let got = match kind {
            "radio" => format!("{:?}", st.radio("Pick", options).key("k").show()),
            "selectbox" => format!("{:?}", st.selectbox("Pick", options).key("k").show()),
            _ => format!("{:?}", st.multiselect("Pick", options).key("k").show()),
        };
        st.text(got);
    })
}

// Issue 11, case 4
#[test]
fn a_choice_whose_option_is_gone_falls_back_in_script_window_and_session_state() {
    for kind in ["radio", "selectbox"] {
        let mut at = narrowing_choice(kind);
        at.run();
        at.widget("k").set_value("c").run();
        assert_eq!(at.text(), ["Some(\"c\")"], "{kind}");
        at.session_state().set("narrow", true).unwrap();
        at.run();
        assert_eq!(at.text(), ["Some(\"a\")"], "{kind}: the script");
        assert_eq!(
            at.widget("k").element().value,
            Value::Index(0),
            "{kind}: the window"
        );
        assert_eq!(
            at.session_state().get::<Option<&str>>("k"),
            Some(Some("a")),
            "{kind}: session state"
        );
        assert_eq!(
            at.widget("k").value::<Option<&str>>(),
            Some("a"),
            "{kind}: AppTest"
        );
    }
}

// Issue 11, case 4 (sibling: a multiselect keeps the options still offered)
#[test]
fn a_multiselect_drops_only_the_options_that_are_gone_everywhere() {
    let mut at = narrowing_choice("multiselect");
    at.run();
    at.widget("k").select("c");
    at.widget("k").select("a").run();
    assert_eq!(at.text(), ["[\"c\", \"a\"]"]);
    at.session_state().set("narrow", true).unwrap();
    at.run();
    assert_eq!(at.text(), ["[\"a\"]"]);
    assert_eq!(at.widget("k").element().value, Value::Indices(vec![0]));
    assert_eq!(
        at.session_state().get::<Vec<String>>("k"),
        Some(vec!["a".to_owned()])
    );
}

// Issue 11, case 5
#[test]
fn a_keyed_date_input_keeps_its_value_when_its_max_moves_and_clamps_when_it_must() {
    let mut at = AppTest::new(|st: &St| {
        let newest = st
            .session_state()
            .get_or_insert("newest", day("2026-01-31"));
        let d = st
            .date_input("From")
            .default(day("2026-01-01"))
            .max(newest)
            .key("from")
            .show();
        st.text(d.to_string());
    });
    at.run();
    at.widget("from").set_value("2026-01-10").run();
    assert_eq!(at.text(), ["2026-01-10"]);
    // A newer row arrives: the filter keeps its date.
    at.session_state().set("newest", day("2026-02-15")).unwrap();
    at.run();
    assert_eq!(at.text(), ["2026-01-10"]);
    // The max moves below the date: clamped, and everything agrees.
    at.session_state().set("newest", day("2026-01-05")).unwrap();
    at.run();
    assert_eq!(at.text(), ["2026-01-05"]);
    assert_eq!(
        at.widget("from").element().value,
        Value::Text("2026-01-05".into())
    );
    assert_eq!(
        at.session_state().get::<NaiveDate>("from"),
        Some(day("2026-01-05"))
    );
}

// Issue 11, case 5 (sibling: a keyed text input keeps its text when its
// max_chars grows, and is cut when it shrinks)
#[test]
fn a_keyed_text_input_keeps_its_text_when_max_chars_changes_and_cuts_when_it_must() {
    let mut at = AppTest::new(|st: &St| {
        let max = st.session_state().get_or_insert("max", 10_usize);
        let text = st.text_input("Name").max_chars(max).key("name").show();
        st.text(text);
    });
    at.run();
    at.widget("name").input("brooklyn").run();
    at.session_state().set("max", 20_usize).unwrap();
    at.run();
    assert_eq!(at.text(), ["brooklyn"]);
    at.session_state().set("max", 4_usize).unwrap();
    at.run();
    assert_eq!(at.text(), ["broo"]);
    assert_eq!(
        at.session_state().get::<String>("name"),
        Some("broo".into())
    );
}

// Issue 11, case 6
#[test]
fn a_run_that_panics_keeps_the_widgets_it_did_not_reach() {
    let mut at = AppTest::new(|st: &St| {
        if st.session_state().get_or_insert("explode", false) {
            panic!("boom");
        }
        let n = st.slider("N", 0..=10).key("n").show();
        let word = st.text_input("Word").key("word").show();
        st.text(format!("{n} {word}"));
    });
    at.run();
    at.widget("n").set_value(7);
    at.widget("word").input("hi").run();
    at.session_state().set("explode", true).unwrap();
    at.run();
    assert_eq!(at.exception(), ["boom"]);
    assert_eq!(at.session_state().get::<i32>("n"), Some(7));
    at.session_state().set("explode", false).unwrap();
    at.run();
    assert_eq!(at.text(), ["7 hi"]);
    assert_eq!(at.session_state().get::<String>("word"), Some("hi".into()));
}

// Issue 11, case 6 (sibling: a misuse of brook ends the run the same way)
#[test]
fn a_run_stopped_by_a_misuse_keeps_the_widgets_it_did_not_reach() {
    let mut at = AppTest::new(|st: &St| {
        if st.session_state().get_or_insert("misuse", false) {
            // A wrong type is a misuse error, shown as an exception.
            let _: String = st.session_state().value("misuse");
        }
        let on = st.checkbox("On").key("on").show();
        st.text(on.to_string());
    });
    at.run();
    at.widget("on").check().run();
    at.session_state().set("misuse", true).unwrap();
    at.run();
    assert_eq!(at.exception().len(), 1);
    at.session_state().set("misuse", false).unwrap();
    at.run();
    assert_eq!(at.text(), ["true"]);
}

// Issue 11, case 6 (sibling: a form whose submit button was not reached
// because of a panic is not reported as missing its submit button)
#[test]
fn a_panic_before_a_forms_submit_button_is_not_a_missing_submit_button() {
    let mut at = AppTest::new(|st: &St| {
        let form = st.form("f");
        form.text_input("Name").show();
        panic!("before the button");
    });
    at.run();
    assert_eq!(at.exception(), ["before the button"]);
    assert!(
        at.error()
            .iter()
            .all(|e| !e.contains("Missing submit button")),
        "{:?}",
        at.error()
    );
}

// Issue 11, case 7
#[test]
fn the_sidebar_reached_from_a_form_is_not_part_of_the_form() {
    let mut at = AppTest::new(|st: &St| {
        let form = st.form("f");
        let side = form.sidebar().checkbox("Side").show();
        let inside = form.checkbox("Inside").show();
        form.form_submit_button("Go").show();
        st.text(format!("{side} {inside}"));
    });
    at.run();
    assert_eq!(at.widget("Side").element().form, None);
    at.widget("Side").check();
    at.widget("Inside").check().run();
    // The sidebar's change lands at once; the form's waits for the submit.
    assert_eq!(at.text(), ["true false"]);
    at.widget("Go").click().run();
    assert_eq!(at.text(), ["true true"]);
}

// Issue 11, case 9 (choices, text, dates, colours)
#[test]
fn values_written_to_a_widgets_key_are_checked_like_input_with_a_warning_naming_the_key() {
    let mut at = AppTest::new(|st: &St| {
        let pick = st.selectbox("Pick", ["a", "b"]).key("pick").show();
        let many = st.multiselect("Many", ["a", "b"]).key("many").show();
        let name = st.text_input("Name").max_chars(3).key("name").show();
        let d = st
            .date_input("Day")
            .min(day("2026-01-01"))
            .max(day("2026-12-31"))
            .key("day")
            .show();
        let colour = st.color_picker("Colour").key("colour").show();
        st.text(format!("{pick:?} {many:?} {name} {d} {colour}"));
    });
    at.run();
    let ss = at.session_state();
    ss.set("pick", "zzz").unwrap();
    ss.set("many", vec!["b", "zzz"]).unwrap();
    ss.set("name", "abcdef").unwrap();
    ss.set("day", day("2030-01-01")).unwrap();
    ss.set("colour", "blue").unwrap();
    at.run();
    assert_eq!(
        at.text(),
        ["Some(\"a\") [\"b\"] abc 2026-12-31 #000000"],
        "{:?}",
        at.all_text()
    );
    for key in ["pick", "many", "name", "day", "colour"] {
        assert_eq!(
            alerts_mentioning(&at, &[&format!("session_state[\"{key}\"]")]),
            1,
            "one warning names {key}: {:?}",
            at.warning()
        );
    }
    // Session state holds the checked values.
    assert_eq!(
        at.session_state().get::<Option<&str>>("pick"),
        Some(Some("a"))
    );
    assert_eq!(at.session_state().get::<String>("name"), Some("abc".into()));
    // The warnings are said once, not on every run.
    at.run();
    assert!(at.warning().is_empty(), "{:?}", at.warning());
}

// Issue 11, case 16
#[test]
fn apptest_value_is_what_the_script_got_for_a_clicked_button() {
    let mut at = AppTest::new(|st: &St| {
        let clicked = st.button("Go").show();
        st.text(clicked.to_string());
    });
    at.run();
    at.widget("Go").click().run();
    assert_eq!(at.text(), ["true"]);
    assert!(at.widget("Go").value::<bool>());
    at.run();
    assert!(!at.widget("Go").value::<bool>());
}

// Issue 11, case 16 (siblings: a form's submit button, and the values of a
// form cleared on submit)
#[test]
fn apptest_value_is_what_the_script_got_in_a_form_cleared_on_submit() {
    let mut at = AppTest::new(|st: &St| {
        let form = st.form_cleared_on_submit("f");
        let name = form.text_input("Name").key("name").show();
        let sent = form.form_submit_button("Send").show();
        st.text(format!("{sent} {name}"));
    });
    at.run();
    at.widget("name").input("Ada");
    at.widget("Send").click().run();
    assert_eq!(at.text(), ["true Ada"]);
    assert!(at.widget("Send").value::<bool>());
    assert_eq!(at.widget("name").value::<String>(), "Ada");
    // The next run starts from the cleared form.
    at.run();
    assert_eq!(at.text(), ["false "]);
    assert_eq!(at.widget("name").value::<String>(), "");
}

// Issue 11, case 17
#[test]
fn two_staged_selections_on_a_multiselect_keep_both() {
    let mut at = AppTest::new(|st: &St| {
        let chosen = st.multiselect("Digits", ["zero", "one", "two"]).show();
        st.text(format!("{chosen:?}"));
    });
    at.run();
    at.widget("Digits").select("zero");
    at.widget("Digits").select("one").run();
    assert_eq!(at.text(), ["[\"zero\", \"one\"]"]);
    // Unselect builds on the staged value too.
    at.widget("Digits").select("two");
    at.widget("Digits").unselect("zero").run();
    assert_eq!(at.text(), ["[\"one\", \"two\"]"]);
}

// Issue 11, case 17 (sibling: a form's waiting value is built on too)
#[test]
fn staged_selections_build_on_a_forms_waiting_value() {
    let mut at = AppTest::new(|st: &St| {
        let form = st.form("f");
        let chosen = form.multiselect("Digits", ["zero", "one"]).show();
        form.form_submit_button("Go").show();
        st.text(format!("{chosen:?}"));
    });
    at.run();
    at.widget("Digits").select("zero").run();
    assert_eq!(at.text(), ["[]"], "waits for the submit");
    at.widget("Digits").select("one");
    at.widget("Go").click().run();
    assert_eq!(at.text(), ["[\"zero\", \"one\"]"]);
}

// Issue 11, case 17 (sibling: steps build on the staged value too)
#[test]
fn two_staged_increments_on_a_number_input_take_two_steps() {
    let mut at = AppTest::new(|st: &St| {
        let n = st.number_input("N").step(0.1).show();
        st.text(format!("{n}"));
    });
    at.run();
    at.widget("N").increment();
    at.widget("N").increment();
    at.widget("N").increment().run();
    assert_eq!(at.text(), ["0.3"]);
    at.widget("N").decrement();
    at.widget("N").decrement().run();
    assert_eq!(at.text(), ["0.1"]);
}

/// A form whose item selectbox offers the item types in session state, and
/// a button outside it that removes one type (found by a new user: the
/// waiting choice was kept by position, so it moved to another item).
fn inventory(st: &St) {
    let ss = st.session_state();
    let items: Vec<String> = ss.get_or_insert(
        "items",
        vec!["Bolts".to_owned(), "Nuts".to_owned(), "Washers".to_owned()],
    );
    let remove = st.selectbox("Remove", items.clone()).key("remove").show();
    if st.button("Remove it").show()
        && let Some(gone) = remove
    {
        let kept: Vec<String> = items.iter().filter(|i| **i != gone).cloned().collect();
        st.session_state().set("items", kept);
        st.rerun();
    }
    let form = st.form("delivery");
    let item = form.selectbox("Item", items).key("item").show();
    if form.form_submit_button("Record").show() {
        log(st, format!("recorded {item:?}"));
    }
}

// Issue 11, case 4 (sibling found by a new user: a form's waiting choice
// stays the option chosen when the options move before the submit)
#[test]
fn a_forms_waiting_choice_stays_the_option_chosen_when_another_is_removed() {
    let mut at = AppTest::new(inventory);
    at.run();
    at.widget("item").select("Washers").run();
    at.widget("remove").select("Nuts");
    at.widget("Remove it").click().run();
    // The window draws Washers at its new position.
    assert_eq!(at.widget("item").element().value, Value::Index(1));
    at.widget("Record").click().run();
    assert_eq!(log_of(&at), ["recorded Some(\"Washers\")"]);
}

// Issue 11, case 4 (sibling: a form's waiting choice that is removed is
// said beside the field and blocks the submit until chosen again)
#[test]
fn a_forms_waiting_choice_that_is_removed_blocks_the_submit_until_chosen_again() {
    let mut at = AppTest::new(inventory);
    at.run();
    at.widget("item").select("Washers").run();
    at.widget("remove").select("Washers");
    at.widget("Remove it").click().run();
    assert_eq!(
        alerts_mentioning(&at, &["\"Item\"", "choose again"]),
        1,
        "{:?}",
        at.all_text()
    );
    // The window draws nothing chosen (not a stale pick), so any option,
    // the one the field holds included, can be chosen again.
    assert_eq!(at.widget("item").element().value, Value::None);
    at.widget("Record").click().run();
    assert!(
        log_of(&at).is_empty(),
        "nothing recorded: {:?}",
        log_of(&at)
    );
    assert_eq!(alerts_mentioning(&at, &["not submitted", "\"Item\""]), 1);
    // Choosing the option the field held (Bolts, the default) counts.
    at.widget("item").select("Bolts");
    at.widget("Record").click().run();
    assert_eq!(log_of(&at), ["recorded Some(\"Bolts\")"]);
    assert_eq!(alerts_mentioning(&at, &["choose again"]), 0);
    assert_eq!(at.widget("item").element().value, Value::Index(0));
}

// Issue 11, case 1 (sibling: in the window a form field's change sends no
// run, but a refusal appearing or going away gets one, so the message
// beside the field is never stale)
#[test]
fn fixing_a_refused_form_field_clears_its_message_without_a_submit() {
    let mut at = AppTest::new(berlin_form);
    at.run();
    let when = at.widget("when").element().id.clone();
    let runs = at.session().run_count();
    at.session()
        .send(brook::Event::WidgetChanged {
            id: when.clone(),
            value: Value::Text("2026-03-29T02:30".into()),
        })
        .unwrap();
    crate::wait_idle(&at);
    assert_eq!(
        at.session().run_count(),
        runs + 1,
        "a run shows the refusal"
    );
    assert_eq!(alerts_mentioning(&at, &["2026-03-29 02:30", "When"]), 1);
    at.session()
        .send(brook::Event::WidgetChanged {
            id: when,
            value: Value::Text("2026-03-29T03:30".into()),
        })
        .unwrap();
    crate::wait_idle(&at);
    assert_eq!(at.session().run_count(), runs + 2, "a run clears it");
    assert_eq!(alerts_mentioning(&at, &["2026-03-29 02:30"]), 0);
    assert!(log_of(&at).is_empty(), "nothing was submitted");
}
