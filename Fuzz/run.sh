#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) on its committed corpus; new interesting inputs
# are written to a scratch copy, so the committed corpus changes only when someone merges it in
# (`fuzz-X -merge=1 Fuzz/corpus/X .build/fuzz/corpus-X`). Exits non-zero on the first crash;
# the crashing input is left in .build/fuzz/ as crash-*.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
for target in csv dates rows; do
  scratch=.build/fuzz/corpus-$target
  mkdir -p "$scratch"
  echo "fuzz-$target: $seconds s"
  .build/fuzz/fuzz-$target -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=.build/fuzz/ -print_final_stats=1 "$scratch" Fuzz/corpus/$target 2>&1 | tail -12
done
