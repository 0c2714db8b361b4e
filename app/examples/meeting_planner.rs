//! Demonstrates zone-aware date-times: `cargo run --release -p brook-app --example meeting_planner`.
//!
//! Pick a meeting time in the organiser's zone; see it in the three offices'
//! zones, with a check that it falls in their working hours.

use chrono::{NaiveDate, NaiveTime, Timelike};
use chrono_tz::Tz;
use serde::Serialize;

use brook::prelude::*;

const OFFICES: [(&str, &str); 3] = [
    ("New York", "America/New_York"),
    ("Berlin", "Europe/Berlin"),
    ("Singapore", "Asia/Singapore"),
];

#[derive(Serialize)]
struct Slot {
    office: &'static str,
    local: Zoned,
    working_hours: bool,
}

/// The app: a meeting time in the organiser's zone, shown in each office's zone.
pub fn app(st: &St) {
    st.title("Meeting planner");
    let organiser = st
        .selectbox("Organiser's office", OFFICES.map(|(name, _)| name))
        .key("organiser")
        .show()
        .unwrap_or("New York");
    let zone: Tz = OFFICES
        .iter()
        .find(|(name, _)| *name == organiser)
        .and_then(|(_, zone)| zone.parse().ok())
        .unwrap_or(chrono_tz::UTC);
    let day = st
        .date_input("Day")
        .default(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default())
        .key("day")
        .show();
    let time = st
        .time_input("Start")
        .default(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default())
        .key("start")
        .show();
    let start = st
        .datetime_input("Meeting")
        .timezone(zone)
        .default(day.and_time(time))
        .key("meeting")
        .show();
    let slots: Vec<Slot> = OFFICES
        .iter()
        .map(|(office, name)| {
            let tz: Tz = name.parse().unwrap_or(chrono_tz::UTC);
            let local = start.with_timezone(&tz);
            Slot {
                office,
                local: Zoned(local),
                working_hours: (9..17).contains(&local.hour()),
            }
        })
        .collect();
    st.dataframe(&slots).show();
    let everyone = slots.iter().all(|s| s.working_hours);
    if everyone {
        st.success("Inside working hours in every office.");
    } else {
        let outside: Vec<&str> = slots
            .iter()
            .filter(|s| !s.working_hours)
            .map(|s| s.office)
            .collect();
        st.warning(format!("Outside working hours in: {}", outside.join(", ")));
    }
}

// The tests include this file for `app` and bring their own `main`.
#[cfg(not(test))]
fn main() -> anyhow::Result<()> {
    brook::run("Meeting planner", app)
}
