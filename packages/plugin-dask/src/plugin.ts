import { definePlugin } from "@flyte-ts/core";
import { readPluginPackage } from "@flyte-ts/core/plugin-kit";
import { DASK_CONFIG_KIND } from "./config/dask.ts";
import { daskJobCustom } from "./dask-job-custom.ts";
import { type DaskHookData, daskPre } from "./hooks.ts";
import { renderDaskJob } from "./render/render-dask-job.ts";
import { DaskSchema, type DaskSpec } from "./schema.ts";

/** The Dask task plugin (registered when the package is imported). */
export const daskPlugin = definePlugin<DaskSpec, DaskHookData>({
  // name, version and the core range it works with, from this package's package.json
  ...readPluginPackage(new URL("../package.json", import.meta.url)),
  configKind: DASK_CONFIG_KIND,
  taskType: "dask",
  configSchema: DaskSchema,
  customConfig: (config) => daskJobCustom(config),
  pre: (hook) => daskPre(hook),
  render: (taskSpec) => renderDaskJob(taskSpec),
});
