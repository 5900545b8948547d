// `ctx().data.dask`: the Dask cluster a task body works with, reached lazily, so a body that never uses
// Dask runs without it.
//   cluster run  the DaskJob's scheduler (DASK_SCHEDULER_ADDRESS, set by the Dask operator in the job-runner
//                pod), whose workers already have the code bundle (the pre hook); Python is
//                $FLYTE_TS_DASK_PYTHON, else python3 from the image.
//   local run    DASK_SCHEDULER_ADDRESS when set; otherwise a scheduler and workers started on 127.0.0.1
//                from a Dask found on this machine, sized from the config (workers, threads, memory),
//                shared by every task of this process and stopped when it exits.
import { availableParallelism, totalmem } from "node:os";
import { FlyteTsError, quantityValue } from "@flyte-ts/core";
import { type DaskClientResult, type RunClientOptions, runDaskClient } from "./client/run-client.ts";
import { requireDaskPython } from "./local/find-dask.ts";
import { LocalDaskCluster } from "./local/local-dask-cluster.ts";
import type { DaskSpec } from "./schema.ts";

/** Where the task's cluster is. */
export interface DaskClusterEndpoint {
  schedulerAddress: string;
  python: string;
  /** Workers a client waits for (the local cluster's), else 0. */
  workers: number;
}

/** Workers, threads per worker and memory per worker (bytes) of a local cluster, from the config, fitted to this machine. */
export function localClusterSize(config: DaskSpec): { workers: number; threads: number; memoryLimitBytes: number | undefined } {
  const cores = availableParallelism();
  const resources = config.workers.resources;
  const pick = (field: "cpu" | "memory") => {
    const value = resources?.[field];
    const limit = Array.isArray(value) ? value[1] : value;
    return typeof limit === "string" || typeof limit === "number" ? quantityValue(limit) : undefined;
  };
  // One worker per core at most: the config sizes a cluster, this machine is one node.
  const workers = Math.max(1, Math.min(config.workers.numberOfWorkers, cores));
  const cpu = pick("cpu");
  const memory = pick("memory");
  return {
    workers,
    threads: cpu === undefined ? 1 : Math.max(1, Math.min(cores, Math.ceil(cpu))),
    memoryLimitBytes: memory === undefined ? undefined : Math.min(memory, Math.floor((totalmem() * 0.8) / workers)),
  };
}

let localCluster: Promise<{ cluster: LocalDaskCluster; address: string; workers: number }> | undefined;

function startLocalCluster(config: DaskSpec): Promise<{ cluster: LocalDaskCluster; address: string; workers: number }> {
  if (!localCluster) {
    const python = requireDaskPython();
    const size = localClusterSize(config);
    process.stderr.write(`dask: starting a local cluster (${size.workers} workers × ${size.threads} threads) with ${python}\n`);
    const cluster = new LocalDaskCluster(python);
    process.once("exit", () => cluster.stop());
    localCluster = cluster.startScheduler().then((address) => {
      for (let i = 0; i < size.workers; i++) cluster.startWorker({ threads: size.threads, ...(size.memoryLimitBytes !== undefined ? { memoryLimitBytes: size.memoryLimitBytes } : {}) });
      process.stderr.write(`dask: local scheduler at ${address}\n`);
      return { cluster, address, workers: size.workers };
    });
    localCluster.catch(() => {
      cluster.stop();
      localCluster = undefined;
    });
  }
  return localCluster;
}

/** Stops the local cluster this process started, if any (it is stopped at exit anyway). */
export async function stopLocalDaskCluster(): Promise<void> {
  const started = localCluster;
  localCluster = undefined;
  if (started) (await started).cluster.stop();
}

export async function resolveDaskCluster(config: DaskSpec, inCluster: boolean, env: NodeJS.ProcessEnv = process.env): Promise<DaskClusterEndpoint> {
  if (inCluster) {
    if (!env.DASK_SCHEDULER_ADDRESS) {
      throw new FlyteTsError("EXECUTION", "DASK_SCHEDULER_ADDRESS is not set: no Dask scheduler to connect to (the Dask operator sets it in the job-runner pod)");
    }
    return { schedulerAddress: env.DASK_SCHEDULER_ADDRESS, python: env.FLYTE_TS_DASK_PYTHON ?? "python3", workers: 0 };
  }
  if (env.DASK_SCHEDULER_ADDRESS) return { schedulerAddress: env.DASK_SCHEDULER_ADDRESS, python: requireDaskPython(env), workers: 0 };
  const local = await startLocalCluster(config);
  return { schedulerAddress: local.address, python: requireDaskPython(env), workers: local.workers };
}

/** The Dask cluster of a running task: Python clients connected to its scheduler. */
export class DaskTaskCluster {
  private endpoint: Promise<DaskClusterEndpoint> | undefined;

  constructor(
    private readonly config: DaskSpec,
    private readonly inCluster: boolean,
  ) {}

  /** Where the cluster is; starts the local cluster on first use in a local run without an address. */
  cluster(): Promise<DaskClusterEndpoint> {
    this.endpoint ??= resolveDaskCluster(this.config, this.inCluster);
    this.endpoint.catch(() => (this.endpoint = undefined));
    return this.endpoint;
  }

  /**
   * Runs a Python program with a `distributed.Client` connected to the task's scheduler (the global
   * `client`; `get_client()` and dask collections use it too), streaming its output; rejects with its
   * error when it fails.
   */
  async runClient(options: RunClientOptions): Promise<DaskClientResult> {
    const endpoint = await this.cluster();
    return runDaskClient({ python: endpoint.python, schedulerAddress: endpoint.schedulerAddress, workers: endpoint.workers }, options);
  }
}
