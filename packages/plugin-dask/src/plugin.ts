import { definePlugin } from "@flyte-ts/core";
import { DASK_CONFIG_KIND } from "./config/dask.ts";
import { daskJobCustom } from "./dask-job-custom.ts";
import { type DaskHookData, daskPre } from "./hooks.ts";
import { renderDaskJob } from "./render/render-dask-job.ts";
import { DaskSchema, type DaskSpec } from "./schema.ts";
import { CORE_API_RANGE, PLUGIN_VERSION } from "./version.ts";

/** The Dask task plugin (registered when the package is imported). */
export const daskPlugin = definePlugin<DaskSpec, DaskHookData>({
  name: "@flyte-ts/plugin-dask",
  version: PLUGIN_VERSION,
  configKind: DASK_CONFIG_KIND,
  taskType: "dask",
  coreApiRange: CORE_API_RANGE,
  configSchema: DaskSchema,
  customConfig: (config) => daskJobCustom(config),
  pre: (hook) => daskPre(hook),
  render: (taskSpec) => renderDaskJob(taskSpec),
});
