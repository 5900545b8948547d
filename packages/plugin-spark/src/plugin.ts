import { definePlugin, type TaskPlugin } from "@flyte-ts/core";
import { schemaFromReader } from "./config/issues.ts";
import { readSparkSettings } from "./config/read-settings.ts";
import { SPARK_KIND, type SparkSettings } from "./config/spark.ts";
import { PLUGIN_NAME, coreApiRange, pluginVersion } from "./package-info.ts";
import { assertValidSparkApplication } from "./render/crd-check.ts";
import { buildSparkApplication } from "./render/spark-application.ts";
import { type SparkHookData, sparkSessionSettings } from "./run/session.ts";
import { sparkJobJson } from "./serialize/spark-job.ts";

/** Validates a `Spark` config; every problem is reported with its path below `pluginConfig`. */
export const sparkConfigSchema = schemaFromReader((value, issues) => readSparkSettings(value, issues));

/** The Spark task plugin: task type "spark", `custom` = SparkJob, SparkApplication preview. */
export const sparkPlugin: TaskPlugin<SparkSettings, SparkHookData> = definePlugin<SparkSettings, SparkHookData>({
  name: PLUGIN_NAME,
  version: pluginVersion(),
  configKind: SPARK_KIND,
  taskType: "spark",
  coreApiRange: coreApiRange(),
  configSchema: sparkConfigSchema,
  customConfig: (config, sctx) => ({ ...sparkJobJson(config, sctx) }),
  pre: (hook) => sparkSessionSettings(hook),
  async render(taskSpec) {
    const resource = buildSparkApplication(taskSpec);
    const taskName = String(((taskSpec.taskTemplate as { id?: { name?: string } } | undefined)?.id?.name) ?? "task");
    await assertValidSparkApplication(resource, taskName);
    return [{ name: `${taskName}.sparkapplication`, resource }];
  },
});
