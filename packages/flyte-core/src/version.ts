import { readFileSync } from "node:fs";

let version: string | undefined;

/**
 * The installed @flyte-ts/core version, read from its package.json (one level above both `src/` and
 * `dist/`), so that the plugin range check always tests what is installed.
 */
export function coreVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
  return version;
}

/** Names this SDK in `TaskMetadata.runtime.flavor` (the reference writes "python"). */
export const RUNTIME_FLAVOR = "typescript";
