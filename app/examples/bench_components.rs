//! Compares a rerun with N components to one with N built-in sliders:
//! `cargo run --release -p brook-app --example bench_components -- [N
//! [ROUNDS [slider|component]]]` (N widgets, default 1,000; ROUNDS paired
//! samples, default 400; naming a kind times only that one, for a
//! profiler).
//!
//! Two scripts, each with N widgets (0..=100, default `i % 100`) and one
//! text line: built-in sliders, and a component (`Level`, an egui slider
//! written as a brook component, its value an `i64`). Each runs headless
//! once; then, round after round, one widget of each script changes and
//! both scripts rerun, one after the other, the first of the two taking
//! turns. Timing the two kinds side by side, in one process, keeps the
//! machine's drift (clock, caches, where the threads land) out of the
//! comparison. Prints one line per kind, `rerun kind=<slider|component>
//! widgets=N median_us=<m> p90_us=<p>`, then `ratio component/slider
//! median=<r> p10=<a> p90=<b>`, the ratio taken round by round.

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

/// One kind's script and how to change its widget `index` to `value`.
struct Kind {
    name: &'static str,
    at: AppTest,
    set: fn(&mut AppTest, usize, i64),
    samples: Vec<f64>,
}

impl Kind {
    /// Changes widget `index`, reruns, and keeps the time in µs.
    fn sample(&mut self, index: usize, value: i64) -> f64 {
        (self.set)(&mut self.at, index, value);
        let start = Instant::now();
        self.at.run();
        let us = start.elapsed().as_secs_f64() * 1e6;
        self.samples.push(us);
        us
    }
}

/// The value at `q` (0..=1) of sorted `values`.
fn quantile(values: &mut [f64], q: f64) -> f64 {
    values.sort_unstable_by(f64::total_cmp);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "an index within the slice"
    )]
    let at = ((values.len().saturating_sub(1)) as f64 * q).round() as usize;
    values.get(at).copied().unwrap_or(f64::NAN)
}

/// A number from the command line's argument `nth`, or `default`.
fn arg(nth: usize, name: &str, default: usize) -> usize {
    match std::env::args().nth(nth).map(|a| a.parse()) {
        None => default,
        Some(Ok(n)) => n,
        Some(Err(err)) => {
            eprintln!("usage: bench_components [N [ROUNDS]]: {name} must be a number: {err}");
            std::process::exit(2);
        }
    }
}

fn main() {
    let n = arg(1, "N", 1000);
    let rounds = arg(2, "ROUNDS", 400);
    let only = std::env::args().nth(3);
    let times = |kind: &str| only.as_deref().is_none_or(|only| only == kind);
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
    let mut kinds = [
        Kind {
            name: "slider",
            at: sliders,
            set: |at, index, value| {
                at.nth("slider", index).set_value(value);
            },
            samples: Vec::with_capacity(rounds),
        },
        Kind {
            name: "component",
            at: components,
            set: |at, index, value| {
                at.nth("component", index).set_component(&value);
            },
            samples: Vec::with_capacity(rounds),
        },
    ];
    for kind in &mut kinds {
        kind.at.run();
    }
    let mut ratios = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let index = round % n.max(1);
        #[expect(clippy::cast_possible_wrap, reason = "a round number fits")]
        let value = (round % 100 + 1) as i64;
        let [slider, component] = &mut kinds;
        if !times("slider") {
            component.sample(index, value);
            continue;
        }
        if !times("component") {
            slider.sample(index, value);
            continue;
        }
        let (s, c) = if round % 2 == 0 {
            let s = slider.sample(index, value);
            (s, component.sample(index, value))
        } else {
            let c = component.sample(index, value);
            (slider.sample(index, value), c)
        };
        ratios.push(c / s);
    }
    for kind in kinds.iter_mut().filter(|kind| !kind.samples.is_empty()) {
        let median = quantile(&mut kind.samples, 0.5);
        let p90 = quantile(&mut kind.samples, 0.9);
        println!(
            "rerun kind={} widgets={n} median_us={median:.0} p90_us={p90:.0}",
            kind.name
        );
    }
    if ratios.is_empty() {
        return;
    }
    println!(
        "ratio component/slider median={:.3} p10={:.3} p90={:.3}",
        quantile(&mut ratios, 0.5),
        quantile(&mut ratios, 0.1),
        quantile(&mut ratios, 0.9)
    );
}
