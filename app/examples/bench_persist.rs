//! Rerun time with a large persisted session-state value:
//! `cargo run --release -p brook-app --example bench_persist`.
//!
//! A script that persists `data`, a 1 MiB `Vec<f64>` (131,072 numbers) set
//! once and then left alone, draws a slider and a line of text. It runs
//! headless once, then 20 times changes the slider and reruns. The same is
//! done without `persist` for comparison. Prints one line:
//! `persist value_kib=1024 median_us=<m> p90_us=<p> without_persist_median_us=<m>`.

use std::time::Instant;

use brook::prelude::*;
use brook::testing::AppTest;

fn script(persist: bool) -> impl Fn(&St) + Send + Sync + 'static {
    move |st: &St| {
        if persist {
            st.session_state().persist::<Vec<f64>>("data");
        }
        let state = st.session_state();
        if !state.contains("data") {
            let data: Vec<f64> = (0..131_072_u32).map(|i| f64::from(i) * 0.5).collect();
            state.set("data", data);
        }
        let step = st.slider("Step", 0..=100_i64).show();
        st.text(format!("step {step}"));
    }
}

/// Median and 90th percentile of 20 reruns, in microseconds.
fn measure(at: &mut AppTest) -> (u128, u128) {
    at.run();
    let mut samples = Vec::with_capacity(20);
    for round in 0..20_i64 {
        at.widget("Step").set_value(round + 1);
        let start = Instant::now();
        at.run();
        samples.push(start.elapsed().as_micros());
    }
    samples.sort_unstable();
    (samples[samples.len() / 2], samples[samples.len() * 9 / 10])
}

fn main() {
    let dir = std::env::temp_dir().join(format!("brook-bench-persist-{}", std::process::id()));
    let path = dir.join("session_state.ron");
    let (median, p90) = measure(&mut AppTest::with_persist_path(script(true), path));
    let (plain, _) = measure(&mut AppTest::new(script(false)));
    println!(
        "persist value_kib=1024 median_us={median} p90_us={p90} without_persist_median_us={plain}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
