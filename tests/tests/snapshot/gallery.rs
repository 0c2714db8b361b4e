//! Every gallery page (but the experimental one), light and dark:
//! `gallery/<page>_<theme>.png`.
//!
//! The caching page shows wall-clock times and a count of cache entries:
//! those texts are masked (`brook_tests::snapshot::GALLERY_MASKS`).

use brook_tests::snapshot::{THEMES, gallery_options, gallery_page, gallery_pages};

use super::{assert_no_errors, check};

#[test]
fn every_gallery_page() {
    let mut errors = Vec::new();
    for page in &gallery_pages() {
        let at = gallery_page(page);
        for (theme, suffix) in THEMES {
            check(
                &mut errors,
                &at,
                &format!("gallery/{page}_{suffix}"),
                &gallery_options(theme),
            );
        }
    }
    assert_no_errors(&errors);
}
