#!/usr/bin/env bash
# The test command: builds the packages (the CLI tests run the built `flyte-ts` bin), runs vitest and
# prints the plain closing line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh >&2 || exit 1
pnpm run build >&2 || { echo "0 passed, 1 failed"; exit 1; }
report=.vitest-report.json
rm -f "$report"
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$report"
status=$?
if [ -f "$report" ]; then
  node -e 'const r=require(process.argv[1]);const failed=r.numFailedTests+(r.numFailedTestSuites||0);console.log(`${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests+r.numTodoTests} skipped`)' "$PWD/$report"
else
  echo "0 passed, 1 failed"
  status=1
fi
exit $status
