//! Walks an element tree and draws it with egui; reports interactions as
//! [`Event`]s. It never changes widget state itself.

use std::collections::HashMap;

use brook_engine::Event;
use brook_engine::element::{
    Element, NavPosition, Node, Value, WidgetElement, WidgetId, WidgetSpec,
};
use egui::Ui;

/// A value the person changed in the window that the script has not seen
/// yet (typing, a form not submitted, a run in flight).
#[derive(Clone, Debug)]
struct LocalEdit {
    value: Value,
    /// Already sent to the runner.
    sent: bool,
    /// The run being drawn when it was sent: a node of a later run carries
    /// the runner's answer (the value taken, the value a form holds for its
    /// submit, or the value kept after a refusal), which the window then
    /// shows instead.
    sent_run: u64,
    /// The element's value when the edit began; if the script moves the
    /// value elsewhere, the script wins.
    base: Value,
}

/// What the window keeps between frames for drawing: local edits, and
/// the page's own state (the sidebar shown or hidden, the page shown last).
#[derive(Default)]
pub struct UiMemory {
    local: HashMap<WidgetId, LocalEdit>,
    /// The person hid the sidebar.
    pub(crate) sidebar_closed: bool,
    /// The title of the page drawn last ([`crate::page::page_title`]): a
    /// new title is a new page, which starts scrolled to the top.
    pub(crate) page_title: Option<String>,
}

impl UiMemory {
    /// The values the person changed that the runner has not been sent
    /// yet (text typed into a field that still has the focus), by widget.
    pub fn unsent(&self) -> impl Iterator<Item = (&WidgetId, &Value)> {
        self.local
            .iter()
            .filter(|(_, edit)| !edit.sent)
            .map(|(id, edit)| (id, &edit.value))
    }
}

/// Something only the window can do: a file dialog.
#[derive(Clone, Debug)]
pub enum UiRequest {
    /// Open files for a file uploader.
    PickFiles {
        /// The uploader.
        widget: WidgetId,
        /// Accepted extensions (empty: any).
        types: Vec<String>,
        /// Several files.
        multiple: bool,
    },
    /// Save data to a file the person picks.
    SaveFile {
        /// The suggested name.
        file_name: String,
        /// The bytes.
        data: std::sync::Arc<[u8]>,
    },
}

/// Per-frame drawing context: where events go, and which run is current.
pub struct Frame<'a> {
    /// Interactions of this frame, for the runner.
    pub events: &'a mut Vec<Event>,
    /// Dialogs the window should open.
    pub requests: Vec<UiRequest>,
    /// File uploaders drawn this frame (id, area, several files), for files
    /// dropped on the window.
    pub drop_targets: Vec<(WidgetId, egui::Rect, bool)>,
    memory: &'a mut UiMemory,
    /// The run being streamed: older nodes are drawn faded.
    pub run: u64,
    /// The run of the node being drawn.
    node_run: u64,
    /// The sidebar drew the page menu first: its place in the tree draws
    /// nothing.
    pub(crate) navigation_drawn: bool,
}

impl<'a> Frame<'a> {
    /// A frame drawing run `run`, keeping edits in `memory`.
    pub fn new(events: &'a mut Vec<Event>, memory: &'a mut UiMemory, run: u64) -> Self {
        Self {
            events,
            requests: Vec::new(),
            drop_targets: Vec::new(),
            memory,
            run,
            node_run: run,
            navigation_drawn: false,
        }
    }

    /// The value to show: a local edit, unless the script moved the value.
    pub fn value(&mut self, widget: &WidgetElement) -> Value {
        match self.memory.local.get(&widget.id) {
            Some(edit)
                if edit.base == widget.value && !(edit.sent && self.node_run > edit.sent_run) =>
            {
                edit.value.clone()
            }
            Some(_) => {
                self.memory.local.remove(&widget.id);
                widget.value.clone()
            }
            None => widget.value.clone(),
        }
    }

    /// Keeps a value the person is still editing (not sent yet).
    pub fn edit(&mut self, widget: &WidgetElement, value: Value) {
        self.memory.local.insert(
            widget.id.clone(),
            LocalEdit {
                value,
                base: widget.value.clone(),
                sent: false,
                sent_run: self.run,
            },
        );
    }

    /// Sends a kept edit that was not sent yet.
    pub fn send_edit(&mut self, widget: &WidgetElement) {
        let Some(edit) = self.memory.local.get_mut(&widget.id) else {
            return;
        };
        if edit.sent || edit.base != widget.value {
            return;
        }
        edit.sent = true;
        edit.sent_run = self.run;
        self.events.push(Event::WidgetChanged {
            id: widget.id.clone(),
            value: edit.value.clone(),
        });
    }

    /// Keeps a value and sends it to the runner. Inside a form the runner
    /// batches it until submit.
    pub fn commit(&mut self, widget: &WidgetElement, value: Value) {
        self.edit(widget, value);
        self.send_edit(widget);
    }

    /// A slider's value: kept locally while the person drags (the script
    /// reruns only when the drag ends, on `drag_stopped`), sent at once on a
    /// click or a key (`changed` without a drag).
    pub fn slide(
        &mut self,
        widget: &WidgetElement,
        value: Value,
        changed: bool,
        dragging: bool,
        drag_stopped: bool,
    ) {
        if changed && dragging {
            self.edit(widget, value);
        } else if changed || drag_stopped {
            self.commit(widget, value);
        }
    }

    /// Sends a click.
    pub fn click(&mut self, widget: &WidgetElement) {
        self.events.push(Event::ButtonClicked {
            id: widget.id.clone(),
        });
    }
}

/// The egui data key of [`record_rects`]'s switch.
fn record_rects_id() -> egui::Id {
    egui::Id::unique("brook-record-rects")
}

/// The egui data key of the rects recorded.
fn recorded_rects_id() -> egui::Id {
    egui::Id::unique("brook-recorded-rects")
}

/// Asks every frame drawn with `ctx` from now on to record each widget's
/// and link button's label and screen rect (in points), for
/// [`take_recorded_rects`]. For tools that drive a window from outside
/// (the window's `BROOK_SMOKE_LAYOUT` hook, for xdotool); off by default,
/// and then it costs one lookup per widget.
pub fn record_rects(ctx: &egui::Context) {
    ctx.data_mut(|d| d.insert_temp(record_rects_id(), true));
}

/// The labels and rects recorded since the last call (see [`record_rects`]),
/// in drawing order; empty when recording is off.
pub fn take_recorded_rects(ctx: &egui::Context) -> Vec<(String, egui::Rect)> {
    ctx.data_mut(|d| {
        d.remove_temp::<Vec<(String, egui::Rect)>>(recorded_rects_id())
            .unwrap_or_default()
    })
}

/// Records `label` at `rect` when [`record_rects`] asked for it.
fn record_rect(ui: &Ui, label: &str, rect: egui::Rect) {
    if ui.data(|d| d.get_temp::<bool>(record_rects_id()).unwrap_or(false)) {
        ui.data_mut(|d| {
            d.get_temp_mut_or_default::<Vec<(String, egui::Rect)>>(recorded_rects_id())
                .push((label.to_owned(), rect));
        });
    }
}

/// Draws nodes in order; nodes from before the current run are faded.
pub fn nodes_ui(ui: &mut Ui, nodes: &[Node], frame: &mut Frame<'_>) {
    for (index, node) in nodes.iter().enumerate() {
        ui.push_id(index, |ui| {
            if node.run < frame.run {
                ui.multiply_opacity(0.35);
            }
            frame.node_run = node.run;
            element_ui(ui, &node.element, frame);
        });
    }
}

/// Draws nodes one below the other as [`nodes_ui`] does, each given the
/// width the column had when it began: an element that cannot shrink (a
/// row of tabs, a fixed-width table) may stick out, and the page scrolls
/// sideways to it, but it never widens the elements after it (a chart
/// below a wide row stays as wide as the column).
pub fn column_ui(ui: &mut Ui, nodes: &[Node], frame: &mut Frame<'_>) {
    let width = ui.available_width();
    for (index, node) in nodes.iter().enumerate() {
        ui.push_id(index, |ui| {
            ui.allocate_ui_with_layout(
                egui::vec2(width, 0.0),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    ui.set_max_width(width);
                    if node.run < frame.run {
                        ui.multiply_opacity(0.35);
                    }
                    frame.node_run = node.run;
                    element_ui(ui, &node.element, frame);
                },
            );
        });
    }
}

/// Draws one element.
pub fn element_ui(ui: &mut Ui, element: &Element, frame: &mut Frame<'_>) {
    match element {
        Element::Text { style, body } => crate::text::text_ui(ui, *style, body),
        Element::Code { code, language } => crate::text::code_ui(ui, code, language.as_deref()),
        Element::Divider => {
            ui.separator();
        }
        Element::Alert { level, body } => crate::alert::alert_ui(ui, *level, body),
        Element::Exception { message, location } => {
            crate::alert::exception_ui(ui, message, location.as_deref());
        }
        Element::Widget(widget) => widget_ui(ui, widget, frame),
        Element::Container { kind, children } => {
            crate::layout::container_ui(ui, kind, children, frame)
        }
        Element::View { name, drawer } => crate::component::view_ui(ui, name, drawer),
        Element::Table {
            table,
            interactive,
            config,
        } => crate::table::table_ui(ui, table, *interactive, config),
        Element::Chart { kind, table, x, y } => {
            crate::chart::chart_ui(ui, *kind, table, x.as_deref(), y)
        }
        Element::Metric {
            label,
            value,
            delta,
            delta_color,
        } => crate::metric::metric_ui(ui, label, value, delta.as_deref(), *delta_color),
        Element::Json { value, expanded } => crate::json::json_ui(ui, value, *expanded),
        Element::Image {
            uri,
            bytes,
            caption,
            width,
        } => crate::image::image_ui(ui, uri, bytes.as_ref(), caption.as_deref(), *width),
        Element::Progress { fraction, text } => {
            crate::feedback::progress_ui(ui, *fraction, text.as_deref())
        }
        // The window shows toasts in a corner, not in the page.
        Element::Toast { .. } => {}
        Element::LinkButton { label, url } => {
            let response = crate::feedback::link_button_ui(ui, label, url);
            record_rect(ui, label, response.rect);
        }
        // The sidebar draws the menu first, above everything else in it.
        Element::Navigation {
            pages,
            current,
            position: NavPosition::Sidebar,
        } if !frame.navigation_drawn => {
            crate::navigation::navigation_ui(ui, pages, current, frame.events);
        }
        Element::Navigation { .. } => {}
        Element::PageLink {
            page,
            label,
            current,
        } => {
            let response = crate::navigation::page_link_ui(ui, page, label, *current, frame.events);
            record_rect(ui, label, response.rect);
        }
    }
}

fn widget_ui(ui: &mut Ui, widget: &WidgetElement, frame: &mut Frame<'_>) {
    ui.add_enabled_ui(!widget.disabled, |ui| {
        let response = match &widget.spec {
            WidgetSpec::Button { .. } | WidgetSpec::FormSubmit { .. } => {
                crate::button::button_ui(ui, widget, frame)
            }
            WidgetSpec::Checkbox { .. } => crate::checkbox::checkbox_ui(ui, widget, frame),
            WidgetSpec::Slider { .. } => crate::slider::slider_ui(ui, widget, frame),
            WidgetSpec::RangeSlider { .. } => crate::slider::range_slider_ui(ui, widget, frame),
            WidgetSpec::SelectRangeSlider { .. } => {
                crate::select_slider::select_range_slider_ui(ui, widget, frame)
            }
            WidgetSpec::NumberInput { .. } => {
                crate::number_input::number_input_ui(ui, widget, frame)
            }
            WidgetSpec::TextInput { .. } | WidgetSpec::TextArea { .. } => {
                crate::text_input::text_input_ui(ui, widget, frame)
            }
            WidgetSpec::Selectbox { .. } | WidgetSpec::Radio { .. } => {
                crate::choice::choice_ui(ui, widget, frame)
            }
            WidgetSpec::Multiselect { .. } => crate::multiselect::multiselect_ui(ui, widget, frame),
            WidgetSpec::SelectSlider { .. } => {
                crate::select_slider::select_slider_ui(ui, widget, frame)
            }
            WidgetSpec::ColorPicker => crate::color_picker::color_picker_ui(ui, widget, frame),
            WidgetSpec::FileUploader { .. } => {
                crate::file_uploader::file_uploader_ui(ui, widget, frame)
            }
            WidgetSpec::DateInput { .. }
            | WidgetSpec::TimeInput { .. }
            | WidgetSpec::DateTimeInput { .. } => crate::date_time::date_time_ui(ui, widget, frame),
            WidgetSpec::DownloadButton { .. } => {
                crate::download_button::download_button_ui(ui, widget, frame)
            }
            WidgetSpec::DataEditor { .. } => crate::data_editor::data_editor_ui(ui, widget, frame),
            WidgetSpec::Dataframe { .. } => {
                crate::table::selectable_dataframe_ui(ui, widget, frame)
            }
            WidgetSpec::Component { .. } => crate::component::component_ui(ui, widget, frame),
        };
        record_rect(ui, &widget.label, response.rect);
        // The help shows on a disabled widget too: it may say why.
        if let Some(help) = &widget.help {
            if widget.disabled {
                response.on_disabled_hover_text(help);
            } else {
                response.on_hover_text(help);
            }
        }
    });
    ui.add_space(2.0);
}

/// The label above a widget, in the body font, its inline markdown drawn;
/// returns its id (none for
/// an empty label), for [`labelled`].
pub(crate) fn label_ui(ui: &mut Ui, label: &str) -> Option<egui::Id> {
    (!label.is_empty()).then(|| crate::markdown::inline_label_ui(ui, label).id)
}

/// Draws a widget's label above it and then its controls (`add`), and names
/// every control `add` placed that has no name of its own after the label,
/// so a screen reader reads "Text input, edit text, Ada" and not a bare
/// "edit text".
pub(crate) fn labelled<R>(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    match label_ui(ui, label) {
        Some(id) => ui.label_inputs_by(id, add),
        None => add(ui),
    }
}

/// Gives a widget drawn as a group of controls (radio buttons, chips and a
/// drop-down) one node for screen readers: its `role`, named by the label
/// drawn above it (`label`, from [`label_ui`]), holding `value` as text.
pub(crate) fn describe_group(
    response: &egui::Response,
    role: egui::accesskit::Role,
    label: Option<egui::Id>,
    value: String,
) {
    let enabled = response.enabled();
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::new(role);
        info.enabled = enabled;
        info.current_text_value = Some(value.clone());
        info
    });
    if let Some(label) = label {
        let _ = response.clone().labelled_by(label);
    }
}

#[cfg(test)]
mod tests {
    use brook_engine::element::{Value, WidgetElement, WidgetId, WidgetSpec};

    use super::{Frame, UiMemory};

    fn selectbox(value: Value) -> WidgetElement {
        WidgetElement {
            id: WidgetId("$$ID-0000000000000001-item".into()),
            key: Some("item".into()),
            label: "Item".into(),
            help: None,
            disabled: false,
            form: Some("f".into()),
            spec: WidgetSpec::Selectbox {
                options: vec!["Bolts".into(), "Nuts".into(), "Washers".into()],
                placeholder: String::new(),
            },
            value,
        }
    }

    // Issue 17 (a new user's trial): text typed and not sent yet is what
    // `brook dev` hands over beside the session's values; a sent value is
    // the session's already.
    #[test]
    fn unsent_edits_are_listed_for_the_hand_over() {
        let mut memory = UiMemory::default();
        let mut events = Vec::new();
        let field = selectbox(Value::Index(0));
        {
            let mut frame = Frame::new(&mut events, &mut memory, 1);
            frame.edit(&field, Value::Index(1));
        }
        let unsent: Vec<_> = memory.unsent().collect();
        assert_eq!(unsent, [(&field.id, &Value::Index(1))]);
        {
            let mut frame = Frame::new(&mut events, &mut memory, 1);
            frame.send_edit(&field);
        }
        assert_eq!(memory.unsent().count(), 0);
    }

    // Issue 11, case 4: a sent choice is shown until the runner answers; a
    // node of a later run carries the answer (here the form dropped the
    // choice, so the element still holds the value the edit began from),
    // and the window shows it instead of a stale position.
    #[test]
    fn a_sent_edit_gives_way_to_the_next_runs_value_even_when_it_is_unchanged() {
        let mut memory = UiMemory::default();
        let mut events = Vec::new();
        let before = selectbox(Value::Index(0));
        {
            let mut frame = Frame::new(&mut events, &mut memory, 1);
            frame.commit(&before, Value::Index(2));
            assert_eq!(frame.value(&before), Value::Index(2), "shown while waiting");
        }
        assert_eq!(events.len(), 1, "sent once");
        let mut frame = Frame::new(&mut events, &mut memory, 2);
        frame.node_run = 1;
        assert_eq!(
            frame.value(&before),
            Value::Index(2),
            "the old node: still the edit"
        );
        frame.node_run = 2;
        assert_eq!(frame.value(&before), Value::Index(0), "the answer wins");
    }
}
