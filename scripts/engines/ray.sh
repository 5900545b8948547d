#!/usr/bin/env bash
# Installs Ray (ray[default], pinned) into .engines/ray/venv at the repository root: the engine the
# "ray" vitest project starts (a local head and a worker node on loopback) and that local runs and
# `scripts/run-examples.sh` use. Idempotent: a venv that already has this Ray version is kept.
# Needs Python >= 3.10 with venv; on a machine without python3 it installs Debian's (as root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="2.60.0"
venv="$root/.engines/ray/venv"

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import sys, ray; sys.exit(ray.__version__ != '$version')" >/dev/null 2>&1; then
  echo "engines/ray: ray $version already in $venv" >&2
  exit 0
fi

python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "engines/ray: $python not found; installing python3 and python3-venv with apt-get" >&2
  apt-get update -qq && apt-get install -y -qq python3 python3-venv >/dev/null
  python=python3
fi

echo "engines/ray: installing ray[default]==$version into $venv (about 1.5 min, 400 MB)" >&2
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "ray[default]==$version"
"$venv/bin/python" -c "import ray; print('engines/ray: installed ray', ray.__version__)" >&2
