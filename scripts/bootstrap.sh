#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: pnpm at the pinned version (when missing), the
# locked dependencies, the flyteidl2 files copied from @flyteorg/flyteidl2, and the engines' CRD schemas
# derived from the operators' pinned packages (Go modules and a PyPI wheel; scripts/vendor-crds.mjs).
# Generated files are git-ignored; a second run downloads nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
want=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if [ "$(pnpm --version 2>/dev/null || true)" != "$want" ]; then
  echo "bootstrap: installing pnpm $want" >&2
  npm install --global "pnpm@$want" >/dev/null 2>&1 || npm install --global "pnpm@$want"
fi
# The CRD pins are read with the Go toolchain's module client and pip; install them from the distribution
# when the machine lacks them (root only; otherwise vendor-crds says what is missing).
missing=()
command -v go >/dev/null 2>&1 || missing+=(golang-go)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "bootstrap: installing ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
pnpm install --frozen-lockfile
pnpm run vendor:idl
pnpm run vendor:crds
