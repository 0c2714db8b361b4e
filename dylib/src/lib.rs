//! brook's dependencies as one Rust dynamic library, for `brook dev`.
//!
//! Nothing to call here. With brook's `dynamic_linking` feature (which
//! `brook dev` turns on for debug builds), an app links against this
//! library instead of copying brook's engine, widgets, egui, eframe, Arrow
//! and SQLite into its program: after a change to the app, the link takes
//! a fraction of the time. The program then needs this library and Rust's
//! standard library at run time (`brook dev` and `cargo run` find them);
//! ship release builds without the feature.

// Each crate named here is linked into the library, and an app that uses
// it through brook links to this copy.
pub use anyhow;
pub use brook_engine;
pub use brook_widgets;
pub use chrono;
pub use chrono_tz;
pub use clap;
pub use crossbeam_channel;
pub use directories;
pub use eframe;
pub use egui;
pub use egui_extras;
pub use egui_plot;
pub use env_logger;
pub use log;
pub use notify;
pub use parking_lot;
pub use rfd;
pub use ron;
pub use serde;
pub use serde_json;
pub use tempfile;
