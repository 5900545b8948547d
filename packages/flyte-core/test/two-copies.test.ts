import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as source from "@flyte-ts/core";

// An application can end up with two copies of core (e.g. a plugin that resolved its own). Here the
// built package (dist, as a consumer gets it) and the sources are two such copies in one process.
// (a computed specifier: the type-check runs before the build, and the types are those of the sources)
const builtEntry = new URL("../dist/index.js", import.meta.url).href;
const built = (await import(builtEntry)) as typeof source;

describe("two copies of core in one process", () => {
  it("are really two module instances", () => {
    expect(built.TaskEnvironment).not.toBe(source.TaskEnvironment);
  });

  it("share one plugin registry", () => {
    const kind = "@example/two-copies#Cfg";
    built.registerPlugin({
      name: "@example/two-copies", version: "1.0.0", configKind: kind, taskType: "two", coreApiRange: "*",
      configSchema: z.object({ kind: z.literal(kind) }), customConfig: () => ({ copies: 2 }),
    });
    expect(source.findPlugin(kind)?.name).toBe("@example/two-copies");
    expect(source.listPlugins().map((p) => p.configKind)).toContain(kind);
    const env = new source.TaskEnvironment({ name: "two-copies", image: "img:1", pluginConfig: { kind } });
    expect(env.plugin?.taskType).toBe("two");
  });

  it("see each other's environments and serialize each other's tasks", async () => {
    const env = new built.TaskEnvironment({ name: "from-built", image: "img:1", resources: { cpu: 2 } });
    const task = env.task({ output: z.string() }, async function hello() { return "hi"; });
    expect(source.listEnvironments()).toContain(env);
    const spec = source.taskSpecToJson(source.serializeTask(task, { version: "v1", codeBundle: { computedVersion: "x", pkl: "file:///x.pkl" } }));
    expect((spec.taskTemplate as any).container.resources).toEqual({ requests: [{ name: "CPU", value: "2" }] });
    await expect(source.run(task)).resolves.toBe("hi");
  });
});
