//! Persisted `cache_data` entries: one RON file per entry,
//! `<function key>-<value key>.memo`, written atomically and durably. A file
//! that cannot be used is set aside (renamed `.memo.bad-…`, see
//! [`crate::files`]) with a warning in the log and the window, and the value
//! is computed again.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ahash::HashSet;
use parking_lot::{Mutex, RwLock};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::files::FileText;
use crate::notices;

/// The version of the file layout; other versions are recomputed.
const FORMAT: u32 = 2;

static DIR: RwLock<Option<PathBuf>> = RwLock::new(None);

/// Where persisted entries go: the folder set with [`set_persist_dir`], else
/// `$XDG_CACHE_HOME/brook`, else `~/.cache/brook`, else the temp folder.
pub fn persist_dir() -> PathBuf {
    if let Some(dir) = DIR.read().clone() {
        return dir;
    }
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("brook")
}

/// Sets the folder of persisted entries (tests point it at a temp folder).
pub fn set_persist_dir(dir: impl Into<PathBuf>) {
    *DIR.write() = Some(dir.into());
}

#[derive(Serialize, serde::Deserialize)]
struct Memo<T> {
    format: u32,
    function: String,
    value: T,
    /// The elements the function emitted, replayed on a hit.
    #[serde(default)]
    replay: Vec<ReplayOp>,
}

use crate::script_runner::ReplayOp;

/// A read file: its format version, the function that wrote it, the value
/// and its recorded elements.
type Loaded<V> = Result<(u32, String, V, Vec<ReplayOp>), String>;

/// Reads and writes one function's values.
pub struct DiskCodec<V> {
    save: fn(&V, &[ReplayOp], &str) -> Result<String, String>,
    load: fn(&str) -> Loaded<V>,
    /// Files that could not be used nor set aside: never written over.
    stuck: Mutex<HashSet<PathBuf>>,
}

/// The codec of `cache_data(persist = "disk")` for a value type. The
/// value's `Serialize` and `Deserialize` run inside the panic guard: a
/// panic there is a value not saved, or a file not used.
pub fn disk_codec<T: Serialize + DeserializeOwned + Send + Sync + 'static>() -> DiskCodec<Arc<T>> {
    DiskCodec {
        save: |value, replay, function| {
            let memo = Memo {
                format: FORMAT,
                function: function.to_owned(),
                value: &**value,
                replay: replay.to_vec(),
            };
            crate::guard::to_ron(&memo)
        },
        load: |text| {
            let memo: Memo<T> = crate::guard::from_ron(text)?;
            Ok((
                memo.format,
                memo.function,
                Arc::new(memo.value),
                memo.replay,
            ))
        },
        stuck: Mutex::new(HashSet::default()),
    }
}

/// What the file of one entry gave.
pub(crate) enum DiskRead<V> {
    /// The stored value and its recorded elements.
    Hit(V, Vec<ReplayOp>),
    /// Nothing usable: compute the value (a bad file was set aside).
    Miss,
}

impl<V> DiskCodec<V> {
    /// Reads the entry at `path`. A file that cannot be used is set aside
    /// (renamed to a unique name) and reported once; if it cannot be moved,
    /// it is left alone and never written over.
    pub(crate) fn load(&self, path: &Path, function: &str) -> DiskRead<V> {
        let problem = match crate::files::read_text(path) {
            FileText::Missing => return DiskRead::Miss,
            FileText::Unusable(reason) => reason,
            FileText::Text(text) => match (self.load)(&text) {
                Ok((FORMAT, stored, value, replay)) if stored == function => {
                    return DiskRead::Hit(value, replay);
                }
                Ok((format, stored, _, _)) => {
                    format!("it holds format {format} of the function '{stored}'")
                }
                Err(_) if text.trim().is_empty() => "it is empty".to_owned(),
                Err(err) => format!("it is damaged ({})", notices::shorten(&err)),
            },
        };
        match crate::files::set_aside(path) {
            Ok(aside) => notices::report(format!(
                "The saved value of the cached function '{function}' could not be used: {problem}. It \
                 was set aside as `{}` and is computed again.",
                aside.display()
            )),
            Err(err) => {
                self.stuck.lock().insert(path.to_owned());
                notices::report(format!(
                    "The saved value of the cached function '{function}' could not be used: {problem}, \
                     and it could not be set aside ({err}). It is computed again and not saved, so \
                     the file stays as it is: `{}`",
                    path.display()
                ));
            }
        }
        DiskRead::Miss
    }

    /// Writes the entry at `path`; a failure (or a panic in the value's
    /// `Serialize`) is reported once and the value stays in memory.
    pub(crate) fn save(&self, path: &Path, value: &V, replay: &[ReplayOp], function: &str) {
        if self.stuck.lock().contains(path) {
            return;
        }
        let result = (self.save)(value, replay, function)
            .and_then(|text| write_atomically(path, text.as_bytes()).map_err(|e| e.to_string()));
        if let Err(err) = result {
            notices::report(format!(
                "A value of the cached function '{function}' could not be saved to disk: {}. It is \
                 kept in memory only.",
                notices::shorten(&err)
            ));
        }
    }

    /// Forgets the files that could not be set aside (a clear removed
    /// them, or tried to).
    pub(crate) fn forget_stuck(&self) {
        self.stuck.lock().clear();
    }
}

pub use crate::files::write_atomically;

/// Removes a function's persisted entries.
pub(crate) fn remove_function_files(function_key: u64) {
    remove_where(|name| name.starts_with(&format!("{function_key:016x}-")));
}

/// Removes every persisted entry.
pub(crate) fn remove_all_files() {
    remove_where(|_| true);
}

fn remove_where(matches: impl Fn(&str) -> bool) {
    let Ok(entries) = std::fs::read_dir(persist_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".memo") && matches(&name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
