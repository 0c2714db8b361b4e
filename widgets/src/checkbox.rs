//! `checkbox` and `toggle`: a bool.

use brook_engine::St;
use brook_engine::element::{Value, WidgetElement, WidgetSpec};
use brook_engine::state::{Codec, DynValue};
use egui::{Response, Ui};

use crate::common::{Common, WidgetOptions};
use crate::render::Frame;

/// Checkboxes and toggles on [`St`]. In the prelude.
pub trait CheckboxExt {
    /// A checkbox; returns whether it is checked (default false).
    fn checkbox(&self, label: impl Into<String>) -> Checkbox<'_>;
    /// A toggle switch; returns whether it is on (default false).
    fn toggle(&self, label: impl Into<String>) -> Checkbox<'_>;
}

impl CheckboxExt for St {
    fn checkbox(&self, label: impl Into<String>) -> Checkbox<'_> {
        Checkbox::new(self, label.into(), false)
    }
    fn toggle(&self, label: impl Into<String>) -> Checkbox<'_> {
        Checkbox::new(self, label.into(), true)
    }
}

/// A checkbox or toggle builder; finish with [`Checkbox::show`].
#[must_use = "call .show() to place the widget"]
pub struct Checkbox<'a> {
    st: &'a St,
    label: String,
    toggle: bool,
    default: Option<bool>,
    common: Common,
}

impl WidgetOptions for Checkbox<'_> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

/// A bool widget's codec (checkboxes, toggles, and the one-run triggers of
/// buttons).
pub(crate) struct BoolCodec;

impl Codec for BoolCodec {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        match value {
            Value::Bool(b) => Some(Box::new(*b)),
            _ => None,
        }
    }
    fn encode(&self, value: &dyn std::any::Any) -> Value {
        Value::Bool(value.downcast_ref::<bool>().copied().unwrap_or(false))
    }
}

impl<'a> Checkbox<'a> {
    fn new(st: &'a St, label: String, toggle: bool) -> Self {
        Self {
            st,
            label,
            toggle,
            default: None,
            common: Common::default(),
        }
    }

    /// The value before any interaction.
    pub fn default(mut self, value: bool) -> Self {
        self.default = Some(value);
        self
    }

    /// Places the widget; returns its value.
    pub fn show(self) -> bool {
        let default = self.default.unwrap_or(false);
        self.st.widget(
            self.common.call(
                WidgetSpec::Checkbox {
                    toggle: self.toggle,
                },
                self.label,
                default,
                self.default.is_some(),
                BoolCodec,
            ),
            |id| {
                id.param("default", default);
            },
        )
    }
}

/// Draws a checkbox or toggle.
pub(crate) fn checkbox_ui(ui: &mut Ui, widget: &WidgetElement, frame: &mut Frame<'_>) -> Response {
    let mut on = matches!(frame.value(widget), Value::Bool(true));
    let toggle = matches!(widget.spec, WidgetSpec::Checkbox { toggle: true });
    let response = if toggle {
        ui.horizontal(|ui| {
            let response = toggle_switch(ui, &mut on);
            let label = crate::markdown::inline_label_ui(ui, &widget.label);
            response.labelled_by(label.id)
        })
        .inner
    } else {
        ui.checkbox(&mut on, crate::markdown::inline_text(ui, &widget.label))
    };
    if response.changed() {
        frame.commit(widget, Value::Bool(on));
    }
    response
}

/// egui's toggle switch (from egui's demo), as a widget: a switch for
/// screen readers, on or off (its name is the label beside it).
fn toggle_switch(ui: &mut Ui, on: &mut bool) -> Response {
    let desired_size = ui.spacing().interact_size.y * egui::vec2(2.0, 1.0);
    let (rect, mut response) = ui.allocate_exact_size(desired_size, egui::Sense::click());
    if response.clicked() {
        *on = !*on;
        response.mark_changed();
    }
    let (enabled, state) = (ui.is_enabled(), *on);
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Switch, enabled, state, ""));
    if ui.is_rect_visible(rect) {
        let how_on = ui.ctx().animate_bool_responsive(response.id, *on);
        let visuals = ui.style().interact_selectable(&response, *on);
        let rect = rect.expand(visuals.expansion);
        let radius = 0.5 * rect.height();
        ui.painter().rect(
            rect,
            radius,
            visuals.bg_fill,
            visuals.bg_stroke,
            egui::StrokeKind::Inside,
        );
        let circle_x = egui::lerp((rect.left() + radius)..=(rect.right() - radius), how_on);
        let center = egui::pos2(circle_x, rect.center().y);
        ui.painter()
            .circle(center, 0.75 * radius, visuals.bg_fill, visuals.fg_stroke);
    }
    response
}
