//! Persisted `cache_data` entries (B42, B43): one RON file per entry,
//! `<function key>-<value key>.memo`, written atomically. A file that cannot
//! be read is set aside (renamed `.bad`) with a warning and recomputed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use parking_lot::RwLock;
use serde::Serialize;
use serde::de::DeserializeOwned;

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
    /// The elements the function emitted, replayed on a hit (B57).
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
}

/// The codec of `cache_data(persist = "disk")` for a value type.
pub fn disk_codec<T: Serialize + DeserializeOwned + Send + Sync + 'static>() -> DiskCodec<Arc<T>> {
    DiskCodec {
        save: |value, replay, function| {
            ron::to_string(&Memo {
                format: FORMAT,
                function: function.to_owned(),
                value: &**value,
                replay: replay.to_vec(),
            })
            .map_err(|e| e.to_string())
        },
        load: |text| {
            let memo: Memo<T> = ron::from_str(text).map_err(|e| e.to_string())?;
            Ok((
                memo.format,
                memo.function,
                Arc::new(memo.value),
                memo.replay,
            ))
        },
    }
}

impl<V> DiskCodec<V> {
    pub(crate) fn load(&self, path: &Path, function: &str) -> Option<(V, Vec<ReplayOp>)> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return None,
            Err(err) => {
                log::warn!(
                    "cannot read the cached value of '{function}': {err}; recomputing. {}",
                    path.display()
                );
                return None;
            }
        };
        match (self.load)(&text) {
            Ok((FORMAT, stored, value, replay)) if stored == function => Some((value, replay)),
            Ok((format, stored, _, _)) => {
                log::warn!(
                    "the cached value of '{function}' is in format {format} of '{stored}'; recomputing. {}",
                    path.display()
                );
                set_aside(path);
                None
            }
            Err(err) => {
                log::warn!(
                    "the cached value of '{function}' is corrupt ({err}); set aside and recomputing. {}",
                    path.display()
                );
                set_aside(path);
                None
            }
        }
    }

    pub(crate) fn save(&self, path: &Path, value: &V, replay: &[ReplayOp], function: &str) {
        let text = match (self.save)(value, replay, function) {
            Ok(text) => text,
            Err(err) => {
                log::warn!("cannot persist the value of '{function}': {err}");
                return;
            }
        };
        if let Err(err) = write_atomically(path, text.as_bytes()) {
            log::warn!(
                "cannot persist the value of '{function}': {err}. {}",
                path.display()
            );
        }
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`: a reader sees the old file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let unique = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = path.with_extension(format!("tmp-{}-{unique}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

fn set_aside(path: &Path) {
    let aside = path.with_extension("memo.bad");
    if let Err(err) = std::fs::rename(path, &aside) {
        log::warn!("cannot set aside {}: {err}", path.display());
    }
}

/// Removes a function's persisted entries.
pub(crate) fn remove_function_files(function_key: u64) {
    remove_where(|name| name.starts_with(&format!("{function_key:016x}-")));
}

/// Removes every persisted entry (B64).
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
