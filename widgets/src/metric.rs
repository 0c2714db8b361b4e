//! `metric`: a big number with a label and a coloured change.

use brook_engine::St;
use brook_engine::element::{DeltaColor, Element};
use egui::{Color32, RichText, Ui};

/// Metrics on [`St`]. In the prelude.
pub trait MetricExt {
    /// A metric: `st.metric("Revenue", "$1.2M", Some("+4.1%"))`. A delta
    /// starting with `-` is a fall (red), anything else a rise (green).
    fn metric(&self, label: impl Into<String>, value: impl ToString, delta: Option<&str>);
    /// A metric whose delta colours are chosen: [`DeltaColor::Inverse`] for
    /// costs (a rise is red), [`DeltaColor::Off`] for grey.
    fn metric_colored(
        &self,
        label: impl Into<String>,
        value: impl ToString,
        delta: Option<&str>,
        color: DeltaColor,
    );
}

impl MetricExt for St {
    fn metric(&self, label: impl Into<String>, value: impl ToString, delta: Option<&str>) {
        self.metric_colored(label, value, delta, DeltaColor::Normal);
    }
    fn metric_colored(
        &self,
        label: impl Into<String>,
        value: impl ToString,
        delta: Option<&str>,
        color: DeltaColor,
    ) {
        self.emit(Element::Metric {
            label: label.into(),
            value: value.to_string(),
            delta: delta.map(str::to_owned),
            delta_color: color,
        });
    }
}

/// The size of a metric's value, in points, when it fits.
pub const METRIC_VALUE_SIZE: f32 = 30.0;

/// The smallest a metric's value is shrunk to before it is cut short with
/// an ellipsis (the full value then shows on hover).
pub const METRIC_VALUE_MIN_SIZE: f32 = 14.0;

/// The font size that fits a value `width_at_full` points wide (at
/// [`METRIC_VALUE_SIZE`]) into `available` points: the full size when it
/// fits, smaller down to [`METRIC_VALUE_MIN_SIZE`]; `None` when even that
/// is too wide (the value is then cut short).
fn value_size(width_at_full: f32, available: f32) -> Option<f32> {
    if width_at_full <= available {
        return Some(METRIC_VALUE_SIZE);
    }
    let size = (METRIC_VALUE_SIZE * available / width_at_full.max(f32::EPSILON)).floor();
    (size >= METRIC_VALUE_MIN_SIZE).then_some(size)
}

/// Draws a metric. The value stays on one line: it is drawn smaller when
/// the column is narrow, and cut short with "…" (the whole value on hover)
/// when even the smallest size does not fit. Never broken inside a number.
pub(crate) fn metric_ui(
    ui: &mut Ui,
    label: &str,
    value: &str,
    delta: Option<&str>,
    color: DeltaColor,
) {
    ui.vertical(|ui| {
        ui.scope(|ui| {
            let visuals = ui.visuals_mut();
            visuals.override_text_color = Some(visuals.weak_text_color());
            crate::markdown::inline_label_ui(ui, label);
        });
        let available = ui.available_width();
        let font = egui::FontId::proportional(METRIC_VALUE_SIZE);
        let width = ui
            .painter()
            .layout_no_wrap(value.to_owned(), font, Color32::PLACEHOLDER)
            .size()
            .x;
        match value_size(width, available) {
            Some(size) => {
                let response = ui.add(
                    egui::Label::new(RichText::new(value).size(size))
                        .wrap_mode(egui::TextWrapMode::Extend),
                );
                if size < METRIC_VALUE_SIZE {
                    response.on_hover_text(value);
                }
            }
            None => {
                // egui shows the whole text on hover when it is cut short.
                ui.add(
                    egui::Label::new(RichText::new(value).size(METRIC_VALUE_MIN_SIZE)).truncate(),
                );
            }
        }
        if let Some(delta) = delta {
            let falling = delta.trim_start().starts_with('-');
            let (green, red) = (
                Color32::from_rgb(33, 195, 84),
                Color32::from_rgb(255, 75, 75),
            );
            // The sign is in the delta's text; the colour says good or bad.
            let tint = match (color, falling) {
                (DeltaColor::Off, _) => Color32::GRAY,
                (DeltaColor::Normal, true) | (DeltaColor::Inverse, false) => red,
                (DeltaColor::Normal, false) | (DeltaColor::Inverse, true) => green,
            };
            // A delta is a number too: one line, cut short if it must be.
            ui.add(egui::Label::new(RichText::new(delta).color(tint)).truncate());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::{METRIC_VALUE_MIN_SIZE, METRIC_VALUE_SIZE, value_size};

    // Issue 13: full size when it fits, shrunk to fit, cut short below the
    // smallest size.
    #[test]
    fn a_metric_value_shrinks_to_fit_then_is_cut_short() {
        assert_eq!(value_size(100.0, 200.0), Some(METRIC_VALUE_SIZE));
        assert_eq!(value_size(200.0, 100.0), Some(15.0));
        assert_eq!(value_size(300.0, 100.0), None);
        assert!(value_size(1e9, 100.0).is_none_or(|s| s >= METRIC_VALUE_MIN_SIZE));
    }
}
