#!/usr/bin/env bash
# A/B of two builds of the embedded gateway under wrk, alternated so both see the same machine:
#   LoadTests/bench/embedded-ab.sh <tree A> <tree B> [rounds]
# Each tree is a checkout built with `dotnet build -c Release Gateway` (a `git worktree add` of
# the commit to compare). Per round and build: a fresh gateway with its defaults, a one-pool
# edition, wrk 128 connections for 15 s of warm-up, then 3 windows of 10 s. Prints each window,
# the medians and B/A. TOOL=driver uses the .NET load driver instead (the bench's tool: closed
# loop, 128 workers, the bench's four-pool edition, a fresh one per window; built from this tree).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=LoadTests/wrk/edition.sh
source "$ROOT/LoadTests/wrk/edition.sh"
A="$(cd "$1" && pwd)"; B="$(cd "$2" && pwd)"; ROUNDS="${3:-3}"
OUT="$(mktemp)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
one() { # tree tag
  local port data token pid edition
  port=$(free_port); data=$(mktemp -d); token=$(python3 -c "import secrets; print(secrets.token_hex(24))")
  dotnet "$1/Gateway/bin/Release/net10.0/Voting.Gateway.dll" --urls "http://127.0.0.1:$port" --Storage:Path="$data" --Admin:Token="$token" > "$data.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1 && break; sleep 0.2; done
  if [ "${TOOL:-wrk}" = driver ]; then
    local drive=(dotnet "$ROOT/LoadTests/bin/Release/net10.0/Voting.LoadTests.dll" vote-peak --base-url "http://127.0.0.1:$port" --admin-token "$token" --no-audit)
    "${drive[@]}" --closed 128 --duration 15s > /dev/null
    for _ in 1 2 3; do
      echo "$2 $("${drive[@]}" --closed 128 --duration 10s | grep -oE 'achieved [0-9.]+' | awk '{print $2}')"
    done
  else
    edition="$(wrk_edition "http://127.0.0.1:$port" "$token" ab)"
    wrk -t2 -c128 -d15s -s "$ROOT/LoadTests/wrk/votes.lua" "http://127.0.0.1:$port" -- "$edition" p1 > /dev/null
    for _ in 1 2 3; do
      echo "$2 $(wrk -t2 -c128 -d10s -s "$ROOT/LoadTests/wrk/votes.lua" "http://127.0.0.1:$port" -- "$edition" p1 | awk '/Requests\/sec/{print $2}')"
    done
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$data" "$data.log"
}
for _ in $(seq 1 "$ROUNDS"); do one "$A" A; one "$B" B; done | tee "$OUT"
python3 - "$OUT" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    tag, value = line.split()
    runs.setdefault(tag, []).append(float(value))
for tag in sorted(runs):
    print(f"{tag}: median {statistics.median(runs[tag]):.0f} votes/s of {len(runs[tag])} windows")
print(f"B/A = {statistics.median(runs['B']) / statistics.median(runs['A']):.3f}")
PY
rm -f "$OUT"
