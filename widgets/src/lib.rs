//! brook's widget DSL and the egui drawing of every element.
//!
//! Each file holds one widget or element family: the builder the script
//! calls (an extension trait on [`St`]) and the egui code that draws it.
//! [`render::nodes_ui`] walks a tree and reports interactions as events.
//!
//! ```
//! use brook_widgets::prelude::*;
//! use brook_engine::testing::AppTest;
//!
//! let mut at = AppTest::new(|st| {
//!     st.title("Hello");
//!     let days = st.slider("Days", 1..=365).default(30).key("days").show();
//!     st.text(format!("{days} days"));
//! });
//! at.run();
//! at.widget("days").set_value(7).run();
//! assert_eq!(at.text(), ["7 days"]);
//! ```
// docs.rs marks each feature-gated item with the feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod alert;
pub mod button;
pub mod chart;
pub mod checkbox;
pub mod choice;
pub mod color_picker;
pub mod common;
pub mod component;
pub mod data_editor;
pub mod date_time;
pub mod download_button;
pub mod feedback;
pub mod file_uploader;
pub mod fonts;
pub use brook_engine::format;
pub mod image;
pub mod json;
pub mod layout;
pub mod markdown;
pub mod metric;
pub mod multiselect;
pub mod navigation;
pub mod number;
pub mod number_input;
pub mod page;
pub mod render;
pub mod select_slider;
pub mod slider;
pub mod snapshot;
pub mod spinner;
pub mod table;
pub mod text;
pub mod text_input;
pub mod theme;
mod value_hash;

pub use brook_engine::St;

/// Everything a script needs: `use brook_widgets::prelude::*;`.
pub mod prelude {
    pub use crate::alert::AlertExt;
    pub use crate::button::ButtonExt;
    pub use crate::chart::ChartExt;
    pub use crate::checkbox::CheckboxExt;
    pub use crate::choice::ChoiceExt;
    pub use crate::color_picker::ColorPickerExt;
    pub use crate::common::WidgetOptions;
    pub use crate::component::{Component, ComponentExt, View};
    pub use crate::data_editor::DataEditorExt;
    pub use crate::date_time::DateTimeExt;
    pub use crate::download_button::DownloadButtonExt;
    pub use crate::feedback::FeedbackExt;
    pub use crate::file_uploader::FileUploaderExt;
    pub use crate::image::ImageExt;
    pub use crate::json::JsonExt;
    pub use crate::layout::LayoutExt;
    pub use crate::metric::MetricExt;
    pub use crate::multiselect::MultiselectExt;
    pub use crate::number_input::NumberInputExt;
    pub use crate::select_slider::SelectSliderExt;
    pub use crate::slider::SliderExt;
    pub use crate::table::TableExt;
    pub use crate::text::TextExt;
    pub use crate::text_input::TextInputExt;
    pub use brook_engine::St;
    pub use brook_engine::data::{
        Align, Cell, ColumnConfig, ColumnFormat, IntoTable, NumRows, SelectionMode, Table,
        TableEdits, TableSelection,
    };
    pub use brook_engine::element::{ChartKind, DeltaColor, StatusState, UploadedFile};
    pub use brook_engine::time::{DisplayZone, ShowTime, Zoned};
}
