import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ctx, run, TaskEnvironment, type HookContext, type TaskContext } from "@flyte-ts/core";
import { RayJobConfig, RayTaskCluster, packageWorkingDir, rayPlugin, type RayHookData, type RayJobSpec } from "@flyte-ts/plugin-ray";

const hook = (config: RayJobConfig, mode: "local" | "remote"): HookContext<RayJobSpec> => ({
  task: {} as never,
  config: rayPlugin.configSchema.parse(config),
  inputs: {},
  context: { mode, runName: "r", actionName: "a0", taskName: "t", attempt: 0, data: {}, checkpointPath: undefined, prevCheckpointPath: undefined, isInCluster: () => mode === "remote" } as TaskContext,
});

describe("Ray pre hook", () => {
  it("gives a local body the configured address, no runtime env, and the cluster handle", async () => {
    const env = new TaskEnvironment({ name: "ray_hooks_local", pluginConfig: new RayJobConfig({ address: "ray://127.0.0.1:10001" }) });
    const output = z.tuple([z.string(), z.null(), z.object({ address: z.string() }), z.boolean()]);
    const task = env.task({ output }, async function seen() {
      const data = ctx()!.data as RayHookData;
      return [data.rayAddress, data.rayRuntimeEnv, data.rayInit, data.ray instanceof RayTaskCluster] as z.infer<typeof output>;
    });
    expect(await run(task)).toEqual(["ray://127.0.0.1:10001", null, { address: "ray://127.0.0.1:10001" }, true]);
  });

  it("passes null as the address when none is configured (Ray then finds the job's cluster)", async () => {
    const { ray, ...rest } = await rayPlugin.pre!(hook(new RayJobConfig(), "local"));
    expect(rest).toEqual({ rayAddress: null, rayRuntimeEnv: null, rayInit: { address: null } });
    expect(ray).toBeInstanceOf(RayTaskCluster);
  });

  it("in a cluster run ships the working directory as a package of its code files only", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ray-hook-"));
    const cwd = process.cwd();
    try {
      writeFileSync(join(dir, "jobs.py"), "X = 1\n");
      mkdirSync(join(dir, "node_modules", "dep"), { recursive: true });
      writeFileSync(join(dir, "node_modules", "dep", "index.js"), "x");
      writeFileSync(join(dir, ".env"), "TOKEN=1\n");
      writeFileSync(join(dir, "fast0123456789abcdef0123456789abcdef.tar.gz"), "old bundle");
      process.chdir(dir);
      const { ray, ...rest } = await rayPlugin.pre!(hook(new RayJobConfig(), "remote"));
      const zip = rest.rayRuntimeEnv!.working_dir;
      expect(rest).toEqual({ rayAddress: null, rayRuntimeEnv: { working_dir: zip }, rayInit: { address: null, runtime_env: { working_dir: zip } } });
      expect(basename(zip)).toBe(packageWorkingDir(dir).uri.slice("gcs://".length));
      expect(readFileSync(zip).equals(packageWorkingDir(dir).zip)).toBe(true);
      expect(packageWorkingDir(dir).files).toEqual(["jobs.py"]);
      expect(ray).toBeInstanceOf(RayTaskCluster);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
