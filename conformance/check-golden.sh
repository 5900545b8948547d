#!/usr/bin/env bash
# Regenerates conformance/golden from the pinned Python SDK and fails when the result differs from the
# committed golden files (changed, added or removed). Used by CI and `pnpm conformance`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash conformance/python/run.sh || { echo "conformance: generating the golden files failed" >&2; exit 1; }
if ! git diff --quiet -- conformance/golden || [ -n "$(git status --porcelain --untracked-files=all -- conformance/golden)" ]; then
  echo "conformance: regenerated golden files differ from the committed ones:" >&2
  git status --short --untracked-files=all -- conformance/golden >&2
  git --no-pager diff --stat -- conformance/golden >&2
  exit 1
fi
echo "conformance: golden files up to date" >&2
