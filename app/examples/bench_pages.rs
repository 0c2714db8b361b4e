//! Demonstrates a page switch's speed: `cargo run --release -p brook-app
//! --example bench_pages -- N`.
//!
//! A multipage app of two pages, each of N sliders (keyed, so the widgets
//! of the page that is left are cleaned up), with a sidebar checkbox drawn
//! before `st.navigation` on every page. It runs headless once, then
//! switches page 40 times, and prints one line:
//! `page_switch widgets=N median_us=<m> p90_us=<p>`.

use std::time::Instant;

use brook::prelude::*;
use brook::testing::AppTest;

/// A page of `n` keyed sliders.
fn page(name: &'static str, n: usize) -> Page {
    Page::new(name, move |st| {
        let mut total = 0;
        for i in 0..n {
            total += st
                .slider(format!("{name} {i}"), 0..=100_i64)
                .key(format!("{name}-{i}"))
                .show();
        }
        st.text(format!("total {total}"));
    })
}

fn main() {
    let n: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        None => 100,
        Some(Ok(n)) => n,
        Some(Err(err)) => {
            eprintln!("usage: bench_pages N (sliders per page): {err}");
            std::process::exit(2);
        }
    };
    let mut at = AppTest::new(move |st| {
        st.sidebar().checkbox("Compact").key("compact").show();
        st.navigation([page("One", n), page("Two", n)]).run(st);
    });
    at.run();
    let mut times: Vec<u128> = (0..40)
        .map(|i| {
            let target = if i % 2 == 0 { "Two" } else { "One" };
            let start = Instant::now();
            at.switch_page(target).run();
            start.elapsed().as_micros()
        })
        .collect();
    times.sort_unstable();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let p90 = times.get(times.len() * 9 / 10).copied().unwrap_or_default();
    println!("page_switch widgets={n} median_us={median} p90_us={p90}");
}
