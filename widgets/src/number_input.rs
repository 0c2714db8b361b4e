//! `number_input`: a number typed or stepped with - and +.

use brook_engine::St;
use brook_engine::element::{Value, WidgetElement, WidgetSpec};
use egui::{Response, Ui};

use crate::common::{Common, WidgetOptions};
use crate::number::{Number, NumberCodec, bits};
use crate::render::{Frame, label_ui};

/// Number inputs on [`St`]. In the prelude.
pub trait NumberInputExt {
    /// A number input starting at `default`; returns its value. The type of
    /// `default` is the type returned.
    fn number_input<N: Number>(&self, label: impl Into<String>, default: N) -> NumberInput<'_, N>;
}

impl NumberInputExt for St {
    fn number_input<N: Number>(&self, label: impl Into<String>, default: N) -> NumberInput<'_, N> {
        NumberInput {
            st: self,
            label: label.into(),
            default,
            min: None,
            max: None,
            step: None,
            common: Common::default(),
        }
    }
}

/// A number input builder; finish with [`NumberInput::show`].
#[must_use = "call .show() to place the number input"]
pub struct NumberInput<'a, N> {
    st: &'a St,
    label: String,
    default: N,
    min: Option<N>,
    max: Option<N>,
    step: Option<N>,
    common: Common,
}

impl<N> WidgetOptions for NumberInput<'_, N> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

impl<N: Number> NumberInput<'_, N> {
    /// The lowest accepted value.
    pub fn min(mut self, min: N) -> Self {
        self.min = Some(min);
        self
    }

    /// The highest accepted value.
    pub fn max(mut self, max: N) -> Self {
        self.max = Some(max);
        self
    }

    /// The step of the - and + buttons (default 1, or 0.01 for floats).
    pub fn step(mut self, step: N) -> Self {
        self.step = Some(step);
        self
    }

    /// Places the number input; returns its value.
    pub fn show(self) -> N {
        let min = self.min.map(Number::to_f64);
        let max = self.max.map(Number::to_f64);
        let clamp = |v: N| {
            N::from_f64(
                v.to_f64()
                    .max(min.unwrap_or(f64::NEG_INFINITY))
                    .min(max.unwrap_or(f64::INFINITY)),
            )
        };
        let default = clamp(self.default);
        let step = self.step.unwrap_or_else(N::default_step);
        let value = self.st.widget(
            self.common.call(
                WidgetSpec::NumberInput {
                    min,
                    max,
                    step: step.to_f64(),
                    integer: N::INTEGER,
                },
                self.label,
                default,
                true,
                NumberCodec::<N>::new(min, max),
            ),
            // Min and max are not constraints of identity: a keyed number
            // input keeps its value when they change (B116), clamped below.
            |id| {
                id.param("default", bits(default))
                    .param("min", min.map(f64::to_bits))
                    .param("max", max.map(f64::to_bits))
                    .param("step", bits(step));
            },
        );
        clamp(value)
    }
}

/// Draws a number input; a typed value is sent when editing ends.
pub(crate) fn number_input_ui(
    ui: &mut Ui,
    widget: &WidgetElement,
    frame: &mut Frame<'_>,
) -> Response {
    let WidgetSpec::NumberInput {
        min,
        max,
        step,
        integer,
    } = widget.spec
    else {
        return ui.label("?");
    };
    label_ui(ui, &widget.label);
    let mut value = match frame.value(widget) {
        #[allow(clippy::cast_precision_loss, reason = "number input values")]
        Value::Int(v) => v as f64,
        Value::Float(v) => v,
        _ => 0.0,
    };
    let range = min.unwrap_or(f64::NEG_INFINITY)..=max.unwrap_or(f64::INFINITY);
    let mut commit = false;
    let response = ui
        .horizontal(|ui| {
            let mut drag = egui::DragValue::new(&mut value)
                .range(range.clone())
                .speed(step);
            if integer {
                drag = drag.fixed_decimals(0);
            }
            let response = ui.add_sized([120.0, ui.spacing().interact_size.y], drag);
            if ui.small_button("−").clicked() {
                value = (value - step).max(*range.start());
                commit = true;
            }
            if ui.small_button("+").clicked() {
                value = (value + step).min(*range.end());
                commit = true;
            }
            if response.changed() && !response.has_focus() && !response.dragged() {
                commit = true;
            }
            if response.lost_focus() || response.drag_stopped() {
                commit = true;
            }
            response
        })
        .inner;
    #[allow(clippy::cast_possible_truncation, reason = "integer input values")]
    let new = if integer {
        Value::Int(value.round() as i64)
    } else {
        Value::Float(value)
    };
    if commit {
        frame.commit(widget, new);
    } else if response.changed() {
        frame.edit(widget, new);
    }
    response
}
