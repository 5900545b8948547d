import { describe, expect, it } from "vitest";
import { z } from "zod";
import { TaskEnvironment, run, serializeTask, taskSpecToJson } from "@flyte-ts/core";
import { testPluginContract } from "@flyte-ts/core/testing";
import { Mpi, mpiPlugin } from "../src/index.ts";

testPluginContract({
  plugin: mpiPlugin,
  config: () => new Mpi({ workers: 2 }),
  expectedCustom: { numWorkers: 2, numLauncherReplicas: 1, slots: 1 },
  invalid: [
    { name: "no workers", config: () => new Mpi({ workers: 0 }), path: ["workers"], message: ">=1" },
    { name: "fractional slots", config: () => new Mpi({ workers: 1, slots: 1.5 }), path: ["slots"], message: "int" },
  ],
});

describe("the plugin's identity", () => {
  it("comes from its package.json", () => {
    expect({ name: mpiPlugin.name, version: mpiPlugin.version, coreApiRange: mpiPlugin.coreApiRange }).toEqual({
      name: "flyte-ts-plugin-mpi-example", version: "1.0.0", coreApiRange: ">=0.1.0 <1.0.0",
    });
  });
});

describe("MPI tasks", () => {
  const env = new TaskEnvironment({ name: "mpi", image: "img:1", pluginConfig: new Mpi({ workers: 3, slots: 4, launcherReplicas: 2 }) });
  const task = env.task(async function train() { return 1; });

  it("serialize to an mpi task with the DistributedMPITrainingTask custom", () => {
    const template = taskSpecToJson(serializeTask(task, { version: "v1", codeBundle: { computedVersion: "x", pkl: "file:///x.pkl" } })).taskTemplate as Record<string, unknown>;
    expect(template.type).toBe("mpi");
    expect(template.custom).toEqual({ numWorkers: 3, numLauncherReplicas: 2, slots: 4 });
  });

  it("give the body the world size", async () => {
    const world = env.task({ output: z.int() }, async function worldSize() {
      const { ctx } = await import("@flyte-ts/core");
      return ctx()?.data.mpiWorldSize as number;
    });
    await expect(run(world)).resolves.toBe(12);
  });
});
