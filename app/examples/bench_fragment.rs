//! Demonstrates fragment reruns:
//! `cargo run --release -p brook-app --features experimental --example bench_fragment -- N`.
//!
//! The `bench_rerun` script of N sliders, plus a fragment holding 10 more
//! sliders. It changes one slider inside the fragment 20 times (a fragment
//! rerun), then one outside 20 times (a full rerun), and prints one line:
//! `fragment widgets=N fragment_median_us=<f> full_median_us=<m> ratio=<f/m>`.

use std::time::Instant;

use brook::experimental::FragmentExt;
use brook::prelude::*;
use brook::testing::AppTest;

fn median(mut samples: Vec<u128>) -> u128 {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let labels: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
    let mut at = AppTest::new(move |st| {
        let total: i64 = labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                #[expect(clippy::cast_possible_wrap, reason = "i % 100 fits")]
                let default = (i % 100) as i64;
                st.slider(label.as_str(), 0..=100_i64)
                    .default(default)
                    .show()
            })
            .map(|v| v * v)
            .sum();
        st.text(format!("sum of squares {total}"));
        st.fragment("ten", |st| {
            let inner: i64 = (0..10)
                .map(|i| st.slider(format!("f{i}"), 0..=100_i64).show())
                .sum();
            st.text(format!("fragment sum {inner}"));
        });
    });
    at.run();
    let mut time = |label_of: &dyn Fn(i64) -> String| {
        (0..20_i64)
            .map(|round| {
                at.widget(&label_of(round)).set_value(round + 1);
                let start = Instant::now();
                at.run();
                start.elapsed().as_micros()
            })
            .collect::<Vec<_>>()
    };
    let fragment = median(time(&|round| format!("f{}", round % 10)));
    let full = median(time(&|round| format!("s{}", round % 10)));
    #[allow(clippy::cast_precision_loss, reason = "a ratio")]
    let ratio = fragment as f64 / full.max(1) as f64;
    println!(
        "fragment widgets={n} fragment_median_us={fragment} full_median_us={full} ratio={ratio:.3}"
    );
}
