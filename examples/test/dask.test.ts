import { describe, expect, it } from "vitest";
import { SerializationContext, serializeTask, taskSpecToJson } from "@flyte-ts/core";
import { renderDaskJob } from "@flyte-ts/plugin-dask";
import { wordCount } from "../src/dask.ts";

describe("the Dask example", () => {
  const spec = taskSpecToJson(serializeTask(wordCount, new SerializationContext({ version: "example", rootDir: new URL("..", import.meta.url).pathname })));

  it("serializes the scheduler and eight workers", () => {
    expect((spec.taskTemplate as Record<string, any>).custom).toEqual({
      scheduler: { resources: { requests: [{ name: "CPU", value: "1" }, { name: "MEMORY", value: "4Gi" }] } },
      workers: { numberOfWorkers: 8, resources: { requests: [{ name: "CPU", value: "2" }, { name: "MEMORY", value: "16Gi" }], limits: [{ name: "CPU", value: "4" }] } },
    });
  });

  it("renders a DaskJob that passes the CRD check", async () => {
    const [rendered] = await renderDaskJob(spec);
    expect((rendered!.resource.spec as Record<string, any>).cluster.spec.worker.replicas).toBe(8);
  });
});
