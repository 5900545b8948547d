// A Ray task: a CPU head, an autoscaling group of GPU workers, and a runtime env for the job.
// Locally the body runs in this process; in a cluster run it starts its Ray driver with ctx().data.rayInit.
import { z } from "zod";
import { PodTemplate, TaskEnvironment, ctx } from "@flyte-ts/core";
import { AutoscalerOptions, HeadNodeConfig, RayJobConfig, UpscalingMode, WorkerNodeConfig } from "@flyte-ts/plugin-ray";

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
    // A stand-in for the real work: score each trial; a cluster run would hand them to Ray.
    const scores = Array.from({ length: trials }, (_, i) => 1 / (i + 1));
    return { best: Math.min(...scores), rayInit: ctx()!.data.rayInit as Record<string, unknown> };
  },
);

/** Inputs the example runner uses for each task. */
export const exampleInputs: Record<string, Record<string, unknown>> = {
  "ray-training.sweep": { trials: 4 },
};
