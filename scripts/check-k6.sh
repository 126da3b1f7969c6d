#!/usr/bin/env bash
# Checks the k6 scripts without k6 (not installable here) and without npm: node only.
#  1. copy LoadTests/k6/*.js into a temp dir (package.json "type": "module"),
#     rewriting the 'k6', 'k6/http', 'k6/metrics', 'k6/execution', ... specifiers to stubs;
#     any other non-relative import (e.g. a remote jslib URL) is an error;
#  2. node --check each file (syntax, as an ES module);
#  3. import every script under node with the stubs (links import/export names), then run
#     setup(), a few iterations of every scenario and handleSummary() against an in-memory
#     fake of the API (LoadTests/mock/fake-api.mjs), which validates each ballot.
# Exit status is non-zero on any failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/LoadTests/k6"
mock="$root/LoadTests/mock"
command -v node >/dev/null || { echo "check-k6: node not found" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/k6" "$tmp/mock"
cp -R "$mock/." "$tmp/mock/"
printf '{ "type": "module" }\n' > "$tmp/package.json"

shopt -s nullglob
scripts=("$src"/*.js)
if [ ${#scripts[@]} -eq 0 ]; then
  echo "check-k6: no scripts in $src" >&2
  exit 1
fi

status=0
for f in "${scripts[@]}"; do
  name="$(basename "$f")"
  # from 'k6' / from "k6/http" -> from '<tmp>/mock/k6-stubs/k6.mjs' / '<tmp>/mock/k6-stubs/k6/http.mjs'
  sed -E "s#(from[[:space:]]*|import[[:space:]]*)(['\"])k6(/[a-z0-9/-]+)?(['\"])#\1'$tmp/mock/k6-stubs/k6\3.mjs'#g" "$f" > "$tmp/k6/$name"
  for spec in $(grep -oE "(from|import)[[:space:]]*['\"][^'\"]+['\"]" "$tmp/k6/$name" | sed -E "s#^(from|import)[[:space:]]*['\"]##; s#['\"]\$##"); do
    case "$spec" in
      ./*|../*|"$tmp"/*)
        target="$(cd "$tmp/k6" && realpath -m "$spec")"
        [ -f "$target" ] || { echo "FAIL $name: import '$spec' has no file" >&2; status=1; } ;;
      *) echo "FAIL $name: import '$spec' is neither k6 nor relative (no remote modules offline)" >&2; status=1 ;;
    esac
  done
  if ! node --check "$tmp/k6/$name"; then
    echo "FAIL $name: syntax" >&2
    status=1
  fi
done

# Each script runs from its own copy of the directory so that lib.js module state (per VU in
# k6) is not shared between scripts in the one node process.
files=()
for f in "${scripts[@]}"; do
  name="$(basename "$f")"
  mkdir -p "$tmp/run-$name"
  cp "$tmp/k6/"*.js "$tmp/run-$name/"
  files+=("$tmp/run-$name/$name")
done
if ! node "$tmp/mock/k6-harness.mjs" "${files[@]}"; then
  status=1
fi

if [ $status -eq 0 ]; then
  echo "check-k6: OK (${#scripts[@]} scripts)"
else
  echo "check-k6: FAILED" >&2
fi
exit $status
