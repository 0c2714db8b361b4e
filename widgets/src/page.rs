//! The page: a tree drawn as the window draws it, the sidebar in a left
//! panel and the main body in a central panel with a readable width. The
//! window (`brook::BrookApp`) and the offscreen snapshots
//! ([`crate::snapshot`]) both call [`page_ui`], so a snapshot shows the
//! pixels the window shows.

use brook_engine::Event;
use brook_engine::element::Tree;
use egui::Ui;

use crate::render::{Frame, UiMemory, UiRequest, nodes_ui};

/// The widest the main body gets in the default (not wide) layout, in points.
pub const READABLE_WIDTH: f32 = 760.0;

/// How the page is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageLayout {
    /// Use the whole width of the window for the main body, instead of a
    /// centred column of at most [`READABLE_WIDTH`] points.
    pub wide: bool,
}

/// What drawing the page asks of the window besides events.
#[derive(Debug, Default)]
pub struct PageOutput {
    /// File dialogs to open.
    pub requests: Vec<UiRequest>,
    /// File uploaders drawn (id, area, several files), for dropped files.
    pub drop_targets: Vec<(brook_engine::element::WidgetId, egui::Rect, bool)>,
}

/// Draws `tree` filling `ui`: the sidebar (when it has elements) in a left
/// panel, the main body in a central panel, both scrollable. Nodes older
/// than run `run` are faded; interactions are pushed to `events`.
///
/// ```
/// use brook_engine::element::Tree;
/// use brook_widgets::page::{PageLayout, page_ui};
/// use brook_widgets::render::UiMemory;
///
/// let ctx = egui::Context::default();
/// let mut memory = UiMemory::default();
/// let mut events = Vec::new();
/// let mut output = ctx.run_ui(Default::default(), |ui| {
///     let _ = page_ui(ui, &Tree::default(), &mut memory, 0, PageLayout::default(), &mut events);
/// });
/// output.textures_delta.clear(); // a real app hands these to its renderer
/// assert!(events.is_empty());
/// ```
pub fn page_ui(
    ui: &mut Ui,
    tree: &Tree,
    memory: &mut UiMemory,
    run: u64,
    layout: PageLayout,
    events: &mut Vec<Event>,
) -> PageOutput {
    let mut output = PageOutput::default();
    if !tree.sidebar.is_empty() {
        egui::Panel::left("brook-sidebar")
            .default_size(260.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let mut frame = Frame::new(events, memory, run);
                    nodes_ui(ui, &tree.sidebar, &mut frame);
                    output.requests.append(&mut frame.requests);
                    output.drop_targets.append(&mut frame.drop_targets);
                });
            });
    }
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let width = if layout.wide {
                    ui.available_width()
                } else {
                    ui.available_width().min(READABLE_WIDTH)
                };
                let margin = ((ui.available_width() - width) / 2.0).max(0.0);
                ui.horizontal_top(|ui| {
                    ui.add_space(margin);
                    ui.vertical(|ui| {
                        ui.set_width(width);
                        ui.add_space(8.0);
                        let mut frame = Frame::new(events, memory, run);
                        nodes_ui(ui, &tree.main, &mut frame);
                        output.requests.append(&mut frame.requests);
                        output.drop_targets.append(&mut frame.drop_targets);
                        ui.add_space(24.0);
                    });
                });
            });
    });
    output
}
