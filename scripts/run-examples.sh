#!/usr/bin/env bash
# Main job: builds the packages and runs every example locally (no cluster), printing what each
# task serializes to and what it returns.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh >&2
pnpm run build >&2
# The Ray and Dask examples run on local engines: install them (idempotent, project-local).
for engine in ray dask; do bash "scripts/engines/$engine.sh" >&2; done
pnpm --filter @flyte-ts/examples start
