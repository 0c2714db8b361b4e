//! The fragments page: a slow top section and a fast fragment.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::experimental::FragmentExt;
use crate::prelude::*;

/// The fragments page (needs the `experimental` feature).
pub fn fragments(st: &St) {
    st.title("Fragments (experimental)");
    st.markdown(
        "The top of this page takes **a second** to run. The widgets in the box below belong \
         to a *fragment*: changing them reruns only the fragment, so they answer at once. The \
         clock is a fragment with `run_every`.",
    );
    let runs = st.session_state().get_or_insert("page-runs", 0_i64) + 1;
    st.session_state().set("page-runs", runs);
    let top = st
        .slider("Top slider (full rerun, slow)", 0..=100)
        .key("top")
        .show();
    std::thread::sleep(Duration::from_millis(1_000));
    st.caption(format!(
        "the whole page ran {runs} times; top slider = {top}"
    ));

    st.fragment("fast", |st| {
        let box_ = st.bordered();
        let n = box_
            .slider("Fragment slider (fast)", 0..=100)
            .key("fast")
            .show();
        let runs = box_.session_state().get_or_insert("fragment-runs", 0_i64) + 1;
        box_.session_state().set("fragment-runs", runs);
        box_.text(format!("{n}² = {}", n * n));
        box_.caption(format!("the fragment ran {runs} times"));
        if box_.button("Rerun everything").key("all").show() {
            box_.rerun();
        }
    });

    st.fragment_every("clock", Duration::from_secs(1), |st| {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        st.info(format!(
            "UTC {:02}:{:02}:{:02}",
            (secs / 3600) % 24,
            (secs / 60) % 60,
            secs % 60
        ));
    });
}
