//! The files brook keeps for an app (persisted session state, `.memo`
//! files of `cache_data(persist = "disk")`, the window's settings) follow
//! one rule:
//!
//! - a file that cannot be used (unreadable, not UTF-8, not what it should
//!   hold, empty, a folder) is renamed to a unique name beside it
//!   ([`set_aside`]) and reported once;
//! - nothing is written over a file that was not read successfully;
//! - writes are atomic and durable ([`write_atomically`]): a reader sees the
//!   old file or the new one, and a failed write leaves no temporary file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What reading one of brook's text files found.
#[derive(Debug, PartialEq, Eq)]
pub enum FileText {
    /// There is no file: start afresh, and writing it is fine.
    Missing,
    /// The file's text.
    Text(String),
    /// Something is there that cannot be read as text (not UTF-8, a
    /// folder, no permission); the reason, for a warning. It should be set
    /// aside before anything is written at its place.
    Unusable(String),
}

/// Reads the text file at `path`.
pub fn read_text(path: &Path) -> FileText {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => FileText::Text(text),
            Err(err) => FileText::Unusable(format!(
                "it is not UTF-8 text (invalid byte at {})",
                err.utf8_error().valid_up_to()
            )),
        },
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => FileText::Missing,
        Err(err) => FileText::Unusable(format!("it cannot be read: {err}")),
    }
}

/// Renames the file (or folder) at `path` to a name beside it that no
/// other file has, `<name>.bad-<unix seconds>-<process id>-<n>`, and
/// returns that name. A second bad file never replaces the first one set
/// aside.
///
/// # Errors
/// When the rename fails (no permission on the folder, a read-only file
/// system); the file stays where it was.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    loop {
        let aside = aside_name(path, None);
        // The name carries this process's id and a counter of its own, so
        // only a file left by an earlier process of the same id can be
        // there: skip it rather than replace it.
        if std::fs::symlink_metadata(&aside).is_ok() {
            continue;
        }
        std::fs::rename(path, &aside)?;
        return Ok(aside);
    }
}

/// Writes `bytes` (part of the file at `path` that cannot be used, such as
/// one saved value of many) to a new file beside it that no other file
/// has, `<name>.<tag>.bad-<unix seconds>-<process id>-<n>`, and returns
/// that name. The write is atomic and durable like [`write_atomically`],
/// and never replaces an existing file: a second copy never replaces the
/// first. `tag` says which part it is (a key); in the name, characters
/// other than ASCII letters, digits, `-` and `_` become `_` and it is cut
/// to 48 characters.
///
/// # Errors
/// When the copy cannot be written (no permission on the folder, a full
/// disk, a name longer than the file system allows); no file is left
/// behind then.
pub fn copy_aside(path: &Path, tag: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let mut tag: String = tag
        .chars()
        .take(48)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if tag.is_empty() {
        tag.push('_');
    }
    loop {
        let aside = aside_name(path, Some(&tag));
        if std::fs::symlink_metadata(&aside).is_ok() {
            continue;
        }
        match write_file(&aside, bytes, false) {
            // Made by another process between the check and the write.
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err),
            Ok(()) => return Ok(aside),
        }
    }
}

/// A new name beside `path` for a file that cannot be used (or a copy of
/// part of it, named by `tag`).
fn aside_name(path: &Path, tag: Option<&str>) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let pid = std::process::id();
    match tag {
        Some(tag) => path.with_file_name(format!("{name}.{tag}.bad-{stamp}-{pid}-{n}")),
        None => path.with_file_name(format!("{name}.bad-{stamp}-{pid}-{n}")),
    }
}

/// Writes `bytes` to `path` atomically and durably: to a temporary file
/// beside it, flushed to disk, then renamed over `path`, and the folder
/// flushed too. A reader sees the old file or the new one, never part of
/// one; after a crash the file is the old or the new one. The folders on
/// the way are created.
///
/// # Errors
/// When the folder cannot be made, the file cannot be written or renamed
/// (a folder at `path`, a full disk). The temporary file is removed then,
/// and `path` is as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_file(path, bytes, true)
}

/// [`write_atomically`] for a file written piece by piece: `write` gets the
/// temporary file beside `path` and writes the whole content to it (a
/// Parquet writer, say, without the bytes first gathered in memory); when
/// it returns `Ok`, the file is flushed to disk and renamed over `path`.
///
/// # Errors
/// `write`'s error, or the file system's as for [`write_atomically`]. The
/// temporary file is removed then, and `path` is as it was.
pub fn write_atomically_with<E: From<std::io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> Result<(), E>,
) -> Result<(), E> {
    write_file_with(path, true, write)
}

/// [`write_atomically`], or when `replace` is false, the same but failing
/// with `AlreadyExists` when something is at `path` already.
fn write_file(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    write_file_with(path, replace, |file| file.write_all(bytes))
}

/// [`write_file`] with the content written by `write`.
fn write_file_with<E: From<std::io::Error>>(
    path: &Path,
    replace: bool,
    write: impl FnOnce(&mut std::fs::File) -> Result<(), E>,
) -> Result<(), E> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    // Removed when dropped, on every error below.
    let mut file = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    write(file.as_file_mut())?;
    file.as_file().sync_all()?;
    if replace {
        file.persist(path).map_err(|err| err.error)?;
    } else {
        file.persist_noclobber(path).map_err(|err| err.error)?;
    }
    Ok(sync_dir(dir)?)
}

/// Flushes a folder's entries (the rename just made) to disk.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// Windows makes a rename durable with the file; nothing to flush.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("brook-files-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).ok();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    // Issue 11, case 12
    #[test]
    fn two_bad_files_set_aside_in_the_same_second_keep_both_copies() {
        let dir = temp_dir("aside");
        let path = dir.join("state.ron");
        std::fs::write(&path, "first").ok();
        let first = set_aside(&path).ok();
        std::fs::write(&path, "second").ok();
        let second = set_aside(&path).ok();
        assert_ne!(first, second);
        let read = |p: Option<PathBuf>| std::fs::read_to_string(p.unwrap_or_default()).ok();
        assert_eq!(read(first).as_deref(), Some("first"));
        assert_eq!(read(second).as_deref(), Some("second"));
        assert!(!path.exists());
    }

    // Issue 11, case 12
    #[test]
    fn a_second_copy_aside_keeps_the_first_and_the_original_file() {
        let dir = temp_dir("copy");
        let path = dir.join("state.ron");
        std::fs::write(&path, "whole").ok();
        let first = copy_aside(&path, "a key/with ../ odd chars", b"first").ok();
        let second = copy_aside(&path, "a key/with ../ odd chars", b"second").ok();
        assert_ne!(first, second);
        let read =
            |p: &Option<PathBuf>| std::fs::read_to_string(p.clone().unwrap_or_default()).ok();
        assert_eq!(read(&first).as_deref(), Some("first"));
        assert_eq!(read(&second).as_deref(), Some("second"));
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some("whole")
        );
        let first = first.unwrap_or_default();
        assert_eq!(first.parent(), Some(dir.as_path()), "beside the file");
        let name = first.file_name().map(|n| n.to_string_lossy().into_owned());
        assert!(
            name.is_some_and(|n| n.starts_with("state.ron.a_key_with_____odd_chars.bad-")),
            "{first:?}"
        );
        assert_eq!(names(&dir).len(), 3, "no temporary file is left");
    }

    // Issue 11, case 12
    #[test]
    fn a_failed_write_leaves_no_temporary_file_and_the_target_as_it_was() {
        let dir = temp_dir("failed");
        let path = dir.join("state.ron");
        std::fs::create_dir_all(path.join("inside")).ok();
        assert!(write_atomically(&path, b"new").is_err());
        assert_eq!(names(&dir), ["state.ron"]);
        assert!(path.join("inside").is_dir());
    }

    #[test]
    fn a_write_replaces_the_file_and_leaves_nothing_else() {
        let dir = temp_dir("write");
        let path = dir.join("state.ron");
        std::fs::write(&path, "old").ok();
        assert!(write_atomically(&path, b"new").is_ok());
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("new"));
        assert_eq!(names(&dir), ["state.ron"]);
    }

    // Issue 11, case 12
    #[test]
    fn text_that_is_not_utf8_or_a_folder_is_unusable() {
        let dir = temp_dir("read");
        let path = dir.join("state.ron");
        assert_eq!(read_text(&path), FileText::Missing);
        std::fs::write(&path, [0x66, 0xff, 0xfe]).ok();
        assert!(matches!(read_text(&path), FileText::Unusable(_)));
        let folder = dir.join("folder.ron");
        std::fs::create_dir_all(&folder).ok();
        assert!(matches!(read_text(&folder), FileText::Unusable(_)));
    }
}
