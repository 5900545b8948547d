// ctx().data.dask.runClient against the run's local Dask cluster (DASK_SCHEDULER_ADDRESS), and the local
// cluster a run starts without one: the client's functions run on the workers with code shipped from a
// directory, its output streams, its JSON line reaches the body, and its error fails the body.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { ctx, run, TaskEnvironment } from "@flyte-ts/core";
import { Dask, WorkerGroup, stopLocalDaskCluster, type DaskHookData } from "@flyte-ts/plugin-dask";

const shared = inject("dask");
const fixtures = new URL("./fixtures/client/", import.meta.url).pathname;
const dask = () => (ctx()!.data as DaskHookData).dask;
const env = new TaskEnvironment({ name: "dask_client_test", pluginConfig: new Dask() });

describe("runClient on a Dask cluster given by DASK_SCHEDULER_ADDRESS", () => {
  const saved = process.env.DASK_SCHEDULER_ADDRESS;
  beforeAll(() => void (process.env.DASK_SCHEDULER_ADDRESS = shared.schedulerAddress));
  afterAll(() => (saved === undefined ? delete process.env.DASK_SCHEDULER_ADDRESS : void (process.env.DASK_SCHEDULER_ADDRESS = saved)));

  it("maps a function over the workers with the shipped code and hands its JSON line to the body", async () => {
    const seen: string[] = [];
    const task = env.task({ inputs: z.object({ lines: z.array(z.string()) }), output: z.record(z.string(), z.unknown()) }, async function words({ lines }) {
      const result = await dask().runClient({ file: `${fixtures}count_words.py`, args: lines, uploadDir: fixtures, onStderr: (c) => seen.push(c) });
      return result.json<Record<string, unknown>>();
    });
    const output = (await run(task, { lines: ["to be or not", "to be", "that is", "the question"] })) as { words: number; workers: string[]; in_client_process: boolean };
    expect(output.words).toBe(10);
    expect(output.in_client_process).toBe(false);
    expect(output.workers.length).toBeGreaterThan(0);
    for (const worker of output.workers) expect(shared.workers).toContain(worker);
    expect(seen.join("")).toContain("counted 4 lines");
  });

  it("runs Python source with `client` defined", async () => {
    const task = env.task({ output: z.number() }, async function nworkers() {
      return (await dask().runClient({ script: "import json\nprint(json.dumps(len(client.scheduler_info()['workers'])))", onStdout: () => {} })).json<number>();
    });
    expect(await run(task)).toBe(2);
  });

  it("fails the body with the client's Python error", async () => {
    const task = env.task({ output: z.number() }, async function broken() {
      await dask().runClient({ script: "client.submit(lambda: 1 / 0).result()", onStderr: () => {} });
      return 1;
    });
    await expect(run(task)).rejects.toThrow(/^Dask client script failed \(exit code 1\):\nTraceback \(most recent call last\):[\s\S]*ZeroDivisionError: division by zero$/);
  });
});

describe("a local run without a scheduler address", () => {
  afterAll(() => stopLocalDaskCluster());

  it("starts a local cluster sized from the config and reuses it", async () => {
    const saved = process.env.DASK_SCHEDULER_ADDRESS;
    delete process.env.DASK_SCHEDULER_ADDRESS;
    try {
      const config = new Dask({ workers: new WorkerGroup({ numberOfWorkers: 2, resources: { cpu: ["1", "1"], memory: "600Mi" } }) });
      const local = new TaskEnvironment({ name: "dask_local_cluster", pluginConfig: config });
      const task = local.task({ output: z.array(z.unknown()) }, async function shape() {
        const info = (await dask().runClient({ script: "import json\nw = client.scheduler_info()['workers'].values()\nprint(json.dumps(sorted([x['nthreads'], x['memory_limit']] for x in w)))", onStdout: () => {} })).json<unknown[]>();
        return [info, (await dask().cluster()).schedulerAddress];
      });
      const [info, address] = (await run(task)) as [unknown[], string];
      expect(info).toEqual([[1, 600 * 1024 ** 2], [1, 600 * 1024 ** 2]]);
      expect(address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
      expect(address).not.toBe(shared.schedulerAddress);
      const again = local.task({ output: z.string() }, async function same() {
        return (await dask().cluster()).schedulerAddress;
      });
      expect(await run(again)).toBe(address);
    } finally {
      if (saved !== undefined) process.env.DASK_SCHEDULER_ADDRESS = saved;
    }
  });
});
