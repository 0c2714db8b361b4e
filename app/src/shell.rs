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
use egui::{Align, Key, Layout, RichText};
use parking_lot::Mutex;

use crate::settings::{self, Settings, Theme};

/// The version, as shown in the about box and by `brook --version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The release channel: `stable`, or `nightly <commit date>` for a build of
/// the git main branch (see build.rs).
pub const CHANNEL: &str = env!("BROOK_CHANNEL");

/// How long a toast stays up.
const TOAST_SECS: f32 = 4.0;

/// The smallest a brook window can be made, in points: below it egui's
/// scroll bars have no room for their handle (pressing one panics in
/// egui 0.37).
pub(crate) const MIN_WINDOW_SIZE: [f32; 2] = [360.0, 240.0];

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
    toasts: Vec<(String, Instant)>,
    /// Messages of the window itself (a file that could not be read).
    notices: Vec<String>,
    closed: bool,
}

impl SessionView {
    fn new(
        ctx: &egui::Context,
        viewport: egui::ViewportId,
        script: Script,
        persist: Option<PathBuf>,
    ) -> std::io::Result<Self> {
        let ctx = ctx.clone();
        let session = Session::start(
            script,
            SessionOptions {
                stream: true,
                notify: Some(Arc::new(move || ctx.request_repaint_of(viewport))),
                clock: None,
                persist_path: persist,
            },
        )?;
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
            notices: Vec::new(),
            closed: false,
        };
        view.send(Event::Rerun);
        Ok(view)
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
                        self.toasts.push((body.clone(), Instant::now()));
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
        if !ctx.egui_wants_keyboard_input() {
            let (rerun, clear) = ctx.input(|i| {
                (
                    i.key_pressed(Key::R) && i.modifiers.is_none(),
                    i.key_pressed(Key::C) && i.modifiers.is_none(),
                )
            });
            if rerun {
                self.send(Event::Rerun);
            }
            if clear {
                brook_engine::caching::clear_all();
                self.send(Event::Rerun);
            }
        }
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
            UiRequest::PickFiles {
                widget,
                types,
                multiple,
            } => std::thread::Builder::new()
                .name("brook-open-dialog".into())
                .spawn(move || pick_files(&sender, widget, &types, multiple)),
            UiRequest::SaveFile { file_name, data } => std::thread::Builder::new()
                .name("brook-save-dialog".into())
                .spawn(move || save_file(&file_name, &data)),
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
        self.toasts
            .retain(|(_, at)| at.elapsed().as_secs_f32() < TOAST_SECS);
        if !self.toasts.is_empty() {
            egui::Area::new(egui::Id::unique("brook-toasts"))
                .anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -16.0])
                .order(egui::Order::Foreground)
                .show(ctx, |ui| {
                    for (body, _) in &self.toasts {
                        egui::Frame::popup(ui.style()).show(ui, |ui| {
                            ui.set_max_width(320.0);
                            ui.label(body.as_str());
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

/// The save dialog; a cancelled dialog writes nothing.
fn save_file(file_name: &str, data: &[u8]) {
    let Some(path) = rfd::FileDialog::new().set_file_name(file_name).save_file() else {
        return;
    };
    if let Err(err) = brook_engine::files::write_atomically(&path, data) {
        brook_engine::notices::report(format!(
            "The download could not be saved ({err}). `{}`",
            path.display()
        ));
    }
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
    frames: u64,
    log_frames: bool,
    /// `BROOK_SMOKE=1`: close after the first finished run is drawn, printing
    /// a summary (a check that a window opens, e.g. under Xvfb in CI).
    smoke: bool,
}

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
        let settings::Loaded {
            settings,
            warning,
            writable,
        } = loaded;
        egui_extras::install_image_loaders(&cc.egui_ctx);
        brook_widgets::fonts::install(&cc.egui_ctx);
        cc.egui_ctx.set_theme(settings.theme.preference());
        // The person's choice wins over the app's `brook::config` default.
        if settings.display_zone.is_some() {
            brook_engine::time::set_display_zone(settings.display_zone());
        }
        let dir = settings::config_dir(&title);
        let state_path = dir.join("session_state.ron");
        let mut main = SessionView::new(
            &cc.egui_ctx,
            egui::ViewportId::ROOT,
            Arc::clone(&script),
            Some(state_path.clone()),
        )?;
        main.notices.extend(warning);
        Ok(Self {
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
            frames: 0,
            log_frames: std::env::var_os("BROOK_LOG_FRAMES").is_some(),
            smoke: std::env::var_os("BROOK_SMOKE").is_some(),
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
                if ui.button("Rerun          R").clicked() {
                    self.main.send(Event::Rerun);
                    ui.close();
                }
                if ui.button("Clear caches   C").clicked() {
                    brook_engine::caching::clear_all();
                    self.main.send(Event::Rerun);
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
            ui.menu_button("Settings", |ui| {
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
        ui.menu_button(format!("Display timezone: {current}"), |ui| {
            ui.add(egui::TextEdit::singleline(&mut self.zone_search).hint_text("Search zones"));
            if ui
                .selectable_label(
                    self.settings.display_zone.is_none(),
                    "Own zone of each value",
                )
                .clicked()
            {
                self.settings.display_zone = None;
            }
            if ui
                .selectable_label(
                    self.settings.display_zone.as_deref() == Some("Local"),
                    "Local (the system's)",
                )
                .clicked()
            {
                self.settings.display_zone = Some("Local".into());
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
                        }
                    }
                });
        });
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
            let title = format!("{} ({})", self.title, index + 2);
            ctx.show_viewport_deferred(*id, window(&title, [900.0, 680.0]), move |ui, _class| {
                let mut view = view.lock();
                view.apply_deltas();
                if ui.ctx().input(|i| i.viewport().close_requested()) {
                    view.closed = true;
                }
                egui::Panel::top("brook-window-top").show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if ui.button("Rerun").clicked() {
                            view.send(Event::Rerun);
                        }
                        view.running_ui(ui);
                    });
                });
                view.page_ui(ui, wide);
            });
        }
    }

    fn remember_window_size(&mut self, ctx: &egui::Context) {
        let size = ctx.input(|i| i.viewport().inner_rect.map(|r| [r.width(), r.height()]));
        if let Some(size) = size {
            let moved = self
                .settings
                .window_size
                .is_none_or(|old| (old[0] - size[0]).abs() > 1.0 || (old[1] - size[1]).abs() > 1.0);
            if moved {
                self.settings.window_size = Some(size);
            }
        }
    }
}

impl eframe::App for BrookApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
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
        self.remember_window_size(&ctx);
        egui::Panel::top("brook-top").show(ui, |ui| self.menu_ui(ui));
        self.main.page_ui(ui, self.settings.wide);
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

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_settings();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
