import { describe, expect, it } from "vitest";
import type { HookContext, TaskContext } from "@flyte-ts/core";
import { Dask, DaskTaskCluster, daskPlugin, runtimeCodeBundle, shipCodeBundle, type DaskSpec } from "@flyte-ts/plugin-dask";

const context = (mode: "local" | "remote", extra: Record<string, unknown> = {}) =>
  ({ mode, runName: "r", actionName: "a0", taskName: "t", attempt: 0, data: {}, checkpointPath: undefined, prevCheckpointPath: undefined, isInCluster: () => mode === "remote", ...extra }) as TaskContext;
const hook = (ctx: TaskContext): HookContext<DaskSpec> => ({ task: {} as never, config: daskPlugin.configSchema.parse(new Dask()), inputs: {}, context: ctx });

describe("Dask pre hook", () => {
  it("in a local run only reports the scheduler address, if any", async () => {
    const saved = process.env.DASK_SCHEDULER_ADDRESS;
    process.env.DASK_SCHEDULER_ADDRESS = "tcp://127.0.0.1:8786";
    try {
      const { dask, ...rest } = await daskPlugin.pre!(hook(context("local", { codeBundle: { tgz: "s3://b/x.tar.gz" } })));
      expect(rest).toEqual({ daskSchedulerAddress: "tcp://127.0.0.1:8786", daskCodeBundle: null });
      expect(dask).toBeInstanceOf(DaskTaskCluster);
    } finally {
      if (saved === undefined) delete process.env.DASK_SCHEDULER_ADDRESS;
      else process.env.DASK_SCHEDULER_ADDRESS = saved;
    }
  });

  it("in a cluster run without a bundle does nothing", async () => {
    const { dask, ...rest } = await daskPlugin.pre!(hook(context("remote")));
    expect(rest).toEqual({ daskSchedulerAddress: process.env.DASK_SCHEDULER_ADDRESS ?? null, daskCodeBundle: null });
    expect(dask).toBeInstanceOf(DaskTaskCluster);
  });

  it("fails clearly in a cluster run with a bundle but no scheduler address", async () => {
    const saved = process.env.DASK_SCHEDULER_ADDRESS;
    delete process.env.DASK_SCHEDULER_ADDRESS;
    try {
      await expect(daskPlugin.pre!(hook(context("remote", { codeBundle: { tgz: "s3://b/x.tar.gz" } })))).rejects.toThrow(
        "DASK_SCHEDULER_ADDRESS is not set: the code bundle cannot reach the Dask workers",
      );
    } finally {
      if (saved !== undefined) process.env.DASK_SCHEDULER_ADDRESS = saved;
    }
  });

  it("says what to install when the Python interpreter is missing", async () => {
    await expect(shipCodeBundle({ schedulerAddress: "tcp://127.0.0.1:1", bundle: { tgz: "file:///x.tar.gz", destination: "." }, python: "/nonexistent/python3" })).rejects.toThrow(
      'cannot start /nonexistent/python3 (spawn /nonexistent/python3 ENOENT); the task image needs Python with the "distributed" package',
    );
  });
});

describe("runtimeCodeBundle", () => {
  it("prefers the context's bundle, else reads the a0 arguments", () => {
    expect(runtimeCodeBundle(context("remote", { codeBundle: { tgz: "s3://b/c.tgz", destination: "/app" } }), [])).toEqual({ tgz: "s3://b/c.tgz", destination: "/app" });
    expect(runtimeCodeBundle(context("remote"), ["node", "flyte-ts", "a0", "--inputs", "x", "--tgz", "s3://b/fast1.tar.gz", "--dest", "/home/flyte"])).toEqual({
      tgz: "s3://b/fast1.tar.gz",
      destination: "/home/flyte",
    });
    expect(runtimeCodeBundle(context("remote"), ["node", "a0", "--tgz", "s3://b/fast1.tar.gz"])).toEqual({ tgz: "s3://b/fast1.tar.gz", destination: "." });
    expect(runtimeCodeBundle(context("remote"), ["node", "a0", "--pkl", "s3://b/x.pkl", "--dest", "."])).toBeUndefined();
    expect(runtimeCodeBundle(context("remote"), ["node", "script.js", "--tgz", "x"])).toBeUndefined();
  });
});
