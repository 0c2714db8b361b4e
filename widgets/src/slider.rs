//! `slider`: a number in a range, integer or float; `range_slider`: two
//! numbers, the ends of a range (Streamlit's slider with a tuple value).

use std::ops::RangeInclusive;

use brook_engine::St;
use brook_engine::element::{Value, WidgetElement, WidgetSpec};
use egui::{Response, Sense, Stroke, Ui, Vec2};

use crate::common::{Common, WidgetOptions};
use crate::format::{NumberFormat, parse_number};
use crate::number::{
    Number, NumberCodec, RangeCodec, bits, bounds_problem, bounds_problem_ui, checked_format,
    clean, decimals, fit, plain, warn_format,
};
use crate::render::{Frame, label_ui};

/// Sliders on [`St`]. In the prelude.
pub trait SliderExt {
    /// A slider over `range`; returns its value (default: the range's
    /// start). A range whose ends are not numbers, are infinite or are in
    /// reverse order (`10..=1`) draws the slider disabled with a message
    /// naming it; it then starts at its default (or the first end that is a
    /// number, or zero).
    fn slider<N: Number>(
        &self,
        label: impl Into<String>,
        range: RangeInclusive<N>,
    ) -> Slider<'_, N>;
    /// A slider with two thumbs over `range`; returns `(low, high)`, low
    /// first (default: the whole range). For filters: "price between".
    /// Ranges that cannot be used (the min and max of an empty column are
    /// NaN) are drawn as for [`SliderExt::slider`].
    fn range_slider<N: Number>(
        &self,
        label: impl Into<String>,
        range: RangeInclusive<N>,
    ) -> RangeSlider<'_, N>;
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
            format: None,
            common: Common::default(),
        }
    }
    fn range_slider<N: Number>(
        &self,
        label: impl Into<String>,
        range: RangeInclusive<N>,
    ) -> RangeSlider<'_, N> {
        RangeSlider {
            slider: self.slider(label, range),
            default: None,
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
    format: Option<String>,
    common: Common,
}

impl<N> WidgetOptions for Slider<'_, N> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

/// What a slider and a range slider place: their bounds as the window sees
/// them, the step, the format (or why it cannot be used), the codec of one
/// end, and the common options (disabled when the bounds cannot be used).
struct Placed<N> {
    min: f64,
    max: f64,
    step: N,
    format: Option<String>,
    format_problem: Option<String>,
    codec: NumberCodec<N>,
    common: Common,
}

impl<N: Number> Slider<'_, N> {
    /// Checks the bounds, step and format; bounds or a step that cannot be
    /// used make the slider disabled.
    fn place(&mut self) -> Placed<N> {
        let (min, max) = (self.min.to_f64(), self.max.to_f64());
        let step = self.step.unwrap_or_else(N::default_step);
        let (format, format_problem) = checked_format(self.format.take());
        let mut common = std::mem::take(&mut self.common);
        // Bounds that cannot be used disable the slider and bound nothing.
        common.disabled |= bounds_problem(Some(min), Some(max), step.to_f64()).is_some();
        Placed {
            min,
            max,
            step,
            format,
            format_problem,
            codec: NumberCodec::new(Some(min), Some(max)),
            common,
        }
    }

    /// The value before any interaction (clamped into the range).
    pub fn default(mut self, value: N) -> Self {
        self.default = Some(value);
        self
    }

    /// The step between values (default 1, or 0.01 for floats); must be a
    /// positive number.
    pub fn step(mut self, step: N) -> Self {
        self.step = Some(step);
        self
    }

    /// How the value is shown, printf-style as Streamlit's `format`:
    /// `"%d"`, `"%.2f"`, `"%.1f%%"`, `"%e"` (see
    /// [`crate::number_input::NumberInput::format`]).
    pub fn format(mut self, format: impl Into<String>) -> Self {
        self.format = Some(format.into());
        self
    }

    /// Places the slider; returns its value: a number within the range,
    /// whatever was written to its key through session state.
    pub fn show(mut self) -> N {
        let placed = self.place();
        let default = fit(
            &placed.codec,
            self.default.unwrap_or(self.min),
            &[self.min, self.max],
        );
        // The label is copied only to name a format that cannot be used.
        let warning = placed.format_problem.map(|why| (why, self.label.clone()));
        let value = self.st.widget(
            placed.common.call(
                WidgetSpec::Slider {
                    min: placed.min,
                    max: placed.max,
                    step: placed.step.to_f64(),
                    integer: N::INTEGER,
                    format: placed.format.clone(),
                },
                self.label,
                default,
                self.default.is_some(),
                placed.codec,
            ),
            |id| {
                id.param("min", placed.min.to_bits())
                    .param("max", placed.max.to_bits())
                    .param("step", bits(placed.step))
                    .param("default", bits(default))
                    .param("format", &placed.format);
            },
        );
        if let Some((why, label)) = warning {
            warn_format(self.st, "slider", &label, Some(why));
        }
        value
    }
}

/// A range slider builder; finish with [`RangeSlider::show`].
#[must_use = "call .show() to place the slider"]
pub struct RangeSlider<'a, N> {
    slider: Slider<'a, N>,
    default: Option<(N, N)>,
}

impl<N> WidgetOptions for RangeSlider<'_, N> {
    fn common(&mut self) -> &mut Common {
        &mut self.slider.common
    }
}

impl<N: Number> RangeSlider<'_, N> {
    /// The range before any interaction (its ends clamped into the slider's
    /// range, the lower first).
    pub fn default(mut self, (low, high): (N, N)) -> Self {
        self.default = Some((low, high));
        self
    }

    /// The step between values (default 1, or 0.01 for floats); must be a
    /// positive number.
    pub fn step(mut self, step: N) -> Self {
        self.slider.step = Some(step);
        self
    }

    /// How the ends are shown, printf-style (see [`Slider::format`]).
    pub fn format(mut self, format: impl Into<String>) -> Self {
        self.slider.format = Some(format.into());
        self
    }

    /// Places the slider; returns `(low, high)`, low first, both within
    /// the range, whatever was written to its key through session state.
    pub fn show(self) -> (N, N) {
        let mut slider = self.slider;
        let placed = slider.place();
        let (min, max) = (slider.min, slider.max);
        let (a, b) = self.default.unwrap_or((min, max));
        let (a, b) = (
            fit(&placed.codec, a, &[min, max]),
            fit(&placed.codec, b, &[max, min]),
        );
        let default = if b < a { (b, a) } else { (a, b) };
        let warning = placed.format_problem.map(|why| (why, slider.label.clone()));
        let value = slider.st.widget(
            placed.common.call(
                WidgetSpec::RangeSlider {
                    min: placed.min,
                    max: placed.max,
                    step: placed.step.to_f64(),
                    integer: N::INTEGER,
                    format: placed.format.clone(),
                },
                slider.label,
                default,
                self.default.is_some(),
                RangeCodec::new(placed.codec),
            ),
            |id| {
                id.param("min", placed.min.to_bits())
                    .param("max", placed.max.to_bits())
                    .param("step", bits(placed.step))
                    .param("default", (bits(default.0), bits(default.1)))
                    .param("format", &placed.format);
            },
        );
        if let Some((why, label)) = warning {
            warn_format(slider.st, "range_slider", &label, Some(why));
        }
        value
    }
}

/// The format of a slider's value, when it has one that can be used.
fn format_of(format: Option<&str>) -> Option<NumberFormat> {
    format.and_then(|f| NumberFormat::parse(f).ok())
}

/// Draws a slider. The value is sent when a drag ends (or on a click or key).
/// Bounds or a step that cannot be used draw a message instead; a value
/// outside the range or off the steps is drawn clamped or snapped, and not
/// sent: only the person changes values.
pub(crate) fn slider_ui(ui: &mut Ui, widget: &WidgetElement, frame: &mut Frame<'_>) -> Response {
    let WidgetSpec::Slider {
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
    if let Some(problem) = bounds_problem(Some(min), Some(max), step) {
        return bounds_problem_ui(ui, widget, &problem);
    }
    let format = format_of(format.as_deref());
    let label = label_ui(ui, &widget.label);
    let current = match frame.value(widget) {
        #[allow(clippy::cast_precision_loss, reason = "slider ranges")]
        Value::Int(v) => v as f64,
        Value::Float(v) if v.is_finite() => v,
        _ => min,
    }
    .clamp(min, max);
    let mut value = current;
    let mut slider = egui::Slider::new(&mut value, min..=max).step_by(step);
    if integer {
        slider = slider.integer();
    }
    if let Some(format) = &format {
        slider = slider
            .custom_formatter(|v, _| format.format(v))
            .custom_parser(|text| format.parse_input(text));
    }
    let response = match label {
        Some(label) => ui.label_inputs_by(label, |ui| ui.add(slider)),
        None => ui.add(slider),
    };
    #[allow(clippy::cast_possible_truncation, reason = "integer slider values")]
    let new = if integer {
        Value::Int(value.round() as i64)
    } else {
        Value::Float(value)
    };
    // egui snaps a value off the steps onto them when drawing it: only a
    // change the person made is sent.
    let by_person = response.interact_pointer_pos().is_some()
        || response.has_focus()
        || response.drag_stopped();
    frame.slide(
        widget,
        new,
        response.changed() && by_person && value != current,
        response.dragged(),
        response.drag_stopped(),
    );
    response
}

/// Which thumb of a range slider a drag moves (egui memory, per widget).
#[derive(Clone, Copy)]
struct Grabbed(usize);

/// Draws a range slider: a rail with two thumbs (drag either; a press on
/// the rail moves the nearer one) and a number box for each end. The value
/// is sent when a drag ends, or on a click or a typed number.
pub(crate) fn range_slider_ui(
    ui: &mut Ui,
    widget: &WidgetElement,
    frame: &mut Frame<'_>,
) -> Response {
    let WidgetSpec::RangeSlider {
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
    if let Some(problem) = bounds_problem(Some(min), Some(max), step) {
        return bounds_problem_ui(ui, widget, &problem);
    }
    let label = label_ui(ui, &widget.label);
    let scale = Scale {
        min,
        max,
        step,
        integer,
    };
    let current = match frame.value(widget) {
        Value::Range([a, b]) => {
            let end = |v: f64, or: f64| if v.is_finite() { v.clamp(min, max) } else { or };
            let (a, b) = (end(a, min), end(b, max));
            if a <= b { [a, b] } else { [b, a] }
        }
        _ => [min, max],
    };
    let mut ends = current;
    let format = format_of(format.as_deref());
    let draw = |ui: &mut Ui| {
        let text = |v: f64| match &format {
            Some(format) => format.format(v),
            None => plain(v, if integer { 0 } else { decimals(step) }),
        };
        let rail = two_thumb_rail(ui, scale, &mut ends, text);
        let number = |ui: &mut Ui, value: &mut f64, range: RangeInclusive<f64>| {
            let mut drag = egui::DragValue::new(value).range(range).speed(step);
            if integer {
                drag = drag.fixed_decimals(0);
            }
            if let Some(format) = &format {
                drag = drag
                    .custom_formatter(|v, _| format.format(v))
                    .custom_parser(|text| format.parse_input(text));
            } else {
                drag = drag.custom_parser(parse_number);
            }
            ui.add(drag)
        };
        let (low, high) = (ends[0], ends[1]);
        let low_box = number(ui, &mut ends[0], min..=high);
        let high_box = number(ui, &mut ends[1], low..=max);
        (rail, low_box, high_box)
    };
    // The rail and both number boxes are named after the label.
    let (rail, low_box, high_box) = match label {
        Some(label) => ui.label_inputs_by(label, |ui| ui.horizontal(draw).inner),
        None => ui.horizontal(draw).inner,
    };
    // Compared snapped to snapped: a value off the steps is not sent unless
    // the person moves it.
    let ends = ends.map(|end| scale.snap(end));
    let dragging = rail.dragged() || low_box.dragged() || high_box.dragged();
    let stopped = rail.drag_stopped() || low_box.drag_stopped() || high_box.drag_stopped();
    frame.slide(
        widget,
        Value::Range(ends),
        ends != current.map(|end| scale.snap(end)),
        dragging,
        stopped,
    );
    rail.union(low_box).union(high_box)
}

/// The values a two-thumb rail runs over.
#[derive(Clone, Copy)]
pub(crate) struct Scale {
    pub(crate) min: f64,
    pub(crate) max: f64,
    pub(crate) step: f64,
    pub(crate) integer: bool,
}

impl Scale {
    /// The nearest value on the scale's steps, within it, without binary
    /// noise. Never panics, whatever the scale (NaN included).
    pub(crate) fn snap(self, value: f64) -> f64 {
        let snapped = if self.step > 0.0 {
            clean(self.min + ((value - self.min) / self.step).round() * self.step)
        } else {
            value
        };
        let snapped = snapped.max(self.min).min(self.max);
        if self.integer {
            snapped.round()
        } else {
            snapped
        }
    }
}

/// A rail with two thumbs over `scale`, moving `ends` (low, high) as the
/// person drags: a press takes the nearer thumb, chosen on the press's
/// first frame and kept until the button is released. For screen readers
/// (and kittest) it is a slider whose value reads "low – high", each end
/// written by `text`; it has no name of its own (draw it inside
/// `label_inputs_by` the widget's label).
pub(crate) fn two_thumb_rail(
    ui: &mut Ui,
    scale: Scale,
    ends: &mut [f64; 2],
    text: impl Fn(f64) -> String,
) -> Response {
    let Scale { min, max, .. } = scale;
    let size = Vec2::new(ui.spacing().slider_width, ui.spacing().interact_size.y);
    let (rect, rail) = ui.allocate_exact_size(size, Sense::click_and_drag());
    let enabled = ui.is_enabled();
    let radius = rect.height() / 2.5;
    let left = rect.left() + radius;
    let width = (rect.width() - 2.0 * radius).max(1.0);
    let span = (max - min).max(f64::EPSILON);
    #[allow(clippy::cast_possible_truncation, reason = "screen positions")]
    let to_x = |v: f64| left + ((v - min) / span) as f32 * width;
    let from_x = |x: f32| min + f64::from((x - left) / width) * span;

    let id = rail.id;
    if !rail.is_pointer_button_down_on() && !rail.drag_stopped() && !rail.clicked() {
        ui.data_mut(|d| d.remove::<Grabbed>(id));
    }
    if let Some(pointer) = rail.interact_pointer_pos() {
        let grabbed = ui.data(|d| d.get_temp::<Grabbed>(id));
        let Grabbed(thumb) = grabbed.unwrap_or_else(|| {
            let (to_low, to_high) = (
                (pointer.x - to_x(ends[0])).abs(),
                (pointer.x - to_x(ends[1])).abs(),
            );
            // On a tie (both thumbs at one place) the side decides.
            let high = to_high < to_low || (to_high == to_low && pointer.x > to_x(ends[1]));
            let grabbed = Grabbed(usize::from(high));
            ui.data_mut(|d| d.insert_temp(id, grabbed));
            grabbed
        });
        let value = scale.snap(from_x(pointer.x));
        if thumb == 0 {
            ends[0] = value.min(ends[1]);
        } else {
            ends[1] = value.max(ends[0]);
        }
    }

    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&rail);
        let painter = ui.painter();
        let y = rect.center().y;
        let rail_rect = egui::Rect::from_min_max(
            egui::pos2(left, y - radius / 2.0),
            egui::pos2(left + width, y + radius / 2.0),
        );
        painter.rect_filled(
            rail_rect,
            radius / 2.0,
            ui.visuals().widgets.inactive.bg_fill,
        );
        let chosen = egui::Rect::from_min_max(
            egui::pos2(to_x(ends[0]), rail_rect.top()),
            egui::pos2(to_x(ends[1]), rail_rect.bottom()),
        );
        painter.rect_filled(chosen, radius / 2.0, ui.visuals().selection.bg_fill);
        for end in *ends {
            painter.circle(
                egui::pos2(to_x(end), y),
                radius,
                visuals.bg_fill,
                Stroke::new(1.0, visuals.fg_stroke.color),
            );
        }
    }
    let value = format!("{} – {}", text(ends[0]), text(ends[1]));
    rail.widget_info(|| {
        let mut info = egui::WidgetInfo::new(egui::Role::Slider);
        info.enabled = enabled;
        info.current_text_value = Some(value.clone());
        info
    });
    rail
}
