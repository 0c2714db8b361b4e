//! The `brook` binary: the demo app (`brook hello`, or no argument).

use anyhow::bail;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("hello") => brook::run("brook gallery", brook::gallery::gallery),
        Some("snapshot") => brook::snapshot::cli(&args[1..]),
        Some("--version" | "-V") => {
            println!("brook {} ({})", brook::VERSION, brook::CHANNEL);
            Ok(())
        }
        Some("--help" | "-h") => {
            println!(
                "usage: brook [hello | --version]\n\n  hello      open the hello app (the default)"
            );
            println!(
                "  snapshot   render a gallery page's or an example's first frame to a PNG, no window:\n             {}",
                brook::snapshot::USAGE
            );
            Ok(())
        }
        Some(other) => bail!("unknown command `{other}`: try `brook hello` or `brook --help`"),
    }
}
