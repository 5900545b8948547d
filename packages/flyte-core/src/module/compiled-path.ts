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

/** The TypeScript source a compiled module came from, or undefined when `path` is not such a name. */
export function sourceOfCompiledModule(path: string): string | undefined {
  if (!path.endsWith(COMPILED_SUFFIX)) return undefined;
  const source = path.slice(0, -COMPILED_SUFFIX.length);
  return COMPILABLE_MODULE.test(source) ? source : undefined;
}
