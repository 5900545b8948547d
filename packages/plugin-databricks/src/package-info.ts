import { readFileSync } from "node:fs";

export const PLUGIN_NAME = "@flyte-ts/plugin-databricks";

interface Manifest {
  version: string;
  peerDependencies: Record<string, string>;
}

let manifest: Manifest | undefined;

// package.json is one level above both src/ (tests) and dist/ (the published build).
function readManifest(): Manifest {
  manifest ??= JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as Manifest;
  return manifest;
}

/** This package's version, from its package.json. */
export function pluginVersion(): string {
  return readManifest().version;
}

/**
 * The @flyte-ts/core versions this plugin works with: its peer dependency range (pnpm's `workspace:`
 * prefix dropped in the repository), so that core checks at registration the range npm checks at install.
 */
export function coreApiRange(): string {
  return readManifest().peerDependencies["@flyte-ts/core"]!.replace(/^workspace:/, "");
}
