import { type TaskPlugin } from "@flyte-ts/core";
import { type SparkSettings } from "./config/spark.ts";
import { type SparkHookData } from "./run/session.ts";
/** Validates a `Spark` config; every problem is reported with its path below `pluginConfig`. */
export declare const sparkConfigSchema: import("zod").ZodType<SparkSettings, unknown, import("zod/v4/core").$ZodTypeInternals<SparkSettings, unknown>>;
/** The Spark task plugin: task type "spark", `custom` = SparkJob, SparkApplication preview. */
export declare const sparkPlugin: TaskPlugin<SparkSettings, SparkHookData>;
//# sourceMappingURL=plugin.d.ts.map