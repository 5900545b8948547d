// A Ray node started on this machine with `ray start --block`, as a child in its own process group: the
// head of a local cluster (GCS, dashboard with the Jobs API) or a node joining one. Every port is free
// on loopback when chosen and the node keeps its files in its own temp dir, so several clusters (other
// test runs, other users) live side by side; stopping one signals only its own processes.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { FlyteTsError } from "@flyte-ts/core";
import { httpCall } from "../jobs/http-request.ts";

/** Ports free on 127.0.0.1 now (the OS picks them). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<import("node:net").Server>((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as import("node:net").AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

export interface RayNodeOptions {
  /**
   * Required. Python with Ray (its `ray.scripts.scripts` is the `ray` command).
   *
   * Validation: a path or command name of an interpreter that imports ray; `ray start` fails otherwise.
   */
  python: string;
  /**
   * Logical CPUs of the node (`--num-cpus`).
   *
   * Validation: an integer ≥ 0.
   *
   * @defaultValue `undefined`: Ray's (the machine's cores)
   */
  cpus?: number;
  /**
   * Logical memory of the node in bytes (`--memory`).
   *
   * Validation: a number > 0.
   *
   * @defaultValue `undefined`: Ray's (the machine's available memory)
   */
  memoryBytes?: number;
  /**
   * Object store size in bytes (`--object-store-memory`): small, as local runs share the machine.
   *
   * Validation: an integer ≥ 78643200 (Ray's minimum, 75 MiB).
   *
   * @defaultValue `209715200` (200 MiB)
   */
  objectStoreMemoryBytes?: number;
  /**
   * Custom resources, e.g. `{ worker: 1 }` (`--resources`).
   *
   * Validation: numbers ≥ 0.
   *
   * @defaultValue `undefined`: none
   */
  resources?: Record<string, number>;
  /**
   * Further `ray start` parameters as KubeRay writes them (`{ "num-gpus": "0" }`, keys without dashes).
   *
   * Validation: string values; Ray checks the flags.
   *
   * @defaultValue `undefined`: none
   */
  startParams?: Record<string, string>;
  /**
   * Working directory of the node's processes (a job's entrypoint runs there).
   *
   * Validation: an existing directory.
   *
   * @defaultValue `undefined`: the node's temp dir
   */
  cwd?: string;
  /**
   * Environment of the node's processes.
   *
   * Validation: string values.
   *
   * @defaultValue `process.env`
   */
  env?: NodeJS.ProcessEnv;
}

export interface RayHeadAddresses {
  /** GCS address for `ray.init(address=…)` / RAY_ADDRESS, "127.0.0.1:<port>". */
  gcsAddress: string;
  /** Dashboard URL with the Jobs API, "http://127.0.0.1:<port>". */
  dashboardUrl: string;
}

const STARTUP_TIMEOUT_MS = 120_000;

export class LocalRayNode {
  private exited = false;
  private log = "";

  private constructor(
    readonly child: ChildProcess,
    readonly tempDir: string,
    readonly ownsTempDir: boolean,
  ) {
    child.stdout?.on("data", (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-8000)));
    child.stderr?.on("data", (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-8000)));
    child.on("exit", () => (this.exited = true));
  }

  /** The last lines `ray start` printed. */
  get output(): string {
    return this.log;
  }

  get running(): boolean {
    return !this.exited;
  }

  private static launch(args: string[], options: RayNodeOptions, tempDir: string, ownsTempDir: boolean): LocalRayNode {
    const params = Object.entries(options.startParams ?? {}).flatMap(([key, value]) => [`--${key}`, value]);
    const all = [
      ...args,
      "--block", "--disable-usage-stats", "--node-ip-address", "127.0.0.1", "--temp-dir", tempDir,
      ...(options.cpus !== undefined ? ["--num-cpus", String(options.cpus)] : []),
      ...(options.memoryBytes !== undefined ? ["--memory", String(Math.floor(options.memoryBytes))] : []),
      "--object-store-memory", String(options.objectStoreMemoryBytes ?? 200 * 1024 * 1024),
      ...(options.resources ? ["--resources", JSON.stringify(options.resources)] : []),
      ...params,
    ];
    // `python -m ray.scripts.scripts` is the `ray` command, without relying on a script on PATH.
    const child = spawn(options.python, ["-m", "ray.scripts.scripts", "start", ...all], {
      cwd: options.cwd ?? tempDir,
      env: { ...(options.env ?? process.env), RAY_USAGE_STATS_ENABLED: "0" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // A node started for a local run must not keep the process alive: it is stopped at exit instead.
    child.unref();
    (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    return new LocalRayNode(child, tempDir, ownsTempDir);
  }

  /** Starts a head on loopback and resolves once its dashboard's Jobs API answers. */
  static async startHead(options: RayNodeOptions): Promise<LocalRayNode & RayHeadAddresses> {
    const [gcs, dashboard, nodeManager, objectManager, client, agentListen, agentGrpc, runtimeEnvAgent, metrics] = await freePorts(9);
    // A short path: Ray's unix sockets live under it and must stay within 107 bytes.
    const tempDir = mkdtempSync("/tmp/flyte-ts-ray-");
    const node = LocalRayNode.launch([
      "--head", "--port", String(gcs), "--dashboard-host", "127.0.0.1", "--dashboard-port", String(dashboard), "--include-dashboard", "true",
      "--node-manager-port", String(nodeManager), "--object-manager-port", String(objectManager), "--ray-client-server-port", String(client),
      "--dashboard-agent-listen-port", String(agentListen), "--dashboard-agent-grpc-port", String(agentGrpc),
      "--runtime-env-agent-port", String(runtimeEnvAgent), "--metrics-export-port", String(metrics),
      "--min-worker-port", "0", "--max-worker-port", "0",
    ], options, tempDir, true);
    const head = Object.assign(node, { gcsAddress: `127.0.0.1:${gcs}`, dashboardUrl: `http://127.0.0.1:${dashboard}` });
    try {
      await head.waitFor(async () => (await httpCall("GET", new URL(`${head.dashboardUrl}/api/jobs/`), undefined, {}, 5000)).status === 200, "its dashboard");
    } catch (err) {
      await head.stop();
      throw err;
    }
    return head;
  }

  /** Starts a node that joins the head at `gcsAddress` (sharing its temp dir); resolves once the head lists it. */
  static async startWorker(head: LocalRayNode & RayHeadAddresses, options: RayNodeOptions): Promise<LocalRayNode> {
    const before = await aliveNodes(head.dashboardUrl);
    const [nodeManager, objectManager, agentListen, agentGrpc, runtimeEnvAgent, metrics] = await freePorts(6);
    const node = LocalRayNode.launch([
      "--address", head.gcsAddress,
      "--node-manager-port", String(nodeManager), "--object-manager-port", String(objectManager),
      "--dashboard-agent-listen-port", String(agentListen), "--dashboard-agent-grpc-port", String(agentGrpc),
      "--runtime-env-agent-port", String(runtimeEnvAgent), "--metrics-export-port", String(metrics),
      "--min-worker-port", "0", "--max-worker-port", "0",
    ], options, head.tempDir, false);
    try {
      await node.waitFor(async () => (await aliveNodes(head.dashboardUrl)) > before, "the head to list it");
    } catch (err) {
      await node.stop();
      throw err;
    }
    return node;
  }

  private async waitFor(ready: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.exited) throw new FlyteTsError("EXECUTION", `ray start exited before ${what} was ready:\n${this.log.trim().split("\n").slice(-20).join("\n")}`);
      try {
        if (await ready()) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new FlyteTsError("EXECUTION", `ray start: ${what} was not ready within ${STARTUP_TIMEOUT_MS / 1000} s:\n${this.log.trim().split("\n").slice(-20).join("\n")}`);
  }

  /**
   * SIGTERM to `ray start --block` (it then stops the processes it started), then SIGKILL to the whole
   * process group after 15 s or once it has exited (Ray's own children may outlive it for a moment).
   */
  async stop(): Promise<void> {
    const pid = this.child.pid;
    if (pid !== undefined && !this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // already gone
      }
      // A ref'd timer: the caller (e.g. a test run's teardown) must not exit before the node is gone.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 15_000)));
      await Promise.race([exited, timeout]);
      clearTimeout(timer);
    }
    this.killNow("SIGKILL");
    if (this.ownsTempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }

  /**
   * Synchronous last resort (process exit handlers): signals the whole process group (by default
   * SIGKILL: there is no time left to wait for a graceful stop) and removes the node's temp dir.
   */
  killNow(signal: NodeJS.Signals = "SIGKILL"): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // the group is gone
    }
    if (signal === "SIGKILL" && this.ownsTempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }
}

async function aliveNodes(dashboardUrl: string): Promise<number> {
  const res = await httpCall("GET", new URL(`${dashboardUrl}/nodes?view=summary`), undefined, {}, 5000);
  if (res.status !== 200) return 0;
  const body = JSON.parse(res.body.toString("utf8")) as { data?: { summary?: Array<{ raylet?: { state?: string } }> } };
  return (body.data?.summary ?? []).filter((n) => n.raylet?.state === "ALIVE").length;
}
