//! `brook snapshot <page> --out file.png`: the first frame of a gallery page,
//! rendered offscreen on the CPU (no window, no GPU) to a PNG.
//!
//! Pages are the gallery's ([`crate::gallery::PAGES`], by title in any case:
//! `hello`, `caching`). The examples are separate binaries; snapshot one from
//! a test of your own with `at.snapshot("name")` (README, "Snapshot tests of
//! your app").

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context as _, bail};

use crate::gallery::PAGES;
use crate::testing::{AppTest, SnapshotExt as _, SnapshotOptions, Theme};

/// How long a gallery page's first run may take (the caching page's first
/// load sleeps on purpose).
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
    let Some((title, _)) = PAGES
        .iter()
        .find(|(title, _)| title.eq_ignore_ascii_case(name))
    else {
        bail!("no gallery page `{name}`; pages: {}", page_names());
    };
    let mut at = AppTest::new(crate::gallery::gallery).with_timeout(RUN_TIMEOUT);
    at.try_run().context("the gallery's first run failed")?;
    prepare(&at);
    at.widget("page").set_value(*title);
    at.try_run()
        .with_context(|| format!("the run of the {title} page failed"))?;
    Ok(at)
}

fn page_names() -> String {
    PAGES
        .iter()
        .map(|(title, _)| title.to_lowercase())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs `brook snapshot <args>`: `<page> --out <file.png> [--size WxH]
/// [--theme light|dark] [--pixels-per-point N] [--wide]`.
///
/// # Errors
/// On bad arguments, an unknown page, a failed run or render, or when the
/// PNG cannot be written.
pub fn cli(args: &[String]) -> anyhow::Result<()> {
    let mut page = None;
    let mut out = None;
    let mut options = SnapshotOptions::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .with_context(|| format!("`{flag}` needs a value"))
        };
        match arg.as_str() {
            "--out" | "-o" => out = Some(PathBuf::from(value(arg)?)),
            "--size" => {
                let size = value(arg)?;
                let parsed = size
                    .split_once('x')
                    .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)));
                let Some((width, height)) = parsed else {
                    bail!("`--size {size}`: give the size in points as WIDTHxHEIGHT, e.g. 800x600");
                };
                options = options.size(width, height);
            }
            "--theme" => {
                options = options.theme(match value(arg)?.as_str() {
                    "light" => Theme::Light,
                    "dark" => Theme::Dark,
                    other => bail!("`--theme {other}`: the theme is `light` or `dark`"),
                });
            }
            "--pixels-per-point" | "--ppp" => {
                let ppp = value(arg)?;
                let ppp: f32 = ppp
                    .parse()
                    .ok()
                    .filter(|p: &f32| *p > 0.0)
                    .with_context(|| {
                        format!("`--pixels-per-point {ppp}`: give a positive number")
                    })?;
                options = options.pixels_per_point(ppp);
            }
            "--wide" => options = options.wide(true),
            flag if flag.starts_with('-') => bail!("unknown option `{flag}`; {USAGE}"),
            name if page.is_none() => page = Some(name.to_owned()),
            extra => bail!("unexpected argument `{extra}`; {USAGE}"),
        }
    }
    let Some(page) = page else {
        bail!("which page? {USAGE}; pages: {}", page_names());
    };
    let Some(out) = out else {
        bail!("where to? {USAGE}");
    };
    let at = gallery_page(&page, |_| {})?;
    let image = at
        .render_frame(&options)
        .map_err(|err| anyhow::anyhow!("cannot render the {page} page: {err}"))?;
    image
        .save(&out)
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
pub const USAGE: &str = "usage: brook snapshot <page> --out <file.png> [--size WxH] \
                         [--theme light|dark] [--pixels-per-point N] [--wide]";
