//! The caching page: a slow load with progress, the clear actions, and ttl.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::prelude::*;

/// A sales table, slow to build: it reports its progress as it goes.
#[cache_data(ttl = "30s", show_spinner = "Loading the sales table")]
fn load_sales(rows: usize, delay_ms: u64) -> (Vec<f64>, u64) {
    let steps = 20_u32;
    let mut values = Vec::with_capacity(rows);
    for step in 0..steps {
        std::thread::sleep(Duration::from_millis(delay_ms) / steps);
        let done = rows * (step as usize + 1) / steps as usize;
        #[allow(clippy::cast_precision_loss, reason = "demo data")]
        values.extend((values.len()..done).map(|i| ((i * 7919) % 1000) as f64 / 10.0));
        #[allow(clippy::cast_precision_loss, reason = "a fraction")]
        progress(
            (step + 1) as f32 / steps as f32,
            format!("read {done} of {rows} rows"),
        );
    }
    let computed_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    (values, computed_at)
}

/// A shared "connection": one object for every session and run.
#[cache_resource]
fn connection() -> String {
    format!(
        "connection opened at {:?}",
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
    )
}

/// The caching page.
pub fn caching(st: &St) {
    st.title("Caching");
    st.markdown(
        "`load_sales` is a `#[cache_data(ttl = \"30s\")]` function. The first call with given \
         arguments computes (with the spinner ring filling as it reports `progress`); later calls \
         return at once, until the entry is 30 s old.",
    );
    let cols = st.columns(2);
    let rows = cols[0]
        .slider("Rows", 1_000..=200_000)
        .default(50_000)
        .step(1_000)
        .key("rows")
        .show();
    let delay = cols[1]
        .slider("Load time (ms)", 0..=5_000_u64)
        .default(2_000)
        .step(100)
        .key("delay")
        .show();
    let (values, computed_at) = &*load_sales(rows, delay);
    #[allow(clippy::cast_precision_loss, reason = "an average")]
    let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
    st.success(format!("{} rows, mean {mean:.2}", values.len()));
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    st.caption(format!(
        "computed {}s ago; entries of load_sales: {}",
        now.saturating_sub(*computed_at),
        load_sales::len()
    ));

    st.subheader("Clear");
    let cols = st.columns(3);
    if cols[0].button("Clear this entry").key("clear-entry").show() {
        load_sales::clear_entry(rows, delay);
        st.rerun();
    }
    if cols[1].button("Clear load_sales").key("clear-fn").show() {
        load_sales::clear();
        st.rerun();
    }
    if cols[2].button("Clear all caches").key("clear-all").show() {
        brook_engine::caching::clear_all();
        st.rerun();
    }
    st.caption("The App menu's \"Clear caches\" and the C key clear all caches too.");

    st.subheader("A shared resource");
    st.text(&*connection());
}
