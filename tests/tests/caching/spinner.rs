//! SPEC 1.3 `show_spinner` (B38..B40) and `brook::progress`: read from the
//! spinner deltas (`Delta::Progress`) a session sends to its window.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::time::{Duration, Instant};

use brook::element::{Delta, Progress};
use brook::prelude::*;

use crate::{Latch, PATIENCE, run_collecting, shared, spinner_deltas, start_session};

/// The spinner shown by a miss (no fraction).
fn shown(function: &str, message: &str) -> Option<Progress> {
    Some(Progress {
        function: function.to_owned(),
        message: message.to_owned(),
        fraction: None,
        show_time: true,
    })
}

// ---------------------------------------------------------------- B38

#[cache_data]
fn b38_default(x: u32) -> u32 {
    x
}

#[cache_data(show_spinner = false)]
fn b38_quiet(x: u32) -> u32 {
    x
}

#[cache_resource(show_spinner = "Connecting to the warehouse")]
fn b38_custom(x: u32) -> u32 {
    x
}

#[test]
fn b38_show_spinner_true_false_or_a_text() {
    let _guard = shared();
    let session = start_session(|_st: &St| {
        let _ = b38_default(1);
        let _ = b38_quiet(1);
        let _ = b38_custom(1);
    });
    let spinners = spinner_deltas(&run_collecting(&session));
    assert_eq!(
        spinners,
        [
            shown("b38_default", "Running `b38_default(...)`."),
            None,
            shown("b38_custom", "Connecting to the warehouse"),
            None,
        ]
    );
}

static B38_ENTERED: Latch = Latch::new();
static B38_RELEASE: Latch = Latch::new();
static B38_RUNS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(show_spinner = "Loading the shared table")]
fn b38_shared_slow(x: u32) -> u32 {
    B38_RUNS.fetch_add(1, SeqCst);
    B38_ENTERED.open();
    B38_RELEASE.wait();
    x
}

#[test]
fn b38_a_session_waiting_for_another_sessions_miss_shows_the_spinner_too() {
    let _guard = shared();
    // Streamlit shows the spinner around the whole miss, waiting for the
    // computing thread included; a waiting window must not look frozen.
    let script = |st: &St| st.text(b38_shared_slow(3).to_string());
    let computing = start_session(script);
    let waiting = start_session(script);
    computing.send(brook::Event::Rerun).unwrap();
    assert!(B38_ENTERED.wait());
    waiting.send(brook::Event::Rerun).unwrap();
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut spinner = None;
    while let Ok(delta) = waiting
        .deltas()
        .recv_timeout(deadline.saturating_duration_since(Instant::now()))
    {
        if let Delta::Progress(Some(progress)) = delta {
            spinner = Some(progress);
            break;
        }
    }
    B38_RELEASE.open();
    for session in [&computing, &waiting] {
        loop {
            let delta = session.deltas().recv_timeout(PATIENCE).unwrap();
            if delta == Delta::Status(brook::element::SessionStatus::Idle) {
                break;
            }
        }
    }
    assert_eq!(
        B38_RUNS.load(SeqCst),
        1,
        "the waiting session did not compute"
    );
    assert_eq!(
        spinner.map(|p| p.message),
        Some("Loading the shared table".to_owned()),
        "no spinner while waiting for the other session's computation"
    );
}

// ---------------------------------------------------------------- B41

#[cache_data(show_time = false)]
fn b41_untimed(x: u32) -> u32 {
    brook::progress(0.5, "halfway");
    x
}

#[cache_data]
fn b41_timed(x: u32) -> u32 {
    brook::progress(0.5, "halfway");
    x
}

#[test]
fn b41_show_time_false_hides_the_elapsed_time_which_brook_shows_by_default() {
    let _guard = shared();
    let session = start_session(|_st: &St| {
        let _ = b41_untimed(1);
        let _ = b41_timed(1);
    });
    let shows_time: Vec<(String, Option<bool>)> = spinner_deltas(&run_collecting(&session))
        .into_iter()
        .map(|p| match p {
            Some(p) => (format!("{} {}", p.function, p.message), Some(p.show_time)),
            None => ("gone".to_owned(), None),
        })
        .collect();
    assert_eq!(
        shows_time,
        [
            (
                "b41_untimed Running `b41_untimed(...)`.".to_owned(),
                Some(false)
            ),
            ("b41_untimed halfway".to_owned(), Some(false)),
            ("gone".to_owned(), None),
            ("b41_timed Running `b41_timed(...)`.".to_owned(), Some(true)),
            ("b41_timed halfway".to_owned(), Some(true)),
            ("gone".to_owned(), None),
        ]
    );
}

// ---------------------------------------------------------------- B39

#[cache_data]
fn b39_no_arguments() -> u32 {
    1
}

#[cache_resource]
fn b39_with_arguments(a: u32, b: &str) -> String {
    format!("{a}{b}")
}

#[test]
fn b39_the_default_text_names_the_function_and_whether_it_has_arguments() {
    let _guard = shared();
    let session = start_session(|_st: &St| {
        let _ = b39_no_arguments();
        let _ = b39_with_arguments(1, "x");
    });
    let spinners = spinner_deltas(&run_collecting(&session));
    assert_eq!(
        spinners,
        [
            shown("b39_no_arguments", "Running `b39_no_arguments()`."),
            None,
            shown("b39_with_arguments", "Running `b39_with_arguments(...)`."),
            None,
        ]
    );
}

// ---------------------------------------------------------------- B40

#[cache_data]
fn b40_inner(x: u32) -> u32 {
    x + 1
}

#[cache_data]
fn b40_outer(x: u32) -> u32 {
    *b40_inner(x) * 2
}

#[test]
fn b40_only_misses_show_a_spinner_and_only_the_outermost() {
    let _guard = shared();
    let session = start_session(|st: &St| st.text(b40_outer(5).to_string()));
    let first = spinner_deltas(&run_collecting(&session));
    assert_eq!(
        first,
        [shown("b40_outer", "Running `b40_outer(...)`."), None],
        "the nested miss shows no spinner of its own"
    );
    assert!(
        spinner_deltas(&run_collecting(&session)).is_empty(),
        "a hit shows none"
    );
    // The inner function on its own, missing, shows its spinner.
    let inner_only = start_session(|st: &St| st.text(b40_inner(100).to_string()));
    assert_eq!(
        spinner_deltas(&run_collecting(&inner_only)),
        [shown("b40_inner", "Running `b40_inner(...)`."), None]
    );
}

// ---------------------------------------------------------------- progress

static PROGRESS_CALLS: AtomicUsize = AtomicUsize::new(0);

#[cache_data(show_spinner = "Crunching")]
fn b38_crunch(steps: u32) -> u32 {
    let start = Instant::now();
    for step in 0..steps {
        PROGRESS_CALLS.fetch_add(1, SeqCst);
        #[allow(clippy::cast_precision_loss, reason = "small test numbers")]
        brook::progress(step as f32 / steps as f32, format!("step {step}"));
    }
    brook::progress(1.0, "done");
    u32::try_from(start.elapsed().as_millis()).unwrap_or(u32::MAX)
}

#[test]
fn b38_progress_fills_the_spinner_at_most_every_30_ms_and_always_at_the_end() {
    let _guard = shared();
    let session = start_session(|st: &St| st.text(b38_crunch(2000).to_string()));
    let deltas = run_collecting(&session);
    let spinners = spinner_deltas(&deltas);
    let elapsed_ms: u32 = session.with_tree(|tree| match &tree.main[0].element {
        brook::element::Element::Text { body, .. } => body.parse().unwrap(),
        other => panic!("unexpected {other:?}"),
    });
    assert_eq!(spinners.first(), Some(&shown("b38_crunch", "Crunching")));
    assert_eq!(spinners.last(), Some(&None));
    let updates: Vec<&Progress> = spinners[1..spinners.len() - 1]
        .iter()
        .map(|p| p.as_ref().unwrap())
        .collect();
    assert!(updates.iter().all(|p| p.function == "b38_crunch"));
    assert_eq!(
        updates.first().map(|p| (p.fraction, p.message.as_str())),
        Some((Some(0.0), "step 0")),
        "the first report is sent at once"
    );
    assert_eq!(
        updates.last().map(|p| (p.fraction, p.message.as_str())),
        Some((Some(1.0), "done")),
        "a report of 1.0 is always sent"
    );
    // 2001 reports; at most one per 30 ms gets through, plus the final one.
    let allowed = elapsed_ms as usize / 30 + 2;
    assert!(
        updates.len() <= allowed,
        "{} updates in {elapsed_ms} ms (at most {allowed})",
        updates.len()
    );
    assert_eq!(PROGRESS_CALLS.load(SeqCst), 2000);
    // Outside a run, progress does nothing (and does not fail).
    brook::progress(0.5, "no run");
}
