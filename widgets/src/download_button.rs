//! `download_button`: saves data to a file the person picks in the save
//! dialog (written atomically; a cancelled dialog writes nothing). Like a
//! button, true for the run its click triggers.

use std::sync::Arc;

use brook_engine::St;
use brook_engine::element::{WidgetElement, WidgetSpec};
use egui::{Response, Ui};

use crate::checkbox::BoolCodec;
use crate::common::{Common, WidgetOptions};
use crate::render::{Frame, UiRequest};

/// Download buttons on [`St`]. In the prelude.
pub trait DownloadButtonExt {
    /// A button that saves `data` as a file, suggesting `file_name`.
    fn download_button(
        &self,
        label: impl Into<String>,
        data: impl Into<Arc<[u8]>>,
        file_name: impl Into<String>,
    ) -> DownloadButton<'_>;
}

impl DownloadButtonExt for St {
    fn download_button(
        &self,
        label: impl Into<String>,
        data: impl Into<Arc<[u8]>>,
        file_name: impl Into<String>,
    ) -> DownloadButton<'_> {
        DownloadButton {
            st: self,
            label: label.into(),
            data: data.into(),
            file_name: file_name.into(),
            common: Common::default(),
        }
    }
}

/// A download button builder; finish with [`DownloadButton::show`].
#[must_use = "call .show() to place the download button"]
pub struct DownloadButton<'a> {
    st: &'a St,
    label: String,
    data: Arc<[u8]>,
    file_name: String,
    common: Common,
}

impl WidgetOptions for DownloadButton<'_> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

impl DownloadButton<'_> {
    /// A callback run before the script when the button is clicked.
    pub fn on_click(mut self, callback: impl Fn(&St) + Send + Sync + 'static) -> Self {
        self.common.callback = Some(Arc::new(callback));
        self
    }

    /// Places the button; true in the run its click triggered.
    pub fn show(self) -> bool {
        let file_name = self.file_name.clone();
        self.st.widget(
            self.common.call(
                WidgetSpec::DownloadButton {
                    file_name: self.file_name,
                    data: self.data,
                },
                self.label,
                false,
                false,
                BoolCodec,
            ),
            // The data is not identity: new data under the same label is the
            // same button.
            |id| {
                id.param("file_name", &file_name);
            },
        )
    }
}

/// Draws a download button; a click asks the window for the save dialog.
pub(crate) fn download_button_ui(
    ui: &mut Ui,
    widget: &WidgetElement,
    frame: &mut Frame<'_>,
) -> Response {
    let WidgetSpec::DownloadButton { file_name, data } = &widget.spec else {
        return ui.label("?");
    };
    let response = ui.button(crate::markdown::inline_text(ui, &widget.label));
    if response.clicked() {
        frame.requests.push(UiRequest::SaveFile {
            file_name: file_name.clone(),
            data: Arc::clone(data),
        });
        frame.click(widget);
    }
    response
}
