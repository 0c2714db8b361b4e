//! The demo gallery: what `brook` (and `cargo run --release`) opens. One page
//! per feature area, each built from the public API only, as a user would.

mod caching;
mod hello;

pub use caching::caching;
pub use hello::hello;

use crate::prelude::*;

/// The pages, in menu order: (title, script).
pub const PAGES: &[(&str, fn(&St))] = &[("Hello", hello), ("Caching", caching)];

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
