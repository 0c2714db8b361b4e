//! Frame snapshots: a session's page rendered offscreen to an RGBA image and
//! compared with a committed PNG, with no GPU and no display.
//!
//! The page is drawn by [`crate::page::page_ui`], the code the window uses,
//! inside an [`egui_kittest`] harness, and painted by [`CpuRenderer`]. The
//! comparison is kittest's: a missing or different image fails the test and
//! writes `name.new.png` (and `name.diff.png`) beside `name.png`; run the
//! tests with `UPDATE_SNAPSHOTS=1` to accept the new images.
//!
//! ```
//! use brook_engine::testing::AppTest;
//! use brook_widgets::prelude::*;
//! use brook_widgets::snapshot::{SnapshotExt, SnapshotOptions, Theme};
//!
//! let mut at = AppTest::new(|st| {
//!     st.title("Hello");
//!     st.slider("Days", 1..=365).default(30).show();
//! });
//! at.run();
//! // In a test: `at.snapshot("hello");` compares with tests/snapshots/hello.png.
//! let options = SnapshotOptions::new().size(320.0, 200.0).theme(Theme::Dark);
//! let image = at.render_frame(&options).unwrap();
//! assert_eq!(image.dimensions(), (320, 200));
//! ```

mod cpu_renderer;
mod harness;

use std::path::PathBuf;

use brook_engine::testing::AppTest;

pub use ::image::RgbaImage;
pub use cpu_renderer::CpuRenderer;
pub use egui_kittest::{Harness, HarnessBuilder, SnapshotError, TestRenderer};
pub use harness::{
    PageState, harness_builder, page_harness, render_tree, snapshot_tree, try_snapshot_harness,
    ui_harness,
};

/// The look a snapshot is rendered with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// egui's light theme.
    #[default]
    Light,
    /// egui's dark theme.
    Dark,
}

impl From<Theme> for egui::Theme {
    fn from(theme: Theme) -> Self {
        match theme {
            Theme::Light => Self::Light,
            Theme::Dark => Self::Dark,
        }
    }
}

/// What paints a snapshot.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Renderer {
    /// [`CpuRenderer`]: no GPU needed, the same bytes on every machine.
    #[default]
    Cpu,
    /// kittest's wgpu renderer (the cargo feature `wgpu`): needs a GPU
    /// adapter, or a software one such as llvmpipe.
    #[cfg(feature = "wgpu")]
    Wgpu,
}

/// How a snapshot is rendered and compared. Build it with the methods:
/// `SnapshotOptions::new().size(400.0, 300.0).theme(Theme::Dark)`.
///
/// The comparison defaults (threshold, failed pixels) come from the
/// `kittest.toml` nearest the working directory, as in every kittest test.
#[derive(Clone, Debug)]
#[non_exhaustive]
#[must_use]
pub struct SnapshotOptions {
    /// The window size in points (default 800 x 600).
    pub size: egui::Vec2,
    /// Light (default) or dark.
    pub theme: Theme,
    /// Pixels per point: 2.0 renders as a high-DPI screen does (default 1.0).
    pub pixels_per_point: f32,
    /// How much one pixel may differ (kittest's per-pixel YIQ distance;
    /// default from `kittest.toml`, else 0.6).
    pub threshold: f32,
    /// How many pixels may differ by more than the threshold (default from
    /// `kittest.toml`, else 0).
    pub max_failed_pixels: usize,
    /// Where `name.png` lives: by default `tests/snapshots` of the crate
    /// whose tests run (its `CARGO_MANIFEST_DIR`).
    pub output_path: PathBuf,
    /// The window's wide layout (the main body uses the whole width).
    pub wide: bool,
    /// Text that changes from run to run (a clock, a duration): every
    /// element whose text contains one of these is painted over in magenta,
    /// from its left edge to the right edge of the window, before the
    /// comparison.
    pub masks: Vec<String>,
    /// What paints the image (default: the CPU).
    pub renderer: Renderer,
}

impl Default for SnapshotOptions {
    fn default() -> Self {
        let kittest = egui_kittest::SnapshotOptions::default();
        let output_path = match std::env::var_os("CARGO_MANIFEST_DIR") {
            Some(dir) if kittest.output_path.is_relative() => {
                PathBuf::from(dir).join(&kittest.output_path)
            }
            _ => kittest.output_path.clone(),
        };
        Self {
            size: egui::vec2(800.0, 600.0),
            theme: Theme::Light,
            pixels_per_point: 1.0,
            threshold: kittest.threshold,
            max_failed_pixels: kittest.max_failed_pixels,
            output_path,
            wide: false,
            masks: Vec::new(),
            renderer: Renderer::Cpu,
        }
    }
}

impl SnapshotOptions {
    /// The defaults: 800 x 600 points, light, 1 pixel per point.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the window size in points.
    pub fn size(mut self, width: f32, height: f32) -> Self {
        self.size = egui::vec2(width, height);
        self
    }

    /// Sets the theme.
    pub fn theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    /// Sets the pixels per point (the image is `size * pixels_per_point`).
    pub fn pixels_per_point(mut self, pixels_per_point: f32) -> Self {
        self.pixels_per_point = pixels_per_point;
        self
    }

    /// Sets how much one pixel may differ (kittest's threshold).
    pub fn threshold(mut self, threshold: f32) -> Self {
        self.threshold = threshold;
        self
    }

    /// Sets how many pixels may differ by more than the threshold.
    pub fn max_failed_pixels(mut self, max_failed_pixels: usize) -> Self {
        self.max_failed_pixels = max_failed_pixels;
        self
    }

    /// Sets the folder of the snapshot PNGs.
    pub fn output_path(mut self, output_path: impl Into<PathBuf>) -> Self {
        self.output_path = output_path.into();
        self
    }

    /// Uses the wide layout.
    pub fn wide(mut self, wide: bool) -> Self {
        self.wide = wide;
        self
    }

    /// Paints over every element whose text contains `text` (see
    /// [`SnapshotOptions::masks`]).
    pub fn mask(mut self, text: impl Into<String>) -> Self {
        self.masks.push(text.into());
        self
    }

    /// Sets what paints the image.
    pub fn renderer(mut self, renderer: Renderer) -> Self {
        self.renderer = renderer;
        self
    }

    /// The same options as kittest's.
    pub fn kittest(&self) -> egui_kittest::SnapshotOptions {
        egui_kittest::SnapshotOptions::new()
            .threshold(self.threshold)
            .max_failed_pixels(self.max_failed_pixels)
            .output_path(&self.output_path)
    }
}

/// Snapshots of an [`AppTest`]'s page: `at.snapshot("name")`.
///
/// The page is the tree of the last finished run, drawn as the window draws
/// it (sidebar and main body; not the window's menu bar, nor the spinner
/// overlay of a run in progress).
pub trait SnapshotExt {
    /// Renders the page with the default options and compares it with
    /// `tests/snapshots/{name}.png` of the crate under test.
    ///
    /// # Panics
    /// When the image differs from the snapshot, or the snapshot is missing
    /// (`UPDATE_SNAPSHOTS=1` writes it), or the page cannot be rendered.
    #[track_caller]
    fn snapshot(&self, name: &str) {
        self.snapshot_options(name, &SnapshotOptions::default());
    }

    /// Like [`SnapshotExt::snapshot`], with options.
    ///
    /// # Panics
    /// As [`SnapshotExt::snapshot`].
    #[track_caller]
    fn snapshot_options(&self, name: &str, options: &SnapshotOptions) {
        if let Err(err) = self.try_snapshot(name, options) {
            #[expect(
                clippy::panic,
                reason = "a test helper: a different image fails the test"
            )]
            {
                panic!("{err}");
            }
        }
    }

    /// Renders and compares, returning what differs instead of panicking.
    ///
    /// # Errors
    /// kittest's [`SnapshotError`]: a difference, a missing snapshot, a size
    /// mismatch, or a rendering or writing error.
    fn try_snapshot(&self, name: &str, options: &SnapshotOptions) -> Result<(), SnapshotError>;

    /// Renders the page to an image, without comparing.
    ///
    /// # Errors
    /// When the renderer cannot draw the frame.
    fn render_frame(&self, options: &SnapshotOptions) -> Result<RgbaImage, String>;
}

impl SnapshotExt for AppTest {
    fn try_snapshot(&self, name: &str, options: &SnapshotOptions) -> Result<(), SnapshotError> {
        snapshot_tree(self.tree(), name, options)
    }

    fn render_frame(&self, options: &SnapshotOptions) -> Result<RgbaImage, String> {
        render_tree(self.tree(), options)
    }
}
