//! The one place brook builds kittest harnesses, so every snapshot (brook's
//! own and its users') is rendered and compared the same way.

use ::image::RgbaImage;
use brook_engine::Event;
use brook_engine::element::Tree;
use egui::{Id, LayerId, Rect, Ui, UiBuilder};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::{Harness, HarnessBuilder, SnapshotError};

use super::{CpuRenderer, Renderer, SnapshotOptions};
use crate::page::{PageLayout, page_ui};
use crate::render::UiMemory;

/// A harness builder set up for snapshots: the options' size, theme, pixels
/// per point, comparison settings and renderer; no synthetic mouse cursor;
/// missing glyphs drawn as boxes (as the window draws them); no
/// accessibility check (brook's widgets draw their label beside the egui
/// widget, so kittest's check for named inputs does not apply); brook's
/// bundled fonts ([`crate::fonts`]), as the window has.
pub fn harness_builder<State>(options: &SnapshotOptions) -> HarnessBuilder<State> {
    let builder = HarnessBuilder::<State>::default()
        .with_size(options.size)
        .with_pixels_per_point(options.pixels_per_point)
        .with_theme(options.theme.into())
        .with_accessibility_check(false)
        .with_render_cursor(false)
        .allow_missing_glyphs()
        .with_context_setup(|ctx| {
            crate::fonts::install(ctx);
            crate::theme::install(ctx);
        })
        .with_options(options.kittest());
    match options.renderer {
        Renderer::Cpu => builder.renderer(CpuRenderer::new()),
        #[cfg(feature = "wgpu")]
        Renderer::Wgpu => builder.wgpu(),
    }
}

/// What a page harness draws: a tree, and the window's memory of it.
pub struct PageState {
    /// The tree drawn.
    pub tree: Tree,
    /// Interactions of the frames drawn so far (clicks, changed values), as
    /// the window would send them to the runner.
    pub events: Vec<Event>,
    /// The run the page is drawn as (0 by default). Set it to the tree's
    /// run to keep the values a test's interactions sent, as the window
    /// keeps them until the script's next run answers.
    pub run: u64,
    memory: UiMemory,
    layout: PageLayout,
}

/// A harness drawing `tree` filling the window, as the window draws it.
pub fn page_harness(tree: Tree, options: &SnapshotOptions) -> Harness<'static, PageState> {
    let state = PageState {
        tree,
        events: Vec::new(),
        run: 0,
        memory: UiMemory::default(),
        layout: PageLayout { wide: options.wide },
    };
    harness_builder(options).build_ui_state(
        |ui: &mut Ui, state: &mut PageState| {
            // kittest's ui sits in a margin; the window's page fills the
            // viewport, so draw on a root-like ui of our own.
            let ctx = ui.ctx().clone();
            let rect = ctx.viewport_rect();
            let mut root = Ui::new(
                ctx,
                Id::unique("brook-snapshot-page"),
                UiBuilder::new()
                    .layer_id(LayerId::background())
                    .max_rect(rect),
            );
            page_ui(
                &mut root,
                &state.tree,
                &mut state.memory,
                state.run,
                state.layout,
                &mut state.events,
            );
        },
        state,
    )
}

/// A harness drawing `app` (one widget, the spinner, any ui code) in
/// kittest's panel, with the options' settings.
pub fn ui_harness<'a>(options: &SnapshotOptions, app: impl FnMut(&mut Ui) + 'a) -> Harness<'a> {
    harness_builder(options).build_ui(app)
}

/// Paints the options' masks over the harness's current frame: each element
/// whose text contains a mask's text is covered from its left edge to the
/// right edge of the window, so the mask does not depend on how long the
/// changing text is.
fn apply_masks<State>(harness: &mut Harness<'_, State>, masks: &[String]) {
    let right = harness.ctx.viewport_rect().max.x;
    let mut rects: Vec<Rect> = Vec::new();
    for text in masks {
        rects.extend(
            harness
                .query_all_by_label_contains(text)
                .map(|node| node.rect().with_max_x(right)),
        );
    }
    for rect in rects {
        harness.mask(rect);
    }
}

/// Renders the harness's frame (with the options' masks) and compares it
/// with `{output_path}/{name}.png`, kittest's way.
///
/// # Errors
/// kittest's [`SnapshotError`].
pub fn try_snapshot_harness<State>(
    harness: &mut Harness<'_, State>,
    name: &str,
    options: &SnapshotOptions,
) -> Result<(), SnapshotError> {
    apply_masks(harness, &options.masks);
    harness.try_snapshot_options(name, &options.kittest())
}

/// Renders `tree` as the window would show it, to an image of
/// `size * pixels_per_point` pixels.
///
/// # Errors
/// When the renderer cannot draw the frame.
pub fn render_tree(tree: Tree, options: &SnapshotOptions) -> Result<RgbaImage, String> {
    let mut harness = page_harness(tree, options);
    apply_masks(&mut harness, &options.masks);
    harness.render()
}

/// Renders `tree` and compares it with `{output_path}/{name}.png`.
///
/// # Errors
/// kittest's [`SnapshotError`].
pub fn snapshot_tree(
    tree: Tree,
    name: &str,
    options: &SnapshotOptions,
) -> Result<(), SnapshotError> {
    let mut harness = page_harness(tree, options);
    try_snapshot_harness(&mut harness, name, options)
}
