//! `selectbox` and `radio`: one option of a list, as `Option<T>`.

use std::any::Any;
use std::fmt::{Debug, Display};
use std::hash::{DefaultHasher, Hash, Hasher};

use brook_engine::element::{Value, WidgetElement, WidgetSpec};
use brook_engine::state::{Checked, Codec, DynValue, WidgetValue, coerce};
use brook_engine::{St, WidgetCall};
use egui::{Response, Ui};

use crate::common::{Common, WidgetOptions};
use crate::render::{Frame, describe_group, label_ui, labelled};

/// An option type: shown with `Display`, compared with `==`.
pub trait OptionValue: Display + Clone + PartialEq + Debug + Send + 'static {}
impl<T: Display + Clone + PartialEq + Debug + Send + 'static> OptionValue for T {}

/// Selectboxes and radios on [`St`]. In the prelude.
pub trait ChoiceExt {
    /// A drop-down of `options`; returns the chosen one (default: the first;
    /// `None` when there are no options, or with `.index(None)` until chosen).
    fn selectbox<T: OptionValue>(
        &self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> Choice<'_, T>;
    /// Radio buttons of `options`; returns the chosen one (default: the first).
    fn radio<T: OptionValue>(
        &self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> Choice<'_, T>;
}

impl ChoiceExt for St {
    fn selectbox<T: OptionValue>(
        &self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> Choice<'_, T> {
        Choice::new(self, label.into(), options.into_iter().collect(), false)
    }
    fn radio<T: OptionValue>(
        &self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> Choice<'_, T> {
        Choice::new(self, label.into(), options.into_iter().collect(), true)
    }
}

/// A selectbox or radio builder; finish with [`Choice::show`].
#[must_use = "call .show() to place the widget"]
pub struct Choice<'a, T> {
    st: &'a St,
    label: String,
    options: Vec<T>,
    radio: bool,
    index: Option<Option<usize>>,
    horizontal: bool,
    placeholder: String,
    common: Common,
}

impl<T> WidgetOptions for Choice<'_, T> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

/// Maps window indices to options and back.
pub(crate) struct OptionsCodec<T> {
    pub(crate) options: Vec<T>,
}

impl<T: OptionValue> Codec for OptionsCodec<T> {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        match value {
            Value::Index(i) => Some(Box::new(Some(self.options.get(*i)?.clone()))),
            Value::None => Some(Box::new(None::<T>)),
            _ => None,
        }
    }
    /// A chosen option that is no longer offered falls back to the default.
    fn check(&self, value: &dyn Any) -> Checked {
        match value.downcast_ref::<Option<T>>() {
            Some(Some(chosen)) if !self.options.contains(chosen) => Checked::Invalid {
                reason: format!("\"{chosen}\" is not among the options"),
            },
            _ => Checked::Valid,
        }
    }
    fn encode(&self, value: &dyn Any) -> Value {
        match value.downcast_ref::<Option<T>>() {
            Some(Some(chosen)) => self
                .options
                .iter()
                .position(|o| o == chosen)
                .map_or(Value::None, Value::Index),
            _ => Value::None,
        }
    }
}

/// Accepts a bare `T` written to session state for a widget of `Option<T>`.
pub(crate) fn adopt_option<T: WidgetValue>(any: &dyn Any) -> Option<Option<T>> {
    coerce::<T>(any).map(Some)
}

/// A hash of the options' text, for identity.
pub(crate) fn options_hash<T: Display>(options: &[T]) -> u64 {
    let mut hasher = DefaultHasher::new();
    for option in options {
        option.to_string().hash(&mut hasher);
    }
    hasher.finish()
}

impl<'a, T: OptionValue> Choice<'a, T> {
    fn new(st: &'a St, label: String, options: Vec<T>, radio: bool) -> Self {
        Self {
            st,
            label,
            options,
            radio,
            index: None,
            horizontal: false,
            placeholder: "Choose an option".into(),
            common: Common::default(),
        }
    }

    /// The option chosen before any interaction, by position; `None` for
    /// nothing chosen.
    pub fn index(mut self, index: Option<usize>) -> Self {
        self.index = Some(index);
        self
    }

    /// Radio: lay the options out in a row.
    pub fn horizontal(mut self) -> Self {
        self.horizontal = true;
        self
    }

    /// Selectbox: the hint shown while nothing is chosen.
    pub fn placeholder(mut self, text: impl Into<String>) -> Self {
        self.placeholder = text.into();
        self
    }

    /// Places the widget; returns the chosen option.
    pub fn show(self) -> Option<T> {
        let index = self.index.unwrap_or(Some(0));
        let default = index.and_then(|i| self.options.get(i).cloned());
        let labels: Vec<String> = self.options.iter().map(ToString::to_string).collect();
        let spec = if self.radio {
            WidgetSpec::Radio {
                options: labels,
                horizontal: self.horizontal,
            }
        } else {
            WidgetSpec::Selectbox {
                options: labels,
                placeholder: self.placeholder.clone(),
            }
        };
        let options_hash = options_hash(&self.options);
        self.st.widget(
            WidgetCall {
                adopt: Some(adopt_option::<T>),
                ..self.common.call(
                    spec,
                    self.label,
                    default,
                    matches!(self.index, Some(Some(_))),
                    OptionsCodec {
                        options: self.options.clone(),
                    },
                )
            },
            // Options may change under a key without a reset (B116).
            |id| {
                id.param("options", options_hash).param("index", index);
            },
        )
    }
}

/// Draws a selectbox (combo box) or radio buttons.
pub(crate) fn choice_ui(ui: &mut Ui, widget: &WidgetElement, frame: &mut Frame<'_>) -> Response {
    let current = match frame.value(widget) {
        Value::Index(i) => Some(i),
        _ => None,
    };
    let mut chosen = current;
    let response = match &widget.spec {
        WidgetSpec::Selectbox {
            options,
            placeholder,
        } => {
            let text = current
                .and_then(|i| options.get(i))
                .map_or(placeholder.as_str(), String::as_str);
            labelled(ui, &widget.label, |ui| {
                egui::ComboBox::from_id_salt(&widget.id)
                    .selected_text(text)
                    .width(ui.available_width().min(320.0))
                    .show_ui(ui, |ui| {
                        for (i, option) in options.iter().enumerate() {
                            ui.selectable_value(&mut chosen, Some(i), option);
                        }
                    })
                    .response
            })
        }
        WidgetSpec::Radio {
            options,
            horizontal,
        } => {
            let label = label_ui(ui, &widget.label);
            let draw = |ui: &mut Ui| {
                for (i, option) in options.iter().enumerate() {
                    ui.radio_value(&mut chosen, Some(i), option);
                }
            };
            let group = if *horizontal {
                ui.horizontal_wrapped(draw).response
            } else {
                ui.vertical(draw).response
            };
            let shown = current
                .and_then(|i| options.get(i))
                .cloned()
                .unwrap_or_default();
            describe_group(&group, egui::Role::RadioGroup, label, shown);
            group
        }
        _ => return ui.label("?"),
    };
    if chosen != current
        && let Some(i) = chosen
    {
        frame.commit(widget, Value::Index(i));
    }
    response
}
