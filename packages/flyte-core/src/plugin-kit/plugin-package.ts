// A plugin's identity comes from its own package.json, so that the version core reports and the core
// range it checks at registration are the ones npm installed and checks.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FlyteTsError } from "../errors.ts";

/** What a plugin object takes from its package.json: spread it into `definePlugin({...})`. */
export interface PluginPackage {
  /** The package name (`name`), which is also the plugin's name. */
  readonly name: string;
  /** The package version (`version`). */
  readonly version: string;
  /**
   * The @flyte-ts/core versions the plugin works with: its peer dependency range on core, with pnpm's
   * `workspace:` prefix dropped (in a pnpm workspace the manifest holds `workspace:>=0.2.0 <1.0.0`, the
   * published one `>=0.2.0 <1.0.0`). Core checks it when the plugin registers, as npm does at install.
   */
  readonly coreApiRange: string;
}

/**
 * Reads a plugin's {@link PluginPackage} from its package.json. Pass the manifest's URL relative to the
 * calling module, e.g. `new URL("../package.json", import.meta.url)` from a module one folder below the
 * package root (such as `src/plugin.ts`, bundled into `dist/index.js`).
 *
 * @throws FlyteTsError `INVALID_CONFIG` when the file cannot be read, or lacks a `name`, a `version` or
 *   a `peerDependencies["@flyte-ts/core"]` string; the message names the file and the field.
 */
export function readPluginPackage(packageJson: URL): PluginPackage {
  const file = fileURLToPath(packageJson);
  let manifest: { name?: unknown; version?: unknown; peerDependencies?: Record<string, unknown> };
  try {
    manifest = JSON.parse(readFileSync(file, "utf8")) as typeof manifest;
  } catch (err) {
    throw new FlyteTsError("INVALID_CONFIG", `${file}: cannot read the plugin's package.json (${(err as Error).message})`, { cause: err });
  }
  const field = (path: string, value: unknown, hint: string): string => {
    if (typeof value === "string" && value !== "") return value;
    throw new FlyteTsError("INVALID_CONFIG", `${file}: ${path} must be a non-empty string (${hint}), got ${JSON.stringify(value) ?? "nothing"}`);
  };
  return {
    name: field("name", manifest.name, "the plugin's npm name"),
    version: field("version", manifest.version, "a semver version"),
    coreApiRange: field(
      'peerDependencies["@flyte-ts/core"]',
      manifest.peerDependencies?.["@flyte-ts/core"],
      'the core versions the plugin works with, e.g. ">=0.2.0 <1.0.0"',
    ).replace(/^workspace:/, ""),
  };
}
