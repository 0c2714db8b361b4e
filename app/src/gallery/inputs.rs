//! The inputs page: every input widget, each showing the value the script
//! gets from it.

use crate::prelude::*;

/// The inputs page.
pub fn inputs(st: &St) {
    st.title("Inputs");
    st.markdown(
        "Every widget call returns its current value; changing a widget reruns the page. Each \
         value the script got is shown under its widget.",
    );

    st.header("Buttons");
    let row = st.columns(2);
    let clicks = st.session_state().get_or_insert("inputs.clicks", 0_i64);
    let _ = row[0]
        .button("Click me")
        .primary()
        .key("inputs.button")
        .on_click(|st| {
            st.session_state()
                .update("inputs.clicks", |n: &mut i64| *n += 1);
        })
        .show();
    row[1].write(format!("Clicked {clicks} times."));

    st.header("Choices");
    let row = st.columns(2);
    let agree = row[0].checkbox("Checkbox").key("inputs.checkbox").show();
    let on = row[0]
        .toggle("Toggle")
        .default(true)
        .key("inputs.toggle")
        .show();
    row[1].caption(format!("checkbox: {agree}, toggle: {on}"));
    let size = st
        .selectbox("Selectbox", ["Small", "Medium", "Large"])
        .index(Some(1))
        .key("inputs.selectbox")
        .show();
    let flavour = st
        .radio("Radio", ["Vanilla", "Chocolate", "Strawberry"])
        .horizontal()
        .key("inputs.radio")
        .show();
    let toppings = st
        .multiselect("Multiselect", ["Nuts", "Sprinkles", "Cream", "Fudge"])
        .default(["Cream"])
        .key("inputs.multiselect")
        .show();
    st.caption(format!(
        "selectbox: {size:?}, radio: {flavour:?}, multiselect: {toppings:?}"
    ));

    st.header("Numbers");
    let level = st
        .slider("Slider", 0..=100)
        .default(40)
        .key("inputs.slider")
        .show();
    let ratio = st
        .slider("Float slider", 0.0..=1.0)
        .default(0.25)
        .step(0.05)
        .key("inputs.float_slider")
        .show();
    let amount = st
        .number_input("Number input")
        .default(3_i64)
        .min(0)
        .max(10)
        .key("inputs.number")
        .show();
    let size_word = st
        .select_slider("Select slider", ["XS", "S", "M", "L", "XL"])
        .default("M")
        .key("inputs.select_slider")
        .show();
    let (low, high) = st
        .range_slider("Range slider", 0..=500)
        .default((50, 200))
        .step(10)
        .key("inputs.range_slider")
        .show();
    let sizes = st
        .select_range_slider("Select range slider", ["XS", "S", "M", "L", "XL"])
        .default(("S", "L"))
        .key("inputs.select_range_slider")
        .show();
    st.caption(format!(
        "slider: {level}, float slider: {ratio:.2}, number input: {amount}, select slider: \
         {size_word:?}, range slider: {low}..{high}, select range slider: {sizes:?}"
    ));

    st.header("Text");
    let name = st
        .text_input("Text input")
        .placeholder("Your name")
        .max_chars(40)
        .key("inputs.text")
        .show();
    let notes = st
        .text_area("Text area")
        .placeholder("Anything longer")
        .key("inputs.text_area")
        .show();
    st.caption(format!(
        "text input: {name:?}, text area: {} characters",
        notes.chars().count()
    ));

    st.header("Colour");
    let colour = st
        .color_picker("Colour picker")
        .default("#1e88e5")
        .key("inputs.color")
        .show();
    st.caption(format!("colour: {colour}"));

    st.header("Files");
    let file = st
        .file_uploader("File uploader")
        .types(["csv", "txt", "md"])
        .max_size_mb(5)
        .key("inputs.file")
        .show();
    match &file {
        Some(file) => st.caption(format!("{}: {} bytes", file.name, file.size())),
        None => st.caption("No file yet: browse, or drop a .csv, .txt or .md file on the window."),
    }
    let report = format!("name,colour,level\n{name},{colour},{level}\n");
    if st
        .download_button("Download button", report.into_bytes(), "report.csv")
        .key("inputs.download")
        .show()
    {
        st.toast("Choose where to save report.csv");
    }
}
