import { readFileSync } from "node:fs";

export const PLUGIN_NAME = "@flyte-ts/plugin-databricks";

let version: string | undefined;

/** This package's version, read from its package.json (one level above both `src/` and `dist/`). */
export function pluginVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
  return version;
}

/** The @flyte-ts/core versions this plugin is built for (its peer dependency range). */
export const CORE_API_RANGE = "^0.1.0";
