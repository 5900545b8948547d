import { readFileSync } from "node:fs";

// package.json is one level above both src/ (tests) and dist/ (the published build).
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
  peerDependencies: Record<string, string>;
};

/** This package's version, from its package.json. */
export const PLUGIN_VERSION: string = pkg.version;

/**
 * The @flyte-ts/core versions this plugin works with: its peer dependency range (pnpm's `workspace:`
 * prefix dropped in the repository), so that core checks at registration the range npm checks at install.
 */
export const CORE_API_RANGE: string = pkg.peerDependencies["@flyte-ts/core"]!.replace(/^workspace:/, "");
