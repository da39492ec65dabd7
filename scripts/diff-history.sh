#!/usr/bin/env bash
# Runs `boltz-codegen diff` across consecutive releases of a real API whose OpenAPI document
# is published on npm, and prints per pair: the counts by severity, the verdict, the time.
#
# Usage: scripts/diff-history.sh PACKAGE [COUNT] [SPEC_PATH]
#   PACKAGE    an npm package that ships an OpenAPI document, e.g. @blockfrost/openapi
#              (openapi.yaml) or @directus/specs (dist/openapi.json)
#   COUNT      how many of the latest releases to take (default 8; pre-releases skipped)
#   SPEC_PATH  the document inside the package (default: the first openapi.yaml/.json)
# Tarballs are downloaded with `npm pack` into a temporary folder ($WORK to choose it).
set -euo pipefail

pkg="${1:?usage: scripts/diff-history.sh PACKAGE [COUNT] [SPEC_PATH]}"
count="${2:-8}"
spec_path="${3:-}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cargo build -q --release -p boltz-codegen --manifest-path "$root/Cargo.toml"
bin="$root/target/release/boltz-codegen"
work="${WORK:-$(mktemp -d)}"
mkdir -p "$work"

versions="$(npm view "$pkg" versions --json | node -e '
  const all = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const list = (Array.isArray(all) ? all : [all]).filter(v => !v.includes("-"));
  console.log(list.slice(-Number(process.argv[1])).join("\n"));' "$count")"

specs=()
for v in $versions; do
  dir="$work/$v"
  if [ ! -d "$dir/package" ]; then
    mkdir -p "$dir"
    tarball="$(cd "$dir" && npm pack --silent "$pkg@$v")"
    tar xzf "$dir/$tarball" -C "$dir"
  fi
  if [ -n "$spec_path" ]; then
    file="$dir/package/$spec_path"
  else
    file="$(find "$dir/package" -maxdepth 2 -name 'openapi.yaml' -o -maxdepth 2 -name 'openapi.json' | sort | head -1)"
  fi
  [ -f "$file" ] || { echo "no OpenAPI document in $pkg@$v" >&2; exit 2; }
  specs+=("$v=$file")
done

# Here-strings, not pipes: `grep -m1` stops reading early, and a writer into a closed pipe
# would end the script (SIGPIPE under pipefail) on large reports.
count_of() { grep -m1 "\"$2\"" <<<"$1" | sed 's/[^0-9]//g'; }
printf '| %s | size | breaking | additive | compatible | verdict | time |\n' "$pkg"
printf '|---|---:|---:|---:|---:|---|---:|\n'
for ((i = 1; i < ${#specs[@]}; i++)); do
  old="${specs[i-1]}"; new="${specs[i]}"
  start=$(date +%s%N)
  set +e
  json="$("$bin" diff "${old#*=}" "${new#*=}" --format json 2>"$work/err.txt")"
  code=$?
  set -e
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  size="$(( $(wc -c <"${new#*=}") / 1024 )) KB"
  if [ $code -ne 0 ]; then
    printf '| %s -> %s | %s | - | - | - | error (exit %d: %s) | %d ms |\n' "${old%%=*}" "${new%%=*}" "$size" \
      "$code" "$(head -1 "$work/err.txt")" "$ms"
    continue
  fi
  printf '%s\n' "$json" >"$work/${old%%=*}_${new%%=*}.json"
  bump="$(grep -m1 '"bump"' <<<"$json" | sed 's/.*"bump": "\([a-z]*\)".*/\1/')"
  printf '| %s -> %s | %s | %s | %s | %s | %s | %d ms |\n' "${old%%=*}" "${new%%=*}" "$size" \
    "$(count_of "$json" breaking)" "$(count_of "$json" additive)" "$(count_of "$json" compatible)" "$bump" "$ms"
done
printf '\nreports (JSON) in %s\n' "$work"
