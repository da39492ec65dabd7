#!/usr/bin/env bash
# Runs every test of the project: formatting, lints (the generated crate included, with
# warnings as errors), unit, snapshot, serde, diagnostics, wire, Prism conformance and corpus
# tests. Installs what the tests need (Prism, pinned) first. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-prism.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
# Per-resource features: a crate builds with none, or with any one resource alone,
# warning-free (kitchen's resources share models in files gated by several features).
RUSTFLAGS="-D warnings" cargo check -q -p boltz-api --no-default-features
for feature in $(awk '/^\[features\]/ { on = 1; next } /^\[/ { on = 0 }
    on && /^[a-z_]+ = / { print $1 }' tests/kitchen/Cargo.toml | grep -vxE 'default|multipart|full|cli'); do
  RUSTFLAGS="-D warnings" cargo check -q -p kitchen-api --no-default-features --features "$feature"
done
# The generated command lines (feature `cli`, off in the workspace build) are lint-free too.
cargo clippy -q -p boltz-api -p kitchen-api --all-features --all-targets -- -D warnings
# Rustdoc of the generated crates: spec prose never makes broken links or stray HTML.
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p boltz-api -p kitchen-api
cargo test --workspace
