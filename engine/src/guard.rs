//! The panic guard for calls into user code made outside a run: a
//! `Serialize` or `Deserialize` impl while saving or loading, a cache's
//! `validate` or `on_release` hook, a component's drawing in the window.
//! A panic there is caught and turned into
//! its message, printed by no panic hook (the caller reports it its own
//! way), and never ends the thread that made the call.

use std::cell::Cell;
use std::panic::AssertUnwindSafe;

thread_local! {
    /// Guarded calls in progress on this thread.
    static QUIET: Cell<u32> = const { Cell::new(0) };
    /// Where the last panic inside a guarded call happened (`file:line:column`).
    static LOCATION: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Installs (once) a panic hook that stays silent inside [`quietly`] and
/// defers to the hook installed before it everywhere else.
fn install_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) == 0 {
                previous(info);
            } else {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                LOCATION.with(|location| *location.borrow_mut() = at);
            }
        }));
    });
}

/// Runs `f`; a panic in it comes back as `Err` with its message (brook's
/// own aborts, such as the stop button's, keep unwinding).
pub fn quietly<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    install_hook();
    QUIET.with(|q| q.set(q.get().saturating_add(1)));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(q.get().saturating_sub(1)));
    result.map_err(|payload| {
        if crate::script_runner::is_abort(&*payload) {
            std::panic::resume_unwind(payload);
        }
        panic_text(&*payload)
    })
}

/// [`quietly`], and where the panic happened (`file:line:column`) when it
/// is known.
///
/// # Errors
/// A panic in `f`: its message and location.
pub fn quietly_at<R>(f: impl FnOnce() -> R) -> Result<R, (String, Option<String>)> {
    LOCATION.with(|location| location.borrow_mut().take());
    quietly(f).map_err(|message| {
        (
            message,
            LOCATION.with(|location| location.borrow_mut().take()),
        )
    })
}

/// `value` as RON text, inside the guard: an error or a panic of the
/// type's `Serialize` comes back as text.
pub fn to_ron<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, String> {
    match quietly(|| ron::to_string(value)) {
        Ok(text) => text.map_err(|err| err.to_string()),
        Err(panic) => Err(format!("its Serialize implementation panicked: {panic}")),
    }
}

/// The value of a RON text, inside the guard: an error or a panic of the
/// type's `Deserialize` comes back as text.
pub fn from_ron<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    match quietly(|| ron::from_str::<T>(text)) {
        Ok(value) => value.map_err(|err| err.to_string()),
        Err(panic) => Err(format!("its Deserialize implementation panicked: {panic}")),
    }
}

/// The text of a panic payload.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with a non-text payload".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Issue 11, case 11
    #[test]
    fn a_panic_comes_back_as_its_message_and_the_thread_goes_on() {
        let caught = quietly(|| -> u8 { panic!("bad impl") });
        assert_eq!(caught, Err("bad impl".to_owned()));
        assert_eq!(quietly(|| 7), Ok(7));
        assert_eq!(QUIET.with(Cell::get), 0, "the guard is left");
    }

    #[test]
    fn a_panic_comes_back_with_where_it_happened() {
        let line = line!() + 1;
        let caught = quietly_at(|| -> u8 { panic!("bad ui") });
        let (message, at) = caught.unwrap_err();
        assert_eq!(message, "bad ui");
        let at = at.unwrap();
        assert!(
            at.contains("guard.rs") && at.contains(&format!(":{line}:")),
            "{at}"
        );
    }
}
