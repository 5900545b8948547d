import type { K8sPodJson, SerializationContext } from "@flyte-ts/core";
import type { SparkSettings } from "../config/spark.ts";
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
/**
 * `TaskTemplate.custom` of a Spark task: what the reference's `MessageToDict(SparkJob)` gives for the
 * same settings. Defaults (PYTHON, empty main class, empty maps) are left out as proto JSON does.
 */
export declare function sparkJobJson(settings: SparkSettings, sctx: SerializationContext): SparkJobJson;
//# sourceMappingURL=spark-job.d.ts.map