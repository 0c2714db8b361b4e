//! How long brook's CPU renderer takes to paint one 800 x 600 frame of the
//! hello gallery page: `cargo bench -p brook-tests --bench snapshot`.
//!
//! - `paint`: tessellation and painting of a frame already laid out (what
//!   `CpuRenderer::render` does for a snapshot);
//! - `frame`: a whole frame: an egui pass laying out the page, then paint.
#![expect(clippy::unwrap_used, reason = "a benchmark")]

use brook::testing::{SnapshotExt as _, SnapshotOptions};
use brook::widgets::page::{PageLayout, page_ui};
use brook::widgets::render::UiMemory;
use brook::widgets::snapshot::{CpuRenderer, TestRenderer as _};
use criterion::{Criterion, criterion_group, criterion_main};

fn frame(c: &mut Criterion) {
    let at = brook_tests::snapshot::gallery_page("hello");
    let tree = at.tree();
    // The harness path renders, as a snapshot test does.
    let image = at.render_frame(&SnapshotOptions::new()).unwrap();
    assert_eq!(image.dimensions(), (800, 600));

    let ctx = egui::Context::default();
    ctx.set_theme(egui::Theme::Light);
    brook::widgets::fonts::install(&ctx);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(800.0, 600.0),
        )),
        ..Default::default()
    };
    let mut memory = UiMemory::default();
    let mut events = Vec::new();
    let mut run = |ctx: &egui::Context| {
        ctx.run_ui(input(), |ui| {
            page_ui(
                ui,
                &tree,
                &mut memory,
                0,
                PageLayout::default(),
                &mut events,
            );
        })
    };
    let mut renderer = CpuRenderer::new();
    // Two passes: the first lays out, the second is the settled frame.
    let mut output = run(&ctx);
    renderer.handle_delta(&mut output.textures_delta);
    let mut output = run(&ctx);
    renderer.handle_delta(&mut output.textures_delta);

    let mut group = c.benchmark_group("cpu_render_800x600");
    group.bench_function("paint", |b| {
        b.iter(|| renderer.render(&ctx, &output).unwrap());
    });
    group.bench_function("frame", |b| {
        b.iter(|| {
            let mut output = run(&ctx);
            renderer.handle_delta(&mut output.textures_delta);
            renderer.render(&ctx, &output).unwrap()
        });
    });
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
