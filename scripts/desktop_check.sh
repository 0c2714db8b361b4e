#!/usr/bin/env bash
# The window as a desktop user meets it, under Xvfb (issue 13): text copied
# from a brook text input is on the X clipboard; text put on the clipboard
# is pasted into the input and reaches the script; a click on a link button
# runs the browser command ($BROWSER). Drives the `desktop_check` example
# with xdotool, reads the clipboard with xclip, and waits for each effect by
# polling with a timeout. Needs Xvfb, xdotool and xclip (scripts/test.sh
# installs them). Usage: scripts/desktop_check.sh <desktop_check binary>
set -euo pipefail
bin="$1"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# poll SECONDS WHAT COMMAND...: runs COMMAND until it succeeds; fails naming
# WHAT when SECONDS pass first.
poll() {
  local seconds="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "desktop check FAILED: $what (after ${seconds} s)" >&2
      [ -f "$work/app.log" ] && tail -20 "$work/app.log" >&2
      return 1
    fi
    sleep 0.1
  done
}

display=":$((200 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY="$display"
unset WAYLAND_DISPLAY
poll 20 "Xvfb started" xdotool getdisplaygeometry

cat >"$work/browser.sh" <<SH
#!/bin/sh
printf '%s\n' "\$1" > "$work/browser.txt"
SH
chmod +x "$work/browser.sh"

BROWSER="$work/browser.sh" BROOK_DESK_OUT="$work/out.txt" \
  BROOK_SMOKE_LAYOUT="$work/layout.txt" \
  XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
  "$bin" >"$work/app.log" 2>&1 &
pids+=($!)

poll 60 "the window drew its widgets" grep -q "^Note	" "$work/layout.txt"
poll 10 "the first run wrote the note" grep -qx "hello from brook" "$work/out.txt"
window="$(xdotool search --name "brook desktop check" | head -1)"
# With no window manager, nothing gives the window the keyboard.
xdotool windowfocus --sync "$window"
centre() { awk -F '\t' -v label="$1" '$1 == label { print $2 }' "$work/layout.txt"; }
read -r note_x note_y <<<"$(centre "Note")"
read -r link_x link_y <<<"$(centre "brook docs")"

clipboard_is() { [ "$(xclip -o -selection clipboard 2>/dev/null)" = "$1" ]; }

# 1. Copy: select the input's text and press Ctrl+C.
xdotool mousemove --window "$window" "$note_x" "$note_y" click 1
xdotool key --clearmodifiers ctrl+a ctrl+c
poll 10 "text copied from the text input is on the X clipboard" clipboard_is "hello from brook"
echo "desktop check: copy reached the X clipboard"

# 2. Paste: xclip owns the clipboard (in the foreground, so it can be
# stopped), Ctrl+V into the input, Enter sends it to the script.
printf 'pasted into brook' | xclip -i -selection clipboard -quiet >/dev/null 2>&1 &
pids+=($!)
poll 10 "xclip holds the clipboard" clipboard_is "pasted into brook"
xdotool mousemove --window "$window" "$note_x" "$note_y" click 1
xdotool key --clearmodifiers ctrl+a ctrl+v Return
poll 10 "text pasted from the clipboard reached the script" grep -qx "pasted into brook" "$work/out.txt"
echo "desktop check: paste reached the script"

# 3. A click on the link button runs $BROWSER with its address.
xdotool mousemove --window "$window" "$link_x" "$link_y" click 1
poll 10 "the link button ran the browser command" grep -qx "https://example.com/brook-docs" "$work/browser.txt"
echo "desktop check: the link opened in \$BROWSER"
echo "desktop check passed"
