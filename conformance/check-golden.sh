#!/usr/bin/env bash
# Regenerates conformance/golden (task specs) and conformance/golden-literals (runtime literal vectors) from
# the pinned Python SDK and fails when the result differs from the committed files (changed, added or
# removed). Used by CI and `pnpm conformance`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash conformance/python/run.sh || { echo "conformance: generating the golden files failed" >&2; exit 1; }
conformance/.venv/bin/python conformance/python/literal_vectors.py write --out conformance/golden-literals/literals.json \
  || { echo "conformance: generating the literal vectors failed" >&2; exit 1; }
dirs=(conformance/golden conformance/golden-literals)
if ! git diff --quiet -- "${dirs[@]}" || [ -n "$(git status --porcelain --untracked-files=all -- "${dirs[@]}")" ]; then
  echo "conformance: regenerated golden files differ from the committed ones:" >&2
  git status --short --untracked-files=all -- "${dirs[@]}" >&2
  git --no-pager diff --stat -- "${dirs[@]}" >&2
  exit 1
fi
echo "conformance: golden files up to date" >&2
