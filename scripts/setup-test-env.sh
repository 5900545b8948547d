#!/usr/bin/env bash
# Installs what the tests need beyond scripts/bootstrap.sh, project-locally (git-ignored), so that the
# README's test command runs every test on a fresh clone — none is skipped for a missing tool:
#   - conformance/.venv: the pinned Flyte 2 Python SDK (conformance/python/setup-venv.sh), which the
#     conformance drift check, the live literal read-back and the a0 end-to-end tests use;
#   - every engine installer scripts/engines/<engine>.sh (each creates .engines/<engine>/venv).
# Idempotent: a second run installs nothing and takes a few seconds. Called by scripts/run-tests.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  echo "setup-test-env: python3 with venv is needed (bash scripts/bootstrap.sh installs it as root)" >&2
  exit 1
fi

step() {
  local what="$1" started=$SECONDS
  shift
  echo "setup-test-env: $what" >&2
  if ! "$@"; then
    echo "setup-test-env: $what FAILED" >&2
    exit 1
  fi
  echo "setup-test-env: $what ready ($((SECONDS - started)) s)" >&2
}

step "Python SDK (conformance/.venv)" bash conformance/python/setup-venv.sh
for installer in scripts/engines/*.sh; do
  [ -e "$installer" ] || continue
  step "engine $(basename "$installer" .sh)" bash "$installer"
done
