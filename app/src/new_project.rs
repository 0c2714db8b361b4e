//! `brook new <name>`: a new cargo project with a small starter tool that
//! builds and runs at once.
//!
//! The project holds:
//! - `Cargo.toml`, depending on brook alone (from its git repository's
//!   `main` branch, or a local checkout with `--path`), with dependencies
//!   optimised in debug builds (egui and Arrow are slow without);
//! - `src/lib.rs`, the tool: a title, a cached load that reports its
//!   progress, a filter (a selectbox and a slider), a chart and a table;
//!   `src/main.rs` opens it in a window;
//! - `tests/app.rs`, a headless [`AppTest`](crate::testing::AppTest) test and
//!   a snapshot test, with its picture `tests/snapshots/starter.png`;
//! - `.gitignore`, with the files a failed snapshot test leaves.
//!
//! ```no_run
//! use brook::new_project::{Source, create};
//!
//! let dir = create("demo", std::path::Path::new("."), &Source::Git).unwrap();
//! assert!(dir.join("src/main.rs").exists());
//! ```

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::testing::{SnapshotExt as _, SnapshotOptions};

/// The starter tool, compiled into brook too so `brook new` can draw its
/// first frame for the snapshot test.
#[doc(hidden)]
pub mod starter {
    include!("../templates/starter/src/lib.rs");
}

/// The git repository a new project depends on by default.
pub const REPOSITORY: &str = "https://github.com/brook-rs/brook";

/// The package name of brook on crates.io and in a git dependency (the
/// library is `brook`).
pub const PACKAGE: &str = env!("CARGO_PKG_NAME");

/// Where a new project takes brook from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The `main` branch of [`REPOSITORY`].
    Git,
    /// A local checkout of brook's repository (its root, or its `app`
    /// folder). The checkout's `Cargo.lock` is copied in too, so the project
    /// builds with the very versions brook is tested with (and reuses their
    /// builds when `CARGO_TARGET_DIR` is shared).
    Path(PathBuf),
}

/// Makes project `name` in the folder `parent` and returns its folder.
///
/// The project is written into a temporary folder beside it and renamed
/// into place at the end: it is there whole, or not at all.
///
/// # Errors
/// When `name` is not a valid package name (letters, digits, `-` and `_`,
/// starting with a letter; not `brook`, the dependency's own name), the
/// folder exists already (nothing is overwritten), the `Path` source is not
/// a brook checkout, or a file cannot be written.
pub fn create(name: &str, parent: &Path, source: &Source) -> anyhow::Result<PathBuf> {
    check_name(name)?;
    let dir = parent.join(name);
    if dir.exists() {
        bail!(
            "{} exists already: choose another name, or remove it first",
            dir.display()
        );
    }
    let (dependency, lockfile) = match source {
        Source::Git => (
            format!("{{ package = \"{PACKAGE}\", git = \"{REPOSITORY}\", branch = \"main\" }}"),
            None,
        ),
        Source::Path(checkout) => {
            let app = brook_package_dir(checkout)?;
            let lockfile = app
                .parent()
                .map(|root| root.join("Cargo.lock"))
                .filter(|lock| lock.is_file());
            (
                format!(
                    "{{ package = \"{PACKAGE}\", path = {} }}",
                    toml_string(&app.to_string_lossy())
                ),
                lockfile,
            )
        }
    };
    let crate_name = name.replace('-', "_");
    let fill = |template: &str| {
        template
            .replace("{{name}}", name)
            .replace("{{crate}}", &crate_name)
            .replace("{{dependency}}", &dependency)
    };

    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot make the folder {}", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".brook-new-")
        .tempdir_in(parent)
        .with_context(|| format!("cannot write in {}", parent.display()))?;
    let root = staging.path();
    let files = [
        ("Cargo.toml", fill(CARGO_TOML)),
        ("src/lib.rs", STARTER_LIB.to_owned()),
        ("src/main.rs", fill(STARTER_MAIN)),
        ("tests/app.rs", fill(STARTER_TEST)),
        (".gitignore", GITIGNORE.to_owned()),
    ];
    for (path, text) in files {
        write(&root.join(path), text.as_bytes())?;
    }
    if let Some(lockfile) = lockfile {
        std::fs::copy(&lockfile, root.join("Cargo.lock"))
            .with_context(|| format!("cannot copy {}", lockfile.display()))?;
    }
    let snapshot = root.join("tests/snapshots/starter.png");
    let image = starter_frame()?;
    if let Some(folder) = snapshot.parent() {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot make the folder {}", folder.display()))?;
    }
    image
        .save(&snapshot)
        .with_context(|| format!("cannot write {}", snapshot.display()))?;

    let kept = staging.keep();
    std::fs::rename(&kept, &dir).with_context(|| {
        format!(
            "cannot move the new project from {} to {}",
            kept.display(),
            dir.display()
        )
    })?;
    Ok(dir)
}

/// The starter's first page, as its snapshot test draws it.
fn starter_frame() -> anyhow::Result<crate::widgets::snapshot::RgbaImage> {
    let mut at =
        crate::testing::AppTest::new(starter::app).with_timeout(std::time::Duration::from_secs(60));
    at.try_run().context("the starter's first run failed")?;
    at.render_frame(&SnapshotOptions::default())
        .map_err(|err| anyhow::anyhow!("cannot draw the starter's first page: {err}"))
}

/// Cargo's rules for a package name, and not `brook`.
fn check_name(name: &str) -> anyhow::Result<()> {
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        bail!(
            "`{name}` is not a package name: use letters, digits, `-` and `_`, starting with a \
             letter (e.g. `sales-report`)"
        );
    }
    if matches!(
        name,
        "brook" | "test" | "core" | "std" | "alloc" | "proc_macro"
    ) {
        bail!("`{name}` is taken by a crate the project uses: choose another name");
    }
    // The crate's name is used in its code (`{name}::app`): a keyword
    // cannot be.
    const KEYWORDS: &[&str] = &[
        "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
        "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
        "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
        "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type",
        "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
    ];
    if KEYWORDS.contains(&name.replace('-', "_").as_str()) || name == "Self" {
        bail!("`{name}` is a Rust keyword, which cannot name a crate: choose another name");
    }
    Ok(())
}

/// The folder of the `brook` package in a checkout: `checkout/app`, or the
/// checkout itself when it is that folder.
fn brook_package_dir(checkout: &Path) -> anyhow::Result<PathBuf> {
    let checkout = std::path::absolute(checkout)
        .with_context(|| format!("cannot read the path {}", checkout.display()))?;
    for candidate in [checkout.join("app"), checkout.clone()] {
        let manifest = candidate.join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        if text
            .lines()
            .any(|line| line.trim() == format!("name = \"{PACKAGE}\""))
        {
            return Ok(candidate);
        }
    }
    bail!(
        "{} is not a checkout of brook (no app/Cargo.toml naming the package `{PACKAGE}`): give \
         the folder you cloned {REPOSITORY} into",
        checkout.display()
    )
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot make the folder {}", folder.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

const CARGO_TOML: &str = r#"[package]
name = "{{name}}"
version = "0.1.0"
edition = "2024"

[dependencies]
brook = {{dependency}}

# egui and the data libraries are slow when not optimised: dependencies are
# optimised in debug builds too. The first build takes a while; later ones
# rebuild only this crate.
[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
opt-level = 1
"#;

const STARTER_LIB: &str = include_str!("../templates/starter/src/lib.rs");
const STARTER_MAIN: &str = include_str!("../templates/starter/src/main.rs");
const STARTER_TEST: &str = include_str!("../templates/starter/tests/app.rs");
const GITIGNORE: &str = include_str!("../templates/starter/gitignore");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_cargo_rules() {
        assert!(check_name("sales-report").is_ok());
        assert!(check_name("tool_2").is_ok());
        for bad in [
            "", "2tools", "my tool", "a/b", "brook", "self", "crate", "Self", "fn",
        ] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn toml_strings_escape_quotes_and_backslashes() {
        assert_eq!(toml_string(r#"C:\a "b""#), r#""C:\\a \"b\"""#);
    }

    #[test]
    fn an_existing_folder_is_never_overwritten() {
        let parent = tempfile::tempdir().unwrap();
        std::fs::create_dir(parent.path().join("demo")).unwrap();
        std::fs::write(parent.path().join("demo/keep.txt"), "mine").unwrap();
        let err = create("demo", parent.path(), &Source::Git).unwrap_err();
        assert!(err.to_string().contains("exists already"), "{err}");
        assert_eq!(
            std::fs::read_to_string(parent.path().join("demo/keep.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn a_folder_that_is_not_a_checkout_is_refused() {
        let parent = tempfile::tempdir().unwrap();
        let err = create("demo", parent.path(), &Source::Path(parent.path().into())).unwrap_err();
        assert!(err.to_string().contains("not a checkout of brook"), "{err}");
        assert!(!parent.path().join("demo").exists());
    }

    #[test]
    fn a_path_project_names_the_checkout_and_copies_its_lockfile() {
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let parent = tempfile::tempdir().unwrap();
        let dir = create("demo-tool", parent.path(), &Source::Path(checkout.clone())).unwrap();
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        assert!(manifest.contains("name = \"demo-tool\""), "{manifest}");
        let app = std::path::absolute(checkout.join("app")).unwrap();
        assert!(
            manifest.contains(&format!("path = {}", toml_string(&app.to_string_lossy()))),
            "{manifest}"
        );
        let main = std::fs::read_to_string(dir.join("src/main.rs")).unwrap();
        assert!(main.contains("demo_tool::app"), "{main}");
        assert!(dir.join("Cargo.lock").is_file());
        assert!(dir.join("tests/snapshots/starter.png").is_file());
        assert!(!main.contains("{{"));
        // Nothing is left of the staging folder.
        let left: Vec<_> = std::fs::read_dir(parent.path()).unwrap().collect();
        assert_eq!(left.len(), 1);
    }
}
