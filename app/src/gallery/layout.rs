//! The layout page: columns, tabs, expanders, containers, a popover, a
//! dialog and a placeholder.

use crate::prelude::*;

/// The layout page.
pub fn layout(st: &St) {
    st.title("Layout");
    st.markdown("Containers return an `St` that writes into them; widgets work the same inside.");

    st.header("columns");
    let row = st.columns(3);
    for (index, column) in row.iter().enumerate() {
        column.subheader(format!("Column {}", index + 1));
        column.caption("Equal widths.");
    }
    let row = st.columns_weighted(&[2.0, 1.0]);
    row[0].info("Twice as wide: `st.columns_weighted(&[2.0, 1.0])`.");
    row[1].metric("Narrow", 1, None);

    st.header("tabs");
    let tabs = st.tabs(["Settings", "Preview"]);
    let greeting = tabs[0]
        .text_input("Greeting")
        .default("Hello")
        .key("layout.greeting")
        .show();
    let excited = tabs[0].checkbox("Excited").key("layout.excited").show();
    let mark = if excited { "!" } else { "." };
    tabs[1].markdown(format!("**{greeting}, world{mark}**"));
    tabs[1].caption("Every tab's content runs; the window shows the chosen tab.");

    st.header("expander");
    let more = st.expander("Details (closed at first)");
    more.markdown("Hidden until opened: handy for long explanations.");
    let open = st.expander_open("Open at first");
    open.slider("Inside an expander", 0..=10)
        .default(5)
        .key("layout.expander_slider")
        .show();

    st.header("container");
    let later = st.container();
    st.caption("This caption is written before the container's content…");
    later.success(
        "…yet this line, written after it, shows above it: containers can be filled out of order.",
    );
    let bordered = st.bordered();
    bordered.markdown("A container with a border.");

    st.header("popover");
    let options = st.popover("Display options");
    let size = options
        .radio("Size", ["Small", "Large"])
        .key("layout.size")
        .show();
    let dark = options.toggle("Dark").key("layout.dark").show();
    st.caption(format!("popover: size {size:?}, dark {dark}"));

    st.header("dialog");
    let open_dialog = st
        .button("Open the dialog")
        .key("layout.open_dialog")
        .show();
    if open_dialog {
        st.session_state().set("layout.dialog", true);
    }
    if st.session_state().get::<bool>("layout.dialog") == Some(true) {
        let dialog = st.dialog("Rename");
        let name = dialog
            .text_input("New name")
            .default("report")
            .key("layout.new_name")
            .show();
        if dialog.button("Done").key("layout.close_dialog").show() {
            st.session_state().set("layout.dialog", false);
            st.session_state().set("layout.renamed", name);
            st.rerun();
        }
    }
    if let Some(name) = st.session_state().get::<String>("layout.renamed") {
        st.caption(format!("Renamed to {name}."));
    }

    st.header("empty");
    let slot = st.empty();
    slot.text("A placeholder holds one element…");
    slot.text("…each write replaces the one before: only this line shows.");
}
