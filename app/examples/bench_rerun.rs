//! Demonstrates rerun speed: `cargo run --release -p brook-app --example bench_rerun -- N`.
//!
//! A script with N sliders `s0..s(N-1)` (0..=100, default `i % 100`), the sum
//! of their squares through a plain function, a session-state counter bumped
//! each run, and one text line. It runs headless once, then 20 times changes
//! one slider and reruns, and prints one line:
//! `rerun widgets=N median_us=<m> p90_us=<p>`.

use std::time::Instant;

use brook::prelude::*;
use brook::testing::AppTest;

fn sum_of_squares(values: &[i64]) -> i64 {
    values.iter().map(|v| v * v).sum()
}

fn main() {
    let n: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        None => 1000,
        Some(Ok(n)) => n,
        Some(Err(err)) => {
            eprintln!("usage: bench_rerun N (a number of sliders): {err}");
            std::process::exit(2);
        }
    };
    let labels: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
    let mut at = AppTest::new(move |st| {
        let values: Vec<i64> = labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                #[expect(clippy::cast_possible_wrap, reason = "i % 100 fits")]
                let default = (i % 100) as i64;
                st.slider(label.as_str(), 0..=100_i64)
                    .default(default)
                    .show()
            })
            .collect();
        let total = sum_of_squares(&values);
        let runs = st.session_state().get_or_insert("runs", 0_i64) + 1;
        st.session_state().set("runs", runs);
        st.text(format!("sum of squares {total} after {runs} runs"));
    });
    at.run();
    let mut samples = Vec::with_capacity(20);
    for round in 0..20_i64 {
        let index = usize::try_from(round).unwrap_or(0) % n.max(1);
        at.nth("slider", index).set_value(round + 1);
        let start = Instant::now();
        at.run();
        samples.push(start.elapsed().as_micros());
    }
    samples.sort_unstable();
    let median = samples[samples.len() / 2];
    let p90 = samples[samples.len() * 9 / 10];
    println!("rerun widgets={n} median_us={median} p90_us={p90}");
}
