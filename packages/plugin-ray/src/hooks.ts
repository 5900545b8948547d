// The pre-execution hook. The reference calls ray.init(address, runtime_env) in the task's Python
// process; a TypeScript body has no Ray driver of its own, so the hook hands the same settings to the
// body, which passes them to the Ray driver it starts (e.g. a Python script): ctx().data holds
//   rayAddress     config.address, or null to let Ray find the cluster (RAY_ADDRESS / the job's cluster);
//   rayRuntimeEnv  in cluster runs, the runtime env that ships the unpacked code bundle (the working
//                  directory) to every Ray worker, with the reference's excludes; null in local runs;
//   rayInit        both as ray.init keyword arguments ({ address, runtime_env? }), ready for json.dumps.
import type { HookContext } from "@flyte-ts/core";
import type { RayJobSpec } from "./schema.ts";

/** What the Ray plugin's `pre` puts into `ctx().data`. */
export interface RayHookData extends Record<string, unknown> {
  rayAddress: string | null;
  rayRuntimeEnv: { working_dir: string; excludes: string[] } | null;
  rayInit: { address: string | null; runtime_env?: { working_dir: string; excludes: string[] } };
}

/** Files the reference keeps out of the working directory it uploads to the cluster. */
export const RUNTIME_ENV_EXCLUDES = Object.freeze(["script_mode.tar.gz", "fast*.tar.gz", ".python_history", ".code-server"]);

export function rayPre(hook: HookContext<RayJobSpec>, cwd: string = process.cwd()): RayHookData {
  const address = hook.config.address ?? null;
  if (!hook.context.isInCluster()) return { rayAddress: address, rayRuntimeEnv: null, rayInit: { address } };
  const runtimeEnv = { working_dir: cwd, excludes: [...RUNTIME_ENV_EXCLUDES] };
  return { rayAddress: address, rayRuntimeEnv: runtimeEnv, rayInit: { address, runtime_env: runtimeEnv } };
}
