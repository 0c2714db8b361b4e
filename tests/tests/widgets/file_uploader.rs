//! `file_uploader`: files from the dialog or dropped on the window, with a
//! type filter and a size limit.

use std::sync::Arc;

use brook::element::{UploadedFile, Value};
use brook::prelude::*;
use brook::testing::AppTest;

use super::run;

fn uploader(st: &St) {
    let file = st
        .file_uploader("Data")
        .types(["csv", ".TXT"])
        .max_bytes(16)
        .key("data")
        .show();
    match file {
        Some(file) => st.text(format!("{} {} {}", file.name, file.size(), file.text())),
        None => st.text("none"),
    }
}

fn file(name: &str, text: &str) -> UploadedFile {
    UploadedFile {
        name: name.to_owned(),
        bytes: Arc::from(text.as_bytes()),
    }
}

#[test]
fn gives_nothing_until_a_file_is_uploaded() {
    let mut at = run(uploader);
    assert_eq!(at.text(), ["none"]);
    assert!(at.widget("data").value::<Vec<UploadedFile>>().is_empty());
    assert_eq!(at.widgets_of("file_uploader").len(), 1);
    assert!(at.error().is_empty());
}

#[test]
fn an_uploaded_file_gives_its_name_size_and_bytes() {
    let mut at = run(uploader);
    at.widget("Data")
        .upload("a.csv", b"x,y\n1,2\n".to_vec())
        .run();
    assert_eq!(at.text(), ["a.csv 8 x,y\n1,2\n"]);
    // It stays on later runs, until removed.
    at.run();
    assert_eq!(at.text(), ["a.csv 8 x,y\n1,2\n"]);
    at.widget("Data")
        .set_ui_value(Value::Files(Vec::new()))
        .run();
    assert_eq!(at.text(), ["none"]);
}

#[test]
fn extensions_are_matched_without_case_or_dot() {
    let mut at = run(uploader);
    at.widget("Data").upload("NOTES.TXT", b"hi".to_vec()).run();
    assert_eq!(at.text(), ["NOTES.TXT 2 hi"]);
    assert!(at.error().is_empty());
}

#[test]
fn a_file_of_another_type_is_refused_with_an_error() {
    let mut at = run(uploader);
    at.widget("Data").upload("photo.png", b"png".to_vec()).run();
    assert_eq!(at.text(), ["none"]);
    let errors = at.error();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("photo.png")
            && errors[0].contains("\"Data\"")
            && errors[0].contains("csv, txt"),
        "{errors:?}"
    );
    // A file without an extension too.
    at.widget("Data").upload("README", b"x".to_vec()).run();
    assert_eq!(at.text(), ["none"]);
    assert_eq!(at.error().len(), 1);
}

#[test]
fn a_file_over_the_size_limit_is_refused_with_an_error() {
    let mut at = run(uploader);
    // 16 bytes is the limit: accepted.
    at.widget("Data").upload("ok.csv", vec![b'a'; 16]).run();
    assert_eq!(at.text(), [format!("ok.csv 16 {}", "a".repeat(16))]);
    assert!(at.error().is_empty());
    // Issue 11, case 1: a refused file is not taken; the uploader keeps
    // what it had and says why beside it.
    at.widget("Data").upload("big.csv", vec![b'a'; 17]).run();
    assert_eq!(at.text(), [format!("ok.csv 16 {}", "a".repeat(16))]);
    let errors = at.error();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("big.csv") && errors[0].contains("\"Data\""),
        "{errors:?}"
    );
}

#[test]
fn max_size_mb_counts_mebibytes() {
    let mut at = run(|st| {
        let file = st.file_uploader("Big").max_size_mb(1).show();
        st.text(format!("{:?}", file.map(|f| f.size())));
    });
    at.widget("Big")
        .upload("exact.bin", vec![0; 1024 * 1024])
        .run();
    assert_eq!(at.text(), ["Some(1048576)"]);
    at.widget("Big")
        .upload("over.bin", vec![0; 1024 * 1024 + 1])
        .run();
    assert_eq!(at.text(), ["Some(1048576)"], "refused: the old file stays");
    let errors = at.error();
    assert!(
        errors.len() == 1 && errors[0].contains("up to 1.0 MB"),
        "{errors:?}"
    );
}

#[test]
fn show_all_gives_every_accepted_file_in_order() {
    let mut at = run(|st| {
        let files = st
            .file_uploader("Many")
            .types(["csv"])
            .key("many")
            .show_all();
        let names: Vec<String> = files.into_iter().map(|f| f.name).collect();
        st.text(names.join(" "));
    });
    assert_eq!(at.text(), [""]);
    at.widget("Many")
        .upload_all(vec![
            file("a.csv", "1"),
            file("b.txt", "2"),
            file("c.csv", "3"),
        ])
        .run();
    assert_eq!(at.text(), ["a.csv c.csv"]);
    assert_eq!(at.error().len(), 1, "b.txt is refused");
    // Issue 11: session state holds what the script got, not the refused file.
    assert_eq!(at.widget("many").value::<Vec<UploadedFile>>().len(), 2);
    assert_eq!(
        at.session_state()
            .get::<Vec<UploadedFile>>("many")
            .map(|files| files.len()),
        Some(2)
    );
}

#[test]
fn the_key_holds_the_files_in_session_state() {
    let mut at = run(uploader);
    at.widget("data").upload("k.csv", b"1".to_vec()).run();
    let files: Vec<UploadedFile> = at.session_state().get("data").unwrap();
    assert_eq!(files, [file("k.csv", "1")]);
}

#[test]
fn its_key_cannot_be_set_through_session_state() {
    // B97: uploaded files come only from the person.
    let mut at = AppTest::new(uploader);
    at.session_state()
        .set("data", vec![file("fake.csv", "1")])
        .unwrap();
    at.run();
    let exceptions = at.exception();
    assert_eq!(exceptions.len(), 1, "{exceptions:?}");
    assert!(
        exceptions[0].contains("\"data\"")
            && exceptions[0].contains("cannot be set using session_state"),
        "{exceptions:?}"
    );
    assert!(at.text().is_empty(), "the run stopped at the uploader");

    // Also from the script.
    let at = run(|st| {
        st.session_state().set("data", Vec::<UploadedFile>::new());
        uploader(st);
    });
    assert!(
        at.exception()
            .iter()
            .any(|e| e.contains("cannot be set using session_state")),
        "{:?}",
        at.exception()
    );
}

#[test]
// Issue 11, case 5: a keyed widget's identity is its key; its files are
// kept while they still fit the accepted types, and dropped when not.
fn a_keyed_uploader_keeps_its_file_while_its_type_is_still_accepted() {
    let mut at = run(|st| {
        let text_too = st.checkbox("Text too").key("text_too").show();
        let only_text = st.checkbox("Only text").key("only_text").show();
        let types: &[&str] = match (text_too, only_text) {
            (_, true) => &["txt"],
            (true, false) => &["csv", "txt"],
            (false, false) => &["csv"],
        };
        let file = st
            .file_uploader("Data")
            .types(types.iter().copied())
            .key("data")
            .show();
        st.text(format!("{:?}", file.map(|f| f.name)));
    });
    at.widget("data").upload("a.csv", b"1".to_vec()).run();
    assert_eq!(at.text(), ["Some(\"a.csv\")"]);
    at.widget("text_too").check().run();
    assert_eq!(at.text(), ["Some(\"a.csv\")"], "csv is still taken");
    at.widget("only_text").check().run();
    assert_eq!(at.text(), ["None"], "csv is no longer taken: dropped");
    assert_eq!(at.widget("data").element().value, Value::Files(Vec::new()));
}

#[test]
fn a_keyed_uploader_keeps_its_file_when_the_size_limit_changes() {
    let mut at = run(|st| {
        let roomy = st.checkbox("Roomy").key("roomy").show();
        let file = st
            .file_uploader("Data")
            .max_bytes(if roomy { 100 } else { 10 })
            .key("data")
            .show();
        st.text(format!("{:?}", file.map(|f| f.name)));
    });
    at.widget("data").upload("a.csv", b"1".to_vec()).run();
    at.widget("roomy").check().run();
    assert_eq!(at.text(), ["Some(\"a.csv\")"]);
}

#[test]
fn on_change_runs_when_a_file_arrives() {
    let mut at = run(|st| {
        let _ = st
            .file_uploader("Data")
            .key("data")
            .on_change(|st| {
                st.session_state().update("uploads", |n: &mut i64| *n += 1);
            })
            .show();
        let uploads = st.session_state().get_or_insert("uploads", 0_i64);
        st.text(uploads.to_string());
    });
    at.widget("data").upload("a.csv", b"1".to_vec()).run();
    at.run();
    assert_eq!(at.text(), ["1"]);
}
