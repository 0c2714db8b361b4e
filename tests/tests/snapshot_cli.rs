//! `brook snapshot <example>`: an example's `brook::run` renders its first
//! frame to a PNG instead of opening a window when `brook snapshot` asks it
//! to, through an environment variable. Each case runs `brook::run` in a
//! child process (this test binary again, running only
//! `child_runs_the_script`) with the variable set and no display. The whole
//! path through `cargo run --example` is checked by `scripts/test.sh`.
#![allow(clippy::unwrap_used, reason = "it's a test")]

use std::process::{Command, Output};
use std::sync::Arc;

use brook::prelude::*;
use brook::snapshot::{SNAPSHOT_ENV, render_script};
use brook::testing::{SnapshotOptions, Theme};

fn script(st: &St) {
    st.title("Report");
    let days = st.slider("Days", 1..=365).default(30).show();
    st.text(format!("{days} days"));
}

#[test]
#[ignore = "the child process of the test below, which runs it with the snapshot variable set"]
fn child_runs_the_script() {
    // Run on its own (`--include-ignored`), it would open a window.
    if std::env::var_os(SNAPSHOT_ENV).is_none() {
        return;
    }
    brook::run("Report", script).unwrap();
}

/// Runs `brook::run` in a child process, as `brook snapshot` runs an
/// example: the variable set, no display.
fn run_child(args: &[&str]) -> Output {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_runs_the_script",
            "--ignored",
            "--nocapture",
        ])
        .env(SNAPSHOT_ENV, args.join("\u{1f}"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn run_renders_the_first_frame_instead_of_opening_a_window() {
    let dir = std::env::temp_dir().join(format!("brook-snapshot-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("report frame.png");
    let path = out.to_str().unwrap();

    // No display: had `run` opened a window, it would have failed.
    let output = run_child(&["--out", path, "--size", "400x200", "--theme", "dark"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("brook snapshot: wrote"),
        "{}",
        text(&output)
    );
    let written = image::open(&out).unwrap().to_rgba8();
    let options = SnapshotOptions::new().size(400.0, 200.0).theme(Theme::Dark);
    let script: brook::Script = Arc::new(script);
    let expected = render_script(&script, &options).unwrap();
    assert_eq!(written.dimensions(), (400, 200));
    assert!(written == expected, "the PNG is the script's first frame");

    // Mistakes fail with a message that says what to do.
    let output = run_child(&["--size", "400x200"]);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("names no `--out` file"),
        "{}",
        text(&output)
    );
    let output = run_child(&["--out", path, "--theme", "sepia"]);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("`light` or `dark`"),
        "{}",
        text(&output)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
