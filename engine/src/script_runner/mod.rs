//! Running the script: the session, its runner thread and the run context
//! (Streamlit's `runtime/scriptrunner`).

mod run_context;
mod runner;

pub use run_context::{SessionStateRef, St, WidgetCall};
pub use runner::{Event, Script, Session, SessionOptions};
