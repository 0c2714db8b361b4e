//! Session state and widget state (Streamlit's `runtime/state`).

mod session_state;
mod widgets;

#[cfg(feature = "experimental")]
pub(crate) use session_state::Fragment;
pub use session_state::{RESERVED_PREFIX, SessionState};
pub(crate) use session_state::{UserValue, WidgetState};
pub use widgets::{Callback, Codec, DynValue, IdBuilder, WidgetValue, coerce, float_bits};
