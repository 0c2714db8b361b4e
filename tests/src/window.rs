//! Shared helpers of the tests that drive brook's page with kittest as the
//! window would (clicks, keys, drags), then hand what the window sent to
//! the session.

use brook::Event;
use brook::element::Value;
use brook::testing::{AppTest, SnapshotOptions};
use brook::widgets::snapshot::{Harness, PageState, page_harness};

/// A harness drawing the last run of `at` as the window does, `width` by
/// `height` points: values the window sends stay shown until the script's
/// next run answers.
pub fn harness_of(at: &AppTest, width: f32, height: f32) -> Harness<'static, PageState> {
    harness_with(at, &SnapshotOptions::new().size(width, height))
}

/// [`harness_of`] with all the snapshot options.
pub fn harness_with(at: &AppTest, options: &SnapshotOptions) -> Harness<'static, PageState> {
    let tree = at.tree();
    let run = tree.main.iter().map(|node| node.run).max().unwrap_or(0);
    let mut harness = page_harness(tree, options);
    harness.state_mut().run = run;
    harness.run();
    harness
}

/// Draws the last run of `at` in `harness` (keeping the window's memory:
/// focus, local edits), as the window does when a run's elements arrive.
pub fn redraw(at: &AppTest, harness: &mut Harness<'_, PageState>) {
    let tree = at.tree();
    let run = tree.main.iter().map(|node| node.run).max().unwrap_or(0);
    harness.state_mut().tree = tree;
    harness.state_mut().run = run;
    harness.run();
}

/// Hands the window's events to the session and runs it.
pub fn deliver(at: &mut AppTest, harness: &mut Harness<'_, PageState>) {
    for event in std::mem::take(&mut harness.state_mut().events) {
        at.stage(event);
    }
    at.run();
}

/// The components' values the window sent, in order, as RON text.
pub fn sent_components(harness: &Harness<'_, PageState>) -> Vec<String> {
    harness
        .state()
        .events
        .iter()
        .filter_map(|event| match event {
            Event::WidgetChanged {
                value: Value::Component(text),
                ..
            } => Some(text.to_string()),
            _ => None,
        })
        .collect()
}
