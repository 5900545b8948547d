import { fileURLToPath } from "node:url";

/** File name of the Spark driver bridge shipped in this package (`bridge/`). */
export const SPARK_DRIVER_BRIDGE = "flyte_ts_spark_driver.py";

/**
 * Absolute path of the Spark driver bridge in the installed package, e.g. to copy it into an image at
 * the path the SparkApplication's `mainApplicationFile` names (`/opt/venv/bin/runtime.py` by default).
 */
export function sparkDriverBridgePath(): string {
  // bridge/ sits beside src/ (tests) and dist/ (the published build).
  return fileURLToPath(new URL(`../bridge/${SPARK_DRIVER_BRIDGE}`, import.meta.url));
}
