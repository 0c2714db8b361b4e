//! Text elements: title, header, subheader, markdown, text, caption, code,
//! divider, and `write`. Each returns nothing.

use brook_engine::St;
use brook_engine::element::{Element, TextStyle};
use egui::{RichText, Ui};

use crate::markdown;

/// Text elements on [`St`]. In the prelude.
pub trait TextExt {
    /// The page title.
    fn title(&self, body: impl Into<String>);
    /// A section header.
    fn header(&self, body: impl Into<String>);
    /// A subsection header.
    fn subheader(&self, body: impl Into<String>);
    /// Markdown: `**bold**`, `*italic*`, `` `code` ``, `# headings`, `- lists`.
    fn markdown(&self, body: impl Into<String>);
    /// Anything printable, shown as markdown (Streamlit's `st.write` for text).
    fn write(&self, value: impl std::fmt::Display);
    /// Plain text, shown exactly as given.
    fn text(&self, body: impl Into<String>);
    /// Small, muted text.
    fn caption(&self, body: impl Into<String>);
    /// A block of code in a monospace font; `language` is shown as a tag.
    fn code(&self, code: impl Into<String>, language: Option<&str>);
    /// A horizontal rule.
    fn divider(&self);
}

fn text(st: &St, style: TextStyle, body: String) {
    st.emit(Element::Text { style, body });
}

impl TextExt for St {
    fn title(&self, body: impl Into<String>) {
        text(self, TextStyle::Title, body.into());
    }
    fn header(&self, body: impl Into<String>) {
        text(self, TextStyle::Header, body.into());
    }
    fn subheader(&self, body: impl Into<String>) {
        text(self, TextStyle::Subheader, body.into());
    }
    fn markdown(&self, body: impl Into<String>) {
        text(self, TextStyle::Markdown, body.into());
    }
    fn write(&self, value: impl std::fmt::Display) {
        text(self, TextStyle::Markdown, value.to_string());
    }
    fn text(&self, body: impl Into<String>) {
        text(self, TextStyle::Text, body.into());
    }
    fn caption(&self, body: impl Into<String>) {
        text(self, TextStyle::Caption, body.into());
    }
    fn code(&self, code: impl Into<String>, language: Option<&str>) {
        self.emit(Element::Code {
            code: code.into(),
            language: language.map(str::to_owned),
        });
    }
    fn divider(&self) {
        self.emit(Element::Divider);
    }
}

/// Draws a text element.
pub(crate) fn text_ui(ui: &mut Ui, style: TextStyle, body: &str) {
    match style {
        TextStyle::Title => {
            ui.label(RichText::new(body).heading().size(30.0).strong());
            ui.add_space(4.0);
        }
        TextStyle::Header => {
            ui.add_space(6.0);
            ui.label(RichText::new(body).size(24.0).strong());
        }
        TextStyle::Subheader => {
            ui.add_space(4.0);
            ui.label(RichText::new(body).size(19.0).strong());
        }
        TextStyle::Markdown => markdown::markdown_ui(ui, body),
        TextStyle::Text => {
            ui.label(body);
        }
        TextStyle::Caption => {
            ui.label(RichText::new(body).small().weak());
        }
    }
}

/// Draws a code block.
pub(crate) fn code_ui(ui: &mut Ui, code: &str, language: Option<&str>) {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().code_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(language) = language {
                ui.label(RichText::new(language).small().weak());
            }
            ui.add(egui::Label::new(RichText::new(code).monospace()).selectable(true));
        });
}
