//! The demo gallery: what `brook` (and `cargo run --release`) opens. One page
//! per feature area, each built from the public API only, as a user would.

mod caching;
mod charts;
mod data;
mod feedback;
#[cfg(feature = "experimental")]
mod fragments;
mod hello;
mod inputs;
mod layout;
mod time;

pub use caching::caching;
pub use charts::charts;
pub use data::data;
pub use feedback::feedback;
pub use hello::hello;
pub use inputs::inputs;
pub use layout::layout;

use crate::prelude::*;

/// A gallery page: its title and its script.
pub type Page = (&'static str, fn(&St));

/// The pages, in menu order.
pub const PAGES: &[Page] = &[
    ("Hello", hello),
    ("Data", data),
    ("Charts", charts),
    ("Inputs", inputs),
    ("Layout", layout),
    ("Feedback", feedback),
    ("Caching", caching),
    ("Time", time::time),
    #[cfg(feature = "experimental")]
    ("Fragments", fragments::fragments),
];

/// The gallery script: a page chooser in the sidebar, then the page.
pub fn gallery(st: &St) {
    let side = st.sidebar();
    side.title("brook gallery");
    let titles: Vec<&str> = PAGES.iter().map(|(title, _)| *title).collect();
    let chosen = side
        .radio("Page", titles)
        .key("page")
        .show()
        .unwrap_or("Hello");
    side.divider();
    if let Some((_, page)) = PAGES.iter().find(|(title, _)| *title == chosen) {
        page(st);
    }
}
