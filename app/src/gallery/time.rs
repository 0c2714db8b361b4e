//! The time page: date, time and date-time inputs, naive and zone-aware
//! values, and a table of one instant in several zones.

use chrono::{NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;
use serde::Serialize;

use crate::prelude::*;

#[derive(Serialize)]
struct Row {
    city: &'static str,
    time: Zoned,
}

/// The time page.
pub fn time(st: &St) {
    st.title("Dates, times and zones");
    st.markdown(
        "A *naive* value is shown exactly as given. An *aware* value is shown in its own zone, \
         with the zone's abbreviation, unless **Settings > Display timezone** is set: then aware \
         values (only those) are shown in it.",
    );
    let cols = st.columns(2);
    let day = cols[0]
        .date_input("Day")
        .default(NaiveDate::from_ymd_opt(2026, 3, 8).unwrap_or_default())
        .key("day")
        .show();
    let time = cols[1]
        .time_input("Time")
        .default(NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default())
        .key("time")
        .show();
    let wall = day.and_time(time);
    let zone = st
        .selectbox("Zone", ["America/New_York", "Europe/London", "Asia/Tokyo"])
        .key("zone")
        .show()
        .unwrap_or("UTC");
    let tz: Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    let at = st
        .datetime_input("Meeting")
        .timezone(tz)
        .default(wall)
        .key("meeting")
        .show();
    st.text(format!("naive: {}", wall.show_time()));
    st.text(format!("aware: {}", at.show_time()));
    let rows: Vec<Row> = [
        "America/New_York",
        "Europe/London",
        "Asia/Kolkata",
        "Asia/Tokyo",
    ]
    .into_iter()
    .map(|city| Row {
        city,
        time: Zoned(at.with_timezone(&city.parse().unwrap_or(chrono_tz::UTC))),
    })
    .collect();
    st.subheader("The same instant in four zones");
    st.table(&rows).show();
    st.caption(format!(
        "Try 02:30 on 2026-03-08 in New York (the clocks skip it) or 01:30 on 2026-11-01 (it happens \
         twice). Jan 1 2026 09:00 in Tokyo is {}.",
        chrono_tz::Asia::Tokyo
            .with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
            .single()
            .map(|t| t.with_timezone(&chrono_tz::UTC).show_time())
            .unwrap_or_default()
    ));
}
