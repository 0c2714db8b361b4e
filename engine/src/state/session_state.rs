//! Session state: the user's typed map and the states of the session's widgets.
//!
//! Mirrors Streamlit's `SessionState`: values the user wrote (`user`), and one
//! [`WidgetState`] per live widget; a keyed widget's value is readable and
//! writable under its key. Not thread-safe by itself: the session keeps it
//! behind a lock that the runner holds for the length of a run.

use ahash::{HashMap, HashSet};
use std::any::Any;

use crate::element::{Value, WidgetId};
use crate::error::BrookError;
use crate::state::widgets::{Callback, Codec, DynValue, coerce};

/// A value the user stored, with its type name for error messages.
pub(crate) struct UserValue {
    pub(crate) value: Box<dyn Any + Send>,
    pub(crate) type_name: &'static str,
    /// Changes with every write of the key: persistence saves only keys
    /// whose version changed since their last save.
    pub(crate) version: u64,
}

/// The state of one live widget.
pub(crate) struct WidgetState {
    pub(crate) kind: &'static str,
    pub(crate) label: String,
    pub(crate) form: Option<String>,
    pub(crate) value: Box<dyn DynValue>,
    pub(crate) default: Box<dyn DynValue>,
    pub(crate) codec: Box<dyn Codec>,
    pub(crate) callback: Option<Callback>,
    pub(crate) trigger: bool,
    /// The fragment the widget was drawn in, if any.
    pub(crate) fragment: Option<String>,
    /// Why the last value from the window was not taken, to show once.
    pub(crate) rejection: Option<String>,
    /// The run that last produced this widget.
    pub(crate) run: u64,
    /// A form field whose waiting choice was dropped (its option went away
    /// before the submit): the window draws it empty until the person
    /// chooses again.
    pub(crate) rechoose: bool,
    /// What the script got from the widget in its last run, when the
    /// value was reset after the run (a button's click, a cleared form's
    /// submitted values); `None` when `value` is what it got.
    pub(crate) returned: Option<Box<dyn DynValue>>,
}

/// The values of a form's fields waiting for its submit, typed.
pub(crate) type Waiting = Vec<(WidgetId, Box<dyn DynValue>)>;

/// The prefix reserved for brook's widget ids.
pub const RESERVED_PREFIX: &str = "$$ID";

/// All state of one session that outlives a run.
#[derive(Default)]
pub struct SessionState {
    pub(crate) user: HashMap<String, UserValue>,
    pub(crate) widgets: HashMap<WidgetId, WidgetState>,
    pub(crate) keys: HashMap<String, WidgetId>,
    /// The current (or last) run number.
    pub(crate) run: u64,
    /// Form keys created in the current run.
    pub(crate) forms_this_run: HashSet<String>,
    /// Values changed in the window inside a form, waiting for its submit.
    /// Held as the widget's typed value, decoded when it arrived, so a
    /// choice stays the option chosen when the options move before the
    /// submit.
    pub(crate) pending: HashMap<String, Waiting>,
    /// Forms submitted with `clear_on_submit`, to reset after this run.
    pub(crate) clear_after_run: HashSet<String>,
    pub(crate) duplication_warned: bool,
    /// A run (callbacks or script) is in progress.
    pub(crate) running: bool,
    /// The fragments of the last full run, by name.
    pub(crate) fragments: HashMap<String, Fragment>,
    /// Fragment names drawn in the current full run.
    pub(crate) fragments_this_run: HashSet<String>,
    /// The session clock at the start of the current run.
    pub(crate) clock_now: std::time::Duration,
    /// Deprecated names already noticed in this session.
    pub(crate) notices_shown: HashSet<String>,
    /// Deprecation notices to show at the top of the next run.
    pub(crate) notices_pending: Vec<String>,
    /// Forms whose submit was refused (the form says which fields to fix
    /// until a submit goes through).
    pub(crate) form_refusals: HashSet<String>,
    /// Keys that survive a restart, with how to write them.
    pub(crate) persisted: HashMap<String, super::persist::PersistCodec>,
    /// The session's persisted file.
    pub(crate) store: super::PersistStore,
    /// The page of a multipage app the last run showed.
    pub(crate) page: Option<String>,
    /// The page asked for (`st.switch_page`, a click in the menu, a page
    /// link), taken by the next `st.navigation`.
    pub(crate) page_request: Option<String>,
    /// The titles of the pages the last `st.navigation` offered.
    pub(crate) pages: Vec<String>,
    /// Widget values handed over by the process this one replaces (`brook
    /// dev`), by widget id: a widget first created with one of these ids
    /// starts from it instead of its default.
    pub(crate) handed_over: HashMap<WidgetId, Value>,
}

/// A fragment: its container, its body, and its timer.
pub(crate) struct Fragment {
    pub(crate) path: crate::element::Path,
    pub(crate) body: crate::script_runner::Script,
    pub(crate) run_every: Option<std::time::Duration>,
    /// When it last ran (session clock).
    pub(crate) last_run: std::time::Duration,
    /// The page of a multipage app it is drawn on (its widgets' identity).
    pub(crate) page: Option<String>,
}

impl SessionState {
    /// The values of the live widgets, as the window sees them, for a new
    /// process to take over (`brook dev` restarting the app after a
    /// rebuild): `(id, label, value)`, sorted by id. Buttons (a click counts
    /// for one run only) and file uploaders (their files are not carried)
    /// are left out.
    pub fn widget_values(&self) -> Vec<(WidgetId, String, Value)> {
        let mut values: Vec<(WidgetId, String, Value)> = self
            .widgets
            .iter()
            .filter(|(_, widget)| !widget.trigger && widget.kind != "file_uploader")
            .map(|(id, widget)| {
                (
                    id.clone(),
                    widget.label.clone(),
                    widget.codec.encode(widget.value.as_any()),
                )
            })
            .collect();
        values.sort_by(|a, b| a.0.cmp(&b.0));
        values
    }

    /// Gives the widgets created from now on the values of `values` (from
    /// [`SessionState::widget_values`] of another process) instead of their
    /// defaults: each value once, to the widget of the same id, and only
    /// when that widget's conversion takes it and it is valid for its
    /// bounds and options (a value that is not falls back as if the person
    /// had entered it).
    pub fn hand_over_widget_values(&mut self, values: impl IntoIterator<Item = (WidgetId, Value)>) {
        self.handed_over.extend(values);
    }

    /// The user's keys (not those of keyed widgets, nor keys persisted with
    /// `persist`, which their file restores), with their values and type
    /// names, sorted by key: what `brook dev` tries to carry to the new
    /// build.
    pub fn user_values(&self) -> Vec<(&str, &dyn Any, &'static str)> {
        let mut values: Vec<(&str, &dyn Any, &'static str)> = self
            .user
            .iter()
            .filter(|(key, _)| !self.persisted.contains_key(*key))
            .map(|(key, user)| {
                (
                    key.as_str(),
                    user.value.as_ref() as &dyn Any,
                    user.type_name,
                )
            })
            .collect();
        values.sort_by_key(|(key, _, _)| *key);
        values
    }

    /// Whether `key` holds a user value or a keyed widget's value.
    pub fn contains(&self, key: &str) -> bool {
        self.user.contains_key(key) || self.keys.contains_key(key)
    }

    /// Reads `key` as a `T` (cloned: mutating it changes nothing stored).
    pub fn get<T: Clone + 'static>(&self, key: &str) -> Result<T, BrookError> {
        let (any, found) = self.lookup(key)?;
        coerce::<T>(any).ok_or_else(|| BrookError::WrongType {
            key: key.to_owned(),
            expected: std::any::type_name::<T>(),
            found,
        })
    }

    fn lookup(&self, key: &str) -> Result<(&dyn Any, &'static str), BrookError> {
        if key.starts_with(RESERVED_PREFIX) {
            return Err(BrookError::ReservedKey {
                key: key.to_owned(),
            });
        }
        if let Some(user) = self.user.get(key) {
            return Ok((user.value.as_ref(), user.type_name));
        }
        if let Some(widget) = self.keys.get(key).and_then(|id| self.widgets.get(id)) {
            return Ok((widget.value.as_any(), widget.value.type_name()));
        }
        Err(BrookError::MissingKey {
            key: key.to_owned(),
        })
    }

    /// Stores `value` under `key`. A widget with that key takes it when it is
    /// next called. Errors: a key with brook's reserved prefix; the widget or
    /// form with that key was already created in this run; or its widget's
    /// value cannot be set (buttons and file uploaders).
    pub fn set<T: Any + Send>(&mut self, key: &str, value: T) -> Result<(), BrookError> {
        self.check_writable(key)?;
        self.user.insert(
            key.to_owned(),
            UserValue {
                value: Box::new(value),
                type_name: std::any::type_name::<T>(),
                version: super::persist::next_version(),
            },
        );
        Ok(())
    }

    fn check_writable(&self, key: &str) -> Result<(), BrookError> {
        if key.starts_with(RESERVED_PREFIX) {
            return Err(BrookError::ReservedKey {
                key: key.to_owned(),
            });
        }
        if let Some(widget) = self.keys.get(key).and_then(|id| self.widgets.get(id)) {
            if widget.trigger || widget.kind == "file_uploader" {
                return Err(BrookError::NotSettable {
                    kind: widget.kind,
                    key: key.to_owned(),
                });
            }
            if self.running && widget.run == self.run {
                return Err(BrookError::SetAfterWidgetCreated {
                    key: key.to_owned(),
                });
            }
        }
        if self.running && self.forms_this_run.contains(key) {
            return Err(BrookError::SetAfterFormCreated {
                key: key.to_owned(),
            });
        }
        Ok(())
    }

    /// Reads `key`, first storing `default()` there if it is missing
    /// (`setdefault`).
    pub fn get_or_insert_with<T: Any + Send + Clone>(
        &mut self,
        key: &str,
        default: impl FnOnce() -> T,
    ) -> Result<T, BrookError> {
        if !self.contains(key) {
            self.set(key, default())?;
        }
        self.get(key)
    }

    /// Changes the `T` under `key` in place (a counter's `+= 1`), storing the
    /// result as a user write. Missing keys and other types are errors.
    pub fn update<T: Any + Send + Clone, R>(
        &mut self,
        key: &str,
        change: impl FnOnce(&mut T) -> R,
    ) -> Result<R, BrookError> {
        let mut value: T = self.get(key)?;
        let result = change(&mut value);
        self.set(key, value)?;
        Ok(result)
    }

    /// Removes `key`; returns whether it was there. Removing a widget's key
    /// reverts the widget to its default on its next call (brook's choice:
    /// Streamlit leaves this case unspecified).
    pub fn remove(&mut self, key: &str) -> bool {
        let user = self.user.remove(key).is_some();
        let widget = match self.keys.remove(key) {
            Some(id) => self.widgets.remove(&id).is_some(),
            None => false,
        };
        user || widget
    }

    /// Makes `key` survive a restart of the app: its value is saved (as
    /// RON) after each run that changed it, and read back when a new
    /// session declares the key again. Returns whether a saved value was
    /// restored now.
    ///
    /// A saved value that is not a `T` (a field renamed since it was saved)
    /// is not restored: its RON text is first copied to a new file beside
    /// the session-state file, `<file>.<key>.bad-<unique>`, and a warning
    /// in the window and the log names the copy and the reason. The file
    /// keeps the old text until the key is set. If the copy cannot be
    /// written, the key is not saved at all in this session.
    pub fn persist<T>(&mut self, key: &str) -> Result<bool, BrookError>
    where
        T: serde::Serialize + serde::de::DeserializeOwned + Clone + Send + 'static,
    {
        if key.starts_with(RESERVED_PREFIX) {
            return Err(BrookError::ReservedKey {
                key: key.to_owned(),
            });
        }
        let codec = super::persist_codec::<T>();
        self.persisted.insert(key.to_owned(), codec);
        if self.contains(key) {
            return Ok(false);
        }
        let Some(text) = self.store.stored.get(key).cloned() else {
            return Ok(false);
        };
        match (codec.load)(&text) {
            Ok((value, type_name)) => {
                self.store.restored(key);
                let version = super::persist::RESTORED;
                self.user.insert(
                    key.to_owned(),
                    UserValue {
                        value,
                        type_name,
                        version,
                    },
                );
                Ok(true)
            }
            Err(reason) => {
                // Copied aside (or kept from being saved over) before any
                // save can replace it, and said once.
                let warning = self.store.unrestorable(key, &reason, codec.type_name);
                self.notices_pending.extend(warning);
                Ok(false)
            }
        }
    }

    /// Writes the persisted keys to the session's file if any changed.
    pub(crate) fn save_persisted(&mut self) {
        let mut store = std::mem::take(&mut self.store);
        store.save(self);
        self.store = store;
    }

    /// Every key: the user's and those of keyed widgets, sorted.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.user.keys().chain(self.keys.keys()).cloned().collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.keys().len()
    }

    /// No keys at all.
    pub fn is_empty(&self) -> bool {
        self.user.is_empty() && self.keys.is_empty()
    }

    /// Removes every key; keyed widgets revert to their defaults.
    pub fn clear(&mut self) {
        self.user.clear();
        for (_, id) in self.keys.drain() {
            self.widgets.remove(&id);
        }
    }

    /// A one-line description per key: the widget's value, or the type of a
    /// user value.
    pub fn describe(&self) -> Vec<(String, String)> {
        self.keys()
            .into_iter()
            .map(|key| {
                let text = if let Some(user) = self.user.get(&key) {
                    describe_any(user.value.as_ref())
                        .unwrap_or_else(|| format!("<{}>", user.type_name))
                } else if let Some(widget) = self.keys.get(&key).and_then(|id| self.widgets.get(id))
                {
                    format!("{:?}", widget.value)
                } else {
                    String::new()
                };
                (key, text)
            })
            .collect()
    }

    /// Applies a value from the window to a widget. Returns whether it
    /// changed the value (so its callback is due). A value the widget
    /// cannot take is refused: the refusal is shown beside the widget on
    /// every run until the person enters a value it takes.
    pub(crate) fn apply_ui_value(&mut self, id: &WidgetId, value: &Value) -> bool {
        let Some(widget) = self.widgets.get_mut(id) else {
            return false;
        };
        let Some(new) = decode_or_refuse(widget, value) else {
            return false;
        };
        if new.eq_dyn(widget.value.as_ref()) {
            return false;
        }
        widget.value = new;
        true
    }

    /// Holds a value from the window for a field of `form` until the
    /// form's submit: decoded now (a refused value is said beside the
    /// field and blocks the submit). Returns whether the field's refusal
    /// appeared, changed or went away, so a run shows it.
    pub(crate) fn stage_form_value(&mut self, form: &str, id: &WidgetId, value: &Value) -> bool {
        let Some(widget) = self.widgets.get_mut(id) else {
            return false;
        };
        let before = widget.rejection.clone();
        let typed = decode_or_refuse(widget, value);
        let changed = widget.rejection != before;
        let pending = self.pending.entry(form.to_owned()).or_default();
        pending.retain(|(other, _)| other != id);
        if let Some(typed) = typed {
            pending.push((id.clone(), typed));
        }
        changed
    }

    /// The labels of the fields of `form` whose input was refused.
    pub(crate) fn refused_in_form(&self, form: &str) -> Vec<String> {
        let mut labels: Vec<String> = self
            .widgets
            .values()
            .filter(|widget| widget.form.as_deref() == Some(form) && widget.rejection.is_some())
            .map(|widget| widget.label.clone())
            .collect();
        labels.sort_unstable();
        labels
    }

    /// Submits `form`: every value waiting for it lands at once.
    pub(crate) fn submit_form(&mut self, form: &str) {
        for (id, typed) in self.pending.remove(form).unwrap_or_default() {
            if let Some(widget) = self.widgets.get_mut(&id) {
                widget.value = typed;
            }
        }
    }

    /// Resets one-run trigger values (buttons) after a run; a click the
    /// script got stays readable as what it got.
    pub(crate) fn reset_triggers(&mut self) {
        let run = self.run;
        for widget in self.widgets.values_mut().filter(|w| w.trigger) {
            if widget.value.as_any().downcast_ref::<bool>() == Some(&true) {
                let clicked = std::mem::replace(&mut widget.value, Box::new(false));
                if widget.run == run {
                    widget.returned = Some(clicked);
                }
            }
        }
    }

    /// The earliest time a `run_every` fragment is due, if any.
    pub(crate) fn next_fragment_due(&self) -> Option<std::time::Duration> {
        self.fragments
            .values()
            .filter_map(|f| f.run_every.map(|every| f.last_run + every))
            .min()
    }

    /// Names of the `run_every` fragments due at `now`, in name order.
    pub(crate) fn fragments_due(&self, now: std::time::Duration) -> Vec<String> {
        let mut due: Vec<String> = self
            .fragments
            .iter()
            .filter(|(_, f)| f.run_every.is_some_and(|every| now >= f.last_run + every))
            .map(|(name, _)| name.clone())
            .collect();
        due.sort_unstable();
        due
    }

    /// End of a fragment rerun: forget the fragment's widgets it did not
    /// produce; widgets outside it are untouched.
    pub(crate) fn cleanup_after_fragment(&mut self, name: &str) {
        let run = self.run;
        self.widgets
            .retain(|_, widget| widget.run == run || widget.fragment.as_deref() != Some(name));
        let widgets = &self.widgets;
        self.keys.retain(|_, id| widgets.contains_key(id));
    }

    /// End of a full run: forget widgets the run did not produce, and their
    /// keys; reset forms submitted with `clear_on_submit`.
    pub(crate) fn cleanup_after_run(&mut self) {
        let run = self.run;
        let drawn = &self.fragments_this_run;
        self.fragments.retain(|name, _| drawn.contains(name));
        self.widgets.retain(|_, widget| widget.run == run);
        let widgets = &self.widgets;
        self.keys.retain(|_, id| widgets.contains_key(id));
        self.pending
            .retain(|form, _| self.forms_this_run.contains(form));
        self.form_refusals
            .retain(|form| self.forms_this_run.contains(form));
        self.clear_submitted_forms();
    }

    /// Resets the widgets of forms submitted with `clear_on_submit` in
    /// this run to their defaults.
    pub(crate) fn clear_submitted_forms(&mut self) {
        for form in std::mem::take(&mut self.clear_after_run) {
            for widget in self.widgets.values_mut() {
                if widget.form.as_deref() == Some(form.as_str()) && !widget.trigger {
                    let submitted = std::mem::replace(&mut widget.value, widget.default.clone());
                    widget.returned = Some(submitted);
                }
            }
        }
    }
}

/// Decodes a value from the window for `widget`; on failure records why
/// (and logs it), on success clears an earlier refusal.
fn decode_or_refuse(widget: &mut WidgetState, value: &Value) -> Option<Box<dyn DynValue>> {
    match widget.codec.decode(value) {
        Some(new) => {
            widget.rejection = widget.codec.partly_refused(value, &widget.label);
            widget.rechoose = false;
            Some(new)
        }
        None => {
            widget.rejection = Some(
                widget
                    .codec
                    .reject_reason(value, &widget.label)
                    .unwrap_or_else(|| {
                        format!(
                            "{} does not fit \"{}\"; the {} keeps its value.",
                            value.describe(),
                            widget.label,
                            widget.kind
                        )
                    }),
            );
            log::warn!(
                "{} does not fit the {} \"{}\"; refused",
                value.describe(),
                widget.kind,
                widget.label
            );
            None
        }
    }
}

fn describe_any(any: &dyn Any) -> Option<String> {
    macro_rules! try_debug {
        ($($t:ty),*) => {$(
            if let Some(v) = any.downcast_ref::<$t>() {
                return Some(format!("{v:?}"));
            }
        )*};
    }
    try_debug!(
        bool,
        i64,
        i32,
        u32,
        u64,
        usize,
        f64,
        f32,
        String,
        &'static str,
        Vec<String>,
        Vec<i64>,
        Vec<f64>,
        Option<String>,
        Option<i64>
    );
    None
}

impl std::fmt::Debug for SessionState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.describe()).finish()
    }
}
