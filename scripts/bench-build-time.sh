#!/usr/bin/env bash
# Clean debug build time of the generated SDK (boltz-api and all its dependencies), median
# of N runs (default 3), each into a fresh target directory. Prints a Markdown table row.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cargo fetch -q
times=()
for i in $(seq "$runs"); do
  dir=$(mktemp -d)
  start=$(date +%s.%N)
  CARGO_TARGET_DIR="$dir" cargo build -q -p boltz-api
  end=$(date +%s.%N)
  rm -rf "$dir"
  times+=("$(echo "$end - $start" | bc)")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "| boltz-api clean debug build (cargo build -p boltz-api) | $(printf '%.1f' "$median") s | runs: ${times[*]} |"
