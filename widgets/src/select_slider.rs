//! `select_slider`: a slider over a list of options; returns the option.

use brook_engine::element::{Value, WidgetElement, WidgetSpec};
use brook_engine::{St, WidgetCall};
use egui::{Response, Ui};

use crate::choice::{OptionValue, OptionsCodec, adopt_option, options_hash};
use crate::common::{Common, WidgetOptions};
use crate::render::{Frame, label_ui};

/// Select sliders on [`St`]. In the prelude.
pub trait SelectSliderExt {
    /// A slider over `options`; returns the chosen one (default: the
    /// first; `None` only when there are no options).
    fn select_slider<T: OptionValue>(
        &self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> SelectSlider<'_, T>;
}

impl SelectSliderExt for St {
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

    /// Places the select slider; returns the chosen option.
    pub fn show(self) -> Option<T> {
        let default = self
            .default
            .clone()
            .filter(|d| self.options.contains(d))
            .or_else(|| self.options.first().cloned());
        let labels: Vec<String> = self.options.iter().map(ToString::to_string).collect();
        let hash = options_hash(&self.options);
        let default_text = default.as_ref().map(ToString::to_string);
        let value = self.st.widget(
            WidgetCall {
                adopt: Some(adopt_option::<T>),
                ..self.common.call(
                    WidgetSpec::SelectSlider { options: labels },
                    self.label,
                    default,
                    self.default.is_some(),
                    OptionsCodec {
                        options: self.options.clone(),
                    },
                )
            },
            // The options constrain valid values: a change resets (B116).
            |id| {
                id.constraint("options", hash)
                    .param("default", &default_text);
            },
        );
        value
            .filter(|v| self.options.contains(v))
            .or_else(|| self.options.first().cloned())
    }
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
    label_ui(ui, &widget.label);
    let current = match frame.value(widget) {
        Value::Index(i) => i,
        _ => 0,
    };
    let mut index = current;
    let last = options.len().saturating_sub(1);
    let shown = options.get(current).cloned().unwrap_or_default();
    let response = ui.add(
        egui::Slider::new(&mut index, 0..=last)
            .show_value(false)
            .text(shown),
    );
    frame.slide(
        widget,
        Value::Index(index),
        index != current,
        response.dragged(),
        response.drag_stopped(),
    );
    response
}
