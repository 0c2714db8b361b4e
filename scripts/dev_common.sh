# Shared by scripts/dev_check.sh and scripts/bench_dev_loop.sh: a project
# made by `brook new` from this checkout, the X display they run it on, and
# a `brook dev` running in it. Source it from the checkout's root.

checkout="$PWD"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build -q -p brook-app --bin brook
brook="$CARGO_TARGET_DIR/debug/brook"

work="$(mktemp -d)"
# Not `demo`, the project scripts/test.sh makes: two packages of one name
# in one target folder share the path of their program.
(cd "$work" && "$brook" new devloop --path "$checkout" >/dev/null)
project="$work/devloop"
source_file="$project/src/lib.rs"
layout="$work/layout.txt"
dev_log="$work/dev.log"
# The first build is not measured.
(cd "$project" && cargo build -q)

display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
dev_pid=""
cleanup() {
  # The app first (a child of `brook dev`), then `brook dev`.
  [ -n "$dev_pid" ] && pkill -P "$dev_pid" 2>/dev/null
  [ -n "$dev_pid" ] && kill "$dev_pid" 2>/dev/null
  kill "$xvfb_pid" 2>/dev/null
  true
}
trap cleanup EXIT
sleep 1

# Starts `brook dev` in the project; its app writes where each widget is
# drawn (label, tab, centre) to $layout after every frame that moved one.
start_dev() {
  (cd "$project" && exec env -u WAYLAND_DISPLAY DISPLAY="$display" BROOK_SMOKE_LAYOUT="$layout" \
    "$brook" dev >"$dev_log" 2>&1) &
  dev_pid=$!
}

# Waits until a widget labelled $1 is drawn (at most $2 seconds).
wait_for_label() {
  local label="$1" deadline=$((SECONDS + ${2:-120}))
  until [ -f "$layout" ] && grep -q "^${label}	" "$layout"; do
    if ((SECONDS > deadline)); then
      echo "no widget labelled '$label' was drawn in time; brook dev said:" >&2
      cat "$dev_log" >&2
      return 1
    fi
    sleep 0.005
  done
}

# The centre of the widget labelled $1, as "x y".
centre_of() {
  grep "^${1}	" "$layout" | head -1 | cut -f2
}

# The app's process: the child of `brook dev` (the app is its only child
# between builds).
app_pid() {
  pgrep -P "$dev_pid" | head -1
}
