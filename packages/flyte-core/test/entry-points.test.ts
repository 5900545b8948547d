// The root entry point declares and serializes; the runtime (storage, literal I/O, a0, module loading) is
// @flyte-ts/core/runtime's. Checked on the static import graph of the sources: what `import "@flyte-ts/core"`
// evaluates.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const src = resolve(import.meta.dirname, "../src");

/** Files reached from `entry` through static `import … from` / `export … from` of relative paths (not `import()`). */
function staticGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, "utf8");
    for (const m of code.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+"(\.[^"]+)"|^import\s+"(\.[^"]+)"/gms)) {
      visit(join(dirname(file), (m[1] ?? m[2])!));
    }
  };
  visit(join(src, entry));
  return [...seen].map((f) => relative(src, f)).sort();
}

describe("entry points", () => {
  it("@flyte-ts/core loads no runtime code: only the two error classes task bodies throw", () => {
    const graph = staticGraph("index.ts");
    expect(graph.filter((f) => f.startsWith("runtime/") || ["module/load-tasks.ts", "module/import-module.ts", "a0.ts"].includes(f))).toEqual([
      "runtime/controller/child-action-error.ts",
      "runtime/non-recoverable-error.ts",
    ]);
  });

  it("@flyte-ts/core/runtime holds a0's runner, storage and the module loader", () => {
    const graph = staticGraph("runtime/index.ts");
    expect(graph).toEqual(expect.arrayContaining(["module/import-module.ts", "module/load-tasks.ts", "runtime/run-action.ts", "runtime/storage/index.ts"]));
  });

  it("a0's own code loads no protobuf: literal I/O is imported only when there is a literal or an error to write", () => {
    const graph = staticGraph("a0.ts");
    expect(graph).toContain("runtime/run-action.ts");
    expect(graph.filter((f) => f.endsWith("_pb.ts") || f === "runtime/literal-io.ts" || f === "runtime/literals.ts")).toEqual([]);
    expect(graph.filter((f) => /from\s+"@bufbuild\//.test(readFileSync(join(src, f), "utf8")))).toEqual([]);
  });

  it("a0's own code loads no zod: a task's schemas bring it (through the user's own import), a0 does not", () => {
    // A value import of zod that only types use still leaves `import "zod"` in the built code.
    const valueImport = /^import\s+(?!type\b)[^;]*?from\s+"zod"|^import\s+"zod"/m;
    // types/zod-module.ts is replaced in the build by its .lazy.ts twin, which loads zod on first use.
    const graph = staticGraph("a0.ts").filter((f) => f !== "types/zod-module.ts");
    expect(graph.filter((f) => valueImport.test(readFileSync(join(src, f), "utf8")))).toEqual([]);
  });
});
