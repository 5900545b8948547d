#!/usr/bin/env bash
# Installs Dask's `distributed` (pinned) into .engines/dask/venv at the repository root: the engine the
# "dask" vitest project starts (a scheduler and workers on loopback) and that local runs and
# `scripts/run-examples.sh` use. Idempotent: a venv that already has this version is kept.
# Needs Python >= 3.10 with venv; on a machine without python3 it installs Debian's (as root).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/python-engine.sh"
version="2025.7.0"
install_python_engine dask distributed "$version" "distributed==$version"
