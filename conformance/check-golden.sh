#!/usr/bin/env bash
# Regenerates the golden files made by the pinned Python SDK and fails when the result differs from the
# committed ones (changed, added or removed): conformance/golden (task specs), conformance/golden-child-names (child
# action names and hashes, conformance/python/child_names.py) and conformance/golden-literals
# (runtime literal vectors). Used by `pnpm conformance` and by the test set-up (scripts/setup-test-env.sh),
# so the README's test command checks them. conformance/golden-backend is recorded data (README.md,
# "Recorded backend output"): the test suite compares it with `flyte-ts render`; nothing regenerates it.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Fails when <dir> differs from the committed version.
check_drift() {
  local dir="$1" what="$2"
  if ! git diff --quiet -- "$dir" || [ -n "$(git status --porcelain --untracked-files=all -- "$dir")" ]; then
    echo "conformance: regenerated $what differ from the committed ones:" >&2
    git status --short --untracked-files=all -- "$dir" >&2
    git --no-pager diff --stat -- "$dir" >&2
    return 1
  fi
  echo "conformance: $what up to date" >&2
}

status=0
if bash conformance/python/run.sh; then
  check_drift conformance/golden "golden files (Python SDK)" || status=1
  if conformance/.venv/bin/python conformance/python/literal_vectors.py write --out conformance/golden-literals/literals.json; then
    check_drift conformance/golden-literals "literal vectors (Python SDK)" || status=1
  else
    echo "conformance: generating the literal vectors failed" >&2
    status=1
  fi
  if conformance/.venv/bin/python conformance/python/child_names.py --out conformance/golden-child-names/child-names.json; then
    check_drift conformance/golden-child-names "child action names (Python SDK)" || status=1
  else
    echo "conformance: generating the child action names failed" >&2
    status=1
  fi
else
  echo "conformance: generating the golden files failed" >&2
  status=1
fi

exit $status
