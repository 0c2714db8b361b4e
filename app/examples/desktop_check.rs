//! The window's desktop checks (scripts/desktop_check.sh drives it under
//! Xvfb with xdotool and xclip): a text input to copy from and paste into,
//! and a link button. Each run writes the text input's value to the file
//! named by `BROOK_DESK_OUT`, so the script sees what reached the script.
//!
//! `cargo run -p brook-app --example desktop_check`

use brook::prelude::*;

fn app(st: &St) {
    st.title("Desktop check");
    let note = st
        .text_input("Note")
        .default("hello from brook")
        .key("note")
        .show();
    st.link_button("brook docs", "https://example.com/brook-docs");
    st.text(format!("Note: {note}"));
    if let Some(out) = std::env::var_os("BROOK_DESK_OUT")
        && let Err(err) =
            brook::files::write_atomically(std::path::Path::new(&out), note.as_bytes())
    {
        st.error(format!("cannot write {}: {err}", out.display()));
    }
}

fn main() -> anyhow::Result<()> {
    brook::run("brook desktop check", app)
}
