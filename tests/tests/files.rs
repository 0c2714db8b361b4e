//! The files brook keeps for an app, and what it tells the person about
//! them (issue 11, cases 11, 12, 14 and 15): persisted session state, the
//! `.memo` files of `cache_data(persist = "disk")`, and the window's
//! settings.
//!
//! The rule each kind is held to: a file brook cannot use (truncated, not
//! UTF-8, of the wrong type, empty, a folder) is renamed to a unique name
//! beside it and reported once; nothing is written over a file that was not
//! read successfully; writes are atomic and leave no temporary file behind;
//! a panic in the user's `Serialize`/`Deserialize` (or a cache hook) never
//! ends a thread or leaves a caller waiting.
#![allow(clippy::unwrap_used, reason = "it's a test")]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[path = "files/memo.rs"]
mod memo;
#[path = "files/session_state.rs"]
mod session_state;
#[path = "files/settings.rs"]
mod settings;

/// How long a test waits for something that should happen at once before
/// failing instead of hanging.
const PATIENCE: Duration = Duration::from_secs(10);

/// A fresh folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brook-files-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The suite's cache persistence folder: fresh and unique to this process.
fn persist_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir =
            std::env::temp_dir().join(format!("brook-files-cache-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        brook::caching::set_persist_dir(&dir);
        dir
    })
}

/// The copies of `path` set aside beside it (`<name>.bad-…`), sorted.
fn set_aside_copies(path: &Path) -> Vec<PathBuf> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut copies: Vec<PathBuf> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("{name}.bad-"))
        })
        .map(|e| e.path())
        .collect();
    copies.sort();
    copies
}

/// Every name in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The warnings for the person (shown in the window) that mention `text`.
fn notices_mentioning(text: &str) -> Vec<String> {
    brook::notices::since(0)
        .into_iter()
        .filter(|n| n.message.contains(text))
        .map(|n| n.message)
        .collect()
}

/// One way a file can be unusable, and how to make it.
#[derive(Clone, Copy, Debug)]
enum Bad {
    /// A good file cut in the middle.
    Truncated,
    /// Bytes that are not UTF-8.
    NotUtf8,
    /// Good RON of the wrong type.
    WrongType,
    /// No bytes at all.
    Empty,
    /// A folder (with a file in it) where the file should be.
    Folder,
}

const EVERY_BAD: [Bad; 5] = [
    Bad::Truncated,
    Bad::NotUtf8,
    Bad::WrongType,
    Bad::Empty,
    Bad::Folder,
];

impl Bad {
    /// Puts the bad file at `path`: `good` is a usable content to cut,
    /// `wrong` RON of another type.
    fn make(self, path: &Path, good: &str, wrong: &str) {
        match self {
            Self::Truncated => std::fs::write(path, &good[..good.len() / 2]).unwrap(),
            Self::NotUtf8 => std::fs::write(path, [b'(', 0xff, 0xfe, b')']).unwrap(),
            Self::WrongType => std::fs::write(path, wrong).unwrap(),
            Self::Empty => std::fs::write(path, "").unwrap(),
            Self::Folder => {
                std::fs::create_dir_all(path).unwrap();
                std::fs::write(path.join("inside.txt"), "keep me").unwrap();
            }
        }
    }

    /// What [`Bad::make`] put there, read back from wherever it is now.
    fn snapshot(path: &Path) -> Vec<u8> {
        if path.is_dir() {
            std::fs::read(path.join("inside.txt")).unwrap()
        } else {
            std::fs::read(path).unwrap()
        }
    }
}
