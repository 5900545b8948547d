#!/usr/bin/env bash
# Installs Python `distributed` into a virtual environment inside this package (.venv), for the test of
# the code-bundle hook against a real Dask scheduler and workers. Without python3 it says so and exits 0:
# the test then reports itself as skipped. Idempotent: an existing environment that imports distributed
# is kept.
set -uo pipefail
cd "$(dirname "$0")/.."
DISTRIBUTED_VERSION="${DISTRIBUTED_VERSION:-2025.7.0}"
python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "setup-python: $python not found; the Dask code-bundle test will be skipped" >&2
  exit 0
fi
if [ -x .venv/bin/python ] && .venv/bin/python -c "import distributed" >/dev/null 2>&1; then
  echo "setup-python: .venv already has distributed $(.venv/bin/python -c 'import distributed; print(distributed.__version__)')" >&2
  exit 0
fi
"$python" -m venv .venv || { echo "setup-python: could not create .venv" >&2; exit 1; }
.venv/bin/python -m pip install --quiet --disable-pip-version-check "distributed==${DISTRIBUTED_VERSION}" || {
  echo "setup-python: pip install distributed==${DISTRIBUTED_VERSION} failed" >&2
  exit 1
}
echo "setup-python: installed distributed $(.venv/bin/python -c 'import distributed; print(distributed.__version__)') into $(pwd)/.venv" >&2
