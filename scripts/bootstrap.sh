#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: pnpm at the pinned version (when missing), the
# locked dependencies, and the flyteidl2 files copied from @flyteorg/flyteidl2 (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
want=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if [ "$(pnpm --version 2>/dev/null || true)" != "$want" ]; then
  echo "bootstrap: installing pnpm $want" >&2
  npm install --global "pnpm@$want" >/dev/null 2>&1 || npm install --global "pnpm@$want"
fi
pnpm install --frozen-lockfile
pnpm run vendor:idl
