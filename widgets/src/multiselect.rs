//! `multiselect`: any number of options, as `Vec<T>` in selection order.

use std::any::Any;

use brook_engine::St;
use brook_engine::element::{Value, WidgetElement, WidgetSpec};
use brook_engine::state::{Checked, Codec, DynValue};
use egui::{Response, Ui};

use crate::choice::{OptionValue, options_hash};
use crate::common::{Common, WidgetOptions};
use crate::render::{Frame, describe_group, label_ui};

/// Multiselects on [`St`]. In the prelude.
pub trait MultiselectExt {
    /// A choice of any number of `options`; returns the chosen ones in the
    /// order they were chosen (default: none).
    fn multiselect<T: OptionValue>(
        &self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> Multiselect<'_, T>;
}

impl MultiselectExt for St {
    fn multiselect<T: OptionValue>(
        &self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> Multiselect<'_, T> {
        Multiselect {
            st: self,
            label: label.into(),
            options: options.into_iter().collect(),
            default: None,
            placeholder: "Choose options".into(),
            common: Common::default(),
        }
    }
}

/// A multiselect builder; finish with [`Multiselect::show`].
#[must_use = "call .show() to place the multiselect"]
pub struct Multiselect<'a, T> {
    st: &'a St,
    label: String,
    options: Vec<T>,
    default: Option<Vec<T>>,
    placeholder: String,
    common: Common,
}

impl<T> WidgetOptions for Multiselect<'_, T> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

struct ManyCodec<T> {
    options: Vec<T>,
}

impl<T: OptionValue> Codec for ManyCodec<T> {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        match value {
            Value::Indices(indices) => {
                let chosen: Option<Vec<T>> = indices
                    .iter()
                    .map(|i| self.options.get(*i).cloned())
                    .collect();
                Some(Box::new(chosen?))
            }
            _ => None,
        }
    }
    /// Options that are gone (or chosen twice) are dropped from the
    /// selection.
    fn check(&self, value: &dyn Any) -> Checked {
        let Some(chosen) = value.downcast_ref::<Vec<T>>() else {
            return Checked::Valid;
        };
        let mut kept: Vec<T> = Vec::with_capacity(chosen.len());
        for option in chosen {
            if self.options.contains(option) && !kept.contains(option) {
                kept.push(option.clone());
            }
        }
        if kept.len() == chosen.len() {
            return Checked::Valid;
        }
        let dropped: Vec<String> = chosen
            .iter()
            .filter(|c| !self.options.contains(c))
            .map(|c| format!("\"{c}\""))
            .collect();
        let reason = if dropped.is_empty() {
            "an option was chosen twice".to_owned()
        } else {
            format!("{} not among the options", dropped.join(", "))
        };
        Checked::Fixed {
            value: Box::new(kept),
            reason,
        }
    }
    fn encode(&self, value: &dyn Any) -> Value {
        let chosen = value
            .downcast_ref::<Vec<T>>()
            .map(Vec::as_slice)
            .unwrap_or_default();
        Value::Indices(
            chosen
                .iter()
                .filter_map(|c| self.options.iter().position(|o| o == c))
                .collect(),
        )
    }
}

impl<T: OptionValue> Multiselect<'_, T> {
    /// The options chosen before any interaction (ones not in the options
    /// are dropped).
    pub fn default(mut self, chosen: impl IntoIterator<Item = T>) -> Self {
        self.default = Some(chosen.into_iter().collect());
        self
    }

    /// The hint shown while nothing is chosen.
    pub fn placeholder(mut self, text: impl Into<String>) -> Self {
        self.placeholder = text.into();
        self
    }

    /// Places the multiselect; returns the chosen options.
    pub fn show(self) -> Vec<T> {
        let options = self.options;
        let default: Vec<T> = self
            .default
            .clone()
            .unwrap_or_default()
            .into_iter()
            .filter(|d| options.contains(d))
            .collect();
        let labels: Vec<String> = options.iter().map(ToString::to_string).collect();
        let options_hash = options_hash(&options);
        let default_hash = options_hash_of(&default);
        self.st.widget(
            self.common.call(
                WidgetSpec::Multiselect {
                    options: labels,
                    placeholder: self.placeholder,
                },
                self.label,
                default,
                self.default.is_some(),
                ManyCodec {
                    options: options.clone(),
                },
            ),
            |id| {
                id.param("options", options_hash)
                    .param("default", default_hash);
            },
        )
    }
}

fn options_hash_of<T: OptionValue>(values: &[T]) -> u64 {
    options_hash(values)
}

/// Draws a multiselect: chosen options as removable chips, and a drop-down
/// to add more.
pub(crate) fn multiselect_ui(
    ui: &mut Ui,
    widget: &WidgetElement,
    frame: &mut Frame<'_>,
) -> Response {
    let WidgetSpec::Multiselect {
        options,
        placeholder,
    } = &widget.spec
    else {
        return ui.label("?");
    };
    let label = label_ui(ui, &widget.label);
    let current = match frame.value(widget) {
        Value::Indices(v) => v,
        _ => Vec::new(),
    };
    let mut chosen = current.clone();
    let response = ui
        .horizontal_wrapped(|ui| {
            for &i in &current {
                let Some(option) = options.get(i) else {
                    continue;
                };
                if ui
                    .button(format!("{option}  ×"))
                    .on_hover_text("Remove")
                    .clicked()
                {
                    chosen.retain(|&c| c != i);
                }
            }
            let text = if current.is_empty() {
                placeholder.as_str()
            } else {
                "Add…"
            };
            // Open for several picks: only a click outside closes it.
            egui::ComboBox::from_id_salt(&widget.id)
                .selected_text(text)
                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
                .show_ui(ui, |ui| {
                    for (i, option) in options.iter().enumerate() {
                        let mut on = chosen.contains(&i);
                        if ui.checkbox(&mut on, option).changed() {
                            if on {
                                chosen.push(i);
                            } else {
                                chosen.retain(|&c| c != i);
                            }
                        }
                    }
                })
                .response
        })
        .inner;
    let shown: Vec<&str> = current
        .iter()
        .filter_map(|&i| options.get(i).map(String::as_str))
        .collect();
    describe_group(&response, egui::Role::ComboBox, label, shown.join(", "));
    if chosen != current {
        frame.commit(widget, Value::Indices(chosen));
    }
    response
}
