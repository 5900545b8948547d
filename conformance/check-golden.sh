#!/usr/bin/env bash
# Regenerates the golden files of both oracles and fails when the result differs from the committed ones
# (changed, added or removed): conformance/golden (task specs) and conformance/golden-literals (runtime
# literal vectors) from the pinned Python SDK, and conformance/golden-backend from the pinned Flyte 2
# backend (go/run.sh). Used by CI and `pnpm conformance`.
# The backend's Go module is not on the Go module proxy: when its sources are missing (go/run.sh exits 3)
# the backend step is skipped with a warning, or fails when CONFORMANCE_REQUIRE_BACKEND=1.
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
else
  echo "conformance: generating the golden files failed" >&2
  status=1
fi

bash conformance/go/run.sh
rc=$?
if [ $rc -eq 0 ]; then
  check_drift conformance/golden-backend "backend golden files (Flyte 2 backend)" || status=1
elif [ $rc -eq 3 ] && [ "${CONFORMANCE_REQUIRE_BACKEND:-0}" != "1" ]; then
  echo "conformance: WARNING: backend oracle SKIPPED (its sources are missing; see conformance/go/run.sh);" \
    "the committed golden-backend files are still checked by the test suite" >&2
else
  echo "conformance: generating the backend golden files failed" >&2
  status=1
fi
exit $status
