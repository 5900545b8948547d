// How the conformance suite builds a case's `plugin_config` block with a flyte-ts plugin package.
//
// A plugin case's block is `{ kind: <spark|databricks|ray|dask>, ...the Python config's keyword arguments }`
// (snake_case, durations in seconds). Nested objects of the plugin are `{ _class: "<Name>", ... }` (e.g. Ray's
// `HeadNodeConfig`), nested core values are `{ _resources: {...} }` / `{ _pod_template: {...} }`.
// The default builder maps that onto the TS package: the config class of the same name, keys camelCased.
// A plugin whose TS options differ replaces `build` here. A kind whose package cannot be imported (not
// written yet) makes its cases SKIPPED, never passed.
import { PodTemplate, Resources, type PluginConfig } from "@flyte-ts/core";

export interface PluginBuilder {
  packageName: string;
  /** Imports the package (which registers its plugin). */
  load(): Promise<void>;
  /** The plugin config for a case's options (everything but `kind`). */
  build(options: Record<string, unknown>): PluginConfig;
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function generic(packageName: string, importer: () => Promise<Record<string, unknown>>, configClass: string): PluginBuilder {
  let module: Record<string, unknown> | undefined;
  const convert = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(convert);
    if (value && typeof value === "object") {
      const obj = value as Record<string, unknown>;
      if ("_resources" in obj) return new Resources(convert(obj._resources) as any);
      if ("_pod_template" in obj) return new PodTemplate(convert(obj._pod_template) as any);
      if ("_class" in obj) {
        const Ctor = module![String(obj._class)] as new (o: unknown) => unknown;
        const { _class, ...rest } = obj;
        return new Ctor(Object.fromEntries(Object.entries(rest).map(([k, v]) => [camel(k), convert(v)])));
      }
      // Plain maps (spark_conf, env vars, labels) keep their keys; only option names are camelCased.
      return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, convert(v)]));
    }
    return value;
  };
  return {
    packageName,
    async load() {
      module = await importer();
      if (typeof module[configClass] !== "function") throw new Error(`${packageName} does not export ${configClass}`);
    },
    build(options) {
      const Ctor = module![configClass] as new (o: unknown) => PluginConfig;
      return new Ctor(Object.fromEntries(Object.entries(options).map(([k, v]) => [camel(k), convert(v)])));
    },
  };
}

// Dynamic imports with a variable specifier so that a missing package is a runtime (skip), not a load error.
const importPackage = (name: string) => () => import(/* @vite-ignore */ name) as Promise<Record<string, unknown>>;

export const PLUGIN_BUILDERS: Record<string, PluginBuilder> = {
  spark: generic("@flyte-ts/plugin-spark", importPackage("@flyte-ts/plugin-spark"), "Spark"),
  databricks: generic("@flyte-ts/plugin-databricks", importPackage("@flyte-ts/plugin-databricks"), "Databricks"),
  ray: generic("@flyte-ts/plugin-ray", importPackage("@flyte-ts/plugin-ray"), "RayJobConfig"),
  dask: generic("@flyte-ts/plugin-dask", importPackage("@flyte-ts/plugin-dask"), "Dask"),
};
