#!/usr/bin/env bash
# Checks the Kubernetes manifests offline (no cluster, no network):
#  1. renders every k8s/overlays/* with the real kustomize: `kubectl kustomize` (kubectl is on the
#     machine image; kustomize v5 is built into it) or a standalone `kustomize build`;
#  2. scripts/check-k8s.mjs validates each rendered object against the Kubernetes API schemas of
#     the npm package kubernetes-models and checks the wiring and the Orleans silo settings.
# The npm packages live in .tools/k8s (git-ignored), installed by scripts/install-deps.
# Exit status is non-zero on any failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/k8s"
command -v node >/dev/null || { echo "check-k8s: node not found" >&2; exit 2; }
[ -d "$tools/node_modules/kubernetes-models" ] && [ -d "$tools/node_modules/js-yaml" ] ||
  { echo "check-k8s: npm packages missing in $tools (run scripts/install-deps)" >&2; exit 2; }
if command -v kubectl >/dev/null; then render=(kubectl kustomize)
elif command -v kustomize >/dev/null; then render=(kustomize build)
else echo "check-k8s: neither kubectl nor kustomize on PATH; the manifest check cannot run here" >&2; exit 3; fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
args=()
for dir in "$root"/k8s/overlays/*/; do
  name="$(basename "$dir")"
  if ! "${render[@]}" "$dir" > "$tmp/$name.yaml" 2> "$tmp/$name.err"; then
    echo "FAIL $name: ${render[*]} failed:" >&2; head -20 "$tmp/$name.err" >&2; exit 1
  fi
  args+=("$name=$tmp/$name.yaml")
done
[ ${#args[@]} -gt 0 ] || { echo "check-k8s: no overlays under k8s/overlays" >&2; exit 1; }

if node "$root/scripts/check-k8s.mjs" "$tools" "${args[@]}"; then
  echo "check-k8s: OK (${#args[@]} overlays, rendered by ${render[*]})"
else
  echo "check-k8s: FAILED" >&2; exit 1
fi
