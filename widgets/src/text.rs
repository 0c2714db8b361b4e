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
    // As Streamlit: markdown, captions and headings lose the indent their
    // lines share and the blank space around them, so a string indented
    // with the code (or continued over source lines) is a paragraph, not
    // a CommonMark code block. Plain text is kept as written.
    let body = match style {
        TextStyle::Text => body,
        _ => clean(&body),
    };
    st.emit(Element::Text { style, body });
}

/// `body` without the leading whitespace all its non-blank lines share
/// (Python's `textwrap.dedent`), and trimmed.
fn clean(body: &str) -> String {
    let margin = body
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| &line[..line.len() - line.trim_start().len()])
        .reduce(|common, indent| {
            let shared = common
                .char_indices()
                .zip(indent.chars())
                .find(|((_, a), b)| a != b)
                .map_or(common.len().min(indent.len()), |((at, _), _)| at);
            &common[..shared]
        })
        .unwrap_or("");
    body.lines()
        .map(|line| line.strip_prefix(margin).unwrap_or(line.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
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

/// Draws a heading `size` points high in the strong text colour, with its
/// inline markdown (`**bold**`, `` `code` ``, links) rendered.
fn heading_ui(ui: &mut Ui, body: &str, size: f32) {
    ui.scope(|ui| {
        let style = ui.style_mut();
        if let Some(font) = style.text_styles.get_mut(&egui::TextStyle::Body) {
            font.size = size;
        }
        style.visuals.override_text_color = Some(style.visuals.strong_text_color());
        markdown::inline_label_ui(ui, body);
    });
}

/// Draws a text element.
pub(crate) fn text_ui(ui: &mut Ui, style: TextStyle, body: &str) {
    match style {
        TextStyle::Title => {
            heading_ui(ui, body, 30.0);
            ui.add_space(4.0);
        }
        TextStyle::Header => {
            ui.add_space(6.0);
            heading_ui(ui, body, 24.0);
        }
        TextStyle::Subheader => {
            ui.add_space(4.0);
            heading_ui(ui, body, 19.0);
        }
        TextStyle::Markdown => markdown::markdown_ui(ui, body),
        TextStyle::Text => {
            ui.label(body);
        }
        TextStyle::Caption => {
            // Streamlit's captions are 14 px beside 16 px text: 7/8 of the
            // body size, muted, with inline markdown.
            let size = ui
                .style()
                .text_styles
                .get(&egui::TextStyle::Body)
                .map_or(14.0, |font| font.size)
                * 0.875;
            ui.scope(|ui| {
                let style = ui.style_mut();
                if let Some(body) = style.text_styles.get_mut(&egui::TextStyle::Body) {
                    body.size = size;
                }
                style.visuals.override_text_color = Some(style.visuals.weak_text_color());
                markdown::inline_label_ui(ui, body);
            });
        }
    }
}

/// Draws a code block: highlighted for the languages egui_extras knows
/// (Rust, Python, SQL, TOML, C and C++ and a few more; others plain), with
/// a button that copies the code.
pub(crate) fn code_ui(ui: &mut Ui, code: &str, language: Option<&str>) {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().code_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                if let Some(language) = language {
                    ui.label(RichText::new(language).small().weak());
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button("Copy")
                        .on_hover_text("Copy the code")
                        .clicked()
                    {
                        ui.ctx().copy_text(code.to_owned());
                    }
                });
            });
            let theme =
                egui_extras::syntax_highlighting::CodeTheme::from_memory(ui.ctx(), ui.style());
            let job = egui_extras::syntax_highlighting::highlight(
                ui.ctx(),
                ui.style(),
                &theme,
                code,
                language.unwrap_or(""),
            );
            ui.add(egui::Label::new(job).selectable(true));
        });
}

#[cfg(test)]
mod tests {
    use super::clean;

    // Issue 13 (the port of Streamlit's markdown_test.py::test_st_markdown)
    #[test]
    fn clean_dedents_shared_indent_and_trims_like_textwrap_dedent() {
        assert_eq!(clean("    some markdown  "), "some markdown");
        assert_eq!(
            clean("\n    # Title\n\n    - one\n      - nested\n    "),
            "# Title\n\n- one\n  - nested"
        );
        assert_eq!(clean("a\n    b"), "a\n    b");
        assert_eq!(clean("\t x\n\t y"), "x\ny");
        assert_eq!(clean(""), "");
    }
}
