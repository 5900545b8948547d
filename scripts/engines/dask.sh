#!/usr/bin/env bash
# Installs Dask's `distributed` (pinned) into .engines/dask/venv at the repository root: the engine the
# "dask" vitest project starts (a scheduler and workers on loopback) and that local runs and
# `scripts/run-examples.sh` use. Idempotent: a venv that already has this version is kept.
# Needs Python >= 3.10 with venv; on a machine without python3 it installs Debian's (as root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="2025.7.0"
venv="$root/.engines/dask/venv"

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import sys, distributed; sys.exit(distributed.__version__ != '$version')" >/dev/null 2>&1; then
  echo "engines/dask: distributed $version already in $venv" >&2
  exit 0
fi

python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "engines/dask: $python not found; installing python3 and python3-venv with apt-get" >&2
  apt-get update -qq && apt-get install -y -qq python3 python3-venv >/dev/null
  python=python3
fi

echo "engines/dask: installing distributed==$version into $venv" >&2
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "distributed==$version"
"$venv/bin/python" -c "import distributed; print('engines/dask: installed distributed', distributed.__version__)" >&2
