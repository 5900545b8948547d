// The closing line of scripts/run-tests.sh counts as vitest does: a real vitest run on a scratch project
// with passing, skipped and failing tests (two in nested describe blocks) and a file that cannot be imported.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "flyte-ts-summary-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function vitestOn(files: Record<string, string>): { status: number; stdout: string; report: string } {
  const dir = mkdtempSync(join(scratch, "p-"));
  writeFileSync(join(dir, "vitest.config.mjs"), 'export default { test: { globals: true, include: ["*.test.mjs"] } };\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const report = join(dir, "report.json");
  const r = spawnSync(join(root, "node_modules/.bin/vitest"), ["run", "--root", dir, "--reporter=json", `--outputFile.json=${report}`], {
    cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", VITEST: undefined, VITEST_WORKER_ID: undefined, VITEST_POOL_ID: undefined },
  });
  const summary = spawnSync("node", [join(root, "scripts/test-summary.mjs"), report, String(r.status)], { encoding: "utf8" });
  return { status: r.status ?? -1, stdout: summary.stdout, report: readFileSync(report, "utf8") };
}

describe("the test command's closing line", () => {
  it("counts failed tests once each, plus a file that fails to import, as vitest reports them", { timeout: 60_000 }, () => {
    const r = vitestOn({
      "pass.test.mjs": 'describe("a", () => { it("one", () => {}); it("two", () => {}); it.skip("three", () => {}); });\n',
      "fail.test.mjs": 'describe("outer", () => { describe("inner", () => { it("f1", () => { throw new Error("x"); }); it("f2", () => { throw new Error("y"); }); }); });\n',
      "broken.test.mjs": 'import "./missing-module.mjs";\nit("never runs", () => {});\n',
    });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.report) as { numFailedTests: number; numFailedTestSuites: number };
    // What the old line added up: 2 failed tests + every failed suite (describe blocks and files).
    expect(report.numFailedTests).toBe(2);
    expect(report.numFailedTestSuites).toBeGreaterThan(1);
    expect(r.stdout).toBe("2 passed, 3 failed, 1 skipped\n");
  });

  it("says 0 failed for a green run", { timeout: 60_000 }, () => {
    const r = vitestOn({ "pass.test.mjs": 'it("one", () => {}); it.todo("later");\n' });
    expect([r.status, r.stdout]).toEqual([0, "1 passed, 0 failed, 1 skipped\n"]);
  });
});
