//! `json`: any serializable value as a collapsible tree.

use brook_engine::St;
use brook_engine::element::Element;
use egui::{RichText, Ui};
use serde::Serialize;
use serde_json::Value;

/// JSON views on [`St`]. In the prelude.
pub trait JsonExt {
    /// Shows `value` as a collapsible tree, open at first.
    fn json<T: Serialize + ?Sized>(&self, value: &T);
}

impl JsonExt for St {
    fn json<T: Serialize + ?Sized>(&self, value: &T) {
        match serde_json::to_value(value) {
            Ok(value) => self.emit(Element::Json {
                value,
                expanded: true,
            }),
            Err(error) => self.emit(Element::Exception {
                message: format!("The value cannot be shown as JSON: {error}"),
                location: None,
            }),
        }
    }
}

/// Draws a JSON tree.
pub(crate) fn json_ui(ui: &mut Ui, value: &Value, expanded: bool) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        node_ui(ui, None, value, expanded, 0);
    });
}

fn node_ui(ui: &mut Ui, key: Option<&str>, value: &Value, open: bool, depth: usize) {
    let prefix = key.map(|k| format!("\"{k}\": ")).unwrap_or_default();
    match value {
        Value::Object(map) => {
            let header = format!("{prefix}{{…}} {} keys", map.len());
            egui::CollapsingHeader::new(RichText::new(header).monospace())
                .id_salt((depth, key, "object"))
                .default_open(open)
                .show(ui, |ui| {
                    for (k, v) in map {
                        node_ui(ui, Some(k), v, depth < 1, depth + 1);
                    }
                });
        }
        Value::Array(items) => {
            let header = format!("{prefix}[…] {} items", items.len());
            egui::CollapsingHeader::new(RichText::new(header).monospace())
                .id_salt((depth, key, "array"))
                .default_open(open)
                .show(ui, |ui| {
                    for (i, v) in items.iter().enumerate() {
                        node_ui(ui, Some(&i.to_string()), v, depth < 1, depth + 1);
                    }
                });
        }
        scalar => {
            let color = match scalar {
                Value::String(_) => ui.visuals().warn_fg_color,
                Value::Number(_) => ui.visuals().hyperlink_color,
                _ => ui.visuals().weak_text_color(),
            };
            ui.horizontal(|ui| {
                ui.label(RichText::new(prefix).monospace());
                ui.label(RichText::new(scalar.to_string()).monospace().color(color));
            });
        }
    }
}
