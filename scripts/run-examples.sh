#!/usr/bin/env bash
# Main job: builds the packages and runs every example locally (no cluster), printing what each
# task serializes to and what it returns.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh >&2
pnpm run build >&2
pnpm --filter @flyte-ts/examples start
