import { DRIVER_CONTAINER, EXECUTOR_CONTAINER } from "../config/read-settings.ts";

/** Stands for the submission time the backend writes into the driver's environment. */
export const START_TIME_PLACEHOLDER = "<submission time in ms>";

/**
 * The SparkApplication's sparkConf, merged in the backend's order: executorPath → the two PySpark
 * interpreter keys, then the user's sparkConf, then cores limits copied from requests/cores when unset,
 * then the keys the backend always writes. (Platform defaults and feature flags are cluster config,
 * unknown here: feature keys stay verbatim, as the backend keeps unknown features.)
 */
export function mergedSparkConf(custom: { executorPath?: unknown; sparkConf?: unknown }, executionName: string): Record<string, string> {
  const conf: Record<string, string> = {};
  if (typeof custom.executorPath === "string" && custom.executorPath !== "") {
    conf["spark.pyspark.python"] = custom.executorPath;
    conf["spark.pyspark.driver.python"] = custom.executorPath;
  }
  Object.assign(conf, (custom.sparkConf ?? {}) as Record<string, string>);
  for (const side of ["driver", "executor"] as const) {
    const limit = `spark.kubernetes.${side}.limit.cores`;
    const from = conf[`spark.kubernetes.${side}.request.cores`] ?? conf[`spark.${side}.cores`];
    if (conf[limit] === undefined && from !== undefined) conf[limit] = from;
  }
  conf["spark.kubernetes.executor.podNamePrefix"] = executionName;
  conf["spark.kubernetes.driverEnv.FLYTE_START_TIME"] = START_TIME_PLACEHOLDER;
  conf["spark.kubernetes.driver.podTemplateContainerName"] = DRIVER_CONTAINER;
  conf["spark.kubernetes.executor.podTemplateContainerName"] = EXECUTOR_CONTAINER;
  return conf;
}

/** An integer Spark setting as the backend reads it: set only when it parses as a positive integer. */
export function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^[0-9]+$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}
