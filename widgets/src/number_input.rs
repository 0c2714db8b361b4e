//! `number_input`: a number typed or stepped with - and +.

use brook_engine::St;
use brook_engine::element::{Value, WidgetElement, WidgetSpec};
use egui::{Response, Ui};

use crate::common::{Common, WidgetOptions};
use crate::format::{NumberFormat, parse_number};
use crate::number::{
    Number, NumberCodec, bits, bounds_problem, bounds_problem_ui, checked_format, decimals, fit,
    plain, step_by, warn_format,
};
use crate::render::{Frame, label_ui};

/// Number inputs on [`St`]. In the prelude.
pub trait NumberInputExt {
    /// A number input; returns its value, as Streamlit's `st.number_input`.
    /// It starts at its [`NumberInput::default`], else at its minimum, else
    /// at zero. The type returned (`i64`, `f64`, ... any [`Number`]) is the
    /// type of the default, bounds or step given, or of the use:
    ///
    /// ```
    /// use brook_widgets::prelude::*;
    /// # brook_engine::testing::AppTest::new(|st| {
    /// let amount = st.number_input("Amount").default(2.5).step(0.5).show();
    /// let items: i64 = st.number_input("Items").min(1).show();
    /// let price = st.number_input::<f64>("Price").format("%.2f").show();
    /// # let _ = (amount, items, price);
    /// # }).run();
    /// ```
    fn number_input<N: Number>(&self, label: impl Into<String>) -> NumberInput<'_, N>;
}

impl NumberInputExt for St {
    fn number_input<N: Number>(&self, label: impl Into<String>) -> NumberInput<'_, N> {
        NumberInput {
            st: self,
            label: label.into(),
            default: None,
            min: None,
            max: None,
            step: None,
            format: None,
            common: Common::default(),
        }
    }
}

/// A number input builder; finish with [`NumberInput::show`].
#[must_use = "call .show() to place the number input"]
pub struct NumberInput<'a, N> {
    st: &'a St,
    label: String,
    default: Option<N>,
    min: Option<N>,
    max: Option<N>,
    step: Option<N>,
    format: Option<String>,
    common: Common,
}

impl<N> WidgetOptions for NumberInput<'_, N> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

impl<N: Number> NumberInput<'_, N> {
    /// The value before any interaction (clamped into the bounds). Without
    /// one the input starts at its minimum, else at zero, and a value set
    /// through session state under its key raises no warning.
    pub fn default(mut self, value: N) -> Self {
        self.default = Some(value);
        self
    }

    /// The lowest accepted value. A minimum that is not a number, is
    /// infinite or is above the maximum draws the input disabled, with a
    /// message naming it.
    pub fn min(mut self, min: N) -> Self {
        self.min = Some(min);
        self
    }

    /// The highest accepted value (see [`NumberInput::min`] for bounds that
    /// cannot be used).
    pub fn max(mut self, max: N) -> Self {
        self.max = Some(max);
        self
    }

    /// The step of the - and + buttons (default 1, or 0.01 for floats);
    /// must be a positive number. Values reached by steps are exact to the
    /// step's decimals (three steps of 0.1 give 0.3), and the box shows at
    /// least as many decimals as the step (step 0.25: "0.50").
    pub fn step(mut self, step: N) -> Self {
        self.step = Some(step);
        self
    }

    /// How the box shows the value, printf-style as Streamlit's `format`:
    /// `"%d"`, `"%.2f"`, `"%.1f%%"` (a percent sign after), `"%e"`, `"%g"`,
    /// with text around the number if wanted (`"%.0f kg"`). A format that
    /// cannot be used (`"%s"`, two numbers) shows a warning beside the
    /// input, which then shows its value plainly. The value itself is not
    /// rounded to the format.
    pub fn format(mut self, format: impl Into<String>) -> Self {
        self.format = Some(format.into());
        self
    }

    /// Places the number input; returns its value: always a number (never
    /// NaN or infinite) within the bounds, whatever was written to its key
    /// through session state.
    pub fn show(self) -> N {
        let min = self.min.map(Number::to_f64);
        let max = self.max.map(Number::to_f64);
        let step = self.step.unwrap_or_else(N::default_step);
        let codec = NumberCodec::<N>::new(min, max);
        let default = fit(
            &codec,
            self.default
                .or(self.min)
                .unwrap_or_else(|| N::from_f64(0.0)),
            &[self.min, self.max]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
        );
        let (format, format_problem) = checked_format(self.format);
        let mut common = self.common;
        common.disabled |= bounds_problem(min, max, step.to_f64()).is_some();
        let warning = format_problem.map(|why| (why, self.label.clone()));
        let value = self.st.widget(
            common.call(
                WidgetSpec::NumberInput {
                    min,
                    max,
                    step: step.to_f64(),
                    integer: N::INTEGER,
                    format: format.clone(),
                },
                self.label,
                default,
                self.default.is_some(),
                codec,
            ),
            |id| {
                id.param("default", bits(default))
                    .param("min", min.map(f64::to_bits))
                    .param("max", max.map(f64::to_bits))
                    .param("step", bits(step))
                    .param("format", &format);
            },
        );
        if let Some((why, label)) = warning {
            warn_format(self.st, "number_input", &label, Some(why));
        }
        value
    }
}

/// Draws a number input; a typed value is sent when editing ends. Bounds
/// or a step that cannot be used draw a message instead; a value that is
/// not a number is drawn as the minimum (or zero).
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
        format,
    } = &widget.spec
    else {
        return ui.label("?");
    };
    let (min, max, step, integer) = (*min, *max, *step, *integer);
    if let Some(problem) = bounds_problem(min, max, step) {
        return bounds_problem_ui(ui, widget, &problem);
    }
    let label = label_ui(ui, &widget.label);
    let (low, high) = (
        min.unwrap_or(f64::NEG_INFINITY),
        max.unwrap_or(f64::INFINITY),
    );
    let mut value = match frame.value(widget) {
        #[allow(clippy::cast_precision_loss, reason = "number input values")]
        Value::Int(v) => v as f64,
        Value::Float(v) if v.is_finite() => v,
        _ => 0.0,
    }
    .max(low)
    .min(high);
    let format = format.as_deref().and_then(|f| NumberFormat::parse(f).ok());
    let shown_decimals = if integer { 0 } else { decimals(step) };
    let mut commit = false;
    let response = ui
        .horizontal(|ui| {
            let drag = egui::DragValue::new(&mut value)
                .range(low..=high)
                .speed(step)
                .custom_formatter(|v, _| match &format {
                    Some(format) => format.format(v),
                    None => plain(v, shown_decimals),
                })
                .custom_parser(|text| match &format {
                    Some(format) => format.parse_input(text),
                    None => parse_number(text),
                });
            let mut response = ui.add_sized([120.0, ui.spacing().interact_size.y], drag);
            if let Some(label) = label {
                response = response.labelled_by(label);
            }
            if ui
                .small_button("−")
                .accessible_name(format!("{} minus {step}", widget.label))
                .clicked()
            {
                value = step_by(value, -step).max(low);
                commit = true;
            }
            if ui
                .small_button("+")
                .accessible_name(format!("{} plus {step}", widget.label))
                .clicked()
            {
                value = step_by(value, step).min(high);
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
