#!/usr/bin/env bash
# Installs Ray (ray[default], pinned) into .engines/ray/venv at the repository root: the engine the
# "ray" vitest project starts (a local head and a worker node on loopback) and that local runs and
# `scripts/run-examples.sh` use. Idempotent: a venv that already has this Ray version is kept.
# Needs Python >= 3.10 with venv; on a machine without python3 it installs Debian's (as root).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/python-engine.sh"
version="2.60.0"
install_python_engine ray ray "$version" "ray[default]==$version" "about 1.5 min, 400 MB"
