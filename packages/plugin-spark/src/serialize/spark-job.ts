import type { K8sPodJson, SerializationContext } from "@flyte-ts/core";
import type { SparkApplicationType, SparkSettings } from "../config/spark.ts";

/** Proto JSON of `flyteidl2.plugins.SparkJob` (the fields Spark writes). */
export interface SparkJobJson {
  applicationType?: "JAVA" | "SCALA" | "R";
  mainApplicationFile: string;
  mainClass?: string;
  sparkConf?: Record<string, string>;
  hadoopConf?: Record<string, string>;
  executorPath?: string;
  driverPod?: K8sPodJson;
  executorPod?: K8sPodJson;
}

const APPLICATION_TYPE_NAMES: Record<Exclude<SparkApplicationType, "python">, "JAVA" | "SCALA" | "R"> = {
  java: "JAVA",
  scala: "SCALA",
  r: "R",
};

/**
 * `TaskTemplate.custom` of a Spark task: what the reference's `MessageToDict(SparkJob)` gives for the
 * same settings. Defaults (PYTHON, empty main class, empty maps) are left out as proto JSON does.
 */
export function sparkJobJson(settings: SparkSettings, sctx: SerializationContext): SparkJobJson {
  const python = settings.applicationType === "python";
  const job: SparkJobJson = {
    // `||`, as the reference's truthiness: an empty path (refused at declaration) still means the default.
    mainApplicationFile: settings.applicationsPath || `local://${sctx.getEntrypointPath()}`,
  };
  if (!python) job.applicationType = APPLICATION_TYPE_NAMES[settings.applicationType as Exclude<SparkApplicationType, "python">];
  if (settings.mainClass) job.mainClass = settings.mainClass;
  if (Object.keys(settings.sparkConf).length > 0) job.sparkConf = { ...settings.sparkConf };
  if (Object.keys(settings.hadoopConf).length > 0) job.hadoopConf = { ...settings.hadoopConf };
  // The backend turns executorPath into spark.pyspark.python; a JVM or R application has no use for it.
  if (python) job.executorPath = settings.executorPath || sctx.interpreterPath;
  if (settings.driverPod) job.driverPod = settings.driverPod.toK8sPod();
  if (settings.executorPod) job.executorPod = settings.executorPod.toK8sPod();
  return job;
}
