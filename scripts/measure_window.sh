#!/usr/bin/env bash
# Launch to first frame and idle frames of the brook gallery window, under an
# X server already on $DISPLAY (e.g. `Xvfb :91 -screen 0 1280x800x24 &`).
# Usage: DISPLAY=:91 scripts/measure_window.sh target/release/brook
set -uo pipefail
dir="$(mktemp -d)"
bin=$1; log=$(mktemp)
t0=$(date +%s.%N)
env -u WAYLAND_DISPLAY BROOK_LOG_FRAMES=1 XDG_CONFIG_HOME=$dir/config XDG_DATA_HOME=$dir/data "$bin" hello 2>"$log" &
pid=$!
until grep -q "brook: frame 1 at" "$log"; do sleep 0.01; done
first=$(grep -m1 "brook: frame 1 at" "$log" | sed -E 's/.*tv_sec: ([0-9]+), tv_nsec: ([0-9]+).*/\1 \2/')
read s ns <<<"$first"
python3 -c "print('launch to first frame: %.0f ms' % ((($s + $ns/1e9) - $t0) * 1000))"
sleep 4
before=$(grep -c "brook: frame" "$log")
sleep 5
after=$(grep -c "brook: frame" "$log")
echo "frames in 5 s of idle (after 4 s settling): $((after - before)); total frames $after"
kill $pid; wait $pid 2>/dev/null
grep -v "brook: frame" "$log" | head -5
