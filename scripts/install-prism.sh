#!/usr/bin/env bash
# Installs Stoplight Prism (pinned) under .tools/prism for the conformance tests.
# 5.14.2 is the last 5.x that installs on Node 20 (later ones need Node >= 24).
set -euo pipefail
cd "$(dirname "$0")/.."
version=5.14.2
dir=.tools/prism
bin="$dir/node_modules/.bin/prism"
if [ -x "$bin" ] && [ "$("$bin" --version 2>/dev/null)" = "$version" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "install-prism: npm is needed (Node.js 20)" >&2; exit 1; }
mkdir -p "$dir"
echo "installing @stoplight/prism-cli@$version into $dir" >&2
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "@stoplight/prism-cli@$version" >&2
"$bin" --version >/dev/null
