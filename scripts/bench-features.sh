#!/usr/bin/env bash
# Compile only what you use (issue 10, §3): for each spec, the `cargo check` time of the whole
# generated crate against a crate with one resource enabled.
#
#   usage: bash scripts/bench-features.sh [SPEC...]
#   default specs: the three largest dev-corpus specs (docusign, here.com tracking, sagemaker)
#
# Environment: FEATURES_WORK (crates and the shared target folder, default
# /work/scratch-giants/features), RUNS (default 3), CHECK_TIMEOUT_MIN (default 20).
#
# Per spec: generate; dependencies are built once, untimed (a warm-up check of the whole
# crate); then `cargo check` of the whole crate (`--features full`, or the default features
# when they enable every resource) and of one resource (`--no-default-features --features R`,
# R the top-level resource with the median operation count), RUNS times each, touching
# src/lib.rs before every run, with incremental compilation off. Prints medians, the ratio
# (target at most 0.15) and the peak memory of the whole-crate check (GNU time's maximum RSS:
# rustc). Heavy steps run under `nice -n 19`; each crate is deleted after its row.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${FEATURES_WORK:-/work/scratch-giants/features}
runs=${RUNS:-3}
timeout_min=${CHECK_TIMEOUT_MIN:-20}
corpus="$root/../shared/corpus/specs"
if [ $# -eq 0 ]; then
  set -- "$corpus/docusign.net.json" "$corpus/here.com_tracking.json" \
    "$corpus/amazonaws.com_sagemaker.json"
fi
export CARGO_TARGET_DIR="$work/target" CARGO_INCREMENTAL=0
[ -x /usr/bin/time ] || { echo "GNU time missing: apt-get install -y time" >&2; exit 2; }
mkdir -p "$work"
nice -n 19 cargo build -q --release -p boltz-codegen
gen="$root/target/release/boltz-codegen"

# Operations per top-level feature: "count feature" lines, from the `#[cfg(feature)]` on each
# resource module (the root's operations are the private module `client`, feature `root`) and
# the `send` of each operation builder in it.
ops_per_feature() {
  local crate=$1
  awk '/#\[cfg\(feature = "/ { split($0, q, "\""); f = q[2]; next }
       /^(pub )?mod / && f != "" { m = $NF; sub(/;$/, "", m); print f, m } { f = "" }' \
    "$crate/src/resources/mod.rs" |
    while read -r feature module; do
      echo "$feature $(grep -c 'pub fn send(' "$crate/src/resources/$module.rs" || true)"
    done | awk '{ n[$1] += $2 } END { for (f in n) print n[f], f }' | sort -n
}

# `timed ARGS...`: one `cargo check ARGS` after touching lib.rs; prints "seconds MiB".
timed() {
  touch src/lib.rs
  /usr/bin/time -f '%e %M' -o "$work/time" timeout "${timeout_min}m" \
    nice -n 19 cargo check -q "$@" >"$work/check.log" 2>&1 ||
    { echo "cargo check $* failed or timed out:" >&2; tail -5 "$work/check.log" >&2; return 1; }
  awk '{ printf "%.1f %d\n", $1, $2 / 1024 }' "$work/time"
}

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

rows=()
for spec in "$@"; do
  name=$(basename "$spec" .json)
  echo "== $name" >&2
  df -h / | tail -1 >&2
  crate="$work/crate"
  rm -rf "$crate"
  nice -n 19 "$gen" generate "$spec" --out "$crate" >/dev/null
  cd "$crate"
  if grep -q '^default = \[\]' Cargo.toml; then whole=(--features full); else whole=(); fi
  mapfile -t counts < <(ops_per_feature "$crate")
  total=$(printf '%s\n' "${counts[@]}" | awk '{ s += $1 } END { print s + 0 }')
  pick=${counts[$(((${#counts[@]} - 1) / 2))]}
  read -r pick_ops feature <<<"$pick"
  nice -n 19 cargo check -q "${whole[@]}" >/dev/null 2>&1 # dependencies, untimed
  w=() o=() peak=0
  for _ in $(seq "$runs"); do
    read -r s m <<<"$(timed "${whole[@]}")"
    w+=("$s")
    [ "$m" -gt "$peak" ] && peak=$m
    read -r s _ <<<"$(timed --no-default-features --features "$feature")"
    o+=("$s")
  done
  mw=$(median "${w[@]}") mo=$(median "${o[@]}")
  ratio=$(awk -v a="$mo" -v b="$mw" 'BEGIN { printf "%.2f", a / b }')
  verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 0.15) ? "ok" : "MISS" }')
  lines=$(find src -name '*.rs' -exec cat {} + | wc -l)
  pkg=$(awk -F'"' '/^name = / { print $2; exit }' Cargo.toml)
  cargo clean -q -p "$pkg"
  cd "$root"
  rm -rf "$crate"
  rows+=("| $name | $lines | ${#counts[@]} | $feature ($pick_ops of $total ops) | $mw s (${w[*]}) | $peak MiB | $mo s (${o[*]}) | $ratio ($verdict) |")
done

echo
echo "| spec | lines | resources | one resource (median by operations) | whole crate check | whole peak | one resource check | ratio (≤ 0.15) |"
echo "|---|---:|---:|---|---|---:|---|---|"
printf '%s\n' "${rows[@]}"
