import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { coreVersion, taskSpecFromBinary, taskSpecToJson } from "@flyte-ts/core";

// These run the built bin (`pnpm build` first), exactly as a user's shell would.
const pkgDir = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(pkgDir, "bin", "flyte-ts.js");

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: pkgDir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each test spawns the CLI a few times; a busy machine needs more than the default 5 s.
describe("flyte-ts CLI", { timeout: 60_000 }, () => {
  it("is built", () => {
    expect(existsSync(join(pkgDir, "dist", "cli.js"))).toBe(true);
  });

  it("serializes every task of a TypeScript module to a JSON array on stdout", () => {
    const r = cli("serialize", "test/fixtures/cli-module.ts", "--version", "v3", "--project", "p", "--domain", "d");
    expect(r.status).toBe(0);
    const specs = JSON.parse(r.stdout) as Array<Record<string, any>>;
    expect(specs.map((s) => [s.taskTemplate.id, s.taskTemplate.type, s.shortName])).toEqual([
      [{ resourceType: "TASK", project: "p", domain: "d", name: "cli-demo.greet", version: "v3" }, "python", "greet"],
      [{ resourceType: "TASK", project: "p", domain: "d", name: "cli-echo.double", version: "v3" }, "echo", "double"],
    ]);
    expect(specs[1]!.taskTemplate.custom).toEqual({ workers: 2, conf: { a: "b" } });
    expect(specs[0]!.taskTemplate.container.args.slice(-4)).toEqual(["mod", "test/fixtures/cli-module.ts", "task", "cli-demo.greet"]);
    expect(specs[0]!.taskTemplate.metadata.runtime).toEqual({ type: "FLYTE_SDK", version: `2.12.1+flyte-ts.${coreVersion()}`, flavor: "typescript" });
    expect(r.stderr).toContain("serialized 2 task(s)");
  });

  it("writes <task>.json and <task>.pb with --out, equal to each other", () => {
    const out = mkdtempSync(join(tmpdir(), "flyte-ts-out-"));
    const r = cli("serialize", "test/fixtures/cli-module.ts", "--version", "v3", "--out", out);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(readdirSync(out).sort()).toEqual(["cli-demo.greet.json", "cli-demo.greet.pb", "cli-echo.double.json", "cli-echo.double.pb"]);
    for (const name of ["cli-demo.greet", "cli-echo.double"]) {
      const json = JSON.parse(readFileSync(join(out, `${name}.json`), "utf8"));
      expect(taskSpecToJson(taskSpecFromBinary(readFileSync(join(out, `${name}.pb`))))).toEqual(json);
    }
  });

  it("derives a stable version from the code when none is given", () => {
    const a = JSON.parse(cli("serialize", "test/fixtures/cli-module.ts").stdout)[0].taskTemplate.id.version;
    const b = JSON.parse(cli("serialize", "test/fixtures/cli-module.ts").stdout)[0].taskTemplate.id.version;
    expect(a).toMatch(/^[0-9a-f]{20}$/);
    expect(b).toBe(a);
  });

  it("exits non-zero with one error listing every problem and its path, writing nothing", () => {
    const out = join(mkdtempSync(join(tmpdir(), "flyte-ts-bad-")), "out");
    const r = cli("serialize", "test/fixtures/cli-invalid.ts", "--out", out);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error [INVALID_CONFIG]: Invalid TaskEnvironment \"Bad Name\" (3 problems):");
    expect(r.stderr).toContain("  - name: Environment name 'Bad Name' must be in snake_case or kebab-case format.");
    expect(r.stderr).toContain("  - resources.cpu: cpu must be greater than or equal to 0");
    expect(r.stderr).toContain("  - resources.gpu: gpu must be one of");
    expect(existsSync(out)).toBe(false);
  });

  it("collects serialization problems of all tasks before failing", () => {
    const r = cli("serialize", "test/fixtures/cli-noimage.ts");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("(2 problems)");
    expect(r.stderr).toContain('- ["task cli-noimage.one"].image: environment "cli-noimage" has no image');
    expect(r.stderr).toContain('- ["task cli-noimage.two"].image: environment "cli-noimage" has no image');
  });

  it("runs a task locally and prints its output as JSON", () => {
    const r = cli("run", "--local", "test/fixtures/cli-module.ts", "greet", "--input", "name=world", "--input", "times=2");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toBe("hello world, hello world");
    const j = cli("run", "--local", "test/fixtures/cli-module.ts", "cli-echo.double", "--inputs-json", '{"xs":[1,2,3]}');
    expect(j.status).toBe(0);
    expect(JSON.parse(j.stdout)).toEqual([2, 4, 6]);
  });

  it("reports bad inputs and unknown tasks", () => {
    const bad = cli("run", "--local", "test/fixtures/cli-module.ts", "greet", "--input", "times=2");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("error [INVALID_INPUT]: Invalid inputs of cli-demo.greet (1 problem):\n  - name: Invalid input: expected string, received undefined");
    const missing = cli("run", "--local", "test/fixtures/cli-module.ts", "nope");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('error [TASK_NOT_FOUND]: No task named "nope" in test/fixtures/cli-module.ts. Tasks: cli-demo.greet, cli-echo.double');
    const notLocal = cli("run", "test/fixtures/cli-module.ts", "greet");
    expect(notLocal.status).toBe(1);
    expect(notLocal.stderr).toContain("--local");
  });

  it("lists the plugins a module registers", () => {
    const r = cli("plugins", "test/fixtures/cli-module.ts", "--json");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { name: "@example/flyte-ts-echo", version: "1.2.3", configKind: "@example/flyte-ts-echo#Echo", taskType: "echo", coreApiRange: ">=0.1.0 <1.0.0" },
    ]);
    const table = cli("plugins", "test/fixtures/cli-module.ts");
    expect(table.stdout.split("\n")[1]).toMatch(/^@example\/flyte-ts-echo\s+1\.2\.3\s+echo\s+@example\/flyte-ts-echo#Echo\s+>=0\.1\.0 <1\.0\.0$/);
  });

  it("renders what the plugins can render, as YAML", () => {
    const r = cli("render", "test/fixtures/cli-module.ts", "--version", "v1");
    expect(r.status).toBe(0);
    expect(parseYaml(r.stdout)).toEqual({ apiVersion: "example.com/v1", kind: "EchoJob", spec: { workers: 2, conf: { a: "b" } } });
    expect(r.stderr).toContain("cli-demo.greet: plain container task; skipped");
  });

  it("fails clearly on a missing module", () => {
    const r = cli("serialize", "test/fixtures/nope.ts");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error \[MODULE_LOAD\]: Module not found: test\/fixtures\/nope.ts/);
  });
});
