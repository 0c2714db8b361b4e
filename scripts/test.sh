#!/usr/bin/env bash
# Runs every check CI runs: formatting, clippy, the whole test suite, and a
# window smoke test under Xvfb. Installs the system packages it needs (Debian)
# when they are missing. Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
checkout="$PWD"
# One target folder for the workspace and the projects `brook new` makes
# below, so those reuse the dependencies built here.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

# System packages: Xvfb for the window check, and the libraries winit and
# glow load at run time (X11, xkbcommon, Mesa's software OpenGL).
# xdotool and xclip drive the window and read the X clipboard in
# scripts/desktop_check.sh.
# imagemagick's `import` takes the screenshots of scripts/dev_check.sh.
packages=(xvfb xauth libgl1-mesa-dri libegl1 libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6 xdotool xclip imagemagick)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
# The PostgreSQL halves of tests/connection.rs and
# tests/connection_streamlit_port.rs need a server and the `postgres`
# feature: they run below, so here their tests return at once (their SQLite
# tests run here).
BROOK_TEST_PG_LATER=1 cargo test --workspace
# Experimental features are tested with the feature on (their compile-fail
# doc test above runs with it off).
cargo clippy -p brook-app -p brook-tests --all-targets --features brook-app/experimental,brook-tests/experimental -- -D warnings
# `brook dev`'s link against brook's shared library (dev_check.sh runs it).
cargo clippy -p brook-app --lib --features dynamic_linking -- -D warnings
cargo test -p brook-tests --features experimental --test fragments --test pages --test pages_streamlit_port \
  --test components_streamlit_port
# Tables from Parquet files and Polars frames live behind brook-engine's
# optional `parquet` and `polars` features (their doc tests run with them).
cargo clippy -p brook-engine --all-targets --features parquet,polars -- -D warnings
cargo test -p brook-engine --features parquet,polars
# The API docs build without a warning (broken links, bad code blocks).
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps
# Every crate packages on its own (fonts and pictures inside the crate that
# uses them).
cargo package --workspace --no-verify --allow-dirty

# Connections (tests/connection.rs, tests/connection_streamlit_port.rs)
# against SQLite files and a real PostgreSQL server: a temporary cluster on
# a free local port (installed with apt-get when missing), stopped at the
# end, also on failure.
eval "$(scripts/pg_test_server.sh start)"
trap 'scripts/pg_test_server.sh stop "$BROOK_TEST_PG_DIR"' EXIT
cargo clippy -p brook-engine -p brook-app -p brook-tests --all-targets --features brook-tests/postgres -- -D warnings
cargo test -p brook-engine --features postgres --lib connection
cargo test -p brook-tests --features postgres --test connection --test connection_streamlit_port
scripts/pg_test_server.sh stop "$BROOK_TEST_PG_DIR"
trap - EXIT

# `brook snapshot <example>` renders an example's first frame through
# `cargo run --example`, with no window and no display.
cargo build -p brook-app --bin brook
snapshot_png="$(mktemp -d)/ticket_form.png"
env -u DISPLAY -u WAYLAND_DISPLAY "${CARGO_TARGET_DIR:-target}/debug/brook" snapshot ticket_form --out "$snapshot_png"
test -s "$snapshot_png"

# The window opens under Xvfb, runs the script once, draws it, and closes.
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
sleep 1
env -u WAYLAND_DISPLAY DISPLAY="$display" BROOK_SMOKE=1 timeout 120 "${CARGO_TARGET_DIR:-target}/debug/brook" hello | tee /tmp/brook-smoke.txt
grep -q "brook smoke: window drew run" /tmp/brook-smoke.txt

# `brook new` makes a project that tests and runs at once.
new_dir="$(mktemp -d)"
(cd "$new_dir" && "$CARGO_TARGET_DIR/debug/brook" new demo --path "$checkout")
(cd "$new_dir/demo" && cargo test)
(cd "$new_dir/demo" && env -u WAYLAND_DISPLAY DISPLAY="$display" BROOK_SMOKE=1 timeout 600 cargo run) | tee /tmp/brook-new-smoke.txt
grep -q "brook smoke: window drew run" /tmp/brook-new-smoke.txt

# `brook dev`: a slider's value survives a reload, and a compile error is
# shown in the window while the old build runs on.
scripts/dev_check.sh

# Clipboard to and from other applications, and links, under Xvfb.
cargo build -p brook-app --example desktop_check
scripts/desktop_check.sh "${CARGO_TARGET_DIR:-target}/debug/examples/desktop_check"
echo "all checks passed"
