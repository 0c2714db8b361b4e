//! The widgets and elements of issue 3, driven headless through
//! [`brook::testing::AppTest`]: for every new input its default, a value
//! set as the person would, the link between its key and session state,
//! and when a change of its parameters resets it; for every new element
//! what the script emits. Also: each new gallery page and the ticket form
//! and dashboard examples run clean.

#![allow(clippy::unwrap_used, reason = "it's a test")]

#[path = "widgets/color_picker.rs"]
mod color_picker;
#[path = "widgets/containers.rs"]
mod containers;
#[path = "widgets/download_button.rs"]
mod download_button;
#[path = "widgets/elements.rs"]
mod elements;
#[path = "widgets/examples.rs"]
mod examples;
#[path = "widgets/file_uploader.rs"]
mod file_uploader;
#[path = "widgets/gallery.rs"]
mod gallery;
#[path = "widgets/numbers.rs"]
mod numbers;
#[path = "widgets/range_slider.rs"]
mod range_slider;
#[path = "widgets/select_slider.rs"]
mod select_slider;

use brook::element::{ContainerKind, Element};
use brook::testing::AppTest;

/// Runs `script` once.
fn run(script: impl Fn(&brook::St) + Send + Sync + 'static) -> AppTest {
    let mut at = AppTest::new(script);
    at.run();
    at
}

/// The children of every container of a kind, in order.
fn inside(at: &AppTest, kind: impl Fn(&ContainerKind) -> bool) -> Vec<Vec<Element>> {
    at.elements()
        .into_iter()
        .filter_map(|element| match element {
            Element::Container { kind: k, children } if kind(&k) => {
                Some(children.into_iter().map(|node| node.element).collect())
            }
            _ => None,
        })
        .collect()
}

/// The labels of the widgets among `elements`, depth first.
fn widget_labels(elements: &[Element]) -> Vec<String> {
    let mut out = Vec::new();
    for element in elements {
        match element {
            Element::Widget(widget) => out.push(widget.label.clone()),
            Element::Container { children, .. } => {
                let children: Vec<Element> = children.iter().map(|n| n.element.clone()).collect();
                out.extend(widget_labels(&children));
            }
            _ => {}
        }
    }
    out
}

/// Draws `at`'s page as the window does and drags on the two-thumb rail
/// labelled `label` (values 0 to `max`) from `press` to `release`; returns
/// the last value the window would send.
fn drag_two_thumb_rail(
    at: &AppTest,
    label: &str,
    max: f64,
    press: f64,
    release: f64,
) -> Option<brook::element::Value> {
    use brook::widgets::snapshot::page_harness;
    use egui_kittest::kittest::Queryable as _;

    let mut harness = page_harness(
        at.tree(),
        &brook::testing::SnapshotOptions::new().size(400.0, 160.0),
    );
    harness.run();
    let rail = harness
        .get_by_role_and_label(egui::Role::Slider, label)
        .rect();
    // As `two_thumb_rail` lays the rail out: thumbs of radius h / 2.5 at
    // either end of the values.
    let radius = rail.height() / 2.5;
    #[allow(clippy::cast_possible_truncation, reason = "screen positions")]
    let at_value = |v: f64| {
        egui::pos2(
            rail.left() + radius + (v / max) as f32 * (rail.width() - 2.0 * radius),
            rail.center().y,
        )
    };
    harness.drag_at(at_value(press));
    harness.run();
    harness.hover_at(at_value((press + release) / 2.0));
    harness.run();
    harness.hover_at(at_value(release));
    harness.run();
    harness.drop_at(at_value(release));
    harness.run();
    harness
        .state()
        .events
        .iter()
        .rev()
        .find_map(|event| match event {
            brook::Event::WidgetChanged { value, .. } => Some(value.clone()),
            _ => None,
        })
}
