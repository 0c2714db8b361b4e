//! The hello page: session state, callbacks with arguments, a form, keyed
//! widgets and a deliberate panic.

use crate::prelude::*;

/// Adds `amount` to the counter; a callback with a captured argument.
fn add(st: &St, amount: i64) {
    st.session_state()
        .update("count", |n: &mut i64| *n += amount);
}

/// The hello script.
pub fn hello(st: &St) {
    st.title("Hello, brook");
    st.markdown(
        "This whole page is **one Rust function**. brook runs it top to bottom, and again on \
         every interaction. Press `R` to rerun.",
    );

    st.header("Session state and callbacks");
    let count = st.session_state().get_or_insert("count", 0_i64);
    let cols = st.columns(3);
    let _ = cols[0]
        .button("+1")
        .key("plus-one")
        .on_click(|st| add(st, 1))
        .show();
    let step = cols[1]
        .number_input("Step")
        .default(5_i64)
        .min(1)
        .max(100)
        .key("step")
        .show();
    let _ = cols[2]
        .button(format!("+{step}"))
        .key("plus-step")
        .on_click(move |st| add(st, step))
        .show();
    st.text(format!("Count: {count}"));
    if st.button("Reset").key("reset").show() {
        st.session_state().set("count", 0_i64);
        st.rerun();
    }

    st.header("Keyed widgets");
    let name = st
        .text_input("Your name")
        .key("name")
        .placeholder("Ada")
        .show();
    let mood = st
        .selectbox("Mood", ["curious", "busy", "tired"])
        .key("mood")
        .show();
    let level = st.slider("Energy", 0..=10).default(7).key("energy").show();
    if !name.is_empty() {
        st.success(format!(
            "Hello **{name}**: feeling {} at {level}/10.",
            mood.unwrap_or("fine")
        ));
    }
    let tags = st
        .multiselect("Interests", ["charts", "tables", "forms", "caching"])
        .key("tags")
        .show();
    st.caption(format!("Interests: {tags:?}"));

    st.header("A form");
    let form = st.form("signup");
    let email = form.text_input("Email").key("email").show();
    let plan = form
        .radio("Plan", ["Free", "Team", "Enterprise"])
        .horizontal()
        .show();
    let agree = form.checkbox("I agree to the terms").show();
    if form.form_submit_button("Sign up").show() {
        if agree && email.contains('@') {
            st.success(format!(
                "Signed up {email} on the {} plan.",
                plan.unwrap_or("Free")
            ));
        } else {
            st.error("Enter an email address and agree to the terms.");
        }
    }

    let side = st.sidebar();
    let dark = side.toggle("Show details").key("details").show();
    if dark {
        side.code(
            format!("{:#?}", st.session_state().describe()),
            Some("session state"),
        );
    }

    st.header("When the script panics");
    st.markdown(
        "The panic becomes an exception box; the app lives on and the next interaction reruns.",
    );
    if st.button("Panic on purpose").key("panic").show() {
        let empty: Vec<i32> = Vec::new();
        let first = empty.first().copied();
        #[expect(clippy::panic, reason = "the demo shows a panic on purpose")]
        let _ = first.unwrap_or_else(|| panic!("the list was empty (a deliberate panic)"));
    }
    let details = st.expander("How it works");
    details.markdown(
        "- The script runs on a worker thread, never on the UI thread.\n\
         - Each widget call returns its current value.\n\
         - Callbacks run before the script, with session state already updated.",
    );
}
