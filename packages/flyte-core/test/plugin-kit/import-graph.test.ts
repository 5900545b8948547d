// `@flyte-ts/core/plugin-kit` is imported by every plugin at load: it must load only Node built-ins and
// core's own light modules, and the root entry must not load it. Checked on the sources' static import
// graph, which is what the bundler follows.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");

/** Every module a source file reaches through static imports and re-exports (type-only ones excluded). */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)";/gms)) {
      if (m[1]) continue;
      const specifier = m[2]!;
      if (specifier.startsWith(".")) visit(join(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  visit(join(SRC, entry));
  return { files, packages };
}

describe("the plugin-kit entry", () => {
  it("loads only Node built-ins and core's error class", () => {
    const { files, packages } = reach("plugin-kit/index.ts");
    expect([...packages].sort()).toEqual(["node:child_process", "node:fs", "node:path", "node:url"]);
    expect([...files].map((f) => f.slice(SRC.length + 1)).filter((f) => !f.startsWith("plugin-kit/"))).toEqual(["errors.ts"]);
  });

  it("is not loaded by the root entry", () => {
    const root = reach("index.ts").files;
    expect(root.has(join(SRC, "environment.ts"))).toBe(true); // the walk follows the root's re-exports
    expect([...root].filter((f) => f.includes(`${SRC}/plugin-kit/`))).toEqual([]);
  });
});
