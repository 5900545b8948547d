// `--help` and `--version` of both executables, as a shell runs the built bins (`pnpm build` first):
// usage or version on stdout, nothing on stderr, exit 0.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { A0_FLAGS, a0InfoText, a0Usage } from "../src/runtime/a0-usage.ts";

const pkgDir = dirname(dirname(fileURLToPath(import.meta.url)));
const version = (JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as { version: string }).version;

function run(bin: "flyte-ts" | "a0", ...args: string[]) {
  const r = spawnSync(process.execPath, [join(pkgDir, "bin", `${bin}.js`), ...args], { cwd: pkgDir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("flyte-ts --version / --help", { timeout: 60_000 }, () => {
  it.each([["--version"], ["-V"]])("%s prints the package version", (flag) => {
    expect(run("flyte-ts", flag)).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("--help lists the commands and the version flag on stdout", () => {
    const r = run("flyte-ts", "--help");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain("Usage: flyte-ts [options] [command]");
    expect(r.stdout).toMatch(/^ {2}-V, --version +print the version of @flyte-ts\/core and exit$/m);
    for (const command of ["serialize", "bundle", "run", "render", "plugins"]) expect(r.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
  });

  it("after a command, --version is still that command's option (the tasks' version)", () => {
    const r = run("flyte-ts", "serialize", "test/fixtures/cli-module.ts", "--version", "v9");
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Array<{ taskTemplate: { id: { version: string } } }>).map((s) => s.taskTemplate.id.version)).toEqual(
      expect.arrayContaining(["v9"]),
    );
    expect(r.stdout).not.toContain(`"${version}"\n`);
  });
});

describe("a0 --version / --help", { timeout: 60_000 }, () => {
  it.each([["--version"], ["-V"]])("a lone %s prints the package version", (flag) => {
    expect(run("a0", flag)).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
  });

  it.each([["--help"], ["-h"], ["--inputs", "s3://b/in.pb", "--help"], ["--debug", "-h"]])("%s prints the usage on stdout", (...args) => {
    expect(run("a0", ...args)).toEqual({ status: 0, stdout: a0Usage(), stderr: "" });
  });

  it("the usage lists every flag the parser accepts, and no other", () => {
    // The parser names what it accepts when it meets an unknown flag.
    const r = run("a0", "--no-such-flag");
    expect(r.status).toBe(2);
    const accepted = /a0 accepts (.*)$/m.exec(r.stderr)![1]!.split(", ");
    const documented = A0_FLAGS.flatMap(([flags]) => flags.split(" ")[0]!.endsWith(",") ? [flags.split(" ")[1]!] : [flags.split(" ")[0]!])
      .filter((f) => f !== "--help");
    expect([...new Set(documented)].sort()).toEqual([...accepted].sort());
    const usage = a0Usage();
    expect(usage.startsWith("Usage: a0 [options] mod <module> task <task name>\n")).toBe(true);
    for (const flag of accepted) expect(usage).toContain(flag);
  });

  it("--version with a value, --help as a flag's value or after the task: the task's arguments, not a request for help", () => {
    expect(a0InfoText(["--version", "v1", "--inputs", "x"])).toBeUndefined();
    expect(a0InfoText(["--name", "--help", "--inputs", "x"])).toBeUndefined();
    expect(a0InfoText(["--inputs", "x", "mod", "m.ts", "task", "--help"])).toBeUndefined();
    expect(a0InfoText([])).toBeUndefined();
    const r = run("a0", "--version", "v1");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
  });
});
