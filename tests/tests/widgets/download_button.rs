//! `download_button`: true for the run its click triggers; the window
//! saves its bytes.

use brook::prelude::*;
use brook::testing::AppTest;

use super::run;

fn report(st: &St) {
    let rows = st.number_input("Rows").default(2_i64).key("rows").show();
    let csv: String = std::iter::once("n\n".to_owned())
        .chain((1..=rows).map(|n| format!("{n}\n")))
        .collect();
    let clicked = st
        .download_button("Download", csv.into_bytes(), "report.csv")
        .key("download")
        .show();
    st.text(format!("clicked: {clicked}"));
}

#[test]
fn is_false_until_clicked() {
    let mut at = run(report);
    assert_eq!(at.text(), ["clicked: false"]);
    assert!(!at.widget("download").value::<bool>());
    assert_eq!(at.widgets_of("download_button").len(), 1);
}

#[test]
fn a_click_is_true_for_one_run_only() {
    let mut at = run(report);
    at.widget("Download").click().run();
    assert_eq!(at.text(), ["clicked: true"]);
    at.run();
    assert_eq!(at.text(), ["clicked: false"]);
}

#[test]
fn gives_the_window_its_file_name_and_bytes() {
    let mut at = run(report);
    let (name, bytes) = at.widget("Download").download();
    assert_eq!(name, "report.csv");
    assert_eq!(&*bytes, b"n\n1\n2\n");
}

#[test]
fn new_data_under_the_same_button_keeps_it_the_same_widget() {
    let mut at = run(report);
    let id = at.widget("Download").element().id.clone();
    at.widget("rows").set_value(3).run();
    assert_eq!(&*at.widget("Download").download().1, b"n\n1\n2\n3\n");
    assert_eq!(
        at.widget("Download").element().id,
        id,
        "the data is not identity"
    );
}

#[test]
fn on_click_runs_before_the_script() {
    let mut at = run(|st| {
        let _ = st
            .download_button("Export", b"x".to_vec(), "x.txt")
            .on_click(|st| {
                st.session_state().update("exports", |n: &mut i64| *n += 1);
            })
            .show();
        let exports = st.session_state().get_or_insert("exports", 0_i64);
        st.text(exports.to_string());
    });
    assert_eq!(at.text(), ["0"]);
    at.widget("Export").click().run();
    assert_eq!(at.text(), ["1"]);
    at.run();
    assert_eq!(at.text(), ["1"]);
}

#[test]
fn its_key_cannot_be_set_through_session_state() {
    // B97: a button is true only in the run its click triggers.
    let mut at = AppTest::new(report);
    at.session_state().set("download", true).unwrap();
    at.run();
    let exceptions = at.exception();
    assert_eq!(exceptions.len(), 1, "{exceptions:?}");
    assert!(
        exceptions[0].contains("\"download\"")
            && exceptions[0].contains("cannot be set using session_state"),
        "{exceptions:?}"
    );
}

#[test]
fn a_new_file_name_is_a_new_unkeyed_button() {
    let mut at = run(|st| {
        let json = st.checkbox("JSON").show();
        let name = if json { "data.json" } else { "data.csv" };
        let _ = st.download_button("Save", b"1".to_vec(), name).show();
    });
    let before = at.widget("Save").element().id.clone();
    at.widget("JSON").check().run();
    assert_eq!(at.widget("Save").download().0, "data.json");
    assert_ne!(at.widget("Save").element().id, before);
}
