// Global setup of the "dask" vitest project: installs Dask when missing (scripts/engines/dask.sh,
// idempotent), then starts ONE local cluster for the run on 127.0.0.1 with OS-chosen ports: a scheduler
// and two single-threaded workers. Tests get its address with inject("dask"); teardown kills exactly
// these processes (their own process groups) and removes their directory.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { LocalDaskCluster } from "../src/local/local-dask-cluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    dask: { python: string; schedulerAddress: string; workers: string[] };
  }
}

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export default async function setup(project: TestProject): Promise<() => void> {
  execFileSync("bash", [`${repoRoot}scripts/engines/dask.sh`], { stdio: ["ignore", "inherit", "inherit"] });
  const python = `${repoRoot}.engines/dask/venv/bin/python`;
  const cluster = new LocalDaskCluster(python);
  try {
    const schedulerAddress = await cluster.startScheduler();
    cluster.startWorker({ name: "shared-worker-1" });
    cluster.startWorker({ name: "shared-worker-2" });
    execFileSync(python, ["-c", "import sys; from distributed import Client; c = Client(sys.argv[1], timeout=60); c.wait_for_workers(2, timeout=120); c.close()", schedulerAddress], { stdio: "inherit" });
    project.provide("dask", { python, schedulerAddress, workers: ["shared-worker-1", "shared-worker-2"] });
  } catch (err) {
    cluster.stop();
    throw err;
  }
  return () => cluster.stop();
}
