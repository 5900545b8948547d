// TaskTemplate.custom of Dask tasks, compared as parsed JSON with the Python SDK's (python-sdk-behaviour §3.4).
import { describe, expect, it } from "vitest";
import { Resources, SerializationContext, TaskEnvironment, serializeTask, taskSpecToJson } from "@flyte-ts/core";
import { Dask, Scheduler, WorkerGroup, daskPlugin } from "@flyte-ts/plugin-dask";

let n = 0;
function templateOf(config: Dask): Record<string, any> {
  const env = new TaskEnvironment({ name: `dask_env_${++n}`, image: "ghcr.io/example/dask:1", pluginConfig: config });
  const task = env.task(async function my_dask_task() { return 1; });
  return taskSpecToJson(serializeTask(task, new SerializationContext({ version: "abc123", rootDir: process.cwd() }))).taskTemplate as Record<string, any>;
}

describe("DaskJob custom", () => {
  it("is the reference default for Dask(): one worker, empty scheduler", () => {
    const template = templateOf(new Dask());
    expect(template.type).toBe("dask");
    expect(template.custom).toEqual({ scheduler: {}, workers: { numberOfWorkers: 1 } });
  });

  it("writes a full config: images, proto resource lists (pairs give limits), GPU count-free disk", () => {
    const config = new Dask({
      scheduler: new Scheduler({ image: "scheduler:1", resources: new Resources({ cpu: "1", memory: "2Gi" }) }),
      workers: new WorkerGroup({ numberOfWorkers: 10, image: "worker:1", resources: new Resources({ cpu: ["2", "4"], memory: ["4Gi", "8Gi"], disk: "20Gi" }) }),
    });
    expect(templateOf(config).custom).toEqual({
      scheduler: { image: "scheduler:1", resources: { requests: [{ name: "CPU", value: "1" }, { name: "MEMORY", value: "2Gi" }] } },
      workers: {
        numberOfWorkers: 10,
        image: "worker:1",
        resources: {
          requests: [{ name: "CPU", value: "2" }, { name: "MEMORY", value: "4Gi" }, { name: "EPHEMERAL_STORAGE", value: "20Gi" }],
          limits: [{ name: "CPU", value: "4" }, { name: "MEMORY", value: "8Gi" }],
        },
      },
    });
  });

  it("keeps each role's defaults when only the other is given, and accepts plain objects", () => {
    expect(templateOf(new Dask({ workers: { numberOfWorkers: 3 } })).custom).toEqual({ scheduler: {}, workers: { numberOfWorkers: 3 } });
    expect(templateOf(new Dask({ scheduler: { image: "s:1" } })).custom).toEqual({ scheduler: { image: "s:1" }, workers: { numberOfWorkers: 1 } });
    expect(templateOf(new Dask({ workers: new WorkerGroup({ image: "w:1" }) })).custom).toEqual({ scheduler: {}, workers: { numberOfWorkers: 1, image: "w:1" } });
  });

  it("omits empty Resources()", () => {
    expect(templateOf(new Dask({ scheduler: new Scheduler({ resources: new Resources() }) })).custom).toEqual({ scheduler: {}, workers: { numberOfWorkers: 1 } });
  });

  it("gives fresh defaults per instance", () => {
    expect(new Dask().scheduler).not.toBe(new Dask().scheduler);
    expect(daskPlugin.configSchema.parse(new Dask())).toEqual({ kind: "@flyte-ts/plugin-dask#Dask", scheduler: {}, workers: { numberOfWorkers: 1 } });
  });
});
