import { definePlugin } from "@flyte-ts/core";
import { readPluginPackage } from "@flyte-ts/core/plugin-kit";
import { RAY_JOB_CONFIG_KIND } from "./config/ray-job-config.ts";
import { type RayHookData, rayPre } from "./hooks.ts";
import { renderRayJob } from "./render/render-ray-job.ts";
import { type RayJobSpec, RayJobConfigSchema } from "./schema.ts";
import { rayJobCustom } from "./serialize/ray-job-custom.ts";
import { rayTaskIssues } from "./task-rules.ts";

/** The Ray task plugin (registered when the package is imported). */
export const rayPlugin = definePlugin<RayJobSpec, RayHookData>({
  // name, version and the core range it works with, from this package's package.json
  ...readPluginPackage(new URL("../package.json", import.meta.url)),
  configKind: RAY_JOB_CONFIG_KIND,
  taskType: "ray",
  configSchema: RayJobConfigSchema,
  // The only engine whose tasks may live in a reusable environment (one shared RayCluster).
  supportsReusePolicy: true,
  customConfig: (config) => rayJobCustom(config),
  validateTask: (task, config) => rayTaskIssues(task, config),
  pre: (hook) => rayPre(hook),
  render: (taskSpec) => renderRayJob(taskSpec),
});
