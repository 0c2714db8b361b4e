#!/usr/bin/env bash
# Measures `brook dev`'s loop under Xvfb: in a project made by `brook new`,
# one string literal (the "City" selectbox's label) is changed and saved,
# five times (or $1), and each time the time from the save to the first
# frame of the new build that draws the new label is measured (the frame's
# time is when the window wrote where it drew its widgets). Dependencies
# and the project are built first, not measured.
# Prints `save_to_frame_ms median=<m> max=<x>`.
# Usage: scripts/bench_dev_loop.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
source scripts/dev_common.sh

start_dev
wait_for_label "City" 600
times=()
previous="City"
for i in $(seq 1 "$runs"); do
  label="City $i"
  sleep 1
  saved=$(date +%s%N)
  sed -i "s/\"$previous\"/\"$label\"/" "$source_file"
  wait_for_label "$label" 120
  drawn=$(date -r "$layout" +%s%N)
  ms=$(((drawn - saved) / 1000000))
  echo "run $i: save to frame $ms ms"
  times+=("$ms")
  previous="$label"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$((${#sorted[@]} / 2))]}
max=${sorted[$((${#sorted[@]} - 1))]}
echo "save_to_frame_ms median=$median max=$max"
