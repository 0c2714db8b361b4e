//! Alerts (success, info, warning, error) and the exception box.

use brook_engine::St;
use brook_engine::element::{AlertLevel, Element};
use egui::{Color32, RichText, Ui};

/// Alert boxes on [`St`]. In the prelude.
pub trait AlertExt {
    /// A green box: something worked.
    fn success(&self, body: impl Into<String>);
    /// A blue box: information.
    fn info(&self, body: impl Into<String>);
    /// A yellow box: something to look at.
    fn warning(&self, body: impl Into<String>);
    /// A red box: something failed.
    fn error(&self, body: impl Into<String>);
    /// The exception box, for an error the script caught itself.
    fn exception(&self, error: &dyn std::fmt::Display);
}

fn alert(st: &St, level: AlertLevel, body: String) {
    st.emit(Element::Alert { level, body });
}

impl AlertExt for St {
    fn success(&self, body: impl Into<String>) {
        alert(self, AlertLevel::Success, body.into());
    }
    fn info(&self, body: impl Into<String>) {
        alert(self, AlertLevel::Info, body.into());
    }
    fn warning(&self, body: impl Into<String>) {
        alert(self, AlertLevel::Warning, body.into());
    }
    fn error(&self, body: impl Into<String>) {
        alert(self, AlertLevel::Error, body.into());
    }
    fn exception(&self, error: &dyn std::fmt::Display) {
        self.emit(Element::Exception {
            message: format!("{error:#}"),
            location: None,
        });
    }
}

/// The colours of an alert level: (fill, stroke, text), for light and dark.
fn colours(level: AlertLevel, dark: bool) -> (Color32, Color32) {
    let base = match level {
        AlertLevel::Success => Color32::from_rgb(33, 195, 84),
        AlertLevel::Info => Color32::from_rgb(28, 131, 225),
        AlertLevel::Warning => Color32::from_rgb(255, 189, 69),
        AlertLevel::Error => Color32::from_rgb(255, 75, 75),
    };
    let fill = base.gamma_multiply(if dark { 0.22 } else { 0.14 });
    (fill, base)
}

/// The colour of an alert's text: the theme's strongest text colour, which
/// keeps WCAG AA contrast (4.5:1) on every alert fill.
fn text_colour(ui: &Ui) -> Color32 {
    ui.visuals().strong_text_color()
}

/// The colour of the "Exception" headline: the error colour, darkened on
/// light themes and lightened on dark ones until it reads (4.5:1) on the
/// exception's fill.
fn headline_colour(stroke: Color32, dark: bool) -> Color32 {
    if dark {
        stroke.lerp_to_gamma(Color32::WHITE, 0.45)
    } else {
        stroke.lerp_to_gamma(Color32::BLACK, 0.5)
    }
}

/// Draws an alert.
pub(crate) fn alert_ui(ui: &mut Ui, level: AlertLevel, body: &str) {
    let (fill, stroke) = colours(level, ui.visuals().dark_mode);
    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(1.0, stroke.gamma_multiply(0.6)))
        .corner_radius(6.0)
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.style_mut().visuals.override_text_color = Some(text_colour(ui));
            crate::markdown::markdown_ui(ui, body);
        });
}

/// Draws the exception box: the message and where it happened.
pub(crate) fn exception_ui(ui: &mut Ui, message: &str, location: Option<&str>) {
    let (fill, stroke) = colours(AlertLevel::Error, ui.visuals().dark_mode);
    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(1.0, stroke))
        .corner_radius(6.0)
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let dark = ui.visuals().dark_mode;
            ui.label(
                RichText::new("Exception")
                    .strong()
                    .color(headline_colour(stroke, dark)),
            );
            ui.add(
                egui::Label::new(RichText::new(message).monospace().color(text_colour(ui)))
                    .selectable(true),
            );
            if let Some(location) = location {
                ui.label(RichText::new(format!("at {location}")).small().weak());
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::theme::contrast::{contrast, over};

    // Issue 13
    #[test]
    fn alert_text_keeps_wcag_aa_contrast_on_every_fill_in_both_themes() {
        for dark in [false, true] {
            let visuals = if dark {
                egui::Visuals::dark()
            } else {
                egui::Visuals::light()
            };
            let ctx = egui::Context::default();
            ctx.set_visuals(visuals.clone());
            let mut checked = 0;
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                for level in [
                    AlertLevel::Success,
                    AlertLevel::Info,
                    AlertLevel::Warning,
                    AlertLevel::Error,
                ] {
                    let (fill, stroke) = colours(level, dark);
                    let background = over(fill, visuals.panel_fill);
                    let text = contrast(text_colour(ui), background);
                    assert!(text >= 4.5, "{level:?} text, dark {dark}: {text:.2}");
                    if level == AlertLevel::Error {
                        let headline = contrast(headline_colour(stroke, dark), background);
                        assert!(headline >= 4.5, "headline, dark {dark}: {headline:.2}");
                    }
                    checked += 1;
                }
            });
            output.textures_delta.clear();
            assert_eq!(checked, 4);
        }
    }
}
