// The tool: a plain function brook runs top to bottom, again on every
// interaction. `cargo run` opens it in a window; `brook dev` reruns it on
// every save, keeping what you typed; `cargo test` checks it headless.

use std::time::Duration;

use brook::prelude::*;
use brook::serde::{Deserialize, Serialize};

/// The cities the readings cover.
pub const CITIES: [&str; 3] = ["Oslo", "Lisbon", "Nairobi"];

/// One day's reading of one city.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(crate = "brook::serde")]
pub struct Reading {
    /// The day of the year, 1 to 365.
    pub day: u32,
    /// The city.
    pub city: String,
    /// The mean temperature that day, in °C.
    pub temperature: f64,
}

/// Loads a year of readings per city, slowly, as a real source would.
/// Cached: the next runs (every widget change) get them at once. Kept on
/// disk too, so the app started again (by `brook dev` after a save, or by
/// you) reads them back instead of loading them again; a change to this
/// function's code loads them afresh.
#[cache_data(show_spinner = "Loading the readings", persist = "disk")]
pub fn load_readings() -> Vec<Reading> {
    let mut readings = Vec::new();
    for (done, (city, (mean, swing))) in CITIES
        .iter()
        .zip([(6.0, 9.0), (17.0, 5.0), (19.0, 2.0)])
        .enumerate()
    {
        std::thread::sleep(Duration::from_millis(100));
        readings.extend((1..=365_u32).map(|day| {
            let season = (f64::from(day) - 15.0) / 365.0 * std::f64::consts::TAU;
            Reading {
                day,
                city: (*city).to_owned(),
                temperature: ((mean - swing * season.cos()) * 10.0).round() / 10.0,
            }
        }));
        progress(
            (done + 1) as f32 / CITIES.len() as f32,
            format!("{city} loaded"),
        );
    }
    readings
}

/// The script.
pub fn app(st: &St) {
    st.title("Temperatures");
    st.caption("A starter tool made by `brook new`: edit src/lib.rs and save.");

    let readings = load_readings();
    let city = st
        .selectbox("City", CITIES)
        .key("city")
        .show()
        .unwrap_or(CITIES[0]);
    let days = st
        .slider("Days", 7..=365)
        .default(90)
        .key("days")
        .help("How many days of the year to show, from January 1st.")
        .show();
    let shown: Vec<Reading> = readings
        .iter()
        .filter(|reading| reading.city == city && reading.day <= days)
        .cloned()
        .collect();

    match Table::from_rows(&shown) {
        Ok(table) => {
            st.subheader(format!("{city}, the first {days} days"));
            st.line_chart(&table).x("day").y(["temperature"]).show();
            st.dataframe(&table).show();
        }
        Err(err) => st.error(format!("The readings cannot be shown: {err}")),
    }
}
