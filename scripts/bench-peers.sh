#!/usr/bin/env bash
# Side by side with the peers (issue 10, §4): for each spec, boltz-codegen, progenitor
# (cargo-progenitor) and openapi-generator (its `rust` generator) each generate a crate (ours
# twice: "ours" vendors the runtime into the crate, the default; "ours-crate" depends on the
# runtime crate, `generate --runtime-path`, as progenitor's crates depend on progenitor-client); the
# script records whether it generated, the generation time and peak memory, whether the crate
# passes `cargo check`, and the crate's own check time. It ends with medians and ratios.
#
#   usage: bash scripts/bench-peers.sh [SPEC...]      (default: every dev-corpus spec)
#
# Environment: PEERS_WORK (crates, target folders, tools; default /work/scratch-giants/peers),
# GEN_TIMEOUT_S (default 300), CHECK_TIMEOUT_MIN (default 10), PROGENITOR_VERSION (0.11.2),
# OPENAPI_GENERATOR_VERSION (7.26.0), PEERS_TOOLS (the tools to run, default all four:
# "ours ours-crate progenitor openapi-generator").
#
# Installs what it needs: cargo-progenitor with `cargo install --locked` into
# $PEERS_WORK/tools, openapi-generator-cli from PyPI (it carries its jar) and a Java runtime
# from Debian's packages when `java` is missing.
#
# Timing: generation is one run under GNU time (wall seconds, maximum RSS). Each tool's
# crates share one target folder, so dependencies are built once per tool; the crate's own
# check time is its unit's duration in `cargo check --timings` (dependencies excluded, since
# in a check they all finish before the crate starts; the runtime crate and progenitor-client
# are dependencies). Our crates are checked with the
# feature set that enables every resource (default features, or `full` for large specs),
# without the command line. Everything heavy runs under `nice -n 19`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${PEERS_WORK:-/work/scratch-giants/peers}
gen_timeout=${GEN_TIMEOUT_S:-300}
check_timeout=${CHECK_TIMEOUT_MIN:-10}
progenitor_version=${PROGENITOR_VERSION:-0.11.2}
oag_version=${OPENAPI_GENERATOR_VERSION:-7.26.0}
read -r -a tools <<<"${PEERS_TOOLS:-ours ours-crate progenitor openapi-generator}"
export CARGO_INCREMENTAL=0
mkdir -p "$work/tools" "$work/out"

# ---- tools
[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null
wants() { [[ " ${tools[*]} " == *" $1 "* ]]; }
if wants openapi-generator; then
  command -v java >/dev/null || apt-get install -y -q default-jre-headless >/dev/null
  if ! openapi-generator-cli version 2>/dev/null | grep -qx "$oag_version"; then
    python3 -m pip install -q "openapi-generator-cli==$oag_version"
  fi
fi
if wants progenitor && ! grep -qs "cargo-progenitor $progenitor_version " "$work/tools/.crates.toml"; then
  nice -n 19 cargo install -q --locked --root "$work/tools" cargo-progenitor --version "$progenitor_version"
fi
nice -n 19 cargo build -q --release -p boltz-codegen
ours="$root/target/release/boltz-codegen"
progenitor="$work/tools/bin/cargo-progenitor"

if [ $# -eq 0 ]; then
  shopt -s nullglob
  set -- "$root"/../shared/corpus/specs/*.json "$root"/../shared/corpus/specs/*.yaml
  shopt -u nullglob
fi

# `command_of TOOL SPEC DIR NAME`: sets `cmd` to the tool's command line.
command_of() {
  local tool=$1 spec=$2 dir=$3 name=$4
  case $tool in
  ours) cmd=("$ours" generate "$spec" --out "$dir" --crate-name "$name") ;;
  ours-crate) cmd=("$ours" generate "$spec" --out "$dir" --crate-name "$name"
    --runtime-path "$root/generator/runtime") ;;
  progenitor) cmd=("$progenitor" progenitor -i "$spec" -o "$dir" -n "$name" -v 0.1.0) ;;
  openapi-generator)
    cmd=(openapi-generator-cli generate -i "$spec" -g rust -o "$dir" --skip-validate-spec
      --additional-properties "packageName=$name") ;;
  esac
}

# `features DIR`: the cargo arguments that build every resource of one of our crates.
features() {
  if grep -q '^full = ' "$1/Cargo.toml" && grep -q '^default = \[\]' "$1/Cargo.toml"; then
    echo "--features full"
  fi
}

# `crate_seconds TIMINGS_HTML NAME`: the duration of the crate's own unit.
crate_seconds() {
  python3 - "$1" "$2" <<'EOF'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);", html, re.S).group(1))
name = sys.argv[2]
own = [u["duration"] for u in units if u["name"] == name and "build-script" not in u.get("target", "")]
print(f"{max(own):.2f}" if own else "")
EOF
}

results="$work/results.tsv"
printf 'spec\ttool\tgenerated\tgen_s\tgen_mib\tchecked\tcheck_s\n' >"$results"
for spec in "$@"; do
  base=$(basename "$spec")
  base=${base%.*}
  name="peer-$(echo "$base" | tr 'A-Z._' 'a-z--' | tr -cd 'a-z0-9-')"
  echo "== $base" >&2
  for tool in "${tools[@]}"; do
    dir="$work/out/$tool/$name"
    rm -rf "$dir"
    mkdir -p "$(dirname "$dir")"
    generated=no gen_s= gen_mib= checked= check_s=
    command_of "$tool" "$spec" "$dir" "$name"
    if /usr/bin/time -f '%e %M' -o "$work/time" timeout "$gen_timeout" nice -n 19 "${cmd[@]}" \
      >"$work/gen.log" 2>&1 && [ -f "$dir/Cargo.toml" ]; then
      generated=yes
    fi
    read -r gen_s gen_mib <<<"$(awk 'END { printf "%.2f %d\n", $1, $2 / 1024 }' "$work/time")"
    if [ $generated = yes ]; then
      # A crate of its own (no workspace above it), checked into the tool's target folder.
      grep -q '^\[workspace\]' "$dir/Cargo.toml" || printf '\n[workspace]\n' >>"$dir/Cargo.toml"
      rm -rf "$work/target-$tool/cargo-timings"
      # shellcheck disable=SC2046
      if (cd "$dir" && CARGO_TARGET_DIR="$work/target-$tool" timeout "${check_timeout}m" \
        nice -n 19 cargo check -q --timings $(features "$dir") >"$work/check-$tool-$name.log" 2>&1); then
        checked=yes
      else
        checked=no
      fi
      crate=$(awk -F'"' '/^name = / { print $2; exit }' "$dir/Cargo.toml")
      html="$work/target-$tool/cargo-timings/cargo-timing.html"
      [ -f "$html" ] && check_s=$(crate_seconds "$html" "$crate")
      rm -rf "$dir"
    else
      tail -3 "$work/gen.log" | sed "s/^/  $tool: /" >&2
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$base" "$tool" "$generated" "$gen_s" "$gen_mib" \
      "$checked" "$check_s" >>"$results"
  done
done

python3 "$root/scripts/peers-table.py" "$results"
