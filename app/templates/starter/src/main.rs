//! Opens {{name}} in a window: `cargo run`.

fn main() -> brook::anyhow::Result<()> {
    brook::run("{{name}}", {{crate}}::app)
}
