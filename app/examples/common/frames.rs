//! What brook's benchmarks share: durations in milliseconds, medians, and
//! the timing of the window's frames of a page.

use std::time::{Duration, Instant};

use brook::element::Tree;
use brook::testing::SnapshotOptions;
use brook::widgets::snapshot::{Harness, PageState, page_harness};

/// `duration` in milliseconds.
pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The median of `values` (NaN for none).
pub fn median(values: &[f64]) -> f64 {
    let mut values = values.to_vec();
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// A harness drawing `tree` as the window does, at 1280 x 800 points with
/// brook's fonts, its nodes current.
pub fn page(tree: Tree) -> Harness<'static, PageState> {
    let run = tree.main.iter().map(|node| node.run).max().unwrap_or(0);
    let mut harness = page_harness(tree, &SnapshotOptions::new().size(1280.0, 800.0));
    harness.state_mut().run = run;
    harness.run();
    harness
}

/// The median time of 5 frames of `harness` (layout and tessellation), in
/// milliseconds.
pub fn frame_ms(harness: &mut Harness<'_, PageState>) -> f64 {
    let ctx = harness.ctx.clone();
    let frames: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            harness.step();
            let output = harness.output();
            let _ = std::hint::black_box(
                ctx.tessellate(output.shapes.clone(), output.pixels_per_point),
            );
            ms(start.elapsed())
        })
        .collect();
    median(&frames)
}
