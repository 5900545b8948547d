// The pre-execution hook. The reference calls ray.init(address, runtime_env) in the task's Python
// process; a TypeScript body has no Ray driver of its own, so the hook hands it the same settings and a
// handle on the cluster. ctx().data holds
//   rayAddress     config.address, or null to let Ray find the cluster (RAY_ADDRESS / the job's cluster);
//   rayRuntimeEnv  in cluster runs, the runtime env that ships the code to every Ray worker: the working
//                  directory (the unpacked code bundle) as a ZIP of its code files, chosen as for a code
//                  bundle (never node_modules, .git or credentials); null in local runs;
//   rayInit        both as ray.init keyword arguments ({ address, runtime_env? }), ready for json.dumps;
//   ray            the cluster itself (task-cluster.ts): Jobs API and Python drivers, reached lazily.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HookContext } from "@flyte-ts/core";
import { packageWorkingDir } from "./jobs/working-dir-package.ts";
import type { RayJobSpec } from "./schema.ts";
import { RayTaskCluster } from "./task-cluster.ts";

export { RUNTIME_ENV_EXCLUDES } from "./jobs/working-dir-package.ts";

/** What the Ray plugin's `pre` puts into `ctx().data`. */
export interface RayHookData extends Record<string, unknown> {
  rayAddress: string | null;
  rayRuntimeEnv: { working_dir: string } | null;
  rayInit: { address: string | null; runtime_env?: { working_dir: string } };
  ray: RayTaskCluster;
}

/** Writes the working directory's package to a temp file removed when the process exits. */
function workingDirZip(cwd: string): string {
  const pkg = packageWorkingDir(cwd);
  const dir = mkdtempSync(join(tmpdir(), "flyte-ts-ray-pkg-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, pkg.uri.slice("gcs://".length));
  writeFileSync(file, pkg.zip);
  return file;
}

export function rayPre(hook: HookContext<RayJobSpec>, cwd: string = process.cwd()): RayHookData {
  const address = hook.config.address ?? null;
  const inCluster = hook.context.isInCluster();
  if (!inCluster) {
    const rayInit = { address };
    return { rayAddress: address, rayRuntimeEnv: null, rayInit, ray: new RayTaskCluster(hook.config, false, rayInit) };
  }
  const runtimeEnv = { working_dir: workingDirZip(cwd) };
  const rayInit = { address, runtime_env: runtimeEnv };
  return { rayAddress: address, rayRuntimeEnv: runtimeEnv, rayInit, ray: new RayTaskCluster(hook.config, true, rayInit) };
}
