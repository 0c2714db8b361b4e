//! What every input widget takes: key, help, disabled, and a callback.

use std::sync::Arc;

use brook_engine::element::WidgetSpec;
use brook_engine::state::{Callback, Codec};
use brook_engine::{St, WidgetCall};

/// The options every input widget shares.
#[derive(Default, Clone)]
pub struct Common {
    /// The user's key: identity, and the widget's name in session state.
    pub key: Option<String>,
    /// Tooltip text.
    pub help: Option<String>,
    /// Greyed out, not interactive.
    pub disabled: bool,
    /// Runs before the next script run when the value changed (or the
    /// button was clicked).
    pub callback: Option<Callback>,
}

impl Common {
    /// The engine's call for a widget with these options: what it is, its
    /// label, its default (and whether the script gave it), and how its
    /// value crosses to the window.
    pub fn call<T>(
        self,
        spec: WidgetSpec,
        label: String,
        default: T,
        explicit_default: bool,
        codec: impl Codec + 'static,
    ) -> WidgetCall<T> {
        WidgetCall {
            spec,
            label,
            key: self.key,
            help: self.help,
            disabled: self.disabled,
            default,
            explicit_default,
            codec: Box::new(codec),
            callback: self.callback,
            adopt: None,
        }
    }
}

/// The builder methods every input widget has. In the prelude.
pub trait WidgetOptions: Sized {
    /// The shared options, for the provided methods.
    fn common(&mut self) -> &mut Common;

    /// Sets the key: the widget's value is `session_state[key]`, and the key
    /// alone is the widget's identity (with its kind and its form).
    ///
    /// Without a key, a widget is identified by its label and parameters:
    /// change any of them (the options, a bound, the default) and it is a
    /// new widget, back at its default. With a key, changing the label,
    /// default, help, placeholder, options, min, max, step or format keeps
    /// the value as long as it is still valid; a value that is not is
    /// clamped into the new bounds (numbers, dates, text past `max_chars`)
    /// or falls back to the default (an option that is gone), and the
    /// script, the window and session state all get the corrected value.
    /// A value the script writes to the key is checked the same way, with a
    /// warning naming the key when it had to be corrected.
    ///
    /// ```no_run
    /// # use brook_widgets::prelude::*;
    /// # fn script(st: &brook_engine::St, newest: chrono::NaiveDate) {
    /// // Keeps the chosen date when newer rows move `max`; clamps it only
    /// // when the date falls past the new max.
    /// let from = st.date_input("From").max(newest).key("from").show();
    /// # }
    /// ```
    #[must_use]
    fn key(mut self, key: impl Into<String>) -> Self {
        self.common().key = Some(key.into());
        self
    }

    /// Sets the tooltip.
    #[must_use]
    fn help(mut self, help: impl Into<String>) -> Self {
        self.common().help = Some(help.into());
        self
    }

    /// Greys the widget out; it still returns its value.
    #[must_use]
    fn disabled(mut self, disabled: bool) -> Self {
        self.common().disabled = disabled;
        self
    }

    /// A callback run before the next script run when the value changes,
    /// with session state already holding the new value. The closure
    /// captures its arguments now, when the widget is called.
    #[must_use]
    fn on_change(mut self, callback: impl Fn(&St) + Send + Sync + 'static) -> Self {
        self.common().callback = Some(Arc::new(callback));
        self
    }
}
