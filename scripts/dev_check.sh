#!/usr/bin/env bash
# Checks `brook dev` under Xvfb in a project made by `brook new`:
# 1. a slider's value survives a reload: the slider is set with the mouse,
#    the source changes, and the new build hands the same value on again;
# 2. a compile error is shown in the window while the old build keeps
#    running (a screenshot is left in $1, default: the temporary folder),
#    and the fixed source replaces it.
# Usage: scripts/dev_check.sh [screenshot folder]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/dev_common.sh
shots="${1:-$work}"
mkdir -p "$shots"

# The value of the "Days" slider in a hand-over file: `Int(123)`.
days_in() {
  grep -o '"Days",[[:space:]]*Int([0-9]*)' "$1" | grep -o 'Int([0-9]*)'
}
# The hand-over file brook dev used last.
handover_file() {
  grep -o 'handed over: .*' "$dev_log" | tail -1 | sed 's/handed over: //'
}

start_dev
wait_for_label "Days" 600
# A debug build under `brook dev` links against brook's shared library.
pid="$(app_pid)"
grep -q "libbrook_dylib" "/proc/$pid/maps" || {
  echo "the app ($pid) is not linked against brook's shared library" >&2
  exit 1
}
echo "dev check: the app runs linked against brook's shared library"
read -r x y < <(centre_of "Days")
# Drag the slider's handle to the right end: far from its default of 90.
for step in "mousemove $x $y" "mousedown 1" "mousemove $((x + 30)) $y" "mouseup 1"; do
  env DISPLAY="$display" xdotool $step
  sleep 0.3
done
sleep 0.5

# 1. Reload: the label changes; the slider keeps its value. While the new
# build compiles, the running app says "rebuilding…".
builds_before=$(grep -c "brook dev: building" "$dev_log")
sed -i 's/"City"/"Town"/' "$source_file"
until (($(grep -c "brook dev: building" "$dev_log") > builds_before)); do sleep 0.05; done
sleep 0.3
env DISPLAY="$display" import -window root "$shots/dev_rebuilding.png"
wait_for_label "Town" 300
first="$(days_in "$(handover_file)")"
echo "dev check: the first build handed over Days = $first"
[ "$first" != "Int(90)" ] || { echo "the slider was not moved" >&2; exit 1; }
sed -i 's/"Town"/"Place"/' "$source_file"
wait_for_label "Place" 300
second="$(days_in "$(handover_file)")"
echo "dev check: the second build handed over Days = $second"
[ "$first" = "$second" ] || { echo "the slider's value was lost in the reload: $first, then $second" >&2; exit 1; }
env DISPLAY="$display" import -window root "$shots/dev_reloaded.png"

# 2. A compile error: shown in the window, the old build goes on.
before="$(app_pid)"
printf '\nfn broken( {\n' >>"$source_file"
deadline=$((SECONDS + 300))
until grep -q "the build failed; the error is shown" "$dev_log"; do
  ((SECONDS < deadline)) || { echo "no compile error was shown" >&2; cat "$dev_log" >&2; exit 1; }
  sleep 0.1
done
sleep 1
env DISPLAY="$display" import -window root "$shots/dev_compile_error.png"
after="$(app_pid)"
[ -n "$before" ] && [ "$before" = "$after" ] && kill -0 "$after" || {
  echo "the old build did not keep running ($before, then $after)" >&2
  exit 1
}
echo "dev check: the compile error is shown; the old build ($after) runs on"
# It still answers: fixing the error hands its state to the new build.
sed -i '/^fn broken( {$/d' "$source_file"
sed -i 's/"Place"/"Spot"/' "$source_file"
wait_for_label "Spot" 300

# `brook dev` stopped (SIGTERM, as an editor's stop button sends): the app
# closes too, no window is left behind.
app="$(app_pid)"
kill -TERM "$dev_pid"
for _ in $(seq 1 100); do
  kill -0 "$app" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$app" 2>/dev/null; then
  echo "the app ($app) kept running after brook dev was stopped" >&2
  exit 1
fi
dev_pid=""
echo "dev check: stopping brook dev closed the app"
echo "dev check: passed"
