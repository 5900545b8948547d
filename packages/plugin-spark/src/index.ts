/**
 * Spark tasks: the `Spark` config, its `SparkJob` serializer, the body's Spark session (over Spark
 * Connect), the driver bridge and the `SparkApplication` preview. Importing this module registers the plugin with @flyte-ts/core.
 *
 * @module @flyte-ts/plugin-spark
 */
import { registerPlugin } from "@flyte-ts/core";
import { sparkPlugin } from "./plugin.ts";

export { Spark, SPARK_KIND, SPARK_OPTION_KEYS, SPARK_APPLICATION_TYPES } from "./config/spark.ts";
export type { SparkOptions, SparkSettings, SparkApplicationType } from "./config/spark.ts";
export { readSparkSettings, DRIVER_CONTAINER, EXECUTOR_CONTAINER, type ReadSparkOptions } from "./config/read-settings.ts";
export { checkSparkConf, checkStringMap } from "./config/conf-rules.ts";
export { isSparkSize } from "./config/spark-size.ts";
export { schemaFromReader, isPlainObject, describeValue, type IssueList } from "./config/issues.ts";
export { sparkJobJson, type SparkJobJson } from "./serialize/spark-job.ts";
export { sparkSessionSettings, closeSparkSession, SPARK_APP_NAME, LOCAL_MASTER, type SparkSessionSettings, type SparkHookData } from "./run/session.ts";
export { SPARK_REMOTE_ENV, stopLocalSparkServers } from "./run/spark-connect-session.ts";
export { SPARK_DRIVER_BRIDGE, sparkDriverBridgePath } from "./bridge-path.ts";
export { buildSparkApplication } from "./render/spark-application.ts";
export { sparkApplicationSchema, assertValidSparkApplication } from "./render/crd-check.ts";
export { START_TIME_PLACEHOLDER } from "./render/spark-conf.ts";
export { sparkPlugin, sparkConfigSchema } from "./plugin.ts";

// Importing the package registers the plugin, as the reference's plugins do.
registerPlugin(sparkPlugin);
