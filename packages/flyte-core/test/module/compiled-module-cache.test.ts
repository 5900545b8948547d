// The cache of compiled modules: a TypeScript ES module and the graph it imports are compiled with esbuild
// once, then served from the cache without starting esbuild until something they were compiled from changes.
// The compiler is injected to count its starts; the modules are not imported here (see compiled-module-load.test.ts).
import { readdirSync, readFileSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CompiledModuleCacheOptions, cacheDirs, compiledModuleFor, startConditions } from "../../src/module/compiled-module-cache.ts";
import { compiledName } from "../../src/module/compile-module-graph.ts";
import { sourceOfCompiledModule } from "../../src/module/compiled-path.ts";
import { shiftMappings } from "../../src/module/shift-source-map.ts";
import { writeTree } from "../bundle/project-fixture.ts";

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `flyte-ts-${prefix}-`));

let starts = 0;
let tempDir: string;
let savedTmp: string | undefined;
beforeEach(() => {
  starts = 0;
  // The temp-directory fallback of the cache, private to each test.
  savedTmp = process.env.TMPDIR;
  tempDir = tmp("tmpdir");
  process.env.TMPDIR = tempDir;
});
afterEach(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
});

const counting = (env: NodeJS.ProcessEnv = {}): CompiledModuleCacheOptions => ({
  env,
  conditions: [],
  loadCompiler: async () => {
    starts++;
    return await import("esbuild");
  },
});

const PROJECT: Record<string, string> = {
  "package.json": '{ "name": "cache-demo", "type": "module", "imports": { "#util": "./src/util/index.ts" } }\n',
  "src/tasks.ts": [
    'import { twice } from "./lib/math";',
    'import { greet } from "#util";',
    'import { dual } from "dual";',
    'import { self } from "cache-demo/self";',
    "export const answer: number = twice(21);",
    "export const here = import.meta.url;",
    "export { dual, greet, self };",
    "",
  ].join("\n"),
  "src/lib/math.ts": "export function twice(x: number): number {\n  return 2 * x;\n}\n",
  "src/util/index.ts": 'export const greet = (name: string): string => `hello ${name}`;\n',
  "src/self.js": "export const self = 1;\n",
  "node_modules/dual/package.json": '{ "name": "dual", "exports": { ".": { "source": "./source.js", "module": "./module.js", "import": "./import.js", "require": "./require.cjs" } } }\n',
  "node_modules/dual/module.js": "export const dual = 'module';\n",
  "node_modules/dual/import.js": "export const dual = 'import';\n",
  "node_modules/dual/source.js": "export const dual = 'source';\n",
  "node_modules/dual/require.cjs": "exports.dual = 'require';\n",
};

function project(): { root: string; entry: string; cache: string } {
  const root = writeTree(tmp("cache-project"), {
    ...PROJECT,
    "package.json": '{ "name": "cache-demo", "type": "module", "imports": { "#util": "./src/util/index.ts" }, "exports": { "./self": "./src/self.js" } }\n',
  });
  return { root, entry: join(root, "src/tasks.ts"), cache: join(root, "node_modules/.cache/flyte-ts/modules") };
}

const nameOf = (source: string, conditions: readonly string[] = []) => compiledName(source, conditions);
const compiledOf = (cache: string, source: string, conditions: readonly string[] = []) => readFileSync(join(cache, nameOf(source, conditions)), "utf8");

describe("compiledModuleFor", () => {
  it("compiles the graph once into node_modules/.cache/flyte-ts of the module's package; a second load starts no compiler", async () => {
    const { root, entry, cache } = project();
    const first = await compiledModuleFor(entry, counting());
    expect(starts).toBe(1);
    expect(first).toEqual({ url: pathToFileURL(join(cache, nameOf(entry))).href, dir: cache, compiled: true });
    expect(readdirSync(cache).sort()).toEqual([
      nameOf(join(root, "src/lib/math.ts")), `${nameOf(join(root, "src/lib/math.ts"))}.map`,
      nameOf(entry), `${nameOf(entry)}.map`,
      nameOf(join(root, "src/util/index.ts")), `${nameOf(join(root, "src/util/index.ts"))}.map`,
      "graphs",
    ].sort());
    const second = await compiledModuleFor(entry, counting());
    expect(starts).toBe(1);
    expect(second).toEqual({ ...first, compiled: false });
    // Stack frames of the compiled module stand for the source (task declarations, the module path in args).
    expect(sourceOfCompiledModule(join(cache, nameOf(entry)))).toBe(entry);
  });

  it("resolves imports as Node.js does from the source: relative and #imports compiled, packages and self-references by file URL", async () => {
    const { root, entry, cache } = project();
    await compiledModuleFor(entry, counting());
    const code = compiledOf(cache, entry);
    expect(code.split("\n")[0]).toBe(
      `import.meta.url=${JSON.stringify(pathToFileURL(entry).href)};import.meta.filename=${JSON.stringify(entry)};import.meta.dirname=${JSON.stringify(join(root, "src"))};`
      + `import.meta.resolve=((resolve,base)=>(specifier,...rest)=>/^\\.{0,2}\\//.test(specifier)?new URL(specifier,base).href:resolve(specifier,...rest))(import.meta.resolve,${JSON.stringify(pathToFileURL(entry).href)});`,
    );
    expect(code).toContain(`from"./${nameOf(join(root, "src/lib/math.ts"))}"`);
    expect(code).toContain(`from"./${nameOf(join(root, "src/util/index.ts"))}"`);
    // The "import" condition, never esbuild's "module" (Node.js does not know it).
    expect(code).toContain(`from${JSON.stringify(pathToFileURL(join(root, "node_modules/dual/import.js")).href)}`);
    expect(code).toContain(`from${JSON.stringify(pathToFileURL(join(root, "src/self.js")).href)}`);
    expect(code).toContain("const here=import.meta.url;");
    // A module that does not use import.meta gets no prelude; its source map names the source.
    expect(compiledOf(cache, join(root, "src/lib/math.ts"))).toBe(
      `var __defProp=Object.defineProperty;var __name=(target,value)=>__defProp(target,"name",{value,configurable:true});function twice(x){return 2*x}__name(twice,"twice");export{twice};\n//# sourceMappingURL=${nameOf(join(root, "src/lib/math.ts"))}.map\n`,
    );
    const map = JSON.parse(readFileSync(join(cache, `${nameOf(entry)}.map`), "utf8")) as { sources: string[]; mappings: string };
    expect(map.sources).toEqual([pathToFileURL(entry).href]);
    expect(map.mappings.startsWith(";")).toBe(true);
  });

  it("compiles what a tsconfig \"paths\" alias reaches in the package; a package naming itself is imported where it is", async () => {
    const root = writeTree(tmp("paths"), {
      "package.json": '{ "name": "aliased", "type": "module", "exports": { "./api": "./src/api.ts" } }\n',
      "tsconfig.json": '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } } }\n',
      "src/main.ts": 'import { a } from "@/lib/a";\nimport { api } from "aliased/api";\nexport const both: number = a + api;\n',
      "src/lib/a.ts": "export const a: number = 1;\n",
      "src/api.ts": "export const api: number = 2;\n",
    });
    const entry = join(root, "src/main.ts");
    const cache = join(root, "node_modules/.cache/flyte-ts/modules");
    await compiledModuleFor(entry, counting());
    const code = compiledOf(cache, entry);
    expect(code).toContain(`from"./${nameOf(join(root, "src/lib/a.ts"))}"`);
    expect(code).toContain(`from${JSON.stringify(pathToFileURL(join(root, "src/api.ts")).href)}`);
  });

  it("records a package whose files are TypeScript (linking it needs a TypeScript loader)", async () => {
    const root = writeTree(tmp("ts-package"), {
      "package.json": '{ "type": "module" }\n',
      "main.ts": 'import { three } from "ts-lib";\nexport const value: number = three();\n',
      "node_modules/ts-lib/package.json": '{ "name": "ts-lib", "type": "module", "exports": "./index.ts" }\n',
      "node_modules/ts-lib/index.ts": "export const three = (): number => 3;\n",
    });
    const entry = join(root, "main.ts");
    expect(await compiledModuleFor(entry, counting())).toMatchObject({ typeScriptPackage: join(root, "node_modules/ts-lib/index.ts"), compiled: true });
    expect(await compiledModuleFor(entry, counting())).toMatchObject({ typeScriptPackage: join(root, "node_modules/ts-lib/index.ts"), compiled: false });
    // The package itself is not compiled: only main.ts is in the cache.
    expect(readdirSync(join(root, "node_modules/.cache/flyte-ts/modules")).filter((f) => f.endsWith(".mjs"))).toEqual([nameOf(entry)]);
  });

  it("honours the conditions Node.js was started with (the monorepo's @flyte-ts/source), in a graph of their own", async () => {
    const { root, entry, cache } = project();
    await compiledModuleFor(entry, { ...counting(), conditions: ["source"] });
    expect(compiledOf(cache, entry, ["source"])).toContain(`from${JSON.stringify(pathToFileURL(join(root, "node_modules/dual/source.js")).href)}`);
    // Compiled apart from the graph without the condition: both stay valid.
    await compiledModuleFor(entry, counting());
    expect(compiledOf(cache, entry)).toContain(`from${JSON.stringify(pathToFileURL(join(root, "node_modules/dual/import.js")).href)}`);
    expect((await compiledModuleFor(entry, { ...counting(), conditions: ["source"] }))?.compiled).toBe(false);
    expect(starts).toBe(2);
    expect(startConditions(["--conditions=@flyte-ts/source", "-C", "x", "--inspect"], "--conditions y -C=z")).toEqual(["@flyte-ts/source", "x", "y", "z"]);
    expect(startConditions([], undefined)).toEqual([]);
  });

  it("recompiles only the edited module; a file added that changes a resolution recompiles its importer", async () => {
    const { root, entry, cache } = project();
    await compiledModuleFor(entry, counting());
    const math = join(root, "src/lib/math.ts");
    const entryBefore = statSync(join(cache, nameOf(entry))).mtimeMs;
    writeFileSync(math, "export function twice(x: number): number {\n  return x + x;\n}\n");
    expect((await compiledModuleFor(entry, counting()))?.compiled).toBe(true);
    expect(starts).toBe(2);
    expect(compiledOf(cache, math)).toContain("function twice(x){return x+x}");
    expect(statSync(join(cache, nameOf(entry))).mtimeMs).toBe(entryBefore);
    // Unchanged again: served from the cache.
    expect((await compiledModuleFor(entry, counting()))?.compiled).toBe(false);
    expect(starts).toBe(2);
    // The package's "imports" map "#util" elsewhere: the importer follows.
    mkdirSync(join(root, "src/util2"));
    writeFileSync(join(root, "src/util2/index.ts"), "export const greet = (name: string): string => `hi ${name}`;\n");
    writeFileSync(join(root, "package.json"), '{ "name": "cache-demo", "type": "module", "imports": { "#util": "./src/util2/index.ts" }, "exports": { "./self": "./src/self.js" } }\n');
    expect((await compiledModuleFor(entry, counting()))?.compiled).toBe(true);
    expect(compiledOf(cache, entry)).toContain(`from"./${nameOf(join(root, "src/util2/index.ts"))}"`);
  });

  it("a file added beside an import's target that now wins its resolution recompiles the importer", async () => {
    const root = writeTree(tmp("added"), {
      "package.json": '{ "type": "module" }\n',
      "main.ts": 'import { v } from "./dep";\nexport const value: string = v;\n',
      "dep/index.ts": 'export const v = "directory";\n',
    });
    const entry = join(root, "main.ts");
    const cache = join(root, "node_modules/.cache/flyte-ts/modules");
    await compiledModuleFor(entry, counting());
    expect(compiledOf(cache, entry)).toContain(`from"./${nameOf(join(root, "dep/index.ts"))}"`);
    writeFileSync(join(root, "dep.ts"), 'export const v = "file";\n');
    expect((await compiledModuleFor(entry, counting()))?.compiled).toBe(true);
    expect(compiledOf(cache, entry)).toContain(`from"./${nameOf(join(root, "dep.ts"))}"`);
    rmSync(join(root, "dep.ts"));
    expect((await compiledModuleFor(entry, counting()))?.compiled).toBe(true);
    expect(compiledOf(cache, entry)).toContain(`from"./${nameOf(join(root, "dep/index.ts"))}"`);
    expect(starts).toBe(3);
  });

  it("a package installed where the source would find it first recompiles the importer", async () => {
    const { root, entry, cache } = project();
    await compiledModuleFor(entry, counting());
    writeTree(join(root, "src"), {
      "node_modules/dual/package.json": '{ "name": "dual", "exports": "./nearer.js" }\n',
      "node_modules/dual/nearer.js": "export const dual = 'nearer';\n",
    });
    expect((await compiledModuleFor(entry, counting()))?.compiled).toBe(true);
    expect(compiledOf(cache, entry)).toContain(`from${JSON.stringify(pathToFileURL(join(root, "src/node_modules/dual/nearer.js")).href)}`);
  });

  it("FLYTE_TS_CACHE_DIR names the cache; where it cannot be written, a private temp directory; off: no cache", async () => {
    const { entry } = project();
    const chosen = tmp("chosen");
    expect((await compiledModuleFor(entry, counting({ FLYTE_TS_CACHE_DIR: chosen })))?.dir).toBe(join(chosen, "modules"));
    // A path below a regular file cannot be created, whoever runs the test (a read-only file system alike).
    const blocked = join(tmp("blocked"), "a-file");
    writeFileSync(blocked, "");
    const fallback = await compiledModuleFor(entry, counting({ FLYTE_TS_CACHE_DIR: join(blocked, "cache") }));
    expect(fallback?.dir).toBe(join(tempDir, `flyte-ts-cache-${process.getuid!()}`, "modules"));
    expect(statSync(join(tempDir, `flyte-ts-cache-${process.getuid!()}`)).mode & 0o777).toBe(0o700);
    expect(starts).toBe(2);
    // Served warm from the temp directory: no compiler.
    expect((await compiledModuleFor(entry, counting({ FLYTE_TS_CACHE_DIR: join(blocked, "cache") })))?.compiled).toBe(false);
    expect(starts).toBe(2);
    expect(cacheDirs(entry, { FLYTE_TS_CACHE_DIR: "off" })).toEqual([]);
    expect(await compiledModuleFor(entry, counting({ FLYTE_TS_CACHE_DIR: "off" }))).toBeUndefined();
    // Nowhere to write at all: undefined (the caller loads the module through tsx).
    const root2 = project();
    process.env.TMPDIR = join(blocked, "tmp");
    expect(await compiledModuleFor(root2.entry, counting({ FLYTE_TS_CACHE_DIR: join(blocked, "cache") }))).toBeUndefined();
  });

  it("a warm cache that cannot be written is still served (a read-only image)", async () => {
    const { entry } = project();
    const cache = tmp("ro");
    await compiledModuleFor(entry, counting({ FLYTE_TS_CACHE_DIR: cache }));
    // The temp directory is not writable either: only reading remains.
    const blocked = join(tmp("blocked"), "a-file");
    writeFileSync(blocked, "");
    process.env.TMPDIR = blocked;
    expect((await compiledModuleFor(entry, counting({ FLYTE_TS_CACHE_DIR: cache })))?.compiled).toBe(false);
    expect(starts).toBe(1);
  });

  it("a graph with CommonJS TypeScript or TSX is not served compiled, and knows it without a compiler next time", async () => {
    const root = writeTree(tmp("cts"), {
      "package.json": '{ "type": "module" }\n',
      "main.ts": 'import { c } from "./legacy.cjs";\nexport const value: number = c;\n',
      "legacy.cts": "export const c = 1;\n",
      "view.tsx": "export const v = <div />;\n",
      "cjs/package.json": "{}\n",
      "cjs/a.ts": "export const a = 1;\n",
    });
    const first = await compiledModuleFor(join(root, "main.ts"), counting());
    expect(first).toMatchObject({ unservable: `${join(root, "legacy.cts")} is not a TypeScript ES module (CommonJS TypeScript or TSX)`, compiled: true });
    expect(await compiledModuleFor(join(root, "main.ts"), counting())).toMatchObject({ unservable: expect.any(String), compiled: false });
    expect(starts).toBe(1);
    // Entry modules that are not TypeScript ES modules: nothing to compile, no compiler started.
    expect(await compiledModuleFor(join(root, "view.tsx"), counting())).toBeUndefined();
    expect(await compiledModuleFor(join(root, "cjs/a.ts"), counting())).toBeUndefined();
    expect(starts).toBe(1);
  });

  it("a module that does not compile is a MODULE_LOAD error naming file, line and column; without esbuild: undefined", async () => {
    const root = writeTree(tmp("broken"), { "package.json": '{ "type": "module" }\n', "main.ts": 'import "./bad";\n', "bad.ts": "export const = ;\n" });
    await expect(compiledModuleFor(join(root, "main.ts"), counting())).rejects.toMatchObject({
      code: "MODULE_LOAD",
      // The place relative to the working directory, as compilers print it.
      message: `compiling ${join(root, "main.ts")} failed: ${relative(process.cwd(), join(root, "bad.ts"))}:1:13: Expected identifier but found "="`,
    });
    expect(await compiledModuleFor(join(root, "main.ts"), { ...counting(), loadCompiler: async () => undefined })).toBeUndefined();
  });

  it("a module reached through a symlink is compiled once, under its real path", async () => {
    const { root, entry } = project();
    const link = join(tmp("link"), "linked");
    symlinkSync(root, link);
    const viaLink = await compiledModuleFor(join(link, "src/tasks.ts"), counting());
    expect(viaLink).toMatchObject({ url: pathToFileURL(join(root, "node_modules/.cache/flyte-ts/modules", nameOf(entry))).href });
  });

  it("keeps the source's modification time check cheap and exact: touching a file without changing it recompiles", async () => {
    const { entry } = project();
    await compiledModuleFor(entry, counting());
    const later = new Date(Date.now() + 5_000);
    utimesSync(entry, later, later);
    expect((await compiledModuleFor(entry, counting()))?.compiled).toBe(true);
    expect(starts).toBe(2);
  });
});

describe("shiftMappings", () => {
  it("moves the generated columns at and after an edit on its line, keeping the other fields", () => {
    // Line 0: segments at columns 0, 10, 40 (deltas 0, 10, 30 = A, U, 8B); line 1: column 5 (K).
    expect(shiftMappings("AAAA,UAAC,8BAAE;KAAA", [{ line: 0, column: 10, delta: 7 }])).toBe("AAAA,iBAAC,8BAAE;KAAA");
    expect(shiftMappings("AAAA,UAAC,8BAAE;KAAA", [{ line: 0, column: 11, delta: 7 }, { line: 1, column: 0, delta: 100 }])).toBe("AAAA,UAAC,qCAAE;yGAAA");
    expect(shiftMappings("AAAA", [])).toBe("AAAA");
  });
});
