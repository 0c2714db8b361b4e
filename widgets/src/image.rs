//! `image`: PNG or JPEG bytes, or an image file, through egui_extras'
//! loaders.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use brook_engine::St;
use brook_engine::element::Element;
use egui::{RichText, Ui};

/// Images on [`St`]. In the prelude.
pub trait ImageExt {
    /// An image from PNG or JPEG bytes, with an optional caption.
    fn image(&self, bytes: impl Into<Arc<[u8]>>, caption: Option<&str>);
    /// An image from a file path.
    fn image_file(&self, path: impl AsRef<std::path::Path>, caption: Option<&str>);
}

impl ImageExt for St {
    fn image(&self, bytes: impl Into<Arc<[u8]>>, caption: Option<&str>) {
        let bytes: Arc<[u8]> = bytes.into();
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        self.emit(Element::Image {
            uri: format!("bytes://brook-{:016x}", hasher.finish()),
            bytes: Some(bytes),
            caption: caption.map(str::to_owned),
            width: None,
        });
    }
    fn image_file(&self, path: impl AsRef<std::path::Path>, caption: Option<&str>) {
        let path = path.as_ref();
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.emit(Element::Image {
            uri: format!("file://{}", absolute.display()),
            bytes: None,
            caption: caption.map(str::to_owned),
            width: None,
        });
    }
}

/// Draws an image, scaled down to the available width (or to `width`).
pub(crate) fn image_ui(
    ui: &mut Ui,
    uri: &str,
    bytes: Option<&Arc<[u8]>>,
    caption: Option<&str>,
    width: Option<f32>,
) {
    let image = match bytes {
        Some(bytes) => {
            egui::Image::from_bytes(uri.to_owned(), egui::load::Bytes::Shared(Arc::clone(bytes)))
        }
        None => egui::Image::from_uri(uri.to_owned()),
    };
    // A width that is not a positive number (from any tree) is the
    // available width.
    let available = ui.available_width().max(0.0);
    let max = width
        .filter(|w| w.is_finite() && *w >= 0.0)
        .unwrap_or(available)
        .min(available);
    ui.add(image.max_width(max).fit_to_original_size(1.0));
    if let Some(caption) = caption {
        ui.label(RichText::new(caption).small().weak());
    }
}
