//! Compiles the release channel in: `stable` for a published crate, or
//! `nightly <commit date>` when built from a git checkout (the main branch).
//! `BROOK_CHANNEL` overrides it.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=BROOK_CHANNEL");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let git_dir = Path::new(&manifest).join("..").join(".git");
    let channel = match std::env::var("BROOK_CHANNEL") {
        Ok(channel) => channel,
        Err(_) if git_dir.exists() => {
            // Rebuilt when a commit is made. In a worktree `.git` is a file
            // naming the real folder; a path that does not exist would make
            // cargo rerun this script, and rebuild brook, on every build.
            let real_dir = std::fs::read_to_string(&git_dir)
                .ok()
                .and_then(|text| {
                    text.strip_prefix("gitdir:")
                        .map(|dir| dir.trim().to_owned())
                })
                .map_or_else(|| git_dir.clone(), std::path::PathBuf::from);
            for watched in [real_dir.join("HEAD"), real_dir.join("refs")] {
                if watched.exists() {
                    println!("cargo:rerun-if-changed={}", watched.display());
                }
            }
            let date = Command::new("git")
                .args(["log", "-1", "--format=%cs"])
                .current_dir(&manifest)
                .output()
                .ok()
                .filter(|out| out.status.success())
                .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
                .filter(|date| !date.is_empty())
                .unwrap_or_else(|| "unknown date".to_owned());
            format!("nightly {date}")
        }
        Err(_) => "stable".to_owned(),
    };
    println!("cargo:rustc-env=BROOK_CHANNEL={channel}");
}
