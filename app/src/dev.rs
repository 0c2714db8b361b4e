//! The app's side of `brook dev`: the running app shows "rebuilding…" and
//! compile errors sent by `brook dev`, hands its state over when a new
//! build replaces it, and starts from the state handed to it.
//!
//! `brook dev` starts the app with [`DEV_ENV`] set and sends it one
//! [`Message`] per line on its standard input, as RON. On
//! [`Message::HandOver`] the app writes a [`Handover`] (RON) to the path
//! given and closes; the new build is started with [`HANDOVER_ENV`]
//! naming that file. What is carried over: the window's position and size,
//! the value of every widget but buttons and file uploaders, and every
//! session-state key whose value is one of the plain types of [`Handed`]
//! (keys persisted with `persist` come back from their own file). Other
//! keys are dropped, and the new build says which, once.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::Context as _;
use brook_engine::element::{Value, WidgetId};
use brook_engine::state::SessionState;
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

/// Set (to `1`) by `brook dev` in the app's environment: the app reads
/// [`Message`]s from its standard input.
pub const DEV_ENV: &str = "BROOK_DEV";

/// Set by `brook dev` to the [`Handover`] file the app starts from.
pub const HANDOVER_ENV: &str = "BROOK_DEV_HANDOVER";

/// What `brook dev` tells the running app, one per line (RON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Message {
    /// A source changed: a build started. The app shows "rebuilding…".
    Building,
    /// The build failed with rustc's messages (file, line and the error):
    /// the app shows them and goes on running.
    Failed(String),
    /// The build passed but a newer change follows: the app clears the
    /// error it showed.
    Built,
    /// The new build is ready: write the [`Handover`] to this path and
    /// close.
    HandOver(PathBuf),
}

/// A session-state value of a plain type, carried to the new build with
/// its type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Handed {
    /// A `bool`.
    Bool(bool),
    /// An `i64`.
    I64(i64),
    /// An `i32`.
    I32(i32),
    /// A `u32`.
    U32(u32),
    /// A `u64`.
    U64(u64),
    /// A `usize`.
    Usize(usize),
    /// An `f64`.
    F64(f64),
    /// An `f32`.
    F32(f32),
    /// A `String`.
    Text(String),
    /// A `Vec<String>`.
    Texts(Vec<String>),
    /// A `Vec<i64>`.
    I64s(Vec<i64>),
    /// A `Vec<f64>`.
    F64s(Vec<f64>),
    /// A `chrono::NaiveDate`.
    Date(chrono::NaiveDate),
    /// A `chrono::NaiveDateTime`.
    DateTime(chrono::NaiveDateTime),
}

impl Handed {
    /// The value of `any` when its type is one of these.
    fn of(any: &dyn std::any::Any) -> Option<Self> {
        macro_rules! try_types {
            ($($ty:ty => $variant:ident),* $(,)?) => {
                $(if let Some(value) = any.downcast_ref::<$ty>() {
                    return Some(Self::$variant(value.clone()));
                })*
            };
        }
        try_types!(
            bool => Bool, i64 => I64, i32 => I32, u32 => U32, u64 => U64, usize => Usize,
            f64 => F64, f32 => F32, String => Text, Vec<String> => Texts, Vec<i64> => I64s,
            Vec<f64> => F64s, chrono::NaiveDate => Date, chrono::NaiveDateTime => DateTime,
        );
        None
    }

    /// Stores the value under `key`, with its own type.
    fn store(self, state: &mut SessionState, key: &str) -> Result<(), brook_engine::BrookError> {
        match self {
            Self::Bool(v) => state.set(key, v),
            Self::I64(v) => state.set(key, v),
            Self::I32(v) => state.set(key, v),
            Self::U32(v) => state.set(key, v),
            Self::U64(v) => state.set(key, v),
            Self::Usize(v) => state.set(key, v),
            Self::F64(v) => state.set(key, v),
            Self::F32(v) => state.set(key, v),
            Self::Text(v) => state.set(key, v),
            Self::Texts(v) => state.set(key, v),
            Self::I64s(v) => state.set(key, v),
            Self::F64s(v) => state.set(key, v),
            Self::Date(v) => state.set(key, v),
            Self::DateTime(v) => state.set(key, v),
        }
    }
}

/// What a replaced app hands to its new build.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Handover {
    /// The window: outer position and inner size, in points
    /// (`[x, y, width, height]`).
    pub window: Option<[f32; 4]>,
    /// Widget values: id, label (for messages), value as the window sees it.
    pub widgets: Vec<(WidgetId, String, Value)>,
    /// Session-state keys of plain types.
    pub session_state: Vec<(String, Handed)>,
    /// Session-state keys that could not be carried, with their types.
    pub dropped: Vec<(String, String)>,
}

impl Handover {
    /// The hand-over of a session's state (no window).
    pub fn of_state(state: &SessionState) -> Self {
        let mut handover = Self {
            widgets: state.widget_values(),
            ..Self::default()
        };
        for (key, value, type_name) in state.user_values() {
            match Handed::of(value) {
                Some(handed) => handover.session_state.push((key.to_owned(), handed)),
                None => handover
                    .dropped
                    .push((key.to_owned(), type_name.to_owned())),
            }
        }
        handover
    }

    /// Gives a session's state, before its first run, what was handed over:
    /// the session-state keys now, the widget values to each widget when it
    /// is created. Returns the notice for the person when keys were
    /// dropped (here or by the old build).
    pub fn apply(&self, state: &mut SessionState) -> Option<String> {
        let mut dropped: Vec<String> = self
            .dropped
            .iter()
            .map(|(key, type_name)| format!("`{key}` ({type_name})"))
            .collect();
        for (key, value) in &self.session_state {
            if let Err(err) = value.clone().store(state, key) {
                dropped.push(format!("`{key}` ({err})"));
            }
        }
        state.hand_over_widget_values(
            self.widgets
                .iter()
                .map(|(id, _, value)| (id.clone(), value.clone())),
        );
        (!dropped.is_empty()).then(|| {
            format!(
                "brook dev: these session-state keys were not carried over to the new build, as \
                 their types are not plain values: {}. They start afresh; declare them with \
                 `st.session_state().persist::<T>(key)` to keep them.",
                dropped.join(", ")
            )
        })
    }

    /// Writes the hand-over to `path` atomically.
    ///
    /// # Errors
    /// When it cannot be serialized or written.
    pub fn write(&self, path: &Path) -> anyhow::Result<()> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .context("cannot serialize the hand-over")?;
        brook_engine::files::write_atomically(path, text.as_bytes())
            .with_context(|| format!("cannot write the hand-over {}", path.display()))
    }

    /// Reads a hand-over file.
    ///
    /// # Errors
    /// When it cannot be read or is not a hand-over.
    pub fn read(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the hand-over {}", path.display()))?;
        ron::from_str(&text)
            .with_context(|| format!("{} is not a brook dev hand-over", path.display()))
    }
}

/// Where the app stands with `brook dev`, shown above the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) enum Status {
    /// Nothing to show.
    #[default]
    Idle,
    /// A build is running.
    Building,
    /// The last build failed with these messages.
    Failed(String),
    /// Write the hand-over here and close.
    HandOver(PathBuf),
    /// `brook dev` is gone (stopped, or killed): close as when the person
    /// closes the window, so no window is left behind.
    Gone,
}

/// The app process's dev state: the status from `brook dev`, the window's
/// context to repaint, and the hand-over it started from.
struct Dev {
    status: Mutex<Status>,
    ctx: OnceLock<egui::Context>,
    incoming: Mutex<Option<Handover>>,
}

fn dev() -> Option<&'static Dev> {
    static DEV: OnceLock<Option<Dev>> = OnceLock::new();
    DEV.get_or_init(|| {
        std::env::var_os(DEV_ENV).is_some().then(|| Dev {
            status: Mutex::new(Status::Idle),
            ctx: OnceLock::new(),
            incoming: Mutex::new(None),
        })
    })
    .as_ref()
}

/// Whether this process runs under `brook dev`.
pub(crate) fn active() -> bool {
    dev().is_some()
}

/// Under `brook dev`: reads the hand-over named by [`HANDOVER_ENV`] (kept
/// for the main window's session) and starts the thread that reads
/// `brook dev`'s messages. Returns the window's position and size.
pub(crate) fn start() -> Option<[f32; 4]> {
    let dev = dev()?;
    let incoming = std::env::var_os(HANDOVER_ENV).and_then(|path| {
        Handover::read(Path::new(&path))
            .inspect_err(|err| log::warn!(target: "brook", "brook dev: {err:#}"))
            .ok()
    });
    let window = incoming.as_ref().and_then(|handover| handover.window);
    *dev.incoming.lock() = incoming;
    let spawned = std::thread::Builder::new()
        .name("brook-dev".to_owned())
        .spawn(|| {
            use std::io::BufRead as _;
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else { break };
                match ron::from_str::<Message>(&line) {
                    Ok(message) => receive(message),
                    Err(err) => log::warn!(target: "brook", "brook dev: unreadable message: {err}"),
                }
            }
            // The end of the messages: `brook dev` stopped.
            set_status(Status::Gone);
        });
    if let Err(err) = spawned {
        log::warn!(target: "brook", "brook dev: cannot listen to brook dev: {err}");
    }
    window
}

fn receive(message: Message) {
    let status = match message {
        Message::Building => Status::Building,
        Message::Failed(text) => {
            println!("brook dev: the build failed; the error is shown and this build goes on");
            Status::Failed(text)
        }
        Message::Built => Status::Idle,
        Message::HandOver(path) => Status::HandOver(path),
    };
    set_status(status);
}

fn set_status(status: Status) {
    let Some(dev) = dev() else { return };
    // A hand-over asked for stays asked for.
    let mut current = dev.status.lock();
    if !matches!(*current, Status::HandOver(_)) {
        *current = status;
    }
    drop(current);
    if let Some(ctx) = dev.ctx.get() {
        ctx.request_repaint();
    }
}

/// Keeps the window's context to repaint when a message arrives.
pub(crate) fn set_context(ctx: &egui::Context) {
    if let Some(dev) = dev() {
        let _ = dev.ctx.set(ctx.clone());
    }
}

/// The hand-over the main window's session starts from (taken once).
pub(crate) fn take_incoming() -> Option<Handover> {
    dev()?.incoming.lock().take()
}

/// The current status.
pub(crate) fn status() -> Status {
    dev()
        .map(|dev| dev.status.lock().clone())
        .unwrap_or_default()
}

/// Marks the hand-over as done (the window is closing).
pub(crate) fn handed_over() {
    if let Some(dev) = dev() {
        *dev.status.lock() = Status::Idle;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::*;
    use crate::testing::AppTest;

    /// The old build of a script and the new one: the same widgets, a
    /// changed string literal.
    fn script(title: &'static str) -> impl Fn(&St) + Send + Sync + 'static {
        move |st: &St| {
            st.title(title);
            let days = st.slider("Days", 7..=365).default(90).show();
            let city = st
                .selectbox("City", ["Oslo", "Lisbon"])
                .key("city")
                .show()
                .unwrap_or("Oslo");
            let visits = st.session_state().get_or_insert("visits", 0_i64);
            st.text(format!("{city} {days} {visits}"));
        }
    }

    #[derive(Clone, Debug, PartialEq)]
    struct Opaque(u8);

    #[test]
    fn widget_values_and_session_state_survive_a_new_build() {
        let mut old = AppTest::new(script("Temperatures"));
        old.run();
        old.widget("Days").set_value(120).run();
        old.widget("City").select("Lisbon").run();
        old.session_state().set("visits", 3_i64).unwrap();
        old.session_state().set("opaque", Opaque(1)).unwrap();
        old.run();
        assert_eq!(old.text(), ["Lisbon 120 3"]);

        let handover = old.session().with_state(|state| Handover::of_state(state));
        assert_eq!(
            handover.dropped,
            [(
                "opaque".to_owned(),
                std::any::type_name::<Opaque>().to_owned()
            )]
        );
        // Through the file, as between the two processes.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("handover.ron");
        handover.write(&path).unwrap();
        let read = Handover::read(&path).unwrap();
        assert_eq!(read, handover);

        let mut new = AppTest::new(script("Temperatures, edited"));
        let notice = new.session().with_state(|state| read.apply(state));
        new.run();
        assert_eq!(new.title(), ["Temperatures, edited"]);
        assert_eq!(new.text(), ["Lisbon 120 3"]);
        let notice = notice.unwrap();
        assert!(notice.contains("`opaque`"), "{notice}");
        assert!(!notice.contains("visits"), "{notice}");
    }

    #[test]
    fn a_handed_value_the_new_build_cannot_take_falls_back() {
        let mut old = AppTest::new(|st: &St| {
            st.slider("Days", 7..=365).default(90).show();
        });
        old.run();
        old.widget("Days").set_value(300).run();
        let handover = old.session().with_state(|state| Handover::of_state(state));

        // The new build narrowed the slider: a different widget identity
        // (unkeyed, its bounds changed), so it starts at its default.
        let mut new = AppTest::new(|st: &St| {
            let days = st.slider("Days", 7..=100).default(30).show();
            st.text(days.to_string());
        });
        new.session().with_state(|state| handover.apply(state));
        new.run();
        assert_eq!(new.text(), ["30"]);
    }
}
