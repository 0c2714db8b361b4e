//! Tests of the tool, headless: `cargo test`. No window and no GPU.

use brook::testing::{AppTest, SnapshotExt};

/// Choosing a city and a number of days shows those readings.
#[test]
fn filters_the_readings() {
    let mut at = AppTest::new({{crate}}::app);
    at.run();
    assert_eq!(at.title(), ["Temperatures"]);
    assert!(at.exception().is_empty(), "{:?}", at.exception());

    at.widget("City").select("Lisbon").run();
    at.widget("Days").set_value(30).run();
    let tables = at.tables();
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].len(), 30);
    assert_eq!(at.charts().len(), 1);
}

/// The first page as it looks: compared with tests/snapshots/starter.png.
/// After a change you mean, `UPDATE_SNAPSHOTS=1 cargo test` writes the new
/// picture; look at it, then commit it.
#[test]
fn first_page_snapshot() {
    let mut at = AppTest::new({{crate}}::app);
    at.run();
    at.snapshot("starter");
}
