import { existsSync } from "node:fs";
import { register } from "node:module";
import { pathToFileURL } from "node:url";
import { FlyteTsError } from "../errors.ts";
import { compiledModuleFor } from "./compiled-module-cache.ts";
import { compiledModulePath } from "./compiled-path.ts";
import { isModuleNotFound } from "./module-not-found.ts";

/** How {@link importUserModule} may load a TypeScript module. */
export interface ImportUserModuleOptions {
  /**
   * Import the JavaScript a code bundle carries beside a TypeScript module (`<module>.mjs`, written by
   * `buildCodeBundle`) instead of compiling the source. Only `a0` sets it, for a module it unpacked
   * from a bundle: a stray `.mjs` elsewhere is never preferred to its source.
   *
   * Validation: none beyond the type (a boolean); without a compiled module the source is loaded.
   *
   * @defaultValue `false`
   */
  readonly precompiled?: boolean;
}

export const TYPESCRIPT_MODULE = /\.(c|m)?tsx?$/;

/** Node.js strips TypeScript types itself (22.18+, 23.6+; earlier 22.x behind a flag). */
const nodeStripsTypes = () => Boolean((process.features as { typescript?: unknown }).typescript);

let tsxRegistered: Promise<void> | undefined;

/** Registers tsx's ESM loader once per process; undefined when tsx is not installed. */
async function registerTsx(): Promise<boolean> {
  tsxRegistered ??= (async () => {
    // tsx is an optional peer dependency: resolved from this package, as npm installs it beside it.
    const { register } = (await import("tsx/esm/api")) as typeof import("tsx/esm/api");
    // Registered globally (not namespaced) so that the module's own import of @flyte-ts/core reuses the
    // copy already loaded instead of loading and compiling a second one.
    register();
  })();
  try {
    await tsxRegistered;
    return true;
  } catch (err) {
    tsxRegistered = undefined;
    if (isModuleNotFound(err, "tsx")) return false;
    throw err;
  }
}

/**
 * A resolve hook giving every TypeScript file a URL of its own (a query) from now on. Node.js keeps a module
 * that failed to load under its URL for the life of the process: after compiled JavaScript failed to link a
 * TypeScript file (no loader was active, so no TypeScript file has loaded yet), importing it through tsx
 * under the same URL would fail again.
 */
const FRESH_TYPESCRIPT_URLS = `data:text/javascript,${encodeURIComponent(
  'export async function resolve(specifier, context, next) { const r = await next(specifier, context); return /^file:.*\\.(c|m)?tsx?$/.test(r.url) ? { ...r, url: `${r.url}?flyte-ts-after-failed-link` } : r; }',
)}`;
let freshTypeScriptUrls = false;

/** Imports compiled JavaScript; false when linking it failed before any module ran because it imports TypeScript. */
async function importCompiled(url: string): Promise<{ module: unknown } | false> {
  try {
    return { module: await import(url) };
  } catch (err) {
    // Linking failed before any module ran (an import of a TypeScript file that is not compiled, e.g. a
    // workspace package whose exports name its sources): load the source through a TypeScript loader instead.
    // Node.js 22+ refuses to strip types under node_modules.
    const code = (err as { code?: unknown })?.code;
    if (code !== "ERR_UNKNOWN_FILE_EXTENSION" && code !== "ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING") throw err;
    return false;
  }
}

/**
 * Imports a user module by file path. JavaScript is imported as it is. TypeScript: the bundle's compiled
 * JavaScript when `precompiled` and present; else the module graph compiled with esbuild into the cache of
 * compiled modules (compiled-module-cache.ts; nothing is compiled when nothing changed); else through tsx
 * when installed; else through Node.js's own type stripping where it has it; else a MODULE_LOAD error
 * saying what to install.
 */
export async function importUserModule(file: string, options: ImportUserModuleOptions = {}): Promise<unknown> {
  if (!TYPESCRIPT_MODULE.test(file)) return import(pathToFileURL(file).href);
  const compiled = compiledModulePath(file);
  let linkFailed = false;
  if (options.precompiled && existsSync(compiled)) {
    const loaded = await importCompiled(pathToFileURL(compiled).href);
    if (loaded) return loaded.module;
    linkFailed = true;
  }
  // Under vitest, import() goes through its module runner, which compiles TypeScript itself and resolves with
  // its own conditions and copy of @flyte-ts/core: the cache (plain Node.js imports) would bypass it.
  const cached = "__vitest_worker__" in globalThis ? undefined : await compiledModuleFor(file);
  // A graph importing a TypeScript package links only with a TypeScript loader active (core itself running
  // from its sources, or Node.js stripping types); else tsx at once, sparing a link that would fail.
  const linkable = cached?.typeScriptPackage === undefined || import.meta.url.endsWith(".ts") || nodeStripsTypes();
  if (cached !== undefined && cached.unservable === undefined && linkable) {
    // Errors thrown by the module point at its TypeScript source, as under tsx (which enables them too).
    process.setSourceMapsEnabled(true);
    const loaded = await importCompiled(cached.url);
    if (loaded) return loaded.module;
    linkFailed = true;
  }
  if (await registerTsx()) {
    if (linkFailed && !freshTypeScriptUrls) {
      freshTypeScriptUrls = true;
      register(FRESH_TYPESCRIPT_URLS);
    }
    return import(pathToFileURL(file).href);
  }
  if (nodeStripsTypes()) return import(pathToFileURL(file).href);
  const notCompiled = cached?.unservable ?? (cached?.typeScriptPackage !== undefined ? `it imports a package's TypeScript, ${cached.typeScriptPackage}` : undefined);
  throw new FlyteTsError(
    "MODULE_LOAD",
    `${file} is TypeScript${notCompiled ? ` that is not compiled without a TypeScript loader (${notCompiled})` : ""}: loading it needs tsx, which is not installed (npm install --save-dev tsx; it brings esbuild, which compiles TypeScript ES modules without tsx's loader), or Node.js 22.18 or later (type stripping); or bundle the code (flyte-ts bundle compiles it to JavaScript for a0)`,
  );
}
