#!/usr/bin/env bash
# Creates conformance/.venv (git-ignored) with the machine's python3 and installs the pinned reference SDK
# of requirements.txt into it. Idempotent: nothing is installed when the pins are already met (a hash of
# requirements.txt is kept in the venv). Used by run.sh and by scripts/setup-test-env.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/../.venv"
req="$here/requirements.txt"
stamp="$venv/.requirements.sha256"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  echo "conformance: creating $venv with $("$python" --version 2>&1)" >&2
  "$python" -m venv "$venv"
fi
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "conformance: installing $(grep -c '==' "$req") pinned packages" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$req"
  echo "$want" > "$stamp"
fi
