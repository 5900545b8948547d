import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { isBuiltin } from "node:module";
import { basename, dirname, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { FlyteTsError } from "../errors.ts";
import { COMPILABLE_MODULE } from "./compiled-path.ts";
import { compileFailure, type Esbuild, rewriteSpecifiers, TSX_COMPATIBLE_BUILD } from "./esbuild.ts";
import { type PackageScope, packageScope } from "./module-scope.ts";
import { type ColumnEdit, shiftMappings } from "./shift-source-map.ts";

/** A file's size and modification time when the graph was compiled; size -1: the file did not exist. */
export type Stamp = readonly [path: string, size: number, mtimeMs: number];

/** One compiled module of a graph. */
export interface GraphModule {
  /** The TypeScript source (absolute, real path). */
  readonly source: string;
  /** The compiled module's file name in the cache's modules directory. */
  readonly compiled: string;
  /** The source's size and modification time when it was compiled. */
  readonly size: number;
  readonly mtimeMs: number;
  /** Each import specifier of the source that the compiled module imports under another name → that name. */
  readonly imports: Readonly<Record<string, string>>;
}

/** What compiling the module graph of one entry module found. */
export interface CompiledGraph {
  readonly format: typeof GRAPH_FORMAT;
  readonly entry: string;
  readonly conditions: readonly string[];
  readonly modules: readonly GraphModule[];
  /** Files and directories whose change may change a resolution (added or removed files, package manifests). */
  readonly stamps: readonly Stamp[];
  /** Set when the graph cannot be served compiled (CommonJS TypeScript, .tsx, an unresolvable import): why. */
  readonly unservable?: string;
  /**
   * A package the graph imports whose files are TypeScript (a workspace package exporting its sources): the
   * compiled graph links only where a TypeScript loader is active.
   */
  readonly typeScriptPackage?: string;
}

/** A compiled module's content, written into the cache's modules directory by name. */
export interface CompiledFile {
  readonly name: string;
  readonly content: string;
}

export const GRAPH_FORMAT = 1;

/**
 * A compiled module's file name: a digest of its source's path (one name per source, shared by every graph
 * that imports it, so a module is evaluated once per process) and of the conditions its imports were
 * resolved with, and the source's own name for humans.
 */
export function compiledName(source: string, conditions: readonly string[]): string {
  return `${createHash("sha256").update([source, ...conditions].join("\0")).digest("hex").slice(0, 16)}-${basename(source)}.mjs`;
}

export function stampOf(path: string): Stamp {
  const st = statSync(path, { throwIfNoEntry: false });
  return st ? [path, st.isDirectory() ? 0 : st.size, st.mtimeMs] : [path, -1, -1];
}

/** A TypeScript ES module this cache compiles: `.mts`, or `.ts` in a `"type": "module"` package. */
export function isCompilable(file: string, scopes: Map<string, PackageScope>): boolean {
  return COMPILABLE_MODULE.test(file) && (file.endsWith(".mts") || packageScope(dirname(file), scopes).esm);
}

const TYPESCRIPT = /\.(c|m)?tsx?$/;
const isPackageSpecifier = (specifier: string) => !/^(\.{1,2}(\/|$)|\/|#|file:)/.test(specifier);

/**
 * Lines that make `import.meta` of a compiled module name its source, as under tsx: relative file reads
 * (`new URL("./data.csv", import.meta.url)`) find the files beside the source. Assignments, not a rewrite of
 * the code, so that a task function's text (its code version) stays the source's.
 */
function importMetaPrelude(source: string): string {
  const url = JSON.stringify(pathToFileURL(source).href);
  return `import.meta.url=${url};import.meta.filename=${JSON.stringify(source)};import.meta.dirname=${JSON.stringify(dirname(source))};`
    + `import.meta.resolve=((resolve,base)=>(specifier,...rest)=>/^\\.{0,2}\\//.test(specifier)?new URL(specifier,base).href:resolve(specifier,...rest))(import.meta.resolve,${url});\n`;
}

/**
 * Compiles the graph of TypeScript ES modules reachable from `entry` through relative and `#` imports, one
 * JavaScript module per source (nothing inlined: each module is evaluated once), with tsx's settings
 * (TSX_COMPATIBLE_BUILD). Imports are resolved once, here, as Node.js resolves them from the source
 * (esbuild's resolver with Node's conditions, `conditions` included, no "module" condition, `main` only):
 * compiled sources are imported by their compiled name, everything else by its absolute file URL, so that
 * a package (@flyte-ts/core) is the same instance the process already loaded. `previous` (the last
 * compilation's record) spares recompiling unchanged modules: only changed ones are returned in `files`.
 */
export async function compileModuleGraph(
  esbuild: Esbuild,
  entry: string,
  conditions: readonly string[],
  previous?: CompiledGraph,
): Promise<{ graph: CompiledGraph; files: CompiledFile[] }> {
  const scopes = new Map<string, PackageScope>();
  const stamps = new Map<string, Stamp>();
  const stamp = (path: string) => {
    if (!stamps.has(path)) stamps.set(path, stampOf(path));
  };
  const sources = new Set<string>([entry]);
  const rewrites = new Map<string, Map<string, string>>();
  let unservable: string | undefined;
  let typeScriptPackage: string | undefined;
  const common = { ...TSX_COMPATIBLE_BUILD, write: false as const, conditions: [...conditions], mainFields: ["main"] };
  try {
    // Pass 1 walks the graph, resolving every import as Node.js would from the source and recording what it
    // becomes. Its bundled output is not used (bundling renames names that shadow others).
    await esbuild.build({
      ...common,
      entryPoints: [entry],
      bundle: true,
      outdir: dirname(entry),
      plugins: [{
        name: "flyte-ts-module-graph",
        setup(build) {
          build.onResolve({ filter: /.*/ }, async (args) => {
            if (args.kind === "entry-point" || args.pluginData === "inner") return undefined;
            if (isBuiltin(args.path)) return { path: args.path, external: true };
            const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: "inner" });
            const packageImport = isPackageSpecifier(args.path);
            if (packageImport) {
              // Where Node.js looks for a package: node_modules (and a scope's folder) in each directory up.
              for (let dir = args.resolveDir; ; dir = dirname(dir)) {
                stamp(join(dir, "node_modules"));
                if (args.path.startsWith("@")) stamp(join(dir, "node_modules", args.path.split("/")[0]!));
                if (dirname(dir) === dir) break;
              }
            } else {
              stamp(dirname(resolve(args.resolveDir, args.path)));
            }
            if (resolved.errors.length > 0 || !resolved.path) {
              unservable ??= `${args.importer}: cannot resolve "${args.path}"`;
              return { path: args.path, external: true };
            }
            if (resolved.external) return { path: args.path, external: true };
            const target = resolved.path;
            stamp(dirname(target));
            const scope = packageScope(dirname(target), scopes);
            if (scope.manifest) stamp(scope.manifest);
            let specifier: string;
            // The project's own TypeScript is compiled: reached by a relative or "#" import, or by a tsconfig
            // "paths" alias into the importer's own package. Another package (or the package naming itself)
            // is imported where it is, as the process already loaded it (@flyte-ts/core from its sources).
            const ownAlias = packageImport && !target.split(sep).includes("node_modules") && scope.manifest !== undefined
              && scope.manifest === packageScope(dirname(args.importer), scopes).manifest
              && !(scope.name !== undefined && (args.path === scope.name || args.path.startsWith(`${scope.name}/`)));
            if ((!packageImport || ownAlias) && TYPESCRIPT.test(target) && !target.endsWith(".d.ts")) {
              if (!isCompilable(target, scopes)) {
                unservable ??= `${target} is not a TypeScript ES module (CommonJS TypeScript or TSX)`;
                return { path: args.path, external: true };
              }
              sources.add(target);
              specifier = `./${compiledName(target, conditions)}`;
            } else {
              specifier = pathToFileURL(target).href;
              if (TYPESCRIPT.test(target) && !target.endsWith(".d.ts")) typeScriptPackage ??= target;
            }
            let forImporter = rewrites.get(args.importer);
            if (!forImporter) rewrites.set(args.importer, (forImporter = new Map()));
            forImporter.set(args.path, specifier);
            return specifier.startsWith("./") ? { path: target } : { path: args.path, external: true };
          });
        },
      }],
    });
  } catch (err) {
    throw new FlyteTsError("MODULE_LOAD", `compiling ${entry} failed: ${compileFailure(err)}`, { cause: err });
  }
  for (const source of sources) {
    stamp(dirname(source));
    const scope = packageScope(dirname(source), scopes);
    if (scope.manifest) stamp(scope.manifest);
    // esbuild compiles with the nearest tsconfig.json (decorators, class fields): its change recompiles.
    if (scope.manifest) stamp(join(dirname(scope.manifest), "tsconfig.json"));
  }
  const previousModules = new Map((previous?.modules ?? []).map((m) => [m.source, m]));
  const modules: GraphModule[] = [...sources].sort().map((source) => {
    const [, size, mtimeMs] = stampOf(source);
    const imports = Object.fromEntries([...(rewrites.get(source) ?? [])].sort(([a], [b]) => (a < b ? -1 : 1)));
    return { source, compiled: compiledName(source, conditions), size, mtimeMs, imports };
  });
  const graph: CompiledGraph = {
    format: GRAPH_FORMAT, entry, conditions, modules, stamps: [...stamps.values()].sort(([a], [b]) => (a < b ? -1 : 1)),
    ...(unservable ? { unservable } : {}),
    ...(typeScriptPackage ? { typeScriptPackage } : {}),
  };
  if (unservable) return { graph, files: [] };
  const changed = modules.filter((m) => {
    const before = previousModules.get(m.source);
    return !before || before.size !== m.size || before.mtimeMs !== m.mtimeMs || JSON.stringify(before.imports) !== JSON.stringify(m.imports);
  });
  if (changed.length === 0) return { graph, files: [] };
  // Pass 2 compiles each changed file alone, as tsx's transform does. outdir only names the outputs.
  const outdir = join(dirname(entry), ".flyte-ts-compiled");
  let outputs: Awaited<ReturnType<Esbuild["build"]>>["outputFiles"];
  try {
    outputs = (await esbuild.build({
      ...common,
      bundle: false,
      entryPoints: changed.map((m) => ({ in: m.source, out: m.compiled.slice(0, -".mjs".length) })),
      outdir,
      outExtension: { ".js": ".mjs" },
      sourcemap: "linked",
      sourcesContent: false,
    })).outputFiles;
  } catch (err) {
    throw new FlyteTsError("MODULE_LOAD", `compiling ${entry} failed: ${compileFailure(err)}`, { cause: err });
  }
  const byName = new Map((outputs ?? []).map((o) => [o.path.slice(outdir.length + 1), o.text]));
  const files: CompiledFile[] = [];
  for (const m of changed) {
    const code = byName.get(m.compiled);
    const map = byName.get(`${m.compiled}.map`);
    if (code === undefined || map === undefined) throw new FlyteTsError("MODULE_LOAD", `compiling ${m.source} produced no module`);
    const forSource = new Map(Object.entries(m.imports));
    const edits: ColumnEdit[] = [];
    let text = rewriteSpecifiers(code, (specifier) => forSource.get(specifier), edits);
    const sourceMap = JSON.parse(map) as { sources: string[]; mappings: string };
    // The rewritten specifiers are longer: what follows them on their line moved.
    sourceMap.mappings = shiftMappings(sourceMap.mappings, edits);
    // The map names the source by its URL: the compiled module's place does not matter.
    sourceMap.sources = [pathToFileURL(m.source).href];
    if (text.includes("import.meta")) {
      text = importMetaPrelude(m.source) + text;
      sourceMap.mappings = `;${sourceMap.mappings}`;
    }
    files.push({ name: m.compiled, content: text }, { name: `${m.compiled}.map`, content: JSON.stringify(sourceMap) });
  }
  return { graph, files };
}

