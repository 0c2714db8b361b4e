//! brook's runtime: sessions, the script runner, widget and session state,
//! the element tree, and the headless [`testing::AppTest`].
//!
//! No egui here: the widgets crate builds its DSL on [`St`] and draws the
//! [`element::Tree`]; the app crate owns the window.
//!
//! ```
//! use brook_engine::testing::AppTest;
//! use brook_engine::element::{Element, TextStyle};
//!
//! let mut at = AppTest::new(|st| {
//!     let n = st.session_state().get_or_insert("runs", 0_i64) + 1;
//!     st.session_state().set("runs", n);
//!     st.emit(Element::Text { style: TextStyle::Text, body: format!("run {n}") });
//! });
//! at.run().run();
//! assert_eq!(at.session_state().get::<i64>("runs"), Some(2));
//! ```
// docs.rs marks each feature-gated item with the feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod caching;
pub mod connection;
pub mod data;
pub mod element;
pub mod error;
pub mod files;
pub mod format;
pub mod guard;
pub mod notices;
pub mod script_runner;
pub mod state;
pub mod testing;
pub mod time;

pub use error::BrookError;
pub use script_runner::{
    Event, EventSender, Page, Script, Session, SessionClock, SessionOptions, SessionStateRef, St,
    WidgetCall,
};
