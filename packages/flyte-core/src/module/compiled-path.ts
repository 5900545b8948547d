/**
 * Where a code bundle keeps the JavaScript compiled from a TypeScript module: beside it, with ".mjs"
 * appended (`src/etl.ts` → `src/etl.ts.mjs`), so that the compiled module's `import.meta.url` sits in
 * the source's directory and relative file reads keep working. Only ES modules are compiled: `.mts`, and
 * `.ts` in a package whose nearest package.json says `"type": "module"`.
 */
export const COMPILED_SUFFIX = ".mjs";

/** `.ts` and `.mts`, not declaration files. (`.cts` is CommonJS and `.tsx` needs JSX settings: left to tsx.) */
export const COMPILABLE_MODULE = /(?<!\.d)\.m?ts$/;

export function compiledModulePath(sourcePath: string): string {
  return `${sourcePath}${COMPILED_SUFFIX}`;
}

// Modules of the compiled-module cache (compiled-module-cache.ts) this process imported: their file → source.
// Kept on globalThis, as the environment registry is, so that a second copy of core in the process reads it.
const CACHED_SOURCES_KEY = Symbol.for("@flyte-ts/core.compiledModuleSources");
const cachedSources: Map<string, string> = ((globalThis as Record<symbol, unknown>)[CACHED_SOURCES_KEY] ??= new Map<string, string>()) as Map<string, string>;

/** Records that the compiled module at `compiledPath` (in the cache of compiled modules) stands for `sourcePath`. */
export function recordCompiledModule(compiledPath: string, sourcePath: string): void {
  cachedSources.set(compiledPath, sourcePath);
}

/**
 * The TypeScript source a compiled module came from (a bundle's `<source>.mjs`, or a module of the cache
 * of compiled modules), or undefined when `path` is not such a module.
 */
export function sourceOfCompiledModule(path: string): string | undefined {
  const cached = cachedSources.get(path);
  if (cached !== undefined) return cached;
  if (!path.endsWith(COMPILED_SUFFIX)) return undefined;
  const source = path.slice(0, -COMPILED_SUFFIX.length);
  return COMPILABLE_MODULE.test(source) ? source : undefined;
}
