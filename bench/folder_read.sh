#!/usr/bin/env bash
# Read benchmark (DESIGN.md §11): GET /api/folder/{id} at 64 keep-alive connections with wrk,
# on the embedded defaults (SQLite), against a baseline of GET /healthz (no database, no auth)
# measured in the same run on the same server. Prints requests/s, p99 and the ratio.
# Target: folder reads >= 10,000 req/s on 2 cores, p99 < 20 ms.
# Usage: bench/folder_read.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
bin=${TAIGA_BIN:-build/taiga}
[ -x "$bin" ] || { echo "build first: make build" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: scripts/setup" >&2; exit 1; }

dir=$(mktemp -d)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TAIGA_ACCESS_LOG=false "$bin" serve --data-dir "$dir" --listen 127.0.0.1:"$port" >"$dir/out.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$(cat "$dir/admin-token")
base="http://127.0.0.1:$port/taiga/api"

# A folder with 20 subfolders: a realistic listing.
folder=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name":"bench","parentId":"public","description":"benchmark folder"}' "$base/folder/create" |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for i in $(seq 20); do
  curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"sub $i\",\"parentId\":\"$folder\"}" "$base/folder/create" >/dev/null
done

run() {  # url [header] → "rps p99_ms"
  local out
  out=$(wrk -t2 -c64 -d"${secs}s" --latency ${2:+-H "$2"} "$1")
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")
  echo "$rps $p99"
}

read -r base_rps base_p99 < <(run "http://127.0.0.1:$port/healthz")
read -r rps p99 < <(run "$base/folder/$folder" "Authorization: Bearer $token")
/usr/bin/python3 - "$base_rps" "$base_p99" "$rps" "$p99" <<'PY'
import sys
b_rps, b_p99, rps, p99 = map(float, sys.argv[1:])
print(f"baseline GET /healthz:          {b_rps:10.0f} req/s   p99 {b_p99:6.2f} ms")
print(f"GET /api/folder/{{id}} (21 rows): {rps:10.0f} req/s   p99 {p99:6.2f} ms")
print(f"ratio folder/baseline: {rps / b_rps:.2f}")
ok = rps >= 10000 and p99 < 20
print(f"target (>= 10000 req/s, p99 < 20 ms): {'met' if ok else 'NOT met'}")
PY
