#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) on its committed corpus; new interesting inputs
# are written to a scratch copy, so the committed corpus changes only when someone merges it in
# (`fuzz-X -merge=1 Fuzz/corpus/X .build/fuzz/corpus-X`). Stops with exit 1 at the first crash,
# printing libFuzzer's report; the crashing input is left in .build/fuzz/ as crash-*.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
for target in csv dates rows guards periods reports definitions zip inflate sheet html published legacy home; do
  scratch=.build/fuzz/corpus-$target
  log=.build/fuzz/log-$target
  mkdir -p "$scratch"
  echo "fuzz-$target: $seconds s"
  if ! .build/fuzz/fuzz-$target -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=.build/fuzz/ -print_final_stats=1 "$scratch" Fuzz/corpus/$target > "$log" 2>&1; then
    grep -v "^#\|^INFO\|Cannot export" "$log" | head -60
    echo "fuzz-$target found a crash: see $log and .build/fuzz/crash-*" >&2
    exit 1
  fi
  grep -E "^Done|number_of_executed_units|new_units_added|peak_rss" "$log"
done
