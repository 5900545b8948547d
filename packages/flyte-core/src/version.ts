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

/**
 * The Python SDK release whose `a0` container contract this runtime implements. It leads
 * `TaskMetadata.runtime.version` because the backend gates features on that string's first
 * MAJOR.MINOR.PATCH: below 2.3.6 it never fills `{{.runStartTime}}` (runtime-contract §1.3, §8).
 */
export const A0_CONTRACT_VERSION = "2.12.1";

/**
 * `TaskMetadata.runtime.version`: the contract level, then this SDK's own version as semver build
 * metadata, e.g. "2.12.1+flyte-ts.0.1.0" (the flavor "typescript" already says which SDK wrote it).
 */
export function runtimeVersion(): string {
  return `${A0_CONTRACT_VERSION}+flyte-ts.${coreVersion()}`;
}
