import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliBin, pkgDir } from "./runtime/a0-harness.ts";

// `serialize --out` is all or nothing: the directory ends up holding exactly the tasks' files, or is left
// as it was; errors name the user's path with the OUTPUT_DIR code, never a temporary path or a bare errno.
function serialize(out: string) {
  const r = spawnSync(process.execPath, [cliBin, "serialize", "test/fixtures/cli-module.ts", "--version", "v3", "--out", out], { cwd: pkgDir, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const SPEC_FILES = ["cli-demo.greet.json", "cli-demo.greet.pb", "cli-echo.double.json", "cli-echo.double.pb"];

describe("flyte-ts serialize --out", { timeout: 60_000 }, () => {
  it("replaces an earlier output as a whole: specs of tasks no longer declared do not linger", () => {
    const parent = mkdtempSync(join(tmpdir(), "flyte-ts-out-"));
    const out = join(parent, "specs");
    mkdirSync(out);
    writeFileSync(join(out, "removed-env.gone.json"), "{}");
    writeFileSync(join(out, "cli-demo.greet.json"), "stale");
    const r = serialize(out);
    expect([r.status, r.stderr.trim()]).toEqual([0, `flyte-ts: wrote 2 task(s) to ${out} at version v3`]);
    expect(readdirSync(out).sort()).toEqual(SPEC_FILES);
    expect(JSON.parse(readFileSync(join(out, "cli-demo.greet.json"), "utf8")).taskTemplate.id.name).toBe("cli-demo.greet");
    expect(readdirSync(parent)).toEqual(["specs"]); // no temporary directory left beside it
  });

  it("leaves the directory exactly as it was when the new output cannot take its place", () => {
    const parent = mkdtempSync(join(tmpdir(), "flyte-ts-out-"));
    const out = join(parent, "specs");
    mkdirSync(join(out, "cli-demo.greet.pb"), { recursive: true }); // a directory where a spec file would go
    writeFileSync(join(out, "cli-demo.greet.json"), "previous");
    const r = serialize(out);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      `error [OUTPUT_DIR]: cannot write --out ${out}: it holds an entry this command did not write (cli-demo.greet.pb); the directory is replaced as a whole, so choose a new or empty one`,
    );
    expect(readdirSync(out).sort()).toEqual(["cli-demo.greet.json", "cli-demo.greet.pb"]);
    expect(readFileSync(join(out, "cli-demo.greet.json"), "utf8")).toBe("previous");
    expect(readdirSync(join(out, "cli-demo.greet.pb"))).toEqual([]);
    expect(readdirSync(parent)).toEqual(["specs"]);
  });

  it("names the user's path and says what is wrong in words, with a project error code", () => {
    const parent = mkdtempSync(join(tmpdir(), "flyte-ts-out-"));
    writeFileSync(join(parent, "a-file"), "x");
    const cases: Array<[string, string]> = [
      ["a-file", "it exists and is not a directory"],
      ["a-file/specs", "cannot read it: a parent of it is not a directory (ENOTDIR)"],
      ["missing/specs", "cannot create a directory beside it: a parent directory does not exist (ENOENT)"],
    ];
    for (const [relative, reason] of cases) {
      const out = join(parent, relative);
      const r = serialize(out);
      expect([relative, r.status, r.stderr.trim()]).toEqual([relative, 1, `error [OUTPUT_DIR]: cannot write --out ${out}: ${reason}`]);
    }
    expect(readdirSync(parent)).toEqual(["a-file"]);
  });
});
