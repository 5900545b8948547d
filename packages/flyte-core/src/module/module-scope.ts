import { readFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";

/** The package.json that governs a file, as Node.js finds it: the nearest one above, not looking past `node_modules`. */
export interface PackageScope {
  /** The package.json's path, or undefined when no package.json governs the file. */
  readonly manifest: string | undefined;
  /** `"type": "module"`: its `.ts` files are ES modules. */
  readonly esm: boolean;
  /** The package's name, if it has one. */
  readonly name?: string;
}

/**
 * The package scope of files in `dir` (memoized per directory in `memo`). `top` bounds the search: a code
 * bundle holds nothing above its root, so a package.json there does not govern its files once unpacked.
 */
export function packageScope(dir: string, memo: Map<string, PackageScope> = new Map(), top?: string): PackageScope {
  const known = memo.get(dir);
  if (known) return known;
  let scope: PackageScope;
  const manifest = join(dir, "package.json");
  let text: string | undefined;
  try {
    text = readFileSync(manifest, "utf8");
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    let fields: { type?: unknown; name?: unknown } = {};
    try {
      fields = JSON.parse(text) as typeof fields;
    } catch {
      // not JSON: no type, no name
    }
    scope = { manifest, esm: fields?.type === "module", ...(typeof fields?.name === "string" ? { name: fields.name } : {}) };
  } else {
    const parent = dirname(dir);
    scope = parent === dir || dir === top || dir.endsWith(`${sep}node_modules`) ? { manifest: undefined, esm: false } : packageScope(parent, memo, top);
  }
  memo.set(dir, scope);
  return scope;
}
