/**
 * Dask tasks: scheduler and workers, the `DaskJob` serializer and preview, and the code-bundle hook.
 * Importing this module registers the plugin with @flyte-ts/core.
 *
 * @module @flyte-ts/plugin-dask
 */
import { registerPlugin } from "@flyte-ts/core";
import { daskPlugin } from "./plugin.ts";

export { Dask, DASK_CONFIG_KIND, type DaskOptions } from "./config/dask.ts";
export { Scheduler, type SchedulerOptions } from "./config/scheduler.ts";
export { WorkerGroup, type WorkerGroupOptions } from "./config/worker-group.ts";
export { DaskSchema, type DaskSpec } from "./schema.ts";
export { daskJobCustom } from "./dask-job-custom.ts";
export { type DaskHookData } from "./hooks.ts";
export { shipCodeBundle, type ShipCodeBundleOptions } from "./code-bundle/ship-code-bundle.ts";
export { runtimeCodeBundle, type RuntimeCodeBundle } from "./code-bundle/runtime-bundle.ts";
export { DaskTaskCluster, stopLocalDaskCluster, localClusterSize, type DaskClusterEndpoint } from "./task-cluster.ts";
export { type RunClientOptions, type DaskClientProgram, type DaskClientResult } from "./client/run-client.ts";
export { LocalDaskCluster, type DaskWorkerOptions } from "./local/local-dask-cluster.ts";
export { findDaskPython, INSTALL_DASK_HINT } from "./local/find-dask.ts";
export { renderDaskJob } from "./render/render-dask-job.ts";
export { daskPlugin };

registerPlugin(daskPlugin);
