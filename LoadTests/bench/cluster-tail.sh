#!/usr/bin/env bash
# Latency of the cluster at fixed arrival rates (open model, the .NET driver): scripts/cluster up
# ${SILOS:-2}, WARMUP (default 60 s) of closed-loop warm-up, then 20 s at each rate of RATES (default
# "1000 1000 2000 2000"). Prints p50/p95/p99 per rate. Extra environment (e.g. DOTNET_gcServer=0)
# reaches the silos and the gateway, not the driver.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
DRIVER="$ROOT/LoadTests/bin/Release/net10.0/Voting.LoadTests.dll"
[ -f "$DRIVER" ] || dotnet build LoadTests -c Release -nologo -v quiet
bash scripts/cluster up "${SILOS:-2}" > /tmp/cluster-tail-up.log 2>&1 || { tail /tmp/cluster-tail-up.log; exit 1; }
trap 'bash scripts/cluster down > /dev/null 2>&1' EXIT
# shellcheck disable=SC1091
source .cluster/env
drive() { env -u DOTNET_gcServer -u DOTNET_GCHeapCount -u DOTNET_GCgen0size dotnet "$DRIVER" vote-peak --base-url "$VOTING_URL" --admin-token "$VOTING_ADMIN_TOKEN" --no-audit "$@"; }
drive --closed 64 --duration "${WARMUP:-60s}" > /dev/null 2>&1
for rate in ${RATES:-1000 1000 2000 2000}; do
  drive --rate "$rate" --duration 20s 2>&1 | grep -E "^\s+vote " | sed "s/^ */$rate\/s: /"
done
