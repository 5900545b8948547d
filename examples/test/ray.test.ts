import { describe, expect, it } from "vitest";
import { SerializationContext, run, serializeTask, taskSpecToJson } from "@flyte-ts/core";
import { renderRayJob } from "@flyte-ts/plugin-ray";
import { exampleInputs, sweep } from "../src/ray.ts";

describe("the Ray example", () => {
  const spec = taskSpecToJson(serializeTask(sweep, new SerializationContext({ version: "example", rootDir: new URL("..", import.meta.url).pathname })));

  it("serializes a head, an autoscaling GPU group and the runtime env", () => {
    const template = spec.taskTemplate as Record<string, any>;
    expect(template.type).toBe("ray");
    expect(template.custom.rayCluster.workerGroupSpec[0]).toMatchObject({
      groupName: "gpu", replicas: 1, maxReplicas: 4,
      extendedResources: { gpuAccelerator: { device: "nvidia-tesla-a100" }, sharedMemory: { mountPath: "/dev/shm", mountName: "flyte-shm", sizeLimit: "8Gi" } },
    });
    expect(template.custom.rayCluster.autoscalerOptions).toEqual({ upscalingMode: "UPSCALING_MODE_CONSERVATIVE", idleTimeoutSeconds: 120 });
    expect(template.custom.runtimeEnvYaml).toBe("env_vars:\n  OMP_NUM_THREADS: '1'\npip:\n- torch==2.4.0\n");
  });

  it("renders a RayJob that passes the CRD check", async () => {
    const [rendered] = await renderRayJob(spec);
    expect((rendered!.resource.spec as Record<string, any>).rayClusterSpec.workerGroupSpecs[0].groupName).toBe("gpu");
  });

  it("runs locally with the hook's data", async () => {
    expect(await run(sweep, exampleInputs["ray-training.sweep"] as { trials: number })).toEqual({ best: 0.25, rayInit: { address: null } });
  });
});
