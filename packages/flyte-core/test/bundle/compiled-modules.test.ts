// Code bundles carry their ES-module TypeScript compiled to JavaScript (`<source>.mjs`), which a0 imports
// instead of compiling the source with tsx on every start. The compiled modules must behave as the
// sources do under tsx: same task names, same function text (code version), same `mod` in the args.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCodeBundle } from "../../src/bundle/build.ts";
import { extractCodeBundle } from "../../src/bundle/extract.ts";
import { readTarEntries } from "../../src/bundle/tar-reader.ts";
import { a0Bin, backendEnv, cliBin, pkgDir } from "../runtime/a0-harness.ts";
import { renderArgsLikeBackend } from "../runtime/backend-args.ts";
import { writeFileSync } from "node:fs";
import { PROJECT, writeProject, writeTree } from "./project-fixture.ts";

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `flyte-ts-${prefix}-`));

/**
 * The reference's files digest over these entries: flyte 2.12.1
 * `ls_relative_files(files, root)[1]` on the unpacked archive (conformance/.venv).
 */
const COMPILED_PROJECT_REFERENCE_DIGEST = "15eb761def7560aa4287ec8387f9a915";

describe("buildCodeBundle compiles ES-module TypeScript", () => {
  it("adds <source>.mjs beside each .ts of a \"type\": \"module\" package; the name is still the reference's files digest", async () => {
    const built = await buildCodeBundle({ rootDir: writeProject(), outDir: tmp("out") });
    expect(built.files).toEqual([
      ".gitignore", "README.md", "package.json", "scripts/run.sh", "src/etl.ts", "src/etl.ts.mjs", "src/lib/util.ts", "src/lib/util.ts.mjs", "tsconfig.json",
    ]);
    expect(built.compiled).toEqual(["src/etl.ts.mjs", "src/lib/util.ts.mjs"]);
    expect(built.digest).toBe(COMPILED_PROJECT_REFERENCE_DIGEST);
    const entries = new Map(readTarEntries(readFileSync(built.archivePath)).map((e) => [e.name, e.data.toString()]));
    expect(entries.get("src/etl.ts")).toBe(PROJECT["src/etl.ts"]);
    expect(entries.get("src/etl.ts.mjs")).toBe("const rows=1;export{rows};\n");
    expect(entries.get("src/lib/util.ts.mjs")).toBe(
      'var __defProp=Object.defineProperty;var __name=(target,value)=>__defProp(target,"name",{value,configurable:true});const double=__name(x=>2*x,"double");export{double};\n',
    );
  });

  it("compiles nothing without a package.json saying \"type\": \"module\" (CommonJS or unknown: left to tsx), nor .cts, .tsx, .d.ts", async () => {
    const root = writeTree(tmp("cjs"), {
      "package.json": "{}\n", "a.ts": "export const a = 1;\n", "b.cts": "export const b = 1;\n",
      "esm/package.json": '{ "type": "module" }\n', "esm/c.tsx": "export const c = 1;\n", "esm/d.d.ts": "export {};\n", "esm/e.mts": "export const e = 1;\n",
    });
    expect((await buildCodeBundle({ rootDir: root, outDir: tmp("cjs-out") })).compiled).toEqual(["esm/e.mts.mjs"]);
  });

  it("a package.json above the bundle root does not make its .ts ES modules (it is not unpacked beside them)", async () => {
    const outer = writeTree(tmp("outer"), { "package.json": '{ "type": "module" }\n', "project/a.ts": "export const a = 1;\n", "project/sub/package.json": '{ "type": "module" }\n', "project/sub/b.ts": "export const b = 1;\n" });
    expect((await buildCodeBundle({ rootDir: join(outer, "project"), outDir: tmp("outer-out") })).compiled).toEqual(["sub/b.ts.mjs"]);
  });

  it("refuses a file already named like a compiled module, and a source that does not compile", async () => {
    const clash = writeTree(tmp("clash"), { "package.json": '{ "type": "module" }\n', "a.ts": "export {};\n", "a.ts.mjs": "export {};\n" });
    await expect(buildCodeBundle({ rootDir: clash, outDir: tmp("clash-out") })).rejects.toMatchObject({
      code: "CODE_BUNDLE",
      message: "the bundle keeps compiled modules beside their sources, but these files exist already: a.ts.mjs; rename them or leave them out (.flyteignore)",
    });
    const broken = writeTree(tmp("broken"), { "package.json": '{ "type": "module" }\n', "bad.ts": "export const = ;\n" });
    await expect(buildCodeBundle({ rootDir: broken, outDir: tmp("broken-out") })).rejects.toMatchObject({
      code: "CODE_BUNDLE",
      message: expect.stringMatching(/^compiling the bundle's TypeScript modules failed: bad\.ts:1:13: Expected identifier but found "="/),
    });
  });
});

// A project whose task module imports a sibling with the TypeScript ".js" convention, another without an
// extension, and reads a file next to itself: what tsx allows, the compiled modules must allow too.
const TASK_PROJECT: Record<string, string> = {
  "package.json": '{ "name": "compiled-demo", "private": true, "type": "module" }\n',
  "src/env.ts": 'import { TaskEnvironment } from "@flyte-ts/core";\nexport const env = new TaskEnvironment({ name: "compiled", image: "img:1" });\n',
  "src/lib/math.ts": "export function twice(x: number): number {\n  return 2 * x;\n}\n",
  "src/note.txt": "beside the module\n",
  "src/tasks.ts": [
    'import { readFileSync } from "node:fs";',
    'import { z } from "zod";',
    'import { env } from "./env.js";',
    'import { twice } from "./lib/math";',
    "",
    "// `hello` names both the export and the function: esbuild renames the function (hello2) unless names are kept.",
    "export const hello = env.task({ output: z.int() }, async function hello(): Promise<number> {",
    "  return twice(21);",
    "});",
    "",
    "export const where = env.task({ output: z.string() }, async function where(): Promise<string> {",
    '  const file = new URL(import.meta.url).pathname.split("/").pop();',
    '  return `${file}: ${readFileSync(new URL("./note.txt", import.meta.url), "utf8").trim()}`;',
    "});",
    "",
  ].join("\n"),
};

function taskProject(): string {
  const root = writeTree(tmp("tasks"), TASK_PROJECT);
  // The project's dependencies, as an image installs them (node_modules is never bundled).
  mkdirSync(join(root, "node_modules/@flyte-ts"), { recursive: true });
  symlinkSync(pkgDir, join(root, "node_modules/@flyte-ts/core"));
  symlinkSync(join(pkgDir, "node_modules/zod"), join(root, "node_modules/zod"));
  return root;
}

function cli(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cliBin, ...args], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`flyte-ts ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

describe("compiled modules run as their sources do (built CLI and a0)", { timeout: 120_000 }, () => {
  it("keep task names, function text and module path: serializing the compiled module gives the source's TaskSpecs", async () => {
    const root = taskProject();
    const bundle = JSON.parse(cli(root, "bundle", "--root-dir", root, "--out", tmp("bundle"))) as { archive: string };
    const dest = tmp("dest");
    await extractCodeBundle({ uri: bundle.archive, destination: dest });
    symlinkSync(join(root, "node_modules"), join(dest, "node_modules"));
    const compiled = readFileSync(join(dest, "src/tasks.ts.mjs"), "utf8");
    expect(compiled).toContain('from"./env.ts.mjs"');
    expect(compiled).toContain('from"./lib/math.ts.mjs"');
    // esbuild's keepNames (tsx compiles with it too) keeps the function's name whatever its own renaming.
    expect(compiled).toContain(',"hello")');
    const fromSource = cli(dest, "serialize", "src/tasks.ts", "--root-dir", dest, "--version", "v1", "--project", "p", "--domain", "d");
    const fromCompiled = cli(dest, "serialize", "src/tasks.ts.mjs", "--root-dir", dest, "--version", "v1", "--project", "p", "--domain", "d");
    expect(fromCompiled).toBe(fromSource);
    // The same function text under tsx and compiled: the same code version (discoveryVersion).
    const specs = JSON.parse(fromSource) as Array<{ taskTemplate: { id: { name: string }; container: { args: string[] }; metadata: { discoveryVersion: string } } }>;
    expect(specs.map((s) => [s.taskTemplate.id.name, s.taskTemplate.container.args.slice(-4), s.taskTemplate.metadata.discoveryVersion.length])).toEqual([
      ["compiled.hello", ["mod", "src/tasks.ts", "task", "compiled.hello"], 64],
      ["compiled.where", ["mod", "src/tasks.ts", "task", "compiled.where"], 64],
    ]);
  });

  it("a0 imports the bundle's compiled module: outputs as from the source, files beside it readable", () => {
    const root = taskProject();
    const bundle = JSON.parse(cli(root, "bundle", "--root-dir", root, "--out", tmp("bundle"))) as { archive: string };
    const specs = JSON.parse(cli(root, "serialize", "src/tasks.ts", "--root-dir", root, "--bundle", bundle.archive, "--project", "p", "--domain", "d")) as Array<{
      taskTemplate: { container: { args: string[] }; metadata: { runtime: { version: string } } };
    }>;
    const results = specs.map((spec) => {
      const dir = tmp("a0");
      mkdirSync(join(dir, "in"));
      writeFileSync(join(dir, "in/inputs.pb"), new Uint8Array());
      const [, ...args] = renderArgsLikeBackend(spec.taskTemplate.container.args, {
        inputPrefix: join(dir, "in"), outputPrefix: `file://${dir}/out`, runtimeVersion: spec.taskTemplate.metadata.runtime.version,
      });
      // The working directory holds the image's node_modules; --dest . unpacks the bundle beside it.
      const work = join(dir, "work");
      mkdirSync(work);
      symlinkSync(join(root, "node_modules"), join(work, "node_modules"));
      const r = spawnSync(process.execPath, [a0Bin, ...args], { cwd: work, env: backendEnv(`file://${dir}/run/`), encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(dir, "out/outputs.pb"));
    });
    // outputs.pb: literal "o0" holding the value (msgpack-free scalars for int and string).
    expect(results[0]!.includes(Buffer.from("o0"))).toBe(true);
    expect(results[1]!.toString("latin1")).toContain("tasks.ts.mjs: beside the module");
  });
});
