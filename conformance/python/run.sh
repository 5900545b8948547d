#!/usr/bin/env bash
# Regenerates conformance/golden/*.json from the real Flyte 2 Python SDK.
#   bash conformance/python/run.sh            # install (when needed) + regenerate every golden file
#   bash conformance/python/run.sh --only ID  # regenerate some cases (extra arguments go to generate.py)
# The SDK is installed from PyPI with the exact pins of requirements.txt into conformance/.venv (git-ignored),
# with the machine's python3. Re-running is quick: nothing is installed when the pins are already met.
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
exec "$venv/bin/python" "$here/generate.py" "$@"
