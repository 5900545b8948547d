#!/usr/bin/env bash
# Main job: builds the packages and runs every example locally (no cluster), printing what each
# task serializes to and what it returns.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh >&2
# The Spark, Ray and Dask examples do their work on local engines: the project's own installations
# (idempotent, project-local, in .engines/<engine>).
for engine in spark ray dask; do bash "scripts/engines/$engine.sh" >&2; done
pnpm run build >&2
export SPARK_CONNECT_PYTHON="$PWD/.engines/spark/venv/bin/python"
pnpm --filter @flyte-ts/examples start
