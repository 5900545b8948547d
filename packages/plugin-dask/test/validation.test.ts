// Checks beyond the reference, with message and field path (under pluginConfig).
import { describe, expect, it } from "vitest";
import { TaskEnvironment } from "@flyte-ts/core";
import { Dask, Scheduler, WorkerGroup } from "@flyte-ts/plugin-dask";

let n = 0;
function problems(config: Dask): [string, string][] {
  try {
    new TaskEnvironment({ name: `dask_validation_${++n}`, pluginConfig: config });
  } catch (err) {
    return (err as { issues: { path: (string | number)[]; message: string }[] }).issues.map((i) => [i.path.join("."), i.message]);
  }
  throw new Error("expected an error");
}

describe("Dask validation", () => {
  it("needs a positive integer worker count", () => {
    for (const count of [0, -1, 2.5]) {
      expect(problems(new Dask({ workers: new WorkerGroup({ numberOfWorkers: count }) }))[0]).toEqual([
        "pluginConfig.workers.numberOfWorkers",
        count === 2.5 ? "must be a positive integer" : "must be a positive integer (at least 1 worker)",
      ]);
    }
  });

  it("rejects GPUs in scheduler or worker resources, with the reason and the alternative", () => {
    expect(problems(new Dask({ scheduler: new Scheduler({ resources: { gpu: "A100:1" } }), workers: new WorkerGroup({ resources: { cpu: 2, gpu: 1 } }) }))).toEqual([
      [
        "pluginConfig.scheduler.resources.gpu",
        'GPUs cannot be requested in scheduler.resources: the backend passes them on as the resource name "gpu", which Kubernetes rejects. Request the GPU in the task\'s resources (TaskEnvironment({ resources: { gpu: ... } })) and leave scheduler.resources unset, so that the scheduler uses the task\'s resources, where the GPU is translated (nvidia.com/gpu, node selectors).',
      ],
      [
        "pluginConfig.workers.resources.gpu",
        'GPUs cannot be requested in workers.resources: the backend passes them on as the resource name "gpu", which Kubernetes rejects. Request the GPU in the task\'s resources (TaskEnvironment({ resources: { gpu: ... } })) and leave workers.resources unset, so that the workers use the task\'s resources, where the GPU is translated (nvidia.com/gpu, node selectors).',
      ],
    ]);
  });

  it("rejects shm in role resources (the reference drops it) and empty images", () => {
    expect(problems(new Dask({ workers: new WorkerGroup({ resources: { shm: "1Gi" }, image: "" }) }))).toEqual([
      ["pluginConfig.workers.image", "must not be empty (omit image to use the task's image)"],
      ["pluginConfig.workers.resources.shm", "shm cannot be set in workers.resources: shared memory is a volume, which the Dask plugin does not create; it would be ignored"],
    ]);
  });

  it("reports invalid resources and misspelled options at their paths", () => {
    expect(problems(new Dask({ scheduler: new Scheduler({ resources: { memory: "lots" } }), workers: { numWorkers: 3 } as never }))).toEqual([
      ["pluginConfig.scheduler.resources.memory", 'memory must be a Kubernetes quantity such as "500m", "2", "4Gi" or "512Mi", got "lots"'],
      ["pluginConfig.workers", 'Unrecognized key: "numWorkers"'],
    ]);
  });
});
