//! The session and its runner thread.

use std::cell::{Cell, RefCell};
use std::panic::AssertUnwindSafe;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender, TrySendError};
use parking_lot::Mutex;

use crate::element::{
    AlertLevel, Delta, Element, RunOutcome, SessionStatus, Tree, Value, WidgetId,
};
use crate::script_runner::run_context::{Abort, DeltaSink, Phase, RunCtx, St, set_current};
use crate::state::{Callback, DynValue, SessionState};

/// A brook script: a plain function run top to bottom on every interaction.
pub type Script = Arc<dyn Fn(&St) + Send + Sync>;

/// What the window (or AppTest) tells the runner. Streamlit's request mailbox.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// The person changed a widget's value.
    WidgetChanged {
        /// Which widget.
        id: WidgetId,
        /// Its new value.
        value: Value,
    },
    /// The person clicked a button (or a form's submit button).
    ButtonClicked {
        /// Which button.
        id: WidgetId,
    },
    /// Run the script again (the R key, the rerun menu item).
    Rerun,
    /// Show the page of this title (a click in the menu or on a page
    /// link): the next run's `st.navigation` returns it.
    SwitchPage(String),
    /// Stop the current run (the stop button).
    Stop,
    /// End the session's runner thread.
    Shutdown,
    /// Several events that must be handled as one batch (AppTest's staged
    /// interactions): no run starts between them.
    Batch(Vec<Event>),
    /// Make sure a run follows this batch: a full run unless the batch
    /// already caused one (AppTest's `run()`).
    Flush,
    /// Time moved (a manual clock was advanced): start the fragments whose
    /// `run_every` is due.
    Tick,
}

/// How a session streams what it produces.
#[derive(Clone, Default)]
pub struct SessionOptions {
    /// Stream every element as it is produced (a window). Without it only
    /// run boundaries are sent (AppTest, benchmarks).
    pub stream: bool,
    /// Called (at most once until [`Session::drain`]) when deltas wait:
    /// the window's repaint request.
    pub notify: Option<Arc<dyn Fn() + Send + Sync>>,
    /// The clock of `run_every` fragments: real time unless a manual clock
    /// is given (AppTest).
    pub clock: Option<SessionClock>,
    /// Where persisted session-state keys are kept (a RON file); `None`
    /// keeps them in memory only.
    pub persist_path: Option<std::path::PathBuf>,
}

/// The time a session sees, for fragments' `run_every`.
#[derive(Clone, Debug)]
pub enum SessionClock {
    /// Real time since the session started.
    Real(std::time::Instant),
    /// Time that moves only when advanced (tests).
    Manual(Arc<std::sync::atomic::AtomicU64>),
}

impl SessionClock {
    /// A manual clock at zero.
    pub fn manual() -> Self {
        Self::Manual(Arc::new(std::sync::atomic::AtomicU64::new(0)))
    }

    /// Time since the clock started.
    pub fn now(&self) -> Duration {
        match self {
            Self::Real(start) => start.elapsed(),
            Self::Manual(nanos) => Duration::from_nanos(nanos.load(Ordering::Acquire)),
        }
    }

    /// Moves a manual clock forward (a real clock ignores this).
    pub fn advance(&self, by: Duration) {
        if let Self::Manual(nanos) = self {
            nanos.fetch_add(
                u64::try_from(by.as_nanos()).unwrap_or(u64::MAX),
                Ordering::AcqRel,
            );
        }
    }

    fn is_manual(&self) -> bool {
        matches!(self, Self::Manual(_))
    }
}

/// Sends events to a session from any thread. Cheap to clone.
#[derive(Clone)]
pub struct EventSender {
    events: Sender<Event>,
    stop: Arc<AtomicBool>,
}

impl EventSender {
    /// Sends an event without blocking; a full mailbox hands it back.
    pub fn send(&self, event: Event) -> Result<(), Event> {
        if event == Event::Stop {
            self.stop.store(true, Ordering::Release);
        }
        self.events.try_send(event).map_err(|err| match err {
            TrySendError::Full(event) | TrySendError::Disconnected(event) => event,
        })
    }
}

/// What outlives a run: the state and the last finished tree.
#[derive(Default)]
pub(crate) struct Core {
    pub(crate) id: u64,
    pub(crate) state: SessionState,
    pub(crate) tree: Tree,
    pub(crate) run: u64,
}

/// One person's view of one app: state, widgets, the last tree, and the
/// runner thread that runs the script.
///
/// Thread-safety: `Session` is `Send + Sync`; any thread may send events.
/// The script and callbacks run only on the session's runner thread, which
/// holds the state lock for the length of a run.
pub struct Session {
    id: u64,
    stop: Arc<AtomicBool>,
    core: Arc<Mutex<Core>>,
    events: Sender<Event>,
    deltas: Receiver<Delta>,
    notified: Arc<AtomicBool>,
}

/// Events that wait at most this long in the mailbox (the window keeps its
/// own values, so a full mailbox only delays a rerun). A bounded channel
/// holds its slots from the start: 1,024 events cost about 100 KB a session.
const EVENT_CAPACITY: usize = 1024;
// Deltas go to the window on an unbounded channel. A bounded one holds all
// its slots from the start (65,536 deltas were 18 MB a session, idle or
// not); an unbounded one grows by blocks of 31 as deltas wait and gives them
// back as they are read, so an idle session holds one block. It never
// blocks the runner, so a runner holding the state lock can never wait for
// a window that waits for that lock. What waits is bounded by what the
// runs draw between two frames: the window drains every delta each frame,
// and asks for a frame when the first one arrives (eframe still runs the UI
// of a minimized window, at a slower pace); AppTest reads them after each
// batch, and a dropped session's receiver goes with it.

impl Session {
    /// Starts a session running `script` on a new runner thread. Nothing
    /// runs until the first event (send [`Event::Rerun`] for the first run).
    pub fn start(script: Script, options: SessionOptions) -> std::io::Result<Self> {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let mut state = SessionState::default();
        if let Some(path) = options.persist_path.clone() {
            let (store, warning) = crate::state::PersistStore::open(path);
            state.store = store;
            state.notices_pending.extend(warning);
        }
        let core = Arc::new(Mutex::new(Core {
            id,
            state,
            ..Core::default()
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let runner_stop = Arc::clone(&stop);
        let (events_tx, events_rx) = crossbeam_channel::bounded(EVENT_CAPACITY);
        let (deltas_tx, deltas_rx) = crossbeam_channel::unbounded();
        let notified = Arc::new(AtomicBool::new(false));
        let sink = DeltaSink {
            tx: deltas_tx,
            stream: options.stream,
            notified: Arc::clone(&notified),
            notify: options.notify,
        };
        let runner_core = Arc::clone(&core);
        let clock = options
            .clock
            .unwrap_or_else(|| SessionClock::Real(std::time::Instant::now()));
        let runner = Runner {
            core: runner_core,
            script,
            events: events_rx,
            sink,
            stop: runner_stop,
            clock,
        };
        std::thread::Builder::new()
            .name("brook-runner".into())
            .spawn(move || runner.main())?;
        Ok(Self {
            id,
            stop,
            core,
            events: events_tx,
            deltas: deltas_rx,
            notified,
        })
    }

    /// Sends an event to the runner without blocking. A full mailbox hands
    /// the event back, to be sent again later.
    pub fn send(&self, event: Event) -> Result<(), Event> {
        if event == Event::Stop {
            self.stop.store(true, Ordering::Release);
        }
        self.events.try_send(event).map_err(|err| match err {
            TrySendError::Full(event) | TrySendError::Disconnected(event) => event,
        })
    }

    /// A handle other threads use to send events (a file dialog's thread).
    pub fn sender(&self) -> EventSender {
        EventSender {
            events: self.events.clone(),
            stop: Arc::clone(&self.stop),
        }
    }

    /// Every delta waiting, in order; re-arms the notification.
    pub fn drain(&self) -> Vec<Delta> {
        self.notified.store(false, Ordering::Release);
        self.deltas.try_iter().collect()
    }

    /// The delta receiver, to wait on (AppTest).
    pub fn deltas(&self) -> &Receiver<Delta> {
        &self.deltas
    }

    /// Reads or changes session state between runs (waits for a run in
    /// progress to end).
    pub fn with_state<R>(&self, f: impl FnOnce(&mut SessionState) -> R) -> R {
        f(&mut self.core.lock().state)
    }

    /// The title of the page of a multipage app the last run showed
    /// (`None` in an app without pages).
    pub fn current_page(&self) -> Option<String> {
        self.core.lock().state.page.clone()
    }

    /// The titles of the pages the last run's `st.navigation` offered.
    pub fn pages(&self) -> Vec<String> {
        self.core.lock().state.pages.clone()
    }

    /// The tree of the last run that finished (completed or stopped).
    pub fn tree(&self) -> Tree {
        self.core.lock().tree.clone()
    }

    /// Reads the last finished tree without copying it.
    pub fn with_tree<R>(&self, f: impl FnOnce(&Tree) -> R) -> R {
        f(&self.core.lock().tree)
    }

    /// The session's id (unique in the process).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The number of runs started so far.
    pub fn run_count(&self) -> u64 {
        self.core.lock().run
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // The runner ends at its next brook call or event; a script stuck in
        // a loop without brook calls keeps its thread until it returns.
        let _ = self.events.try_send(Event::Shutdown);
        crate::caching::end_session(self.id);
    }
}

/// What the mailbox asked for since the last run.
#[derive(Default)]
struct Work {
    /// A full run is due.
    full: bool,
    /// Fragment runs due (when no full run is), in order.
    fragments: Vec<String>,
    /// A `Flush` asked that some run follows.
    flush: bool,
    /// Time may have made `run_every` fragments due.
    tick: bool,
    shutdown: bool,
    /// Widgets changed or clicked since the last run, in first-touch order,
    /// with their value before the first change: a callback fires once, for
    /// the net change of the batch.
    touched: Vec<(WidgetId, Box<dyn DynValue>)>,
}

impl Work {
    /// Asks for a run of the fragment, or a full run when `fragment` is
    /// `None` (an interaction outside any fragment).
    fn request(&mut self, fragment: Option<&String>) {
        match fragment {
            None => self.full = true,
            Some(name) => {
                if !self.fragments.contains(name) {
                    self.fragments.push(name.clone());
                }
            }
        }
    }

    fn any_run(&self) -> bool {
        self.full || !self.fragments.is_empty()
    }

    fn clear_runs(&mut self) {
        self.full = false;
        self.fragments.clear();
        self.flush = false;
    }

    fn touch(&mut self, id: &WidgetId, before: &dyn DynValue) {
        if !self.touched.iter().any(|(seen, _)| seen == id) {
            self.touched.push((id.clone(), before.clone_box()));
        }
    }

    /// The callbacks due: widgets whose value differs from before the batch
    /// (a click turns a trigger from false to true).
    fn callbacks(&mut self, core: &Mutex<Core>) -> Vec<Callback> {
        let core = core.lock();
        std::mem::take(&mut self.touched)
            .into_iter()
            .filter_map(|(id, before)| {
                let widget = core.state.widgets.get(&id)?;
                let changed = !widget.value.eq_dyn(before.as_ref());
                changed.then(|| widget.callback.clone()).flatten()
            })
            .collect()
    }
}

/// Applies one event from the mailbox to the state and to what is due.
fn absorb(core_ref: &Mutex<Core>, event: Event, work: &mut Work) {
    let mut core = core_ref.lock();
    let state = &mut core.state;
    match event {
        Event::WidgetChanged { id, value } => {
            let Some(widget) = state.widgets.get(&id) else {
                log::debug!("change for a widget that no longer exists: {id}");
                return;
            };
            if let Some(form) = widget.form.clone() {
                // Batched until the form's submit button (B104, B141). A
                // value the widget cannot take is said at once (a run shows
                // or clears the refusal; the script sees no change), and
                // blocks the submit until it is fixed.
                let fragment = widget.fragment.clone();
                if state.stage_form_value(&form, &id, &value) {
                    work.request(fragment.as_ref());
                }
                return;
            }
            let fragment = widget.fragment.clone();
            work.touch(&id, widget.value.as_ref());
            state.apply_ui_value(&id, &value);
            work.request(fragment.as_ref());
        }
        Event::ButtonClicked { id } => {
            let Some(widget) = state.widgets.get(&id) else {
                log::debug!("click on a button that no longer exists: {id}");
                return;
            };
            if !widget.trigger {
                log::warn!("click on the non-button widget {id}; ignored");
                return;
            }
            if let Some(form) = widget.form.clone() {
                // A field whose input was refused blocks the submit: the
                // button stays false, no callback runs, the values keep
                // waiting, and the form says which field to fix.
                let fragment = widget.fragment.clone();
                let refused = state.refused_in_form(&form);
                if !refused.is_empty() {
                    state.form_refusals.insert(form);
                    work.request(fragment.as_ref());
                    return;
                }
                state.form_refusals.remove(&form);
                // Submit: every batched value of the form lands at once,
                // before the submit callback runs (B103).
                state.submit_form(&form);
            }
            if let Some(widget) = state.widgets.get_mut(&id) {
                work.touch(&id, widget.value.as_ref());
                widget.value = Box::new(true);
                let fragment = widget.fragment.clone();
                work.request(fragment.as_ref());
            }
        }
        Event::Rerun => work.full = true,
        Event::SwitchPage(page) => {
            state.page_request = Some(page);
            work.full = true;
        }
        Event::Stop => work.clear_runs(),
        Event::Shutdown => work.shutdown = true,
        Event::Flush => work.flush = true,
        Event::Tick => work.tick = true,
        Event::Batch(events) => {
            drop(core);
            for event in events {
                absorb(core_ref, event, work);
            }
        }
    }
}

/// The runner thread's belongings.
struct Runner {
    core: Arc<Mutex<Core>>,
    script: Script,
    events: Receiver<Event>,
    sink: DeltaSink,
    stop: Arc<AtomicBool>,
    clock: SessionClock,
}

impl Runner {
    /// Waits for the next event; with a real clock, wakes up when a
    /// `run_every` fragment is due (as a `Tick`).
    fn next_event(&self) -> Option<Event> {
        let due_in = if self.clock.is_manual() {
            None
        } else {
            let now = self.clock.now();
            self.core
                .lock()
                .state
                .next_fragment_due()
                .map(|due| due.saturating_sub(now))
        };
        match due_in {
            None => self.events.recv().ok(),
            Some(wait) => match self.events.recv_timeout(wait) {
                Ok(event) => Some(event),
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => Some(Event::Tick),
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => None,
            },
        }
    }

    fn absorb_waiting(&self, work: &mut Work) {
        for event in self.events.try_iter() {
            absorb(&self.core, event, work);
        }
        if std::mem::take(&mut work.tick) {
            let now = self.clock.now();
            for name in self.core.lock().state.fragments_due(now) {
                work.request(Some(&name));
            }
        }
    }

    fn main(self) {
        install_panic_hook();
        let mut work = Work::default();
        while let Some(event) = self.next_event() {
            absorb(&self.core, event, &mut work);
            self.absorb_waiting(&mut work);
            if work.shutdown {
                return;
            }
            if std::mem::take(&mut work.flush) && !work.any_run() {
                work.full = true;
            }
            if work.any_run() {
                self.sink.send(Delta::Status(SessionStatus::Running));
                self.run_due(&mut work);
            }
            // Idle after every batch, run or not: AppTest waits for it.
            self.sink.send(Delta::Status(SessionStatus::Idle));
            if work.shutdown {
                return;
            }
        }
    }

    /// Runs what is due until nothing is: full runs first, then fragments.
    fn run_due(&self, work: &mut Work) {
        while work.any_run() && !work.shutdown {
            let scope = if work.full {
                work.full = false;
                work.fragments.clear();
                None
            } else {
                Some(work.fragments.remove(0))
            };
            let callbacks = work.callbacks(&self.core);
            let (run, outcome) = match &scope {
                None => run_once(
                    &self.core,
                    &self.script,
                    &self.events,
                    callbacks,
                    &self.sink,
                    &self.stop,
                    &self.clock,
                ),
                Some(name) => run_fragment(
                    &self.core,
                    name,
                    &self.events,
                    callbacks,
                    &self.sink,
                    &self.stop,
                    &self.clock,
                ),
            };
            // Events that came during the run decide what follows it.
            self.absorb_waiting(work);
            let reported = match outcome {
                Outcome::Completed | Outcome::Failed => RunOutcome::Completed,
                Outcome::Stopped => RunOutcome::Stopped,
                Outcome::Rerun => {
                    work.full = true;
                    RunOutcome::Interrupted
                }
                Outcome::RerunFragment => {
                    work.request(scope.as_ref());
                    RunOutcome::Interrupted
                }
                Outcome::Interrupted if work.any_run() => RunOutcome::Interrupted,
                Outcome::Interrupted => {
                    // The stop button: keep what the run drew; a click that
                    // started it is spent.
                    self.core.lock().state.reset_triggers();
                    RunOutcome::Stopped
                }
            };
            self.sink.send(Delta::RunFinished {
                run,
                outcome: reported,
            });
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Completed,
    /// The script (or a fragment's body) ended in a panic or a misuse of
    /// brook: shown as an exception; the widgets it did not reach are kept.
    Failed,
    Stopped,
    Rerun,
    RerunFragment,
    Interrupted,
}

fn run_once(
    core: &Mutex<Core>,
    script: &Script,
    events: &Receiver<Event>,
    callbacks: Vec<Callback>,
    sink: &DeltaSink,
    stop: &Arc<AtomicBool>,
    clock: &SessionClock,
) -> (u64, Outcome) {
    stop.store(false, Ordering::Release);
    let mut guard = core.lock();
    guard.run += 1;
    let run = guard.run;
    let mut state = std::mem::take(&mut guard.state);
    state.run = run;
    state.running = true;
    state.forms_this_run.clear();
    state.fragments_this_run.clear();
    state.clock_now = clock.now();
    sink.send(Delta::RunStarted {
        run,
        fragment: None,
    });
    let ctx = Rc::new(RefCell::new(RunCtx::new(
        state,
        run,
        sink.clone(),
        events.clone(),
        guard.id,
        Arc::clone(stop),
    )));
    let current = set_current(&ctx);
    let st = St::root(Rc::clone(&ctx));
    let notices = std::mem::take(&mut ctx.borrow_mut().state.notices_pending);
    for body in notices {
        push_main(
            &ctx,
            Element::Alert {
                level: AlertLevel::Warning,
                body,
            },
        );
    }

    let outcome = run_body(&ctx, &st, callbacks, script.as_ref());
    drop(st);
    drop(current);

    let mut ctx = ctx.borrow_mut();
    if matches!(outcome, Outcome::Completed | Outcome::Failed) {
        ctx.finish_forms(outcome == Outcome::Completed);
    }
    ctx.finished = true;
    let mut state = std::mem::take(&mut ctx.state);
    let mut tree = std::mem::take(&mut ctx.tree);
    state.running = false;
    match outcome {
        Outcome::Completed | Outcome::Failed => {
            let cleared = state.clear_after_run.clone();
            if outcome == Outcome::Completed {
                state.cleanup_after_run();
            } else {
                // A run that failed part-way did not reach every widget:
                // those it did not reach keep their state (and their keys)
                // for the next run.
                state.clear_submitted_forms();
            }
            state.reset_triggers();
            if !cleared.is_empty() {
                show_cleared_forms(&mut tree, &state, &cleared, sink);
            }
            state.save_persisted();
            guard.tree = tree;
        }
        Outcome::Stopped => {
            state.reset_triggers();
            guard.tree = tree;
        }
        // A rerun asked by the script consumes the click that led to it, so
        // `if button { st.rerun() }` does not loop.
        Outcome::Rerun | Outcome::RerunFragment => state.reset_triggers(),
        // An interrupted run keeps its clicks for the run that follows
        // (Streamlit coalesces reruns so a button press is never lost).
        Outcome::Interrupted => {}
    }
    guard.state = state;
    (run, outcome)
}

/// Reruns one fragment: only its body runs, in its container; the rest of
/// the tree and every widget outside it stay as they were.
fn run_fragment(
    core: &Mutex<Core>,
    name: &str,
    events: &Receiver<Event>,
    callbacks: Vec<Callback>,
    sink: &DeltaSink,
    stop: &Arc<AtomicBool>,
    clock: &SessionClock,
) -> (u64, Outcome) {
    stop.store(false, Ordering::Release);
    let mut guard = core.lock();
    let Some((path, body, page)) = guard
        .state
        .fragments
        .get(name)
        .map(|f| (f.path.clone(), Arc::clone(&f.body), f.page.clone()))
    else {
        // The fragment is gone (the last full run did not draw it).
        let run = guard.run;
        return (run, Outcome::Rerun);
    };
    guard.run += 1;
    let run = guard.run;
    let mut state = std::mem::take(&mut guard.state);
    let mut tree = std::mem::take(&mut guard.tree);
    state.run = run;
    state.running = true;
    state.clock_now = clock.now();
    if let Some(fragment) = state.fragments.get_mut(name) {
        fragment.last_run = state.clock_now;
    }
    // Its elements are drawn again in place (B148).
    tree.truncate(path.root, &path.indices, 0);
    sink.send(Delta::RunStarted {
        run,
        fragment: Some(path.clone()),
    });
    let mut run_ctx = RunCtx::new(
        state,
        run,
        sink.clone(),
        events.clone(),
        guard.id,
        Arc::clone(stop),
    );
    run_ctx.tree = tree;
    run_ctx.current_fragment = Some(name.to_owned());
    run_ctx.fragment_run = true;
    // Its widgets belong to the page it was drawn on, as in a full run.
    run_ctx.page_running = page;
    let ctx = Rc::new(RefCell::new(run_ctx));
    let current = set_current(&ctx);
    let st = St::at(Rc::clone(&ctx), path.root, path.indices.clone());

    let outcome = run_body(&ctx, &st, callbacks, body.as_ref());
    drop(st);
    drop(current);

    let mut ctx = ctx.borrow_mut();
    ctx.finished = true;
    let mut state = std::mem::take(&mut ctx.state);
    guard.tree = std::mem::take(&mut ctx.tree);
    state.running = false;
    match outcome {
        Outcome::Completed => {
            state.cleanup_after_fragment(name);
            state.reset_triggers();
            state.save_persisted();
        }
        Outcome::Failed => {
            state.reset_triggers();
            state.save_persisted();
        }
        Outcome::Stopped | Outcome::Rerun | Outcome::RerunFragment => state.reset_triggers(),
        Outcome::Interrupted => {}
    }
    guard.state = state;
    (run, outcome)
}

/// Runs the due callbacks, then `body` (the script, or a fragment's body),
/// turning brook's aborts and user panics into the run's outcome and
/// exception elements where `st` writes.
fn run_body(
    ctx: &Rc<RefCell<RunCtx>>,
    st: &St,
    callbacks: Vec<Callback>,
    body: &(dyn Fn(&St) + Send + Sync),
) -> Outcome {
    for callback in callbacks {
        match catch(|| callback(st)) {
            Ok(()) => {}
            Err(Caught::Abort(Abort::Rerun | Abort::RerunFragment)) => st.push_unchecked(Element::Alert {
                level: AlertLevel::Warning,
                body: "Calling st.rerun() within a callback is a no-op: the script reruns after callbacks anyway."
                    .into(),
            }),
            // The page asked for is kept: the script run that follows shows it.
            Err(Caught::Abort(Abort::SwitchPage)) => {}
            Err(Caught::Abort(Abort::Stop)) => return Outcome::Stopped,
            Err(Caught::Abort(Abort::Interrupt)) => return Outcome::Interrupted,
            Err(Caught::Abort(Abort::Error(error))) => st.emit_exception(error.to_string(), None),
            Err(Caught::Panic { message, location }) => {
                st.emit_exception(format!("A callback panicked: {message}"), location);
            }
        }
    }
    ctx.borrow_mut().phase = Phase::Script;
    match catch(|| body(st)) {
        Ok(()) => Outcome::Completed,
        Err(Caught::Abort(Abort::Rerun | Abort::SwitchPage)) => Outcome::Rerun,
        Err(Caught::Abort(Abort::RerunFragment)) => Outcome::RerunFragment,
        Err(Caught::Abort(Abort::Stop)) => Outcome::Stopped,
        Err(Caught::Abort(Abort::Interrupt)) => Outcome::Interrupted,
        Err(Caught::Abort(Abort::Error(error))) => {
            st.emit_exception(error.to_string(), None);
            Outcome::Failed
        }
        Err(Caught::Panic { message, location }) => {
            st.emit_exception(message, location);
            Outcome::Failed
        }
    }
}

/// After a `clear_on_submit` form went back to its defaults, the window is
/// sent the widgets' new values at once, so it does not keep showing (and
/// later submitting) what was typed.
fn show_cleared_forms(
    tree: &mut Tree,
    state: &SessionState,
    forms: &ahash::HashSet<String>,
    sink: &DeltaSink,
) {
    fn walk(
        nodes: &mut [crate::element::Node],
        path: &mut crate::element::Path,
        state: &SessionState,
        forms: &ahash::HashSet<String>,
        sink: &DeltaSink,
    ) {
        for (index, node) in nodes.iter_mut().enumerate() {
            path.indices.push(u32::try_from(index).unwrap_or(u32::MAX));
            match &mut node.element {
                Element::Widget(widget)
                    if widget.form.as_ref().is_some_and(|f| forms.contains(f)) =>
                {
                    if let Some(state) = state.widgets.get(&widget.id) {
                        let value = state.codec.encode(state.value.as_any());
                        if value != widget.value {
                            widget.value = value;
                            sink.send(Delta::Set {
                                path: path.clone(),
                                element: node.element.clone(),
                            });
                        }
                    }
                }
                Element::Container { children, .. } => walk(children, path, state, forms, sink),
                _ => {}
            }
            path.indices.pop();
        }
    }
    for root in [crate::element::Root::Main, crate::element::Root::Sidebar] {
        let mut path = crate::element::Path {
            root,
            indices: Vec::new(),
        };
        let nodes = match root {
            crate::element::Root::Main => &mut tree.main,
            crate::element::Root::Sidebar => &mut tree.sidebar,
        };
        walk(nodes, &mut path, state, forms, sink);
    }
}

fn push_main(ctx: &Rc<RefCell<RunCtx>>, element: Element) {
    ctx.borrow_mut().push_main(element);
}

enum Caught {
    Abort(Abort),
    Panic {
        message: String,
        location: Option<String>,
    },
}

thread_local! {
    static CAPTURING: Cell<u32> = const { Cell::new(0) };
    static LAST_PANIC: RefCell<Option<(String, Option<String>)>> = const { RefCell::new(None) };
}

/// Routes panics of brook's runner threads into exception elements instead
/// of stderr; every other thread keeps the previous hook.
pub(crate) fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CAPTURING.with(Cell::get) > 0 {
                let message = info
                    .payload_as_str()
                    .unwrap_or("panic with a non-text payload")
                    .to_owned();
                let location = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                LAST_PANIC.with(|last| *last.borrow_mut() = Some((message, location)));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning brook's aborts and user panics into [`Caught`].
fn catch<R>(f: impl FnOnce() -> R) -> Result<R, Caught> {
    CAPTURING.with(|c| c.set(c.get() + 1));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    CAPTURING.with(|c| c.set(c.get().saturating_sub(1)));
    result.map_err(|payload| match payload.downcast::<Abort>() {
        Ok(abort) => Caught::Abort(*abort),
        Err(payload) => {
            let (message, location) = LAST_PANIC
                .with(|last| last.borrow_mut().take())
                .unwrap_or_else(|| {
                    let message = payload
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "panic with a non-text payload".to_owned());
                    (message, None)
                });
            Caught::Panic { message, location }
        }
    })
}
