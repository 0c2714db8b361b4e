//! SPEC 4 (timezone handling) and the DST edges of `datetime_input`. The
//! display timezone is process-wide, so these tests run one at a time.
#![allow(clippy::unwrap_used, reason = "it's a test")]

use brook::element::WidgetSpec;
use brook::prelude::*;
use brook::testing::AppTest;
use brook_engine::time::{DisplayZone, set_display_zone};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::America::New_York;
use chrono_tz::Tz;
use parking_lot::Mutex;
use serde::Serialize;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn naive(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn new_york(text: &str) -> DateTime<Tz> {
    New_York.from_local_datetime(&naive(text)).single().unwrap()
}

#[test]
fn b157_b158_a_naive_value_is_shown_exactly_as_given_even_with_a_display_zone() {
    let _one = ONE_AT_A_TIME.lock();
    set_display_zone(DisplayZone::Own);
    let mut at = AppTest::new(|st| st.text(naive("2020-01-10 10:30:00").show_time()));
    at.run();
    assert_eq!(at.text(), ["2020-01-10 10:30:00"]);
    set_display_zone(DisplayZone::Zone(chrono_tz::Asia::Tokyo));
    at.run();
    assert_eq!(
        at.text(),
        ["2020-01-10 10:30:00"],
        "naive values are never converted"
    );
    set_display_zone(DisplayZone::Own);
}

#[test]
fn b159_an_aware_value_is_shown_in_its_own_zone_with_its_abbreviation() {
    let _one = ONE_AT_A_TIME.lock();
    set_display_zone(DisplayZone::Own);
    let mut at = AppTest::new(|st| {
        let at = new_york("2020-01-10 10:30:00");
        st.text(at.show_time());
        st.metric("Meeting", Zoned(at), None);
    });
    at.run();
    assert_eq!(at.text(), ["2020-01-10 10:30:00 EST"]);
    assert_eq!(at.metrics()[0].1, "2020-01-10 10:30:00 EST");
}

#[test]
fn display_zone_converts_aware_values_only() {
    let _one = ONE_AT_A_TIME.lock();
    set_display_zone(DisplayZone::Zone(chrono_tz::Europe::Berlin));
    let mut at = AppTest::new(|st| {
        st.text(new_york("2020-01-10 10:30:00").show_time());
        st.text(naive("2020-01-10 10:30:00").show_time());
    });
    at.run();
    set_display_zone(DisplayZone::Own);
    assert_eq!(
        at.text(),
        ["2020-01-10 16:30:00 CET", "2020-01-10 10:30:00"]
    );
}

#[derive(Serialize)]
struct Meeting {
    city: &'static str,
    at: Zoned,
    local: NaiveDateTime,
}

fn meetings() -> Vec<Meeting> {
    let instant = new_york("2026-06-01 09:00:00").with_timezone(&chrono::Utc);
    ["America/New_York", "Europe/London", "Asia/Tokyo"]
        .into_iter()
        .map(|zone| {
            let tz: Tz = zone.parse().unwrap();
            Meeting {
                city: zone,
                at: Zoned(instant.with_timezone(&tz)),
                local: naive("2026-06-01 09:00:00"),
            }
        })
        .collect()
}

/// The text the window's table shows for each cell of a column.
fn shown(table: &brook::prelude::Table, column: &str) -> Vec<String> {
    brook_engine::data::column_text(table.array(column).unwrap().as_ref(), None)
}

#[test]
fn b160_a_table_of_mixed_zones_shows_each_in_its_own_zone_or_all_in_the_display_zone() {
    let _one = ONE_AT_A_TIME.lock();
    set_display_zone(DisplayZone::Own);
    let mut at = AppTest::new(|st| st.dataframe(&meetings()).show());
    at.run();
    let table = &at.tables()[0];
    assert_eq!(
        shown(table, "at"),
        [
            "2026-06-01 09:00:00 EDT",
            "2026-06-01 14:00:00 BST",
            "2026-06-01 22:00:00 JST"
        ]
    );
    assert_eq!(
        shown(table, "local"),
        ["2026-06-01 09:00:00"; 3],
        "naive cells as given"
    );
    set_display_zone(DisplayZone::Zone(chrono_tz::UTC));
    let utc = shown(table, "at");
    set_display_zone(DisplayZone::Own);
    assert_eq!(utc, ["2026-06-01 13:00:00 UTC"; 3]);
    assert_eq!(shown(table, "local"), ["2026-06-01 09:00:00"; 3]);
}

#[test]
fn b162_a_zone_aware_default_keeps_its_zone_in_brook() {
    // Streamlit strips the zone of the default (B162); brook keeps it and
    // returns an aware value, as the timezone issue asks.
    let mut at = AppTest::new(|st| {
        let at = st
            .datetime_input("When")
            .default_zoned(new_york("2020-01-10 10:30:00"))
            .key("when")
            .show();
        st.text(format!("{} {}", at.timezone().name(), at.to_rfc3339()));
    });
    at.run();
    assert_eq!(at.text(), ["America/New_York 2020-01-10T10:30:00-05:00"]);
    assert!(
        matches!(at.widget("when").element().spec, WidgetSpec::DateTimeInput { zone: Some(ref z) } if z == "America/New_York")
    );
    at.widget("when").set_value("2020-07-01 08:00").run();
    assert_eq!(at.text(), ["America/New_York 2020-07-01T08:00:00-04:00"]);
}

#[test]
fn b164_equal_instants_in_different_zones_are_different_cache_keys() {
    use brook::caching::{CacheKey, KeyHasher};
    fn key(at: DateTime<Tz>) -> u64 {
        let mut hasher = KeyHasher::new();
        at.cache_key(&mut hasher);
        hasher.finish()
    }
    let ny = new_york("2020-01-10 10:30:00");
    let london = ny.with_timezone(&chrono_tz::Europe::London);
    assert_eq!(ny, london, "the same instant");
    assert_ne!(key(ny), key(london));
    assert_eq!(
        key(ny),
        key(new_york("2020-01-10 10:30:00")),
        "stable for the same value"
    );
}

#[test]
fn inputs_return_naive_values_by_default_and_survive_reruns() {
    let mut at = AppTest::new(|st| {
        let day = st
            .date_input("Day")
            .default(NaiveDate::from_ymd_opt(2026, 3, 8).unwrap())
            .key("day")
            .show();
        let time = st
            .time_input("Time")
            .default(NaiveTime::from_hms_opt(9, 15, 0).unwrap())
            .key("time")
            .show();
        let when = st
            .datetime_input("When")
            .default(naive("2026-03-08 09:15:00"))
            .key("when")
            .show();
        let (a, b) = st
            .date_range_input(
                "Trip",
                (
                    NaiveDate::from_ymd_opt(2026, 5, 2).unwrap(),
                    NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
                ),
            )
            .key("trip")
            .show();
        st.text(format!("{day} {time} {when} {a}..{b}"));
    });
    at.run();
    assert_eq!(
        at.text(),
        ["2026-03-08 09:15:00 2026-03-08 09:15:00 2026-05-01..2026-05-02"]
    );
    at.widget("day").set_value("2026-12-24").run();
    at.widget("time").set_value("18:45").run();
    at.run();
    assert_eq!(
        at.text(),
        ["2026-12-24 18:45:00 2026-03-08 09:15:00 2026-05-01..2026-05-02"]
    );
    assert_eq!(
        at.session_state().get::<NaiveDate>("day"),
        NaiveDate::from_ymd_opt(2026, 12, 24)
    );
}

#[test]
// Issue 11: a date typed outside min..max is refused beside the field (the
// field would otherwise show the typed date while the script got the
// clamped one); the value is kept.
fn a_date_outside_min_max_or_unparsable_is_refused_with_a_message() {
    let mut at = AppTest::new(|st| {
        let day = st
            .date_input("Day")
            .default(NaiveDate::from_ymd_opt(2026, 1, 10).unwrap())
            .min(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
            .max(NaiveDate::from_ymd_opt(2026, 1, 31).unwrap())
            .key("day")
            .show();
        st.text(day.to_string());
    });
    at.run();
    at.widget("day").set_value("2026-02-15").run();
    assert_eq!(at.text(), ["2026-01-10"], "kept");
    assert!(
        at.error()[0].contains("2026-02-15")
            && at.error()[0].contains("latest date")
            && at.error()[0].contains("2026-01-31")
            && at.error()[0].contains("\"Day\""),
        "{:?}",
        at.error()
    );
    at.widget("day").set_value("2026-01-31").run();
    assert_eq!(at.text(), ["2026-01-31"]);
    assert!(at.error().is_empty(), "{:?}", at.error());
    at.widget("day").set_value("15/02/2026").run();
    assert_eq!(at.text(), ["2026-01-31"], "kept");
    assert!(
        !at.error()[0].contains("Text("),
        "no Rust debug text: {:?}",
        at.error()
    );
    assert!(
        at.error()[0].contains("YYYY-MM-DD") && at.error()[0].contains("Day"),
        "{:?}",
        at.error()
    );
}

#[test]
fn dst_spring_forward_a_nonexistent_time_is_refused_with_a_clear_message() {
    let mut at = AppTest::new(|st| {
        let at = st
            .datetime_input("Call")
            .timezone(New_York)
            .default(naive("2026-03-08 01:30:00"))
            .key("call")
            .show();
        st.text(at.to_rfc3339());
    });
    at.run();
    assert_eq!(at.text(), ["2026-03-08T01:30:00-05:00"]);
    // 02:30 on 8 March 2026 does not exist in New York.
    at.widget("call").set_value("2026-03-08 02:30").run();
    assert_eq!(
        at.text(),
        ["2026-03-08T01:30:00-05:00"],
        "no silent shift: the value is kept"
    );
    let errors = at.error();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("does not exist in America/New_York") && errors[0].contains("Call"),
        "{errors:?}"
    );
    // Issue 11, case 1: the refusal stays beside the field until the
    // person enters a time that exists.
    at.run();
    assert_eq!(at.error(), errors, "the refusal stays until fixed");
    at.widget("call").set_value("2026-03-08 03:30").run();
    assert_eq!(at.text(), ["2026-03-08T03:30:00-04:00"]);
    assert!(at.error().is_empty(), "{:?}", at.error());
}

#[test]
fn dst_fall_back_an_ambiguous_time_takes_the_first_and_says_so() {
    let mut at = AppTest::new(|st| {
        let at = st
            .datetime_input("Call")
            .timezone(New_York)
            .default(naive("2026-11-01 00:30:00"))
            .key("call")
            .show();
        st.text(at.to_rfc3339());
    });
    at.run();
    assert!(at.warning().is_empty());
    // 01:30 on 1 November 2026 happens twice in New York.
    at.widget("call").set_value("2026-11-01 01:30").run();
    assert_eq!(at.text(), ["2026-11-01T01:30:00-04:00"]);
    let warnings = at.warning();
    assert!(
        warnings[0].contains("happens twice")
            && warnings[0].contains("EDT")
            && warnings[0].contains("EST"),
        "{warnings:?}"
    );
}

#[test]
fn a_zoned_widget_value_survives_persistence_with_its_zone() {
    let path = std::env::temp_dir().join(format!("brook-tz-{}.ron", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let script = |st: &St| {
        st.session_state().persist::<Zoned>("call");
        let at = st
            .datetime_input("Call")
            .timezone(chrono_tz::Asia::Tokyo)
            .default(naive("2026-01-01 09:00:00"))
            .key("call")
            .show();
        st.text(at.to_rfc3339());
    };
    {
        let mut at = AppTest::with_persist_path(script, path.clone());
        at.run();
        at.widget("call").set_value("2026-02-02 10:00").run();
    }
    // The file is written by brook's background writer: wait for it.
    brook::state::wait_for_saves();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("Asia/Tokyo"), "{saved}");
    let mut at = AppTest::with_persist_path(script, path);
    at.run();
    assert_eq!(at.text(), ["2026-02-02T10:00:00+09:00"]);
}

/// The three inputs (naive date, time, zone-aware date-time) and a table
/// of one instant in three zones, drawn as the window draws them.
fn time_page(st: &St) {
    let _ = st
        .date_input("Day")
        .default(NaiveDate::from_ymd_opt(2026, 3, 8).unwrap())
        .key("day")
        .show();
    let _ = st
        .time_input("Time")
        .default(NaiveTime::from_hms_opt(9, 30, 0).unwrap())
        .key("time")
        .show();
    let _ = st
        .datetime_input("Meeting")
        .timezone(New_York)
        .default(naive("2026-03-08 09:30:00"))
        .key("meeting")
        .show();
    st.table(&meetings()).show();
}

fn snapshot(at: &AppTest, name: &str) {
    use brook::testing::SnapshotExt as _;
    let options = brook_tests::snapshot::options(brook::testing::Theme::Light).size(640.0, 420.0);
    if let Err(err) = at.try_snapshot(name, &options) {
        panic!("{err}");
    }
}

#[test]
fn snapshots_of_the_inputs_and_a_mixed_zone_table_with_and_without_a_display_zone() {
    let _one = ONE_AT_A_TIME.lock();
    set_display_zone(DisplayZone::Own);
    let mut at = AppTest::new(time_page);
    at.run();
    snapshot(&at, "time/own_zones");
    set_display_zone(DisplayZone::Zone(chrono_tz::UTC));
    at.run();
    let displayed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        snapshot(&at, "time/display_utc")
    }));
    set_display_zone(DisplayZone::Own);
    if let Err(panic) = displayed {
        std::panic::resume_unwind(panic);
    }
}
