//! The eframe window: draws the streamed tree, sends interactions to the
//! session's runner, and repaints only when something changed. Each window
//! (File > New window) is a session of its own; all share the caches.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use brook_engine::element::{
    Delta, Element, Progress, RunOutcome, SessionStatus, Tree, UploadedFile, Value,
};
use brook_engine::{Event, EventSender, Script, Session, SessionOptions};
use brook_widgets::page::{PageLayout, page_ui};
use brook_widgets::render::{UiMemory, UiRequest};
use egui::{Align, Key, KeyboardShortcut, Layout, Modifiers, RichText};
use parking_lot::Mutex;

use crate::settings::{self, Settings, Theme};

/// The version, as shown in the about box and by `brook --version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The release channel: `stable`, or `nightly <commit date>` for a build of
/// the git main branch (see build.rs).
pub const CHANNEL: &str = env!("BROOK_CHANNEL");

/// How long a toast stays up.
const TOAST_SECS: f32 = 4.0;

/// How long an error toast (a download that could not be saved) stays up.
const ERROR_TOAST_SECS: f32 = 10.0;

/// Ctrl+R (Cmd+R on macOS): rerun the script.
pub(crate) const RERUN_KEYS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::R);

/// Ctrl+Shift+C (Cmd+Shift+C on macOS): clear every cache and rerun.
pub(crate) const CLEAR_CACHES_KEYS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::C);

/// What the app's keyboard shortcuts ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shortcut {
    /// Rerun the script: Ctrl+R, or R alone.
    Rerun,
    /// Clear every cache and rerun: Ctrl+Shift+C, or C alone.
    ClearCaches,
}

/// The shortcut pressed this frame, if any, consumed so nothing else takes
/// the key. Nothing fires while a menu or popup is open (its keys are its
/// own: the timezone search takes letters). The single keys R and C fire
/// only while no widget has keyboard focus, so typing "r" or "c" in a text
/// field, or with a button focused, is only typing.
pub(crate) fn pressed_shortcut(ctx: &egui::Context) -> Option<Shortcut> {
    if egui::Popup::is_any_open(ctx) {
        return None;
    }
    let focused = ctx.memory(|m| m.focused().is_some());
    ctx.input_mut(|i| {
        // The more specific shortcut first: Ctrl+Shift+C before C.
        if i.consume_shortcut(&CLEAR_CACHES_KEYS) {
            Some(Shortcut::ClearCaches)
        } else if i.consume_shortcut(&RERUN_KEYS) {
            Some(Shortcut::Rerun)
        } else if focused || i.modifiers.any() {
            None
        } else if i.consume_key(Modifiers::NONE, Key::C) {
            Some(Shortcut::ClearCaches)
        } else if i.consume_key(Modifiers::NONE, Key::R) {
            Some(Shortcut::Rerun)
        } else {
            None
        }
    })
}

/// A message in the corner of a window: the script's `st.toast`, or the
/// window's own news (where a download went, why it failed).
#[derive(Clone, Debug)]
struct Toast {
    body: String,
    at: Instant,
    error: bool,
}

impl Toast {
    fn new(body: String, error: bool) -> Self {
        Self {
            body,
            at: Instant::now(),
            error,
        }
    }

    fn expired(&self) -> bool {
        let secs = if self.error {
            ERROR_TOAST_SECS
        } else {
            TOAST_SECS
        };
        self.at.elapsed().as_secs_f32() >= secs
    }
}

/// The smallest a brook window can be made, in points: below it egui's
/// scroll bars have no room for their handle (pressing one panics in
/// egui 0.37).
pub(crate) const MIN_WINDOW_SIZE: [f32; 2] = [360.0, 240.0];

/// A window's title: the app's, after the page of a multipage app.
fn window_title(app: &str, page: Option<&str>) -> String {
    match page {
        Some(page) => format!("{page} · {app}"),
        None => app.to_owned(),
    }
}

/// A window of brook's: titled, of `size` at first, never smaller than
/// [`MIN_WINDOW_SIZE`].
pub(crate) fn window(title: &str, size: [f32; 2]) -> egui::ViewportBuilder {
    egui::ViewportBuilder::default()
        .with_title(title)
        .with_inner_size(size)
        .with_min_inner_size(MIN_WINDOW_SIZE)
}

/// One window's session and what the window keeps of it.
pub struct SessionView {
    session: Session,
    tree: Tree,
    run: u64,
    running: bool,
    run_started: Option<Instant>,
    last_outcome: Option<RunOutcome>,
    memory: UiMemory,
    outbox: VecDeque<Event>,
    /// The spinner of a computation in progress, and when it began.
    progress: Option<(Progress, Instant)>,
    toasts: Vec<Toast>,
    /// Toasts from the window's own threads (the save dialog's), with
    /// whether each is an error.
    toast_sender: crossbeam_channel::Sender<(String, bool)>,
    toast_receiver: crossbeam_channel::Receiver<(String, bool)>,
    /// Messages of the window itself (a file that could not be read).
    notices: Vec<String>,
    closed: bool,
    /// How many reruns the person asked for (menu, button, shortcut), and
    /// how many times they cleared the caches: what the keyboard tests
    /// read.
    reruns_asked: u64,
    caches_cleared: u64,
    /// Repaints this window (from the dialog threads).
    ctx: egui::Context,
    viewport: egui::ViewportId,
}

impl SessionView {
    fn new(
        ctx: &egui::Context,
        viewport: egui::ViewportId,
        script: Script,
        persist: Option<PathBuf>,
    ) -> std::io::Result<Self> {
        let notify_ctx = ctx.clone();
        let session = Session::start(
            script,
            SessionOptions {
                stream: true,
                notify: Some(Arc::new(move || notify_ctx.request_repaint_of(viewport))),
                clock: None,
                persist_path: persist,
            },
        )?;
        // Under `brook dev`, the main window starts from the state the
        // build it replaces handed over.
        let handed_over = (viewport == egui::ViewportId::ROOT)
            .then(crate::dev::take_incoming)
            .flatten()
            .and_then(|handover| session.with_state(|state| handover.apply(state)));
        let (toast_sender, toast_receiver) = crossbeam_channel::bounded(64);
        let mut view = Self {
            session,
            tree: Tree::default(),
            run: 0,
            running: false,
            run_started: None,
            last_outcome: None,
            memory: UiMemory::default(),
            outbox: VecDeque::new(),
            progress: None,
            toasts: Vec::new(),
            toast_sender,
            toast_receiver,
            notices: Vec::new(),
            closed: false,
            reruns_asked: 0,
            caches_cleared: 0,
            ctx: ctx.clone(),
            viewport,
        };
        view.notices.extend(handed_over);
        view.send(Event::Rerun);
        Ok(view)
    }

    /// Does what a shortcut, a menu item or the Rerun button asks.
    fn act(&mut self, action: Shortcut) {
        if action == Shortcut::ClearCaches {
            brook_engine::caching::clear_all();
            // A secrets.toml fixed since it was read is read again.
            brook_engine::connection::reload_secrets();
            self.caches_cleared += 1;
        }
        self.reruns_asked += 1;
        self.send(Event::Rerun);
    }

    fn send(&mut self, event: Event) {
        self.outbox.push_back(event);
        while let Some(event) = self.outbox.pop_front() {
            if let Err(event) = self.session.send(event) {
                // The mailbox is full: keep it and try again next frame.
                self.outbox.push_front(event);
                break;
            }
        }
    }

    /// Applies the deltas that arrived; returns whether a run finished.
    fn apply_deltas(&mut self) -> bool {
        let mut finished = false;
        for delta in self.session.drain() {
            match delta {
                Delta::RunStarted { run, fragment } => {
                    self.run = run;
                    if let Some(path) = fragment {
                        // Only the fragment is redrawn; the rest stays current.
                        self.tree.touch_outside(&path, run);
                    }
                }
                Delta::Set { path, element } => {
                    if let Element::Toast { body } = &element {
                        self.toasts.push(Toast::new(body.clone(), false));
                    }
                    self.tree.set(&path, element, self.run);
                }
                Delta::Truncate { root, parents, len } => self.tree.truncate(root, &parents, len),
                Delta::RunFinished { run, outcome } => {
                    if matches!(outcome, RunOutcome::Completed | RunOutcome::Stopped) {
                        self.tree.prune_older_than(run);
                    }
                    self.last_outcome = Some(outcome);
                    finished |= outcome == RunOutcome::Completed;
                }
                Delta::Status(SessionStatus::Running) => {
                    if !self.running {
                        self.run_started = Some(Instant::now());
                    }
                    self.running = true;
                }
                Delta::Status(SessionStatus::Idle) => {
                    self.running = false;
                    self.run_started = None;
                    self.progress = None;
                }
                Delta::Progress(Some(progress)) => {
                    let started = match &self.progress {
                        Some((old, started)) if old.function == progress.function => *started,
                        _ => Instant::now(),
                    };
                    self.progress = Some((progress, started));
                }
                Delta::Progress(None) => self.progress = None,
            }
        }
        finished
    }

    fn running_ui(&mut self, ui: &mut egui::Ui) {
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if self.running {
                if ui.button("Stop").on_hover_text("Stop the run").clicked() {
                    self.send(Event::Stop);
                }
                let elapsed = self.run_started.map_or(0.0, |t| t.elapsed().as_secs_f32());
                ui.label(RichText::new(format!("Running… {elapsed:.1} s")).weak());
                ui.add(egui::Spinner::new());
            } else if self.last_outcome == Some(RunOutcome::Stopped) {
                ui.label(RichText::new("Stopped").weak());
            }
        });
    }

    /// Draws the page and everything floating over it; sends what the
    /// person did.
    fn page_ui(&mut self, ui: &mut egui::Ui, wide: bool) {
        let ctx = ui.ctx().clone();
        for notice in self.notices.clone() {
            egui::Panel::top(("brook-notice", notice.as_str())).show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(ui.visuals().warn_fg_color, "Warning:");
                    // Plain text: the backticks around paths are markdown.
                    ui.label(notice.replace('`', ""));
                    if ui.small_button("Dismiss").clicked() {
                        self.notices.retain(|n| *n != notice);
                    }
                });
            });
        }
        let mut events = Vec::new();
        let output = page_ui(
            ui,
            &self.tree,
            &mut self.memory,
            self.run,
            PageLayout { wide },
            &mut events,
        );
        for event in events {
            self.send(event);
        }
        for request in output.requests {
            self.request(request);
        }
        self.dropped_files(&ctx, &output.drop_targets);
        self.overlays_ui(&ctx);
        if !self.outbox.is_empty() {
            ctx.request_repaint_after(Duration::from_millis(50));
        }
        if self.running {
            // The elapsed-time label ticks while a run is in progress.
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    /// Opens a file dialog on a thread of its own; the UI never waits for it.
    fn request(&mut self, request: UiRequest) {
        let sender = self.session.sender();
        let spawned = match request {
            UiRequest::PickFiles { .. } if !file_dialog_available() => {
                let message = "No file dialog can be shown here: drop the files on the uploader \
                               instead."
                    .to_owned();
                if !self.notices.contains(&message) {
                    self.notices.push(message);
                }
                return;
            }
            UiRequest::PickFiles {
                widget,
                types,
                multiple,
            } => std::thread::Builder::new()
                .name("brook-open-dialog".into())
                .spawn(move || pick_files(&sender, widget, &types, multiple)),
            UiRequest::SaveFile { file_name, data } => {
                let toasts = self.toast_sender.clone();
                let (ctx, viewport) = (self.ctx.clone(), self.viewport);
                std::thread::Builder::new()
                    .name("brook-save-dialog".into())
                    .spawn(move || {
                        let dialog = file_dialog_available().then(|| {
                            rfd::FileDialog::new()
                                .set_file_name(file_name.as_str())
                                .save_file()
                        });
                        let saved = save_download(&file_name, &data, dialog, downloads_dir());
                        if let Some(toast) = saved.toast() {
                            let _ = toasts.try_send(toast);
                            ctx.request_repaint_of(viewport);
                        }
                    })
            }
        };
        if let Err(err) = spawned {
            self.notices
                .push(format!("Cannot open the file dialog: {err}"));
        }
    }

    /// Files dropped on the window go to the uploader under the pointer, or
    /// to the only uploader on the page.
    fn dropped_files(
        &mut self,
        ctx: &egui::Context,
        targets: &[(brook_engine::element::WidgetId, egui::Rect, bool)],
    ) {
        let (dropped, pointer) =
            ctx.input(|i| (i.raw.dropped_files.clone(), i.pointer.hover_pos()));
        if dropped.is_empty() {
            return;
        }
        let target = pointer
            .and_then(|p| targets.iter().find(|(_, rect, _)| rect.contains(p)))
            .or_else(|| (targets.len() == 1).then(|| &targets[0]));
        let Some((id, _, multiple)) = target else {
            self.notices.push(
                "Files were dropped, but there is no file uploader to take them here.".into(),
            );
            return;
        };
        let mut files = Vec::new();
        for file in dropped {
            let path = file.path().to_path_buf();
            let name = path.file_name().map_or_else(
                || "dropped file".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
            match file.bytes() {
                Ok(bytes) => files.push(UploadedFile {
                    name,
                    bytes: bytes.into(),
                }),
                Err(err) => self.notices.push(format!(
                    "Cannot read the dropped file: {err}. {}",
                    path.display()
                )),
            }
        }
        if !*multiple {
            files.truncate(1);
        }
        if !files.is_empty() {
            self.send(Event::WidgetChanged {
                id: id.clone(),
                value: Value::Files(files),
            });
        }
    }

    fn overlays_ui(&mut self, ctx: &egui::Context) {
        if let Some((progress, started)) = &self.progress {
            let elapsed = started.elapsed().as_secs_f32();
            let time = ctx.input(|i| i.time);
            egui::Area::new(egui::Id::unique("brook-spinner"))
                .anchor(egui::Align2::CENTER_TOP, [0.0, 48.0])
                .order(egui::Order::Foreground)
                .interactable(false)
                .show(ctx, |ui| {
                    brook_widgets::spinner::spinner_ui(ui, progress, elapsed, time)
                });
            ctx.request_repaint_after(Duration::from_millis(33));
        }
        for (body, error) in self.toast_receiver.try_iter() {
            self.toasts.push(Toast::new(body, error));
        }
        self.toasts.retain(|toast| !toast.expired());
        if !self.toasts.is_empty() {
            egui::Area::new(egui::Id::unique("brook-toasts"))
                .anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -16.0])
                .order(egui::Order::Foreground)
                .show(ctx, |ui| {
                    for toast in &self.toasts {
                        egui::Frame::popup(ui.style()).show(ui, |ui| {
                            ui.set_max_width(360.0);
                            if toast.error {
                                ui.colored_label(ui.visuals().error_fg_color, toast.body.as_str());
                            } else {
                                ui.label(toast.body.as_str());
                            }
                        });
                    }
                });
            ctx.request_repaint_after(Duration::from_millis(250));
        }
    }
}

fn pick_files(
    sender: &EventSender,
    widget: brook_engine::element::WidgetId,
    types: &[String],
    multiple: bool,
) {
    let mut dialog = rfd::FileDialog::new();
    if !types.is_empty() {
        dialog = dialog.add_filter(types.join(", "), types);
    }
    let paths = if multiple {
        dialog.pick_files().unwrap_or_default()
    } else {
        dialog.pick_file().into_iter().collect()
    };
    let files: Vec<UploadedFile> = paths
        .into_iter()
        .filter_map(|path| match std::fs::read(&path) {
            Ok(bytes) => Some(UploadedFile {
                name: path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                bytes: bytes.into(),
            }),
            Err(err) => {
                brook_engine::notices::report(format!(
                    "The file you picked could not be read ({err}). `{}`",
                    path.display()
                ));
                None
            }
        })
        .collect();
    if !files.is_empty() {
        let _ = sender.send(Event::WidgetChanged {
            id: widget,
            value: Value::Files(files),
        });
    }
}

/// Set (to anything) to tell brook that no file dialog can be shown: a
/// download then goes straight to the Downloads folder, and "Browse files"
/// says to drop files instead. brook also assumes so on Linux when there
/// is neither a D-Bus session bus (for the XDG desktop portal) nor
/// `zenity`, rfd's two ways to show one.
pub const NO_FILE_DIALOG_ENV: &str = "BROOK_NO_FILE_DIALOG";

/// Whether a file dialog can be shown (see [`NO_FILE_DIALOG_ENV`]). rfd
/// answers "no file" both when the person cancels and when no dialog could
/// be shown; this tells the second case apart before asking.
pub(crate) fn file_dialog_available() -> bool {
    if std::env::var_os(NO_FILE_DIALOG_ENV).is_some() {
        return false;
    }
    if !cfg!(target_os = "linux") {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("zenity").is_file()));
    bus || zenity
}

/// The person's Downloads folder: the XDG user dir (`XDG_DOWNLOAD_DIR` in
/// `user-dirs.dirs`) or the platform's, else `$HOME/Downloads`. None when
/// there is no home folder at all.
pub(crate) fn downloads_dir() -> Option<PathBuf> {
    directories::UserDirs::new()
        .and_then(|dirs| dirs.download_dir().map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join("Downloads")))
}

/// What became of a download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Saved {
    /// Written where the person chose.
    Chosen(PathBuf),
    /// The person cancelled the dialog: nothing written.
    Cancelled,
    /// Written to the Downloads folder instead, because of `reason` (no
    /// dialog, or the chosen place could not be written).
    Fallback {
        /// Where it went.
        path: PathBuf,
        /// Why it went there.
        reason: String,
    },
    /// Not written anywhere, because of the reason given.
    Failed(String),
}

impl Saved {
    /// The toast the person sees, and whether it is an error: none for a
    /// cancelled dialog or a file saved where it was asked.
    pub(crate) fn toast(&self) -> Option<(String, bool)> {
        match self {
            Self::Chosen(_) | Self::Cancelled => None,
            Self::Fallback { path, reason } => Some((
                format!(
                    "{reason}. The file was saved to your Downloads folder: {}",
                    path.display()
                ),
                true,
            )),
            Self::Failed(reason) => Some((format!("{reason}. Nothing was saved."), true)),
        }
    }
}

/// Saves a download: to `chosen` (the dialog's answer: `None` when no dialog
/// could be shown, `Some(None)` when the person cancelled), atomically. When
/// there was no dialog, or the write fails, the file goes to `downloads`
/// (created if need be) under a name no file there has (`report (1).csv`;
/// nothing is overwritten), and the result says why.
pub(crate) fn save_download(
    file_name: &str,
    data: &[u8],
    chosen: Option<Option<PathBuf>>,
    downloads: Option<PathBuf>,
) -> Saved {
    let reason = match chosen {
        Some(None) => return Saved::Cancelled,
        Some(Some(path)) => match brook_engine::files::write_atomically(&path, data) {
            Ok(()) => return Saved::Chosen(path),
            Err(err) => format!(
                "\"{file_name}\" could not be saved to {} ({err})",
                path.display()
            ),
        },
        None => format!("No save dialog could be shown for \"{file_name}\""),
    };
    let Some(folder) = downloads else {
        return Saved::Failed(format!("{reason}, and there is no home folder"));
    };
    match save_new_file(&folder, file_name, data) {
        Ok(path) => Saved::Fallback { path, reason },
        Err(err) => Saved::Failed(format!("{reason}, nor to {} ({err})", folder.display())),
    }
}

/// Writes `data` to a new file in `folder` named `file_name`, or
/// `stem (n).ext` when that is taken: written in a temporary file beside
/// it and linked into place only if the name is still free, so nothing is
/// ever overwritten.
fn save_new_file(
    folder: &std::path::Path,
    file_name: &str,
    data: &[u8],
) -> std::io::Result<PathBuf> {
    use std::io::Write as _;
    std::fs::create_dir_all(folder)?;
    // Only the last part of the suggested name: never a path elsewhere.
    let name = std::path::Path::new(file_name).file_name().map_or_else(
        || "download".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem.to_owned(), format!(".{ext}")),
        _ => (name.clone(), String::new()),
    };
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    file.write_all(data)?;
    file.as_file().sync_all()?;
    for n in 0..10_000_u32 {
        let candidate = if n == 0 {
            folder.join(&name)
        } else {
            folder.join(format!("{stem} ({n}){extension}"))
        };
        match file.persist_noclobber(&candidate) {
            Ok(_) => return Ok(candidate),
            Err(err) if err.error.kind() == std::io::ErrorKind::AlreadyExists => {
                file = err.file;
            }
            Err(err) => return Err(err.error),
        }
    }
    Err(std::io::Error::other("every name is taken"))
}

/// Moves brook's warnings for the person reported since `seen` (a file set
/// aside, a save that failed) into a window's notices.
fn take_notices(notices: &mut Vec<String>, seen: &mut u64) {
    for notice in brook_engine::notices::since(*seen) {
        *seen = notice.seq;
        if !notices.contains(&notice.message) {
            notices.push(notice.message);
        }
    }
}

/// The app: the main window and any extra windows, each a session.
pub struct BrookApp {
    title: String,
    /// The page of a multipage app in the window's title.
    shown_page: Option<String>,
    script: Script,
    main: SessionView,
    windows: Vec<(egui::ViewportId, Arc<Mutex<SessionView>>)>,
    next_window: u64,
    settings: Settings,
    settings_path: PathBuf,
    /// False when a settings file is there that could not be used nor set
    /// aside: it is never written over.
    settings_writable: bool,
    state_path: PathBuf,
    /// The last of brook's warnings for the person (`brook_engine::notices`)
    /// shown in the main window.
    notices_seen: u64,
    show_about: bool,
    /// The search text of the display-timezone list.
    zone_search: String,
    /// Whether the display-timezone list is open.
    zone_menu_open: bool,
    frames: u64,
    log_frames: bool,
    /// `BROOK_SMOKE=1`: close after the first finished run is drawn, printing
    /// a summary (a check that a window opens, e.g. under Xvfb in CI).
    smoke: bool,
    /// `BROOK_SMOKE_LAYOUT=<file>`: where the widgets' labels and centres
    /// are written (see [`SMOKE_LAYOUT_ENV`]), and what was written last.
    smoke_layout: Option<(PathBuf, String)>,
}

/// Set to a file path, the window writes there, after each frame whose
/// widgets moved, one line per widget and link button of the main window:
/// its label, a tab, and its centre in window pixels as `x y`. For scripts
/// that drive the window from outside (scripts/desktop_check.sh, with
/// xdotool). Written atomically.
pub const SMOKE_LAYOUT_ENV: &str = "BROOK_SMOKE_LAYOUT";

impl BrookApp {
    /// Starts the main window's session for `script` and asks for its first
    /// run. `loaded` is what [`crate::run`] read of the settings file; its
    /// warning is shown, and a file that could not be set aside is not
    /// written.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        title: String,
        script: Script,
        loaded: settings::Loaded,
    ) -> std::io::Result<Self> {
        let dir = settings::config_dir(&title);
        Self::with_context(&cc.egui_ctx, title, script, loaded, &dir)
    }

    /// [`BrookApp::new`] on a bare egui context, keeping its files
    /// (settings, session state) in `dir`.
    pub(crate) fn with_context(
        ctx: &egui::Context,
        title: String,
        script: Script,
        loaded: settings::Loaded,
        dir: &std::path::Path,
    ) -> std::io::Result<Self> {
        let settings::Loaded {
            settings,
            warning,
            writable,
        } = loaded;
        egui_extras::install_image_loaders(ctx);
        crate::dev::set_context(ctx);
        brook_widgets::fonts::install(ctx);
        brook_widgets::theme::install(ctx);
        ctx.set_theme(settings.theme.preference());
        // The person's choice wins over the app's `brook::config` default.
        if settings.display_zone.is_some() {
            brook_engine::time::set_display_zone(settings.display_zone());
        }
        let state_path = dir.join("session_state.ron");
        let mut main = SessionView::new(
            ctx,
            egui::ViewportId::ROOT,
            Arc::clone(&script),
            Some(state_path.clone()),
        )?;
        main.notices.extend(warning);
        Ok(Self {
            shown_page: None,
            title,
            script,
            main,
            windows: Vec::new(),
            next_window: 1,
            settings,
            settings_path: dir.join("settings.ron"),
            settings_writable: writable,
            state_path,
            notices_seen: 0,
            show_about: false,
            zone_search: String::new(),
            zone_menu_open: false,
            frames: 0,
            log_frames: std::env::var_os("BROOK_LOG_FRAMES").is_some(),
            smoke: std::env::var_os("BROOK_SMOKE").is_some(),
            smoke_layout: std::env::var_os(SMOKE_LAYOUT_ENV).map(|path| {
                brook_widgets::render::record_rects(ctx);
                (PathBuf::from(path), String::new())
            }),
        })
    }

    fn save_settings(&mut self) {
        if !self.settings_writable {
            return;
        }
        if let Err(err) = settings::save(&self.settings_path, &self.settings) {
            let message = format!(
                "Your settings could not be saved ({err}). `{}`",
                self.settings_path.display()
            );
            log::warn!(target: "brook", "{message}");
            if !self.main.notices.contains(&message) {
                self.main.notices.push(message);
            }
        }
    }

    fn new_window(&mut self, ctx: &egui::Context) {
        let id = egui::ViewportId::from_hash_of(("brook-window", self.next_window));
        self.next_window += 1;
        match SessionView::new(
            ctx,
            id,
            Arc::clone(&self.script),
            Some(self.state_path.clone()),
        ) {
            Ok(view) => self.windows.push((id, Arc::new(Mutex::new(view)))),
            Err(err) => self
                .main
                .notices
                .push(format!("Cannot open a new window: {err}")),
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("New window").clicked() {
                    self.new_window(ui.ctx());
                    ui.close();
                }
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("App", |ui| {
                let rerun_keys = ui.ctx().format_shortcut(&RERUN_KEYS);
                let rerun = egui::Button::new("Rerun").shortcut_text(rerun_keys);
                if ui.add(rerun).on_hover_text("Or R alone").clicked() {
                    self.main.act(Shortcut::Rerun);
                    ui.close();
                }
                let clear_keys = ui.ctx().format_shortcut(&CLEAR_CACHES_KEYS);
                let clear = egui::Button::new("Clear caches").shortcut_text(clear_keys);
                if ui.add(clear).on_hover_text("Or C alone").clicked() {
                    self.main.act(Shortcut::ClearCaches);
                    ui.close();
                }
                if ui
                    .add_enabled(self.main.running, egui::Button::new("Stop"))
                    .clicked()
                {
                    self.main.send(Event::Stop);
                    ui.close();
                }
            });
            // Open while the person changes several settings or types in the
            // timezone search: a click outside, or Escape, closes it.
            let settings_menu = egui::menu::MenuConfig::new()
                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
            egui::menu::MenuButton::new("Settings")
                .config(settings_menu)
                .ui(ui, |ui| {
                    ui.label("Theme");
                    let before = self.settings.clone();
                    ui.radio_value(&mut self.settings.theme, Theme::System, "Follow the system");
                    ui.radio_value(&mut self.settings.theme, Theme::Light, "Light");
                    ui.radio_value(&mut self.settings.theme, Theme::Dark, "Dark");
                    ui.separator();
                    ui.checkbox(&mut self.settings.wide, "Wide layout");
                    ui.separator();
                    self.zone_menu_ui(ui);
                    if self.settings != before {
                        ui.ctx().set_theme(self.settings.theme.preference());
                        if self.settings.display_zone != before.display_zone {
                            brook_engine::time::set_display_zone(self.settings.display_zone());
                            self.main.send(Event::Rerun);
                            for (_, view) in &self.windows {
                                view.lock().send(Event::Rerun);
                            }
                        }
                        self.save_settings();
                    }
                });
            ui.menu_button("Help", |ui| {
                if ui.button("About brook").clicked() {
                    self.show_about = true;
                    ui.close();
                }
            });
            self.main.running_ui(ui);
        });
    }

    /// The display timezone: its own zone (default), the system's, or any
    /// chrono-tz zone, found with a search box.
    fn zone_menu_ui(&mut self, ui: &mut egui::Ui) {
        let current = self
            .settings
            .display_zone
            .clone()
            .unwrap_or_else(|| "Own zone of each value".into());
        let shown = ui.menu_button(format!("Display timezone: {current}"), |ui| {
            let search = ui.add(
                egui::TextEdit::singleline(&mut self.zone_search)
                    .hint_text("Search zones")
                    .desired_width(220.0),
            );
            let search = search.accessible_name("Search zones");
            if ui.memory(|m| m.focused().is_none()) {
                // Typing filters at once: the search box takes the keyboard
                // whenever nothing else has it.
                search.request_focus();
            }
            if ui
                .selectable_label(
                    self.settings.display_zone.is_none(),
                    "Own zone of each value",
                )
                .clicked()
            {
                self.settings.display_zone = None;
                ui.close();
            }
            if ui
                .selectable_label(
                    self.settings.display_zone.as_deref() == Some("Local"),
                    "Local (the system's)",
                )
                .clicked()
            {
                self.settings.display_zone = Some("Local".into());
                ui.close();
            }
            ui.separator();
            let search = self.zone_search.to_lowercase();
            egui::ScrollArea::vertical()
                .max_height(280.0)
                .show(ui, |ui| {
                    for zone in brook_engine::time::all_zones() {
                        let name = zone.name();
                        if !search.is_empty() && !name.to_lowercase().contains(&search) {
                            continue;
                        }
                        let chosen = self.settings.display_zone.as_deref() == Some(name);
                        if ui.selectable_label(chosen, name).clicked() {
                            self.settings.display_zone = Some(name.to_owned());
                            ui.close();
                        }
                    }
                });
        });
        self.zone_menu_open = shown.inner.is_some();
    }

    fn about_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.show_about;
        egui::Window::new("About brook")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(RichText::new("brook").strong().size(20.0));
                ui.label(format!("Version {VERSION} ({CHANNEL} channel)"));
                ui.label("Internal tools as native desktop apps, in Rust.");
                ui.label(format!("App: {}", self.title));
            });
        self.show_about = open;
    }

    fn windows_ui(&mut self, ctx: &egui::Context) {
        self.windows.retain(|(_, view)| !view.lock().closed);
        let wide = self.settings.wide;
        for (index, (id, view)) in self.windows.iter().enumerate() {
            let view = Arc::clone(view);
            // Each window is titled with its own page, as the main one.
            let page = brook_widgets::page::current_page(&view.lock().tree);
            let title = window_title(&format!("{} ({})", self.title, index + 2), page.as_deref());
            ctx.show_viewport_deferred(*id, window(&title, [900.0, 680.0]), move |ui, _class| {
                let mut view = view.lock();
                view.apply_deltas();
                if let Some(action) = pressed_shortcut(ui.ctx()) {
                    view.act(action);
                }
                if ui.ctx().input(|i| i.viewport().close_requested()) {
                    view.closed = true;
                }
                egui::Panel::top("brook-window-top").show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if ui.button("Rerun").clicked() {
                            view.act(Shortcut::Rerun);
                        }
                        view.running_ui(ui);
                    });
                });
                view.page_ui(ui, wide);
            });
        }
    }

    /// The `BROOK_SMOKE_LAYOUT` hook: writes where this frame drew each
    /// widget, once a run is drawn and when it changed.
    fn write_smoke_layout(&mut self, ctx: &egui::Context) {
        let rects = brook_widgets::render::take_recorded_rects(ctx);
        let Some((path, written)) = &mut self.smoke_layout else {
            return;
        };
        if self.main.last_outcome.is_none() {
            return;
        }
        let scale = ctx.pixels_per_point();
        let mut text = String::new();
        for (label, rect) in rects {
            let centre = rect.center() * scale;
            text.push_str(&format!(
                "{}\t{:.0} {:.0}\n",
                label.replace(['\t', '\n'], " "),
                centre.x,
                centre.y
            ));
        }
        if text != *written {
            if let Err(err) = brook_engine::files::write_atomically(path, text.as_bytes()) {
                log::warn!(target: "brook", "cannot write {}: {err}", path.display());
            }
            *written = text;
        }
    }

    /// Under `brook dev`: "rebuilding…" while a build runs, the compile
    /// error of a failed one (this build goes on), and the hand-over to the
    /// new build when it is ready.
    fn dev_ui(&mut self, ui: &mut egui::Ui) {
        if !crate::dev::active() {
            return;
        }
        match crate::dev::status() {
            crate::dev::Status::Idle => {}
            crate::dev::Status::Building => {
                // Drawn once, not animated: a spinner repaints every frame,
                // and on a machine that draws on the CPU those frames slowed
                // the build they wait for by half.
                egui::Panel::top("brook-dev").show(ui, |ui| {
                    ui.label("rebuilding…");
                });
            }
            crate::dev::Status::Failed(text) => {
                egui::Panel::top("brook-dev").show(ui, |ui| {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        "The new build failed to compile: this is the last build that did. Fix the \
                         error and save.",
                    );
                    // rustc's message, scrolled when long.
                    egui::ScrollArea::vertical()
                        .min_scrolled_height(240.0)
                        .max_height(320.0)
                        .show(ui, |ui| {
                            ui.label(RichText::new(text).monospace());
                        });
                });
            }
            crate::dev::Status::Gone => {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            crate::dev::Status::HandOver(path) => {
                let window = ui.ctx().input(|input| {
                    let viewport = input.viewport();
                    let outer = viewport.outer_rect.or(viewport.inner_rect)?;
                    let inner = viewport.inner_rect.unwrap_or(outer);
                    Some([outer.min.x, outer.min.y, inner.width(), inner.height()])
                });
                // What the new build reads at its start is written first:
                // it starts as soon as the hand-over is there.
                brook_engine::state::wait_for_saves();
                self.save_settings();
                let mut handover = self
                    .main
                    .session
                    .with_state(|state| crate::dev::Handover::of_state(state));
                // What is being typed goes over too, though not sent yet.
                for (id, value) in self.main.memory.unsent() {
                    if let Some(widget) = handover.widgets.iter_mut().find(|w| &w.0 == id) {
                        widget.2 = value.clone();
                    }
                }
                handover.window = window;
                if let Err(err) = handover.write(&path) {
                    log::warn!(target: "brook", "brook dev: {err:#}");
                }
                crate::dev::handed_over();
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Draws one frame of the main window (the menus, the page, the about
    /// box, the other windows) and acts on the keyboard's shortcuts.
    pub(crate) fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.frames += 1;
        if self.log_frames {
            eprintln!(
                "brook: frame {} at {:?}",
                self.frames,
                std::time::SystemTime::now()
            );
        }
        let finished = self.main.apply_deltas();
        take_notices(&mut self.main.notices, &mut self.notices_seen);
        // Before anything is drawn: what has the keyboard is last frame's
        // focus and open menus.
        if let Some(action) = pressed_shortcut(&ctx) {
            self.main.act(action);
        }
        egui::Panel::top("brook-top").show(ui, |ui| self.menu_ui(ui));
        self.dev_ui(ui);
        self.main.page_ui(ui, self.settings.wide);
        // A multipage app's window is titled with its page.
        let page = brook_widgets::page::current_page(&self.main.tree);
        if page != self.shown_page {
            let title = window_title(&self.title, page.as_deref());
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
            self.shown_page = page;
        }
        self.write_smoke_layout(&ctx);
        self.about_ui(&ctx);
        self.windows_ui(&ctx);
        if self.smoke && finished {
            let elements = self.main.tree.walk().count();
            println!(
                "brook smoke: window drew run {} with {elements} elements, {} frames",
                self.main.run, self.frames
            );
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            self.smoke = false;
        }
    }
}

impl eframe::App for BrookApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_settings();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    /// A folder of its own for one test.
    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("brook-shell-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        dir
    }

    /// The main window of `script`, drawn in a kittest harness as eframe
    /// draws it, its files kept in a folder of its own; returned once the
    /// first run is drawn.
    fn app_harness(name: &str, script: Script) -> Harness<'static, BrookApp> {
        let dir = temp_dir(name);
        let loaded = settings::load(&dir.join("settings.ron"));
        let ctx = egui::Context::default();
        let Ok(app) = BrookApp::with_context(&ctx, name.to_owned(), script, loaded, &dir) else {
            panic!("the session did not start");
        };
        let options = brook_widgets::snapshot::SnapshotOptions::new().size(1000.0, 720.0);
        let mut harness = brook_widgets::snapshot::harness_builder(&options).build_ui_state(
            |ui: &mut egui::Ui, app: &mut BrookApp| {
                // eframe hands the app a ui filling the window.
                let ctx = ui.ctx().clone();
                let rect = ctx.viewport_rect();
                let mut root = egui::Ui::new(
                    ctx,
                    egui::Id::unique("brook-test-root"),
                    egui::UiBuilder::new()
                        .layer_id(egui::LayerId::background())
                        .max_rect(rect),
                );
                app.frame_ui(&mut root);
            },
            app,
        );
        step_until(&mut harness, "the first run", |app| {
            app.main.last_outcome.is_some() && !app.main.running
        });
        harness
    }

    /// Draws frames until `done` (the runner works on its own thread), for
    /// at most 20 s.
    fn step_until(
        harness: &mut Harness<'static, BrookApp>,
        what: &str,
        done: impl Fn(&BrookApp) -> bool,
    ) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            harness.step();
            if done(harness.state()) {
                harness.step();
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Presses `key` as a keyboard does: the key, and the letter it types.
    fn type_key(harness: &mut Harness<'static, BrookApp>, key: Key, letter: &str) {
        harness.key_press(key);
        harness.event(egui::Event::Text(letter.to_owned()));
        harness.step();
        harness.step();
    }

    fn a_note_and_a_link(st: &brook_engine::St) {
        use brook_widgets::prelude::*;
        let _ = st.text_input("Note").show();
        st.text("ready");
    }

    // Issue 13, Deliver 3
    #[test]
    fn typing_c_and_r_into_a_text_input_clears_no_cache_and_asks_no_rerun() {
        let mut harness = app_harness("keys-text-input", Arc::new(a_note_and_a_link));
        harness.get_by_label("Note").click();
        harness.step();
        harness.step();
        type_key(&mut harness, Key::C, "c");
        type_key(&mut harness, Key::R, "r");
        assert_eq!(harness.get_by_label("Note").value().as_deref(), Some("cr"));
        assert_eq!(
            harness.state().main.caches_cleared,
            0,
            "a cache was cleared"
        );
        assert_eq!(harness.state().main.reruns_asked, 0, "a rerun was asked");
    }

    // Issue 13, Deliver 3
    #[test]
    fn typing_c_and_r_into_the_settings_timezone_search_filters_and_fires_nothing() {
        let mut harness = app_harness("keys-zone-search", Arc::new(a_note_and_a_link));
        harness.get_by_label("Settings").click();
        harness.step();
        harness.step();
        // With the menu open and nothing focused, a letter is not a shortcut.
        type_key(&mut harness, Key::C, "c");
        assert_eq!(harness.state().main.caches_cleared, 0, "open menu: cleared");
        harness.get_by_label_contains("Display timezone").click();
        harness.step();
        harness.step();
        harness.step();
        type_key(&mut harness, Key::C, "c");
        type_key(&mut harness, Key::R, "r");
        let app = harness.state();
        assert_eq!(app.zone_search, "cr", "the search box took the letters");
        assert_eq!(app.main.caches_cleared, 0, "a cache was cleared");
        assert_eq!(app.main.reruns_asked, 0, "a rerun was asked");
        assert!(egui::Popup::is_any_open(&harness.ctx), "the menu closed");
        assert!(app.zone_menu_open, "the timezone list closed");
        // Only zones whose name holds "cr" are listed.
        assert!(harness.query_by_label("Europe/Oslo").is_none());
    }

    // Issue 13, Deliver 3: the other side of the two tests above.
    #[test]
    fn with_nothing_focused_r_and_ctrl_r_rerun_and_c_and_ctrl_shift_c_clear_the_caches() {
        let mut harness = app_harness("keys-fire", Arc::new(a_note_and_a_link));
        type_key(&mut harness, Key::R, "r");
        assert_eq!(harness.state().main.reruns_asked, 1);
        harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
        harness.step();
        assert_eq!(harness.state().main.reruns_asked, 2);
        assert_eq!(harness.state().main.caches_cleared, 0);
        type_key(&mut harness, Key::C, "c");
        assert_eq!(harness.state().main.caches_cleared, 1);
        harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::C);
        harness.step();
        assert_eq!(harness.state().main.caches_cleared, 2);
        // Ctrl+R also works while a text field has focus (it types nothing).
        harness.get_by_label("Note").click();
        harness.step();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
        harness.step();
        assert_eq!(harness.state().main.reruns_asked, 5);
    }

    // Issue 13, Deliver 3: the menus show the shortcuts.
    #[test]
    fn the_app_menu_shows_the_ctrl_shortcuts() {
        let mut harness = app_harness("keys-menu", Arc::new(a_note_and_a_link));
        harness.get_by_label("App").click();
        harness.step();
        harness.step();
        let rerun = egui::Context::default().format_shortcut(&RERUN_KEYS);
        assert!(harness.query_by_label_contains(&rerun).is_some(), "{rerun}");
        let clear = egui::Context::default().format_shortcut(&CLEAR_CACHES_KEYS);
        assert!(harness.query_by_label_contains(&clear).is_some(), "{clear}");
    }

    // Issue 13, Deliver 4
    #[test]
    fn with_no_dialog_a_download_goes_to_the_downloads_folder_under_a_new_name() {
        let downloads = temp_dir("no-dialog").join("Downloads");
        let first = save_download("report.csv", b"a,b\n", None, Some(downloads.clone()));
        let Saved::Fallback { path, reason } = &first else {
            panic!("{first:?}");
        };
        assert_eq!(*path, downloads.join("report.csv"));
        assert!(reason.contains("No save dialog"), "{reason}");
        assert_eq!(std::fs::read(path).ok().as_deref(), Some(&b"a,b\n"[..]));
        let second = save_download("report.csv", b"new", None, Some(downloads.clone()));
        assert!(
            matches!(&second, Saved::Fallback { path, .. } if *path == downloads.join("report (1).csv")),
            "{second:?}"
        );
        assert_eq!(
            std::fs::read(downloads.join("report.csv")).ok().as_deref(),
            Some(&b"a,b\n"[..]),
            "never overwritten"
        );
        let (toast, error) = first.toast().unwrap_or_default();
        assert!(
            error && toast.contains("Downloads folder") && toast.contains("report.csv"),
            "{toast}"
        );
    }

    // Issue 13, Deliver 4
    #[test]
    fn an_unwritable_target_says_why_and_saves_to_the_downloads_folder() {
        let dir = temp_dir("unwritable");
        // A folder where the file should go: it cannot be written.
        let target = dir.join("taken");
        let _ = std::fs::create_dir_all(&target);
        let saved = save_download(
            "report.csv",
            b"x",
            Some(Some(target.clone())),
            Some(dir.join("dl")),
        );
        let Saved::Fallback { path, reason } = &saved else {
            panic!("{saved:?}");
        };
        assert!(reason.contains("could not be saved to"), "{reason}");
        assert_eq!(std::fs::read(path).ok().as_deref(), Some(&b"x"[..]));
        let (toast, error) = saved.toast().unwrap_or_default();
        assert!(
            error && toast.contains(&*target.to_string_lossy()),
            "{toast}"
        );
        // With nowhere to fall back to, it fails, and says so.
        let failed = save_download("report.csv", b"x", Some(Some(target)), None);
        assert!(matches!(failed, Saved::Failed(_)), "{failed:?}");
        assert!(
            failed
                .toast()
                .is_some_and(|(t, e)| e && t.contains("Nothing was saved"))
        );
    }

    // Issue 13, Deliver 4
    #[test]
    fn a_cancelled_dialog_writes_nothing_and_says_nothing() {
        let downloads = temp_dir("cancelled").join("Downloads");
        let saved = save_download("report.csv", b"x", Some(None), Some(downloads.clone()));
        assert_eq!(saved, Saved::Cancelled);
        assert_eq!(saved.toast(), None);
        assert!(!downloads.exists());
    }

    /// Set for the child process of the test below.
    const CHILD: &str = "BROOK_TEST_DOWNLOAD_CHILD";

    // Issue 13, Deliver 4: run in a child process with a temporary HOME and
    // no file dialog (see the test below); does nothing otherwise.
    #[test]
    #[ignore = "run by the test below, in a child process"]
    fn child_a_download_button_with_no_dialog_saves_to_downloads_with_a_toast() {
        if std::env::var_os(CHILD).is_none() {
            return;
        }
        assert!(!file_dialog_available());
        let script = |st: &brook_engine::St| {
            use brook_widgets::prelude::*;
            let _ = st
                .download_button("Report", b"a,b\n1,2\n".to_vec(), "report.csv")
                .show();
        };
        let mut harness = app_harness("download-child", Arc::new(script));
        harness.get_by_label_contains("Report").click();
        step_until(&mut harness, "the toast", |app| !app.main.toasts.is_empty());
        let toast = harness.get_by_label_contains("saved to your Downloads folder");
        println!("toast: {}", toast.value().unwrap_or_default());
    }

    // Issue 13, Deliver 4
    #[test]
    fn a_download_with_no_dialog_shows_an_error_toast_and_lands_in_home_downloads() {
        let home = temp_dir("home");
        let Ok(exe) = std::env::current_exe() else {
            panic!("no test binary");
        };
        let output = std::process::Command::new(exe)
            .args([
                "--exact",
                "shell::tests::child_a_download_button_with_no_dialog_saves_to_downloads_with_a_toast",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, "1")
            .env(NO_FILE_DIALOG_ENV, "1")
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .output();
        let Ok(output) = output else {
            panic!("the child did not run");
        };
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(stdout.contains("1 passed"), "{stdout}");
        let saved = home.join("Downloads").join("report.csv");
        assert_eq!(
            std::fs::read(&saved).ok().as_deref(),
            Some(&b"a,b\n1,2\n"[..])
        );
        assert!(
            stdout.contains("No save dialog") && stdout.contains(&*saved.to_string_lossy()),
            "{stdout}"
        );
    }

    // Issue 11, case 10
    #[test]
    fn every_window_has_the_minimum_size_the_page_is_drawn_at() {
        let builder = window("t", [900.0, 680.0]);
        assert_eq!(builder.min_inner_size, Some(MIN_WINDOW_SIZE.into()));
    }

    // Issue 11, case 15
    #[test]
    fn a_reported_warning_reaches_the_window_once() {
        let mut notices = Vec::new();
        let mut seen = 0;
        let text = "shell test: a file was set aside";
        brook_engine::notices::report(text);
        take_notices(&mut notices, &mut seen);
        take_notices(&mut notices, &mut seen);
        assert_eq!(notices.iter().filter(|n| n.as_str() == text).count(), 1);
        assert!(seen > 0);
    }
}
