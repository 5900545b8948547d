import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ctx, run, TaskEnvironment, type HookContext, type TaskContext } from "@flyte-ts/core";
import { RayJobConfig, rayPlugin, type RayJobSpec } from "@flyte-ts/plugin-ray";

const hook = (config: RayJobConfig, mode: "local" | "remote"): HookContext<RayJobSpec> => ({
  task: {} as never,
  config: rayPlugin.configSchema.parse(config),
  inputs: {},
  context: { mode, runName: "r", actionName: "a0", taskName: "t", attempt: 0, data: {}, checkpointPath: undefined, prevCheckpointPath: undefined, isInCluster: () => mode === "remote" } as TaskContext,
});

describe("Ray pre hook", () => {
  it("gives a local body the configured address and no runtime env", async () => {
    const env = new TaskEnvironment({ name: "ray_hooks_local", pluginConfig: new RayJobConfig({ address: "ray://127.0.0.1:10001" }) });
    const output = z.tuple([z.string(), z.null(), z.object({ address: z.string() })]);
    const task = env.task({ output }, async function seen() {
      const data = ctx()!.data;
      return [data.rayAddress, data.rayRuntimeEnv, data.rayInit] as z.infer<typeof output>;
    });
    expect(await run(task)).toEqual(["ray://127.0.0.1:10001", null, { address: "ray://127.0.0.1:10001" }]);
  });

  it("passes null as the address when none is configured (Ray then finds the job's cluster)", async () => {
    expect(await rayPlugin.pre!(hook(new RayJobConfig(), "local"))).toEqual({ rayAddress: null, rayRuntimeEnv: null, rayInit: { address: null } });
  });

  it("in a cluster run ships the working directory (the unpacked bundle) with the reference's excludes", async () => {
    const runtimeEnv = { working_dir: process.cwd(), excludes: ["script_mode.tar.gz", "fast*.tar.gz", ".python_history", ".code-server"] };
    expect(await rayPlugin.pre!(hook(new RayJobConfig(), "remote"))).toEqual({ rayAddress: null, rayRuntimeEnv: runtimeEnv, rayInit: { address: null, runtime_env: runtimeEnv } });
  });
});
