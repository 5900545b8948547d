import { describe, expect, it } from "vitest";
import { z } from "zod";
import { coreVersion, findPlugin, listPlugins, registerPlugin, unregisterPlugin, type TaskPlugin } from "@flyte-ts/core";

const base = (kind: string): TaskPlugin => ({
  name: "@example/reg", version: "1.0.0", configKind: kind, taskType: "reg", coreApiRange: `^${coreVersion()}`,
  configSchema: z.object({ kind: z.literal(kind) }) as never, customConfig: () => ({}),
});

describe("plugin registry", () => {
  it("keeps one registry per process, shared through globalThis", () => {
    const plugin = base("@example/reg#A");
    registerPlugin(plugin);
    const shared = (globalThis as Record<symbol, Map<string, TaskPlugin>>)[Symbol.for("@flyte-ts/core.plugin-registry")];
    expect(shared?.get("@example/reg#A")).toBe(plugin);
    expect(unregisterPlugin("@example/reg#A")).toBe(true);
    expect(findPlugin("@example/reg#A")).toBeUndefined();
  });

  it("treats another copy of the same package and version as the same plugin", () => {
    registerPlugin(base("@example/reg#B"));
    expect(() => registerPlugin(base("@example/reg#B"))).not.toThrow();
    expect(() => registerPlugin({ ...base("@example/reg#B"), version: "2.0.0" })).toThrowError(
      'Config kind "@example/reg#B" is already handled by @example/reg@1.0.0; @example/reg@2.0.0 cannot register it too. Call unregisterPlugin("@example/reg#B") first to replace it.',
    );
  });

  it("checks the core range", () => {
    expect(() => registerPlugin({ ...base("@example/reg#C"), coreApiRange: ">=99" })).toThrowError(
      `@example/reg@1.0.0 needs @flyte-ts/core >=99, but ${coreVersion()} is installed. Install a version of @example/reg made for core ${coreVersion()}, or a core in >=99.`,
    );
  });

  it("validates the plugin object, listing every problem", () => {
    expect(() => registerPlugin({ name: "", configKind: 1, customConfig: "no", coreApiRange: "latest", pre: 3 } as never)).toThrowError(
      expect.objectContaining({
        issues: [
          { path: ["name"], message: "must be a non-empty string" },
          { path: ["version"], message: "must be a non-empty string" },
          { path: ["configKind"], message: "must be a non-empty string" },
          { path: ["taskType"], message: "must be a non-empty string" },
          { path: ["customConfig"], message: "must be a function" },
          { path: ["configSchema"], message: "must be a zod schema" },
          { path: ["pre"], message: "must be a function when given" },
          { path: ["coreApiRange"], message: 'not a semver range: "latest"' },
        ],
      }),
    );
  });

  it("lists plugins sorted by package", () => {
    registerPlugin({ ...base("@example/reg#Z"), name: "@example/zz" });
    registerPlugin({ ...base("@example/reg#Y"), name: "@example/aa" });
    const names = listPlugins().map((p) => p.name);
    expect(names.indexOf("@example/aa")).toBeLessThan(names.indexOf("@example/zz"));
    expect(listPlugins().find((p) => p.configKind === "@example/reg#Z")).toEqual({
      name: "@example/zz", version: "1.0.0", configKind: "@example/reg#Z", taskType: "reg", coreApiRange: `^${coreVersion()}`,
    });
  });
});
