#!/usr/bin/env bash
# Runs every property suite N times (default 50), each time with a fresh random seed that is printed,
# so a harness or generator that breaks under some seed is found before CI finds it. Off CI: it takes
# a while. A failure prints the seed and the command that replays it. Usage:
#   pnpm test:property-seeds        # 50 rounds of every property suite
#   pnpm test:property-seeds 10     # 10 rounds
#   pnpm test:property-seeds 50 @shiftflow/events @shiftflow/notifier   # only these packages
set -uo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-50}"
shift || true
only=("$@")
# Some property suites import the built handler bundles.
pnpm build --output-logs=errors-only >/dev/null || { echo "pnpm build failed; run it to see why"; exit 1; }
suites=()
for folder in packages/*/test/property apps/*/test/property; do
  [ -d "$folder" ] || continue
  if [ "${#only[@]}" -gt 0 ]; then
    name=$(node -p "require('./$(dirname "$(dirname "$folder")")/package.json').name")
    [[ " ${only[*]} " == *" $name "* ]] || continue
  fi
  suites+=("$folder")
done
failures=0
for round in $(seq 1 "$rounds"); do
  for folder in "${suites[@]}"; do
    package_dir=$(dirname "$(dirname "$folder")")
    package=$(node -p "require('./$package_dir/package.json').name")
    seed=$(( (RANDOM << 15 | RANDOM) ))
    started=$(date +%s)
    if output=$(SHIFTFLOW_PROPERTY_SEED=$seed pnpm --filter "$package" exec vitest run test/property 2>&1); then
      echo "round $round $package seed $seed: passed ($(( $(date +%s) - started )) s)"
    else
      failures=$((failures + 1))
      echo "round $round $package seed $seed: FAILED"
      echo "  replay: SHIFTFLOW_PROPERTY_SEED=$seed pnpm --filter $package exec vitest run test/property"
      echo "$output" | sed 's/\x1b\[[0-9;]*m//g' | grep -E "FAIL|×|Error|Replay" | head -20 | sed 's/^/  /'
    fi
  done
done
echo "$failures failure(s) in $rounds rounds of ${#suites[@]} property suites"
[ "$failures" = 0 ]
