//! Frame snapshots: brook's pages rendered offscreen on the CPU and compared
//! with the PNGs in `tests/snapshots/` (kittest's comparison).
//!
//! Run with `UPDATE_SNAPSHOTS=1` to accept changed images; a failing
//! comparison leaves `name.new.png` and `name.diff.png` beside `name.png`.
//!
//! - `widgets`: every widget in its default, set and disabled states, light
//!   and dark.
//! - `elements`: the exception box, the spinner ring at 0%, 40%, 100%,
//!   text in the bundled fonts, and charts with category and date axes.
//! - `gallery`: every gallery page, light and dark.
//! - `meta`: a snapshot test can fail; two renders are byte-identical.
//! - `page_layout`: columns stacking, metrics, long errors, scroll reset,
//!   the sidebar; gallery pages and examples at 1000 and 640 points wide.
//! - `charts`: constant series, one point, many categories, area fills,
//!   time axes at every zoom.
//! - `tables`: the interactive dataframe with every column format, and a
//!   static table whose formats do not fit (issue 12).
//! - `reference`: one picture per element that takes no input, for the
//!   widget reference (docs/widgets.md).
#![expect(clippy::unwrap_used, reason = "it's a test")]

#[path = "snapshot/charts.rs"]
mod charts;
#[path = "snapshot/elements.rs"]
mod elements;
#[path = "snapshot/gallery.rs"]
mod gallery;
#[path = "snapshot/meta.rs"]
mod meta;
#[path = "snapshot/page_layout.rs"]
mod page_layout;
#[path = "snapshot/reference.rs"]
mod reference;

// The examples, for their snapshots at two window sizes (issue 13).
#[path = "../../app/examples/csv_explorer.rs"]
#[allow(dead_code, reason = "only the script is used")]
mod csv_explorer;
#[path = "../../app/examples/dashboard.rs"]
#[allow(dead_code, reason = "only the script is used")]
mod dashboard;
#[path = "../../app/examples/meeting_planner.rs"]
#[allow(dead_code, reason = "only the script is used")]
mod meeting_planner;
#[path = "snapshot/tables.rs"]
mod tables;
#[path = "../../app/examples/ticket_form.rs"]
#[allow(dead_code, reason = "only the script is used")]
mod ticket_form;
#[path = "snapshot/widgets.rs"]
mod widgets;

use brook::testing::{AppTest, SnapshotError, SnapshotExt as _, SnapshotOptions};

/// Compares `at`'s page with `name.png`, keeping the error for the end of
/// the test so one run reports (or updates) every snapshot of the test.
fn check(errors: &mut Vec<SnapshotError>, at: &AppTest, name: &str, options: &SnapshotOptions) {
    if let Err(err) = at.try_snapshot(name, options) {
        errors.push(err);
    }
}

/// Fails the test with every error collected.
#[track_caller]
fn assert_no_errors(errors: &[SnapshotError]) {
    let report: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(report.is_empty(), "{}", report.join("\n"));
}
