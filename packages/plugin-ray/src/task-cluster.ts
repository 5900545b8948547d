// `ctx().data.ray`: the Ray cluster a task body works with, reached lazily. Nothing starts or connects
// until the body calls a method, so a body that never uses Ray runs without it.
//   cluster run  the RayJob's cluster: the driver (a0) runs on its head, so ray.init finds it through
//                RAY_ADDRESS (set by Ray's job supervisor) and the Jobs API is the head's dashboard
//                (RAY_API_SERVER_ADDRESS, else 127.0.0.1 at the head's dashboard-port, default 8265);
//                Python is $FLYTE_TS_RAY_PYTHON, else python3 from the image.
//   local run    the configured `address` or RAY_ADDRESS when set (the Jobs API at RAY_API_SERVER_ADDRESS,
//                else that host's port 8265); otherwise a head started on loopback from a Ray installation
//                found on this machine, sized from the head's requests/limits, shared by every task of
//                this process and stopped when it exits.
import { availableParallelism, totalmem } from "node:os";
import { quantityValue } from "@flyte-ts/core";
import { type RunDriverOptions, type RayDriverResult, runRayDriver } from "./driver/run-driver.ts";
import { RayJobsClient, type RayJobDetails, type RaySubmitOptions, type RayWaitOptions } from "./jobs/ray-jobs-client.ts";
import { requireRayPython } from "./local/find-ray.ts";
import { LocalRayNode } from "./local/local-ray-node.ts";
import type { RayJobSpec } from "./schema.ts";

/** Where the task's cluster is. */
export interface RayClusterEndpoint {
  /** GCS address for ray.init, or null to let Ray find it (RAY_ADDRESS). */
  gcsAddress: string | null;
  /** Dashboard URL serving the Jobs API. */
  dashboardUrl: string;
  /** Python with Ray for drivers. */
  python: string;
}

let localHead: Promise<LocalRayNode & { gcsAddress: string; dashboardUrl: string }> | undefined;

/** CPUs and memory (bytes) for a local head, from the head's requests (else limits), capped by this machine. */
export function localHeadSize(config: RayJobSpec): { cpus: number; memoryBytes: number | undefined } {
  const head = config.headNodeConfig;
  const pick = (field: "cpu" | "memory") => {
    const value = head?.requests?.[field] ?? head?.limits?.[field];
    return typeof value === "string" || typeof value === "number" ? quantityValue(value) : undefined;
  };
  const cores = availableParallelism();
  const cpu = pick("cpu");
  const memory = pick("memory");
  // The local head stands in for the whole cluster, so it takes work even when the cluster's head is
  // configured with num-cpus 0 (its workers are not there locally).
  return {
    cpus: cpu === undefined ? cores : Math.max(1, Math.min(cores, Math.ceil(cpu))),
    memoryBytes: memory === undefined ? undefined : Math.min(memory, Math.floor(totalmem() * 0.8)),
  };
}

function startLocalHead(config: RayJobSpec): Promise<LocalRayNode & { gcsAddress: string; dashboardUrl: string }> {
  if (!localHead) {
    const python = requireRayPython();
    const { cpus, memoryBytes } = localHeadSize(config);
    process.stderr.write(`ray: starting a local head (${cpus} CPUs) with ${python}\n`);
    localHead = LocalRayNode.startHead({ python, cpus, ...(memoryBytes !== undefined ? { memoryBytes } : {}) }).then((head) => {
      process.once("exit", () => head.killNow());
      process.stderr.write(`ray: local head at ${head.gcsAddress}, dashboard ${head.dashboardUrl}\n`);
      return head;
    });
    localHead.catch(() => (localHead = undefined));
  }
  return localHead;
}

/** Stops the local head this process started, if any (it is stopped at exit anyway). */
export async function stopLocalRayHead(): Promise<void> {
  const head = localHead;
  localHead = undefined;
  if (head) await (await head).stop();
}

const dashboardFor = (gcsAddress: string, env: NodeJS.ProcessEnv) =>
  env.RAY_API_SERVER_ADDRESS ?? `http://${gcsAddress.replace(/^[a-z]+:\/\//, "").split(":")[0]}:8265`;

export async function resolveRayCluster(config: RayJobSpec, inCluster: boolean, env: NodeJS.ProcessEnv = process.env): Promise<RayClusterEndpoint> {
  if (inCluster) {
    const port = config.headNodeConfig?.rayStartParams?.["dashboard-port"] ?? "8265";
    return {
      gcsAddress: config.address ?? null,
      dashboardUrl: env.RAY_API_SERVER_ADDRESS ?? `http://127.0.0.1:${port}`,
      python: env.FLYTE_TS_RAY_PYTHON ?? "python3",
    };
  }
  const given = config.address ?? env.RAY_ADDRESS;
  if (given) return { gcsAddress: given, dashboardUrl: dashboardFor(given, env), python: requireRayPython(env) };
  const head = await startLocalHead(config);
  return { gcsAddress: head.gcsAddress, dashboardUrl: head.dashboardUrl, python: requireRayPython(env) };
}

/** The Ray cluster of a running task: its Jobs API and Python drivers connected to it. */
export class RayTaskCluster {
  private endpoint: Promise<RayClusterEndpoint> | undefined;

  constructor(
    private readonly config: RayJobSpec,
    private readonly inCluster: boolean,
    /** ray.init keyword arguments from the hook (its runtime env ships the working directory in cluster runs). */
    private readonly rayInit: Record<string, unknown>,
  ) {}

  /** Where the cluster is; starts the local head on first use in a local run without an address. */
  cluster(): Promise<RayClusterEndpoint> {
    this.endpoint ??= resolveRayCluster(this.config, this.inCluster);
    this.endpoint.catch(() => (this.endpoint = undefined));
    return this.endpoint;
  }

  /** A Jobs client for the task's cluster. */
  async jobs(): Promise<RayJobsClient> {
    return new RayJobsClient((await this.cluster()).dashboardUrl);
  }

  /** A Jobs client for any Ray cluster, by its dashboard URL. */
  client(dashboardUrl: string): RayJobsClient {
    return new RayJobsClient(dashboardUrl);
  }

  async submit(options: RaySubmitOptions): Promise<string> {
    return (await this.jobs()).submit(options);
  }

  async status(submissionId: string): Promise<RayJobDetails> {
    return (await this.jobs()).status(submissionId);
  }

  async wait(submissionId: string, options?: RayWaitOptions): Promise<RayJobDetails> {
    return (await this.jobs()).wait(submissionId, options);
  }

  async logs(submissionId: string): Promise<string> {
    return (await this.jobs()).logs(submissionId);
  }

  async followLogs(submissionId: string, write?: (chunk: string) => void): Promise<RayJobDetails> {
    return (await this.jobs()).followLogs(submissionId, write);
  }

  async stop(submissionId: string): Promise<boolean> {
    return (await this.jobs()).stop(submissionId);
  }

  async list(): Promise<RayJobDetails[]> {
    return (await this.jobs()).list();
  }

  /**
   * Runs a Python Ray driver connected to the task's cluster (already `ray.init`-ed with the task's
   * settings), streaming its output; rejects with its error when it fails. Its tasks run on the cluster's
   * workers, which get `workingDir` (default: the task's working directory) as their working directory.
   */
  async runDriver(options: RunDriverOptions): Promise<RayDriverResult> {
    const endpoint = await this.cluster();
    const rayInit = { ...this.rayInit, address: this.rayInit.address ?? endpoint.gcsAddress };
    if (rayInit.address === null) delete (rayInit as Record<string, unknown>).address;
    return runRayDriver({ python: endpoint.python, rayInit }, options);
  }
}

