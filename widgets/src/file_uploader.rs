//! `file_uploader`: files from the open-file dialog or dropped on the
//! window; returns their names, sizes and bytes.

use brook_engine::St;
use brook_engine::element::{UploadedFile, Value, WidgetElement, WidgetSpec};
use brook_engine::state::{Checked, Codec, DynValue};
use egui::{Response, RichText, Ui};

use crate::common::{Common, WidgetOptions};
use crate::render::{Frame, UiRequest, label_ui};

/// The default size limit: 200 MB, as Streamlit's.
pub const DEFAULT_MAX_BYTES: u64 = 200 * 1024 * 1024;

/// File uploaders on [`St`]. In the prelude.
pub trait FileUploaderExt {
    /// A file uploader: "Browse files" opens the system dialog, and files
    /// can be dropped on the window.
    fn file_uploader(&self, label: impl Into<String>) -> FileUploader<'_>;
}

impl FileUploaderExt for St {
    fn file_uploader(&self, label: impl Into<String>) -> FileUploader<'_> {
        FileUploader {
            st: self,
            label: label.into(),
            types: Vec::new(),
            multiple: false,
            max_bytes: DEFAULT_MAX_BYTES,
            common: Common::default(),
        }
    }
}

/// A file uploader builder; finish with [`FileUploader::show`] (one file)
/// or [`FileUploader::show_all`] (several).
#[must_use = "call .show() to place the file uploader"]
pub struct FileUploader<'a> {
    st: &'a St,
    label: String,
    types: Vec<String>,
    multiple: bool,
    max_bytes: u64,
    common: Common,
}

impl WidgetOptions for FileUploader<'_> {
    fn common(&mut self) -> &mut Common {
        &mut self.common
    }
}

/// The uploader's files. Files of a drop that do not fit (type or size)
/// are not taken, with a message beside the uploader; a drop of which no
/// file fits is refused and the uploader keeps what it had. Files kept from
/// earlier runs that no longer fit (the types or the limit changed) are
/// dropped.
struct FilesCodec {
    types: Vec<String>,
    max_bytes: u64,
    multiple: bool,
}

impl FilesCodec {
    /// Why `file` does not fit, if it does not.
    fn misfit(&self, file: &UploadedFile, label: &str) -> Option<String> {
        let extension = std::path::Path::new(&file.name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if file.size() as u64 > self.max_bytes {
            Some(format!(
                "\"{}\" is {:.1} MB; the uploader \"{label}\" takes files up to {:.1} MB.",
                file.name,
                megabytes(file.size() as u64),
                megabytes(self.max_bytes)
            ))
        } else if !self.types.is_empty() && !self.types.contains(&extension) {
            Some(format!(
                "\"{}\" is not one of the types the uploader \"{label}\" takes: {}.",
                file.name,
                self.types.join(", ")
            ))
        } else {
            None
        }
    }
}

impl Codec for FilesCodec {
    fn decode(&self, value: &Value) -> Option<Box<dyn DynValue>> {
        match value {
            Value::Files(files) => {
                let mut fitting: Vec<UploadedFile> = files
                    .iter()
                    .filter(|file| self.misfit(file, "").is_none())
                    .cloned()
                    .collect();
                if fitting.is_empty() && !files.is_empty() {
                    return None;
                }
                if !self.multiple {
                    fitting.truncate(1);
                }
                Some(Box::new(fitting))
            }
            Value::None => Some(Box::new(Vec::<UploadedFile>::new())),
            _ => None,
        }
    }
    fn encode(&self, value: &dyn std::any::Any) -> Value {
        Value::Files(
            value
                .downcast_ref::<Vec<UploadedFile>>()
                .cloned()
                .unwrap_or_default(),
        )
    }
    fn reject_reason(&self, value: &Value, label: &str) -> Option<String> {
        let Value::Files(files) = value else {
            return None;
        };
        let reasons: Vec<String> = files
            .iter()
            .filter_map(|file| self.misfit(file, label))
            .collect();
        (!reasons.is_empty()).then(|| reasons.join(" "))
    }
    fn partly_refused(&self, value: &Value, label: &str) -> Option<String> {
        self.reject_reason(value, label)
    }
    fn check(&self, value: &dyn std::any::Any) -> Checked {
        let Some(files) = value.downcast_ref::<Vec<UploadedFile>>() else {
            return Checked::Valid;
        };
        let mut kept: Vec<UploadedFile> = files
            .iter()
            .filter(|file| self.misfit(file, "").is_none())
            .cloned()
            .collect();
        if !self.multiple {
            kept.truncate(1);
        }
        if kept.len() == files.len() {
            return Checked::Valid;
        }
        Checked::Fixed {
            value: Box::new(kept),
            reason: "files that the uploader no longer takes were dropped".to_owned(),
        }
    }
}

impl FileUploader<'_> {
    /// Accepted extensions, without the dot (`["csv", "txt"]`).
    pub fn types<S: Into<String>>(mut self, types: impl IntoIterator<Item = S>) -> Self {
        self.types = types
            .into_iter()
            .map(|t| t.into().trim_start_matches('.').to_lowercase())
            .collect();
        self
    }

    /// The largest accepted file, in megabytes (default 200).
    pub fn max_size_mb(mut self, megabytes: u64) -> Self {
        self.max_bytes = megabytes.saturating_mul(1024 * 1024);
        self
    }

    /// The largest accepted file, in bytes.
    pub fn max_bytes(mut self, bytes: u64) -> Self {
        self.max_bytes = bytes;
        self
    }

    /// Places the uploader for one file; returns it once given.
    pub fn show(self) -> Option<UploadedFile> {
        self.register(false).into_iter().next()
    }

    /// Places the uploader for several files; returns them all.
    pub fn show_all(self) -> Vec<UploadedFile> {
        self.register(true)
    }

    fn register(mut self, multiple: bool) -> Vec<UploadedFile> {
        self.multiple = multiple;
        let (types, max_bytes) = (self.types.clone(), self.max_bytes);
        self.st.widget(
            self.common.call(
                WidgetSpec::FileUploader {
                    types: self.types.clone(),
                    multiple,
                    max_bytes: self.max_bytes,
                },
                self.label,
                Vec::new(),
                false,
                FilesCodec {
                    types: types.clone(),
                    max_bytes,
                    multiple,
                },
            ),
            |id| {
                id.param("types", &types)
                    .param("multiple", multiple)
                    .param("max", max_bytes);
            },
        )
    }
}

#[allow(clippy::cast_precision_loss, reason = "a size for people")]
fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Draws the uploader: a drop zone with a browse button and the files given.
pub(crate) fn file_uploader_ui(
    ui: &mut Ui,
    widget: &WidgetElement,
    frame: &mut Frame<'_>,
) -> Response {
    let WidgetSpec::FileUploader {
        types,
        multiple,
        max_bytes,
    } = &widget.spec
    else {
        return ui.label("?");
    };
    let label = label_ui(ui, &widget.label);
    let files = match frame.value(widget) {
        Value::Files(files) => files,
        _ => Vec::new(),
    };
    let inner = egui::Frame::group(ui.style())
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let mut browse = ui.button("Browse files");
                if let Some(label) = label {
                    // "File uploader: Browse files", holding the files' names.
                    browse = browse.labelled_by(label);
                    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
                    let names = names.join(", ");
                    browse.widget_info(|| {
                        let mut info =
                            egui::WidgetInfo::labeled(egui::Role::Button, browse.enabled(), "");
                        info.current_text_value = Some(names.clone());
                        info
                    });
                }
                if browse.clicked() {
                    frame.requests.push(UiRequest::PickFiles {
                        widget: widget.id.clone(),
                        types: types.clone(),
                        multiple: *multiple,
                    });
                }
                let kinds = if types.is_empty() {
                    "any file".to_owned()
                } else {
                    types.join(", ")
                };
                ui.label(
                    RichText::new(format!(
                        "or drop here · {kinds} · up to {:.0} MB",
                        megabytes(*max_bytes)
                    ))
                    .small()
                    .weak(),
                );
            });
            for file in &files {
                ui.horizontal(|ui| {
                    ui.label(file.name.as_str());
                    ui.label(RichText::new(file_size(file.size())).small().weak());
                    if ui
                        .small_button("×")
                        .accessible_name(format!("Remove {}", file.name))
                        .on_hover_text("Remove")
                        .clicked()
                    {
                        let rest = files
                            .iter()
                            .filter(|f| f.name != file.name)
                            .cloned()
                            .collect();
                        frame.commit(widget, Value::Files(rest));
                    }
                });
            }
        });
    frame
        .drop_targets
        .push((widget.id.clone(), inner.response.rect, *multiple));
    inner.response
}

/// A file's size for people: bytes, KB or MB (of 1024).
#[allow(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
fn file_size(bytes: usize) -> String {
    let kilobytes = bytes as f64 / 1024.0;
    match bytes {
        0..1024 => format!("{bytes} B"),
        // Below what one decimal would show as 1024.0 KB.
        _ if kilobytes < 1023.95 => format!("{kilobytes:.1} KB"),
        _ => format!("{:.1} MB", kilobytes / 1024.0),
    }
}

#[cfg(test)]
mod tests {
    use super::file_size;

    #[test]
    fn sizes_read_in_bytes_kilobytes_or_megabytes() {
        assert_eq!(file_size(23), "23 B");
        assert_eq!(file_size(1023), "1023 B");
        assert_eq!(file_size(1536), "1.5 KB");
        assert_eq!(file_size(5 * 1_048_576), "5.0 MB");
        assert_eq!(file_size(1_048_575), "1.0 MB");
    }
}
