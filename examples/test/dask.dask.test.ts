// The Dask example run locally: against the run's Dask cluster (DASK_SCHEDULER_ADDRESS), and without an
// address on a local cluster it starts from the project's Dask, sized from the example's config.
import { describe, expect, inject, it } from "vitest";
import { run } from "@flyte-ts/core";
import { stopLocalDaskCluster } from "@flyte-ts/plugin-dask";
import { exampleInputs, wordCount } from "../src/dask.ts";

const shared = inject("dask");
const lines = exampleInputs["dask-etl.wordCount"] as { lines: string[] };

async function withSchedulerAddress<T>(address: string | undefined, body: () => Promise<T>): Promise<T> {
  const saved = process.env.DASK_SCHEDULER_ADDRESS;
  if (address === undefined) delete process.env.DASK_SCHEDULER_ADDRESS;
  else process.env.DASK_SCHEDULER_ADDRESS = address;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.DASK_SCHEDULER_ADDRESS;
    else process.env.DASK_SCHEDULER_ADDRESS = saved;
  }
}

describe("the Dask example, run locally", () => {
  it("counts the words on the workers of the given scheduler", async () => {
    expect(await withSchedulerAddress(shared.schedulerAddress, () => run(wordCount, lines))).toEqual({ words: 6, scheduler: shared.schedulerAddress });
  });

  it("starts a local cluster when no scheduler is given", async () => {
    try {
      const output = await withSchedulerAddress(undefined, () => run(wordCount, { lines: ["a b c", "d", "e f"] }));
      expect(output.words).toBe(6);
      expect(output.scheduler).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
      expect(output.scheduler).not.toBe(shared.schedulerAddress);
    } finally {
      await stopLocalDaskCluster();
    }
  });
});
