//! The snapshot machinery itself: a comparison reports a changed label,
//! renders are byte-identical, and `brook snapshot` writes the PNG.

use std::path::PathBuf;

use brook::prelude::*;
use brook::testing::{AppTest, SnapshotError, SnapshotExt as _, SnapshotOptions, Theme};
use brook_tests::snapshot::{gallery_options, gallery_page, snapshot_dir};

/// Whether the tests run with `UPDATE_SNAPSHOTS` asking for new images
/// (then a differing image is written, not reported).
fn updating() -> bool {
    std::env::var("UPDATE_SNAPSHOTS")
        .is_ok_and(|v| matches!(v.as_str(), "1" | "true" | "yes" | "on" | "force"))
}

/// A fresh folder of this test process.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brook-snapshot-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn days_page(label: &'static str) -> AppTest {
    let mut at = AppTest::new(move |st| {
        st.title("Report");
        let days = st.slider(label, 1..=365).default(30).key("days").show();
        st.text(format!("{days} days"));
    });
    at.run();
    at
}

#[test]
fn a_snapshot_test_fails_when_one_label_changes() {
    let dir = scratch_dir("fails");
    let options = SnapshotOptions::new().size(400.0, 200.0).output_path(&dir);
    // The committed image: the page with the label "Days".
    let before = days_page("Days").render_frame(&options).unwrap();
    before.save(dir.join("report.png")).unwrap();
    assert!(days_page("Days").try_snapshot("report", &options).is_ok());

    // The same page with one label changed.
    let changed = days_page("Dayz");
    let result = changed.try_snapshot("report", &options);
    if updating() {
        // UPDATE_SNAPSHOTS=1: the new image replaces the old one.
        assert!(result.is_ok(), "{result:?}");
        let written = image::open(dir.join("report.png")).unwrap().to_rgba8();
        assert_eq!(written, changed.render_frame(&options).unwrap());
        return;
    }
    match result {
        Err(SnapshotError::Diff { diff, .. }) => assert!(diff > 0),
        other => panic!("expected a difference, got {other:?}"),
    }
    assert!(dir.join("report.new.png").exists(), "the new image is kept");
    assert!(
        dir.join("report.diff.png").exists(),
        "the difference is drawn"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_renders_are_byte_identical() {
    let options = gallery_options(Theme::Light);
    let first = gallery_page("hello").render_frame(&options).unwrap();
    let second = gallery_page("hello").render_frame(&options).unwrap();
    assert_eq!(first.dimensions(), (800, 600));
    assert!(first.as_raw() == second.as_raw(), "two renders differ");

    // And the same pixels as the committed snapshot, rendered in another
    // run (on Linux, where it was made: other platforms' libm may round
    // sin and cos differently, within kittest's threshold).
    if cfg!(target_os = "linux") && !updating() {
        let committed = image::open(snapshot_dir().join("gallery/hello_light.png"))
            .unwrap()
            .to_rgba8();
        assert!(
            committed.as_raw() == first.as_raw(),
            "the render differs from tests/snapshots/gallery/hello_light.png"
        );
    }
}

#[test]
fn brook_snapshot_writes_a_png_of_a_gallery_page() {
    let dir = scratch_dir("cli");
    let out = dir.join("hello.png");
    let args = [
        "hello",
        "--out",
        out.to_str().unwrap(),
        "--size",
        "640x480",
        "--theme",
        "dark",
    ];
    brook::snapshot::cli(&args.map(str::to_owned)).unwrap();
    let image = image::open(&out).unwrap().to_rgba8();
    assert_eq!(image.dimensions(), (640, 480));
    let err = brook::snapshot::cli(&["nowhere".to_owned(), "--out".to_owned(), "x.png".to_owned()])
        .unwrap_err();
    // Not a page, so an example of the project here, which cargo does not
    // find.
    assert!(
        format!("{err:#}").contains("`nowhere` is not a gallery page: hello, data"),
        "{err:#}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn high_dpi_renders_more_pixels() {
    let at = days_page("Days");
    let image = at
        .render_frame(
            &SnapshotOptions::new()
                .size(300.0, 100.0)
                .pixels_per_point(2.0),
        )
        .unwrap();
    assert_eq!(image.dimensions(), (600, 200));
}
