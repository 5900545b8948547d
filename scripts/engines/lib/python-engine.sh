# Sourced by the engine installers scripts/engines/<engine>.sh whose engine is a pinned Python package
# (it lives in lib/ so that the loops running every scripts/engines/*.sh do not run it on its own).
#
#   install_python_engine <engine> <module> <version> <pip requirement> [<note for the install message>]
#
# creates .engines/<engine>/venv at the repository root with the requirement installed. Idempotent: a venv
# whose <module>.__version__ is <version> is kept. Needs Python >= 3.10 with venv; on a machine without
# python3 (or $PYTHON) it installs Debian's python3 and python3-venv (as root).
python_engine_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

install_python_engine() {
  local engine="$1" module="$2" version="$3" requirement="$4" note="${5:-}"
  local venv="$python_engine_root/.engines/$engine/venv"
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import sys, $module; sys.exit($module.__version__ != '$version')" >/dev/null 2>&1; then
    echo "engines/$engine: $module $version already in $venv" >&2
    return 0
  fi

  local python="${PYTHON:-python3}"
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "engines/$engine: $python not found; installing python3 and python3-venv with apt-get" >&2
    apt-get update -qq && apt-get install -y -qq python3 python3-venv >/dev/null
    python=python3
  fi

  echo "engines/$engine: installing $requirement into $venv${note:+ ($note)}" >&2
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$requirement"
  "$venv/bin/python" -c "import $module; print('engines/$engine: installed $module', $module.__version__)" >&2
}
