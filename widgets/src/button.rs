//! `button` and `form_submit_button`: true for the one run a click triggers.

use std::sync::Arc;

use brook_engine::St;
use brook_engine::element::{WidgetElement, WidgetSpec};
use egui::{Response, Ui};

use crate::checkbox::BoolCodec;
use crate::common::{Common, WidgetOptions};
use crate::render::Frame;

/// Buttons on [`St`]. In the prelude.
pub trait ButtonExt {
    /// A button: `show()` is true in the run its click triggers, false
    /// otherwise. Not allowed inside a form.
    fn button(&self, label: impl Into<String>) -> Button<'_>;
    /// A form's submit button: clicking it sends every value of the form at
    /// once. Only allowed inside a form.
    fn form_submit_button(&self, label: impl Into<String>) -> Button<'_>;
}

impl ButtonExt for St {
    fn button(&self, label: impl Into<String>) -> Button<'_> {
        Button::new(self, label.into(), false)
    }
    fn form_submit_button(&self, label: impl Into<String>) -> Button<'_> {
        Button::new(self, label.into(), true)
    }
}

/// A button builder; finish with [`Button::show`].
#[must_use = "call .show() to place the button"]
pub struct Button<'a> {
    st: &'a St,
    label: String,
    submit: bool,
    primary: bool,
    common: Common,
}

impl WidgetOptions for Button<'_> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

impl<'a> Button<'a> {
    fn new(st: &'a St, label: String, submit: bool) -> Self {
        Self {
            st,
            label,
            submit,
            primary: submit,
            common: Common::default(),
        }
    }

    /// Draws it in the accent colour.
    pub fn primary(mut self) -> Self {
        self.primary = true;
        self
    }

    /// A callback run before the script when the button is clicked.
    pub fn on_click(mut self, callback: impl Fn(&St) + Send + Sync + 'static) -> Self {
        self.common.callback = Some(Arc::new(callback));
        self
    }

    /// Places the button; true in the run its click triggered.
    pub fn show(self) -> bool {
        let spec = if self.submit {
            WidgetSpec::FormSubmit {
                primary: self.primary,
            }
        } else {
            WidgetSpec::Button {
                primary: self.primary,
            }
        };
        self.st.widget(
            self.common.call(spec, self.label, false, false, BoolCodec),
            // Label and help are identity already; a button has nothing more.
            |_| {},
        )
    }
}

/// Draws a button.
pub(crate) fn button_ui(ui: &mut Ui, widget: &WidgetElement, frame: &mut Frame<'_>) -> Response {
    let primary = matches!(
        widget.spec,
        WidgetSpec::Button { primary: true } | WidgetSpec::FormSubmit { primary: true }
    );
    let mut button = egui::Button::new(crate::markdown::inline_text(ui, &widget.label));
    if primary {
        button = button.fill(ui.visuals().selection.bg_fill);
    }
    let response = ui.add(button);
    if response.clicked() {
        frame.click(widget);
    }
    response
}
