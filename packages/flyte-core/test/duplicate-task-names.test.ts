// Two tasks with one full name are an error naming both declarations, never a silent drop; a short name
// that matches several tasks lists them.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, TaskEnvironment } from "@flyte-ts/core";

const here = fileURLToPath(import.meta.url);
const pkgDir = dirname(dirname(here));
const bin = join(pkgDir, "bin", "flyte-ts.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: pkgDir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

describe("duplicate task names", { timeout: 60_000 }, () => {
  it("refuses a second task of the same name in one environment, naming both lines", () => {
    const env = new TaskEnvironment({ name: "dup-one" });
    env.task(async function fit() { return 1; });
    let error: unknown;
    try {
      env.task({ name: "fit" }, async function other() { return 2; });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(["name"]);
    // (vitest runs a transformed copy of this file: the lines are checked through the CLI below)
    expect(issues[0]!.message).toMatch(
      new RegExp(`^task "dup-one\\.fit" is declared twice: first at ${here}:\\d+:\\d+, again at ${here}:\\d+:\\d+; give one of them another name`),
    );
    expect([...env.tasks.keys()]).toEqual(["dup-one.fit"]);
  });

  it("flyte-ts refuses a module where two environments of one name declare the same function, naming both", () => {
    const r = cli("serialize", "test/fixtures/cli-duplicate-names.ts", "--version", "v1");
    expect(r.status).not.toBe(0);
    const fixture = join(pkgDir, "test/fixtures/cli-duplicate-names.ts");
    expect(r.stderr).toContain("error [INVALID_CONFIG]: Invalid tasks in test/fixtures/cli-duplicate-names.ts (1 problem):");
    expect(r.stderr).toMatch(new RegExp(`dup\\.fit"?\\]?: two tasks have this full name: one declared at ${fixture}:5:\\d+, one at ${fixture}:8:\\d+`));
    expect(r.stdout).toBe("");
  });

  it("run --local with a short name that matches several tasks lists them", () => {
    const r = cli("run", "--local", "test/fixtures/cli-ambiguous-names.ts", "fit");
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('Task name "fit" is ambiguous in test/fixtures/cli-ambiguous-names.ts: it matches train.fit, evaluate.fit. Give the full name (<environment>.<function>).');
    const full = cli("run", "--local", "test/fixtures/cli-ambiguous-names.ts", "evaluate.fit");
    expect(full.status).toBe(0);
    expect(full.stdout).toContain("evaluate");
  });
});
