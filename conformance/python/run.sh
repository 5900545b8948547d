#!/usr/bin/env bash
# Regenerates conformance/golden/*.json from the real Flyte 2 Python SDK.
#   bash conformance/python/run.sh            # install (when needed) + regenerate every golden file
#   bash conformance/python/run.sh --only ID  # regenerate some cases (extra arguments go to generate.py)
# The SDK is installed from PyPI with the exact pins of requirements.txt into conformance/.venv (git-ignored)
# by setup-venv.sh. Re-running is quick: nothing is installed when the pins are already met.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/setup-venv.sh"
exec "$here/../.venv/bin/python" "$here/generate.py" "$@"
