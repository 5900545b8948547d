#!/usr/bin/env bash
# Main job: builds the packages and runs every example locally (no cluster), printing what each
# task serializes to and what it returns.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh >&2
# The Spark example runs its queries on a local Spark: the project's pyspark (installed once into .engines/spark).
bash scripts/engines/spark.sh >&2
pnpm run build >&2
export SPARK_CONNECT_PYTHON="$PWD/.engines/spark/venv/bin/python"
pnpm --filter @flyte-ts/examples start
