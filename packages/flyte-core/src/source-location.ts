import { existsSync, readFileSync } from "node:fs";
import { findSourceMap, SourceMap } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sourceOfCompiledModule } from "./module/compiled-path.ts";

// This file sits directly under src/ (or is bundled directly under dist/), so its parent is the package root.
const CORE_ROOT = fileURLToPath(new URL("../", import.meta.url));
const CORE_CODE = [`${CORE_ROOT}src/`, `${CORE_ROOT}dist/`];

/** The first source file on the current stack outside @flyte-ts/core: the user module declaring a task. */
export function callerSourceFile(): string | undefined {
  return callerSourceLocation()?.file;
}

/** A place in a user's source file; `describe()` gives "file:line:column" in the file as written. */
export interface SourceLocation {
  readonly file: string;
  describe(): string;
}

/**
 * The source map of the code that ran: the one Node.js keeps when source maps are enabled (tsx enables them),
 * else the `.map` file the cache of compiled modules writes beside each module.
 */
function sourceMapOf(ran: string): SourceMap | undefined {
  const kept = findSourceMap(ran) ?? findSourceMap(pathToFileURL(ran).href);
  if (kept) return kept;
  const mapFile = `${ran}.map`;
  return existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8")) as ConstructorParameters<typeof SourceMap>[0]) : undefined;
}

// Positions are those of the code that runs; a TypeScript loader (tsx) or the cache of compiled modules
// compiled it, so they are mapped back to the source `file` through its source map, only when a message
// needs them (mapping costs time).
function describePosition(ran: string, file: string, line: number | null, column: number | null): string {
  if (!line) return file;
  try {
    const entry = sourceMapOf(ran)?.findEntry(line - 1, (column ?? 1) - 1) as { originalLine?: number; originalColumn?: number } | undefined;
    if (entry?.originalLine !== undefined) return `${file}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
  } catch {
    // no usable source map: the position as run
  }
  return `${ran}:${line}:${column ?? 1}`;
}

/** Where the user's code called into core. */
export function callerSourceLocation(): SourceLocation | undefined {
  // Read structured call sites instead of formatting `.stack`: formatting goes through source maps
  // when a TypeScript loader is active, which made declaring many tasks slow.
  const original = Error.prepareStackTrace;
  const holder: { stack?: unknown } = {};
  let sites: NodeJS.CallSite[] = [];
  Error.prepareStackTrace = (_error, callSites) => callSites;
  try {
    Error.captureStackTrace(holder, callerSourceLocation);
    // The stack is built on first access, which must happen while our formatter is installed.
    sites = Array.isArray(holder.stack) ? (holder.stack as NodeJS.CallSite[]) : [];
  } finally {
    Error.prepareStackTrace = original;
  }
  for (const site of sites) {
    const name = site.getFileName();
    if (!name || name.startsWith("node:")) continue;
    const ran = name.startsWith("file://") ? fileURLToPath(name) : name;
    // A code bundle's compiled module stands for its TypeScript source (the `mod` of the task's args).
    const source = sourceOfCompiledModule(ran);
    const file = source !== undefined && existsSync(source) ? source : ran;
    if (!file.startsWith("/") || CORE_CODE.some((dir) => file.startsWith(dir)) || file.includes("/node_modules/")) continue;
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    return { file, describe: () => describePosition(ran, file, line, column) };
  }
  return undefined;
}
