//! `text_input` and `text_area`: a `String`.

use brook_engine::St;
use brook_engine::element::{Value, WidgetElement, WidgetSpec};
use brook_engine::state::{Checked, Codec, DynValue};
use egui::{Response, Ui};

use crate::common::{Common, WidgetOptions};
use crate::render::{Frame, label_ui};

/// Text inputs on [`St`]. In the prelude.
pub trait TextInputExt {
    /// A single-line text field; returns its text (default empty). The text
    /// is sent when the field loses focus or on Enter.
    fn text_input(&self, label: impl Into<String>) -> TextInput<'_>;
    /// A multi-line text field; sent when it loses focus or on Ctrl+Enter.
    fn text_area(&self, label: impl Into<String>) -> TextInput<'_>;
}

impl TextInputExt for St {
    fn text_input(&self, label: impl Into<String>) -> TextInput<'_> {
        TextInput::new(self, label.into(), false)
    }
    fn text_area(&self, label: impl Into<String>) -> TextInput<'_> {
        TextInput::new(self, label.into(), true)
    }
}

/// A text input or area builder; finish with [`TextInput::show`].
#[must_use = "call .show() to place the text field"]
pub struct TextInput<'a> {
    st: &'a St,
    label: String,
    area: bool,
    default: Option<String>,
    placeholder: String,
    max_chars: Option<usize>,
    password: bool,
    rows: usize,
    common: Common,
}

impl WidgetOptions for TextInput<'_> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

struct TextCodec {
    max_chars: Option<usize>,
}

impl Codec for TextCodec {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        match value {
            Value::Text(text) => Some(Box::new(match self.max_chars {
                Some(max) => text.chars().take(max).collect::<String>(),
                None => text.clone(),
            })),
            _ => None,
        }
    }
    fn encode(&self, value: &dyn std::any::Any) -> Value {
        Value::Text(value.downcast_ref::<String>().cloned().unwrap_or_default())
    }
    /// Text longer than `max_chars` (a session-state write, or a lowered
    /// limit) is cut to it.
    fn check(&self, value: &dyn std::any::Any) -> Checked {
        match (value.downcast_ref::<String>(), self.max_chars) {
            (Some(text), Some(max)) if text.chars().count() > max => Checked::Fixed {
                value: Box::new(text.chars().take(max).collect::<String>()),
                reason: format!("longer than {max} characters"),
            },
            _ => Checked::Valid,
        }
    }
}

impl<'a> TextInput<'a> {
    fn new(st: &'a St, label: String, area: bool) -> Self {
        Self {
            st,
            label,
            area,
            default: None,
            placeholder: String::new(),
            max_chars: None,
            password: false,
            rows: 4,
            common: Common::default(),
        }
    }

    /// The text before any interaction.
    pub fn default(mut self, text: impl Into<String>) -> Self {
        self.default = Some(text.into());
        self
    }

    /// A greyed hint shown while the field is empty.
    pub fn placeholder(mut self, text: impl Into<String>) -> Self {
        self.placeholder = text.into();
        self
    }

    /// The longest accepted text, in characters.
    pub fn max_chars(mut self, max: usize) -> Self {
        self.max_chars = Some(max);
        self
    }

    /// Hides the characters (text input only).
    pub fn password(mut self) -> Self {
        self.password = true;
        self
    }

    /// The height of a text area, in lines.
    pub fn rows(mut self, rows: usize) -> Self {
        self.rows = rows.max(1);
        self
    }

    /// Places the field; returns its text.
    pub fn show(self) -> String {
        let default = self.default.clone().unwrap_or_default();
        let spec = if self.area {
            WidgetSpec::TextArea {
                placeholder: self.placeholder.clone(),
                max_chars: self.max_chars,
                rows: self.rows,
            }
        } else {
            WidgetSpec::TextInput {
                placeholder: self.placeholder.clone(),
                max_chars: self.max_chars,
                password: self.password,
            }
        };
        let placeholder = self.placeholder;
        let max_chars = self.max_chars;
        self.st.widget(
            self.common.call(
                spec,
                self.label,
                default.clone(),
                self.default.is_some(),
                TextCodec { max_chars },
            ),
            |id| {
                id.param("max_chars", max_chars)
                    .param("default", &default)
                    .param("placeholder", &placeholder);
            },
        )
    }
}

/// Draws a text field; the text is sent on Enter or when focus leaves.
pub(crate) fn text_input_ui(
    ui: &mut Ui,
    widget: &WidgetElement,
    frame: &mut Frame<'_>,
) -> Response {
    let label = label_ui(ui, &widget.label);
    let mut text = match frame.value(widget) {
        Value::Text(text) => text,
        _ => String::new(),
    };
    let before = text.clone();
    let (edit, max_chars) = match &widget.spec {
        WidgetSpec::TextArea {
            placeholder,
            max_chars,
            rows,
        } => (
            egui::TextEdit::multiline(&mut text)
                .hint_text(placeholder.as_str())
                .desired_rows(*rows),
            *max_chars,
        ),
        WidgetSpec::TextInput {
            placeholder,
            max_chars,
            password,
        } => (
            egui::TextEdit::singleline(&mut text)
                .hint_text(placeholder.as_str())
                .password(*password),
            *max_chars,
        ),
        _ => return ui.label("?"),
    };
    let edit = match max_chars {
        Some(max) => edit.char_limit(max),
        None => edit,
    };
    let mut response = ui.add(edit.desired_width(f32::INFINITY));
    if let Some(label) = label {
        response = response.labelled_by(label);
    }
    let area = matches!(widget.spec, WidgetSpec::TextArea { .. });
    let ctrl_enter = area
        && response.has_focus()
        && ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::Enter));
    if response.lost_focus() || ctrl_enter {
        if text != widget.value_text() {
            frame.commit(widget, Value::Text(text));
        }
    } else if text != before {
        frame.edit(widget, Value::Text(text));
    }
    response
}

/// The text of a text widget's element value.
trait ValueText {
    fn value_text(&self) -> &str;
}

impl ValueText for WidgetElement {
    fn value_text(&self) -> &str {
        match &self.value {
            Value::Text(text) => text,
            _ => "",
        }
    }
}
