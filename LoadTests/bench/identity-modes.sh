#!/usr/bin/env bash
# Votes/s at saturation in each identity mode (pesel, oidc, email-code) on the embedded gateway,
# with the .NET driver's identity helper (test issuer + SMTP sink) on the same machine:
# a fresh gateway per mode, 20 s of closed-loop warm-up with 64 workers, then 10 s with 128.
# In email-code mode a vote's path includes its code request, the outbox and the SMTP delivery.
#   bash LoadTests/bench/identity-modes.sh          (MODES="oidc email-code" for some of them)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
for p in Gateway LoadTests; do dotnet build "$p" -c Release -nologo -v quiet > /dev/null; done
DRIVER="$ROOT/LoadTests/bin/Release/net10.0/Voting.LoadTests.dll"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
for mode in ${MODES:-pesel oidc email-code}; do
  port="$(free_port)"; issuer="$(free_port)"; smtp="$(free_port)"; data="$(mktemp -d)"
  token="$(python3 -c "import secrets; print(secrets.token_hex(24))")"
  case "$mode" in
    pesel) extra=(); identity=() ;;
    oidc) extra=(--Identity:Mode oidc --Identity:Oidc:Authority "http://127.0.0.1:$issuer/" --Identity:Oidc:Audience voting-api --Identity:Oidc:RequireHttpsMetadata false)
          identity=(--identity oidc --issuer-port "$issuer" --smtp-port "$smtp") ;;
    email-code) extra=(--Identity:Mode email-code --Identity:Smtp:Host 127.0.0.1 --Identity:Smtp:Port "$smtp" --Identity:Smtp:From load@example.invalid --Identity:Smtp:Security none)
          identity=(--identity email-code --issuer-port "$issuer" --smtp-port "$smtp") ;;
  esac
  dotnet Gateway/bin/Release/net10.0/Voting.Gateway.dll --urls "http://127.0.0.1:$port" --Storage:Path="$data" --Admin:Token="$token" "${extra[@]}" > "/tmp/identity-$mode.gateway.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1 && break; sleep 0.2; done
  dotnet "$DRIVER" vote-peak --base-url "http://127.0.0.1:$port" --admin-token "$token" "${identity[@]}" --closed 64 --duration 20s --no-audit > /dev/null 2>&1 || true
  dotnet "$DRIVER" vote-peak --base-url "http://127.0.0.1:$port" --admin-token "$token" "${identity[@]}" --closed 128 --duration 10s > "/tmp/identity-$mode.log" 2>&1 || true
  echo "== $mode"; grep -E "^\s+vote |audit|achieved|rate" "/tmp/identity-$mode.log" | head -6
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$data"
done
