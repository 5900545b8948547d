// The run's entrypoint: this package's Python bridge (bridge/flyte_ts_entrypoint.py), which starts the
// Node `a0` on the Databricks driver with the task's container arguments. It is read by the run as a
// workspace file: upload it once per workspace (see the README) to DEFAULT_ENTRYPOINT_PATH, or elsewhere
// and name that path in $FLYTE_TS_DATABRICKS_ENTRYPOINT.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Where the runs/submit body expects the bridge in the workspace unless told otherwise. */
export const DEFAULT_ENTRYPOINT_PATH = "/Workspace/Shared/flyte-ts/flyte_ts_entrypoint.py";

/** The bridge file inside this package (src/ and dist/ are both one level below the package root). */
export const ENTRYPOINT_FILE: string = fileURLToPath(new URL("../bridge/flyte_ts_entrypoint.py", import.meta.url));

/** The bridge's Python source, e.g. to upload it with the Workspace API. */
export function entrypointSource(): string {
  return readFileSync(ENTRYPOINT_FILE, "utf8");
}

/** The workspace path of the bridge: $FLYTE_TS_DATABRICKS_ENTRYPOINT, else the default. */
export function entrypointPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.FLYTE_TS_DATABRICKS_ENTRYPOINT || DEFAULT_ENTRYPOINT_PATH;
}
