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
