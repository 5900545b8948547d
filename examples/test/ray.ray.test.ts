// The Ray example run locally against the run's Ray cluster (RAY_ADDRESS): its Python driver scores the
// trials in Ray tasks with the code shipped from examples/py, and the body picks the best.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { run } from "@flyte-ts/core";
import { exampleInputs, sweep } from "../src/ray.ts";

const cluster = inject("ray");

describe("the Ray example, run locally", () => {
  const saved = process.env.RAY_ADDRESS;
  beforeAll(() => void (process.env.RAY_ADDRESS = cluster.gcsAddress));
  afterAll(() => (saved === undefined ? delete process.env.RAY_ADDRESS : void (process.env.RAY_ADDRESS = saved)));

  it("scores the trials on the Ray workers and returns the best", async () => {
    expect(await run(sweep, exampleInputs["ray-training.sweep"] as { trials: number })).toEqual({ best: 0.25, rayInit: { address: null } });
    expect(await run(sweep, { trials: 2 })).toEqual({ best: 0.5, rayInit: { address: null } });
  });
});
