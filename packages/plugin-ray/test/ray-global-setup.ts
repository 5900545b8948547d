// Global setup of the "ray" vitest project: installs Ray when missing (scripts/engines/ray.sh, idempotent),
// then starts ONE local cluster for the whole run on free loopback ports: a head without CPUs (like the
// example's, so tasks cannot run on it) and a second node with 2 CPUs and a `worker` resource. Tests
// get its addresses with inject("ray"); teardown stops exactly these processes (their own process groups
// and temp dir), never another Ray on the machine.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { LocalRayNode } from "../src/local/local-ray-node.ts";

export interface RayTestCluster {
  python: string;
  gcsAddress: string;
  dashboardUrl: string;
  tempDir: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    ray: RayTestCluster;
  }
}

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync("bash", [`${repoRoot}scripts/engines/ray.sh`], { stdio: ["ignore", "inherit", "inherit"] });
  const python = `${repoRoot}.engines/ray/venv/bin/python`;
  const head = await LocalRayNode.startHead({ python, cpus: 0 });
  let worker: LocalRayNode | undefined;
  try {
    worker = await LocalRayNode.startWorker(head, { python, cpus: 2, resources: { worker: 2 } });
  } catch (err) {
    await head.stop();
    throw err;
  }
  project.provide("ray", { python, gcsAddress: head.gcsAddress, dashboardUrl: head.dashboardUrl, tempDir: head.tempDir });
  return async () => {
    await worker?.stop();
    await head.stop();
  };
}
