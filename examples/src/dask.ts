// A Dask task: a scheduler and eight workers with their own resources. In a cluster run the plugin's
// pre hook puts the task's code bundle on the scheduler and every worker before the body starts. The body
// runs a Python Dask client (py/dask_words.py) that counts each line's words on the workers, and adds the
// counts up in TypeScript. Locally it uses DASK_SCHEDULER_ADDRESS, else a cluster it starts from the Dask
// installed here (scripts/engines/dask.sh).
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { TaskEnvironment, ctx } from "@flyte-ts/core";
import { Dask, Scheduler, WorkerGroup, type DaskHookData } from "@flyte-ts/plugin-dask";

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
    const { dask } = ctx()!.data as DaskHookData;
    // The Python code lives beside this module (in the code bundle in a cluster run); it goes to the workers.
    const python = fileURLToPath(new URL("../py/", import.meta.url));
    const client = await dask.runClient({ file: `${python}dask_words.py`, args: lines, uploadDir: python });
    const { counts, workers } = client.json<{ counts: number[]; workers: string[] }>();
    console.error(`wordCount: ${counts.length} lines counted on Dask worker(s) ${workers.join(", ")}`);
    return { words: counts.reduce((sum, n) => sum + n, 0), scheduler: (await dask.cluster()).schedulerAddress };
  },
);

/** Inputs the example runner uses for each task. */
export const exampleInputs: Record<string, Record<string, unknown>> = {
  "dask-etl.wordCount": { lines: ["to be or not", "to be"] },
};
