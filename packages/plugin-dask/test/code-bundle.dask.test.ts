// The code-bundle pre hook against a real Dask cluster on 127.0.0.1: after the hook, the scheduler, the
// workers that were there and a worker that joins later can all import the bundle's code, each from the
// copy unpacked in its own working directory.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { HookContext, TaskContext } from "@flyte-ts/core";
import { Dask, daskPlugin, type DaskSpec } from "@flyte-ts/plugin-dask";
import { LocalDaskCluster, VENV_PYTHON, pythonUnavailable } from "./dask-cluster.ts";

// The "dask" project's global setup installs Dask (scripts/engines/dask.sh); without it this fails.
const unavailable = pythonUnavailable();

function remoteHook(codeBundle: { tgz: string; destination: string }): HookContext<DaskSpec> {
  const context = {
    mode: "remote", runName: "r1", actionName: "a0", taskName: "dask_env.work", attempt: 0, data: {},
    checkpointPath: undefined, prevCheckpointPath: undefined, isInCluster: () => true, codeBundle,
  } as TaskContext;
  return { task: {} as never, config: daskPlugin.configSchema.parse(new Dask()), inputs: {}, context };
}

describe("Dask code-bundle hook on a real cluster", () => {
  const root = mkdtempSync(join(tmpdir(), "flyte-ts-dask-"));
  const cluster = new LocalDaskCluster(root);
  afterAll(() => {
    cluster.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("makes the bundle importable on the scheduler and on every worker, including one that joins later", async () => {
    expect(unavailable).toBeUndefined();
    const module = `flyte_ts_bundle_probe_${process.pid}`;
    const value = `bundle-${Date.now()}`;
    const source = join(root, "bundle-src");
    mkdirSync(source);
    writeFileSync(join(source, `${module}.py`), `VALUE = ${JSON.stringify(value)}\n`);
    const tgz = join(root, "fastabc123.tar.gz");
    execFileSync("tar", ["-czf", tgz, "-C", source, "."]);

    const scheduler = await cluster.startScheduler();
    const early = [cluster.startWorker("worker-1"), cluster.startWorker("worker-2")];
    const before = cluster.probe(scheduler.address, 2, module);
    expect(Object.values(before.workers).map((w) => w.error)).toEqual([`No module named '${module}'`, `No module named '${module}'`]);
    expect(before.scheduler.error).toBe(`No module named '${module}'`);

    process.env.FLYTE_TS_DASK_PYTHON = VENV_PYTHON;
    process.env.DASK_SCHEDULER_ADDRESS = scheduler.address;
    try {
      const { dask: _, ...data } = await daskPlugin.pre!(remoteHook({ tgz: pathToFileURL(tgz).href, destination: "." }));
      expect(data).toEqual({ daskSchedulerAddress: scheduler.address, daskCodeBundle: { tgz: pathToFileURL(tgz).href, destination: "." } });
    } finally {
      delete process.env.FLYTE_TS_DASK_PYTHON;
      delete process.env.DASK_SCHEDULER_ADDRESS;
    }

    const late = cluster.startWorker("worker-3");
    const after = cluster.probe(scheduler.address, 3, module);
    const byCwd = Object.fromEntries(Object.values(after.workers).map((w) => [w.cwd, w]));
    for (const cwd of [...early, late]) {
      expect(byCwd[cwd]).toEqual({ value, file: join(cwd, `${module}.py`), cwd });
    }
    expect(after.scheduler).toEqual({ value, file: join(scheduler.cwd, `${module}.py`), cwd: scheduler.cwd });
  }, 120_000);
});
