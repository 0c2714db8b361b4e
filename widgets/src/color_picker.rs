//! `color_picker`: a colour, as `"#rrggbb"` text (as Streamlit returns it).

use brook_engine::St;
use brook_engine::element::{Value, WidgetElement, WidgetSpec};
use brook_engine::state::{Checked, Codec, DynValue};
use egui::{Color32, Response, Ui};

use crate::common::{Common, WidgetOptions};
use crate::render::Frame;

/// Colour pickers on [`St`]. In the prelude.
pub trait ColorPickerExt {
    /// A colour picker; returns the colour as `"#rrggbb"` (default black).
    fn color_picker(&self, label: impl Into<String>) -> ColorPicker<'_>;
}

impl ColorPickerExt for St {
    fn color_picker(&self, label: impl Into<String>) -> ColorPicker<'_> {
        ColorPicker {
            st: self,
            label: label.into(),
            default: None,
            common: Common::default(),
        }
    }
}

/// A colour picker builder; finish with [`ColorPicker::show`].
#[must_use = "call .show() to place the colour picker"]
pub struct ColorPicker<'a> {
    st: &'a St,
    label: String,
    default: Option<String>,
    common: Common,
}

impl WidgetOptions for ColorPicker<'_> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

/// Parses `#rrggbb` (or `rrggbb`, or `#rgb`).
pub fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().trim_start_matches('#');
    let hex: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_owned(),
        _ => return None,
    };
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

struct HexCodec;

impl Codec for HexCodec {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        match value {
            Value::Color([r, g, b, _]) => Some(Box::new(hex([*r, *g, *b]))),
            Value::Text(text) => parse_hex(text).map(|rgb| Box::new(hex(rgb)) as Box<dyn DynValue>),
            _ => None,
        }
    }
    fn encode(&self, value: &dyn std::any::Any) -> Value {
        let rgb = value
            .downcast_ref::<String>()
            .and_then(|s| parse_hex(s))
            .unwrap_or([0, 0, 0]);
        Value::Color([rgb[0], rgb[1], rgb[2], 255])
    }
    /// Text that is not a `#rrggbb` colour falls back to the default; other
    /// spellings of a colour (`#ABC123`, no `#`) are normalised.
    fn check(&self, value: &dyn std::any::Any) -> Checked {
        let Some(text) = value.downcast_ref::<String>() else {
            return Checked::Valid;
        };
        match parse_hex(text) {
            Some(rgb) if hex(rgb) == *text => Checked::Valid,
            Some(rgb) => Checked::Fixed {
                value: Box::new(hex(rgb)),
                reason: "written as #rrggbb".to_owned(),
            },
            None => Checked::Invalid {
                reason: format!("{text:?} is not a colour; write it as \"#rrggbb\""),
            },
        }
    }
}

impl ColorPicker<'_> {
    /// The colour before any interaction, as `"#rrggbb"`.
    pub fn default(mut self, hex: impl Into<String>) -> Self {
        self.default = Some(hex.into());
        self
    }

    /// Places the colour picker; returns `"#rrggbb"`. A default that is not
    /// a colour is an error naming the label.
    pub fn show(self) -> String {
        let default = match &self.default {
            None => "#000000".to_owned(),
            Some(text) => match parse_hex(text) {
                Some(rgb) => hex(rgb),
                None => {
                    self.st.emit(brook_engine::element::Element::Exception {
                        message: format!(
                            "The color_picker \"{}\" has the default {text:?}, which is not a colour. Use \"#rrggbb\".",
                            self.label
                        ),
                        location: None,
                    });
                    "#000000".to_owned()
                }
            },
        };
        let default_for_id = default.clone();
        self.st.widget(
            self.common.call(
                WidgetSpec::ColorPicker,
                self.label,
                default,
                self.default.is_some(),
                HexCodec,
            ),
            |id| {
                id.param("default", &default_for_id);
            },
        )
    }
}

/// Draws a colour picker button with its label.
pub(crate) fn color_picker_ui(
    ui: &mut Ui,
    widget: &WidgetElement,
    frame: &mut Frame<'_>,
) -> Response {
    let [r, g, b, _] = match frame.value(widget) {
        Value::Color(c) => c,
        _ => [0, 0, 0, 255],
    };
    let mut color = Color32::from_rgb(r, g, b);
    let response = ui
        .horizontal(|ui| {
            let response = ui.color_edit_button_srgba(&mut color);
            let label = crate::markdown::inline_label_ui(ui, &widget.label);
            // egui names the button "Color"; the label beside it names it.
            let response = response.labelled_by(label.id);
            ui.label(
                egui::RichText::new(hex([color.r(), color.g(), color.b()]))
                    .monospace()
                    .weak(),
            );
            response
        })
        .inner;
    if response.changed() {
        frame.edit(widget, Value::Color([color.r(), color.g(), color.b(), 255]));
    }
    // Sent when the pointer is released, not on every drag in the picker.
    if !ui.input(|i| i.pointer.any_down()) {
        frame.send_edit(widget);
    }
    response
}
