//! `slider`: a number in a range, integer or float.

use std::ops::RangeInclusive;

use brook_engine::St;
use brook_engine::element::{Value, WidgetElement, WidgetSpec};
use egui::{Response, Ui};

use crate::common::{Common, WidgetOptions};
use crate::number::{Number, NumberCodec, bits};
use crate::render::{Frame, label_ui};

/// Sliders on [`St`]. In the prelude.
pub trait SliderExt {
    /// A slider over `range`; returns its value (default: the range's start).
    fn slider<N: Number>(
        &self,
        label: impl Into<String>,
        range: RangeInclusive<N>,
    ) -> Slider<'_, N>;
}

impl SliderExt for St {
    fn slider<N: Number>(
        &self,
        label: impl Into<String>,
        range: RangeInclusive<N>,
    ) -> Slider<'_, N> {
        Slider {
            st: self,
            label: label.into(),
            min: *range.start(),
            max: *range.end(),
            default: None,
            step: None,
            common: Common::default(),
        }
    }
}

/// A slider builder; finish with [`Slider::show`].
#[must_use = "call .show() to place the slider"]
pub struct Slider<'a, N> {
    st: &'a St,
    label: String,
    min: N,
    max: N,
    default: Option<N>,
    step: Option<N>,
    common: Common,
}

impl<N> WidgetOptions for Slider<'_, N> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

impl<N: Number> Slider<'_, N> {
    /// The value before any interaction (clamped into the range).
    pub fn default(mut self, value: N) -> Self {
        self.default = Some(value);
        self
    }

    /// The step between values (default 1, or 0.01 for floats).
    pub fn step(mut self, step: N) -> Self {
        self.step = Some(step);
        self
    }

    /// Places the slider; returns its value.
    pub fn show(self) -> N {
        let (min, max) = if self.min <= self.max {
            (self.min, self.max)
        } else {
            (self.max, self.min)
        };
        let default = match self.default {
            Some(d) if d < min => min,
            Some(d) if d > max => max,
            Some(d) => d,
            None => min,
        };
        let step = self.step.unwrap_or_else(N::default_step);
        self.st.widget(
            self.common.call(
                WidgetSpec::Slider {
                    min: min.to_f64(),
                    max: max.to_f64(),
                    step: step.to_f64(),
                    integer: N::INTEGER,
                },
                self.label,
                default,
                self.default.is_some(),
                NumberCodec::<N>::new(Some(min.to_f64()), Some(max.to_f64())),
            ),
            |id| {
                id.constraint("min", bits(min))
                    .constraint("max", bits(max))
                    .constraint("step", bits(step))
                    .param("default", bits(default));
            },
        )
    }
}

/// Draws a slider. The value is sent when a drag ends (or on a click or key).
pub(crate) fn slider_ui(ui: &mut Ui, widget: &WidgetElement, frame: &mut Frame<'_>) -> Response {
    let WidgetSpec::Slider {
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
        #[allow(clippy::cast_precision_loss, reason = "slider ranges")]
        Value::Int(v) => v as f64,
        Value::Float(v) => v,
        _ => min,
    };
    let mut slider = egui::Slider::new(&mut value, min..=max).step_by(step);
    if integer {
        slider = slider.integer();
    }
    let response = ui.add(slider);
    #[allow(clippy::cast_possible_truncation, reason = "integer slider values")]
    let new = if integer {
        Value::Int(value.round() as i64)
    } else {
        Value::Float(value)
    };
    if response.changed() {
        if response.dragged() {
            frame.edit(widget, new);
        } else {
            frame.commit(widget, new);
        }
    } else if response.drag_stopped() {
        frame.commit(widget, new);
    }
    response
}
