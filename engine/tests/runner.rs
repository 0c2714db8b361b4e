//! The runner thread: streaming, interruption by a new event, stop, timeouts.
#![allow(clippy::unwrap_used, reason = "it's a test")]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use brook_engine::element::{Delta, Element, RunOutcome, SessionStatus, TextStyle};
use brook_engine::testing::{AppTest, AppTestError};
use brook_engine::{Event, Session, SessionOptions, St};
use crossbeam_channel::{Receiver, Sender, bounded};

fn text(st: &St, body: &str) {
    st.emit(Element::Text {
        style: TextStyle::Text,
        body: body.into(),
    });
}

/// Waits for the next delta matching `want`, failing after 10 s.
fn wait_for(session: &Session, want: impl Fn(&Delta) -> bool) -> Delta {
    loop {
        let delta = session
            .deltas()
            .recv_timeout(Duration::from_secs(10))
            .expect("a delta within 10 s");
        if want(&delta) {
            return delta;
        }
    }
}

#[test]
fn elements_stream_to_the_window_before_the_run_ends() {
    let (release_tx, release_rx): (Sender<()>, Receiver<()>) = bounded(1);
    let session = Session::start(
        Arc::new(move |st: &St| {
            text(st, "first");
            // Hold the run open until the test has seen "first".
            release_rx.recv_timeout(Duration::from_secs(10)).ok();
            text(st, "second");
        }),
        SessionOptions {
            stream: true,
            ..SessionOptions::default()
        },
    )
    .unwrap();
    session.send(Event::Rerun).unwrap();
    let first = wait_for(&session, |d| matches!(d, Delta::Set { .. }));
    assert!(
        matches!(first, Delta::Set { element: Element::Text { ref body, .. }, .. } if body == "first")
    );
    release_tx.send(()).unwrap();
    let finished = wait_for(&session, |d| matches!(d, Delta::RunFinished { .. }));
    assert_eq!(
        finished,
        Delta::RunFinished {
            run: 1,
            outcome: RunOutcome::Completed
        }
    );
    assert_eq!(session.tree().main.len(), 2);
}

#[test]
fn a_new_event_interrupts_the_run_at_its_next_brook_call() {
    let finished_runs = Arc::new(AtomicUsize::new(0));
    let (started_tx, started_rx) = bounded(4);
    let counter = Arc::clone(&finished_runs);
    let session = Session::start(
        Arc::new(move |st: &St| {
            let run = st.run_number();
            let _ = started_tx.try_send(run);
            if run == 1 {
                // Keep making brook calls; the second event must stop us.
                for _ in 0..1_000_000 {
                    text(st, "working");
                    std::thread::yield_now();
                }
            }
            counter.fetch_add(1, Ordering::SeqCst);
        }),
        SessionOptions::default(),
    )
    .unwrap();
    session.send(Event::Rerun).unwrap();
    assert_eq!(started_rx.recv_timeout(Duration::from_secs(10)).unwrap(), 1);
    session.send(Event::Rerun).unwrap();
    let interrupted = wait_for(&session, |d| matches!(d, Delta::RunFinished { .. }));
    assert_eq!(
        interrupted,
        Delta::RunFinished {
            run: 1,
            outcome: RunOutcome::Interrupted
        }
    );
    let second = wait_for(&session, |d| matches!(d, Delta::RunFinished { .. }));
    assert_eq!(
        second,
        Delta::RunFinished {
            run: 2,
            outcome: RunOutcome::Completed
        }
    );
    assert_eq!(started_rx.try_recv().unwrap(), 2);
    assert_eq!(
        finished_runs.load(Ordering::SeqCst),
        1,
        "run 1 never reached its end"
    );
}

#[test]
fn the_stop_event_ends_the_run_and_keeps_what_it_drew() {
    let (started_tx, started_rx) = bounded(1);
    let session = Session::start(
        Arc::new(move |st: &St| {
            text(st, "before");
            let _ = started_tx.try_send(());
            for _ in 0..1_000_000 {
                std::thread::yield_now();
                st.session_state().contains("x");
                text(st, "loop");
            }
        }),
        SessionOptions::default(),
    )
    .unwrap();
    session.send(Event::Rerun).unwrap();
    started_rx.recv_timeout(Duration::from_secs(10)).unwrap();
    session.send(Event::Stop).unwrap();
    let finished = wait_for(&session, |d| matches!(d, Delta::RunFinished { .. }));
    assert_eq!(
        finished,
        Delta::RunFinished {
            run: 1,
            outcome: RunOutcome::Stopped
        }
    );
    assert_eq!(
        wait_for(&session, |d| matches!(d, Delta::Status(_))),
        Delta::Status(SessionStatus::Idle)
    );
}

#[test]
fn app_test_times_out_and_says_so() {
    let stop = Arc::new(AtomicBool::new(false));
    let seen = Arc::clone(&stop);
    let mut at = AppTest::new(move |st| {
        while !seen.load(Ordering::SeqCst) {
            text(st, "spinning");
            std::thread::yield_now();
        }
    });
    let error = at
        .run_with_timeout(Duration::from_millis(200))
        .err()
        .unwrap();
    assert!(matches!(error, AppTestError::Timeout(_)));
    assert_eq!(
        error.to_string(),
        "AppTest script run timed out after 200ms"
    );
    stop.store(true, Ordering::SeqCst);
}

#[test]
fn a_panic_location_points_at_the_script() {
    let mut at = AppTest::new(|st| {
        text(st, "before");
        let values: Vec<u8> = Vec::new();
        #[allow(clippy::indexing_slicing, reason = "the panic is the point")]
        let _ = values[3];
    });
    at.run();
    let exceptions = at.exceptions();
    assert_eq!(exceptions.len(), 1);
    let (message, location) = &exceptions[0];
    assert!(message.contains("index out of bounds"), "{message}");
    assert!(
        location
            .as_deref()
            .unwrap()
            .starts_with("engine/tests/runner.rs:"),
        "{location:?}"
    );
    assert_eq!(at.text(), ["before"]);
}
