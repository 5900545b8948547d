// The built CLI and a0 load a TypeScript module compiled into the cache of compiled modules, without tsx:
// what they produce is what they produce under tsx (FLYTE_TS_CACHE_DIR=off), byte for byte; the compiled
// module behaves as its source (import.meta, files beside it, stack traces, packages resolved from the source);
// where compiling cannot serve, tsx still loads the module. "Not installed" is simulated with module hooks
// that hide packages (test/fixtures/hide-packages.mjs), as in optional-peers.test.ts.
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { fromBinary, toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { OutputsSchema } from "../../src/gen/flyteidl2/task/common_pb.ts";
import { writeTree } from "../bundle/project-fixture.ts";
import { a0Bin, backendEnv, cliBin, pkgDir } from "../runtime/a0-harness.ts";
import { renderArgsLikeBackend } from "../runtime/backend-args.ts";

const repoRoot = join(pkgDir, "../..");
const tsxLoader = pathToFileURL(createRequire(join(pkgDir, "package.json")).resolve("tsx")).href;
const hide = join(pkgDir, "test/fixtures/hide-packages-register.mjs");
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `flyte-ts-${prefix}-`));

interface Run { status: number | null; stdout: string; stderr: string }
/** The built CLI (or another script) with `hidden` packages "not installed" and a cache of its own. */
function node(args: string[], options: { cwd: string; cache: string; hidden?: string[]; nodeArgs?: string[]; env?: Record<string, string> }): Run {
  const r = spawnSync(process.execPath, [...(options.hidden ? ["--import", hide] : []), ...(options.nodeArgs ?? []), ...args], {
    cwd: options.cwd,
    encoding: "utf8",
    env: { ...process.env, FLYTE_TS_CACHE_DIR: options.cache, HIDE_PACKAGES: (options.hidden ?? []).join(","), ...options.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const serializeArgs = (module: string) => [cliBin, "serialize", module, "--version", "v1", "--project", "p", "--domain", "d"];

/** Serializes each module through the cache (cold, then warm without esbuild nor tsx) and through tsx: the same bytes. */
function expectSameAsTsx(cwd: string, modules: string[]) {
  const cache = tmp("cache");
  for (const module of modules) {
    const viaTsx = node(serializeArgs(module), { cwd, cache: "off" });
    expect(viaTsx.status, viaTsx.stderr).toBe(0);
    const cold = node(serializeArgs(module), { cwd, cache });
    expect([cold.status, cold.stdout]).toEqual([0, viaTsx.stdout]);
    // Warm: nothing changed, so neither esbuild nor tsx is needed (both hidden).
    const warm = node(serializeArgs(module), { cwd, cache, hidden: ["esbuild", "tsx"] });
    expect([warm.status, warm.stdout]).toEqual([0, viaTsx.stdout]);
  }
  return cache;
}

// A project as a user has it: its own package.json, a task module importing a sibling (TypeScript's ".js"
// convention), a package-internal "#" import, a package (zod) and @flyte-ts/core from node_modules.
const PROJECT: Record<string, string> = {
  "package.json": '{ "name": "load-demo", "private": true, "type": "module", "imports": { "#lib/*": "./src/lib/*.ts" } }\n',
  "src/note.txt": "beside the module\n",
  "src/lib/math.ts": "export function twice(x: number): number {\n  return 2 * x;\n}\n",
  "src/env.ts": 'import { TaskEnvironment } from "@flyte-ts/core";\nexport const env = new TaskEnvironment({ name: "loaded", image: "img:1" });\n',
  "src/tasks.ts": [
    'import { readFileSync } from "node:fs";',
    'import { z } from "zod";',
    'import { env } from "./env.js";',
    'import { twice } from "#lib/math";',
    "",
    "export const hello = env.task({ output: z.int() }, async function hello(): Promise<number> {",
    "  return twice(21);",
    "});",
    "",
    "export const where = env.task({ output: z.array(z.string()) }, async function where(): Promise<string[]> {",
    "  return [",
    "    import.meta.url, import.meta.filename, import.meta.dirname, import.meta.resolve(\"./note.txt\"),",
    '    readFileSync(new URL("./note.txt", import.meta.url), "utf8").trim(),',
    "  ];",
    "});",
    "",
    "export const stack = env.task({ output: z.string() }, async function stack(): Promise<string> {",
    '  return new Error("here").stack!.split("\\n")[1]!.trim();',
    "});",
    "",
  ].join("\n"),
};

function project(extra: Record<string, string> = {}): string {
  const root = writeTree(tmp("load"), { ...PROJECT, ...extra });
  mkdirSync(join(root, "node_modules/@flyte-ts"), { recursive: true });
  symlinkSync(pkgDir, join(root, "node_modules/@flyte-ts/core"));
  symlinkSync(join(pkgDir, "node_modules/zod"), join(root, "node_modules/zod"));
  return root;
}

describe("the CLI loads TypeScript modules compiled into the cache (built CLI)", { timeout: 180_000 }, () => {
  it("the examples and the test fixtures serialize byte for byte as under tsx, cold and warm", () => {
    expectSameAsTsx(join(repoRoot, "examples"), ["src/basics.ts", "src/spark.ts", "src/ray.ts", "src/dask.ts", "src/main.ts"]);
    expectSameAsTsx(pkgDir, ["test/fixtures/cli-module.ts", "test/fixtures/runtime-tasks.ts", "test/fixtures/child-tasks.ts"]);
  });

  it("a user project: same TaskSpecs as under tsx; the module path in the args and the code version are the source's", () => {
    const root = project();
    const cache = expectSameAsTsx(root, ["src/tasks.ts"]);
    const specs = JSON.parse(node(serializeArgs("src/tasks.ts"), { cwd: root, cache }).stdout) as Array<{ taskTemplate: { id: { name: string }; container: { args: string[] } } }>;
    expect(specs.map((s) => [s.taskTemplate.id.name, s.taskTemplate.container.args.slice(-4)])).toEqual([
      ["loaded.hello", ["mod", "src/tasks.ts", "task", "loaded.hello"]],
      ["loaded.where", ["mod", "src/tasks.ts", "task", "loaded.where"]],
      ["loaded.stack", ["mod", "src/tasks.ts", "task", "loaded.stack"]],
    ]);
    // An edited task body: recompiled (esbuild is needed again), and the code version follows, as under tsx.
    writeFileSync(join(root, "src/lib/math.ts"), "export function twice(x: number): number {\n  return x + x;\n}\n");
    const hello = join(root, "src/tasks.ts");
    writeFileSync(hello, readFileSync(hello, "utf8").replace("return twice(21);", "return twice(20) + 2;"));
    const editedViaTsx = node(serializeArgs("src/tasks.ts"), { cwd: root, cache: "off" }).stdout;
    const stale = node(serializeArgs("src/tasks.ts"), { cwd: root, cache, hidden: ["esbuild", "tsx"] });
    expect([stale.status, stale.stdout]).toEqual([1, ""]);
    expect(node(serializeArgs("src/tasks.ts"), { cwd: root, cache, hidden: ["tsx"] }).stdout).toBe(editedViaTsx);
    // One compiled module per source, in the cache named by FLYTE_TS_CACHE_DIR.
    expect(readdirSync(join(cache, "modules")).filter((f) => f.endsWith(".mjs")).map((f) => f.replace(/^[0-9a-f]{16}-/, "")).sort()).toEqual([
      "env.ts.mjs", "math.ts.mjs", "tasks.ts.mjs",
    ]);
  });

  it("processes filling the same cold cache at once all load whole modules", async () => {
    const root = project();
    const cache = tmp("cache");
    const expected = node(serializeArgs("src/tasks.ts"), { cwd: root, cache: "off" }).stdout;
    const runs = await Promise.all(Array.from({ length: 4 }, () => new Promise<Run>((done) => {
      const child = spawn(process.execPath, serializeArgs("src/tasks.ts"), { cwd: root, env: { ...process.env, FLYTE_TS_CACHE_DIR: cache } });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
      child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
      child.on("close", (status) => done({ status, stdout, stderr }));
    })));
    expect(runs.map((r) => [r.status, r.stdout])).toEqual(Array.from({ length: 4 }, () => [0, expected]));
    // No temporary file is left behind.
    expect(readdirSync(join(cache, "modules")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("run --local: import.meta names the source, files beside it are read, stack frames point at the source", () => {
    const root = project();
    const cache = tmp("cache");
    const run = (task: string) => {
      const r = node([cliBin, "run", "--local", "src/tasks.ts", task], { cwd: root, cache, hidden: ["tsx"] });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as unknown;
    };
    const source = join(root, "src/tasks.ts");
    expect(run("where")).toEqual([
      pathToFileURL(source).href, source, join(root, "src"), pathToFileURL(join(root, "src/note.txt")).href, "beside the module",
    ]);
    // Mapped through the compiled module's source map, as tsx's stack frames are.
    expect(run("stack")).toBe(`at AsyncFunction.stack (${source}:18:10)`);
    const viaTsx = node([cliBin, "run", "--local", "src/tasks.ts", "stack"], { cwd: root, cache: "off" });
    expect(JSON.parse(viaTsx.stdout)).toBe(`at AsyncFunction.stack (${source}:18:10)`);
    expect(run("hello")).toBe(42);
  });

  it("the monorepo's @flyte-ts/source condition is honoured: the module reaches the core the process loaded from source", () => {
    const root = project();
    // A script run from core's sources (tsx, the source condition) loading the module: with another copy of
    // core, the module's environments would register elsewhere and no task would be found.
    const script = [
      'const { loadTasks } = await import("@flyte-ts/core/runtime");',
      'const tasks = await loadTasks("src/tasks.ts");',
      "console.log(JSON.stringify(tasks.map((t) => t.taskName)));",
    ].join("\n");
    const cache = tmp("cache");
    const r = node(["--input-type=module", "-e", script], {
      cwd: root, cache, nodeArgs: ["--conditions=@flyte-ts/source", "--import", tsxLoader],
    });
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(r.stdout)).toEqual(["loaded.hello", "loaded.where", "loaded.stack"]);
    const compiled = readdirSync(join(cache, "modules")).find((f) => f.endsWith("-env.ts.mjs"))!;
    expect(readFileSync(join(cache, "modules", compiled), "utf8")).toContain(`from${JSON.stringify(pathToFileURL(join(pkgDir, "src/index.ts")).href)}`);
  });

  it("CommonJS TypeScript and TSX are loaded through tsx, as before", () => {
    const root = project({
      "src/legacy.cts": "export const factor = 2;\n",
      "src/cts-tasks.ts": 'import { factor } from "./legacy.cjs";\nimport { env } from "./env.js";\nexport const scaled = env.task(async function scaled(): Promise<number> { return factor; });\n',
      "src/view.tsx": 'import { env } from "./env.js";\nexport const shown = env.task(async function shown(): Promise<void> {});\n',
    });
    const cache = expectSameAsTsxLoadedByTsx(root, ["src/cts-tasks.ts", "src/view.tsx"]);
    expect(existsSync(join(cache, "modules"))).toBe(true);
  });

  it("a module importing a TypeScript package (a workspace package's sources) is loaded through tsx", () => {
    const root = project({
      "src/uses-lib.ts": 'import { env } from "./env.js";\nimport { three } from "ts-lib";\nexport const viaLib = env.task(async function viaLib(): Promise<number> { return three(); });\n',
      "node_modules/ts-lib/package.json": '{ "name": "ts-lib", "type": "module", "exports": "./index.ts" }\n',
      "node_modules/ts-lib/index.ts": "export const three = (): number => 3;\n",
    });
    const cache = expectSameAsTsxLoadedByTsx(root, ["src/uses-lib.ts"]);
    // Without tsx, the error says why the module was not compiled.
    const r = node(serializeArgs("src/uses-lib.ts"), { cwd: root, cache, hidden: ["tsx"] });
    expect(r.stderr).toBe(
      `error [MODULE_LOAD]: ${join(root, "src/uses-lib.ts")} is TypeScript that is not compiled without a TypeScript loader (it imports a package's TypeScript, ${join(root, "node_modules/ts-lib/index.ts")}): loading it needs tsx, which is not installed (npm install --save-dev tsx; it brings esbuild, which compiles TypeScript ES modules without tsx's loader), or Node.js 22.18 or later (type stripping); or bundle the code (flyte-ts bundle compiles it to JavaScript for a0)\n`,
    );
  });

  it("declaration places in errors are the source's lines and columns, as under tsx", () => {
    const root = project({
      "src/twice.ts": [
        'import { TaskEnvironment } from "@flyte-ts/core";',
        'const a = new TaskEnvironment({ name: "same", image: "img:1" });',
        'const b = new TaskEnvironment({ name: "same", image: "img:1" });',
        "",
        "export const one = a.task(async function fit(): Promise<void> {});",
        "export const two = b.task(async function fit(): Promise<void> {});",
        "",
      ].join("\n"),
    });
    const viaTsx = node(serializeArgs("src/twice.ts"), { cwd: root, cache: "off" });
    const compiled = node(serializeArgs("src/twice.ts"), { cwd: root, cache: tmp("cache"), hidden: ["tsx"] });
    const file = join(root, "src/twice.ts");
    expect(compiled.stderr).toContain(`two tasks have this full name: one declared at ${file}:5:`);
    expect(compiled.stderr).toContain(`, one at ${file}:6:`);
    expect([compiled.status, compiled.stderr]).toEqual([viaTsx.status, viaTsx.stderr]);
  });

  it("a module that does not compile fails with MODULE_LOAD naming the file, line and column", () => {
    const root = project({ "src/broken.ts": 'import { env } from "./env.js";\nexport const x = env.task(async function x() { return ; ; }\n' });
    const r = node(serializeArgs("src/broken.ts"), { cwd: root, cache: tmp("cache") });
    expect([r.status, r.stderr]).toEqual([1, `error [MODULE_LOAD]: compiling ${join(root, "src/broken.ts")} failed: src/broken.ts:3:0: Expected ")" but found end of file\n`]);
  });
});

/** Modules the cache cannot serve: the same output as under tsx, and with tsx hidden they fail (tsx did load them). */
function expectSameAsTsxLoadedByTsx(cwd: string, modules: string[]): string {
  const cache = tmp("cache");
  for (const module of modules) {
    const viaTsx = node(serializeArgs(module), { cwd, cache: "off" });
    expect(viaTsx.status, viaTsx.stderr).toBe(0);
    expect(node(serializeArgs(module), { cwd, cache }).stdout).toBe(viaTsx.stdout);
    expect(node(serializeArgs(module), { cwd, cache, hidden: ["tsx"] }).status).toBe(1);
  }
  return cache;
}

/** Runs the built a0 on one task of `root`'s module as the backend runs it (file storage); returns its outputs. */
function a0(root: string, module: string, task: string, options: { cache: string; hidden?: string[]; bundle?: boolean }) {
  const bundle = options.bundle ? (JSON.parse(node([cliBin, "bundle", "--root-dir", root, "--out", tmp("bundle")], { cwd: root, cache: options.cache }).stdout) as { archive: string }).archive : undefined;
  const serialized = node([...serializeArgs(module), "--root-dir", root, ...(bundle ? ["--bundle", bundle] : [])], { cwd: root, cache: options.cache });
  expect(serialized.status, serialized.stderr).toBe(0);
  const spec = (JSON.parse(serialized.stdout) as Array<{ taskTemplate: { id: { name: string }; container: { args: string[] }; metadata: { runtime: { version: string } } } }>)
    .find((s) => s.taskTemplate.id.name === task)!;
  const dir = tmp("a0");
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in/inputs.pb"), new Uint8Array());
  const [, ...args] = renderArgsLikeBackend(spec.taskTemplate.container.args, {
    inputPrefix: join(dir, "in"), outputPrefix: `file://${dir}/out`, runtimeVersion: spec.taskTemplate.metadata.runtime.version,
  });
  let cwd = root;
  if (bundle) {
    // A fresh pod: the image's node_modules in the working directory, the bundle unpacked beside it.
    cwd = join(dir, "work");
    mkdirSync(cwd);
    symlinkSync(join(root, "node_modules"), join(cwd, "node_modules"));
  }
  const r = spawnSync(process.execPath, [...(options.hidden ? ["--import", hide] : []), a0Bin, ...args], {
    cwd, encoding: "utf8", env: { ...backendEnv(`file://${dir}/run/`), FLYTE_TS_CACHE_DIR: options.cache, HIDE_PACKAGES: (options.hidden ?? []).join(",") },
  });
  expect(r.status, r.stderr).toBe(0);
  expect(existsSync(join(dir, "out/error.pb")), r.stderr).toBe(false);
  return toJson(OutputsSchema, fromBinary(OutputsSchema, readFileSync(join(dir, "out/outputs.pb"))));
}

describe("a0 loads a module from the image compiled into the cache (built a0)", { timeout: 180_000 }, () => {
  it("runs the task without tsx (hidden), from a cold and then a warm cache; a warm cache needs no esbuild", () => {
    const root = project();
    const cache = tmp("cache");
    const expected = { literals: [{ name: "o0", value: { scalar: { primitive: { integer: "42" } } } }] };
    expect(a0(root, "src/tasks.ts", "loaded.hello", { cache, hidden: ["tsx"] })).toMatchObject(expected);
    expect(a0(root, "src/tasks.ts", "loaded.hello", { cache, hidden: ["tsx", "esbuild"] })).toMatchObject(expected);
    expect(readdirSync(join(cache, "modules", "graphs"))).toHaveLength(1);
  });

  it("falls back to tsx when the bundle's compiled module links to a .ts file the bundle lacks (a workspace package's sources)", () => {
    // A package in the image's node_modules whose exports name TypeScript: neither the bundle's compiled
    // module nor the cache's can link it without a TypeScript loader (ERR_UNKNOWN_FILE_EXTENSION).
    const root = project({
      "src/uses-lib.ts": 'import { z } from "zod";\nimport { env } from "./env.js";\nimport { three } from "ts-lib";\nexport const viaLib = env.task({ output: z.int() }, async function viaLib(): Promise<number> { return three(); });\n',
      "node_modules/ts-lib/package.json": '{ "name": "ts-lib", "type": "module", "exports": "./index.ts" }\n',
      "node_modules/ts-lib/index.ts": "export const three = (): number => 3;\n",
    });
    const expected = { literals: [{ name: "o0", value: { scalar: { primitive: { integer: "3" } } } }] };
    expect(a0(root, "src/uses-lib.ts", "loaded.viaLib", { cache: tmp("cache"), bundle: true })).toMatchObject(expected);
    // Without tsx nothing can load it: the fallback above was tsx.
    expect(() => a0(root, "src/uses-lib.ts", "loaded.viaLib", { cache: tmp("cache"), bundle: true, hidden: ["tsx"] })).toThrow();
  });
});
