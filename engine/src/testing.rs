//! Headless app testing: run a script without a window, find widgets, set
//! values, click, run again, and read elements and session state
//! (Streamlit's `AppTest`, SPEC 6).
//!
//! `AppTest` drives the same [`Session`] and runner thread a window uses; it
//! needs no display and no GPU.

use std::time::{Duration, Instant};

use crate::element::{
    AlertLevel, Delta, Element, Node, SessionStatus, TextStyle, Tree, Value, WidgetElement,
    WidgetSpec,
};
use crate::error::BrookError;
use crate::script_runner::{Event, Session, SessionClock, SessionOptions, St};

/// The default run timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

/// Why a test run failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppTestError {
    /// The run took longer than the timeout; it was asked to stop.
    #[error("AppTest script run timed out after {0:?}")]
    Timeout(Duration),
    /// The runner thread could not be started or has ended.
    #[error("the session's runner thread is gone: {0}")]
    Runner(String),
}

/// A headless test of one app session.
///
/// ```
/// use brook_engine::testing::AppTest;
/// let mut at = AppTest::new(|st| {
///     st.session_state().get_or_insert("n", 1_i64);
/// });
/// at.run();
/// assert_eq!(at.session_state().get::<i64>("n"), Some(1));
/// ```
pub struct AppTest {
    session: Session,
    clock: SessionClock,
    progress: Vec<Option<crate::element::Progress>>,
    staged: Vec<Event>,
    timeout: Duration,
    /// Session state is persisted to a file: a run returns once the file
    /// is written, so a test reads on disk what the session holds.
    persists: bool,
}

impl AppTest {
    /// A test of `script`. Nothing runs until [`AppTest::run`].
    ///
    /// # Panics
    /// If the runner thread cannot be started (the OS is out of threads).
    pub fn new(script: impl Fn(&St) + Send + Sync + 'static) -> Self {
        Self::with_persist_path(script, None)
    }

    /// A test whose persisted session-state keys live in the RON file at
    /// `path` (as a window's do in the config folder), to test restarts:
    /// a second `AppTest` with the same path sees what the first saved.
    /// Each run returns once the file is written, so the file on disk is
    /// what session state holds.
    ///
    /// # Panics
    /// If the runner thread cannot be started.
    pub fn with_persist_path(
        script: impl Fn(&St) + Send + Sync + 'static,
        path: impl Into<Option<std::path::PathBuf>>,
    ) -> Self {
        let clock = SessionClock::manual();
        let path = path.into();
        let persists = path.is_some();
        let session = Session::start(
            std::sync::Arc::new(script),
            SessionOptions {
                clock: Some(clock.clone()),
                persist_path: path,
                ..SessionOptions::default()
            },
        )
        .expect("start the AppTest runner thread");
        Self {
            session,
            clock,
            progress: Vec::new(),
            staged: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
            persists,
        }
    }

    /// Sets the run timeout (default 3 s).
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The session under test.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Sends the staged interactions and runs the script, waiting until the
    /// session is idle (including reruns the script asks for).
    ///
    /// # Panics
    /// On timeout, with the message of [`AppTestError::Timeout`]; use
    /// [`AppTest::try_run`] to get the error instead.
    pub fn run(&mut self) -> &mut Self {
        if let Err(error) = self.try_run() {
            #[expect(clippy::panic, reason = "a test helper: a timeout fails the test")]
            {
                panic!("{error}");
            }
        }
        self
    }

    /// Like [`AppTest::run`], returning the error.
    pub fn try_run(&mut self) -> Result<&mut Self, AppTestError> {
        self.run_with_timeout(self.timeout)
    }

    /// Runs with a timeout of its own.
    pub fn run_with_timeout(&mut self, timeout: Duration) -> Result<&mut Self, AppTestError> {
        // Anything from earlier runs is old news.
        let mut events = std::mem::take(&mut self.staged);
        // The staged interactions run as they would in a window (a widget in
        // a fragment reruns the fragment); with none, the whole script runs.
        events.push(Event::Flush);
        self.send_and_wait(Event::Batch(events), timeout)
    }

    /// Stages a switch to the page titled `page` of a multipage app, as a
    /// click in the menu does; the next [`AppTest::run`] shows it.
    ///
    /// # Panics
    /// When the last run's `st.navigation` has no page of that title (the
    /// message lists the titles there are), or before the first run.
    pub fn switch_page(&mut self, page: &str) -> &mut Self {
        let pages = self.session.pages();
        if !pages.iter().any(|title| title == page) {
            #[expect(clippy::panic, reason = "a test helper: a wrong title fails the test")]
            {
                panic!(
                    "AppTest::switch_page(\"{page}\"): no page has that title; the pages are {pages:?}"
                );
            }
        }
        self.staged.push(Event::SwitchPage(page.to_owned()));
        self
    }

    /// The title of the page the last run showed (`None` in an app without
    /// pages).
    pub fn current_page(&self) -> Option<String> {
        self.session.current_page()
    }

    /// Moves the session clock forward and runs the `run_every` fragments
    /// that became due, waiting until the session is idle.
    ///
    /// # Panics
    /// On timeout.
    pub fn advance_time(&mut self, by: Duration) -> &mut Self {
        self.clock.advance(by);
        if let Err(error) = self.send_and_wait(Event::Tick, self.timeout) {
            #[expect(clippy::panic, reason = "a test helper: a timeout fails the test")]
            {
                panic!("{error}");
            }
        }
        self
    }

    fn send_and_wait(
        &mut self,
        event: Event,
        timeout: Duration,
    ) -> Result<&mut Self, AppTestError> {
        // Anything from earlier runs is old news.
        let _ = self.session.drain();
        self.session
            .send(event)
            .map_err(|_| AppTestError::Runner("the mailbox is full or closed".into()))?;
        let deadline = Instant::now() + timeout;
        self.progress.clear();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.session.deltas().recv_timeout(left) {
                Ok(Delta::Status(SessionStatus::Idle)) => {
                    if self.persists {
                        crate::state::wait_for_saves();
                    }
                    return Ok(self);
                }
                Ok(Delta::Progress(progress)) => self.progress.push(progress),
                Ok(_) => {}
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                    let _ = self.session.send(Event::Stop);
                    return Err(AppTestError::Timeout(timeout));
                }
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => {
                    return Err(AppTestError::Runner("disconnected".into()));
                }
            }
        }
    }

    /// The spinner updates of the last `run()`, in order: `Some` while a
    /// cached computation shows its spinner (with `progress()` fractions),
    /// `None` when it ended.
    pub fn progress(&self) -> &[Option<crate::element::Progress>] {
        &self.progress
    }

    /// Stages an event for the next run (for widget kinds without a helper).
    pub fn stage(&mut self, event: Event) -> &mut Self {
        self.staged.push(event);
        self
    }

    /// The tree of the last finished run.
    pub fn tree(&self) -> Tree {
        self.session.tree()
    }

    /// Every element of the last run, depth first, in display order
    /// (main body, then sidebar).
    pub fn elements(&self) -> Vec<Element> {
        self.session.with_tree(|tree| {
            tree.walk()
                .map(|node: &Node| node.element.clone())
                .collect()
        })
    }

    fn texts(&self, want: TextStyle) -> Vec<String> {
        self.elements()
            .into_iter()
            .filter_map(|e| match e {
                Element::Text { style, body } if style == want => Some(body),
                _ => None,
            })
            .collect()
    }

    /// Bodies of markdown elements, in order.
    pub fn markdown(&self) -> Vec<String> {
        self.texts(TextStyle::Markdown)
    }

    /// Bodies of plain text elements, in order.
    pub fn text(&self) -> Vec<String> {
        self.texts(TextStyle::Text)
    }

    /// Titles, in order.
    pub fn title(&self) -> Vec<String> {
        self.texts(TextStyle::Title)
    }

    /// Headers, in order.
    pub fn header(&self) -> Vec<String> {
        self.texts(TextStyle::Header)
    }

    /// Subheaders, in order.
    pub fn subheader(&self) -> Vec<String> {
        self.texts(TextStyle::Subheader)
    }

    /// Captions, in order.
    pub fn caption(&self) -> Vec<String> {
        self.texts(TextStyle::Caption)
    }

    /// Every text-like body (title, headers, markdown, text, caption, alerts,
    /// code), in order: handy for "does the page say X".
    pub fn all_text(&self) -> Vec<String> {
        self.elements()
            .into_iter()
            .filter_map(|e| match e {
                Element::Text { body, .. } | Element::Alert { body, .. } => Some(body),
                Element::Code { code, .. } => Some(code),
                _ => None,
            })
            .collect()
    }

    /// Bodies of alerts of one level, in order.
    pub fn alerts(&self, level: AlertLevel) -> Vec<String> {
        self.elements()
            .into_iter()
            .filter_map(|e| match e {
                Element::Alert { level: l, body } if l == level => Some(body),
                _ => None,
            })
            .collect()
    }

    /// Every table of the last run, in order: dataframes (selectable ones
    /// too) and static tables. A data editor's table is its
    /// [`DataEditorHandle::table`].
    pub fn tables(&self) -> Vec<crate::data::Table> {
        self.elements()
            .into_iter()
            .filter_map(|e| match e {
                Element::Table { table, .. }
                | Element::Widget(WidgetElement {
                    spec: WidgetSpec::Dataframe { table, .. },
                    ..
                }) => Some(table),
                _ => None,
            })
            .collect()
    }

    /// Every chart of the last run: (kind, table, x, y).
    pub fn charts(
        &self,
    ) -> Vec<(
        crate::element::ChartKind,
        crate::data::Table,
        Option<String>,
        Vec<String>,
    )> {
        self.elements()
            .into_iter()
            .filter_map(|e| match e {
                Element::Chart { kind, table, x, y } => Some((kind, table, x, y)),
                _ => None,
            })
            .collect()
    }

    /// Every metric of the last run: (label, value, delta).
    pub fn metrics(&self) -> Vec<(String, String, Option<String>)> {
        self.elements()
            .into_iter()
            .filter_map(|e| match e {
                Element::Metric {
                    label,
                    value,
                    delta,
                    ..
                } => Some((label, value, delta)),
                _ => None,
            })
            .collect()
    }

    /// Bodies of toasts of the last run.
    pub fn toasts(&self) -> Vec<String> {
        self.elements()
            .into_iter()
            .filter_map(|e| match e {
                Element::Toast { body } => Some(body),
                _ => None,
            })
            .collect()
    }

    /// Bodies of warnings.
    pub fn warning(&self) -> Vec<String> {
        self.alerts(AlertLevel::Warning)
    }

    /// Bodies of errors.
    pub fn error(&self) -> Vec<String> {
        self.alerts(AlertLevel::Error)
    }

    /// Exception messages, in order (a script's panic lands here as an
    /// exception element, not in the test).
    pub fn exception(&self) -> Vec<String> {
        self.exceptions()
            .into_iter()
            .map(|(message, _)| message)
            .collect()
    }

    /// Exceptions with their locations.
    pub fn exceptions(&self) -> Vec<(String, Option<String>)> {
        self.elements()
            .into_iter()
            .filter_map(|e| match e {
                Element::Exception { message, location } => Some((message, location)),
                _ => None,
            })
            .collect()
    }

    /// Every widget of the last run, in display order.
    pub fn widgets(&self) -> Vec<WidgetElement> {
        self.with_widgets(|widgets| widgets.cloned().collect())
    }

    /// Widgets of one kind (`"slider"`, `"button"`, ...), in display order.
    pub fn widgets_of(&self, kind: &str) -> Vec<WidgetElement> {
        self.with_widgets(|widgets| {
            widgets
                .filter(|w| w.spec.kind_name() == kind)
                .cloned()
                .collect()
        })
    }

    /// Reads the last run's widgets, depth first, without copying them
    /// (a lookup copies only the widget it finds).
    fn with_widgets<R>(&self, f: impl FnOnce(&mut dyn Iterator<Item = &WidgetElement>) -> R) -> R {
        self.session.with_tree(|tree| {
            f(
                &mut tree.walk().filter_map(|node: &Node| match &node.element {
                    Element::Widget(w) => Some(w),
                    _ => None,
                }),
            )
        })
    }

    /// Looks a widget up by key, or else by label.
    ///
    /// # Panics
    /// If no widget has that key or label, or several share the label
    /// (look those up by key).
    pub fn widget(&mut self, key_or_label: &str) -> WidgetHandle<'_> {
        let found = self.with_widgets(|widgets| {
            let (mut by_key, mut by_label) = (Vec::new(), Vec::new());
            for w in widgets {
                if w.key.as_deref() == Some(key_or_label) {
                    by_key.push(w);
                } else if w.label == key_or_label {
                    by_label.push(w);
                }
            }
            match (by_key.as_slice(), by_label.as_slice()) {
                ([one], _) | ([], [one]) => Ok((*one).clone()),
                // Several keyed alike cannot be (keys are unique); a key
                // that is also another widget's label goes to the key.
                ([], []) => Err(None),
                (_, many) => Err(Some(many.len())),
            }
        });
        let element = match found {
            Ok(element) => element,
            #[expect(
                clippy::panic,
                reason = "a test helper: a missing widget fails the test"
            )]
            Err(None) => panic!(
                "no widget with key or label \"{key_or_label}\" in the last run; widgets: {:?}",
                self.widgets()
                    .iter()
                    .map(|w| (&w.label, &w.key))
                    .collect::<Vec<_>>()
            ),
            #[expect(
                clippy::panic,
                reason = "a test helper: an ambiguous lookup fails the test"
            )]
            Err(Some(many)) => {
                panic!("{many} widgets are labelled \"{key_or_label}\"; look them up by key")
            }
        };
        WidgetHandle { at: self, element }
    }

    /// The `index`-th widget of a kind, in display order.
    ///
    /// # Panics
    /// If there are not that many.
    pub fn nth(&mut self, kind: &str, index: usize) -> WidgetHandle<'_> {
        let found = self.with_widgets(|widgets| {
            widgets
                .filter(|w| w.spec.kind_name() == kind)
                .nth(index)
                .cloned()
        });
        let element = match found {
            Some(element) => element,
            #[expect(
                clippy::panic,
                reason = "a test helper: a missing widget fails the test"
            )]
            None => panic!(
                "there are {} {kind} widgets; no index {index}",
                self.widgets_of(kind).len()
            ),
        };
        WidgetHandle { at: self, element }
    }

    /// The data editor with `key` (or the only data editor when `key` is
    /// empty), to edit cells, add and delete rows before the next run.
    ///
    /// ```
    /// use brook_engine::testing::AppTest;
    ///
    /// // A test of a script with `st.data_editor(&tickets).key("tickets")`:
    /// fn close_the_first_ticket(at: &mut AppTest) {
    ///     at.data_editor("tickets")
    ///         .edit_cell(0, "status", "closed")
    ///         .add_row([("title", "New one")])
    ///         .delete_rows([2])
    ///         .run();
    /// }
    /// # let _ = close_the_first_ticket;
    /// ```
    ///
    /// # Panics
    /// If there is no such data editor.
    pub fn data_editor(&mut self, key: &str) -> DataEditorHandle<'_> {
        let element = self.table_widget("data_editor", key);
        let edits = match WidgetHandle::pending_of(self, &element) {
            Value::TableEdits(edits) => *edits,
            _ => crate::data::TableEdits::default(),
        };
        DataEditorHandle {
            at: self,
            element,
            edits,
        }
    }

    /// The selectable dataframe with `key` (made with `.on_select(...)`;
    /// the only one when `key` is empty), to select rows, columns or
    /// cells before the next run.
    ///
    /// # Panics
    /// If there is no such dataframe.
    pub fn dataframe(&mut self, key: &str) -> DataframeHandle<'_> {
        let element = self.table_widget("dataframe", key);
        let selection = match WidgetHandle::pending_of(self, &element) {
            Value::TableSelection(selection) => *selection,
            _ => crate::data::TableSelection::default(),
        };
        DataframeHandle {
            at: self,
            element,
            selection,
        }
    }

    fn table_widget(&self, kind: &str, key: &str) -> WidgetElement {
        let found: Vec<WidgetElement> = self
            .widgets_of(kind)
            .into_iter()
            .filter(|w| key.is_empty() || w.key.as_deref() == Some(key))
            .collect();
        match <[WidgetElement; 1]>::try_from(found) {
            Ok([one]) => one,
            #[expect(
                clippy::panic,
                reason = "a test helper: a missing widget fails the test"
            )]
            Err(found) => panic!(
                "{} {kind} widgets with key \"{key}\" in the last run; keys: {:?}",
                found.len(),
                self.widgets_of(kind)
                    .iter()
                    .map(|w| w.key.clone())
                    .collect::<Vec<_>>()
            ),
        }
    }

    /// Session state, to read, or to set before a run.
    pub fn session_state(&self) -> AppTestState<'_> {
        AppTestState { at: self }
    }
}

/// A widget of the last run, to read or to change before the next run.
pub struct WidgetHandle<'a> {
    at: &'a mut AppTest,
    element: WidgetElement,
}

impl<'a> WidgetHandle<'a> {
    /// The element as drawn in the last run (label, options, UI value...).
    pub fn element(&self) -> &WidgetElement {
        &self.element
    }

    /// The widget's label.
    pub fn label(&self) -> &str {
        &self.element.label
    }

    /// The widget's typed value: what the script got from it in the last
    /// run, a button's click included.
    ///
    /// # Panics
    /// If the widget is gone or its value is not a `T`.
    pub fn value<T: Clone + 'static>(&self) -> T {
        let id = &self.element.id;
        let found = self.at.session.with_state(|state| {
            state.widgets.get(id).map(|w| {
                let got = w.returned.as_ref().unwrap_or(&w.value);
                crate::state::coerce::<T>(got.as_any()).ok_or(got.type_name())
            })
        });
        match found {
            Some(Ok(value)) => value,
            #[expect(clippy::panic, reason = "a test helper: a wrong type fails the test")]
            Some(Err(found)) => panic!(
                "the {} \"{}\" holds a `{found}`, not a `{}`",
                self.element.spec.kind_name(),
                self.element.label,
                std::any::type_name::<T>()
            ),
            #[expect(
                clippy::panic,
                reason = "a test helper: a missing widget fails the test"
            )]
            None => panic!("the widget \"{}\" no longer exists", self.element.label),
        }
    }

    /// The value the window holds for the widget now: the last value
    /// staged for it since the last run, else a value waiting for its form's
    /// submit, else the value drawn in the last run. Staged actions build on
    /// it, so two selections before one run keep both.
    pub fn pending_value(&self) -> Value {
        let id = &self.element.id;
        let staged = self.at.staged.iter().rev().find_map(|event| match event {
            Event::WidgetChanged { id: changed, value } if changed == id => Some(value.clone()),
            _ => None,
        });
        if let Some(value) = staged {
            return value;
        }
        let waiting = self.element.form.as_ref().and_then(|form| {
            self.at.session.with_state(|state| {
                let typed = state
                    .pending
                    .get(form)?
                    .iter()
                    .find(|(member, _)| member == id)
                    .map(|(_, typed)| typed)?;
                Some(state.widgets.get(id)?.codec.encode(typed.as_any()))
            })
        });
        waiting.unwrap_or_else(|| self.element.value.clone())
    }

    /// The window's value of `element` now (see [`WidgetHandle::pending_value`]).
    fn pending_of(at: &mut AppTest, element: &WidgetElement) -> Value {
        WidgetHandle {
            at,
            element: element.clone(),
        }
        .pending_value()
    }

    /// Whether a value the person gave this form field waits for the
    /// form's submit (the window draws it; the script does not have it yet).
    pub fn is_waiting(&self) -> bool {
        let id = &self.element.id;
        self.element.form.as_ref().is_some_and(|form| {
            self.at.session.with_state(|state| {
                state
                    .pending
                    .get(form)
                    .is_some_and(|pending| pending.iter().any(|(member, _)| member == id))
            })
        })
    }

    /// Stages a new value in the window's form ([`Value`]); it takes effect
    /// on the next run.
    pub fn set_ui_value(self, value: Value) -> &'a mut AppTest {
        let id = self.element.id.clone();
        self.at.stage(Event::WidgetChanged { id, value })
    }

    /// Stages a value: a number for sliders and number inputs, a pair
    /// `(low, high)` for range sliders (options' text for select range
    /// sliders), a bool for
    /// checkboxes and toggles, text for text inputs, an option's text for
    /// selectboxes and radios.
    ///
    /// # Panics
    /// If the value does not fit the widget (an option that is not there).
    pub fn set_value(self, value: impl Into<TestValue>) -> &'a mut AppTest {
        let value = value.into();
        let ui = match (&self.element.spec, value) {
            (
                WidgetSpec::Slider { integer: true, .. }
                | WidgetSpec::NumberInput { integer: true, .. },
                TestValue::Int(v),
            ) => Value::Int(v),
            #[expect(clippy::cast_precision_loss, reason = "test values are small")]
            (WidgetSpec::Slider { .. } | WidgetSpec::NumberInput { .. }, TestValue::Int(v)) => {
                Value::Float(v as f64)
            }
            (WidgetSpec::Slider { .. } | WidgetSpec::NumberInput { .. }, TestValue::Float(v)) => {
                Value::Float(v)
            }
            (WidgetSpec::Checkbox { .. }, TestValue::Bool(v)) => Value::Bool(v),
            (WidgetSpec::TextInput { .. } | WidgetSpec::TextArea { .. }, TestValue::Text(v)) => {
                Value::Text(v)
            }
            (
                WidgetSpec::Selectbox { options, .. } | WidgetSpec::Radio { options, .. },
                TestValue::Text(v),
            ) => Value::Index(option_index(&self.element, options, &v)),
            (WidgetSpec::RangeSlider { .. }, TestValue::Range(ends)) => Value::Range(ends),
            #[expect(clippy::cast_precision_loss, reason = "option positions are small")]
            (WidgetSpec::SelectRangeSlider { options }, TestValue::Options(low, high)) => {
                Value::Range([
                    option_index(&self.element, options, &low) as f64,
                    option_index(&self.element, options, &high) as f64,
                ])
            }
            (WidgetSpec::SelectSlider { options }, TestValue::Text(v)) => {
                Value::Index(option_index(&self.element, options, &v))
            }
            (WidgetSpec::DateInput { .. } | WidgetSpec::TimeInput { .. }, TestValue::Text(v)) => {
                Value::Text(v)
            }
            (WidgetSpec::DateTimeInput { .. }, TestValue::Text(v)) => {
                Value::Text(v.trim().replacen(' ', "T", 1))
            }
            (WidgetSpec::ColorPicker, TestValue::Text(v)) => match parse_hex(&v) {
                Some([r, g, b]) => Value::Color([r, g, b, 255]),
                #[expect(clippy::panic, reason = "a test helper: a wrong value fails the test")]
                None => panic!("{v:?} is not a colour: use \"#rrggbb\""),
            },
            (_, TestValue::Ui(v)) => v,
            #[expect(clippy::panic, reason = "a test helper: a wrong value fails the test")]
            (spec, value) => panic!(
                "{value:?} does not fit the {} \"{}\"",
                spec.kind_name(),
                self.element.label
            ),
        };
        self.set_ui_value(ui)
    }

    /// Stages a component's value (see `brook::widgets::component`): `value`
    /// is sent as the window would send it, as RON text, and the next run
    /// reads it back as the component's value type.
    ///
    /// # Panics
    /// If `value` cannot be written as RON (its `Serialize` fails).
    pub fn set_component<T: serde::Serialize + ?Sized>(self, value: &T) -> &'a mut AppTest {
        match crate::guard::to_ron(value) {
            Ok(text) => self.set_ui_value(Value::Component(text.into())),
            #[expect(clippy::panic, reason = "a test helper: a wrong value fails the test")]
            Err(why) => panic!(
                "the value for the component \"{}\" cannot be written as RON: {why}",
                self.element.label
            ),
        }
    }

    /// Picks a colour, `"#rrggbb"`.
    pub fn pick(self, hex: &str) -> &'a mut AppTest {
        self.set_value(hex)
    }

    /// Gives a file uploader one file (as if chosen in the dialog or
    /// dropped on the window).
    pub fn upload(self, name: &str, bytes: impl Into<std::sync::Arc<[u8]>>) -> &'a mut AppTest {
        self.upload_all(vec![crate::element::UploadedFile {
            name: name.to_owned(),
            bytes: bytes.into(),
        }])
    }

    /// Gives a file uploader several files.
    pub fn upload_all(self, files: Vec<crate::element::UploadedFile>) -> &'a mut AppTest {
        self.set_ui_value(Value::Files(files))
    }

    /// The bytes a download button would save, and its file name.
    ///
    /// # Panics
    /// If the widget is not a download button.
    pub fn download(&self) -> (String, std::sync::Arc<[u8]>) {
        match &self.element.spec {
            WidgetSpec::DownloadButton { file_name, data } => {
                (file_name.clone(), std::sync::Arc::clone(data))
            }
            #[expect(clippy::panic, reason = "a test helper: a wrong widget fails the test")]
            other => panic!(
                "\"{}\" is a {}, not a download_button",
                self.element.label,
                other.kind_name()
            ),
        }
    }

    /// Clicks a button (true for the next run only).
    pub fn click(self) -> &'a mut AppTest {
        let id = self.element.id.clone();
        self.at.stage(Event::ButtonClicked { id })
    }

    /// Checks a checkbox or toggle.
    pub fn check(self) -> &'a mut AppTest {
        self.set_ui_value(Value::Bool(true))
    }

    /// Unchecks a checkbox or toggle.
    pub fn uncheck(self) -> &'a mut AppTest {
        self.set_ui_value(Value::Bool(false))
    }

    /// Types `text` into a text input or area; ignored past `max_chars`.
    pub fn input(self, text: &str) -> &'a mut AppTest {
        let too_long = match &self.element.spec {
            WidgetSpec::TextInput { max_chars, .. } | WidgetSpec::TextArea { max_chars, .. } => {
                max_chars.is_some_and(|max| text.chars().count() > max)
            }
            _ => false,
        };
        if too_long {
            return self.at;
        }
        self.set_ui_value(Value::Text(text.to_owned()))
    }

    /// Selects an option by its text (selectbox, radio), or adds it to a
    /// multiselect's selection (nothing if already selected).
    pub fn select(self, option: &str) -> &'a mut AppTest {
        let current = self.pending_value();
        match (&self.element.spec, &current) {
            (WidgetSpec::Multiselect { options, .. }, current) => {
                let index = option_index(&self.element, options, option);
                let mut chosen = match current {
                    Value::Indices(v) => v.clone(),
                    _ => Vec::new(),
                };
                if !chosen.contains(&index) {
                    chosen.push(index);
                }
                self.set_ui_value(Value::Indices(chosen))
            }
            _ => self.set_value(option),
        }
    }

    /// Selects an option by position.
    pub fn select_index(self, index: usize) -> &'a mut AppTest {
        self.set_ui_value(Value::Index(index))
    }

    /// Removes an option from a multiselect's selection.
    pub fn unselect(self, option: &str) -> &'a mut AppTest {
        let current = self.pending_value();
        let (WidgetSpec::Multiselect { options, .. }, Value::Indices(current)) =
            (&self.element.spec, &current)
        else {
            return self.at;
        };
        let index = option_index(&self.element, options, option);
        let chosen = current.iter().copied().filter(|&i| i != index).collect();
        self.set_ui_value(Value::Indices(chosen))
    }

    /// Adds one step to a number input, up to its max.
    pub fn increment(self) -> &'a mut AppTest {
        self.step(1.0)
    }

    /// Takes one step off a number input, down to its min.
    pub fn decrement(self) -> &'a mut AppTest {
        self.step(-1.0)
    }

    fn step(self, sign: f64) -> &'a mut AppTest {
        let WidgetSpec::NumberInput {
            min,
            max,
            step,
            integer,
            ..
        } = self.element.spec.clone()
        else {
            return self.at;
        };
        let clamp = |v: f64| {
            v.max(min.unwrap_or(f64::NEG_INFINITY))
                .min(max.unwrap_or(f64::INFINITY))
        };
        let value = match self.pending_value() {
            #[expect(
                clippy::cast_precision_loss,
                clippy::cast_possible_truncation,
                reason = "widget ranges"
            )]
            Value::Int(v) if integer => Value::Int(clamp(v as f64 + sign * step) as i64),
            Value::Float(v) => Value::Float(clamp(v + sign * step)),
            _ => return self.at,
        };
        self.set_ui_value(value)
    }
}

/// A data editor of the last run, with edits staged for the next run
/// (see [`AppTest::data_editor`]). Rows are positions in the table the
/// script gave the editor.
pub struct DataEditorHandle<'a> {
    at: &'a mut AppTest,
    element: WidgetElement,
    edits: crate::data::TableEdits,
}

impl<'a> DataEditorHandle<'a> {
    /// The edits as they are now (drawn in the last run, plus those
    /// staged).
    pub fn edits(&self) -> &crate::data::TableEdits {
        &self.edits
    }

    /// The table the editor shows (before the edits).
    pub fn table(&self) -> Option<&crate::data::Table> {
        match &self.element.spec {
            WidgetSpec::DataEditor { table, .. } => Some(table),
            _ => None,
        }
    }

    /// Sets the cell of input row `row` in `column`, as a person typing
    /// `value` would (text is parsed for the column's type by the editor's
    /// checks on the next run).
    #[must_use]
    pub fn edit_cell(
        mut self,
        row: usize,
        column: &str,
        value: impl Into<crate::data::Cell>,
    ) -> Self {
        self.edits
            .set(crate::data::EditorRow::Data(row), column, value.into());
        self
    }

    /// Sets a cell of the `at`-th added row.
    #[must_use]
    pub fn edit_added_cell(
        mut self,
        at: usize,
        column: &str,
        value: impl Into<crate::data::Cell>,
    ) -> Self {
        self.edits
            .set(crate::data::EditorRow::Added(at), column, value.into());
        self
    }

    /// Adds a row with these cells (the other columns take their
    /// defaults).
    #[must_use]
    pub fn add_row<K: Into<String>, V: Into<crate::data::Cell>>(
        mut self,
        cells: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.edits.added_rows.push(
            cells
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        );
        self
    }

    /// Deletes input rows (positions in the table given to the editor).
    #[must_use]
    pub fn delete_rows(mut self, rows: impl IntoIterator<Item = usize>) -> Self {
        let rows: Vec<_> = rows.into_iter().map(crate::data::EditorRow::Data).collect();
        self.edits.delete(&rows);
        self
    }

    /// Stages the edits without running.
    pub fn stage(self) -> &'a mut AppTest {
        let id = self.element.id.clone();
        self.at.stage(Event::WidgetChanged {
            id,
            value: Value::TableEdits(Box::new(self.edits)),
        })
    }

    /// Stages the edits and runs the script.
    pub fn run(self) -> &'a mut AppTest {
        self.stage().run()
    }
}

/// A selectable dataframe of the last run, with a selection staged for
/// the next run (see [`AppTest::dataframe`]). Rows are positions in the
/// table the script gave the dataframe.
pub struct DataframeHandle<'a> {
    at: &'a mut AppTest,
    element: WidgetElement,
    selection: crate::data::TableSelection,
}

impl<'a> DataframeHandle<'a> {
    /// The selection as it is now.
    pub fn selection(&self) -> &crate::data::TableSelection {
        &self.selection
    }

    /// Selects these rows (replacing the selected rows).
    #[must_use]
    pub fn select_rows(mut self, rows: impl IntoIterator<Item = usize>) -> Self {
        self.selection.rows = rows.into_iter().collect();
        self.selection.rows.sort_unstable();
        self.selection.rows.dedup();
        self
    }

    /// Selects these columns (replacing the selected columns).
    #[must_use]
    pub fn select_columns<S: Into<String>>(mut self, columns: impl IntoIterator<Item = S>) -> Self {
        self.selection.columns = columns.into_iter().map(Into::into).collect();
        self
    }

    /// Selects these cells, (row, column) (replacing the selected cells).
    #[must_use]
    pub fn select_cells<S: Into<String>>(
        mut self,
        cells: impl IntoIterator<Item = (usize, S)>,
    ) -> Self {
        self.selection.cells = cells.into_iter().map(|(r, c)| (r, c.into())).collect();
        self
    }

    /// Clears the selection.
    #[must_use]
    pub fn clear(mut self) -> Self {
        self.selection = crate::data::TableSelection::default();
        self
    }

    /// Stages the selection without running.
    pub fn stage(self) -> &'a mut AppTest {
        let id = self.element.id.clone();
        self.at.stage(Event::WidgetChanged {
            id,
            value: Value::TableSelection(Box::new(self.selection)),
        })
    }

    /// Stages the selection and runs the script.
    pub fn run(self) -> &'a mut AppTest {
        self.stage().run()
    }
}

fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().trim_start_matches('#');
    if hex.len() != 6 {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn option_index(element: &WidgetElement, options: &[String], option: &str) -> usize {
    match options.iter().position(|o| o == option) {
        Some(index) => index,
        #[expect(
            clippy::panic,
            reason = "a test helper: a missing option fails the test"
        )]
        None => panic!(
            "\"{option}\" is not an option of \"{}\": {options:?}",
            element.label
        ),
    }
}

/// A value a test sets on a widget; converted to the widget's own form.
#[derive(Clone, Debug, PartialEq)]
pub enum TestValue {
    /// A whole number.
    Int(i64),
    /// A float.
    Float(f64),
    /// A bool.
    Bool(bool),
    /// Text, or an option's text.
    Text(String),
    /// The two ends of a range slider, from a pair: `(20, 80)`.
    Range([f64; 2]),
    /// The two ends of a select range slider, by their options' text:
    /// `("Mar", "May")`.
    Options(String, String),
    /// A window value, sent as is.
    Ui(Value),
}

#[expect(clippy::cast_precision_loss, reason = "test values are small")]
impl From<(i64, i64)> for TestValue {
    fn from((low, high): (i64, i64)) -> Self {
        Self::Range([low as f64, high as f64])
    }
}

impl From<(&str, &str)> for TestValue {
    fn from((low, high): (&str, &str)) -> Self {
        Self::Options(low.to_owned(), high.to_owned())
    }
}

impl From<(i32, i32)> for TestValue {
    fn from((low, high): (i32, i32)) -> Self {
        Self::Range([f64::from(low), f64::from(high)])
    }
}

impl From<(f64, f64)> for TestValue {
    fn from((low, high): (f64, f64)) -> Self {
        Self::Range([low, high])
    }
}

impl From<i64> for TestValue {
    fn from(v: i64) -> Self {
        Self::Int(v)
    }
}
impl From<i32> for TestValue {
    fn from(v: i32) -> Self {
        Self::Int(i64::from(v))
    }
}
impl From<f64> for TestValue {
    fn from(v: f64) -> Self {
        Self::Float(v)
    }
}
impl From<bool> for TestValue {
    fn from(v: bool) -> Self {
        Self::Bool(v)
    }
}
impl From<&str> for TestValue {
    fn from(v: &str) -> Self {
        Self::Text(v.to_owned())
    }
}
impl From<String> for TestValue {
    fn from(v: String) -> Self {
        Self::Text(v)
    }
}
impl From<Value> for TestValue {
    fn from(v: Value) -> Self {
        Self::Ui(v)
    }
}

/// Session state of an [`AppTest`], between runs.
pub struct AppTestState<'a> {
    at: &'a AppTest,
}

impl AppTestState<'_> {
    /// The value of `key` as `T`, or `None` when missing or of another type.
    pub fn get<T: Clone + 'static>(&self, key: &str) -> Option<T> {
        self.at.session.with_state(|s| s.get::<T>(key).ok())
    }

    /// The value of `key`, or the error (missing, wrong type).
    pub fn try_get<T: Clone + 'static>(&self, key: &str) -> Result<T, BrookError> {
        self.at.session.with_state(|s| s.get::<T>(key))
    }

    /// Sets `key` before the next run, like a write at the top of the
    /// script: a test can start from any state (a logged-in user, a value
    /// carried over from another page).
    pub fn set<T: std::any::Any + Send>(&self, key: &str, value: T) -> Result<(), BrookError> {
        self.at.session.with_state(|s| s.set(key, value))
    }

    /// Whether `key` is set.
    pub fn contains(&self, key: &str) -> bool {
        self.at.session.with_state(|s| s.contains(key))
    }

    /// Every key, sorted.
    pub fn keys(&self) -> Vec<String> {
        self.at.session.with_state(|s| s.keys())
    }

    /// Removes `key`; returns whether it was there.
    pub fn remove(&self, key: &str) -> bool {
        self.at.session.with_state(|s| s.remove(key))
    }
}
