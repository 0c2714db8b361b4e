//! Walks an element tree and draws it with egui; reports interactions as
//! [`Event`]s. It never changes widget state itself.

use std::collections::HashMap;

use brook_engine::Event;
use brook_engine::element::{Element, Node, Value, WidgetElement, WidgetId, WidgetSpec};
use egui::Ui;

/// A value the person changed in the window that the script has not seen
/// yet (typing, a form not submitted, a run in flight).
#[derive(Clone, Debug)]
struct LocalEdit {
    value: Value,
    /// The element's value when the edit began; if the script moves the
    /// value elsewhere, the script wins.
    base: Value,
}

/// What the window keeps between frames for drawing: local edits.
#[derive(Default)]
pub struct UiMemory {
    local: HashMap<WidgetId, LocalEdit>,
}

/// Per-frame drawing context: where events go, and which run is current.
pub struct Frame<'a> {
    /// Interactions of this frame, for the runner.
    pub events: &'a mut Vec<Event>,
    memory: &'a mut UiMemory,
    /// The run being streamed: older nodes are drawn faded.
    pub run: u64,
}

impl<'a> Frame<'a> {
    /// A frame drawing run `run`, keeping edits in `memory`.
    pub fn new(events: &'a mut Vec<Event>, memory: &'a mut UiMemory, run: u64) -> Self {
        Self {
            events,
            memory,
            run,
        }
    }

    /// The value to show: a local edit, unless the script moved the value.
    pub fn value(&mut self, widget: &WidgetElement) -> Value {
        match self.memory.local.get(&widget.id) {
            Some(edit) if edit.base == widget.value => edit.value.clone(),
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
            },
        );
    }

    /// Keeps a value and sends it to the runner. Inside a form the runner
    /// batches it until submit.
    pub fn commit(&mut self, widget: &WidgetElement, value: Value) {
        self.edit(widget, value.clone());
        self.events.push(Event::WidgetChanged {
            id: widget.id.clone(),
            value,
        });
    }

    /// Sends a click.
    pub fn click(&mut self, widget: &WidgetElement) {
        self.events.push(Event::ButtonClicked {
            id: widget.id.clone(),
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
            element_ui(ui, &node.element, frame);
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
        };
        if let Some(help) = &widget.help {
            response.on_hover_text(help);
        }
    });
    ui.add_space(2.0);
}

/// The label above a widget, in the body font.
pub(crate) fn label_ui(ui: &mut Ui, label: &str) {
    if !label.is_empty() {
        ui.label(label);
    }
}
