// A Dask cluster started on this machine for local runs and tests: `dask scheduler` and `dask worker`
// processes on 127.0.0.1 with OS-chosen ports (the scheduler writes its address to a scheduler file), each
// in its own process group and working directory under one temp dir. Stopping it signals only these.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FlyteTsError } from "@flyte-ts/core";

export interface DaskWorkerOptions {
  /**
   * Threads of the worker (`--nthreads`).
   *
   * Validation: an integer ≥ 1.
   *
   * @defaultValue `1`
   */
  threads?: number;
  /**
   * Memory limit of the worker in bytes (`--memory-limit`).
   *
   * Validation: a number > 0.
   *
   * @defaultValue `undefined`: Dask's (the machine's memory shared among the workers)
   */
  memoryLimitBytes?: number;
  /**
   * Further `dask worker` arguments, e.g. a DaskJob's; a flag given twice takes its last value.
   *
   * Validation: strings; `dask worker` checks them.
   *
   * @defaultValue `[]`
   */
  args?: string[];
  /**
   * Worker name (`--name`).
   *
   * Validation: a non-empty string, unique in the cluster.
   *
   * @defaultValue `worker-<n>`
   */
  name?: string;
  /**
   * Environment of the worker process.
   *
   * Validation: string values.
   *
   * @defaultValue `process.env`
   */
  env?: NodeJS.ProcessEnv;
}

export class LocalDaskCluster {
  readonly root: string;
  readonly schedulerFile: string;
  private readonly processes: ChildProcess[] = [];
  private readonly logs = new Map<string, string>();
  address: string | undefined;

  constructor(readonly python: string, root?: string) {
    this.root = root ?? mkdtempSync(join(tmpdir(), "flyte-ts-dask-"));
    this.schedulerFile = join(this.root, "scheduler.json");
  }

  private start(name: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
    const cwd = join(this.root, name);
    mkdirSync(cwd, { recursive: true });
    const child = spawn(this.python, ["-m", ...args], { cwd, env, detached: true, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr!.on("data", (chunk: Buffer) => this.logs.set(name, ((this.logs.get(name) ?? "") + chunk.toString()).slice(-4000)));
    // Local runs stop the cluster at exit; it must not keep the process alive.
    child.unref();
    (child.stderr as unknown as { unref?: () => void }).unref?.();
    this.processes.push(child);
    return cwd;
  }

  /** The last lines a process printed (for errors). */
  log(name: string): string {
    return this.logs.get(name) ?? "";
  }

  /** Starts the scheduler and resolves with its address ("tcp://127.0.0.1:<port>"). */
  async startScheduler(env?: NodeJS.ProcessEnv): Promise<string> {
    this.start("scheduler", [
      "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--dashboard-address", "127.0.0.1:0", "--scheduler-file", this.schedulerFile,
      // Ends by itself if its owner dies without stopping it; the workers follow (--death-timeout).
      "--idle-timeout", "3600s",
    ], env);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (existsSync(this.schedulerFile)) {
        try {
          this.address = (JSON.parse(readFileSync(this.schedulerFile, "utf8")) as { address: string }).address;
          return this.address;
        } catch {
          // written but not complete yet
        }
      }
      if (this.processes[0]?.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new FlyteTsError("EXECUTION", `the Dask scheduler did not start within 60 s:\n${this.log("scheduler").trim()}`);
  }

  /** Starts a worker in its own working directory; returns that directory. */
  startWorker(options: DaskWorkerOptions = {}): string {
    const name = options.name ?? `worker-${this.processes.length}`;
    return this.start(name, [
      "distributed.cli.dask_worker", "--scheduler-file", this.schedulerFile, "--host", "127.0.0.1", "--dashboard-address", "127.0.0.1:0",
      "--name", name, "--death-timeout", "60s", "--nthreads", String(options.threads ?? 1),
      ...(options.memoryLimitBytes !== undefined ? ["--memory-limit", String(Math.floor(options.memoryLimitBytes))] : []),
      ...(options.args ?? []),
    ], options.env);
  }

  /** Kills every process of the cluster (their process groups) and removes its directory. */
  stop(): void {
    for (const child of this.processes) {
      if (child.pid === undefined) continue;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}
