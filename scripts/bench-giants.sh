#!/usr/bin/env bash
# The giants (issue 10, §2): generate six of the largest public OpenAPI descriptions one at a
# time, measure wall time and peak RSS, check the generated paths (no component over 100
# bytes, no relative path over 200), `cargo check` each crate, then delete it before the next.
#
#   usage: bash scripts/bench-giants.sh [NAME_FILTER]
#
# Environment:
#   GIANTS_DIR        the specs (fetched with ../shared/corpus/fetch-giants.sh if absent),
#                     default /work/scratch-giants/specs; nothing of them enters the repository
#   GIANTS_WORK       crates and the shared target folder, default /work/scratch-giants/work
#   CHECK_TIMEOUT_MIN timeout of each `cargo check`, default 20 (minutes)
#   FULL_MAX_MB       also check `--features full` for giants up to this size, default 6
#   SKIP_CHECK=1      generate and measure only
#
# Every heavy step runs under `nice -n 19`. Dependencies are built once, untimed, into a target
# folder shared by all crates; each crate's own artifacts are removed with `cargo clean -p`
# (and its folder deleted) before the next. Incremental compilation is off, so a check's time
# is the crate's full check. Peak memory is GNU time's maximum RSS (for cargo: its largest
# child, rustc).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
giants=${GIANTS_DIR:-/work/scratch-giants/specs}
work=${GIANTS_WORK:-/work/scratch-giants/work}
timeout_min=${CHECK_TIMEOUT_MIN:-20}
full_max_mb=${FULL_MAX_MB:-6}
filter=${1:-}
export CARGO_TARGET_DIR="$work/target" CARGO_INCREMENTAL=0

[ -x /usr/bin/time ] || { echo "GNU time missing: apt-get install -y time" >&2; exit 2; }
if ! ls "$giants"/*.json >/dev/null 2>&1; then
  bash "$root/../shared/corpus/fetch-giants.sh" "$giants"
fi
mkdir -p "$work"
nice -n 19 cargo build -q --release -p boltz-codegen
gen="$root/target/release/boltz-codegen"

# `measure LOG CMD...`: runs CMD under GNU time; prints "exit seconds MiB".
measure() {
  local log=$1 rc=0
  shift
  /usr/bin/time -v -o "$log.time" "$@" >"$log" 2>&1 || rc=$?
  local wall kb
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log.time" |
    awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log.time")
  echo "$rc $wall $((kb / 1024))"
}

# Longest path component and longest relative path (bytes) under a crate, target excluded.
path_lengths() {
  (cd "$1" && find . -path ./target -prune -o -print | sed 's|^\./||' | grep -v '^\.$' |
    awk '{ if (length($0) > p) p = length($0); n = split($0, c, "/");
           for (i = 1; i <= n; i++) if (length(c[i]) > m) m = length(c[i]) }
         END { print m + 0, p + 0 }')
}

# `check LABEL DIR ARGS...`: a timed `cargo check`; prints the table cell.
check() {
  local label=$1 dir=$2 r rc wall mib
  shift 2
  r=$(cd "$dir" && measure "$work/check-$label.log" \
    timeout "${timeout_min}m" nice -n 19 cargo check -q "$@")
  read -r rc wall mib <<<"$r"
  case $rc in
    0) echo "${wall} s / ${mib} MiB" ;;
    124) echo "did not finish in ${timeout_min} min (${mib} MiB so far)" ;;
    *) echo "FAILED (exit $rc, ${wall} s): $(grep -m1 '^error' "$work/check-$label.log" || true)" ;;
  esac
}

# Warm the shared target folder with the dependencies every generated crate has (untimed).
if [ -z "${SKIP_CHECK:-}" ]; then
  rm -rf "$work/warm"
  "$gen" generate spec/boltz-api.yaml --out "$work/warm" >/dev/null
  (cd "$work/warm" && nice -n 19 cargo check -q --all-features)
  (cd "$work/warm" && cargo clean -q -p boltz-api) && rm -rf "$work/warm"
fi

rows=()
for spec in $(ls -S "$giants"/*.json); do
  name=$(basename "$spec" .json)
  [[ -z "$filter" || "$name" == *"$filter"* ]] || continue
  echo "== $name" >&2
  mb=$(awk -v b="$(stat -c %s "$spec")" 'BEGIN { printf "%.1f", b / 1e6 }')
  ops=$(jq '[.paths[] | to_entries[] | select(.key | test("^(get|put|post|delete|options|head|patch|trace)$"))] | length' "$spec")
  crate="$work/crate"
  rm -rf "$crate"
  read -r rc wall mib <<<"$(measure "$work/gen-$name.log" nice -n 19 "$gen" generate "$spec" --out "$crate")"
  budget=$(awk -v m="$mb" -v n="$name" 'BEGIN { if (n ~ /graph-beta/) print 8; else printf "%.2f", m / 5 }')
  verdict=$(awk -v w="$wall" -v b="$budget" -v r="$rc" 'BEGIN { print (r == 0 && w <= b) ? "ok" : "MISS" }')
  if [ "$rc" != 0 ]; then
    rows+=("| $name | $mb | $ops | FAILED (exit $rc) $(tail -1 "$work/gen-$name.log") | $mib | | | | | |")
    continue
  fi
  read -r comp path <<<"$(path_lengths "$crate")"
  files=$(find "$crate/src" -name '*.rs' | wc -l)
  lines=$(find "$crate/src" -name '*.rs' -exec cat {} + | wc -l)
  default="skipped" full="skipped"
  if [ -z "${SKIP_CHECK:-}" ]; then
    df -h / | tail -1 >&2
    default=$(check "$name-default" "$crate")
    if grep -q '^default = \[\]' "$crate/Cargo.toml"; then
      if awk -v m="$mb" -v x="$full_max_mb" 'BEGIN { exit !(m <= x) }'; then
        full=$(check "$name-full" "$crate" --features full)
      else
        full="not run (over ${full_max_mb} MB)"
      fi
    else
      full="= default (every resource on by default)"
    fi
    pkg=$(awk -F'"' '/^name = / { print $2; exit }' "$crate/Cargo.toml")
    (cd "$crate" && cargo clean -q -p "$pkg")
  fi
  rm -rf "$crate"
  rows+=("| $name | $mb | $ops | $wall s (≤ $budget, $verdict) | $mib | $files | $comp / $path | $lines | $default | $full |")
done

echo
echo "| spec | MB | operations | generation | gen peak MiB | files | longest component / path (bytes) | lines | check, default features | check, --features full |"
echo "|---|---:|---:|---|---:|---:|---|---:|---|---|"
printf '%s\n' "${rows[@]}"
