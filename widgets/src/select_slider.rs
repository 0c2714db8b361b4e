//! `select_slider`: a slider over a list of options; returns the option.
//! `select_range_slider`: two thumbs over the options; returns the two ends
//! (Streamlit's select_slider with a tuple value).

use std::any::Any;

use brook_engine::element::{Value, WidgetElement, WidgetSpec};
use brook_engine::state::{Checked, Codec, DynValue};
use brook_engine::{St, WidgetCall};
use egui::{Response, Ui};

use crate::choice::{OptionValue, OptionsCodec, adopt_option, options_hash};
use crate::common::{Common, WidgetOptions};
use crate::render::{Frame, label_ui};
use crate::slider::{Scale, two_thumb_rail};

/// Select sliders on [`St`]. In the prelude.
pub trait SelectSliderExt {
    /// A slider over `options`; returns the chosen one (default: the
    /// first; `None` only when there are no options).
    fn select_slider<T: OptionValue>(
        &self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> SelectSlider<'_, T>;
    /// A slider with two thumbs over `options`; returns the two chosen,
    /// the earlier first (default: the first and the last; `None` only
    /// when there are no options). For "from March to May".
    fn select_range_slider<T: OptionValue>(
        &self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> SelectRangeSlider<'_, T>;
}

impl SelectSliderExt for St {
    fn select_range_slider<T: OptionValue>(
        &self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> SelectRangeSlider<'_, T> {
        SelectRangeSlider {
            st: self,
            label: label.into(),
            options: options.into_iter().collect(),
            default: None,
            common: Common::default(),
        }
    }
    fn select_slider<T: OptionValue>(
        &self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> SelectSlider<'_, T> {
        SelectSlider {
            st: self,
            label: label.into(),
            options: options.into_iter().collect(),
            default: None,
            common: Common::default(),
        }
    }
}

/// A select slider builder; finish with [`SelectSlider::show`].
#[must_use = "call .show() to place the select slider"]
pub struct SelectSlider<'a, T> {
    st: &'a St,
    label: String,
    options: Vec<T>,
    default: Option<T>,
    common: Common,
}

impl<T> WidgetOptions for SelectSlider<'_, T> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

impl<T: OptionValue> SelectSlider<'_, T> {
    /// The option chosen before any interaction.
    pub fn default(mut self, value: T) -> Self {
        self.default = Some(value);
        self
    }

    /// Places the select slider; returns the chosen option: always one of
    /// the options when there are any, whatever was written to its key
    /// through session state.
    pub fn show(self) -> Option<T> {
        let default = self
            .default
            .clone()
            .filter(|d| self.options.contains(d))
            .or_else(|| self.options.first().cloned());
        let labels: Vec<String> = self.options.iter().map(ToString::to_string).collect();
        let hash = options_hash(&self.options);
        let default_text = default.as_ref().map(ToString::to_string);
        self.st.widget(
            WidgetCall {
                adopt: Some(adopt_option::<T>),
                ..self.common.call(
                    WidgetSpec::SelectSlider { options: labels },
                    self.label,
                    default,
                    self.default.is_some(),
                    SelectSliderCodec {
                        options: OptionsCodec {
                            options: self.options.clone(),
                        },
                    },
                )
            },
            // Without a key, other options make another widget; with one,
            // the value is kept while it is still an option (the codec's
            // check).
            |id| {
                id.param("options", hash).param("default", &default_text);
            },
        )
    }
}

/// Maps window positions to options as a selectbox does, and checks the
/// value held: a select slider holds one of its options whenever it has
/// any (never none, never one that is gone).
struct SelectSliderCodec<T> {
    options: OptionsCodec<T>,
}

impl<T: OptionValue> Codec for SelectSliderCodec<T> {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        match value {
            Value::Index(_) => self.options.decode(value),
            _ => None,
        }
    }
    fn encode(&self, value: &dyn Any) -> Value {
        self.options.encode(value)
    }
    fn check(&self, value: &dyn Any) -> Checked {
        let options = &self.options.options;
        match value.downcast_ref::<Option<T>>() {
            Some(Some(chosen)) if !options.contains(chosen) => Checked::Invalid {
                reason: format!("{chosen} is not one of its options"),
            },
            Some(None) if !options.is_empty() => Checked::Invalid {
                reason: "it has options but none is chosen".into(),
            },
            _ => Checked::Valid,
        }
    }
}

/// A select range slider builder; finish with [`SelectRangeSlider::show`].
#[must_use = "call .show() to place the select range slider"]
pub struct SelectRangeSlider<'a, T> {
    st: &'a St,
    label: String,
    options: Vec<T>,
    default: Option<(T, T)>,
    common: Common,
}

impl<T> WidgetOptions for SelectRangeSlider<'_, T> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

/// Converts window ranges (option positions) to `Option<(T, T)>`: the
/// positions rounded, clamped to the options and put in order.
struct OptionRangeCodec<T> {
    options: Vec<T>,
}

impl<T: OptionValue> OptionRangeCodec<T> {
    /// The options at positions `low` and `high`, in order.
    fn pick(&self, [low, high]: [f64; 2]) -> Option<(T, T)> {
        let last = self.options.len().checked_sub(1)?;
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "positions clamped into the options first"
        )]
        let at = |v: f64| v.round().clamp(0.0, last as f64) as usize;
        let (a, b) = (at(low), at(high));
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        Some((self.options[a].clone(), self.options[b].clone()))
    }
}

impl<T: OptionValue> Codec for OptionRangeCodec<T> {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        match value {
            Value::Range(ends) if ends.iter().all(|e| e.is_finite()) => {
                Some(Box::new(self.pick(*ends)))
            }
            _ => None,
        }
    }
    fn check(&self, value: &dyn Any) -> Checked {
        let position = |option: &T| self.options.iter().position(|o| o == option);
        match value.downcast_ref::<Option<(T, T)>>() {
            Some(Some((low, high))) => match (position(low), position(high)) {
                (Some(a), Some(b)) if a > b => Checked::Fixed {
                    value: Box::new(Some((high.clone(), low.clone()))),
                    reason: "its ends were in reverse order".into(),
                },
                (Some(_), Some(_)) => Checked::Valid,
                (None, _) => Checked::Invalid {
                    reason: format!("{low} is not one of its options"),
                },
                (_, None) => Checked::Invalid {
                    reason: format!("{high} is not one of its options"),
                },
            },
            Some(None) if !self.options.is_empty() => Checked::Invalid {
                reason: "it has options but no range is chosen".into(),
            },
            _ => Checked::Valid,
        }
    }
    fn encode(&self, value: &dyn Any) -> Value {
        let position = |option: &T| self.options.iter().position(|o| o == option);
        match value.downcast_ref::<Option<(T, T)>>() {
            #[allow(clippy::cast_precision_loss, reason = "option positions are small")]
            Some(Some((low, high))) => match (position(low), position(high)) {
                (Some(a), Some(b)) => Value::Range([a as f64, b as f64]),
                _ => Value::None,
            },
            _ => Value::None,
        }
    }
}

impl<T: OptionValue> SelectRangeSlider<'_, T> {
    /// The two options chosen before any interaction (in either order).
    pub fn default(mut self, (low, high): (T, T)) -> Self {
        self.default = Some((low, high));
        self
    }

    /// Places the slider; returns the two chosen options, earlier first:
    /// always options of the slider when there are any, whatever was
    /// written to its key through session state.
    pub fn show(self) -> Option<(T, T)> {
        let codec = OptionRangeCodec {
            options: self.options.clone(),
        };
        #[allow(clippy::cast_precision_loss, reason = "option positions are small")]
        let whole = [0.0, self.options.len().saturating_sub(1) as f64];
        let position = |option: &T| self.options.iter().position(|o| o == option);
        #[allow(clippy::cast_precision_loss, reason = "option positions are small")]
        let chosen = self
            .default
            .as_ref()
            .and_then(|(a, b)| Some([position(a)? as f64, position(b)? as f64]))
            .unwrap_or(whole);
        let default = codec.pick(chosen);
        let labels: Vec<String> = self.options.iter().map(ToString::to_string).collect();
        let hash = options_hash(&self.options);
        let default_text = default.as_ref().map(|(a, b)| format!("{a}..{b}"));
        self.st.widget(
            self.common.call(
                WidgetSpec::SelectRangeSlider { options: labels },
                self.label,
                default.clone(),
                self.default.is_some(),
                codec,
            ),
            // Without a key, other options make another widget; with one,
            // the value is kept while it is still an option (the codec's
            // check).
            |id| {
                id.param("options", hash).param("default", &default_text);
            },
        )
    }
}

/// Draws a select range slider: two thumbs over option positions, and the
/// chosen options' text.
pub(crate) fn select_range_slider_ui(
    ui: &mut Ui,
    widget: &WidgetElement,
    frame: &mut Frame<'_>,
) -> Response {
    let WidgetSpec::SelectRangeSlider { options } = &widget.spec else {
        return ui.label("?");
    };
    let label = label_ui(ui, &widget.label);
    #[allow(clippy::cast_precision_loss, reason = "option positions are small")]
    let last = options.len().saturating_sub(1) as f64;
    let scale = Scale {
        min: 0.0,
        max: last,
        step: 1.0,
        integer: true,
    };
    // Positions off the options (from any tree) are drawn on them, and not
    // sent: only the person changes values.
    let current = match frame.value(widget) {
        Value::Range(ends) => {
            let [a, b] = ends.map(|end| scale.snap(end));
            if a <= b { [a, b] } else { [b, a] }
        }
        _ => [0.0, last],
    };
    let mut ends = current;
    let draw = |ui: &mut Ui| {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "snapped positions"
        )]
        let text = |v: f64| options.get(v as usize).cloned().unwrap_or_default();
        let rail = two_thumb_rail(ui, scale, &mut ends, text);
        ui.label(format!("{} – {}", text(ends[0]), text(ends[1])));
        rail
    };
    let rail = match label {
        Some(label) => ui.label_inputs_by(label, |ui| ui.horizontal(draw).inner),
        None => ui.horizontal(draw).inner,
    };
    frame.slide(
        widget,
        Value::Range(ends),
        ends != current,
        rail.dragged(),
        rail.drag_stopped(),
    );
    rail
}

/// Draws a select slider: a slider over option positions, showing the
/// option's text.
pub(crate) fn select_slider_ui(
    ui: &mut Ui,
    widget: &WidgetElement,
    frame: &mut Frame<'_>,
) -> Response {
    let WidgetSpec::SelectSlider { options } = &widget.spec else {
        return ui.label("?");
    };
    let label = label_ui(ui, &widget.label);
    let last = options.len().saturating_sub(1);
    let current = match frame.value(widget) {
        Value::Index(i) => i.min(last),
        _ => 0,
    };
    let mut index = current;
    let shown = options.get(current).cloned().unwrap_or_default();
    let slider = egui::Slider::new(&mut index, 0..=last)
        .show_value(false)
        .text(shown.as_str());
    let response = ui.add(slider);
    // The option, not its position, is what the person reads; the label
    // above names it alone (egui names the slider after the option text
    // shown beside it too).
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::slider(response.enabled(), 0.0, "");
        info.value = None;
        info.current_text_value = Some(shown.clone());
        info
    });
    if let Some(label) = label {
        ui.ctx().accesskit_node_builder(response.id, |node| {
            node.clear_label();
            node.set_labelled_by(vec![label.accesskit_id()]);
        });
    }
    frame.slide(
        widget,
        Value::Index(index),
        index != current,
        response.dragged(),
        response.drag_stopped(),
    );
    response
}
