import { ConfigError, FlyteTsError } from "../errors.ts";
import { isValidRange, satisfies } from "../util/semver.ts";
import { coreVersion } from "../version.ts";
import { type PluginConfig, type TaskPlugin, packageOfKind } from "./contract.ts";

// One registry per process, even when two copies of core are loaded (e.g. a plugin that resolved its
// own copy): the map lives on globalThis under a registered symbol.
const REGISTRY_KEY = Symbol.for("@flyte-ts/core.plugin-registry");
type Registry = Map<string, TaskPlugin>;

function registry(): Registry {
  const holder = globalThis as { [REGISTRY_KEY]?: Registry };
  holder[REGISTRY_KEY] ??= new Map();
  return holder[REGISTRY_KEY];
}

const REQUIRED_STRINGS = ["name", "version", "configKind", "taskType", "coreApiRange"] as const;

/**
 * Registers a plugin for its config kind. Registering the same plugin again is a no-op; another plugin
 * for a kind already taken, or a plugin built for an incompatible core, is an error.
 */
export function registerPlugin<C extends PluginConfig>(plugin: TaskPlugin<C, any>): void {
  const issues: { path: string[]; message: string }[] = [];
  for (const key of REQUIRED_STRINGS) {
    if (typeof plugin?.[key] !== "string" || plugin[key] === "") issues.push({ path: [key], message: "must be a non-empty string" });
  }
  if (typeof plugin?.customConfig !== "function") issues.push({ path: ["customConfig"], message: "must be a function" });
  if (typeof plugin?.configSchema?.safeParse !== "function") issues.push({ path: ["configSchema"], message: "must be a zod schema" });
  for (const hook of ["pre", "post", "execute", "validateTask", "render"] as const) {
    if (plugin?.[hook] !== undefined && typeof plugin[hook] !== "function") issues.push({ path: [hook], message: "must be a function when given" });
  }
  if (plugin?.taskTypeVersion !== undefined && !(Number.isInteger(plugin.taskTypeVersion) && plugin.taskTypeVersion >= 0)) {
    issues.push({ path: ["taskTypeVersion"], message: "must be a non-negative integer" });
  }
  if (typeof plugin?.coreApiRange === "string" && !isValidRange(plugin.coreApiRange)) {
    issues.push({ path: ["coreApiRange"], message: `not a semver range: ${JSON.stringify(plugin.coreApiRange)}` });
  }
  if (issues.length > 0) throw new ConfigError(`plugin ${String(plugin?.name ?? "(unnamed)")}`, issues);

  const version = coreVersion();
  if (!satisfies(version, plugin.coreApiRange)) {
    throw new FlyteTsError(
      "PLUGIN_INCOMPATIBLE",
      `${plugin.name}@${plugin.version} needs @flyte-ts/core ${plugin.coreApiRange}, but ${version} is installed. Install a version of ${plugin.name} made for core ${version}, or a core in ${plugin.coreApiRange}.`,
    );
  }
  const plugins = registry();
  const existing = plugins.get(plugin.configKind);
  if (existing && existing !== plugin) {
    if (existing.name === plugin.name && existing.version === plugin.version) return; // a second copy of the same package
    throw new FlyteTsError(
      "PLUGIN_CONFLICT",
      `Config kind "${plugin.configKind}" is already handled by ${existing.name}@${existing.version}; ${plugin.name}@${plugin.version} cannot register it too. Call unregisterPlugin("${plugin.configKind}") first to replace it.`,
    );
  }
  plugins.set(plugin.configKind, plugin as unknown as TaskPlugin);
}

/** Removes the plugin registered for a config kind; returns whether one was registered. */
export function unregisterPlugin(configKind: string): boolean {
  return registry().delete(configKind);
}

/** The plugin for a config kind, or undefined. */
export function findPlugin(configKind: string): TaskPlugin | undefined {
  return registry().get(configKind);
}

/** The plugin for a config object; throws naming the package to install when there is none. */
export function pluginFor(config: unknown): TaskPlugin {
  const kind = typeof config === "object" && config !== null ? (config as { kind?: unknown }).kind : undefined;
  if (typeof kind !== "string") {
    throw new FlyteTsError(
      "PLUGIN_NOT_FOUND",
      "pluginConfig must be a plugin config object (e.g. new Spark({...}) from @flyte-ts/plugin-spark) with a string `kind`",
    );
  }
  const plugin = findPlugin(kind);
  if (!plugin) {
    const pkg = packageOfKind(kind);
    const hint = pkg
      ? `Install and import ${pkg} (npm install ${pkg}; import "${pkg}"), or call registerPlugin() with its plugin object.`
      : "Import the package that provides it, or call registerPlugin() with its plugin object.";
    const known = [...registry().keys()];
    throw new FlyteTsError(
      "PLUGIN_NOT_FOUND",
      `No task plugin is registered for config kind "${kind}". ${hint} Registered kinds: ${known.length > 0 ? known.join(", ") : "(none)"}.`,
    );
  }
  return plugin;
}

export interface PluginInfo {
  readonly name: string;
  readonly version: string;
  readonly configKind: string;
  readonly taskType: string;
  readonly coreApiRange: string;
}

/** The registered plugins, sorted by package name. */
export function listPlugins(): PluginInfo[] {
  return [...registry().values()]
    .map(({ name, version, configKind, taskType, coreApiRange }) => ({ name, version, configKind, taskType, coreApiRange }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.configKind.localeCompare(b.configKind));
}
