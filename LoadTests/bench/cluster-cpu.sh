#!/usr/bin/env bash
# CPU of each cluster process per vote: scripts/cluster up 2, wrk votes for WARMUP (default 60 s)
# of warm-up, then 10 s measured, with each process's user+system clock ticks read from /proc/<pid>/stat over 8 s.
# Prints votes/s and each process's CPU in % of one core, and for the scaling note the ledger's
# group commits over the same 8 s (from the silos' /metrics: commits/s and ballots per commit) and
# PostgreSQL's WAL bytes per vote (pg_current_wal_lsn). Extra environment (e.g.
# Orleans__Dashboard=false) reaches the silos and the gateway. SILOS=3 for another cluster size.
# The warm-up is long because fresh silos on 2 shared cores spend their first ~40 s of load in the
# JIT (tier-1 and PGO recompilation: ~29 % of a silo's CPU samples at 25 s): 15 s measured the JIT.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=LoadTests/wrk/edition.sh
source "$ROOT/LoadTests/wrk/edition.sh"
cd "$ROOT"
bash scripts/cluster up "${SILOS:-2}" > /tmp/cluster-cpu-up.log 2>&1 || { tail /tmp/cluster-cpu-up.log; exit 1; }
trap 'bash scripts/cluster down > /dev/null 2>&1' EXIT
# shellcheck disable=SC1091
source .cluster/env
ticks() {
  for p in $(pgrep -f Voting.Silo.dll); do echo "silo-$p $(awk '{print $14+$15}' "/proc/$p/stat")"; done
  for p in $(pgrep -f Voting.Gateway.dll); do echo "gateway $(awk '{print $14+$15}' "/proc/$p/stat")"; done
  echo "postgres $(for p in $(pgrep -x postgres); do awk '{print $14+$15}' "/proc/$p/stat"; done | paste -sd+ | bc)"
}
wrk -t2 -c128 -d"${WARMUP:-60s}" -s LoadTests/wrk/votes.lua "$VOTING_URL" -- "$(wrk_edition "$VOTING_URL" "$VOTING_ADMIN_TOKEN" cpu)" p1 > /dev/null 2>&1
wrk -t2 -c128 -d10s -s LoadTests/wrk/votes.lua "$VOTING_URL" -- "$(wrk_edition "$VOTING_URL" "$VOTING_ADMIN_TOKEN" cpu)" p1 > /tmp/cluster-cpu-wrk.txt 2>&1 &
load=$!
silo_metrics() { # commits units: summed over the silos' /metrics
  for url in $(pgrep -af Voting.Silo.dll | grep -oE -- '--urls http://[0-9.:]+' | awk '{print $2}'); do curl -fs "$url/metrics"; done |
    awk '/^voting_storage_commits_total/{c+=$NF} /^voting_storage_units_total/{u+=$NF} END{print c+0, u+0}'
}
wal_lsn() { runuser -u postgres -- "$VOTING_PGBIN/psql" -h 127.0.0.1 -p "$VOTING_PGPORT" -U postgres -d voting -qAtc "SELECT pg_current_wal_lsn() - '0/0'"; }
sleep 1; ticks > /tmp/cluster-cpu-t1; read -r c1 u1 < <(silo_metrics); w1=$(wal_lsn)
sleep 8; ticks > /tmp/cluster-cpu-t2; read -r c2 u2 < <(silo_metrics); w2=$(wal_lsn); wait $load
grep -E "Requests/sec|Non-2xx" /tmp/cluster-cpu-wrk.txt
paste /tmp/cluster-cpu-t1 /tmp/cluster-cpu-t2 | awk '{printf "%s %.0f%% of one core\n", $1, ($4-$2)/8}'
awk -v c=$((c2-c1)) -v u=$((u2-u1)) -v w=$((w2-w1)) 'BEGIN{printf "ledger: %.0f group commits/s, %.1f units per commit, %.0f units/s; PostgreSQL WAL %.0f bytes per unit\n", c/8, (c>0?u/c:0), u/8, (u>0?w/u:0)}'
