//! The feedback page: alerts, progress bars, toasts, status blocks, link
//! buttons and exceptions.

use crate::prelude::*;

/// The feedback page.
pub fn feedback(st: &St) {
    st.title("Feedback");

    st.header("Alerts");
    st.success("Saved 12 rows.");
    st.info("The import runs every night at 02:00.");
    st.warning("3 rows have no date; they were skipped.");
    st.error("The server did not answer.");
    let parsed = "12x".parse::<i32>();
    if let Err(error) = &parsed {
        st.exception(error);
    }

    st.header("progress_bar");
    let done = st
        .slider("Done", 0..=100)
        .default(40)
        .key("feedback.done")
        .show();
    #[allow(clippy::cast_precision_loss, reason = "a percentage")]
    let fraction = done as f32 / 100.0;
    st.progress_bar(fraction, Some(&format!("Importing: {done} of 100 files")));

    st.header("toast");
    if st.button("Show a toast").key("feedback.toast").show() {
        st.toast("Saved: a toast shows for a few seconds.");
    }

    st.header("status");
    let running = st.status("Downloading data", StatusState::Running);
    running.text("Connected to the server.");
    running.text("Reading page 3 of 8…");
    let complete = st.status("Import complete", StatusState::Complete);
    complete.text("1,204 rows read, 3 skipped.");
    let failed = st.status("Upload failed", StatusState::Error);
    failed.text("The file is larger than 200 MB.");

    st.header("link_button");
    st.link_button("Streamlit docs", "https://docs.streamlit.io");
}
