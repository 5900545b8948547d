#!/usr/bin/env bash
# The test command: installs what the tests need (scripts/bootstrap.sh, then scripts/setup-test-env.sh:
# the Python SDK and engine environments, all project-local and git-ignored), builds the packages (the CLI
# tests run the built `flyte-ts` bin), runs vitest and prints the plain closing line
# "N passed, N failed, N skipped", counted as vitest counts (scripts/test-summary.mjs).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh >&2 || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/setup-test-env.sh >&2 || { echo "0 passed, 1 failed"; exit 1; }
pnpm run build >&2 || { echo "0 passed, 1 failed"; exit 1; }
report=.vitest-report.json
rm -f "$report"
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
if [ -f "$report" ]; then
  node scripts/test-summary.mjs "$report" "$status" || status=1
else
  echo "0 passed, 1 failed"
  status=1
fi
exit $status
