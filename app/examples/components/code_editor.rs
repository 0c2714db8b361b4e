//! A code editor with syntax highlighting, from egui_extras: its value is
//! the code.

use brook::egui::{self, Response, Ui};
use brook::egui_extras::syntax_highlighting::{CodeTheme, highlight};
use brook::widgets::component::{Commit, Component};

/// Code in `language` (`"sql"`, `"rs"`, `"toml"`, `"py"`, ...), edited in
/// a monospace field `rows` lines high. The script gets the code when the
/// person leaves the field: a click elsewhere, or Escape (Tab indents).
#[derive(Hash)]
pub struct CodeEditor {
    /// The language to highlight, by its usual file extension.
    pub language: String,
    /// How many lines the field shows.
    pub rows: usize,
}

impl Component for CodeEditor {
    type Value = String;

    fn ui(&self, ui: &mut Ui, code: &mut String) -> Response {
        let theme = CodeTheme::from_memory(ui.ctx(), ui.style());
        let language = self.language.as_str();
        let mut layouter = |ui: &Ui, text: &dyn egui::TextBuffer, wrap_width: f32| {
            let mut job = highlight(ui.ctx(), ui.style(), &theme, text.as_str(), language);
            job.wrap.max_width = wrap_width;
            ui.ctx().fonts_mut(|fonts| fonts.layout_job(job))
        };
        ui.add(
            egui::TextEdit::multiline(code)
                .code_editor()
                .desired_rows(self.rows)
                .desired_width(f32::INFINITY)
                .layouter(&mut layouter),
        )
    }

    fn commit(&self) -> Commit {
        Commit::OnFocusLost
    }
}
