#!/usr/bin/env bash
# One million distinct voters through embedded mode (issue 13, memory target): the default gateway
# (`dotnet Voting.Gateway.dll`, SQLite in a temp folder), wrk with a fresh PESEL per request
# (LoadTests/wrk/votes.lua) until the edition's results count VOTERS ballots; every 5 s the
# ballots counted and the gateway's resident memory (VmRSS) are sampled. Then the gateway is
# stopped and started again on the same data: its memory after start and the votes/s of a further
# 30 s run of new voters. Prints votes/s per tenth of the voters and RSS at start, at each tenth
# and at the end.   VOTERS=1000000 CONNECTIONS=64 bash LoadTests/bench/million-voters.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=LoadTests/wrk/edition.sh
source "$ROOT/LoadTests/wrk/edition.sh"
VOTERS="${VOTERS:-1000000}"; CONNECTIONS="${CONNECTIONS:-64}"; OUT="${OUT:-$(mktemp -d)}"
GATEWAY="$ROOT/Gateway/bin/Release/net10.0/Voting.Gateway.dll"
[ -f "$GATEWAY" ] || dotnet build "$ROOT/Gateway" -c Release -nologo -v quiet
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"; data="$(mktemp -d)"; token="$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
start_gateway() {
  dotnet "$GATEWAY" --urls "$url" --Storage:Path="$data" --Admin:Token="$token" >> "$OUT/gateway.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 150); do curl -fs "$url/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
}
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status"; }
ballots() { curl -fs "$url/api/v1/editions/$edition/results" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ballots"])'; }
trap 'kill $pid 2>/dev/null || true; kill $load 2>/dev/null || true; rm -rf "$data"' EXIT
load=""
start_gateway
edition="$(wrk_edition "$url" "$token" million)"
echo "seconds,ballots,rss_mib" > "$OUT/samples.csv"
echo "0,0,$(rss_mib)" >> "$OUT/samples.csv"
wrk -t2 -c"$CONNECTIONS" -d3600s -s "$ROOT/LoadTests/wrk/votes.lua" "$url" -- "$edition" p1 > "$OUT/wrk.log" 2>&1 &
load=$!
begin=$(date +%s.%N)
while true; do
  sleep 5
  n="$(ballots)"; echo "$(python3 -c "import time; print(round(time.time()-$begin,1))"),$n,$(rss_mib)" >> "$OUT/samples.csv"
  [ "$n" -ge "$VOTERS" ] && break
  kill -0 $load 2>/dev/null || { echo "wrk ended early"; break; }
done
kill $load; wait $load 2>/dev/null || true
grep -E "Non-2xx|Socket errors" "$OUT/wrk.log" || true
end_rss="$(rss_mib)"; total="$(ballots)"
kill $pid; wait $pid 2>/dev/null || true
start_gateway
restart_rss="$(rss_mib)"
before="$(ballots)"
wrk -t2 -c"$CONNECTIONS" -d30s -s "$ROOT/LoadTests/wrk/votes.lua" "$url" -- "$edition" p2 > "$OUT/wrk-restart.log" 2>&1
after="$(ballots)"; after_rss="$(rss_mib)"
python3 - "$OUT/samples.csv" "$VOTERS" "$total" "$end_rss" "$restart_rss" "$before" "$after" "$after_rss" <<'PY'
import csv, sys
path, voters, total, end_rss, restart_rss, before, after, after_rss = sys.argv[1], int(sys.argv[2]), *map(int, sys.argv[3:])
rows = [(float(r["seconds"]), int(r["ballots"]), int(r["rss_mib"])) for r in csv.DictReader(open(path))]
def at(count):  # time and RSS when the ballots first reached count (linear between samples)
    for (t0, b0, _), (t1, b1, m1) in zip(rows, rows[1:]):
        if b1 >= count:
            return t0 + (t1 - t0) * (count - b0) / max(b1 - b0, 1), m1
    return rows[-1][0], rows[-1][2]
print(f"{total} ballots counted; RSS at start {rows[0][2]} MiB, at the end {end_rss} MiB")
print("| tenth | votes/s | RSS at its end (MiB) |")
print("|---|---|---|")
prev = 0.0; rates = []
for k in range(1, 11):
    t, m = at(voters * k // 10)
    rate = (voters / 10) / max(t - prev, 1e-9); rates.append(rate); prev = t
    print(f"| {k} | {rate:.0f} | {m} |")
print(f"last tenth / first tenth = {rates[-1] / rates[0]:.2f}")
print(f"after restart: RSS {restart_rss} MiB after start, {after_rss} MiB after 30 s of new voters at {(after - before) / 30:.0f} votes/s ({after - before} ballots)")
PY
echo "samples in $OUT"
