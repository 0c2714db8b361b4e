//! SPEC 1 edge cases that apply to brook (E1.1, E1.4, E1.5; E1.6 is in
//! `caching_ttl.rs`).

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use brook::prelude::*;
use brook::testing::AppTest;
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::{key_of, shared};

static E1_1_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn e1_1_label(at: DateTime<Tz>, also: DateTime<Utc>) -> String {
    E1_1_RUNS.fetch_add(1, SeqCst);
    format!("{} / {}", at.to_rfc3339(), also.to_rfc3339())
}

#[test]
fn e1_1_zone_aware_date_times_are_valid_cache_arguments() {
    let _guard = shared();
    let berlin = chrono_tz::Europe::Berlin
        .with_ymd_and_hms(2024, 3, 1, 12, 0, 0)
        .unwrap();
    let utc = Utc.with_ymd_and_hms(2024, 3, 1, 11, 0, 0).unwrap();
    assert_eq!(
        *e1_1_label(berlin, utc),
        "2024-03-01T12:00:00+01:00 / 2024-03-01T11:00:00+00:00"
    );
    let _ = e1_1_label(berlin, utc);
    assert_eq!(E1_1_RUNS.load(SeqCst), 1, "equal date-times hit");
    // The same instant in another zone is another key (hashed as ISO text
    // with its offset, like Streamlit's isoformat()).
    let same_instant = berlin.with_timezone(&chrono_tz::UTC);
    assert_ne!(key_of("at", &berlin), key_of("at", &same_instant));
    let _ = e1_1_label(same_instant, utc);
    assert_eq!(E1_1_RUNS.load(SeqCst), 2);
    let an_hour_later = berlin + chrono::Duration::hours(1);
    let _ = e1_1_label(an_hour_later, utc);
    assert_eq!(E1_1_RUNS.load(SeqCst), 3);
}

static E1_4_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data]
fn e1_4_count_unique(values: Vec<String>) -> usize {
    E1_4_RUNS.fetch_add(1, SeqCst);
    let mut values = values;
    values.sort();
    values.dedup();
    values.len()
}

#[test]
fn e1_4_a_freshly_built_list_of_strings_hits_on_every_rerun() {
    let _guard = shared();
    // Streamlit's numpy string arrays missed on every rerun; a `Vec<String>`
    // built anew in each run is the same key each time.
    let mut at = AppTest::new(|st: &St| {
        let column: Vec<String> = ["a", "b", "a", "c"].map(String::from).to_vec();
        st.text(e1_4_count_unique(column).to_string());
    });
    for _ in 0..3 {
        at.run();
        assert_eq!(at.text(), ["3"]);
    }
    assert_eq!(E1_4_RUNS.load(SeqCst), 1);
}

/// Two models that differ in what the function reads.
struct Model {
    layers: Vec<&'static str>,
}

#[cache_resource]
fn e1_5_layers(name: &str, _base_model: &Model) -> Vec<&'static str> {
    let _ = name;
    _base_model.layers.clone()
}

#[test]
fn e1_5_an_underscore_argument_that_decides_the_result_gives_wrong_hits() {
    let _guard = shared();
    let small = Model {
        layers: vec!["dense"],
    };
    let large = Model {
        layers: vec!["conv", "dense"],
    };
    assert_eq!(*e1_5_layers("layers", &small), ["dense"]);
    // The documented pitfall: the other model gets the first one's layers.
    assert_eq!(*e1_5_layers("layers", &large), ["dense"]);
}
