//! The run context and `St`, the handle a script writes through.

use ahash::HashMap;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crossbeam_channel::{Receiver, Sender};

use crate::element::{
    AlertLevel, ContainerKind, Delta, Element, Node, Path, Progress, Root, Value, WidgetElement,
    WidgetId, WidgetSpec,
};
use crate::error::BrookError;
use crate::script_runner::Event;
use crate::state::{
    Callback, Checked, Codec, IdBuilder, SessionState, UserValue, WidgetState, WidgetValue, coerce,
};

/// Why a run ends before the script returns. Carried by unwinding (as
/// Streamlit raises `StopException` / `RerunException`), caught by the runner.
#[derive(Debug)]
pub(crate) enum Abort {
    /// A new event arrived: stop here, apply it, run again.
    Interrupt,
    /// `st.rerun()`.
    Rerun,
    /// `st.rerun_fragment()`: rerun only the running fragment.
    #[cfg_attr(
        not(feature = "experimental"),
        allow(dead_code, reason = "made by an experimental API")
    )]
    RerunFragment,
    /// `st.stop()`.
    Stop,
    /// `st.switch_page(..)`: the page to run is set; run again (from a
    /// callback: the callback ends, and the run that follows shows it).
    SwitchPage,
    /// A misuse of brook; shown as an exception element.
    Error(BrookError),
}

/// Leaves the script with `abort`. Not a panic: no message, no hook.
pub(crate) fn abort(abort: Abort) -> ! {
    std::panic::resume_unwind(Box::new(abort))
}

/// Where the current run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    Callbacks,
    Script,
}

/// Where streamed deltas go, and how the window is told to look.
#[derive(Clone)]
pub(crate) struct DeltaSink {
    pub(crate) tx: Sender<Delta>,
    /// Whether elements are streamed (a window) or only run boundaries (AppTest).
    pub(crate) stream: bool,
    pub(crate) notified: Arc<AtomicBool>,
    pub(crate) notify: Option<Arc<dyn Fn() + Send + Sync>>,
}

impl DeltaSink {
    pub(crate) fn send(&self, delta: Delta) {
        // The receiver only goes away when the session is dropped; the
        // runner stops at its next event then.
        let _ = self.tx.send(delta);
        if !self.notified.swap(true, Ordering::AcqRel)
            && let Some(notify) = &self.notify
        {
            notify();
        }
    }
}

struct FormInfo {
    path: Path,
    has_submit: bool,
}

/// Everything a run needs. Lives on the runner thread for one run.
pub(crate) struct RunCtx {
    pub(crate) state: SessionState,
    pub(crate) tree: crate::element::Tree,
    pub(crate) run: u64,
    pub(crate) phase: Phase,
    sink: DeltaSink,
    events: Receiver<Event>,
    forms: HashMap<String, FormInfo>,
    /// The run has ended; a kept `St` may no longer write.
    pub(crate) finished: bool,
    /// The session this run belongs to (for session-scoped caches).
    pub(crate) session_id: u64,
    /// Set by the stop button; checked by `progress()`.
    pub(crate) stop: Arc<AtomicBool>,
    /// Cached computations in progress on this run (nested calls count).
    cache_depth: u32,
    /// The function whose spinner shows, if any.
    spinner: Option<&'static str>,
    /// Whether that spinner shows the elapsed time.
    spinner_shows_time: bool,
    last_progress: Option<std::time::Instant>,
    /// Elements being recorded for replay, one per cached computation.
    recordings: Vec<Recording>,
    /// The fragment whose body is running, if any.
    pub(crate) current_fragment: Option<String>,
    /// This run reruns one fragment only.
    pub(crate) fragment_run: bool,
    /// The page whose script is running (`Page::run`), part of the
    /// identity of the widgets it makes.
    pub(crate) page_running: Option<String>,
}

/// Where a recorded element goes when replayed.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
enum ReplayParent {
    /// The container the cached function was called with.
    Base,
    /// The sidebar.
    Sidebar,
    /// A container the function created: the op that created it.
    Op(usize),
    /// A container made outside the function (replaying into it is an error: a cached function may only write into the page, the sidebar or containers it made).
    Outside,
}

/// One recorded element of a cached function, to replay on a hit.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReplayOp {
    parent: ReplayParent,
    element: Element,
}

struct Recording {
    base: (Root, Vec<u32>),
    containers: HashMap<(Root, Vec<u32>), usize>,
    ops: Vec<ReplayOp>,
}

impl Recording {
    fn record(&mut self, cursor: &Cursor, path: &Path, element: &Element) {
        let parent =
            if (cursor.root, cursor.indices.as_slice()) == (self.base.0, self.base.1.as_slice()) {
                ReplayParent::Base
            } else if cursor.root == Root::Sidebar && cursor.indices.is_empty() {
                ReplayParent::Sidebar
            } else if let Some(op) = self.containers.get(&(cursor.root, cursor.indices.clone())) {
                ReplayParent::Op(*op)
            } else {
                ReplayParent::Outside
            };
        if matches!(element, Element::Container { .. }) {
            self.containers
                .insert((path.root, path.indices.clone()), self.ops.len());
        }
        self.ops.push(ReplayOp {
            parent,
            element: element.clone(),
        });
    }
}

impl RunCtx {
    pub(crate) fn new(
        state: SessionState,
        run: u64,
        sink: DeltaSink,
        events: Receiver<Event>,
        session_id: u64,
        stop: Arc<AtomicBool>,
    ) -> Self {
        Self {
            session_id,
            stop,
            cache_depth: 0,
            spinner: None,
            spinner_shows_time: true,
            last_progress: None,
            recordings: Vec::new(),
            current_fragment: None,
            fragment_run: false,
            page_running: None,
            state,
            tree: crate::element::Tree::default(),
            run,
            phase: Phase::Callbacks,
            sink,
            events,
            forms: HashMap::default(),
            finished: false,
        }
    }

    fn children_mut(&mut self, root: Root, indices: &[u32]) -> Option<&mut Vec<Node>> {
        let mut children = match root {
            Root::Main => &mut self.tree.main,
            Root::Sidebar => &mut self.tree.sidebar,
        };
        for &index in indices {
            match children.get_mut(index as usize) {
                Some(Node {
                    element:
                        Element::Container {
                            children: inner, ..
                        },
                    ..
                }) => children = inner,
                _ => return None,
            }
        }
        Some(children)
    }

    /// Appends `element` in the container at `cursor` (or replaces a
    /// placeholder's content) and streams it.
    fn push(&mut self, cursor: &Cursor, element: Element) -> Path {
        let run = self.run;
        let stream = self.sink.stream;
        let recording = !self.recordings.is_empty();
        let Some(children) = self.children_mut(cursor.root, &cursor.indices) else {
            // The container was replaced (a placeholder rewritten); drop it.
            return Path {
                root: cursor.root,
                indices: cursor.indices.clone(),
            };
        };
        let index = if cursor.placeholder {
            children.clear();
            0
        } else {
            children.len()
        };
        let streamed = stream.then(|| element.clone());
        let recorded = recording.then(|| element.clone());
        children.push(Node { element, run });
        let mut indices = Vec::with_capacity(cursor.indices.len() + 1);
        indices.extend_from_slice(&cursor.indices);
        indices.push(u32::try_from(index).unwrap_or(u32::MAX));
        let path = Path {
            root: cursor.root,
            indices,
        };
        if let Some(element) = recorded {
            for recording in &mut self.recordings {
                recording.record(cursor, &path, &element);
            }
        }
        if let Some(element) = streamed {
            if cursor.placeholder {
                self.sink.send(Delta::Truncate {
                    root: cursor.root,
                    parents: cursor.indices.clone(),
                    len: 0,
                });
            }
            self.sink.send(Delta::Set {
                path: path.clone(),
                element,
            });
        }
        path
    }

    /// Appends `element` at the end of the main body.
    pub(crate) fn push_main(&mut self, element: Element) {
        let cursor = Cursor {
            root: Root::Main,
            indices: Vec::new(),
            form: None,
            placeholder: false,
        };
        self.push(&cursor, element);
    }

    /// A form whose submit was refused says which fields to fix; after a
    /// run that went to its end (`complete`), forms produced without a
    /// submit button get an error inside them.
    pub(crate) fn finish_forms(&mut self, complete: bool) {
        let refused: Vec<(Path, Vec<String>)> = self
            .forms
            .iter()
            .filter(|(key, _)| self.state.form_refusals.contains(*key))
            .map(|(key, info)| (info.path.clone(), self.state.refused_in_form(key)))
            .filter(|(_, labels)| !labels.is_empty())
            .collect();
        for (path, labels) in refused {
            let fields = labels
                .iter()
                .map(|label| format!("\"{label}\""))
                .collect::<Vec<_>>()
                .join(", ");
            self.push_error_into(
                path,
                format!("The form was not submitted: fix {fields} first, then submit again."),
            );
        }
        if !complete {
            return;
        }
        let missing: Vec<(String, Path)> = self
            .forms
            .iter()
            .filter(|(_, info)| !info.has_submit)
            .map(|(key, info)| (key.clone(), info.path.clone()))
            .collect();
        for (key, path) in missing {
            self.push_error_into(
                path,
                format!(
                    "Missing submit button: the form \"{key}\" has no form_submit_button, so its \
                     values can never be sent. Add `form.form_submit_button(\"Submit\")`."
                ),
            );
        }
    }

    /// Appends an error alert at the end of the container at `path`.
    fn push_error_into(&mut self, path: Path, body: String) {
        let cursor = Cursor {
            root: path.root,
            indices: path.indices,
            form: None,
            placeholder: false,
        };
        self.push(
            &cursor,
            Element::Alert {
                level: AlertLevel::Error,
                body,
            },
        );
    }
}

/// Where a `St` writes: a container, and the form it is in.
#[derive(Clone, Debug)]
pub(crate) struct Cursor {
    root: Root,
    indices: Vec<u32>,
    form: Option<String>,
    placeholder: bool,
}

/// The handle a script writes through: `st.markdown(..)`, `st.slider(..)`,
/// `st.session_state()`.
///
/// A `St` points at one container (the main body, the sidebar, a column, a
/// form, ...); container calls return a new `St` for the container, so
/// `let cols = st.columns(2); cols[0].text("left")` works as in Streamlit.
/// Cheap to clone. Not `Send`: it belongs to the runner thread of its
/// session, and only during the run that created it.
#[derive(Clone)]
pub struct St {
    pub(super) ctx: Rc<RefCell<RunCtx>>,
    pub(super) cursor: Rc<Cursor>,
}

/// Everything a widget gives [`St::widget`]: what the window draws, the
/// identity parameters, the default, and how values convert.
pub struct WidgetCall<T> {
    /// What the widget is.
    pub spec: WidgetSpec,
    /// Its label.
    pub label: String,
    /// The user's key.
    pub key: Option<String>,
    /// Tooltip.
    pub help: Option<String>,
    /// Greyed out and not interactive.
    pub disabled: bool,
    /// The value before any interaction.
    pub default: T,
    /// Whether the script passed the default explicitly (a default passed while session state also sets the widget's key draws a warning).
    pub explicit_default: bool,
    /// Converts between `T` and the window's [`Value`].
    pub codec: Box<dyn Codec>,
    /// `on_change` / `on_click`.
    pub callback: Option<Callback>,
    /// Reads a value the user wrote under the widget's key, when a plain
    /// downcast (with [`coerce`]'s number and text conversions) is not enough
    /// (a selectbox of `Option<T>` accepting a `T`).
    pub adopt: Option<fn(&dyn Any) -> Option<T>>,
}

impl St {
    pub(crate) fn root(ctx: Rc<RefCell<RunCtx>>) -> Self {
        Self {
            ctx,
            cursor: Rc::new(Cursor {
                root: Root::Main,
                indices: Vec::new(),
                form: None,
                placeholder: false,
            }),
        }
    }

    /// Stops the run at a brook call when an event is waiting (the runner
    /// then applies it and runs again), or when the run is over.
    pub(super) fn check(&self) {
        let ctx = self.ctx.borrow();
        if ctx.finished || !ctx.events.is_empty() {
            drop(ctx);
            abort(Abort::Interrupt);
        }
    }

    pub(super) fn fail(&self, error: BrookError) -> ! {
        abort(Abort::Error(error))
    }

    /// Appends an element to this `St`'s container.
    pub fn emit(&self, element: Element) {
        self.check();
        self.ctx.borrow_mut().push(&self.cursor, element);
    }

    /// Appends a container element and returns a `St` that writes into it.
    pub fn open(&self, kind: ContainerKind) -> St {
        self.check();
        let form = match &kind {
            ContainerKind::Form { key, .. } => Some(key.clone()),
            _ => self.cursor.form.clone(),
        };
        let path = self.ctx.borrow_mut().push(
            &self.cursor,
            Element::Container {
                kind,
                children: Vec::new(),
            },
        );
        St {
            ctx: Rc::clone(&self.ctx),
            cursor: Rc::new(Cursor {
                root: path.root,
                indices: path.indices,
                form,
                placeholder: false,
            }),
        }
    }

    /// A slot that holds one element; each write replaces it (`st.empty()`).
    pub fn empty(&self) -> St {
        let st = self.open(ContainerKind::Placeholder);
        St {
            ctx: st.ctx,
            cursor: Rc::new(Cursor {
                placeholder: true,
                ..(*st.cursor).clone()
            }),
        }
    }

    /// A `St` that writes into the sidebar. The sidebar is never part of a
    /// form, even when reached from a form's `St`: its widgets send their
    /// values at once.
    pub fn sidebar(&self) -> St {
        if let Some(name) = self.ctx.borrow().current_fragment.clone() {
            self.fail(BrookError::Misuse(format!(
                "The fragment \"{name}\" calls st.sidebar(). A fragment cannot write to the sidebar \
                 (B151): call the fragment on the sidebar instead, `st.sidebar().fragment(..)`."
            )));
        }
        St {
            ctx: Rc::clone(&self.ctx),
            cursor: Rc::new(Cursor {
                root: Root::Sidebar,
                indices: Vec::new(),
                form: None,
                placeholder: false,
            }),
        }
    }

    /// A `St` writing into the container at `indices` under `root`.
    pub(crate) fn at(ctx: Rc<RefCell<RunCtx>>, root: Root, indices: Vec<u32>) -> Self {
        Self {
            ctx,
            cursor: Rc::new(Cursor {
                root,
                indices,
                form: None,
                placeholder: false,
            }),
        }
    }

    /// Appends an exception element (an error the runner caught).
    pub(crate) fn emit_exception(&self, message: String, location: Option<String>) {
        // In the terminal too (through the app's logger), as Streamlit
        // prints a traceback beside the one in the page.
        match &location {
            Some(at) => log::error!(target: "brook", "{message} (at {at})"),
            None => log::error!(target: "brook", "{message}"),
        }
        self.push_unchecked(Element::Exception { message, location });
    }

    /// Appends an element without the interrupt check: for the runner's
    /// own elements, written outside the script's unwinding guard.
    pub(crate) fn push_unchecked(&self, element: Element) {
        self.ctx.borrow_mut().push(&self.cursor, element);
    }

    /// Draws a fragment: `body` runs now, in a container of its own, and
    /// again on its own whenever a widget inside it changes, without the
    /// rest of the script. With `run_every`, it also reruns on that
    /// period while the session lives. Widgets inside keep their
    /// state across fragment reruns; widgets outside are untouched.
    ///
    /// A fragment inside a fragment runs inline, as part of the outer one.
    ///
    /// Stage: experimental (the `experimental` feature).
    #[cfg(feature = "experimental")]
    pub fn fragment_with(
        &self,
        name: &str,
        run_every: Option<std::time::Duration>,
        body: impl Fn(&St) + Send + Sync + 'static,
    ) {
        self.check();
        let nested = {
            let ctx = self.ctx.borrow();
            ctx.current_fragment.is_some() || ctx.phase == Phase::Callbacks
        };
        if nested {
            body(self);
            return;
        }
        {
            let mut ctx = self.ctx.borrow_mut();
            if !ctx.state.fragments_this_run.insert(name.to_owned()) {
                drop(ctx);
                self.fail(BrookError::Misuse(format!(
                    "There are multiple fragments named \"{name}\" in this run. Give each fragment a \
                     unique name."
                )));
            }
        }
        let inner = self.open(ContainerKind::Fragment {
            name: name.to_owned(),
        });
        let body: crate::script_runner::Script = Arc::new(body);
        {
            let mut ctx = self.ctx.borrow_mut();
            let now = ctx.state.clock_now;
            let page = ctx.page_running.clone();
            ctx.state.fragments.insert(
                name.to_owned(),
                crate::state::Fragment {
                    path: Path {
                        root: inner.cursor.root,
                        indices: inner.cursor.indices.clone(),
                    },
                    body: Arc::clone(&body),
                    run_every,
                    last_run: now,
                    page,
                },
            );
            ctx.current_fragment = Some(name.to_owned());
        }
        // The body's elements belong to the fragment even if it unwinds.
        struct Leave<'a>(&'a St);
        impl Drop for Leave<'_> {
            fn drop(&mut self) {
                if let Ok(mut ctx) = self.0.ctx.try_borrow_mut() {
                    ctx.current_fragment = None;
                }
            }
        }
        let _leave = Leave(self);
        body(&inner);
    }

    /// Stops this fragment rerun and reruns the fragment again.
    /// Anywhere but inside a fragment during a fragment rerun, it is an
    /// error.
    ///
    /// Stage: experimental (the `experimental` feature).
    #[cfg(feature = "experimental")]
    pub fn rerun_fragment(&self) -> ! {
        let (inside, fragment_run) = {
            let ctx = self.ctx.borrow();
            (ctx.current_fragment.is_some(), ctx.fragment_run)
        };
        if !(inside && fragment_run) {
            self.fail(BrookError::Misuse(
                "rerun_fragment() can only be called from a fragment during a fragment rerun. Use \
                 st.rerun() to rerun the whole app."
                    .into(),
            ));
        }
        abort(Abort::RerunFragment)
    }

    /// Shows, once per session, a notice that `old` was renamed `new` and
    /// goes away in version `removed_in`. It appears at the top of the next
    /// run (so it survives a call that reruns).
    pub fn deprecation_notice(&self, old: &str, new: &str, removed_in: &str) {
        let mut ctx = self.ctx.borrow_mut();
        if ctx.state.notices_shown.insert(old.to_owned()) {
            ctx.state.notices_pending.push(format!(
                "`st.{old}()` is deprecated: it became stable as `st.{new}()`. The old name keeps working \
                 until brook {removed_in}; rename your calls."
            ));
        }
    }

    /// Runs `body` with this `St` (for `st.sidebar().with(|st| ..)` blocks).
    pub fn with<R>(&self, body: impl FnOnce(&St) -> R) -> R {
        body(self)
    }

    /// A form: widgets inside it keep their changes until its submit button
    /// is pressed, then all are sent at once. With `clear_on_submit`
    /// they go back to their defaults after the submitted run.
    pub fn form_with(&self, key: &str, clear_on_submit: bool, border: bool) -> St {
        self.check();
        if let Some(outer) = &self.cursor.form {
            self.fail(BrookError::NestedForm {
                key: key.to_owned(),
                outer: outer.clone(),
            });
        }
        {
            let mut ctx = self.ctx.borrow_mut();
            if ctx.forms.contains_key(key) {
                drop(ctx);
                self.fail(BrookError::DuplicateForm {
                    key: key.to_owned(),
                });
            }
            ctx.state.forms_this_run.insert(key.to_owned());
        }
        let st = self.open(ContainerKind::Form {
            key: key.to_owned(),
            border,
        });
        let mut ctx = self.ctx.borrow_mut();
        ctx.forms.insert(
            key.to_owned(),
            FormInfo {
                path: Path {
                    root: st.cursor.root,
                    indices: st.cursor.indices.clone(),
                },
                has_submit: false,
            },
        );
        if clear_on_submit && submitted(&ctx.state, key) {
            ctx.state.clear_after_run.insert(key.to_owned());
        }
        drop(ctx);
        st
    }

    /// The key of the form this `St` writes into, if any.
    pub fn form_key(&self) -> Option<&str> {
        self.cursor.form.as_deref()
    }

    /// Registers a widget and returns its value in this run.
    ///
    /// The shared path of every widget (Streamlit's `register_widget`):
    /// identity, duplicate checks, the value from state (or session state,
    /// or the default), the element, the value returned.
    pub fn widget<T: WidgetValue>(
        &self,
        call: WidgetCall<T>,
        identity: impl FnOnce(&mut IdBuilder),
    ) -> T {
        self.check();
        let kind = call.spec.kind_name();
        let trigger = call.spec.is_trigger();
        let form = self.cursor.form.clone();
        if self.ctx.borrow().cache_depth > 0 {
            self.fail(BrookError::Misuse(format!(
                "The `{kind}` \"{}\" is called inside a cached function. That code will only be called \
                 when brook detects a cache miss, so the widget would vanish on hits. Move the widget out \
                 of the cached function and pass its value in as an argument.",
                call.label
            )));
        }
        match (&call.spec, &form) {
            (WidgetSpec::FormSubmit { .. }, None) => {
                self.fail(BrookError::SubmitOutsideForm { label: call.label })
            }
            (WidgetSpec::Button { .. }, Some(form)) => self.fail(BrookError::ButtonInForm {
                label: call.label,
                form: form.clone(),
            }),
            (spec, Some(form)) if call.callback.is_some() && !spec.is_trigger() => {
                self.fail(BrookError::CallbackInForm {
                    kind,
                    label: call.label,
                    form: form.clone(),
                })
            }
            _ => {}
        }
        let mut builder = IdBuilder::new(kind, call.key.as_deref(), form.as_deref());
        if let Some(page) = &self.ctx.borrow().page_running {
            builder.page(page);
        }
        if trigger {
            builder.param("root", self.cursor.root == Root::Sidebar);
        }
        builder
            .param("label", &call.label)
            .param("help", &call.help);
        identity(&mut builder);
        let id = builder.finish(call.key.as_deref());

        let (value, element) = match self.ctx.borrow_mut().register(id, &form, call) {
            Ok(done) => done,
            Err(error) => self.fail(error),
        };
        if let Some(form) = &form
            && trigger
            && let Some(info) = self.ctx.borrow_mut().forms.get_mut(form)
        {
            info.has_submit = true;
        }
        let rejection = {
            let mut ctx = self.ctx.borrow_mut();
            let rejection = ctx
                .state
                .widgets
                .get(&element.id)
                .and_then(|w| w.rejection.clone());
            ctx.push(&self.cursor, Element::Widget(element));
            rejection
        };
        if let Some(body) = rejection {
            self.ctx.borrow_mut().push(
                &self.cursor,
                Element::Alert {
                    level: AlertLevel::Error,
                    body,
                },
            );
        }
        value
    }

    /// Session state of this session.
    pub fn session_state(&self) -> SessionStateRef<'_> {
        SessionStateRef { st: self }
    }

    /// Stops this run at once and starts a new one. Inside a
    /// callback it does nothing but warn, and leaves the callback.
    pub fn rerun(&self) -> ! {
        abort(Abort::Rerun)
    }

    /// Stops this run at once; what it drew so far stays (like `st.stop()`).
    pub fn stop(&self) -> ! {
        abort(Abort::Stop)
    }

    /// Whether this call is inside a callback rather than the script.
    pub fn in_callback(&self) -> bool {
        self.ctx.borrow().phase == Phase::Callbacks
    }

    /// The number of the current run (1 for the first).
    pub fn run_number(&self) -> u64 {
        self.ctx.borrow().run
    }

    /// Replays the elements a cached function emitted on its miss.
    pub(crate) fn replay(&self, ops: &[ReplayOp]) {
        let mut made: Vec<Option<St>> = Vec::with_capacity(ops.len());
        for op in ops {
            let target = match &op.parent {
                ReplayParent::Base => self.clone(),
                ReplayParent::Sidebar => self.sidebar(),
                ReplayParent::Op(index) => match made.get(*index).cloned().flatten() {
                    Some(st) => st,
                    None => self.clone(),
                },
                ReplayParent::Outside => self.fail(BrookError::Misuse(
                    "A cached function wrote to a container made outside of it; its output cannot be \
                     replayed on a cache hit. Create the container inside the cached function, or write \
                     to the `st` the function is given."
                        .into(),
                )),
            };
            match &op.element {
                Element::Container { kind, .. } => made.push(Some(target.open(kind.clone()))),
                element => {
                    target.emit(element.clone());
                    made.push(None);
                }
            }
        }
    }
}

thread_local! {
    /// The run in progress on this thread, for cached functions and
    /// `progress()`, which are called without a `St`.
    static CURRENT: RefCell<Option<Rc<RefCell<RunCtx>>>> = const { RefCell::new(None) };
}

/// Makes `ctx` the current run of this thread until the guard drops.
pub(crate) fn set_current(ctx: &Rc<RefCell<RunCtx>>) -> CurrentGuard {
    CURRENT.with(|current| *current.borrow_mut() = Some(Rc::clone(ctx)));
    CurrentGuard
}

/// Clears the current run when dropped.
pub(crate) struct CurrentGuard;

impl Drop for CurrentGuard {
    fn drop(&mut self) {
        CURRENT.with(|current| current.borrow_mut().take());
    }
}

fn with_current<R>(f: impl FnOnce(&mut RunCtx) -> R) -> Option<R> {
    let ctx = CURRENT.with(|current| current.borrow().clone())?;
    let mut ctx = ctx.try_borrow_mut().ok()?;
    Some(f(&mut ctx))
}

/// The session of the run in progress on this thread.
pub(crate) fn current_session_id() -> Option<u64> {
    with_current(|ctx| ctx.session_id)
}

/// Whether the stop button was pressed during the run in progress on this
/// thread.
pub(crate) fn stop_requested() -> bool {
    with_current(|ctx| ctx.stop.load(Ordering::Acquire)) == Some(true)
}

/// The stop flag of the run in progress on this thread: set when the stop
/// button is pressed, for work that waits outside brook (a database query)
/// to watch from another thread.
pub(crate) fn stop_flag() -> Option<Arc<AtomicBool>> {
    with_current(|ctx| Arc::clone(&ctx.stop))
}

/// Ends the run in progress with `error` shown as an exception box.
pub(crate) fn fail_run(error: BrookError) -> ! {
    abort(Abort::Error(error))
}

/// Ends the run in progress as the stop button does (what it drew stays).
pub(crate) fn abort_stopped() -> ! {
    abort(Abort::Interrupt)
}

/// Whether a panic payload is one of brook's aborts (not a user panic).
pub(crate) fn is_abort(payload: &(dyn Any + Send)) -> bool {
    payload.is::<Abort>()
}

/// `caching::progress`: forwards progress to the window's spinner, at most
/// every 30 ms; abandons the work when the stop button was pressed.
pub(crate) fn report_progress(fraction: f32, message: String) {
    let stop = with_current(|ctx| {
        if ctx.stop.load(Ordering::Acquire) {
            return true;
        }
        let now = std::time::Instant::now();
        let due = ctx
            .last_progress
            .is_none_or(|last| now.duration_since(last) >= std::time::Duration::from_millis(30));
        if due || fraction >= 1.0 {
            ctx.last_progress = Some(now);
            let function = ctx.spinner.unwrap_or_default().to_owned();
            ctx.sink.send(Delta::Progress(Some(Progress {
                function,
                message,
                fraction: Some(if fraction.is_finite() {
                    fraction.clamp(0.0, 1.0)
                } else {
                    0.0
                }),
                show_time: ctx.spinner.is_none() || ctx.spinner_shows_time,
            })));
        }
        false
    });
    if stop == Some(true) {
        abort(Abort::Interrupt);
    }
}

/// One cached computation on the current run: nesting depth, the spinner
/// (outermost only) and the recording of emitted elements.
pub struct CacheScope {
    spinner: bool,
    recording: bool,
    active: bool,
}

impl CacheScope {
    /// Enters a cached computation of `function`: `spinner` is its text
    /// (none: no spinner), `show_time` whether it shows the elapsed time.
    pub(crate) fn enter(
        function: &'static str,
        spinner: Option<&'static str>,
        show_time: bool,
        st: Option<&St>,
    ) -> Self {
        let recording_base = st.map(|st| (st.cursor.root, st.cursor.indices.clone()));
        let entered = with_current(|ctx| {
            ctx.cache_depth += 1;
            let show = ctx.cache_depth == 1 && ctx.spinner.is_none();
            let spinner = match (show, spinner) {
                (true, Some(text)) => {
                    ctx.spinner = Some(function);
                    ctx.spinner_shows_time = show_time;
                    ctx.last_progress = None;
                    ctx.sink.send(Delta::Progress(Some(Progress {
                        function: function.to_owned(),
                        message: text.to_owned(),
                        fraction: None,
                        show_time,
                    })));
                    true
                }
                _ => false,
            };
            let recording = match recording_base {
                Some(base) => {
                    ctx.recordings.push(Recording {
                        base,
                        containers: HashMap::default(),
                        ops: Vec::new(),
                    });
                    true
                }
                None => false,
            };
            (spinner, recording)
        });
        match entered {
            Some((spinner, recording)) => Self {
                spinner,
                recording,
                active: true,
            },
            None => Self {
                spinner: false,
                recording: false,
                active: false,
            },
        }
    }

    /// Leaves the computation; returns the recorded elements.
    pub(crate) fn finish(mut self) -> Vec<ReplayOp> {
        self.leave()
    }

    fn leave(&mut self) -> Vec<ReplayOp> {
        if !std::mem::take(&mut self.active) {
            return Vec::new();
        }
        let (spinner, recording) = (self.spinner, self.recording);
        with_current(|ctx| {
            ctx.cache_depth = ctx.cache_depth.saturating_sub(1);
            if spinner {
                ctx.spinner = None;
                ctx.sink.send(Delta::Progress(None));
            }
            if recording {
                ctx.recordings.pop().map(|r| r.ops).unwrap_or_default()
            } else {
                Vec::new()
            }
        })
        .unwrap_or_default()
    }
}

impl Drop for CacheScope {
    fn drop(&mut self) {
        self.leave();
    }
}

fn adopt<T: WidgetValue>(hook: Option<fn(&dyn Any) -> Option<T>>, any: &dyn Any) -> Option<T> {
    coerce::<T>(any).or_else(|| hook.and_then(|hook| hook(any)))
}

fn submitted(state: &SessionState, form: &str) -> bool {
    state.widgets.values().any(|w| {
        w.trigger
            && w.form.as_deref() == Some(form)
            && w.value.as_any().downcast_ref::<bool>() == Some(&true)
    })
}

impl RunCtx {
    fn register<T: WidgetValue>(
        &mut self,
        id: WidgetId,
        form: &Option<String>,
        call: WidgetCall<T>,
    ) -> Result<(T, WidgetElement), BrookError> {
        let run = self.run;
        let kind = call.spec.kind_name();
        let trigger = call.spec.is_trigger();
        let state = &mut self.state;
        if let Some(existing) = state.widgets.get(&id)
            && existing.run == run
        {
            return Err(match &call.key {
                Some(key) => BrookError::DuplicateKey { key: key.clone() },
                None => BrookError::DuplicateWidgetId {
                    kind,
                    label: call.label,
                },
            });
        }
        if let Some(key) = &call.key
            && let Some(owner) = state.keys.get(key)
            && state.widgets.get(owner).is_some_and(|w| w.run == run)
        {
            return Err(BrookError::DuplicateKey { key: key.clone() });
        }
        // A value the user wrote under the key since the widget was last
        // called: the widget takes it (B94, B129, B132).
        let written: Option<UserValue> = call.key.as_ref().and_then(|key| state.user.remove(key));
        // A value a persisted key brought back from its file was not
        // written by the script: no warning about a default beside it.
        let restored = written
            .as_ref()
            .is_some_and(|user| user.version == crate::state::persist::RESTORED);
        if let (Some(key), Some(_)) = (&call.key, &written)
            && (trigger || kind == "file_uploader")
        {
            return Err(BrookError::NotSettable {
                kind,
                key: key.clone(),
            });
        }
        let written: Option<T> = match (written, &call.key) {
            (Some(user), Some(key)) => {
                Some(adopt(call.adopt, user.value.as_ref()).ok_or_else(|| {
                    BrookError::WidgetWrongType {
                        key: key.clone(),
                        kind,
                        label: call.label.clone(),
                        expected: std::any::type_name::<T>(),
                        found: user.type_name,
                    }
                })?)
            }
            _ => None,
        };
        let from_user = written.is_some();
        let warn_duplication =
            from_user && !restored && call.explicit_default && !state.duplication_warned;

        let value: T = match state.widgets.get_mut(&id) {
            Some(widget) => {
                if let Some(written) = &written {
                    widget.value = Box::new(written.clone());
                    // The script's value replaces whatever was refused.
                    widget.rejection = None;
                    widget.rechoose = false;
                }
                let mut codec = call.codec;
                codec.inherit(widget.codec.as_mut());
                widget.codec = codec;
                widget.callback = call.callback;
                widget.default = Box::new(call.default);
                widget.label.clone_from(&call.label);
                widget.run = run;
                match coerce::<T>(widget.value.as_any()) {
                    Some(value) => value,
                    None => {
                        log::warn!(
                            "widget \"{}\" changed its value type; reset to default",
                            call.label
                        );
                        widget.value = widget.default.clone();
                        // A change waiting in its form is of the old type
                        // too: dropped, so that the submit cannot bring it
                        // back and the window draws the new default.
                        if let Some(pending) = form.as_ref().and_then(|f| state.pending.get_mut(f))
                        {
                            pending.retain(|(member, _)| *member != id);
                        }
                        coerce::<T>(widget.value.as_any()).unwrap_or_else(|| unreachable_default())
                    }
                }
            }
            None => {
                // A new identity: the default, unless the user wrote the key
                // (B122). A key held by a widget of another identity is taken
                // over with the default (B122 2b).
                if let Some(key) = &call.key
                    && let Some(old) = state.keys.remove(key)
                {
                    state.widgets.remove(&old);
                }
                // Or the value handed over by the process this one
                // replaces (`brook dev`), when it fits the widget.
                let handed = state
                    .handed_over
                    .remove(&id)
                    .and_then(|value| call.codec.decode(&value))
                    .and_then(|value| coerce::<T>(value.as_any()));
                let value = written.or(handed).unwrap_or_else(|| call.default.clone());
                state.widgets.insert(
                    id.clone(),
                    WidgetState {
                        kind,
                        label: call.label.clone(),
                        form: form.clone(),
                        value: Box::new(value.clone()),
                        default: Box::new(call.default),
                        codec: call.codec,
                        callback: call.callback,
                        trigger,
                        fragment: self.current_fragment.clone(),
                        rejection: None,
                        rechoose: false,
                        run,
                        returned: None,
                    },
                );
                value
            }
        };
        // The value must be valid for this call's bounds and options: what
        // the script gets, what the window draws and what session state
        // holds are one value (a kept value clamped or fallen back when the
        // bounds or options changed; a written one checked like input).
        // A component's drawing object comes from its codec, which may
        // keep the previous run's.
        let is_component = matches!(call.spec, WidgetSpec::Component { .. });
        let (value, invalid, ui_value, drawer) = match state.widgets.get_mut(&id) {
            Some(widget) => {
                let drawer = if is_component {
                    widget.codec.drawer()
                } else {
                    None
                };
                let (value, invalid) = checked(widget, value);
                widget.returned = None;
                // A form field shows what waits for the submit, checked
                // against this run's options and bounds.
                let shown = form
                    .as_ref()
                    .and_then(|form| state.pending.get_mut(form))
                    .and_then(|pending| drawn_waiting(widget, &id, pending));
                let ui_value = match shown {
                    Some(shown) => shown,
                    // Nothing chosen is drawn, so that any option, the one
                    // the field held included, can be chosen again.
                    None if widget.rechoose => Value::None,
                    None => widget.codec.encode(widget.value.as_any()),
                };
                (value, invalid, ui_value, drawer)
            }
            None => (value, None, Value::None, None),
        };
        if let Some(key) = &call.key {
            state.keys.insert(key.clone(), id.clone());
        }
        if warn_duplication {
            state.duplication_warned = true;
        }
        let mut spec = call.spec;
        if let (WidgetSpec::Component { drawer, .. }, Some(made)) = (&mut spec, drawer) {
            *drawer = made;
        }
        let element = WidgetElement {
            id,
            key: call.key.clone(),
            label: call.label,
            help: call.help,
            disabled: call.disabled,
            form: form.clone(),
            spec,
            value: ui_value,
        };
        if from_user && let (Some(reason), Some(key)) = (invalid, &call.key) {
            // A data editor or selectable dataframe has no label: its key
            // names it.
            let widget = if element.label.is_empty() {
                kind.to_owned()
            } else {
                format!("{kind} \"{}\"", element.label)
            };
            self.push_main(Element::Alert {
                level: AlertLevel::Warning,
                body: format!(
                    "The value written to `session_state[\"{key}\"]` does not fit the {widget} \
                     ({reason}); it holds {value:?} instead."
                ),
            });
        }
        if warn_duplication && let Some(key) = call.key {
            self.push_main(
                Element::Alert {
                    level: AlertLevel::Warning,
                    body: format!(
                        "The widget with key \"{key}\" was created with a default value but also had its \
                         value set via the `session_state` API. Use one or the other: drop the default, or \
                         stop writing `session_state[\"{key}\"]`."
                    ),
                },
            );
        }
        Ok((value, element))
    }
}

/// The drawn value of the value of form field `id` waiting for the submit
/// in its form's `pending`, checked like the value it holds: a fixed value
/// replaces it; one that is no longer valid (an option that is gone) is
/// dropped, the field says so and the submit waits until the person
/// chooses again. `None` to draw the value the field holds.
fn drawn_waiting(
    widget: &mut WidgetState,
    id: &WidgetId,
    pending: &mut crate::state::Waiting,
) -> Option<Value> {
    let index = pending.iter().position(|(member, _)| member == id)?;
    let (_, typed) = pending.get_mut(index)?;
    match widget.codec.check(typed.as_any()) {
        Checked::Valid => Some(widget.codec.encode(typed.as_any())),
        Checked::Fixed { value, .. } => {
            *typed = value;
            Some(widget.codec.encode(typed.as_any()))
        }
        Checked::Invalid { reason } => {
            pending.remove(index);
            widget.rejection = Some(format!(
                "What was chosen in \"{}\" was taken away before the form was submitted \
                 ({reason}); choose again.",
                widget.label
            ));
            widget.rechoose = true;
            None
        }
    }
}

/// Applies [`Codec::check`] to the value `widget` holds: a fixed value
/// replaces it, an invalid one falls back to the default. Returns the value
/// to give the script and, when it changed, why.
fn checked<T: WidgetValue>(widget: &mut WidgetState, value: T) -> (T, Option<String>) {
    match widget.codec.check(widget.value.as_any()) {
        Checked::Valid => (value, None),
        Checked::Fixed {
            value: fixed,
            reason,
        } => match coerce::<T>(fixed.as_any()) {
            Some(typed) => {
                widget.value = fixed;
                (typed, Some(reason))
            }
            None => (value, None),
        },
        Checked::Invalid { reason } => match coerce::<T>(widget.default.as_any()) {
            Some(default) => {
                widget.value = widget.default.clone();
                (default, Some(reason))
            }
            None => (value, None),
        },
    }
}

#[expect(
    clippy::panic,
    reason = "the default was stored as T one line above; cannot happen"
)]
fn unreachable_default<T>() -> T {
    panic!("brook bug: a widget's default is not of its own type")
}

/// Session state as the script sees it: typed reads and writes. Misuse
/// (a wrong type, a write the rules forbid) stops the run with a message
/// that names the key; `try_*` methods return the error instead.
pub struct SessionStateRef<'a> {
    st: &'a St,
}

impl SessionStateRef<'_> {
    fn with<R>(&self, f: impl FnOnce(&mut SessionState) -> R) -> R {
        f(&mut self.st.ctx.borrow_mut().state)
    }

    fn or_fail<R>(&self, result: Result<R, BrookError>) -> R {
        result.unwrap_or_else(|error| self.st.fail(error))
    }

    /// Whether `key` is set (by the user or by a keyed widget).
    pub fn contains(&self, key: &str) -> bool {
        self.with(|s| s.contains(key))
    }

    /// The value of `key` as `T`, or `None` if missing. A value of another
    /// type stops the run with a message naming both types.
    pub fn get<T: Clone + 'static>(&self, key: &str) -> Option<T> {
        match self.with(|s| s.get::<T>(key)) {
            Ok(value) => Some(value),
            Err(BrookError::MissingKey { .. }) => None,
            Err(error) => self.st.fail(error),
        }
    }

    /// The value of `key` as `T`, or the error (missing, wrong type).
    pub fn try_get<T: Clone + 'static>(&self, key: &str) -> Result<T, BrookError> {
        self.with(|s| s.get::<T>(key))
    }

    /// The value of `key`; a missing key stops the run with "no key ..
    /// did you forget to initialise it?"
    pub fn value<T: Clone + 'static>(&self, key: &str) -> T {
        let result = self.with(|s| s.get::<T>(key));
        self.or_fail(result)
    }

    /// Stores `value` under `key`. Writing a widget's key after
    /// the widget was created in this run, or a button's key, stops the run
    /// with the reason.
    pub fn set<T: Any + Send>(&self, key: &str, value: T) {
        let result = self.with(|s| s.set(key, value));
        self.or_fail(result);
    }

    /// Like [`Self::set`], returning the error instead of stopping.
    pub fn try_set<T: Any + Send>(&self, key: &str, value: T) -> Result<(), BrookError> {
        self.with(|s| s.set(key, value))
    }

    /// The value of `key`, storing `default` first if missing (`setdefault`).
    pub fn get_or_insert<T: Any + Send + Clone>(&self, key: &str, default: T) -> T {
        let result = self.with(|s| s.get_or_insert_with(key, || default));
        self.or_fail(result)
    }

    /// Changes the value of `key` in place and returns what `change` returns
    /// (`ss.update("count", |n: &mut i64| *n += 1)`).
    pub fn update<T: Any + Send + Clone, R>(
        &self,
        key: &str,
        change: impl FnOnce(&mut T) -> R,
    ) -> R {
        let result = self.with(|s| s.update(key, change));
        self.or_fail(result)
    }

    /// Removes `key`; returns whether it was there. A keyed widget
    /// reverts to its default on its next call.
    pub fn remove(&self, key: &str) -> bool {
        if key.starts_with(crate::state::RESERVED_PREFIX) {
            self.st.fail(BrookError::ReservedKey {
                key: key.to_owned(),
            });
        }
        self.with(|s| s.remove(key))
    }

    /// Every key, sorted.
    pub fn keys(&self) -> Vec<String> {
        self.with(|s| s.keys())
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.with(|s| s.len())
    }

    /// No keys.
    pub fn is_empty(&self) -> bool {
        self.with(|s| s.is_empty())
    }

    /// Removes every key.
    pub fn clear(&self) {
        self.with(SessionState::clear);
    }

    /// Makes `key` survive a restart (saved as RON in the app's config
    /// folder after each run that changes it); the saved value, if any, is
    /// restored now when the key is not set. See
    /// [`SessionState::persist`].
    pub fn persist<T>(&self, key: &str) -> bool
    where
        T: serde::Serialize + serde::de::DeserializeOwned + Clone + Send + 'static,
    {
        let result = self.with(|s| s.persist::<T>(key));
        let restored = self.or_fail(result);
        // A saved value that could not be restored is said at once.
        let notices = self.with(|s| std::mem::take(&mut s.notices_pending));
        for body in notices {
            self.st.emit(Element::Alert {
                level: AlertLevel::Warning,
                body,
            });
        }
        restored
    }

    /// `(key, value)` lines describing the state, for display.
    pub fn describe(&self) -> Vec<(String, String)> {
        self.with(|s| s.describe())
    }
}
