// A Ray task: a CPU head, an autoscaling group of GPU workers, and a runtime env for the job. The body
// runs a Python Ray driver (py/ray_sweep.py, shipped in the code bundle) that scores the trials in Ray
// tasks on the workers, and picks the best score in TypeScript. Locally it uses RAY_ADDRESS, else a Ray
// head it starts from the Ray installed here (scripts/engines/ray.sh).
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { PodTemplate, TaskEnvironment, ctx } from "@flyte-ts/core";
import { AutoscalerOptions, HeadNodeConfig, RayJobConfig, UpscalingMode, WorkerNodeConfig, type RayHookData } from "@flyte-ts/plugin-ray";

export const rayConfig = new RayJobConfig({
  headNodeConfig: new HeadNodeConfig({
    requests: { cpu: "2", memory: "8Gi" },
    rayStartParams: { "num-cpus": "0" },                 // schedule no work on the head
  }),
  workerNodeConfig: [
    new WorkerNodeConfig({
      groupName: "gpu",
      replicas: 1,
      minReplicas: 0,
      maxReplicas: 4,
      requests: { cpu: "8", memory: "32Gi", gpu: "A100:1", shm: "8Gi" },
      podTemplate: new PodTemplate({
        podSpec: { containers: [{ name: "ray-worker" }], tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }] },
      }),
    }),
  ],
  enableAutoscaling: true,
  autoscalerOptions: new AutoscalerOptions({ upscalingMode: UpscalingMode.CONSERVATIVE, idleTimeoutSeconds: 120 }),
  runtimeEnv: { pip: ["torch==2.4.0"], env_vars: { OMP_NUM_THREADS: "1" } },
  shutdownAfterJobFinishes: true,
  ttlSecondsAfterFinished: 600,
});

export const env = new TaskEnvironment({
  name: "ray-training",
  image: "ghcr.io/example/flyte-ts-ray:0.1.0",
  pluginConfig: rayConfig,
});

export const sweep = env.task(
  { inputs: z.object({ trials: z.int().min(1) }), output: z.object({ best: z.number(), rayInit: z.record(z.string(), z.unknown()) }) },
  async function sweep({ trials }) {
    const { ray, rayInit } = ctx()!.data as RayHookData;
    // The Python code lives beside this module (in the code bundle in a cluster run); only it is shipped.
    const python = fileURLToPath(new URL("../py/", import.meta.url));
    const driver = await ray.runDriver({ file: `${python}ray_sweep.py`, args: [String(trials)], workingDir: python });
    const { scores, nodes, driverNode } = driver.json<{ scores: number[]; nodes: string[]; driverNode: string }>();
    console.error(`sweep: ${scores.length} trials scored on Ray node(s) ${nodes.join(", ")}; driver on node ${driverNode}`);
    return { best: Math.min(...scores), rayInit };
  },
);

/** Inputs the example runner uses for each task. */
export const exampleInputs: Record<string, Record<string, unknown>> = {
  "ray-training.sweep": { trials: 4 },
};
