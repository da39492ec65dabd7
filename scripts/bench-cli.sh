#!/usr/bin/env bash
# Wall time of one `boltz-api admin:workspaces list` invocation against a local mock server,
# next to `curl` making the same request (same URL, same x-api-key header, same answer),
# measured side by side by hyperfine. Prints a Markdown table of medians (and the spread of
# the runs) and the ratio. Not part of the test run: these machines are shared and noisy.
#
# Usage: scripts/bench-cli.sh [RUNS]   (default 300 runs of each command)
# Installs hyperfine from Debian's packages when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-300}

if ! command -v hyperfine >/dev/null 2>&1; then
  echo "installing hyperfine (Debian package)..." >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq hyperfine >/dev/null \
    || { echo "could not install hyperfine: install it (apt-get install hyperfine)" >&2; exit 2; }
fi
cargo build -q --release -p boltz-api --features cli --bin boltz-api
bin="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/boltz-api"

work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

# The mock: one page of two workspaces for every GET, on a free loopback port.
cat >"$work/mock.py" <<'PY'
import http.server, json, sys
ws = lambda i: {"id": f"ws_{i}", "name": f"team {i}", "created_at": "2026-04-01T12:00:00Z",
                "updated_at": "2026-04-01T12:00:00Z", "archived_at": None,
                "data_retention": {"unit": "days", "value": 30}, "is_default": i == 1}
body = json.dumps({"data": [ws(1), ws(2)], "first_id": "ws_1", "last_id": "ws_2",
                   "has_more": False}).encode()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
python3 "$work/mock.py" >"$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "the mock server did not start (python3 $work/mock.py)" >&2; exit 2; }
port=$(cat "$work/port")
url="http://127.0.0.1:$port"
key=sk_bc_admin_live_bench

# Both must succeed before they are timed.
"$bin" --base-url "$url" --api-key "$key" admin:workspaces list --format json >/dev/null
curl -sf -H "x-api-key: $key" "$url/compute/v1/admin/workspaces" >/dev/null

hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/out.json" \
  -n boltz-api "$bin --base-url $url --api-key $key admin:workspaces list --format json" \
  -n curl "curl -sf -H 'x-api-key: $key' $url/compute/v1/admin/workspaces" >/dev/null

python3 - "$work/out.json" <<'PY'
import json, statistics, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ms = lambda v: v * 1000
print("| command | median (ms) | p10–p90 (ms) | runs |")
print("|---|---:|---|---:|")
for name in ("boltz-api", "curl"):
    t = sorted(r[name]["times"])
    p = lambda q: t[min(len(t) - 1, int(q * len(t)))]
    print(f"| {name} | {ms(statistics.median(t)):.2f} | {ms(p(0.1)):.2f}–{ms(p(0.9)):.2f} | {len(t)} |")
ratio = statistics.median(r["boltz-api"]["times"]) / statistics.median(r["curl"]["times"])
print(f"\nratio boltz-api / curl (medians): {ratio:.2f}")
PY
