//! The caching page: a slow load with progress, the clear actions, ttl,
//! and a background refresh.

use std::sync::atomic::{AtomicUsize, Ordering};
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

/// Fetches of [`exchange_rates`] so far in this process.
static RATE_FETCHES: AtomicUsize = AtomicUsize::new(0);

/// Exchange rates from a slow source: after 10 s an entry is stale, and is
/// returned at once while one refresh runs on another thread.
#[cache_data(ttl = "10s", refresh_mode = "background")]
fn exchange_rates(base: String) -> (Vec<(String, f64)>, usize, u64) {
    std::thread::sleep(Duration::from_millis(1_500));
    let fetch = RATE_FETCHES.fetch_add(1, Ordering::Relaxed) + 1;
    let fetched_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let rates = [("EUR", 0.92), ("GBP", 0.79), ("JPY", 151.3)]
        .into_iter()
        .filter(|(code, _)| *code != base)
        .map(|(code, rate)| (code.to_owned(), rate))
        .collect();
    (rates, fetch, fetched_at)
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

    st.subheader("Refreshed in the background");
    st.markdown(
        "`exchange_rates` has `ttl = \"10s\", refresh_mode = \"background\"`: the first call \
         waits 1.5 s; once the entry is over 10 s old, a rerun shows it at once while one refresh \
         runs on another thread, and the rerun after that shows the new rates.",
    );
    let (rates, fetch, fetched_at) = &*exchange_rates("USD".to_owned());
    let rates: Vec<String> = rates
        .iter()
        .map(|(code, rate)| format!("{rate:.2} {code}"))
        .collect();
    st.text(format!("1 USD = {} (fetch #{fetch})", rates.join(", ")));
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    st.caption(format!("computed {}s ago", now.saturating_sub(*fetched_at)));

    st.subheader("A shared resource");
    st.text(&*connection());
}
