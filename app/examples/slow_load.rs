//! Demonstrates caching a slow load: `cargo run --release -p brook-app --example slow_load`.
//!
//! The first run computes (the spinner ring fills as the load reports its
//! progress); moving the slider back to a value seen before is instant; the
//! entries expire after a minute; the buttons clear one entry or everything.

use std::time::Duration;

use brook::prelude::*;

/// Simulates reading `rows` rows from a slow source, one chunk at a time.
#[cache_data(ttl = "1m", show_spinner = "Reading the measurements")]
fn read_measurements(rows: usize) -> Vec<f64> {
    let chunks = 25;
    let mut out = Vec::with_capacity(rows);
    for chunk in 0..chunks {
        std::thread::sleep(Duration::from_millis(60));
        let until = rows * (chunk + 1) / chunks;
        #[allow(clippy::cast_precision_loss, reason = "demo data")]
        out.extend((out.len()..until).map(|i| (i as f64 * 0.01).sin()));
        #[allow(clippy::cast_precision_loss, reason = "a fraction")]
        progress(
            (chunk + 1) as f32 / chunks as f32,
            format!("{until} of {rows} rows"),
        );
    }
    out
}

fn app(st: &St) {
    st.title("Slow load, cached");
    let rows = st
        .slider("Rows", 10_000..=100_000)
        .step(10_000)
        .default(50_000)
        .key("rows")
        .show();
    let data = read_measurements(rows);
    #[allow(clippy::cast_precision_loss, reason = "an average")]
    let mean = data.iter().sum::<f64>() / data.len().max(1) as f64;
    st.success(format!("{} rows, mean {mean:.4}", data.len()));
    let cols = st.columns(2);
    if cols[0].button("Forget this size").show() {
        read_measurements::clear_entry(rows);
        st.rerun();
    }
    if cols[1].button("Forget everything").show() {
        brook::caching::clear_all();
        st.rerun();
    }
}

fn main() -> anyhow::Result<()> {
    brook::run("Slow load", app)
}
