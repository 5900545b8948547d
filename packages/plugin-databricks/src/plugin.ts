import { definePlugin, type TaskPlugin } from "@flyte-ts/core";
import { readPluginPackage } from "@flyte-ts/core/plugin-kit";
import { schemaFromReader, sparkSessionSettings, type SparkHookData } from "@flyte-ts/plugin-spark";
import { DATABRICKS_KIND, type DatabricksSettings } from "./config/databricks.ts";
import { readDatabricksSettings } from "./config/read-settings.ts";
import { renderRunsSubmit } from "./render/runs-submit-preview.ts";
import { executeOnDatabricks } from "./run/local-run.ts";
import { databricksCustom } from "./serialize/custom.ts";

/** Validates a `Databricks` config; every problem is reported with its path below `pluginConfig`. */
export const databricksConfigSchema = schemaFromReader((value, issues) => readDatabricksSettings(value, issues));

/**
 * The Databricks task plugin: task type "databricks", `custom` = SparkJob + run spec + token secret
 * name, local runs through the Jobs API, and the runs/submit request as its preview.
 */
export const databricksPlugin: TaskPlugin<DatabricksSettings, SparkHookData> = definePlugin<DatabricksSettings, SparkHookData>({
  // name, version and the core range it works with, from this package's package.json
  ...readPluginPackage(new URL("../package.json", import.meta.url)),
  configKind: DATABRICKS_KIND,
  taskType: "databricks",
  configSchema: databricksConfigSchema,
  customConfig: (config, sctx) => ({ ...databricksCustom(config, sctx) }),
  // Inside the Databricks job the body runs with Spark's session settings, as the reference inherits them.
  pre: (hook) => sparkSessionSettings(hook),
  execute: (hook, runBody) => executeOnDatabricks(hook, runBody),
  render: (taskSpec) => renderRunsSubmit(taskSpec),
});
