//! brook's logger (issue 11, case 15). A test binary of its own: a process
//! has one logger.
#![allow(clippy::unwrap_used, reason = "it's a test")]

// Issue 11, case 15
#[test]
fn init_logging_installs_a_logger_that_shows_warnings() {
    let level = std::env::var("RUST_LOG").ok();
    assert!(
        !log::log_enabled!(target: "brook", log::Level::Warn),
        "no logger yet: brook's warnings would go nowhere"
    );
    brook::init_logging();
    if level.is_none() {
        assert!(log::log_enabled!(target: "brook", log::Level::Warn));
        assert!(
            !log::log_enabled!(target: "brook", log::Level::Info),
            "warnings and errors by default"
        );
    }
    // A second call (or a logger of the app's own) is left alone.
    brook::init_logging();
}
