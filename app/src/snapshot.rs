//! `brook snapshot <page | example> --out file.png`: the first frame of a
//! gallery page or of an example, rendered offscreen on the CPU (no window,
//! no GPU) to a PNG.
//!
//! Pages are the gallery's ([`crate::gallery::PAGES`], by title in any case:
//! `hello`, `caching`). Any other name is an example of the cargo project in
//! the current folder (brook's own, such as `csv_explorer`, or yours): brook
//! runs it with `cargo run --example <name>` and [`SNAPSHOT_ENV`] set, and
//! its [`crate::run`] renders the script's first frame instead of opening a
//! window.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use anyhow::{Context as _, bail};

use crate::Script;
use crate::gallery::PAGES;
use crate::testing::{AppTest, SnapshotExt as _, SnapshotOptions, Theme};
use crate::widgets::snapshot::RgbaImage;

/// Set (to the snapshot options, separated by U+001F) when `brook snapshot`
/// runs an example: [`crate::run`] then renders the first frame to the PNG
/// the options name, and opens no window.
pub const SNAPSHOT_ENV: &str = "BROOK_SNAPSHOT_ARGS";

/// Separates the arguments in [`SNAPSHOT_ENV`] (paths may hold spaces).
const SEPARATOR: char = '\u{1f}';

/// How long a page's or an example's first run may take (the caching page's
/// first load sleeps on purpose).
const RUN_TIMEOUT: Duration = Duration::from_secs(60);

/// The gallery showing page `name` (a page title, any case), after its
/// first run. `prepare` runs before the page is chosen, e.g. to set session
/// state the page reads.
///
/// ```
/// let at = brook::snapshot::gallery_page("hello", |_| {}).unwrap();
/// assert!(at.title().iter().any(|t| t == "Hello, brook"));
/// ```
///
/// # Errors
/// When no page has that name, or a run fails (times out).
pub fn gallery_page(name: &str, prepare: impl FnOnce(&AppTest)) -> anyhow::Result<AppTest> {
    let Some((title, _, _)) = PAGES
        .iter()
        .find(|(title, _, _)| title.eq_ignore_ascii_case(name))
    else {
        bail!("no gallery page `{name}`; pages: {}", page_names());
    };
    let mut at = AppTest::new(crate::gallery::gallery).with_timeout(RUN_TIMEOUT);
    at.try_run().context("the gallery's first run failed")?;
    prepare(&at);
    at.switch_page(title);
    at.try_run()
        .with_context(|| format!("the run of the {title} page failed"))?;
    Ok(at)
}

fn page_names() -> String {
    PAGES
        .iter()
        .map(|(title, _, _)| title.to_lowercase())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What `brook snapshot` was asked for.
struct Request {
    /// The page or example (none when an example renders itself).
    target: Option<String>,
    /// The arguments other than the target, for an example's process.
    rest: Vec<String>,
    out: Option<PathBuf>,
    options: SnapshotOptions,
    /// Build the example with `--release`.
    release: bool,
}

fn parse(args: &[String]) -> anyhow::Result<Request> {
    let mut request = Request {
        target: None,
        rest: Vec::new(),
        out: None,
        options: SnapshotOptions::new(),
        release: false,
    };
    // What an example's process is given: every argument but the target
    // and `--release`.
    let mut passed_on = vec![true; args.len()];
    let mut remaining = args.iter().enumerate();
    while let Some((at, arg)) = remaining.next() {
        let mut value = |flag: &str| {
            remaining
                .next()
                .map(|(_, value)| value)
                .with_context(|| format!("`{flag}` needs a value"))
        };
        let options = std::mem::take(&mut request.options);
        request.options = match arg.as_str() {
            "--out" | "-o" => {
                let out = value(arg)?;
                request.out = Some(PathBuf::from(out));
                options
            }
            "--size" => {
                let size = value(arg)?;
                let parsed = size
                    .split_once('x')
                    .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)));
                let Some((width, height)) = parsed else {
                    bail!("`--size {size}`: give the size in points as WIDTHxHEIGHT, e.g. 800x600");
                };
                options.size(width, height)
            }
            "--theme" => {
                let theme = value(arg)?;
                let theme_value = match theme.as_str() {
                    "light" => Theme::Light,
                    "dark" => Theme::Dark,
                    other => bail!("`--theme {other}`: the theme is `light` or `dark`"),
                };
                options.theme(theme_value)
            }
            "--pixels-per-point" | "--ppp" => {
                let ppp_text = value(arg)?;
                let ppp: f32 = ppp_text
                    .parse()
                    .ok()
                    .filter(|p: &f32| *p > 0.0)
                    .with_context(|| {
                        format!("`--pixels-per-point {ppp_text}`: give a positive number")
                    })?;
                options.pixels_per_point(ppp)
            }
            "--wide" => options.wide(true),
            "--release" => {
                request.release = true;
                passed_on[at] = false;
                options
            }
            flag if flag.starts_with('-') => bail!("unknown option `{flag}`; {USAGE}"),
            name if request.target.is_none() => {
                request.target = Some(name.to_owned());
                passed_on[at] = false;
                options
            }
            extra => bail!("unexpected argument `{extra}`; {USAGE}"),
        };
    }
    request.rest = args
        .iter()
        .zip(passed_on)
        .filter(|(_, passed)| *passed)
        .map(|(arg, _)| arg.clone())
        .collect();
    Ok(request)
}

/// Runs `brook snapshot <args>`: `<page | example> --out <file.png>
/// [--size WxH] [--theme light|dark] [--pixels-per-point N] [--wide]
/// [--release]`.
///
/// # Errors
/// On bad arguments, an unknown page or example, a failed run or render,
/// or when the PNG cannot be written.
pub fn cli(args: &[String]) -> anyhow::Result<()> {
    let request = parse(args)?;
    let Some(target) = request.target else {
        bail!("which page or example? {USAGE}; pages: {}", page_names());
    };
    let Some(out) = request.out else {
        bail!("where to? {USAGE}");
    };
    if PAGES
        .iter()
        .any(|(title, _, _)| title.eq_ignore_ascii_case(&target))
    {
        let at = gallery_page(&target, |_| {})?;
        let image = at
            .render_frame(&request.options)
            .map_err(|err| anyhow::anyhow!("cannot render the {target} page: {err}"))?;
        return save(&image, &out);
    }
    run_example(&target, &out, &request.rest, request.release)
}

/// Runs example `name` of the cargo project here, asking it to render its
/// first frame (`rest`: the snapshot options) instead of opening a window.
fn run_example(
    name: &str,
    out: &std::path::Path,
    rest: &[String],
    release: bool,
) -> anyhow::Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(["run", "--quiet", "--example", name]);
    if release {
        command.arg("--release");
    }
    command.env(SNAPSHOT_ENV, rest.join(&SEPARATOR.to_string()));
    let started = std::time::SystemTime::now();
    let status = command
        .status()
        .context("cannot start cargo to run the example (is cargo on the PATH?)")?;
    if !status.success() {
        bail!(
            "`cargo run --example {name}` failed ({status}); its message is above. (`{name}` is \
             not a gallery page: {}.)",
            page_names()
        );
    }
    // An example that never calls `brook::run` exits without a snapshot.
    let written = std::fs::metadata(out)
        .and_then(|meta| meta.modified())
        .is_ok_and(|modified| modified >= started);
    if !written {
        bail!(
            "the example `{name}` exited without writing {}: only an example that calls \
             `brook::run` can be snapshotted",
            out.display()
        );
    }
    Ok(())
}

/// When [`SNAPSHOT_ENV`] is set (by `brook snapshot <example>`): renders
/// `script`'s first frame to the PNG it names, with its options.
/// `None` when it is not set (or empty): open the window.
pub(crate) fn from_env(script: &Script) -> Option<anyhow::Result<()>> {
    let args = std::env::var(SNAPSHOT_ENV)
        .ok()
        .filter(|args| !args.is_empty())?;
    let args: Vec<String> = args
        .split(SEPARATOR)
        .filter(|arg| !arg.is_empty())
        .map(str::to_owned)
        .collect();
    Some(parse(&args).and_then(|request| {
        if let Some(extra) = request.target {
            bail!("unexpected argument `{extra}` in {SNAPSHOT_ENV}");
        }
        let out = request
            .out
            .with_context(|| format!("{SNAPSHOT_ENV} names no `--out` file"))?;
        let image = render_script(script, &request.options)?;
        save(&image, &out)
    }))
}

/// The first frame of `script`, after its first run, rendered offscreen.
///
/// ```
/// use brook::prelude::*;
///
/// let script: brook::Script = std::sync::Arc::new(|st: &St| st.title("Report"));
/// let options = brook::testing::SnapshotOptions::new().size(320.0, 120.0);
/// let image = brook::snapshot::render_script(&script, &options).unwrap();
/// assert_eq!(image.dimensions(), (320, 120));
/// ```
///
/// # Errors
/// When the first run fails (times out) or the frame cannot be rendered.
pub fn render_script(script: &Script, options: &SnapshotOptions) -> anyhow::Result<RgbaImage> {
    let script = std::sync::Arc::clone(script);
    let mut at = AppTest::new(move |st| script(st)).with_timeout(RUN_TIMEOUT);
    at.try_run().context("the script's first run failed")?;
    at.render_frame(options)
        .map_err(|err| anyhow::anyhow!("cannot render the first frame: {err}"))
}

fn save(image: &RgbaImage, out: &std::path::Path) -> anyhow::Result<()> {
    image
        .save(out)
        .with_context(|| format!("cannot write the PNG {}", out.display()))?;
    println!(
        "brook snapshot: wrote {} ({}x{} pixels)",
        out.display(),
        image.width(),
        image.height()
    );
    Ok(())
}

/// The command line of `brook snapshot`.
pub const USAGE: &str = "usage: brook snapshot <page | example> --out <file.png> [--size WxH] \
                         [--theme light|dark] [--pixels-per-point N] [--wide] [--release]";
