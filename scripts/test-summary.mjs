#!/usr/bin/env node
// The closing line of the test command, "N passed, N failed, N skipped", from vitest's JSON report, counted
// as vitest's own summary counts: passed and failed tests, plus each test file that failed without a
// failed test (it could not be imported, or a hook outside any test threw), which vitest reports as a
// failed file. (The report's numFailedTestSuites also counts every describe block and file around a
// failed test, so adding it counted one failure several times.)
//   node scripts/test-summary.mjs <report.json> [vitest's exit status]
// With a non-zero exit status and nothing failed (an unhandled error), the line counts one failure.
import { readFileSync } from "node:fs";

/** `{ passed, failed, skipped }` of a vitest JSON report. */
export function summarize(report, exitStatus = 0) {
  const files = report.testResults ?? [];
  const failedFilesWithoutFailedTest = files.filter(
    (f) => f.status === "failed" && !(f.assertionResults ?? []).some((t) => t.status === "failed"),
  ).length;
  let failed = report.numFailedTests + failedFilesWithoutFailedTest;
  if (exitStatus !== 0 && failed === 0) failed = 1;
  return { passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests, failedFilesWithoutFailedTest };
}

if (process.argv[1] && import.meta.filename === (await import("node:path")).resolve(process.argv[1])) {
  const [file, status] = process.argv.slice(2);
  const s = summarize(JSON.parse(readFileSync(file, "utf8")), Number(status ?? 0));
  if (s.failedFilesWithoutFailedTest > 0) console.error(`test-summary: ${s.failedFilesWithoutFailedTest} test file(s) failed outside any test (counted as one failure each)`);
  console.log(`${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
}
