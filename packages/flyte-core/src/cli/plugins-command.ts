import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { listPlugins } from "../plugin/registry.ts";
import { loadTasks } from "../module/load-tasks.ts";

/**
 * The plugin packages a project has installed: its dependencies whose package.json says
 * `"flyte-ts": { "plugin": true }` (the @flyte-ts/plugin-* packages do).
 */
export function installedPluginPackages(projectDir: string): string[] {
  const manifest = join(projectDir, "package.json");
  if (!existsSync(manifest)) return [];
  const pkg = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, Record<string, string> | undefined>;
  const names = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
  const require = createRequire(manifest);
  const found: string[] = [];
  for (const name of names) {
    try {
      const meta = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { "flyte-ts"?: { plugin?: boolean } };
      if (meta["flyte-ts"]?.plugin === true) found.push(name);
    } catch {
      // not resolvable or no exported package.json: not a plugin we can list
    }
  }
  return found.sort();
}

/**
 * The ESM entry of an installed package, from its package.json (`exports["."]` import/default, else
 * `module`/`main`). `require.resolve` cannot be used: it applies CommonJS conditions, which ESM-only
 * packages do not export.
 */
function packageEntry(projectDir: string, name: string): string {
  const manifestPath = createRequire(join(projectDir, "package.json")).resolve(`${name}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    exports?: string | Record<string, string | Record<string, string>>;
    module?: string;
    main?: string;
  };
  const root = typeof manifest.exports === "string" ? manifest.exports : manifest.exports?.["."];
  const entry = typeof root === "string" ? root : (root?.import ?? root?.default ?? manifest.module ?? manifest.main ?? "index.js");
  return join(dirname(manifestPath), entry);
}

/** Imports the project's plugin packages (and a module, if given) and lists what registered. */
export async function pluginsCommand(modulePath: string | undefined, options: { json?: boolean }, log: (line: string) => void): Promise<string> {
  const projectDir = resolve(".");
  for (const name of installedPluginPackages(projectDir)) {
    try {
      await import(pathToFileURL(packageEntry(projectDir, name)).href);
    } catch (err) {
      log(`could not load ${name}: ${(err as Error).message}`);
    }
  }
  if (modulePath) await loadTasks(modulePath);
  const plugins = listPlugins();
  if (options.json) return `${JSON.stringify(plugins, null, 2)}\n`;
  if (plugins.length === 0) return "No plugins registered. Install one, e.g. npm install @flyte-ts/plugin-spark\n";
  const rows = [["package", "version", "task type", "config kind", "core range"], ...plugins.map((p) => [p.name, p.version, p.taskType, p.configKind, p.coreApiRange])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n")}\n`;
}
