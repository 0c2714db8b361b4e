//! Session state that survives a restart, opted into per key with
//! `st.session_state().persist::<T>("key")`. Stored as one RON file (a map
//! of key to the RON text of the value), written atomically after each run
//! that changed a persisted value. A file that cannot be read is renamed
//! aside (`.bad`) with a visible warning, and never overwritten.

use std::any::Any;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::SessionState;

/// A restored value and its type's name.
type Restored = (Box<dyn Any + Send>, &'static str);

/// The version of a user value restored from the file: the file holds it.
pub(crate) const RESTORED: u64 = 0;

/// A new version number for a user value just written (never [`RESTORED`]).
pub(crate) fn next_version() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(RESTORED + 1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// How one persisted key is written and read back.
#[derive(Clone, Copy)]
pub(crate) struct PersistCodec {
    pub(crate) save: fn(&SessionState, &str) -> Option<String>,
    pub(crate) load: fn(&str) -> Option<Restored>,
}

/// The codec of a value type.
pub(crate) fn codec<T: Serialize + DeserializeOwned + Clone + Send + 'static>() -> PersistCodec {
    PersistCodec {
        save: |state, key| {
            let value: T = state.get(key).ok()?;
            ron::to_string(&value).ok()
        },
        load: |text| {
            let value: T = ron::from_str(text).ok()?;
            Some((Box::new(value), std::any::type_name::<T>()))
        },
    }
}

/// The persisted file of a session.
#[derive(Default)]
pub(crate) struct PersistStore {
    pub(crate) path: Option<PathBuf>,
    /// Key to RON text, as last read or written.
    pub(crate) stored: BTreeMap<String, String>,
    /// Keys whose stored text could not be restored (warned once).
    restore_failed: std::collections::HashSet<String>,
}

impl PersistStore {
    /// Reads the file at `path`. A bad file is renamed aside; the returned
    /// warning says so.
    pub(crate) fn open(path: PathBuf) -> (Self, Option<String>) {
        let mut store = Self {
            path: Some(path.clone()),
            ..Self::default()
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return (store, None),
            Err(err) => {
                // Unreadable: keep it where it is and do not write over it.
                store.path = None;
                return (
                    store,
                    Some(format!(
                        "The saved session state could not be read ({err}); it was left untouched and \
                         nothing will be saved this session. `{}`",
                        path.display()
                    )),
                );
            }
        };
        match ron::from_str::<BTreeMap<String, String>>(&text) {
            Ok(stored) => {
                store.stored = stored;
                (store, None)
            }
            Err(err) => {
                let aside = set_aside(&path);
                let warning = match aside {
                    Some(aside) => format!(
                        "The saved session state was damaged ({err}); it was kept aside as `{}` and the \
                         app started without it.",
                        aside.display()
                    ),
                    None => {
                        store.path = None;
                        format!(
                            "The saved session state was damaged ({err}) and could not be moved aside; \
                             nothing will be saved this session. `{}`",
                            path.display()
                        )
                    }
                };
                (store, Some(warning))
            }
        }
    }

    /// Whether this is the first time the stored text of `key` could not
    /// be restored in this session (its warning is shown once).
    pub(crate) fn first_failure(&mut self, key: &str) -> bool {
        self.restore_failed.insert(key.to_owned())
    }

    /// Writes the persisted keys if any changed. Keys stored earlier but
    /// not declared in this session are kept as they were.
    pub(crate) fn save(&mut self, state: &SessionState) {
        let Some(path) = self.path.clone() else {
            return;
        };
        let mut next = self.stored.clone();
        for (key, codec) in &state.persisted {
            match (codec.save)(state, key) {
                Some(text) => {
                    next.insert(key.clone(), text);
                }
                None => {
                    next.remove(key);
                }
            }
        }
        if next == self.stored {
            return;
        }
        match ron::ser::to_string_pretty(&next, ron::ser::PrettyConfig::default()) {
            Ok(text) => match crate::caching::write_atomically(&path, text.as_bytes()) {
                Ok(()) => self.stored = next,
                Err(err) => log::warn!("cannot save session state: {err}. {}", path.display()),
            },
            Err(err) => log::warn!("cannot save session state: {err}"),
        }
    }
}

fn set_aside(path: &Path) -> Option<PathBuf> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let aside = path.with_extension(format!("ron.bad-{stamp}"));
    std::fs::rename(path, &aside).ok().map(|()| aside)
}
