//! Running the script: the session, its runner thread and the run context
//! (Streamlit's `runtime/scriptrunner`).

mod navigation;
mod run_context;
mod runner;

pub use navigation::Page;
pub use run_context::{CacheScope, ReplayOp, SessionStateRef, St, WidgetCall};
pub(crate) use run_context::{
    abort_stopped, current_session_id, fail_run, is_abort, report_progress, stop_flag,
    stop_requested,
};
pub use runner::{Event, EventSender, Script, Session, SessionClock, SessionOptions};
