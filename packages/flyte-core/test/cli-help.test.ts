import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

// bin/flyte-ts.js prints the help texts the build wrote (dist/cli-help.json) without loading commander.
// These check, on the built package, that what it prints is exactly what the program itself prints.
const pkgDir = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(pkgDir, "bin", "flyte-ts.js");
const cliModule = pathToFileURL(join(pkgDir, "dist", "cli.js")).href;
const texts = JSON.parse(readFileSync(join(pkgDir, "dist", "cli-help.json"), "utf8")) as Record<string, string>;
const version = (JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as { version: string }).version;

function spawn(args: string[]) {
  const r = spawnSync(process.execPath, args, { cwd: pkgDir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const viaBin = (...args: string[]) => spawn([bin, ...args]);
/** The program itself (commander), bypassing the bin's fast path. */
const viaProgram = (...args: string[]) =>
  spawn(["--input-type=module", "-e", `await (await import(${JSON.stringify(cliModule)})).main(["node", "flyte-ts", ...${JSON.stringify(args)}])`]);

describe("flyte-ts help and version", { timeout: 120_000 }, () => {
  it("has a help text for the program and every command", () => {
    expect(Object.keys(texts)).toEqual(["", "serialize", "bundle", "run", "deploy", "runs", "runs get", "runs logs", "runs abort", "render", "plugins"]);
    expect(texts[""]!.split("\n").slice(0, 3)).toEqual(["Usage: flyte-ts [options] [command]", "", "Declare, serialize and run Flyte 2 tasks written in TypeScript"]);
  });

  it.each(Object.keys(texts))("prints the same help for %j as the program does, with every spelling", (path) => {
    const words = path ? path.split(" ") : [];
    const expected = viaProgram(...words, "--help");
    expect(expected).toEqual({ status: 0, stdout: texts[path], stderr: "" });
    expect(viaBin(...words, "--help")).toEqual(expected);
    expect(viaBin(...words, "-h")).toEqual(expected);
    if (words.length <= 1) expect(viaBin("help", ...words)).toEqual(expected);
  });

  it("wraps help at 80 columns whatever the terminal", () => {
    for (const text of Object.values(texts)) for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("prints @flyte-ts/core's version with -V and --version, as the program does", () => {
    expect(viaProgram("-V")).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
    expect(viaBin("-V")).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
    expect(viaBin("--version")).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("leaves every other spelling to the program", () => {
    // `serialize --version` is the command's own option: it still needs a module.
    const r = viaBin("serialize", "--version", "v1");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error: missing required argument 'module'");
    // An unknown command is the program's error, followed by the help.
    const unknown = viaBin("nope", "--help");
    expect(unknown).toEqual(viaProgram("nope", "--help"));
  });
});
