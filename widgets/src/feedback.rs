//! Feedback elements: `progress` bars, `toast` messages, `link_button`, and
//! the `status` block (a container).

use brook_engine::St;
use brook_engine::element::{ContainerKind, Element, StatusState};
use egui::Ui;

/// Feedback elements on [`St`]. In the prelude.
pub trait FeedbackExt {
    /// A progress bar at `fraction` (0 to 1), with optional text. Keep it in
    /// a placeholder (`st.empty()`) to update it as work goes on.
    fn progress_bar(&self, fraction: f32, text: Option<&str>);
    /// A message that pops up in a corner for a few seconds.
    fn toast(&self, body: impl Into<String>);
    /// A button that opens `url` in the browser.
    fn link_button(&self, label: impl Into<String>, url: impl Into<String>);
    /// A status block: a label with a running/complete/error state; write
    /// the details into the returned container.
    fn status(&self, label: impl Into<String>, state: StatusState) -> St;
}

impl FeedbackExt for St {
    fn progress_bar(&self, fraction: f32, text: Option<&str>) {
        let fraction = if fraction.is_finite() {
            fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.emit(Element::Progress {
            fraction,
            text: text.map(str::to_owned),
        });
    }
    fn toast(&self, body: impl Into<String>) {
        self.emit(Element::Toast { body: body.into() });
    }
    fn link_button(&self, label: impl Into<String>, url: impl Into<String>) {
        self.emit(Element::LinkButton {
            label: label.into(),
            url: url.into(),
        });
    }
    fn status(&self, label: impl Into<String>, state: StatusState) -> St {
        self.open(ContainerKind::Status {
            label: label.into(),
            state,
            expanded: state != StatusState::Complete,
        })
    }
}

/// Draws a progress bar.
pub(crate) fn progress_ui(ui: &mut Ui, fraction: f32, text: Option<&str>) {
    let mut bar = egui::ProgressBar::new(fraction).show_percentage();
    if let Some(text) = text {
        bar = bar.text(text);
    }
    ui.add(bar);
}

/// Draws a link button: a click opens `url` in the default browser (a
/// middle or Ctrl click too). For screen readers it is a link named
/// `label`, whose value is the address.
pub(crate) fn link_button_ui(ui: &mut Ui, label: &str, url: &str) -> egui::Response {
    let text = crate::markdown::inline_text(ui, label);
    // Screen readers get the words, without the markdown's marks.
    let name = text.text().to_owned();
    let response = ui.button(text).on_hover_text(url);
    let enabled = response.enabled();
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::Link, enabled, &name);
        info.current_text_value = Some(url.to_owned());
        info
    });
    if response.clicked() || response.middle_clicked() {
        ui.ctx().open_url(egui::OpenUrl::new_tab(url));
    }
    response
}

/// The heading of a status block.
pub(crate) fn status_header(ui: &Ui, label: &str, state: StatusState) -> egui::WidgetText {
    let mark = match state {
        StatusState::Running => "…",
        StatusState::Complete => "Done:",
        StatusState::Error => "Failed:",
    };
    crate::markdown::inline_text(ui, &format!("{mark}  {label}"))
}
