import { dirname, join, relative, resolve, sep } from "node:path";
import { FlyteTsError } from "../errors.ts";
import { COMPILABLE_MODULE, COMPILED_SUFFIX, compiledModulePath } from "../module/compiled-path.ts";
import { compileFailure, type Esbuild, loadEsbuild, rewriteSpecifiers, TSX_COMPATIBLE_BUILD } from "../module/esbuild.ts";
import { type PackageScope, packageScope } from "../module/module-scope.ts";
import type { BundleFile } from "./list-files.ts";

/** A compiled module: its entry name in the bundle and its JavaScript. */
export interface CompiledModule {
  readonly path: string;
  readonly content: Uint8Array;
}

/** esbuild, or a CODE_BUNDLE error saying what to install. */
async function requireEsbuild(): Promise<Esbuild> {
  const esbuild = await loadEsbuild();
  if (esbuild) return esbuild;
  throw new FlyteTsError(
    "CODE_BUNDLE",
    "the code bundle's TypeScript modules are compiled to JavaScript with esbuild, which is not installed: npm install --save-dev esbuild (or tsx, which brings it)",
  );
}

/** The bundle files that are compiled: ES-module TypeScript (`.mts`, or `.ts` in a `"type": "module"` package). */
export function compilableModules(files: readonly BundleFile[], rootDir: string): BundleFile[] {
  const memo = new Map<string, PackageScope>();
  const root = resolve(rootDir);
  // The nearest package.json up to the bundle root decides: nothing above it is unpacked beside the files.
  return files.filter((f) => COMPILABLE_MODULE.test(f.path) && (f.path.endsWith(".mts") || packageScope(dirname(join(root, ...f.path.split("/"))), memo, root).esm));
}

const relativeSpecifier = (fromFile: string, toFile: string) => {
  const rel = relative(dirname(fromFile), toFile).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
};

/**
 * Compiles the bundle's ES-module TypeScript files to JavaScript, one output per source (nothing is
 * inlined, so every module is still evaluated once), as tsx would compile them when `a0` loads the source:
 * esbuild with `keepNames` (function names are task names) and whitespace minified, so a task's function
 * text, and with it its code version, is the same. Relative imports of compiled files point at their
 * compiled siblings, other relative imports at the file they resolve to; packages stay imports.
 * Returns the compiled modules as bundle entries `<source>.mjs` with their content.
 */
export async function compileModules(files: readonly BundleFile[], rootDir: string): Promise<CompiledModule[]> {
  const root = resolve(rootDir);
  const sources = compilableModules(files, root);
  if (sources.length === 0) return [];
  const taken = new Set(files.map((f) => f.path));
  const clashes = sources.map((f) => compiledModulePath(f.path)).filter((p) => taken.has(p));
  if (clashes.length > 0) {
    throw new FlyteTsError("CODE_BUNDLE", `the bundle keeps compiled modules beside their sources, but these files exist already: ${clashes.join(", ")}; rename them or leave them out (.flyteignore)`);
  }
  const compiledAbsolute = new Set(sources.map((f) => join(root, ...f.path.split("/"))));
  const esbuild = await requireEsbuild();
  // Nothing is written there (write: false); it only names the outputs.
  const outDir = join(root, ".flyte-ts-compiled");
  const common = {
    absWorkingDir: root,
    entryPoints: sources.map((f) => ({ in: join(root, ...f.path.split("/")), out: f.path })),
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    write: false,
    ...TSX_COMPATIBLE_BUILD,
  } as const;
  // Pass 1 resolves every relative import as esbuild would bundle it and records what it becomes. Its output
  // is not used: bundling renames nested names that shadow top-level ones (a task function `hello` inside
  // `export const hello = …` became `hello2`), which would change the function's text.
  const rewrites = new Map<string, Map<string, string>>();
  let result: Awaited<ReturnType<Esbuild["build"]>>;
  try {
    await esbuild.build({
      ...common,
      bundle: true,
      plugins: [{
        name: "flyte-ts-record-imports",
        setup(build) {
          build.onResolve({ filter: /.*/ }, async (args) => {
            if (args.kind === "entry-point" || args.pluginData === "inner") return undefined;
            if (!args.path.startsWith(".") && !args.path.startsWith("/")) return { path: args.path, external: true };
            const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: "inner" });
            if (resolved.errors.length > 0 || resolved.external || !resolved.path) return { path: args.path, external: true };
            const target = compiledAbsolute.has(resolved.path) ? compiledModulePath(resolved.path) : resolved.path;
            const specifier = relativeSpecifier(args.importer, target);
            let forImporter = rewrites.get(args.importer);
            if (!forImporter) rewrites.set(args.importer, (forImporter = new Map()));
            forImporter.set(args.path, specifier);
            return { path: specifier, external: true };
          });
        },
      }],
    });
    // Pass 2 compiles each file alone, as tsx's transform does.
    result = await esbuild.build({ ...common, bundle: false });
  } catch (err) {
    throw new FlyteTsError("CODE_BUNDLE", `compiling the bundle's TypeScript modules failed: ${compileFailure(err)}`, { cause: err });
  }
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  return (result.outputFiles ?? []).map((output) => {
    const path = relative(outDir, output.path).split(sep).join("/");
    const source = join(root, ...path.slice(0, -COMPILED_SUFFIX.length).split("/"));
    const forSource = rewrites.get(source);
    if (!forSource) return { path, content: output.contents };
    const code = rewriteSpecifiers(decoder.decode(output.contents), (specifier) => forSource.get(specifier));
    return { path, content: encoder.encode(code) };
  });
}
