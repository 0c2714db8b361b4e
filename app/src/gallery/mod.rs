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

/// A gallery page: its title, the menu section it is listed under (`None`:
/// at the top), and its script.
pub type GalleryPage = (&'static str, Option<&'static str>, fn(&St));

/// The pages, in menu order.
pub const PAGES: &[GalleryPage] = &[
    ("Hello", None, hello),
    ("Data", Some("Show data"), data),
    ("Charts", Some("Show data"), charts),
    ("Inputs", Some("Interact"), inputs),
    ("Layout", Some("Interact"), layout),
    ("Feedback", Some("Interact"), feedback),
    ("Caching", Some("Under the hood"), caching),
    ("Time", Some("Under the hood"), time::time),
    #[cfg(feature = "experimental")]
    ("Fragments", Some("Under the hood"), fragments::fragments),
];

/// The gallery script: a multipage app, its menu in the sidebar under the
/// gallery's title.
pub fn gallery(st: &St) {
    st.sidebar().title("brook gallery");
    let page = st.navigation(PAGES.iter().map(|&(title, section, script)| {
        let page = Page::new(title, script);
        match section {
            Some(section) => page.section(section),
            None => page,
        }
    }));
    page.run(st);
}
