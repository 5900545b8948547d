import { type HookContext } from "@flyte-ts/core";
import type { SparkSettings } from "../config/spark.ts";
/** The reference's session name (`DEFAULT_SPARK_CONTEXT_NAME`). */
export declare const SPARK_APP_NAME = "FlyteSpark";
/** The master of local runs, as the reference's local `SparkSession.builder` gets by default. */
export declare const LOCAL_MASTER = "local[*]";
/**
 * What a Spark task body finds in `ctx().data.spark`. A TypeScript body cannot hold a PySpark session,
 * so it gets the session's settings instead: enough to start `spark-submit` or a Spark Connect client
 * with exactly the configuration the task declares.
 */
export interface SparkSessionSettings {
    /** "FlyteSpark", the reference's application name. */
    readonly appName: string;
    /** "local[*]" in local runs; undefined in the cluster, where the Spark operator sets the master. */
    readonly master: string | undefined;
    /**
     * The session's conf: the task's sparkConf, `spark.app.name`, `spark.master` (local runs) and every
     * hadoopConf entry as `spark.hadoop.<key>` (how a session carries Hadoop settings).
     */
    readonly conf: Readonly<Record<string, string>>;
    /** The same settings as `spark-submit` arguments (`--name`, `--master`, `--conf k=v`…). */
    readonly submitArgs: readonly string[];
    /**
     * Cluster runs with a code bundle: the absolute directory it was unpacked into, for shipping the
     * task's code to executors (the reference zips it for `addPyFile`). Undefined otherwise.
     */
    readonly codeBundle: {
        readonly destination: string;
    } | undefined;
}
export interface SparkHookData extends Record<string, unknown> {
    readonly spark: SparkSessionSettings;
}
/** The `pre` hook: the session settings for the body, computed as the reference's session sees them. */
export declare function sparkSessionSettings(hook: Pick<HookContext<SparkSettings>, "config" | "context">): SparkHookData;
//# sourceMappingURL=session.d.ts.map