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

/// Draws a metric.
pub(crate) fn metric_ui(
    ui: &mut Ui,
    label: &str,
    value: &str,
    delta: Option<&str>,
    color: DeltaColor,
) {
    ui.vertical(|ui| {
        ui.label(RichText::new(label).weak());
        ui.label(RichText::new(value).size(30.0));
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
            ui.label(RichText::new(delta).color(tint));
        }
    });
}
