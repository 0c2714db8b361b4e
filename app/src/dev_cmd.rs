//! `brook dev`: builds the project's app, runs it, watches the sources, and
//! on every save rebuilds and replaces the running app with the new build,
//! handing over its window position, widget values and session state
//! (see `brook::dev`). While a build runs the app shows "rebuilding…"; a
//! failed build's error is shown in the window and the running build goes
//! on.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use brook::dev::{DEV_ENV, HANDOVER_ENV, Message};
use crossbeam_channel::{Receiver, RecvTimeoutError};
use notify::{RecursiveMode, Watcher as _};

/// What to build and run.
pub(crate) struct Target {
    /// `--example NAME`.
    pub(crate) example: Option<String>,
    /// `--bin NAME`.
    pub(crate) bin: Option<String>,
    /// `--release`.
    pub(crate) release: bool,
    /// `--package NAME` in a workspace.
    pub(crate) package: Option<String>,
}

/// How long the sources must be quiet before a build starts: an editor's
/// save is often several writes.
const QUIET: Duration = Duration::from_millis(40);

/// How long the old app may take to hand over and close.
const HAND_OVER_TIMEOUT: Duration = Duration::from_secs(10);

/// How a failed build without a compiler error (cargo's own, such as a
/// feature the brook in use does not have) begins.
const CARGO_FAILED: &str = "cargo build failed";

/// Set to build the app statically linked in `brook dev` too.
const STATIC_ENV: &str = "BROOK_DEV_STATIC";

/// A debug build linked against brook's shared library (brook's
/// `dynamic_linking` feature): a rebuilt app then links in a fraction of
/// the time, as brook's code and its dependencies are not copied into it.
struct Dynamic {
    /// `--features <brook's name in the project>/dynamic_linking`.
    feature: String,
    /// Where the program finds the shared libraries when it starts:
    /// brook's (the target folder's `deps`) and Rust's standard library.
    library_path: Vec<PathBuf>,
}

/// Whether and how `brook dev` links the app dynamically: for debug
/// builds of a project that depends on brook (the `brook-app` package),
/// unless `BROOK_DEV_STATIC` is set.
fn dynamic_linking(root: &Path, target_dir: &Path, target: &Target) -> Option<Dynamic> {
    if target.release || std::env::var_os(STATIC_ENV).is_some() {
        return None;
    }
    let output = cargo()
        .current_dir(root)
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    let manifest = root.join("Cargo.toml");
    let package =
        metadata["packages"]
            .as_array()?
            .iter()
            .find(|package| match &target.package {
                Some(name) => package["name"].as_str() == Some(name.as_str()),
                None => package["manifest_path"]
                    .as_str()
                    .is_some_and(|path| Path::new(path) == manifest),
            })?;
    let brook = package["dependencies"]
        .as_array()?
        .iter()
        .find(|dependency| dependency["name"].as_str() == Some(brook::new_project::PACKAGE))?;
    let name = brook["rename"]
        .as_str()
        .or_else(|| brook["name"].as_str())?;
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let libdir = Command::new(rustc)
        .current_dir(root)
        .args(["--print", "target-libdir"])
        .output()
        .ok()
        .filter(|output| output.status.success())?;
    let libdir = PathBuf::from(String::from_utf8_lossy(&libdir.stdout).trim());
    let debug = target_dir.join("debug");
    Some(Dynamic {
        feature: format!("{name}/dynamic_linking"),
        library_path: vec![debug.join("deps"), debug, libdir],
    })
}

/// The environment variable the platform's loader searches for shared
/// libraries.
const fn library_path_var() -> &'static str {
    if cfg!(target_os = "windows") {
        "PATH"
    } else if cfg!(target_os = "macos") {
        "DYLD_FALLBACK_LIBRARY_PATH"
    } else {
        "LD_LIBRARY_PATH"
    }
}

/// The running app.
struct App {
    child: Child,
    stdin: Option<ChildStdin>,
}

impl App {
    fn tell(&mut self, message: &Message) {
        let Some(stdin) = &mut self.stdin else { return };
        let line = match ron::to_string(message) {
            Ok(line) => line,
            Err(err) => {
                eprintln!("brook dev: cannot encode a message for the app: {err}");
                return;
            }
        };
        // The app may be closing: then nobody listens, which is fine.
        if writeln!(stdin, "{line}")
            .and_then(|()| stdin.flush())
            .is_err()
        {
            self.stdin = None;
        }
    }

    /// How the app ended by itself, if it did: `Closed` when the person
    /// closed the window (a success), `Failed` when it exited with an error
    /// or a panic.
    fn ended(&mut self) -> Option<Ended> {
        match self.child.try_wait() {
            Ok(None) => None,
            Ok(Some(status)) if status.success() => Some(Ended::Closed),
            Ok(Some(status)) => Some(Ended::Failed(status.to_string())),
            Err(err) => Some(Ended::Failed(err.to_string())),
        }
    }
}

/// How the app ended by itself.
enum Ended {
    /// The person closed the window: `brook dev` stops too.
    Closed,
    /// It failed (a panic at start, an error from `brook::run`): `brook dev`
    /// waits for the fix.
    Failed(String),
}

/// Runs `brook dev` in the project of the current folder.
pub(crate) fn run(target: &Target) -> anyhow::Result<()> {
    let manifest = locate_manifest()?;
    let root = manifest
        .parent()
        .context("the project's Cargo.toml has no folder")?
        .to_owned();
    let target_dir = target_dir(&root);
    // In the target folder, one folder per project (a target folder may be
    // shared): nothing is left elsewhere when `brook dev` is stopped with
    // Ctrl+C.
    let work = target_dir
        .join("brook-dev")
        .join(root.file_name().unwrap_or_default());
    std::fs::create_dir_all(&work)
        .with_context(|| format!("cannot make the folder {}", work.display()))?;
    let handover = work.join("handover.ron");
    let mut dynamic = dynamic_linking(&root, &target_dir, target);
    if dynamic.is_some() {
        eprintln!(
            "brook dev: linking the app against brook's shared library (set {STATIC_ENV}=1 to link \
             it statically)"
        );
    }

    let (events_tx, events) = crossbeam_channel::unbounded();
    let mut watcher =
        notify::recommended_watcher(events_tx).context("cannot watch the project's files")?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    eprintln!("brook dev: watching {}", root.display());

    let mut app: Option<App> = None;
    let mut handed = false;
    loop {
        let started = Instant::now();
        if let Some(app) = &mut app {
            app.tell(&Message::Building);
        }
        eprintln!("brook dev: building…");
        match build(&root, target, dynamic.as_ref())? {
            // An older brook has no `dynamic_linking`: link statically.
            Build::Failed(errors)
                if dynamic.is_some() && app.is_none() && errors.starts_with(CARGO_FAILED) =>
            {
                eprintln!("brook dev: trying again, linked statically");
                dynamic = None;
                continue;
            }
            Build::Failed(errors) => {
                eprintln!(
                    "brook dev: the build failed ({:.1} s)",
                    started.elapsed().as_secs_f32()
                );
                match &mut app {
                    Some(app) => app.tell(&Message::Failed(errors)),
                    None => eprintln!("brook dev: fix the error and save; the app starts then"),
                }
            }
            Build::Built(exe) => {
                eprintln!(
                    "brook dev: built in {:.1} s",
                    started.elapsed().as_secs_f32()
                );
                if changed_since(&events, &root, &target_dir) {
                    // A newer save is waiting: build that one instead.
                    if let Some(app) = &mut app {
                        app.tell(&Message::Built);
                    }
                    continue;
                }
                match app.as_mut().and_then(App::ended) {
                    Some(Ended::Closed) => {
                        eprintln!("brook dev: the app was closed; stopping");
                        return Ok(());
                    }
                    Some(Ended::Failed(_)) => app = None,
                    None => {}
                }
                if let Some(old) = app.take() {
                    handed = hand_over(old, &handover);
                    if handed {
                        eprintln!("brook dev: handed over: {}", handover.display());
                    }
                }
                app = Some(start(
                    &exe,
                    handed.then_some(handover.as_path()),
                    dynamic.as_ref(),
                )?);
            }
        }
        // Wait for a save, or for the person to close the app.
        loop {
            match app.as_mut().and_then(App::ended) {
                Some(Ended::Closed) => {
                    eprintln!("brook dev: the app was closed; stopping");
                    return Ok(());
                }
                Some(Ended::Failed(status)) => {
                    eprintln!(
                        "brook dev: the app stopped with an error ({status}; its message is above): \
                         fix it and save to start it again"
                    );
                    app = None;
                }
                None => {}
            }
            match events.recv_timeout(Duration::from_millis(200)) {
                Ok(event) if relevant(&event, &root, &target_dir) => {
                    settle(&events);
                    break;
                }
                Ok(_) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => bail!("the file watcher stopped"),
            }
        }
    }
}

/// Asks the old app to write its hand-over and close; whether it did.
/// Returns as soon as the hand-over is written, so the new build starts
/// while the old one closes (it wrote its settings and session state
/// before the hand-over); the old process is reaped, or stopped if it
/// hangs, on a thread of its own.
fn hand_over(mut old: App, path: &Path) -> bool {
    let _ = std::fs::remove_file(path);
    old.tell(&Message::HandOver(path.to_owned()));
    let asked = Instant::now();
    let mut handed = false;
    while asked.elapsed() < HAND_OVER_TIMEOUT {
        if path.exists() {
            handed = true;
            break;
        }
        if let Ok(Some(_)) = old.child.try_wait() {
            handed = path.exists();
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    if !handed {
        eprintln!("brook dev: the old app did not hand over in time; it is stopped");
    }
    let closing = std::thread::Builder::new()
        .name("brook-dev-closing".to_owned())
        .spawn(move || {
            let deadline = Instant::now() + HAND_OVER_TIMEOUT;
            while handed && Instant::now() < deadline {
                if let Ok(Some(_)) | Err(_) = old.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = old.child.kill();
            let _ = old.child.wait();
        });
    if let Err(err) = closing {
        eprintln!("brook dev: cannot wait for the old app to close: {err}");
    }
    handed
}

fn start(exe: &Path, handover: Option<&Path>, dynamic: Option<&Dynamic>) -> anyhow::Result<App> {
    let mut command = Command::new(exe);
    command.env(DEV_ENV, "1").stdin(Stdio::piped());
    if let Some(dynamic) = dynamic {
        let var = library_path_var();
        let mut paths = dynamic.library_path.clone();
        if let Some(old) = std::env::var_os(var) {
            paths.extend(std::env::split_paths(&old));
        }
        if let Ok(joined) = std::env::join_paths(paths) {
            command.env(var, joined);
        }
    }
    match handover {
        Some(path) => {
            command.env(HANDOVER_ENV, path);
        }
        None => {
            command.env_remove(HANDOVER_ENV);
        }
    }
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start {}", exe.display()))?;
    let stdin = child.stdin.take();
    Ok(App { child, stdin })
}

/// Waits until the sources have been quiet for [`QUIET`].
fn settle(events: &Receiver<notify::Result<notify::Event>>) {
    while events.recv_timeout(QUIET).is_ok() {}
}

/// Whether a source changed while the build ran (events already queued).
fn changed_since(
    events: &Receiver<notify::Result<notify::Event>>,
    root: &Path,
    target_dir: &Path,
) -> bool {
    let mut changed = false;
    while let Ok(event) = events.try_recv() {
        changed |= relevant(&event, root, target_dir);
    }
    if changed {
        settle(events);
    }
    changed
}

/// Whether an event is a change of a source: not in the target folder nor
/// in a hidden one (`.git`), not an editor's temporary file, and a write,
/// creation, removal or rename.
fn relevant(event: &notify::Result<notify::Event>, root: &Path, target_dir: &Path) -> bool {
    let Ok(event) = event else { return false };
    if event.kind.is_access() || matches!(event.kind, notify::EventKind::Other) {
        return false;
    }
    event.paths.iter().any(|path| {
        if path.starts_with(target_dir) {
            return false;
        }
        let inside = path.strip_prefix(root).unwrap_or(path);
        let hidden = inside.components().any(|part| {
            let part = part.as_os_str().to_string_lossy();
            part.starts_with('.') || part == "target"
        });
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let scratch = name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp");
        !hidden && !scratch
    })
}

/// The result of `cargo build`.
enum Build {
    /// The executable.
    Built(PathBuf),
    /// rustc's messages of the errors, rendered as in a terminal (without
    /// colours).
    Failed(String),
}

fn build(root: &Path, target: &Target, dynamic: Option<&Dynamic>) -> anyhow::Result<Build> {
    let mut command = cargo();
    command
        .current_dir(root)
        .args(["build", "--message-format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // The dev build's program without its debug info: it links in about
    // two thirds of the time and starts sooner (264 MB against 58 MB for
    // the starter), and the dependencies are not rebuilt for it. A panic
    // still names its file and line in the window; a debugger wants a
    // plain `cargo build`. `BROOK_DEV_DEBUGINFO=1` keeps the debug info.
    if !target.release && std::env::var_os("BROOK_DEV_DEBUGINFO").is_none() {
        command.env("CARGO_PROFILE_DEV_STRIP", "debuginfo");
    }
    if let Some(dynamic) = dynamic {
        command.args(["--features", &dynamic.feature]);
    }
    if let Some(example) = &target.example {
        command.args(["--example", example]);
    }
    if let Some(bin) = &target.bin {
        command.args(["--bin", bin]);
    }
    if let Some(package) = &target.package {
        command.args(["--package", package]);
    }
    if target.release {
        command.arg("--release");
    }
    let mut child = command
        .spawn()
        .context("cannot start cargo (is it on the PATH?)")?;
    let stdout = child.stdout.take().context("no output from cargo")?;
    // cargo's own messages (a broken Cargo.toml, a dependency that cannot
    // be found) go to the terminal as before, and are kept to show in the
    // window when the build fails without a compiler error.
    let stderr = child.stderr.take().context("no error output from cargo")?;
    let cargo_said = std::thread::Builder::new()
        .name("brook-dev-cargo".to_owned())
        .spawn(move || {
            let mut kept: Vec<String> = Vec::new();
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                eprintln!("{line}");
                let progress = [
                    "Compiling",
                    "Checking",
                    "Building",
                    "Finished",
                    "Blocking",
                    "Updating",
                    "Locking",
                    "Adding",
                    "Downloaded",
                    "Downloading",
                    "Fresh",
                ]
                .iter()
                .any(|word| line.trim_start().starts_with(word));
                if !progress && kept.len() < 80 {
                    kept.push(line);
                }
            }
            kept.join("\n")
        })
        .context("cannot read cargo's messages")?;
    let mut errors = String::new();
    let mut executables = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.context("cannot read cargo's output")?;
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-message") => {
                let diagnostic = &message["message"];
                let rendered = diagnostic["rendered"].as_str().unwrap_or_default();
                eprint!("{rendered}");
                if diagnostic["level"].as_str() == Some("error") {
                    errors.push_str(rendered);
                }
            }
            Some("compiler-artifact") => {
                if let Some(exe) = message["executable"].as_str() {
                    let kind = &message["target"]["kind"];
                    let wanted = if target.example.is_some() {
                        "example"
                    } else {
                        "bin"
                    };
                    if kind
                        .as_array()
                        .is_some_and(|kinds| kinds.iter().any(|k| k == wanted))
                    {
                        executables.push(PathBuf::from(exe));
                    }
                }
            }
            _ => {}
        }
    }
    let status = child.wait().context("cargo did not finish")?;
    let cargo_said = cargo_said.join().unwrap_or_default();
    if !status.success() {
        if errors.is_empty() {
            errors = if cargo_said.trim().is_empty() {
                format!("{CARGO_FAILED} ({status}); its messages are in the terminal")
            } else {
                format!("{CARGO_FAILED} ({status}):\n{cargo_said}")
            };
        }
        return Ok(Build::Failed(errors));
    }
    match executables.as_slice() {
        [exe] => Ok(Build::Built(exe.clone())),
        [] => bail!(
            "the build made no program to run: give `--bin NAME` or `--example NAME` (a library \
             alone cannot be run)"
        ),
        several => bail!(
            "the build made {} programs: choose one with `--bin NAME` or `--example NAME`",
            several.len()
        ),
    }
}

/// A cargo command: the cargo running `brook` when cargo started it
/// (`CARGO`), else the one on the PATH.
fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The project's Cargo.toml, from `cargo locate-project`.
fn locate_manifest() -> anyhow::Result<PathBuf> {
    let output = cargo()
        .args(["locate-project", "--message-format", "plain"])
        .output()
        .context("cannot start cargo (is it on the PATH?)")?;
    if !output.status.success() {
        bail!(
            "`brook dev` runs in a cargo project's folder (one made by `brook new`, say): {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(PathBuf::from(
        String::from_utf8_lossy(&output.stdout).trim(),
    ))
}

/// Where cargo builds: `CARGO_TARGET_DIR`, or `target` in the project.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                root.join(dir)
            }
        })
        .unwrap_or_else(|| root.join("target"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: notify::EventKind, path: &str) -> notify::Result<notify::Event> {
        Ok(notify::Event::new(kind).add_path(PathBuf::from(path)))
    }

    #[test]
    fn only_source_changes_start_a_build() {
        let root = Path::new("/p");
        let target = Path::new("/p/target");
        let modify = notify::EventKind::Modify(notify::event::ModifyKind::Any);
        assert!(relevant(&event(modify, "/p/src/lib.rs"), root, target));
        assert!(relevant(&event(modify, "/p/Cargo.toml"), root, target));
        assert!(!relevant(&event(modify, "/p/target/debug/x"), root, target));
        assert!(!relevant(&event(modify, "/p/.git/index"), root, target));
        assert!(!relevant(
            &event(modify, "/p/src/.lib.rs.swp"),
            root,
            target
        ));
        assert!(!relevant(&event(modify, "/p/src/lib.rs~"), root, target));
        let access = notify::EventKind::Access(notify::event::AccessKind::Any);
        assert!(!relevant(&event(access, "/p/src/lib.rs"), root, target));
    }
}
