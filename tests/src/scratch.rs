//! A fresh folder per test process for the files the tests make (SQLite
//! databases, secrets files), SQLite URLs in it, and an app that reads
//! one through a connection.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use brook::prelude::*;
use brook::testing::AppTest;

/// This process's folder: `brook-<test binary>-<pid>-<nanoseconds>` in the
/// temporary folder, made on first use.
///
/// # Panics
/// When the folder cannot be made.
pub fn dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let binary = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        let dir =
            std::env::temp_dir().join(format!("brook-{binary}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|err| panic!("cannot make {}: {err}", dir.display()));
        dir
    })
}

/// The path of the SQLite file `name` in [`dir`].
pub fn db_path(name: &str) -> String {
    dir().join(format!("{name}.db")).display().to_string()
}

/// The URL of the SQLite file `name` in [`dir`].
pub fn sqlite_url(name: &str) -> String {
    format!("sqlite://{}", db_path(name))
}

/// An app that shows what `sql` reads through the connection `name`, as
/// one CSV text.
pub fn query_app(name: &'static str, sql: &'static str) -> AppTest {
    AppTest::new(move |st: &St| {
        let t = st.connection(name).query(sql, ()).fetch();
        st.text(t.to_csv());
    })
}
