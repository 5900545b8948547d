// A real Dask scheduler and workers on 127.0.0.1 for the code-bundle test, each process in its own
// working directory, run with the project's Dask (scripts/engines/dask.sh, run by the "dask" project's
// global setup).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const VENV_PYTHON = new URL("../../../.engines/dask/venv/bin/python", import.meta.url).pathname;

/** Why the cluster test cannot run here, or undefined when it can. */
export function pythonUnavailable(): string | undefined {
  if (!existsSync(VENV_PYTHON)) return `${VENV_PYTHON} is missing (run scripts/engines/dask.sh)`;
  try {
    execFileSync(VENV_PYTHON, ["-c", "import distributed"], { stdio: "ignore", timeout: 30_000 });
    return undefined;
  } catch {
    return `${VENV_PYTHON} cannot import distributed (run scripts/engines/dask.sh)`;
  }
}

export class LocalDaskCluster {
  readonly processes: ChildProcess[] = [];
  readonly schedulerFile: string;

  constructor(readonly root: string) {
    this.schedulerFile = join(root, "scheduler.json");
  }

  private start(name: string, args: string[]): string {
    const cwd = join(this.root, name);
    mkdirSync(cwd, { recursive: true });
    const child = spawn(VENV_PYTHON, ["-m", ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    child.stderr!.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    child.on("exit", (code) => { if (code) console.error(`${name} exited with ${code}:\n${log}`); });
    this.processes.push(child);
    return cwd;
  }

  /** Starts the scheduler and waits for its address. */
  async startScheduler(): Promise<{ address: string; cwd: string }> {
    const cwd = this.start("scheduler", [
      "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--dashboard-address", "127.0.0.1:0", "--scheduler-file", this.schedulerFile,
      // Ends by itself if a crashed test run never stops it; the workers follow (--death-timeout).
      "--idle-timeout", "300s",
    ]);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (existsSync(this.schedulerFile)) {
        try {
          return { address: (JSON.parse(readFileSync(this.schedulerFile, "utf8")) as { address: string }).address, cwd };
        } catch {
          // written but not complete yet
        }
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("the Dask scheduler did not start within 30 s");
  }

  /** Starts a worker (without a nanny) in its own directory; returns that directory. */
  startWorker(name: string): string {
    return this.start(name, [
      "distributed.cli.dask_worker", "--scheduler-file", this.schedulerFile, "--host", "127.0.0.1", "--no-nanny", "--nthreads", "1",
      "--dashboard-address", "127.0.0.1:0", "--name", name, "--death-timeout", "60s",
    ]);
  }

  /** Imports `module` on every worker and the scheduler once `workers` workers are connected. */
  probe(address: string, workers: number, module: string): ProbeResult {
    const script = new URL("./fixtures/probe.py", import.meta.url).pathname;
    return JSON.parse(execFileSync(VENV_PYTHON, [script, address, String(workers), module], { encoding: "utf8", timeout: 60_000 })) as ProbeResult;
  }

  stop(): void {
    for (const child of this.processes) if (child.exitCode === null) child.kill("SIGKILL");
  }
}

export interface ProbeOutcome {
  value?: string;
  file?: string;
  error?: string;
  cwd: string;
}

export interface ProbeResult {
  workers: Record<string, ProbeOutcome>;
  scheduler: ProbeOutcome;
}
