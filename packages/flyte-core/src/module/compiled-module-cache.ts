import { createHash } from "node:crypto";
import { accessSync, constants, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type CompiledGraph, compileModuleGraph, GRAPH_FORMAT, isCompilable } from "./compile-module-graph.ts";
import { recordCompiledModule } from "./compiled-path.ts";
import { type Esbuild, loadEsbuild } from "./esbuild.ts";
import { packageScope } from "./module-scope.ts";

/**
 * The environment variable naming the directory of flyte-ts's caches (compiled modules in its `modules`
 * folder), or `off` to load TypeScript modules through tsx without compiling them.
 */
export const CACHE_DIR_ENV = "FLYTE_TS_CACHE_DIR";

/** How {@link compiledModuleFor} finds the cache and the compiler; tests replace them. */
export interface CompiledModuleCacheOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** esbuild, loaded only when something must be compiled; undefined when not installed. */
  readonly loadCompiler?: () => Promise<Esbuild | undefined>;
  /** The export conditions Node.js was started with (`--conditions`); read from the process by default. */
  readonly conditions?: readonly string[];
}

/** A compiled entry module, ready to import; `unservable` says why the graph must be loaded another way. */
export type CompiledEntry =
  | { readonly url: string; readonly dir: string; readonly compiled: boolean; readonly typeScriptPackage?: string; readonly unservable?: undefined }
  | { readonly unservable: string; readonly dir: string | undefined; readonly compiled: boolean; readonly typeScriptPackage?: undefined };

/** The `--conditions` / `-C` Node.js was started with (its arguments and NODE_OPTIONS), sorted. */
export function startConditions(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS): string[] {
  const args = [...execArgv, ...(nodeOptions ?? "").split(/\s+/).filter(Boolean)];
  const found = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const inline = /^(?:--conditions|-C)=(.*)$/.exec(arg);
    if (inline) found.add(inline[1]!);
    else if ((arg === "--conditions" || arg === "-C") && args[i + 1] !== undefined) found.add(args[++i]!);
  }
  return [...found].sort();
}

const uid = () => process.getuid?.() ?? "user";

/**
 * Where compiled modules may live, in order of preference: `FLYTE_TS_CACHE_DIR`, else
 * `node_modules/.cache/flyte-ts` of the entry module's package; then a private folder in the temp directory
 * (for a read-only file system, e.g. an image's). Empty when the cache is turned off.
 */
export function cacheDirs(entry: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = env[CACHE_DIR_ENV];
  if (configured === "off") return [];
  const dirs: string[] = [];
  if (configured) {
    dirs.push(resolve(configured));
  } else {
    const manifest = packageScope(dirname(entry)).manifest;
    if (manifest) dirs.push(join(dirname(manifest), "node_modules", ".cache", "flyte-ts"));
  }
  dirs.push(join(tmpdir(), `flyte-ts-cache-${uid()}`));
  return dirs;
}

const isTempDir = (dir: string) => dir === join(tmpdir(), `flyte-ts-cache-${uid()}`);

/** A shared temp directory is trusted only when it is ours and nobody else may write to it. */
function trusted(dir: string): boolean {
  if (!isTempDir(dir)) return true;
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(dir, { throwIfNoEntry: false });
  } catch {
    return false;
  }
  return !!st && (process.getuid === undefined || st.uid === process.getuid()) && (st.mode & 0o022) === 0;
}

function graphFile(modulesDir: string, entry: string, conditions: readonly string[]): string {
  const key = createHash("sha256").update(`${GRAPH_FORMAT}\0${entry}\0${conditions.join("\0")}`).digest("hex").slice(0, 24);
  return join(modulesDir, "graphs", `${key}.json`);
}

function readGraph(file: string, entry: string): CompiledGraph | undefined {
  let graph: CompiledGraph;
  try {
    graph = JSON.parse(readFileSync(file, "utf8")) as CompiledGraph;
  } catch {
    return undefined;
  }
  return graph?.format === GRAPH_FORMAT && graph.entry === entry && Array.isArray(graph.modules) && Array.isArray(graph.stamps) ? graph : undefined;
}

const sameStat = (path: string, size: number, mtimeMs: number) => {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return size === -1;
  return (st.isDirectory() ? 0 : st.size) === size && st.mtimeMs === mtimeMs;
};

/** Nothing the graph was compiled from changed (sizes and modification times), and its modules are all there. */
function upToDate(graph: CompiledGraph, modulesDir: string): boolean {
  for (const m of graph.modules) {
    if (!sameStat(m.source, m.size, m.mtimeMs)) return false;
    if (graph.unservable === undefined && !statSync(join(modulesDir, m.compiled), { throwIfNoEntry: false })) return false;
  }
  return graph.stamps.every(([path, size, mtimeMs]) => sameStat(path, size, mtimeMs));
}

/** Written under a temporary name and renamed: a process reading the cache sees a whole file or none. */
function writeAtomically(file: string, content: string): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** The cache's modules directory in `dir`, created if need be, when this process may write there; else undefined. */
function writableModulesDir(dir: string): string | undefined {
  try {
    mkdirSync(join(dir, "modules", "graphs"), { recursive: true, mode: 0o700 });
    if (!trusted(dir)) return undefined;
    const modulesDir = realpathSync(join(dir, "modules"));
    accessSync(join(modulesDir, "graphs"), constants.W_OK);
    return modulesDir;
  } catch {
    return undefined;
  }
}

function entryOf(graph: CompiledGraph, modulesDir: string, compiled: boolean): CompiledEntry {
  if (graph.unservable !== undefined) return { unservable: graph.unservable, dir: modulesDir, compiled };
  for (const m of graph.modules) recordCompiledModule(join(modulesDir, m.compiled), m.source);
  const entry = graph.modules.find((m) => m.source === graph.entry)!;
  const url = pathToFileURL(join(modulesDir, entry.compiled)).href;
  return { url, dir: modulesDir, compiled, ...(graph.typeScriptPackage ? { typeScriptPackage: graph.typeScriptPackage } : {}) };
}

/**
 * The compiled JavaScript of the TypeScript ES module `file` and the graph of modules it imports, from
 * the cache when nothing changed (no compiler started), else compiled with esbuild (only changed modules)
 * and stored. Undefined when this cannot serve at all (cache off, not an ES module, esbuild not installed,
 * no writable cache directory): load the module another way. A module that does not compile is a
 * MODULE_LOAD error naming the file, line and column.
 */
export async function compiledModuleFor(file: string, options: CompiledModuleCacheOptions = {}): Promise<CompiledEntry | undefined> {
  let entry: string;
  try {
    // As Node.js names a module: by its real path.
    entry = realpathSync(file);
  } catch {
    return undefined;
  }
  const dirs = cacheDirs(entry, options.env);
  if (dirs.length === 0) return undefined;
  const conditions = options.conditions ?? startConditions();
  for (const dir of dirs) {
    const modulesDir = join(dir, "modules");
    if (!trusted(dir)) continue;
    let real: string;
    try {
      real = realpathSync(modulesDir);
    } catch {
      continue;
    }
    const graph = readGraph(graphFile(real, entry, conditions), entry);
    if (!graph) continue;
    if (upToDate(graph, real)) return entryOf(graph, real, false);
  }
  if (!isCompilable(entry, new Map())) return undefined;
  let esbuild: Esbuild | undefined;
  for (const dir of dirs) {
    const modulesDir = writableModulesDir(dir);
    // Not writable (read-only file system, permissions, another user's): the next place.
    if (!modulesDir) continue;
    esbuild ??= await (options.loadCompiler ?? loadEsbuild)();
    if (!esbuild) return undefined;
    const graphPath = graphFile(modulesDir, entry, conditions);
    // The last compilation stored here spares recompiling the modules that did not change.
    const previous = readGraph(graphPath, entry);
    const { graph, files } = await compileModuleGraph(esbuild, entry, conditions, previous);
    try {
      for (const f of files) writeAtomically(join(modulesDir, f.name), f.content);
      writeAtomically(graphPath, `${JSON.stringify(graph)}\n`);
    } catch {
      continue;
    }
    return entryOf(graph, modulesDir, true);
  }
  return undefined;
}
