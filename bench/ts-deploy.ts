// `flyte-ts deploy` of N tasks to the loopback fake control plane (packages/flyte-core/test/control-plane):
// bundle, upload through the data proxy, DeployTask per task (8 in flight). Prints timings as JSON.
// Usage: ts-deploy.ts N [ENDPOINT]: with ENDPOINT (serve-fake-control-plane.ts, as the Python SDK's
// counterpart py_deploy.py uses) the fake runs in its own process; without, in this one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FlyteRemote, deploy } from "@flyte-ts/core/remote";
import { startFakeControlPlane } from "../packages/flyte-core/test/control-plane/fake-control-plane.ts";

const n = Number(process.argv[2] ?? 100);
// The project lives under bench/ (git-ignored) so that its imports resolve against bench's dependencies.
const project = join(import.meta.dirname, "generated", `deploy-${n}`);
mkdirSync(project, { recursive: true });
const lines = ['import { TaskEnvironment } from "@flyte-ts/core";', 'import { z } from "zod";'];
for (let e = 0; e < Math.ceil(n / 10); e++) {
  lines.push(`export const env${e} = new TaskEnvironment({ name: "deploy-bench-${e}", image: "ghcr.io/acme/bench:1", resources: { cpu: ["1", "2"], memory: "4Gi" } });`);
  for (let i = e * 10; i < Math.min(n, e * 10 + 10); i++) {
    lines.push(`export const t${i} = env${e}.task({ name: "task_${i}", inputs: z.object({ x: z.int() }), output: z.int() }, async ({ x }) => x + ${i});`);
  }
}
writeFileSync(join(project, "tasks.ts"), `${lines.join("\n")}\n`);

const endpoint = process.argv[3];
const storage = mkdtempSync(join(tmpdir(), "deploy-bench-"));
const fake = endpoint ? undefined : await startFakeControlPlane({ storageDir: storage });
try {
  const remote = new FlyteRemote({ endpoint: endpoint ?? fake!.url, insecure: true, project: "flytesnacks", domain: "development", env: {} });
  const modules = [join(project, "tasks.ts")];
  const t0 = performance.now();
  const result = await deploy({ modules, rootDir: project, remote });
  const t1 = performance.now();
  const again = await deploy({ modules, rootDir: project, remote });
  const t2 = performance.now();
  if (result.tasks.length !== n || again.version !== result.version) throw new Error(`deployed ${result.tasks.length} of ${n} tasks`);
  console.log(JSON.stringify({ tasks: n, firstMs: t1 - t0, againMs: t2 - t1, deployCalls: fake?.faults.calls.get("DeployTask"), bundleBytes: result.bundle.bytes }));
} finally {
  await fake?.close();
  rmSync(storage, { recursive: true, force: true });
}
