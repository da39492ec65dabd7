#!/usr/bin/env bash
# Ground truth for the Rust side of `boltz-codegen diff`: for every case of the table under
# tests/fixtures/diff, generate the crate of each side into a temporary folder, run
# cargo-semver-checks on the pair, and print one row: our verdict, cargo-semver-checks'
# verdict, and whether they agree.
#
# cargo-semver-checks sees only the Rust API, so:
# - our `patch` and `none` are both "none" for it (no Rust API change that needs a bump);
# - wire-only breaking changes (a request constraint tightened, security) show as "none";
# - it has no lint for a changed field type (`i64` -> `f64`, `T` -> `Option<T>`), so those
#   show as "none" too;
# - it does not lint additions (a new type, method or setter), so our `minor` often shows
#   as "none";
# - until issue 7 part 1 (non_exhaustive responses and enums, request constructors) is in
#   the emitter, a new response field or enum value is "major" for it.
# The last column says which of these explains a disagreement.
#
# Usage: scripts/semver-ground-truth.sh [CASE..]   (all cases by default)
# Takes a few minutes: the first case builds the generated crate's dependencies.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! command -v cargo-semver-checks >/dev/null 2>&1; then
  echo "installing cargo-semver-checks (several minutes)..." >&2
  cargo install cargo-semver-checks --locked
fi
cargo build -q -p boltz-codegen
bin="$root/target/debug/boltz-codegen"

work="${WORK:-$(mktemp -d)}"
export CARGO_TARGET_DIR="$work/target"
export CARGO_INCREMENTAL=0
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for d in tests/fixtures/diff/*/; do cases+=("$(basename "$d")"); done
fi

# The verdict in cargo-semver-checks' summary line.
their_verdict() {
  if grep -q "semver requires new major version" "$1"; then echo major
  elif grep -q "semver requires new minor version" "$1"; then echo minor
  elif grep -q "no semver update required" "$1"; then echo none
  else echo error
  fi
}

# Whether every rule found breaks only the wire (the Rust API is unchanged).
wire_only() {
  local k
  for k in ${1//,/ }; do
    case "$k" in
      request-constraint-tightened|security-tightened|auth-scheme-changed|param-style-changed|\
      request-media-type-removed|request-body-made-required|response-media-type-removed|\
      operation-path-changed|constant-changed|request-field-made-non-nullable) ;;
      *) return 1 ;;
    esac
  done
}

printf '| case | ours | rust side | cargo-semver-checks | agree | why not | rules |\n'
printf '|---|---|---|---|---|---|---|\n'
agree=0; total=0
for case in "${cases[@]}"; do
  dir="tests/fixtures/diff/$case"
  rm -rf "$work/old" "$work/new"
  "$bin" generate "$dir/old.yaml" --out "$work/old" --crate-name fixture >/dev/null
  "$bin" generate "$dir/new.yaml" --out "$work/new" --crate-name fixture >/dev/null
  json="$("$bin" diff "$dir/old.yaml" "$dir/new.yaml" --format json)"
  ours="$(grep -m1 '"bump"' <<<"$json" | sed 's/.*"bump": "\([a-z]*\)".*/\1/')"
  kinds="$(printf '%s\n' "$json" | { grep '"kind"' || true; } | sed 's/.*"kind": "\([a-z-]*\)".*/\1/' | sort -u | paste -sd, -)"
  log="$work/$case.log"
  (cd "$work" && cargo semver-checks check-release --baseline-root "$work/old" \
      --manifest-path "$work/new/Cargo.toml" --release-type patch --color never) >"$log" 2>&1 || true
  theirs="$(their_verdict "$log")"
  case "$ours" in patch|none) rust=none ;; *) rust="$ours" ;; esac
  why=""
  if [ "$rust" = "$theirs" ]; then
    ok=yes; agree=$((agree + 1))
  else
    ok=no
    if [ "$theirs" = error ]; then why="cargo-semver-checks failed: see $log"
    elif [ "$rust" = major ] && [ "$theirs" = none ] && wire_only "$kinds"; then why="wire-only break"
    elif [ "$rust" = major ] && [ "$theirs" = none ]; then why="type changes (fields, return types) are not linted"
    elif [ "$rust" = minor ] && [ "$theirs" = none ]; then why="additions are not linted"
    elif [ "$rust" = minor ] && [ "$theirs" = major ]; then why="needs part 1 (non_exhaustive, constructors)"
    else why="to investigate: $log"
    fi
  fi
  total=$((total + 1))
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$case" "$ours" "$rust" "$theirs" "$ok" "$why" "$kinds"
done
printf '\n%d of %d cases agree on the Rust side (logs in %s)\n' "$agree" "$total" "$work"
