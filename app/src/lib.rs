//! brook: internal tools as native desktop apps, the way Streamlit makes them
//! in Python. You write one plain function, the script; brook runs it top to
//! bottom, and again on every interaction, keeping widget and session state.
//!
//! ```no_run
//! use brook::prelude::*;
//!
//! fn app(st: &St) {
//!     st.title("Counter");
//!     let step = st.slider("Step", 1..=10).key("step").show();
//!     if st.button("Add").show() {
//!         st.session_state().update("count", |n: &mut i64| *n += i64::from(step));
//!     }
//!     let count = st.session_state().get_or_insert("count", 0_i64);
//!     st.text(format!("Count: {count}"));
//! }
//!
//! fn main() -> brook::anyhow::Result<()> {
//!     brook::run("Counter", app)
//! }
//! ```
//!
//! Test the same script headless with [`testing::AppTest`]:
//!
//! ```
//! use brook::prelude::*;
//! use brook::testing::AppTest;
//!
//! let mut at = AppTest::new(|st| {
//!     let name = st.text_input("Name").show();
//!     st.text(format!("Hello, {name}!"));
//! });
//! at.run();
//! at.widget("Name").input("Ada").run();
//! assert_eq!(at.text(), ["Hello, Ada!"]);
//! ```
// docs.rs marks each feature-gated item with the feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod gallery;
extern crate self as brook;

pub mod dev;
pub mod experimental;

/// App-wide configuration.
pub mod config {
    /// The display timezone: aware date-times are shown in it (naive ones
    /// never change). `set_display_timezone(DisplayZone::Zone(chrono_tz::UTC))`
    /// before `brook::run` sets the app's default; the person's choice in
    /// Settings wins.
    pub use brook_engine::time::{
        DisplayZone, display_zone as display_timezone, set_display_zone as set_display_timezone,
    };

    /// How long past its ttl an entry of a `refresh_mode = "background"`
    /// function is still returned while it refreshes: `ttl * multiplier`,
    /// 2.0 by default, and greater than 1.0.
    pub use brook_engine::caching::{set_stale_multiplier, stale_multiplier};
}

pub mod new_project;
pub mod settings;
mod shell;
pub mod snapshot;

/// Headless app testing ([`testing::AppTest`]) and frame snapshots of the
/// page: `at.snapshot("name")` with [`testing::SnapshotExt`] compares the
/// page with `tests/snapshots/name.png` (README, "Snapshot tests of your
/// app").
pub mod testing {
    pub use brook_engine::testing::*;
    pub use brook_widgets::snapshot::{
        Renderer, SnapshotError, SnapshotExt, SnapshotOptions, Theme,
    };
}

use std::sync::Arc;

// With `dynamic_linking`, brook's dependencies come from one shared
// library (see brook-dylib).
#[cfg(feature = "dynamic_linking")]
use brook_dylib as _;

/// anyhow, the error type [`run`] returns: `fn main() -> brook::anyhow::Result<()>`.
pub use anyhow;
pub use brook_engine::caching::{Cached, progress};
pub use brook_engine::{
    BrookError, Event, Page, Script, Session, SessionOptions, St, caching, connection, data,
    element, files, notices, state, time,
};
pub use brook_macros::{cache_data, cache_resource};
pub use brook_widgets as widgets;
/// chrono, as brook's date and time widgets use it (`brook::chrono::NaiveDate`),
/// so a script needs no version of its own.
pub use chrono;
/// chrono-tz, for zone-aware inputs (`brook::chrono_tz::Europe::Berlin`).
pub use chrono_tz;
/// egui, as brook draws with it: for your own widgets
/// ([`widgets::component::Component`]), so a project needs no egui line of
/// its own (`brook::egui::Ui`).
pub use egui;
/// egui_extras, for components built on its tables, images and syntax
/// highlighting (`brook::egui_extras::syntax_highlighting`).
pub use egui_extras;
/// egui_plot, the plotting crate brook's charts use, for components that
/// draw plots (`brook::egui_plot::Plot`).
pub use egui_plot;
/// serde, for the types session state and `persist = "disk"` caches save.
/// Derive through it with one attribute naming the path, so a project needs
/// no serde line of its own:
///
/// ```
/// use brook::serde::{Deserialize, Serialize};
///
/// #[derive(Clone, Serialize, Deserialize)]
/// #[serde(crate = "brook::serde")]
/// struct Ticket {
///     title: String,
///     hours: f64,
/// }
/// # let _ = Ticket { title: String::new(), hours: 1.0 };
/// ```
pub use serde;
pub use shell::{BrookApp, CHANNEL, VERSION};

/// Everything a script needs: `use brook::prelude::*;`.
pub mod prelude {
    #[allow(deprecated, reason = "the old names stay usable for two releases")]
    pub use crate::experimental::DeprecatedNames;
    pub use brook_engine::Page;
    pub use brook_engine::caching::{CacheKey, Cached, progress};
    pub use brook_engine::connection::{ConnectionError, SqlConnection, SqlValue};
    pub use brook_macros::{cache_data, cache_resource};
    pub use brook_widgets::prelude::*;
}

/// Opens a window titled `title` running `script`, and returns when the
/// window is closed and the session state is saved.
///
/// Installs brook's logger first ([`init_logging`]): warnings are printed
/// to stderr unless `RUST_LOG` says otherwise.
///
/// Run by `brook snapshot <example>` (with [`snapshot::SNAPSHOT_ENV`] set),
/// it opens no window: it renders the script's first frame to a PNG and
/// returns.
///
/// # Errors
/// When the window cannot be opened (no display, no OpenGL), or the
/// snapshot asked for fails.
pub fn run(title: &str, script: impl Fn(&St) + Send + Sync + 'static) -> anyhow::Result<()> {
    init_logging();
    let script: Script = Arc::new(script);
    if let Some(snapshot) = snapshot::from_env(&script) {
        return snapshot;
    }
    let settings_path = settings::config_dir(title).join("settings.ron");
    let loaded = settings::load(&settings_path);
    // eframe keeps the window's position, size and maximized state (its
    // `persistence`, in the platform data folder) and restores them over
    // this first size.
    let mut viewport = shell::window(title, [1000.0, 720.0]).with_drag_and_drop(true);
    let mut persist_window = true;
    // Under `brook dev`, a new build opens where the old one was.
    if let Some([x, y, width, height]) = dev::start() {
        viewport = viewport
            .with_position([x, y])
            .with_inner_size([width, height]);
        persist_window = false;
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window,
        ..Default::default()
    };
    let app_title = title.to_owned();
    let result = eframe::run_native(
        title,
        options,
        Box::new(move |cc| Ok(Box::new(BrookApp::new(cc, app_title, script, loaded)?))),
    );
    // The last runs' session state is written before the process may end.
    brook_engine::state::wait_for_saves();
    result.map_err(|err| anyhow::anyhow!("cannot open the brook window: {err}"))
}

/// Installs brook's logger (`env_logger`, to stderr): the level comes from
/// `RUST_LOG` (e.g. `RUST_LOG=brook=debug`), warnings and errors by default.
/// Does nothing when a logger is installed already (yours wins).
/// [`run`] calls it; call it yourself when you drive sessions without a
/// window (a `Session`, a benchmark) and want brook's warnings.
pub fn init_logging() {
    let env = env_logger::Env::default().default_filter_or("warn");
    // An error means a logger is there already: keep it.
    let _ = env_logger::Builder::from_env(env).try_init();
}
