//! Compares a rerun with N components to one with N built-in sliders:
//! `cargo run --release -p brook-app --example bench_components -- N
//! [slider | component]` (both kinds unless one is named).
//!
//! Two scripts, each with N widgets (0..=100, default `i % 100`) and one
//! text line: built-in sliders, and a component (`Level`, an egui slider
//! written as a brook component, its value an `i64`). Each runs headless
//! once, then 100 times one widget changes and the script reruns. Prints
//! one line per kind: `rerun kind=<slider|component> widgets=N
//! median_us=<m> p90_us=<p>`.

use std::time::Instant;

use brook::egui;
use brook::prelude::*;
use brook::testing::AppTest;

/// An integer from 0 to `max`, drawn as an egui slider.
#[derive(Hash)]
struct Level {
    max: i64,
}

impl Component for Level {
    type Value = i64;

    fn ui(&self, ui: &mut egui::Ui, value: &mut i64) -> egui::Response {
        ui.add(egui::Slider::new(value, 0..=self.max))
    }

    fn fit(&self, value: i64) -> i64 {
        value.clamp(0, self.max)
    }
}

/// Reruns `at` 100 times, changing widget `round % n` of `kind` each time
/// with `set`; prints the figure line.
fn measure(kind: &str, n: usize, mut at: AppTest, set: impl Fn(&mut AppTest, usize, i64)) {
    at.run();
    let mut samples = Vec::with_capacity(100);
    for round in 0..100_i64 {
        let index = usize::try_from(round).unwrap_or(0) % n.max(1);
        set(&mut at, index, round + 1);
        let start = Instant::now();
        at.run();
        samples.push(start.elapsed().as_micros());
    }
    samples.sort_unstable();
    let median = samples[samples.len() / 2];
    let p90 = samples[samples.len() * 9 / 10];
    println!("rerun kind={kind} widgets={n} median_us={median} p90_us={p90}");
}

fn main() {
    let n: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        None => 1000,
        Some(Ok(n)) => n,
        Some(Err(err)) => {
            eprintln!("usage: bench_components N (a number of widgets): {err}");
            std::process::exit(2);
        }
    };
    let only = std::env::args().nth(2);
    let runs = |kind: &str| only.as_deref().is_none_or(|only| only == kind);
    let labels: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
    let slider_labels = labels.clone();
    let sliders = AppTest::new(move |st| {
        let mut total = 0;
        for (i, label) in slider_labels.iter().enumerate() {
            #[expect(clippy::cast_possible_wrap, reason = "i % 100 fits")]
            let default = (i % 100) as i64;
            total += st
                .slider(label.as_str(), 0..=100_i64)
                .default(default)
                .show();
        }
        st.text(format!("total {total}"));
    });
    if runs("slider") {
        measure("slider", n, sliders, |at, index, value| {
            at.nth("slider", index).set_value(value);
        });
    }
    let components = AppTest::new(move |st| {
        let mut total = 0;
        for (i, label) in labels.iter().enumerate() {
            #[expect(clippy::cast_possible_wrap, reason = "i % 100 fits")]
            let default = (i % 100) as i64;
            total += st
                .component(label.as_str(), Level { max: 100 })
                .default(default)
                .show();
        }
        st.text(format!("total {total}"));
    });
    if runs("component") {
        measure("component", n, components, |at, index, value| {
            at.nth("component", index).set_component(&value);
        });
    }
}
