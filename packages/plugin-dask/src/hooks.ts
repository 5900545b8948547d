// The pre-execution hook. In a cluster run with a code bundle it makes the bundle importable on the
// scheduler and on every worker (including workers that join later) before the body runs, as the
// reference's DownloadCodeBundle{Worker,Scheduler}Plugin do (python-sdk-behaviour §3.4.4), by driving a
// Python `distributed` client (code-bundle/ship-code-bundle.ts). ctx().data then holds
//   daskSchedulerAddress  the scheduler's address (DASK_SCHEDULER_ADDRESS, set by the Dask operator in the
//                         job-runner pod), or null when not set (e.g. in local runs);
//   daskCodeBundle        the bundle now on every node ({ tgz, destination }), or null;
//   dask                  the cluster itself (task-cluster.ts): Python clients, reached lazily.
import { FlyteTsError, type HookContext } from "@flyte-ts/core";
import { type RuntimeCodeBundle, runtimeCodeBundle } from "./code-bundle/runtime-bundle.ts";
import { shipCodeBundle } from "./code-bundle/ship-code-bundle.ts";
import type { DaskSpec } from "./schema.ts";
import { DaskTaskCluster } from "./task-cluster.ts";

/** What the Dask plugin's `pre` puts into `ctx().data`. */
export interface DaskHookData extends Record<string, unknown> {
  daskSchedulerAddress: string | null;
  daskCodeBundle: RuntimeCodeBundle | null;
  dask: DaskTaskCluster;
}

export async function daskPre(hook: HookContext<DaskSpec>, env: NodeJS.ProcessEnv = process.env): Promise<DaskHookData> {
  const address = env.DASK_SCHEDULER_ADDRESS || null;
  const inCluster = hook.context.isInCluster();
  const dask = new DaskTaskCluster(hook.config, inCluster);
  const bundle = inCluster ? runtimeCodeBundle(hook.context) : undefined;
  if (!bundle) return { daskSchedulerAddress: address, daskCodeBundle: null, dask };
  if (!address) {
    throw new FlyteTsError("EXECUTION", "DASK_SCHEDULER_ADDRESS is not set: the code bundle cannot reach the Dask workers (the Dask operator sets it in the job-runner pod)");
  }
  await shipCodeBundle({ schedulerAddress: address, bundle, python: env.FLYTE_TS_DASK_PYTHON });
  return { daskSchedulerAddress: address, daskCodeBundle: bundle, dask };
}
