import { type IssueList } from "./issues.ts";
import { type SparkSettings } from "./spark.ts";
export declare const DRIVER_CONTAINER = "spark-kubernetes-driver";
export declare const EXECUTOR_CONTAINER = "spark-kubernetes-executor";
export interface ReadSparkOptions {
    /** The config kind expected (Databricks reads its Spark part with its own kind). */
    kind?: string;
    /** Keys that a subclass config adds and reads itself. */
    extraKeys?: readonly string[];
    /** Whether to refuse the sparkConf keys the Spark operator refuses (default true). */
    operatorKeys?: boolean;
}
/**
 * Validates a Spark config (a `Spark` instance or an equivalent object) and returns its settings.
 * Problems go to `issues`, each with its path; the result is only meaningful when none were added.
 */
export declare function readSparkSettings(value: unknown, issues: IssueList, options?: ReadSparkOptions): SparkSettings;
//# sourceMappingURL=read-settings.d.ts.map