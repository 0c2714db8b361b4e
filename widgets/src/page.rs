//! The page: a tree drawn as the window draws it, the sidebar in a left
//! panel and the main body in a central panel with a readable width. The
//! window (`brook::BrookApp`) and the offscreen snapshots
//! ([`crate::snapshot`]) both call [`page_ui`], so a snapshot shows the
//! pixels the window shows.

use brook_engine::Event;
use brook_engine::element::{Element, NavPosition, TextStyle, Tree};
use egui::Ui;

use crate::render::{Frame, UiMemory, UiRequest, column_ui};

/// The widest the main body gets in the default (not wide) layout, in points.
pub const READABLE_WIDTH: f32 = 760.0;

/// The narrowest the main body gets, in points: in a window narrower than
/// this (after the sidebar), the page keeps this width and scrolls
/// sideways instead of squeezing its content.
pub const MIN_MAIN_WIDTH: f32 = 320.0;

/// The sidebar's width when it first opens, in points, and at most this
/// share of the window (so a narrow window keeps room for the page). The
/// person resizes it by dragging its edge.
pub const SIDEBAR_WIDTH: f32 = 260.0;

/// The largest share of the window the sidebar takes when it opens.
const SIDEBAR_SHARE: f32 = 0.35;

/// The narrowest and the widest the sidebar can be dragged, in points.
const SIDEBAR_RANGE: [f32; 2] = [140.0, 520.0];

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
/// panel the person can resize and hide, the main body in a central panel,
/// both scrollable. The main body is at most [`READABLE_WIDTH`] wide (unless
/// `layout.wide`) and at least [`MIN_MAIN_WIDTH`]: narrower windows scroll
/// it sideways. A page with a new title ([`page_title`]) starts scrolled to
/// the top. Nodes older
/// than run `run` are faded; interactions are pushed to `events`.
///
/// ```
/// use brook_engine::element::{Element, TextStyle, Tree};
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
    let window_width = ui.max_rect().width();
    if !tree.sidebar.is_empty() {
        sidebar_ui(ui, tree, memory, run, window_width, events, &mut output);
    }
    // A new page (another title at the top) starts at the top, not where
    // the page before it was scrolled to.
    let title = page_title(tree);
    let new_page = title.is_some() && title != memory.page_title;
    if title.is_some() {
        memory.page_title = title;
    }
    let sidebar_closed = memory.sidebar_closed && !tree.sidebar.is_empty();
    egui::CentralPanel::default().show(ui, |ui| {
        if sidebar_closed {
            // A collapsed sidebar leaves a button to bring it back (and a
            // grab handle on the window's left edge).
            let open = ui
                .add(egui::Button::new("»").frame(false))
                .on_hover_text("Show the sidebar");
            if open.clicked() {
                memory.sidebar_closed = false;
            }
        }
        let mut scroll = egui::ScrollArea::both()
            .id_salt("brook-main")
            .auto_shrink([false, false]);
        if new_page {
            scroll = scroll.scroll_offset(egui::Vec2::ZERO);
        }
        scroll.show(ui, |ui| {
            // Text wraps at the visible width; only a page narrower than
            // MIN_MAIN_WIDTH (or content that cannot shrink, such as a
            // wide table) scrolls sideways.
            let available = ui.available_width().max(MIN_MAIN_WIDTH);
            let width = if layout.wide {
                available
            } else {
                available.min(READABLE_WIDTH)
            };
            let margin = ((available - width) / 2.0).max(0.0);
            ui.horizontal_top(|ui| {
                ui.add_space(margin);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    ui.set_max_width(width);
                    ui.add_space(8.0);
                    let mut frame = Frame::new(events, memory, run);
                    // A menu across the top comes first, wherever the
                    // script made it.
                    for node in &tree.main {
                        if let Element::Navigation {
                            pages,
                            current,
                            position: NavPosition::Top,
                        } = &node.element
                        {
                            crate::navigation::top_bar_ui(ui, pages, current, frame.events);
                        }
                    }
                    column_ui(ui, &tree.main, &mut frame);
                    output.requests.append(&mut frame.requests);
                    output.drop_targets.append(&mut frame.drop_targets);
                    ui.add_space(24.0);
                });
            });
        });
    });
    output
}

/// The sidebar: a left panel the person can resize (drag its edge) and
/// hide (its `«` button, or drag it closed), scrolling on its own.
fn sidebar_ui(
    ui: &mut Ui,
    tree: &Tree,
    memory: &mut UiMemory,
    run: u64,
    window_width: f32,
    events: &mut Vec<Event>,
    output: &mut PageOutput,
) {
    let [narrowest, widest] = SIDEBAR_RANGE;
    let default = SIDEBAR_WIDTH
        .min(window_width * SIDEBAR_SHARE)
        .max(narrowest);
    let mut open = !memory.sidebar_closed;
    egui::Panel::left("brook-sidebar")
        .resizable(true)
        .default_size(default)
        .size_range(narrowest..=(window_width * 0.8).clamp(narrowest, widest))
        .show_collapsible(ui, &mut open, |ui| {
            ui.horizontal(|ui| {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let hide = ui
                        .add(egui::Button::new("«").frame(false))
                        .on_hover_text("Hide the sidebar");
                    if hide.clicked() {
                        memory.sidebar_closed = true;
                    }
                });
            });
            egui::ScrollArea::vertical().show(ui, |ui| {
                let mut frame = Frame::new(events, memory, run);
                // The page menu comes first, as in Streamlit, wherever the
                // script's sidebar calls put it.
                for node in &tree.sidebar {
                    if let Element::Navigation { .. } = &node.element {
                        crate::render::element_ui(ui, &node.element, &mut frame);
                        frame.navigation_drawn = true;
                    }
                }
                column_ui(ui, &tree.sidebar, &mut frame);
                output.requests.append(&mut frame.requests);
                output.drop_targets.append(&mut frame.drop_targets);
            });
        });
    if !open {
        memory.sidebar_closed = true;
    }
}

/// What makes a page a different page: the page the menu of a multipage
/// app marks, else the text of the first title (`st.title`) at the top
/// level of the main body. `None` when it has no
/// title (its scroll position is then never reset).
pub fn page_title(tree: &Tree) -> Option<String> {
    // A multipage app's page is the page its menu marks.
    if let Some(page) = current_page(tree) {
        return Some(page);
    }
    tree.main.iter().find_map(|node| match &node.element {
        Element::Text {
            style: TextStyle::Title,
            body,
        } => Some(body.clone()),
        _ => None,
    })
}

/// The title of the page the menu of a multipage app marks in `tree`
/// (`st.navigation`); `None` for an app without pages.
pub fn current_page(tree: &Tree) -> Option<String> {
    tree.sidebar
        .iter()
        .chain(&tree.main)
        .find_map(|node| match &node.element {
            Element::Navigation { current, .. } => Some(current.clone()),
            _ => None,
        })
}
