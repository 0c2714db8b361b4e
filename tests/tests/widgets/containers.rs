//! Tabs, popovers and dialogs hold widgets like any container; also
//! columns, expanders, containers and placeholders.

use brook::element::{ContainerKind, Element};
use brook::prelude::*;

use super::{inside, run, widget_labels};

#[test]
fn tabs_run_every_tab_and_hold_their_widgets() {
    let mut at = run(|st| {
        let tabs = st.tabs(["Chart", "Data"]);
        let points = tabs[0].slider("Points", 1..=100).default(10).show();
        let raw = tabs[1].toggle("Raw").key("raw").show();
        tabs[1].text(format!("{points} {raw}"));
    });
    let labels: Vec<Vec<String>> = at
        .elements()
        .into_iter()
        .filter_map(|e| match e {
            Element::Container {
                kind: ContainerKind::Tabs { labels },
                ..
            } => Some(labels),
            _ => None,
        })
        .collect();
    assert_eq!(labels, [["Chart", "Data"]]);
    let tabs = inside(&at, |k| matches!(k, ContainerKind::Tab));
    assert_eq!(tabs.len(), 2);
    assert_eq!(widget_labels(&tabs[0]), ["Points"]);
    assert_eq!(widget_labels(&tabs[1]), ["Raw"]);
    // A widget in a tab not shown still takes values.
    at.widget("Points").set_value(42).run();
    at.widget("raw").check().run();
    assert_eq!(at.text(), ["42 true"]);
}

#[test]
fn a_popover_holds_widgets_and_returns_their_values() {
    let mut at = run(|st| {
        let options = st.popover("Options");
        let size = options
            .select_slider("Size", ["S", "M", "L"])
            .key("size")
            .show();
        let colour = options.color_picker("Colour").show();
        st.text(format!("{size:?} {colour}"));
    });
    let popovers = inside(
        &at,
        |k| matches!(k, ContainerKind::Popover { label } if label == "Options"),
    );
    assert_eq!(popovers.len(), 1);
    assert_eq!(widget_labels(&popovers[0]), ["Size", "Colour"]);
    at.widget("size").set_value("L").run();
    at.widget("Colour").pick("#ff0000").run();
    assert_eq!(at.text(), ["Some(\"L\") #ff0000"]);
}

/// A dialog opened by a button, closed by a button inside it.
fn rename(st: &St) {
    if st.button("Rename").show() {
        st.session_state().set("open", true);
    }
    if st.session_state().get::<bool>("open") == Some(true) {
        let dialog = st.dialog("Rename the file");
        let name = dialog
            .text_input("New name")
            .default("report")
            .key("name")
            .show();
        if dialog.button("Save").show() {
            st.session_state().set("open", false);
            st.session_state().set("saved", name);
            st.rerun();
        }
    }
    let saved: Option<String> = st.session_state().get("saved");
    st.text(format!("saved: {saved:?}"));
}

#[test]
fn a_dialog_shows_while_the_script_draws_it() {
    let dialogs = |at: &brook::testing::AppTest| {
        inside(
            at,
            |k| matches!(k, ContainerKind::Dialog { title } if title == "Rename the file"),
        )
    };
    let mut at = run(rename);
    assert!(dialogs(&at).is_empty());
    at.widget("Rename").click().run();
    let open = dialogs(&at);
    assert_eq!(open.len(), 1);
    assert_eq!(widget_labels(&open[0]), ["New name", "Save"]);
    // It stays open over reruns, and its widgets work.
    at.widget("name").input("summary").run();
    assert_eq!(dialogs(&at).len(), 1);
    at.widget("Save").click().run();
    assert!(dialogs(&at).is_empty(), "closed by its button");
    assert_eq!(at.text(), ["saved: Some(\"summary\")"]);
}

#[test]
fn columns_expanders_and_containers_hold_widgets() {
    let mut at = run(|st| {
        let row = st.columns_weighted(&[2.0, 1.0]);
        let a = row[0].number_input("A").default(1_i64).show();
        let b = row[1].number_input("B").default(2_i64).show();
        let more = st.expander("More");
        let c = more.checkbox("C").show();
        let boxed = st.bordered();
        let d = boxed.text_input("D").show();
        st.text(format!("{a} {b} {c} {d}"));
    });
    let weights: Vec<Vec<f32>> = at
        .elements()
        .into_iter()
        .filter_map(|e| match e {
            Element::Container {
                kind: ContainerKind::Columns { weights },
                ..
            } => Some(weights),
            _ => None,
        })
        .collect();
    assert_eq!(weights, [[2.0, 1.0]]);
    assert_eq!(
        widget_labels(&inside(&at, |k| matches!(k, ContainerKind::Expander { .. }))[0]),
        ["C"]
    );
    assert_eq!(
        widget_labels(
            &inside(&at, |k| matches!(
                k,
                ContainerKind::Container { border: true }
            ))[0]
        ),
        ["D"]
    );
    at.widget("B").increment().run();
    at.widget("C").check().run();
    at.widget("D").input("x").run();
    assert_eq!(at.text(), ["1 3 true x"]);
}

#[test]
fn a_placeholder_shows_its_last_write_only() {
    let at = run(|st| {
        let slot = st.empty();
        slot.text("first");
        slot.text("second");
        st.text("after");
    });
    assert_eq!(at.text(), ["second", "after"]);
}
