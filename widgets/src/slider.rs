//! `slider`: a number in a range, integer or float; `range_slider`: two
//! numbers, the ends of a range (Streamlit's slider with a tuple value).

use std::ops::RangeInclusive;

use brook_engine::St;
use brook_engine::element::{Value, WidgetElement, WidgetSpec};
use egui::{Response, Sense, Stroke, Ui, Vec2};

use crate::common::{Common, WidgetOptions};
use crate::number::{Number, NumberCodec, RangeCodec, bits};
use crate::render::{Frame, label_ui};

/// Sliders on [`St`]. In the prelude.
pub trait SliderExt {
    /// A slider over `range`; returns its value (default: the range's start).
    fn slider<N: Number>(
        &self,
        label: impl Into<String>,
        range: RangeInclusive<N>,
    ) -> Slider<'_, N>;
    /// A slider with two thumbs over `range`; returns `(low, high)`, low
    /// first (default: the whole range). For filters: "price between".
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
    common: Common,
}

impl<N> WidgetOptions for Slider<'_, N> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

impl<N: Number> Slider<'_, N> {
    /// The range low end first, and `value` clamped into it.
    fn bounds(&self) -> (N, N, impl Fn(N) -> N + use<N>) {
        let (min, max) = if self.min <= self.max {
            (self.min, self.max)
        } else {
            (self.max, self.min)
        };
        let clamp = move |v: N| {
            if v < min {
                min
            } else if v > max {
                max
            } else {
                v
            }
        };
        (min, max, clamp)
    }

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
        let (min, max, clamp) = self.bounds();
        let default = self.default.map_or(min, clamp);
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
                id.param("min", bits(min))
                    .param("max", bits(max))
                    .param("step", bits(step))
                    .param("default", bits(default));
            },
        )
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

    /// The step between values (default 1, or 0.01 for floats).
    pub fn step(mut self, step: N) -> Self {
        self.slider.step = Some(step);
        self
    }

    /// Places the slider; returns `(low, high)`.
    pub fn show(self) -> (N, N) {
        let slider = self.slider;
        let (min, max, clamp) = slider.bounds();
        let default = match self.default {
            Some((a, b)) if b < a => (clamp(b), clamp(a)),
            Some((a, b)) => (clamp(a), clamp(b)),
            None => (min, max),
        };
        let step = slider.step.unwrap_or_else(N::default_step);
        slider.st.widget(
            slider.common.call(
                WidgetSpec::RangeSlider {
                    min: min.to_f64(),
                    max: max.to_f64(),
                    step: step.to_f64(),
                    integer: N::INTEGER,
                },
                slider.label,
                default,
                self.default.is_some(),
                RangeCodec::<N> {
                    min: min.to_f64(),
                    max: max.to_f64(),
                    _type: std::marker::PhantomData,
                },
            ),
            |id| {
                id.param("min", bits(min))
                    .param("max", bits(max))
                    .param("step", bits(step))
                    .param("default", (bits(default.0), bits(default.1)));
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
    frame.slide(
        widget,
        new,
        response.changed(),
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
    } = widget.spec
    else {
        return ui.label("?");
    };
    label_ui(ui, &widget.label);
    let mut ends = match frame.value(widget) {
        Value::Range(ends) => ends,
        _ => [min, max],
    };
    let scale = Scale {
        min,
        max,
        step,
        integer,
    };
    let inner = ui.horizontal(|ui| {
        let rail = two_thumb_rail(ui, &widget.label, scale, &mut ends);
        let span = (max - min).max(f64::EPSILON);
        let speed = if step > 0.0 { step } else { span / 100.0 };
        let number = |ui: &mut Ui, value: &mut f64, range: RangeInclusive<f64>| {
            let mut drag = egui::DragValue::new(value).range(range).speed(speed);
            if integer {
                drag = drag.fixed_decimals(0);
            }
            ui.add(drag)
        };
        let (low, high) = (ends[0], ends[1]);
        let low_box = number(ui, &mut ends[0], min..=high);
        let high_box = number(ui, &mut ends[1], low..=max);
        (rail, low_box, high_box)
    });
    let (rail, low_box, high_box) = inner.inner;
    let new = Value::Range(ends.map(|end| scale.snap(end)));
    let dragging = rail.dragged() || low_box.dragged() || high_box.dragged();
    let stopped = rail.drag_stopped() || low_box.drag_stopped() || high_box.drag_stopped();
    let changed = new != frame.value(widget);
    frame.slide(widget, new, changed, dragging, stopped);
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
    /// The nearest value on the scale's steps, within it.
    pub(crate) fn snap(self, value: f64) -> f64 {
        let snapped = if self.step > 0.0 {
            self.min + ((value - self.min) / self.step).round() * self.step
        } else {
            value
        };
        let snapped = snapped.clamp(self.min, self.max);
        if self.integer {
            snapped.round()
        } else {
            snapped
        }
    }
}

/// A rail with two thumbs over `scale`, moving `ends` (low, high) as the
/// person drags: a press takes the nearer thumb, chosen on the press's
/// first frame and kept until the button is released. Named `label` for
/// accessibility (and kittest).
pub(crate) fn two_thumb_rail(
    ui: &mut Ui,
    label: &str,
    scale: Scale,
    ends: &mut [f64; 2],
) -> Response {
    let Scale { min, max, .. } = scale;
    let size = Vec2::new(ui.spacing().slider_width, ui.spacing().interact_size.y);
    let (rect, rail) = ui.allocate_exact_size(size, Sense::click_and_drag());
    let enabled = ui.is_enabled();
    rail.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, enabled, label));
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
    rail
}
