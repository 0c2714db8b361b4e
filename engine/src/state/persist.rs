//! Session state that survives a restart, opted into per key with
//! `st.session_state().persist::<T>("key")`. Stored as one RON file (a map
//! of key to the RON text of the value).
//!
//! After each run only the keys whose value was set since they were last
//! saved are serialized (on the runner thread, inside the panic guard); the
//! file itself is written by one background thread, `brook-persist`,
//! atomically and durably, the newest version of each file winning. A file
//! that cannot be used is set aside (see [`crate::files`]) with a visible
//! warning and never written over; so is one key's saved text that is not
//! a value of its type: it is copied aside (`<file>.<key>.bad-…`) before a
//! new value can replace it, and is never replaced if it could not be.

use std::any::Any;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use ahash::{HashMap, HashSet};
use parking_lot::{Condvar, Mutex};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::SessionState;
use crate::files::FileText;
use crate::notices;

/// A restored value and its type's name.
type Restored = (Box<dyn Any + Send>, &'static str);

/// The version of a user value restored from the file: the file holds it.
pub(crate) const RESTORED: u64 = 0;

/// A new version number for a user value just written (never [`RESTORED`]).
pub(crate) fn next_version() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(RESTORED + 1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Why a persisted key could not be written.
pub(crate) enum SaveError {
    /// The key holds another type than the one it was persisted as.
    WrongType(String),
    /// The value's `Serialize` failed or panicked.
    Serialize(String),
}

/// How one persisted key is written and read back.
#[derive(Clone, Copy)]
pub(crate) struct PersistCodec {
    /// The RON text of the key's value; `Ok(None)` when the key is not set.
    pub(crate) save: fn(&SessionState, &str) -> Result<Option<String>, SaveError>,
    /// The value of a RON text, or why it is not one (the deserializer's
    /// error, or the panic of the type's `Deserialize`).
    pub(crate) load: fn(&str) -> Result<Restored, String>,
    /// The name of the value's type, for warnings.
    pub(crate) type_name: &'static str,
}

/// The codec of a value type. The type's `Serialize` and `Deserialize` run
/// inside the panic guard.
pub(crate) fn codec<T: Serialize + DeserializeOwned + Clone + Send + 'static>() -> PersistCodec {
    PersistCodec {
        save: |state, key| {
            let serialize = |value: &T| {
                crate::guard::to_ron(value)
                    .map(Some)
                    .map_err(SaveError::Serialize)
            };
            // A user value is serialized where it is, not copied first.
            if let Some(value) = state
                .user
                .get(key)
                .and_then(|user| user.value.downcast_ref::<T>())
            {
                return serialize(value);
            }
            if !state.contains(key) {
                return Ok(None);
            }
            match state.get::<T>(key) {
                Ok(value) => serialize(&value),
                Err(err) => Err(SaveError::WrongType(err.to_string())),
            }
        },
        load: |text| {
            crate::guard::from_ron::<T>(text).map(|value| {
                (
                    Box::new(value) as Box<dyn Any + Send>,
                    std::any::type_name::<T>(),
                )
            })
        },
        type_name: std::any::type_name::<T>(),
    }
}

/// The persisted file of a session.
#[derive(Default)]
pub(crate) struct PersistStore {
    /// Where the file is written; `None` keeps the keys in memory only (no
    /// file given, or one there that could not be set aside).
    pub(crate) path: Option<PathBuf>,
    /// Key to RON text: what the file holds once the writes asked for are
    /// done.
    pub(crate) stored: BTreeMap<String, Arc<str>>,
    /// Key to the version of the user value last serialized.
    saved: HashMap<String, u64>,
    /// Keys whose stored text is not a value of their type: kept in the
    /// file until the key is set.
    kept: HashSet<String>,
    /// Keys whose save failed, reported once until one succeeds.
    failing: HashSet<String>,
    /// Keys whose stored text could not be restored (warned once).
    restore_failed: HashSet<String>,
    /// Keys whose stored text may be written over: it was restored, found
    /// to be a value of the key's type, or copied aside.
    replaceable: HashSet<String>,
    /// Keys whose stored text is not a value of their type and could not
    /// be copied aside: never written over in this session.
    blocked: HashSet<String>,
}

impl PersistStore {
    /// Reads the file at `path` (waiting for a write of it still in
    /// progress). A file that cannot be used is set aside; the returned
    /// warning says so, and is logged.
    pub(crate) fn open(path: PathBuf) -> (Self, Option<String>) {
        writer().wait_for(Some(path.as_path()));
        let mut store = Self {
            path: Some(path.clone()),
            ..Self::default()
        };
        let problem = match crate::files::read_text(&path) {
            FileText::Missing => return (store, None),
            FileText::Unusable(reason) => reason,
            FileText::Text(text) => match ron::from_str::<BTreeMap<String, String>>(&text) {
                Ok(stored) => {
                    store.stored = stored
                        .into_iter()
                        .map(|(key, text)| (key, Arc::from(text)))
                        .collect();
                    return (store, None);
                }
                Err(_) if text.trim().is_empty() => "it is empty".to_owned(),
                Err(err) => format!("it is damaged ({})", notices::shorten(&err.to_string())),
            },
        };
        let warning = match crate::files::set_aside(&path) {
            Ok(aside) => format!(
                "The saved session state could not be used: {problem}. It was kept aside as `{}` and \
                 the app started without it.",
                aside.display()
            ),
            Err(err) => {
                store.path = None;
                format!(
                    "The saved session state could not be used: {problem}, and it could not be moved \
                     aside ({err}). It was left untouched and nothing will be saved this session. `{}`",
                    path.display()
                )
            }
        };
        log::warn!(target: "brook", "{warning}");
        (store, Some(warning))
    }

    /// Serializes the persisted keys set since they were last saved and,
    /// if the file's content changed, hands it to the writer thread. Keys
    /// stored earlier but not declared in this session are kept as they
    /// were; so is a stored value that is not of its key's type, until the
    /// key is set.
    pub(crate) fn save(&mut self, state: &SessionState) {
        let Some(path) = self.path.clone() else {
            return;
        };
        let mut changed = false;
        for (key, codec) in &state.persisted {
            let version = state.user.get(key).map(|user| user.version);
            if let Some(version) = version {
                let unchanged = self.saved.get(key) == Some(&version)
                    || (version == RESTORED && self.stored.contains_key(key));
                if unchanged {
                    continue;
                }
            }
            match (codec.save)(state, key) {
                Ok(Some(text)) => {
                    if self.stored.get(key).map(|t| &**t) != Some(text.as_str()) {
                        if self.may_replace(key, codec) {
                            self.kept.remove(key);
                            self.failing.remove(key);
                            self.stored.insert(key.clone(), Arc::from(text));
                            changed = true;
                        }
                    } else {
                        self.kept.remove(key);
                        self.failing.remove(key);
                    }
                }
                Ok(None) => {
                    if self.stored.contains_key(key) && !self.keeps(key, codec) {
                        // The script removed the key: so does the file.
                        self.stored.remove(key);
                        changed = true;
                    }
                }
                Err(err) => self.failed(key, &err),
            }
            match version {
                Some(version) => self.saved.insert(key.clone(), version),
                None => self.saved.remove(key),
            };
        }
        if changed {
            writer().submit(path, self.stored.clone());
        }
    }

    /// Whether the stored text of `key`, now unset, is kept: it is when it
    /// is not a value of the key's type (it was never restored).
    fn keeps(&mut self, key: &str, codec: &PersistCodec) -> bool {
        if self.kept.contains(key) {
            return true;
        }
        let loads = self
            .stored
            .get(key)
            .is_some_and(|text| (codec.load)(text).is_ok());
        if !loads {
            self.kept.insert(key.to_owned());
        }
        !loads
    }

    /// Notes that the stored text of `key` was restored: a new value may
    /// replace it.
    pub(crate) fn restored(&mut self, key: &str) {
        self.replaceable.insert(key.to_owned());
    }

    /// Handles a stored text of `key` that could not be restored as a
    /// `type_name` (`reason` says why): the first time in this session, it
    /// is copied aside before anything can be saved over it, and the
    /// returned warning (logged here) says where, or that the key will not
    /// be saved when the copy failed. `None` when already handled.
    pub(crate) fn unrestorable(
        &mut self,
        key: &str,
        reason: &str,
        type_name: &str,
    ) -> Option<String> {
        if !self.restore_failed.insert(key.to_owned()) {
            return None;
        }
        let warning = self.set_aside_value(key, reason, type_name);
        log::warn!(target: "brook", "{warning}");
        Some(warning)
    }

    /// Whether the stored text of `key` may be replaced by a new value: it
    /// may when there is none, when it was restored or is a value of the
    /// key's type (the new value is newer), or once it is copied aside.
    /// A key set before it was declared persisted gets here with a stored
    /// text never read: one that is not a value of its type is copied
    /// aside now, with a warning.
    fn may_replace(&mut self, key: &str, codec: &PersistCodec) -> bool {
        if self.blocked.contains(key) {
            return false;
        }
        if self.replaceable.contains(key) {
            return true;
        }
        let Some(old) = self.stored.get(key).cloned() else {
            return true;
        };
        match (codec.load)(&old) {
            Ok(_) => {
                self.replaceable.insert(key.to_owned());
            }
            Err(reason) => {
                self.restore_failed.insert(key.to_owned());
                notices::report(self.set_aside_value(key, &reason, codec.type_name));
            }
        }
        !self.blocked.contains(key)
    }

    /// Copies the stored text of `key`, which is not a value of its type,
    /// beside the file (`session_state.ron.<key>.bad-…`), and returns the
    /// warning that says so. When the copy cannot be written, the key is
    /// never saved in this session and the warning says that instead.
    fn set_aside_value(&mut self, key: &str, reason: &str, type_name: &str) -> String {
        let reason = notices::shorten(reason);
        let problem = format!(
            "The saved value of `session_state[\"{key}\"]` could not be restored: {reason} (it should be \
             a `{type_name}`)"
        );
        let (Some(path), Some(text)) = (self.path.clone(), self.stored.get(key).cloned()) else {
            // Nothing is written: nothing can be lost.
            self.replaceable.insert(key.to_owned());
            return format!("{problem}.");
        };
        match crate::files::copy_aside(&path, key, text.as_bytes()) {
            Ok(copy) => {
                self.replaceable.insert(key.to_owned());
                format!(
                    "{problem}. It was copied to `{}`; the session-state file keeps it until the key \
                     is set.",
                    copy.display()
                )
            }
            Err(err) => {
                self.blocked.insert(key.to_owned());
                format!(
                    "{problem}. It could not be copied aside ({err}), so it is left in the file and \
                     the key will not be saved in this session. `{}`",
                    path.display()
                )
            }
        }
    }

    /// Reports a key that could not be saved, once until it saves again.
    fn failed(&mut self, key: &str, err: &SaveError) {
        if !self.failing.insert(key.to_owned()) {
            return;
        }
        let why = match err {
            SaveError::WrongType(why) | SaveError::Serialize(why) => notices::shorten(why),
        };
        notices::report(format!(
            "`session_state[\"{key}\"]` could not be saved: {why}. The value saved before, if any, is \
             kept."
        ));
    }
}

/// Blocks until every session-state file handed to the writer thread so
/// far is written (or failed). `brook::run` calls it before it returns; a
/// program that drives sessions itself calls it before it exits, and a test
/// before it reads a session's file.
pub fn wait_for_saves() {
    writer().wait_for(None);
}

/// The process's session-state writer: the newest content of each file
/// waits here until the `brook-persist` thread writes it.
struct Writer {
    jobs: Mutex<Jobs>,
    /// Signalled when a job arrives.
    work: Condvar,
    /// Signalled when a job is done.
    done: Condvar,
}

#[derive(Default)]
struct Jobs {
    /// The newest content of each file, not yet taken.
    pending: HashMap<PathBuf, BTreeMap<String, Arc<str>>>,
    /// Files being written now.
    writing: HashSet<PathBuf>,
    /// Files whose last write failed (reported once until one succeeds).
    failing: HashSet<PathBuf>,
    /// The thread is running (it could be started).
    started: bool,
}

fn writer() -> &'static Writer {
    static WRITER: OnceLock<Writer> = OnceLock::new();
    WRITER.get_or_init(|| Writer {
        jobs: Mutex::new(Jobs::default()),
        work: Condvar::new(),
        done: Condvar::new(),
    })
}

impl Writer {
    /// Asks for `path` to hold `content`, replacing any content asked for
    /// before and not yet written.
    fn submit(&'static self, path: PathBuf, content: BTreeMap<String, Arc<str>>) {
        let mut jobs = self.jobs.lock();
        if !jobs.started {
            let spawned = std::thread::Builder::new()
                .name("brook-persist".into())
                .spawn(move || self.main());
            match spawned {
                Ok(_) => jobs.started = true,
                Err(err) => {
                    log::warn!(target: "brook", "cannot start the session-state writer ({err}); saving on the runner thread");
                    drop(jobs);
                    let ok = write(&path, &content);
                    self.finished(&mut self.jobs.lock(), &path, ok);
                    return;
                }
            }
        }
        jobs.pending.insert(path, content);
        self.work.notify_one();
    }

    fn main(&self) {
        let mut jobs = self.jobs.lock();
        loop {
            let next = jobs.pending.keys().next().cloned();
            let Some(path) = next else {
                self.work.wait(&mut jobs);
                continue;
            };
            let Some(content) = jobs.pending.remove(&path) else {
                continue;
            };
            jobs.writing.insert(path.clone());
            drop(jobs);
            let ok = write(&path, &content);
            jobs = self.jobs.lock();
            self.finished(&mut jobs, &path, ok);
        }
    }

    fn finished(&self, jobs: &mut Jobs, path: &Path, result: Result<(), String>) {
        jobs.writing.remove(path);
        match result {
            Ok(()) => {
                jobs.failing.remove(path);
            }
            Err(err) => {
                if jobs.failing.insert(path.to_owned()) {
                    notices::report(format!(
                        "Your session state could not be saved ({err}); the app goes on, and saving is \
                         tried again after the next change. `{}`",
                        path.display()
                    ));
                }
            }
        }
        self.done.notify_all();
    }

    /// Waits until nothing is pending or being written for `path` (every
    /// file when `None`).
    fn wait_for(&self, path: Option<&Path>) {
        let mut jobs = self.jobs.lock();
        loop {
            let busy = match path {
                Some(path) => jobs.pending.contains_key(path) || jobs.writing.contains(path),
                None => !jobs.pending.is_empty() || !jobs.writing.is_empty(),
            };
            if !busy {
                return;
            }
            self.done.wait(&mut jobs);
        }
    }
}

/// Writes one file's content.
fn write(path: &Path, content: &BTreeMap<String, Arc<str>>) -> Result<(), String> {
    let text = ron::ser::to_string_pretty(content, ron::ser::PrettyConfig::default())
        .map_err(|err| err.to_string())?;
    crate::files::write_atomically(path, text.as_bytes()).map_err(|err| err.to_string())
}
