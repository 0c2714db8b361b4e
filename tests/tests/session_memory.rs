//! What an idle session costs in memory (issue 11, case 13). A test binary
//! of its own: it reads the process's resident memory, which tests running
//! beside it would disturb.
#![allow(clippy::unwrap_used, reason = "it's a test")]

use brook::prelude::*;
use brook::testing::AppTest;

/// Resident memory in bytes (`/proc/self/statm`, 4 KiB pages); `None` off
/// Linux.
fn rss_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

fn app(st: &St) {
    let step = st.slider("Step", 1..=10_i64).show();
    if st.button("Add").show() {
        st.session_state().update("count", |n: &mut i64| *n += step);
    }
    let count = st.session_state().get_or_insert("count", 0_i64);
    st.text(format!("Count: {count}"));
}

// Issue 11, case 13
#[test]
fn an_idle_session_costs_less_than_one_megabyte() {
    // One session first, so what is paid once per process is not counted.
    let mut first = AppTest::new(app);
    first.run();
    let Some(before) = rss_bytes() else {
        eprintln!("no /proc/self/statm: not measured");
        return;
    };
    let sessions: Vec<AppTest> = (0..20)
        .map(|_| {
            let mut at = AppTest::new(app);
            at.run();
            at
        })
        .collect();
    let after = rss_bytes().unwrap();
    let each = after.saturating_sub(before) / 20;
    assert!(
        each < 1024 * 1024,
        "each idle session costs {} KiB",
        each / 1024
    );
    drop(sessions);
}
