import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { isModuleNotFound } from "./module-not-found.ts";
import type { ColumnEdit } from "./shift-source-map.ts";

export type Esbuild = typeof import("esbuild");

/**
 * esbuild, an optional peer dependency, loaded only when something must be compiled: from this package,
 * else the copy tsx depends on (installing tsx installs it). Undefined when neither is installed.
 */
export async function loadEsbuild(): Promise<Esbuild | undefined> {
  try {
    return (await import("esbuild")) as Esbuild;
  } catch (err) {
    if (!isModuleNotFound(err, "esbuild")) throw err;
  }
  try {
    const tsxEntry = createRequire(import.meta.url).resolve("tsx/esm/api");
    return (await import(pathToFileURL(createRequire(tsxEntry).resolve("esbuild")).href)) as Esbuild;
  } catch {
    return undefined;
  }
}

/**
 * How a TypeScript module is compiled so that it runs as it does under tsx: one output per source, ES
 * module for Node 20, `keepNames` (a function's name is its task's name; esbuild renames nested names that
 * shadow others) and whitespace minified as tsx does, so that a task function's text — its code version —
 * is the same whether tsx or the compiled module ran it.
 */
export const TSX_COMPATIBLE_BUILD = {
  format: "esm",
  platform: "node",
  target: "node20",
  keepNames: true,
  minifyWhitespace: true,
  logLevel: "silent",
} as const;

/** The esbuild failure as "file:line:column: text; …". */
export function compileFailure(err: unknown): string {
  const errors = (err as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }> }).errors;
  return errors?.map((e) => (e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}` : e.text)).join("; ") ?? (err as Error)?.message ?? String(err);
}

/**
 * Replaces the module specifiers of compiled code: esbuild prints them as double-quoted strings right after
 * `from`, `import` or `import(`. `replace` returns the new specifier, or undefined to keep it.
 */
export function rewriteSpecifiers(code: string, replace: (specifier: string) => string | undefined, edits?: ColumnEdit[]): string {
  return code.replace(/(\bfrom\s*|\bimport\s*\(?\s*)"((?:[^"\\\n]|\\.)*)"/g, (whole, before: string, literal: string, offset: number) => {
    const specifier = replace(JSON.parse(`"${literal}"`) as string);
    if (specifier === undefined) return whole;
    const replaced = `${before}${JSON.stringify(specifier)}`;
    if (edits) {
      // Where the edit ends in the code as it was: its line and column.
      const end = offset + whole.length;
      const lineStart = code.lastIndexOf("\n", end - 1) + 1;
      const line = lineStart === 0 ? 0 : code.slice(0, lineStart).split("\n").length - 1;
      edits.push({ line, column: end - lineStart, delta: replaced.length - whole.length });
    }
    return replaced;
  });
}
