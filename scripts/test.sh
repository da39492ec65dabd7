#!/usr/bin/env bash
# Runs every test of the project: formatting, lints (the generated crate included, with
# warnings as errors), unit, snapshot, serde, diagnostics, wire, Prism conformance and corpus
# tests. Installs what the tests need (Prism, pinned) first. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-prism.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace
