//! Memory of idle sessions: `cargo run --release -p brook-app --example bench_sessions -- N`.
//!
//! Starts one headless session (an `AppTest` running a small counter app
//! once), then N - 1 more (N is 100 unless given), and reads the process's
//! resident memory from `/proc/self/statm` (Linux) before and after. Prints
//! one line: `sessions n=N one_kib=<growth for the first> per_session_kib=<average
//! growth for each of the others> total_mib=<growth for all N>`.

use brook::prelude::*;
use brook::testing::AppTest;

/// Resident memory in bytes (field 2 of `/proc/self/statm`, in 4 KiB pages).
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

fn main() {
    let n: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        None => 100,
        Some(Ok(n)) if n >= 2 => n,
        Some(Ok(_)) => {
            eprintln!("usage: bench_sessions N (at least 2 sessions)");
            std::process::exit(2);
        }
        Some(Err(err)) => {
            eprintln!("usage: bench_sessions N (a number of sessions): {err}");
            std::process::exit(2);
        }
    };
    let Some(before) = rss_bytes() else {
        eprintln!("bench_sessions reads /proc/self/statm: Linux only");
        std::process::exit(1);
    };
    let mut sessions = Vec::with_capacity(n);
    let mut first = AppTest::new(app);
    first.run();
    sessions.push(first);
    let one = rss_bytes().unwrap_or(before);
    for _ in 1..n {
        let mut at = AppTest::new(app);
        at.run();
        sessions.push(at);
    }
    let all = rss_bytes().unwrap_or(one);
    let kib = |bytes: u64| bytes / 1024;
    let others = u64::try_from(n - 1).unwrap_or(1).max(1);
    println!(
        "sessions n={n} one_kib={} per_session_kib={} total_mib={}",
        kib(one.saturating_sub(before)),
        kib(all.saturating_sub(one) / others),
        all.saturating_sub(before) / (1024 * 1024)
    );
    drop(sessions);
}
