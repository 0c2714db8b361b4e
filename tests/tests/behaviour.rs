//! Behaviour suite: one test per statement of SPEC 2 (Session State and
//! callbacks, B70..B104) and SPEC 3.1..3.7 (widget semantics, B105..B146),
//! plus the edge cases E2.x and E3.x that apply. Each test is named after
//! its statement and drives a script through the headless [`AppTest`].
//!
//! Where brook deliberately differs from Streamlit ("brook's choices" at the
//! top of SPEC.md), the test checks brook's behaviour and says so.
//!
//! Statements (or parts of statements) with no test, and why:
//!
//! - B72 (partly): closing/reloading a tab, Markdown links, server crashes and
//!   WebSocket reconnects are browser/server events; the test only checks that
//!   a new session starts with empty state.
//! - B73: "Settings → Clear cache" is an app-menu action of the window; there
//!   is no such event in AppTest. The script-side equivalent is B78.
//! - B74 (partly): attribute access (`st.session_state.key`) is Python syntax;
//!   brook has one typed API.
//! - B76 (partly): the `AttributeError` variant is Python-only.
//! - B77 (partly): removing a missing key returns `false` in brook instead of
//!   raising `KeyError` (a typed-API choice of brook, tested as such).
//! - B81 (partly): `str(key)` conversion is Python-only (keys are `&str`).
//! - B83: pickle-based `runner.enforceSerializableSessionState` is a
//!   Python/config feature; brook has no serializability check.
//! - B84 (partly): `args`/`kwargs` become values captured by a Rust closure.
//! - B85 (partly): `color_picker`, `date_input`, `data_editor`,
//!   `file_uploader`, `select_slider`, `time_input` do not exist in brook yet.
//! - B86 (partly): `download_button` does not exist in brook yet.
//! - B96 (partly): `global.disableWidgetStateDuplicationWarning` has no brook
//!   config; "once per process" is kept per session in brook (see E2.4).
//! - B97 (partly): `download_button`, `file_uploader`, `camera_input`,
//!   `audio_input`, `data_editor`, selectable charts and `chat_input` do not
//!   exist in brook yet.
//! - B110: `st-key-` DOM classes are browser-only.
//! - B112 (partly): `label_visibility` does not exist in brook yet.
//! - B113: the page as part of identity; brook has no pages yet.
//! - B117: the pre-1.50 identity model, which brook deliberately does not
//!   follow (brook's choices: the key decides identity). The test named
//!   after it checks the current model on its example instead.
//! - B118 (partly): the md5 recipe; brook hashes differently, only the
//!   observable properties (stable, `$$ID-` prefix, key suffix) are tested.
//! - B125: page changes; brook has no pages yet.
//! - B127: fragment reruns; fragments are a later issue.
//! - B133: `st.navigation` and multipage apps; brook has no pages yet.
//! - B140 (partly), B141 (partly): commit on blur/Enter and Ctrl+Enter are
//!   window (keyboard/focus) behaviour, not runner behaviour. "No rerun
//!   until submit" is checked as "no run sees the form's changes", since
//!   `AppTest::run` always reruns.
//! - B145: `scope="fragment"` is part of fragments, a later issue; an invalid
//!   `scope` cannot be written in brook (no scope parameter, typed API).
//! - B146: `st.experimental_rerun` deprecation is Python API history.
//! - E2.4: Streamlit's once-per-process warning is an artefact of a global
//!   flag; brook keeps the flag in the session, so it is once per session
//!   (tested in B96).
//! - E3.3: feature requests; the documented behaviour (deletion) is B124.
//! - E3.5: tabs/expander open state is a frontend artefact.
#![allow(clippy::unwrap_used, reason = "it's a test")]

use std::time::Duration;

use brook::Event;
use brook::element::{Delta, SessionStatus};
use brook::prelude::*;
use brook::testing::AppTest;

#[path = "behaviour/agreement.rs"]
mod agreement;
#[path = "behaviour/buttons.rs"]
mod buttons;
#[path = "behaviour/callbacks.rs"]
mod callbacks;
#[path = "behaviour/edge_cases.rs"]
mod edge_cases;
#[path = "behaviour/forms.rs"]
mod forms;
#[path = "behaviour/identity.rs"]
mod identity;
#[path = "behaviour/lifecycle.rs"]
mod lifecycle;
#[path = "behaviour/rerun.rs"]
mod rerun;
#[path = "behaviour/session_state.rs"]
mod session_state;
#[path = "behaviour/streamlit_port.rs"]
mod streamlit_port;
#[path = "behaviour/streamlit_port_window.rs"]
mod streamlit_port_window;
#[path = "behaviour/widget_state.rs"]
mod widget_state;
#[path = "behaviour/widgets.rs"]
mod widgets;

/// Adds one to the `i64` counter `key` and returns the new count.
fn count(st: &St, key: &str) -> i64 {
    let ss = st.session_state();
    let n = ss.get_or_insert(key, 0_i64) + 1;
    ss.set(key, n);
    n
}

/// Appends `line` to the `Vec<String>` log in session state.
fn log(st: &St, line: impl Into<String>) {
    let ss = st.session_state();
    let mut lines: Vec<String> = ss.get_or_insert("log", Vec::new());
    lines.push(line.into());
    ss.set("log", lines);
}

/// The log written by [`log`].
fn log_of(at: &AppTest) -> Vec<String> {
    at.session_state()
        .get::<Vec<String>>("log")
        .unwrap_or_default()
}

/// Runs `script` once in a new session and returns its exception messages.
fn exceptions_of(script: impl Fn(&St) + Send + Sync + 'static) -> Vec<String> {
    let mut at = AppTest::new(script);
    at.run();
    at.exception()
}

/// Whether one of `messages` contains every one of `parts`.
fn mentions(messages: &[String], parts: &[&str]) -> bool {
    messages.iter().any(|m| parts.iter().all(|p| m.contains(p)))
}

/// Waits until the session reports idle after events sent straight to it
/// (without AppTest's own rerun). Panics if no run happens.
fn wait_idle(at: &AppTest) {
    loop {
        match at.session().deltas().recv_timeout(Duration::from_secs(3)) {
            Ok(Delta::Status(SessionStatus::Idle)) => return,
            Ok(_) => {}
            Err(error) => panic!("the session never went idle again (no run happened?): {error}"),
        }
    }
}

/// Sends `events` to the session as one batch, as a window's events queue
/// up while a run is busy: the state lock is held while they are sent, so
/// the runner cannot start a run between them. Waits for the run.
fn send_together(at: &AppTest, events: Vec<Event>) {
    at.session().with_state(|_| {
        for event in events {
            at.session().send(event).unwrap();
        }
    });
    wait_idle(at);
}
