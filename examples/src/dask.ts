// A Dask task: a scheduler and eight workers with their own resources. In a cluster run the plugin's
// pre hook puts the task's code bundle on the scheduler and every worker before the body starts.
import { z } from "zod";
import { TaskEnvironment, ctx } from "@flyte-ts/core";
import { Dask, Scheduler, WorkerGroup } from "@flyte-ts/plugin-dask";

export const env = new TaskEnvironment({
  name: "dask-etl",
  image: "ghcr.io/example/flyte-ts-dask:0.1.0",
  resources: { cpu: "1", memory: "2Gi" },               // the job runner's (and, by default, every role's)
  pluginConfig: new Dask({
    scheduler: new Scheduler({ resources: { cpu: "1", memory: "4Gi" } }),
    workers: new WorkerGroup({ numberOfWorkers: 8, resources: { cpu: ["2", "4"], memory: "16Gi" } }),
  }),
});

export const wordCount = env.task(
  { inputs: z.object({ lines: z.array(z.string()) }), output: z.object({ words: z.int(), scheduler: z.string() }) },
  async function wordCount({ lines }) {
    const words = lines.reduce((n, line) => n + line.split(/\s+/).filter(Boolean).length, 0);
    // Locally there is no Dask scheduler; in the cluster the Dask operator sets its address.
    return { words, scheduler: (ctx()!.data.daskSchedulerAddress as string | null) ?? "none (local run)" };
  },
);

/** Inputs the example runner uses for each task. */
export const exampleInputs: Record<string, Record<string, unknown>> = {
  "dask-etl.wordCount": { lines: ["to be or not", "to be"] },
};
