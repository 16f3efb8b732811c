#!/usr/bin/env bash
# Runs the whole test suite (`pnpm test`) N times in a row while two CPU hogs keep both cores of a
# 2-core machine busy: the suite must not depend on the machine's speed. Usage:
#   pnpm test:under-load            # 3 runs (default)
#   pnpm test:under-load 5          # 5 runs
# Each run's outcome and duration go to stdout and to test-under-load.log beside this script's
# working directory; the hogs are stopped by their PIDs when the script ends, however it ends.
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
hogs=()
stop_hogs() {
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null; done
  wait "${hogs[@]}" 2>/dev/null
}
trap stop_hogs EXIT INT TERM

if command -v stress-ng >/dev/null 2>&1; then
  stress-ng --cpu 2 --quiet &
  hogs+=("$!")
  hog_kind="stress-ng --cpu 2"
else
  for _ in 1 2; do
    sh -c 'while :; do :; done' &
    hogs+=("$!")
  done
  hog_kind="two shell busy loops"
fi

log=test-under-load.log
: >"$log"
failed_runs=0
echo "machine: $(nproc) cores, $(uname -sr); load: $hog_kind" | tee -a "$log"
for run in $(seq 1 "$runs"); do
  started=$(date +%s)
  output=$(mktemp)
  # --force: run every suite (no turbo cache); --continue: one failing package does not stop the others.
  pnpm test --force --continue >"$output" 2>&1
  status=$?
  seconds=$(( $(date +%s) - started ))
  # The vitest totals of every package, added up (colours stripped).
  totals=$(sed 's/\x1b\[[0-9;]*m//g' "$output" | awk '
    /Tests +[0-9]/ { for (i = 1; i <= NF; i++) { if ($(i + 1) ~ /^passed/) p += $i; if ($(i + 1) ~ /^failed/) f += $i } }
    END { printf "%d passed, %d failed", p, f }')
  load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
  echo "run $run/$runs: exit $status, $totals, ${seconds}s, load average at end $load" | tee -a "$log"
  if [ "$status" != 0 ]; then
    failed_runs=$((failed_runs + 1))
    sed 's/\x1b\[[0-9;]*m//g' "$output" | grep -E "FAIL|×|Error" | head -40 | tee -a "$log"
  fi
  rm -f "$output"
done
echo "$((runs - failed_runs)) of $runs runs passed under load" | tee -a "$log"
[ "$failed_runs" = 0 ]
