//! The session and its runner thread.

use std::cell::{Cell, RefCell};
use std::panic::AssertUnwindSafe;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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
    /// Stop the current run (the stop button).
    Stop,
    /// End the session's runner thread.
    Shutdown,
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
/// own values, so a full mailbox only delays a rerun).
const EVENT_CAPACITY: usize = 1024;
/// Deltas in flight to the window before the runner waits for it.
const DELTA_CAPACITY: usize = 1 << 16;

impl Session {
    /// Starts a session running `script` on a new runner thread. Nothing
    /// runs until the first event (send [`Event::Rerun`] for the first run).
    pub fn start(script: Script, options: SessionOptions) -> std::io::Result<Self> {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let core = Arc::new(Mutex::new(Core {
            id,
            ..Core::default()
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let runner_stop = Arc::clone(&stop);
        let (events_tx, events_rx) = crossbeam_channel::bounded(EVENT_CAPACITY);
        let (deltas_tx, deltas_rx) = crossbeam_channel::bounded(DELTA_CAPACITY);
        let notified = Arc::new(AtomicBool::new(false));
        let sink = DeltaSink {
            tx: deltas_tx,
            stream: options.stream,
            notified: Arc::clone(&notified),
            notify: options.notify,
        };
        let runner_core = Arc::clone(&core);
        std::thread::Builder::new()
            .name("brook-runner".into())
            .spawn(move || runner_main(&runner_core, &script, &events_rx, &sink, &runner_stop))?;
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
    run: bool,
    shutdown: bool,
    /// Widgets changed or clicked since the last run, in first-touch order,
    /// with their value before the first change: a callback fires once, for
    /// the net change of the batch (B88).
    touched: Vec<(WidgetId, Box<dyn DynValue>)>,
}

impl Work {
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

fn absorb(core: &Mutex<Core>, event: Event, work: &mut Work) {
    let mut core = core.lock();
    let state = &mut core.state;
    match event {
        Event::WidgetChanged { id, value } => {
            let Some(widget) = state.widgets.get(&id) else {
                log::debug!("change for a widget that no longer exists: {id}");
                return;
            };
            if let Some(form) = widget.form.clone() {
                // Batched until the form's submit button (B104, B141).
                let pending = state.pending.entry(form).or_default();
                pending.retain(|(other, _)| *other != id);
                pending.push((id, value));
                return;
            }
            work.touch(&id, widget.value.as_ref());
            state.apply_ui_value(&id, &value);
            work.run = true;
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
                // Submit: every batched value of the form lands at once,
                // before the submit callback runs (B103).
                for (member, value) in state.pending.remove(&form).unwrap_or_default() {
                    state.apply_ui_value(&member, &value);
                }
            }
            if let Some(widget) = state.widgets.get_mut(&id) {
                work.touch(&id, widget.value.as_ref());
                widget.value = Box::new(true);
            }
            work.run = true;
        }
        Event::Rerun => work.run = true,
        Event::Stop => work.run = false,
        Event::Shutdown => work.shutdown = true,
    }
}

fn runner_main(
    core: &Mutex<Core>,
    script: &Script,
    events: &Receiver<Event>,
    sink: &DeltaSink,
    stop: &Arc<AtomicBool>,
) {
    install_panic_hook();
    let mut work = Work::default();
    while let Ok(event) = events.recv() {
        absorb(core, event, &mut work);
        for event in events.try_iter() {
            absorb(core, event, &mut work);
        }
        if work.shutdown {
            return;
        }
        if !work.run {
            continue;
        }
        sink.send(Delta::Status(SessionStatus::Running));
        while work.run && !work.shutdown {
            work.run = false;
            let callbacks = work.callbacks(core);
            let (run, outcome) = run_once(core, script, events, callbacks, sink, stop);
            // Events that came during the run decide what follows it.
            for event in events.try_iter() {
                absorb(core, event, &mut work);
            }
            let reported = match outcome {
                Outcome::Completed => RunOutcome::Completed,
                Outcome::Stopped => RunOutcome::Stopped,
                Outcome::Rerun => {
                    work.run = true;
                    RunOutcome::Interrupted
                }
                Outcome::Interrupted if work.run => RunOutcome::Interrupted,
                Outcome::Interrupted => {
                    // The stop button: keep what the run drew; a click that
                    // started it is spent.
                    core.lock().state.reset_triggers();
                    RunOutcome::Stopped
                }
            };
            sink.send(Delta::RunFinished {
                run,
                outcome: reported,
            });
        }
        sink.send(Delta::Status(SessionStatus::Idle));
        if work.shutdown {
            return;
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Completed,
    Stopped,
    Rerun,
    Interrupted,
}

fn run_once(
    core: &Mutex<Core>,
    script: &Script,
    events: &Receiver<Event>,
    callbacks: Vec<Callback>,
    sink: &DeltaSink,
    stop: &Arc<AtomicBool>,
) -> (u64, Outcome) {
    stop.store(false, Ordering::Release);
    let mut guard = core.lock();
    guard.run += 1;
    let run = guard.run;
    let mut state = std::mem::take(&mut guard.state);
    state.run = run;
    state.running = true;
    state.forms_this_run.clear();
    sink.send(Delta::RunStarted { run });
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

    let mut outcome = Outcome::Completed;
    for callback in callbacks {
        match catch(|| callback(&st)) {
            Ok(()) => {}
            Err(Caught::Abort(Abort::Rerun)) => push_main(
                &ctx,
                Element::Alert {
                    level: AlertLevel::Warning,
                    body:
                        "Calling st.rerun() within a callback is a no-op: the script reruns after \
                           callbacks anyway."
                            .into(),
                },
            ),
            Err(Caught::Abort(Abort::Stop)) => {
                outcome = Outcome::Stopped;
                break;
            }
            Err(Caught::Abort(Abort::Interrupt)) => {
                outcome = Outcome::Interrupted;
                break;
            }
            Err(Caught::Abort(Abort::Error(error))) => {
                push_exception(&ctx, error.to_string(), None)
            }
            Err(Caught::Panic { message, location }) => {
                push_exception(&ctx, format!("A callback panicked: {message}"), location);
            }
        }
    }
    ctx.borrow_mut().phase = Phase::Script;
    if outcome == Outcome::Completed {
        match catch(|| script(&st)) {
            Ok(()) => {}
            Err(Caught::Abort(Abort::Rerun)) => outcome = Outcome::Rerun,
            Err(Caught::Abort(Abort::Stop)) => outcome = Outcome::Stopped,
            Err(Caught::Abort(Abort::Interrupt)) => outcome = Outcome::Interrupted,
            Err(Caught::Abort(Abort::Error(error))) => {
                push_exception(&ctx, error.to_string(), None)
            }
            Err(Caught::Panic { message, location }) => push_exception(&ctx, message, location),
        }
    }
    drop(st);
    drop(current);

    let mut ctx = ctx.borrow_mut();
    if outcome == Outcome::Completed {
        ctx.finish_forms();
    }
    ctx.finished = true;
    let mut state = std::mem::take(&mut ctx.state);
    let tree = std::mem::take(&mut ctx.tree);
    state.running = false;
    match outcome {
        Outcome::Completed => {
            state.cleanup_after_run();
            state.reset_triggers();
            guard.tree = tree;
        }
        Outcome::Stopped => {
            state.reset_triggers();
            guard.tree = tree;
        }
        // A rerun asked by the script consumes the click that led to it, so
        // `if button { st.rerun() }` does not loop.
        Outcome::Rerun => state.reset_triggers(),
        // An interrupted run keeps its clicks for the run that follows
        // (Streamlit coalesces reruns so a button press is never lost).
        Outcome::Interrupted => {}
    }
    guard.state = state;
    (run, outcome)
}

fn push_main(ctx: &Rc<RefCell<RunCtx>>, element: Element) {
    ctx.borrow_mut().push_main(element);
}

fn push_exception(ctx: &Rc<RefCell<RunCtx>>, message: String, location: Option<String>) {
    push_main(ctx, Element::Exception { message, location });
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
