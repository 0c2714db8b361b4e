//! Session state and widget state (Streamlit's `runtime/state`).

pub(crate) mod persist;
mod session_state;
mod widgets;

pub use persist::wait_for_saves;
pub(crate) use persist::{PersistStore, codec as persist_codec};
#[cfg(feature = "experimental")]
pub(crate) use session_state::Fragment;
pub use session_state::{RESERVED_PREFIX, SessionState};
pub(crate) use session_state::{UserValue, Waiting, WidgetState};
pub use widgets::{
    Callback, Checked, Codec, DynValue, IdBuilder, WidgetValue, coerce, float_bits, id_hasher,
};
