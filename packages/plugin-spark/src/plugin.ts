import { definePlugin, type TaskPlugin } from "@flyte-ts/core";
import { readPluginPackage } from "@flyte-ts/core/plugin-kit";
import { schemaFromReader } from "./config/issues.ts";
import { readSparkSettings } from "./config/read-settings.ts";
import { SPARK_KIND, type SparkSettings } from "./config/spark.ts";
import { assertValidSparkApplication } from "./render/crd-check.ts";
import { buildSparkApplication } from "./render/spark-application.ts";
import { type SparkHookData, closeSparkSession, sparkSessionSettings } from "./run/session.ts";
import { sparkJobJson } from "./serialize/spark-job.ts";

/** Validates a `Spark` config; every problem is reported with its path below `pluginConfig`. */
export const sparkConfigSchema = schemaFromReader((value, issues) => readSparkSettings(value, issues));

/**
 * The Spark task plugin: task type "spark", `custom` = SparkJob, the body's Spark session, the
 * SparkApplication preview.
 */
export const sparkPlugin: TaskPlugin<SparkSettings, SparkHookData> = definePlugin<SparkSettings, SparkHookData>({
  // name, version and the core range it works with, from this package's package.json
  ...readPluginPackage(new URL("../package.json", import.meta.url)),
  configKind: SPARK_KIND,
  taskType: "spark",
  configSchema: sparkConfigSchema,
  customConfig: (config, sctx) => ({ ...sparkJobJson(config, sctx) }),
  // The backend copies the container's arguments into the SparkApplication's `arguments`, which a JVM or R
  // application's main receives: it gets its own arguments, never the runtime's `a0 …`.
  containerArgs: (config) => (config.applicationType === "python" ? undefined : config.arguments),
  pre: (hook) => sparkSessionSettings(hook),
  // After the body, failed or not: release the session it opened (server state, the connection).
  cleanup: (hook) => closeSparkSession(hook.data),
  async render(taskSpec) {
    const resource = buildSparkApplication(taskSpec);
    const taskName = String(((taskSpec.taskTemplate as { id?: { name?: string } } | undefined)?.id?.name) ?? "task");
    await assertValidSparkApplication(resource, taskName);
    return [{ name: `${taskName}.sparkapplication`, resource }];
  },
});
