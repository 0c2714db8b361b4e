//! Shared helpers of brook's frame snapshots: one place for the options, so
//! every snapshot of the suite is rendered and compared the same way
//! (STYLE 12), and the gallery pages made deterministic.

use std::path::PathBuf;

use brook::testing::{AppTest, SnapshotOptions, Theme};

/// Both themes, with the suffix their snapshots' names end in.
pub const THEMES: [(Theme, &str); 2] = [(Theme::Light, "light"), (Theme::Dark, "dark")];

/// Where brook's own snapshots live: `tests/snapshots/` of the repository.
pub fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("snapshots")
}

/// The suite's options: 800 x 600 points, 1 pixel per point, kittest's
/// default threshold, PNGs in [`snapshot_dir`].
pub fn options(theme: Theme) -> SnapshotOptions {
    SnapshotOptions::new()
        .theme(theme)
        .output_path(snapshot_dir())
}

/// Text on the gallery pages that changes from run to run: wall-clock
/// times and cache entry counts. Masked in their snapshots.
pub const GALLERY_MASKS: &[&str] = &["connection opened at", "computed "];

/// The gallery pages the suite snapshots: every page of the gallery (lower
/// case, as `brook snapshot` takes them), but the experimental fragments
/// page (it shows a clock, and exists only with the `experimental` feature).
pub fn gallery_pages() -> Vec<String> {
    brook::gallery::PAGES
        .iter()
        .map(|(title, _, _)| title.to_lowercase())
        .filter(|page| page != "fragments")
        .collect()
}

/// The gallery at `page` after its first run, as the window first shows it.
/// (The caching page's first load sleeps 2 s on purpose; its result is
/// cached for 30 s, so later calls in the same process are quick.)
///
/// # Panics
/// When the page does not exist or a run fails.
pub fn gallery_page(page: &str) -> AppTest {
    brook::snapshot::gallery_page(page, |_| {}).expect("run the gallery page")
}

/// The options of a gallery page's snapshot: [`options`] with the masks.
pub fn gallery_options(theme: Theme) -> SnapshotOptions {
    GALLERY_MASKS
        .iter()
        .fold(options(theme), |options, text| options.mask(*text))
}
