//! The `brook` binary: the gallery of every element (`brook hello`, or no
//! command), `brook snapshot`, `brook new` and `brook dev`. `brook --help`
//! and `brook <command> --help` describe each.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod dev_cmd;

/// Internal tools as native desktop apps: one plain Rust function, rerun on
/// every interaction.
#[derive(Parser)]
#[command(
    name = "brook",
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("BROOK_CHANNEL"), ")"),
    after_help = "With no command, `brook` opens the gallery (`brook hello`)."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Open the gallery: every element of brook, page by page.
    Hello,
    /// Render a gallery page's or an example's first frame to a PNG, with no
    /// window and no GPU.
    Snapshot(SnapshotArgs),
    /// Make a new cargo project with a starter tool: `brook new demo`, then
    /// `cd demo && cargo run` (or `brook dev`).
    New(NewArgs),
    /// Run the app of the cargo project here, and on every save rebuild it
    /// and replace it, keeping the window's place, widget values and
    /// session state.
    Dev(DevArgs),
}

#[derive(Args)]
struct DevArgs {
    /// Run this example of the project.
    #[arg(long, value_name = "NAME", conflicts_with = "bin")]
    example: Option<String>,
    /// Run this binary of the project (when it has several).
    #[arg(long, value_name = "NAME")]
    bin: Option<String>,
    /// The package, in a workspace of several.
    #[arg(short, long, value_name = "NAME")]
    package: Option<String>,
    /// Build with optimisations (slower builds, faster app).
    #[arg(long)]
    release: bool,
}

#[derive(Args)]
struct NewArgs {
    /// The project's name, also its folder (in the current folder).
    name: String,
    /// Depend on a local checkout of brook (its root folder) instead of the
    /// git repository's `main` branch.
    #[arg(long, value_name = "CHECKOUT")]
    path: Option<PathBuf>,
}

#[derive(Args)]
struct SnapshotArgs {
    /// A gallery page (`hello`, `caching`, ...) or an example of the cargo
    /// project in this folder, run with `cargo run --example <name>`.
    target: String,
    /// The PNG to write.
    #[arg(short, long, value_name = "FILE.png")]
    out: PathBuf,
    /// The window's size in points.
    #[arg(long, value_name = "WxH")]
    size: Option<String>,
    /// The theme.
    #[arg(long, value_parser = ["light", "dark"])]
    theme: Option<String>,
    /// Pixels per point (2 for a high-density screen).
    #[arg(long, visible_alias = "ppp", value_name = "N")]
    pixels_per_point: Option<String>,
    /// Lay the page out wide.
    #[arg(long)]
    wide: bool,
    /// Build the example with `--release`.
    #[arg(long)]
    release: bool,
}

impl SnapshotArgs {
    /// The arguments as `brook::snapshot::cli` reads them.
    fn into_args(self) -> Vec<String> {
        let mut args = vec![self.target, "--out".to_owned()];
        args.push(self.out.to_string_lossy().into_owned());
        for (flag, value) in [
            ("--size", self.size),
            ("--theme", self.theme),
            ("--pixels-per-point", self.pixels_per_point),
        ] {
            if let Some(value) = value {
                args.extend([flag.to_owned(), value]);
            }
        }
        for (flag, on) in [("--wide", self.wide), ("--release", self.release)] {
            if on {
                args.push(flag.to_owned());
            }
        }
        args
    }
}

fn main() -> std::process::ExitCode {
    // A mistake (a bad name, no project here) is one line, without the
    // backtrace `RUST_BACKTRACE` would add to an error returned from main.
    match command(Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn command(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        None | Some(Command::Hello) => brook::run("brook gallery", brook::gallery::gallery),
        Some(Command::Snapshot(args)) => brook::snapshot::cli(&args.into_args()),
        Some(Command::New(args)) => new_project(args),
        Some(Command::Dev(args)) => dev_cmd::run(&dev_cmd::Target {
            example: args.example,
            bin: args.bin,
            release: args.release,
            package: args.package,
        }),
    }
}

fn new_project(args: NewArgs) -> anyhow::Result<()> {
    let source = args.path.map_or(
        brook::new_project::Source::Git,
        brook::new_project::Source::Path,
    );
    let dir = brook::new_project::create(&args.name, std::path::Path::new("."), &source)?;
    println!(
        "Made {}: `cd {}` and `cargo run` opens it, `cargo test` tests it, `brook dev` reruns it on \
         every save.",
        dir.display(),
        args.name
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn snapshot_arguments_reach_the_snapshot_parser_unchanged() {
        let cli = Cli::try_parse_from([
            "brook", "snapshot", "hello", "-o", "a b.png", "--size", "800x600", "--ppp", "2",
            "--wide",
        ])
        .unwrap();
        let Some(Command::Snapshot(args)) = cli.command else {
            panic!("not the snapshot command");
        };
        assert_eq!(
            args.into_args(),
            [
                "hello",
                "--out",
                "a b.png",
                "--size",
                "800x600",
                "--pixels-per-point",
                "2",
                "--wide"
            ]
        );
    }

    #[test]
    fn no_command_is_the_gallery() {
        assert!(Cli::try_parse_from(["brook"]).unwrap().command.is_none());
        assert!(Cli::try_parse_from(["brook", "nonsense"]).is_err());
    }
}
