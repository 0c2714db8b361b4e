//! The eframe window: draws the streamed tree, sends interactions to the
//! session's runner, and repaints only when something changed.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;

use brook_engine::element::{Delta, RunOutcome, SessionStatus, Tree};
use brook_engine::{Event, Script, Session, SessionOptions};
use brook_widgets::render::{Frame, UiMemory, nodes_ui};
use egui::{Align, Key, Layout, RichText};

/// The version, as shown in the about box and by `brook --version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The release channel: `stable`, or `nightly <commit date>` for a build of
/// the git main branch (see build.rs).
pub const CHANNEL: &str = env!("BROOK_CHANNEL");

/// One window: one session.
pub struct BrookApp {
    title: String,
    session: Session,
    tree: Tree,
    run: u64,
    running: bool,
    run_started: Option<Instant>,
    last_outcome: Option<RunOutcome>,
    memory: UiMemory,
    outbox: VecDeque<Event>,
    wide: bool,
    show_about: bool,
    frames: u64,
    log_frames: bool,
    /// `BROOK_SMOKE=1`: close after the first finished run is drawn, printing
    /// a summary (a check that a window opens, e.g. under Xvfb in CI).
    smoke: SmokeState,
    /// The spinner of a computation in progress, and when it began.
    progress: Option<(brook_engine::element::Progress, Instant)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SmokeState {
    Off,
    Waiting,
    Drawn,
}

impl BrookApp {
    /// Starts a session for `script` and asks for its first run.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        title: String,
        script: Script,
    ) -> std::io::Result<Self> {
        let ctx = cc.egui_ctx.clone();
        let session = Session::start(
            script,
            SessionOptions {
                stream: true,
                notify: Some(Arc::new(move || ctx.request_repaint())),
                clock: None,
            },
        )?;
        let mut app = Self {
            title,
            session,
            tree: Tree::default(),
            run: 0,
            running: false,
            run_started: None,
            last_outcome: None,
            memory: UiMemory::default(),
            outbox: VecDeque::new(),
            wide: false,
            show_about: false,
            frames: 0,
            log_frames: std::env::var_os("BROOK_LOG_FRAMES").is_some(),
            progress: None,
            smoke: if std::env::var_os("BROOK_SMOKE").is_some() {
                SmokeState::Waiting
            } else {
                SmokeState::Off
            },
        };
        app.send(Event::Rerun);
        Ok(app)
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

    fn apply_deltas(&mut self) {
        for delta in self.session.drain() {
            match delta {
                Delta::RunStarted { run, fragment } => {
                    self.run = run;
                    if let Some(path) = fragment {
                        // Only the fragment is redrawn; the rest stays current.
                        self.tree.touch_outside(&path, run);
                    }
                }
                Delta::Set { path, element } => self.tree.set(&path, element, self.run),
                Delta::Truncate { root, parents, len } => self.tree.truncate(root, &parents, len),
                Delta::RunFinished { run, outcome } => {
                    if matches!(outcome, RunOutcome::Completed | RunOutcome::Stopped) {
                        self.tree.prune_older_than(run);
                    }
                    self.last_outcome = Some(outcome);
                    if self.smoke == SmokeState::Waiting && outcome == RunOutcome::Completed {
                        self.smoke = SmokeState::Drawn;
                    }
                }
                Delta::Status(SessionStatus::Running) => {
                    self.running = true;
                    self.run_started = Some(Instant::now());
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
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("App", |ui| {
                if ui.button("Rerun          R").clicked() {
                    self.send(Event::Rerun);
                    ui.close();
                }
                if ui.button("Clear caches   C").clicked() {
                    brook_engine::caching::clear_all();
                    self.send(Event::Rerun);
                    ui.close();
                }
                if ui
                    .add_enabled(self.running, egui::Button::new("Stop"))
                    .clicked()
                {
                    self.send(Event::Stop);
                    ui.close();
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Settings", |ui| {
                ui.label("Theme");
                let mut preference = ui.ctx().options(|o| o.theme_preference);
                let before = preference;
                ui.radio_value(
                    &mut preference,
                    egui::ThemePreference::System,
                    "Follow the system",
                );
                ui.radio_value(&mut preference, egui::ThemePreference::Light, "Light");
                ui.radio_value(&mut preference, egui::ThemePreference::Dark, "Dark");
                if preference != before {
                    ui.ctx().set_theme(preference);
                }
                ui.separator();
                ui.checkbox(&mut self.wide, "Wide layout");
            });
            ui.menu_button("Help", |ui| {
                if ui.button("About brook").clicked() {
                    self.show_about = true;
                    ui.close();
                }
            });
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
}

impl eframe::App for BrookApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.frames += 1;
        if self.log_frames {
            log::info!("frame {}", self.frames);
            eprintln!(
                "brook: frame {} at {:?}",
                self.frames,
                std::time::SystemTime::now()
            );
        }
        self.apply_deltas();
        if !ctx.egui_wants_keyboard_input()
            && ctx.input(|i| i.key_pressed(Key::R) && i.modifiers.is_none())
        {
            self.send(Event::Rerun);
        }
        if !ctx.egui_wants_keyboard_input()
            && ctx.input(|i| i.key_pressed(Key::C) && i.modifiers.is_none())
        {
            brook_engine::caching::clear_all();
            self.send(Event::Rerun);
        }

        let mut events = Vec::new();
        egui::Panel::top("brook-top").show(ui, |ui| self.top_bar_ui(ui));
        if !self.tree.sidebar.is_empty() {
            egui::Panel::left("brook-sidebar")
                .default_size(260.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        let mut frame = Frame::new(&mut events, &mut self.memory, self.run);
                        nodes_ui(ui, &self.tree.sidebar, &mut frame);
                    });
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let width = if self.wide {
                        ui.available_width()
                    } else {
                        ui.available_width().min(760.0)
                    };
                    let margin = ((ui.available_width() - width) / 2.0).max(0.0);
                    ui.horizontal_top(|ui| {
                        ui.add_space(margin);
                        ui.vertical(|ui| {
                            ui.set_width(width);
                            ui.add_space(8.0);
                            let mut frame = Frame::new(&mut events, &mut self.memory, self.run);
                            nodes_ui(ui, &self.tree.main, &mut frame);
                            ui.add_space(24.0);
                        });
                    });
                });
        });
        self.about_ui(&ctx);
        if let Some((progress, started)) = &self.progress {
            let elapsed = started.elapsed().as_secs_f32();
            let time = ctx.input(|i| i.time);
            egui::Area::new(egui::Id::unique("brook-spinner"))
                .anchor(egui::Align2::CENTER_TOP, [0.0, 48.0])
                .order(egui::Order::Foreground)
                .interactable(false)
                .show(&ctx, |ui| {
                    brook_widgets::spinner::spinner_ui(ui, progress, elapsed, time)
                });
            ctx.request_repaint_after(std::time::Duration::from_millis(33));
        }
        for event in events {
            self.send(event);
        }
        if self.smoke == SmokeState::Drawn {
            let elements = self.tree.walk().count();
            println!(
                "brook smoke: window drew run {} with {elements} elements, {} frames",
                self.run, self.frames
            );
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            self.smoke = SmokeState::Off;
        }
        if !self.outbox.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        if self.running {
            // The elapsed-time label ticks while a run is in progress.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}
