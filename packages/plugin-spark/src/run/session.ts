import { resolve } from "node:path";
import { type HookContext, codeBundleFromArgs } from "@flyte-ts/core";
import type { SparkSession } from "@flyte-ts/spark-connect";
import type { SparkSettings } from "../config/spark.ts";
import { LazySparkSession, connectSession } from "./spark-connect-session.ts";

/** The reference's session name (`DEFAULT_SPARK_CONTEXT_NAME`). */
export const SPARK_APP_NAME = "FlyteSpark";
/** The master of local runs, as the reference's local `SparkSession.builder` gets by default. */
export const LOCAL_MASTER = "local[*]";

/**
 * What a Spark task body finds in `ctx().data.spark`: a Spark Connect session (`await spark.session`)
 * and the settings it was made with.
 */
export interface SparkSessionSettings {
  /**
   * The task's Spark session, a `SparkSession` of `@flyte-ts/spark-connect`: opened on first access and
   * closed after the body. In the cluster it is the Spark driver's own session (the driver bridge serves
   * it through Spark Connect and sets `SPARK_REMOTE`); in local runs the server of `SPARK_REMOTE` when
   * set, else a local Spark Connect server started with the task's settings on `local[*]` (one per
   * process and settings, stopped when the process exits). A body that never reads it needs no Spark.
   * Not enumerable: spreading or serializing the settings does not open it.
   */
  readonly session: Promise<SparkSession>;
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
  readonly codeBundle: { readonly destination: string } | undefined;
}

export interface SparkHookData extends Record<string, unknown> {
  readonly spark: SparkSessionSettings;
}

/** The `pre` hook: the session settings for the body, computed as the reference's session sees them. */
export function sparkSessionSettings(hook: Pick<HookContext<SparkSettings>, "config" | "context">): SparkHookData {
  const local = !hook.context.isInCluster();
  const master = local ? LOCAL_MASTER : undefined;
  const conf: Record<string, string> = { ...hook.config.sparkConf, "spark.app.name": SPARK_APP_NAME };
  if (master) conf["spark.master"] = master;
  for (const [key, value] of Object.entries(hook.config.hadoopConf)) conf[`spark.hadoop.${key}`] = value;
  const submitArgs = ["--name", SPARK_APP_NAME, ...(master ? ["--master", master] : [])];
  for (const [key, value] of Object.entries(conf)) {
    if (key !== "spark.app.name" && key !== "spark.master") submitArgs.push("--conf", `${key}=${value}`);
  }
  const bundle = hook.context.codeBundle ?? codeBundleFromArgs();
  const codeBundle = !local && bundle ? { destination: resolve(bundle.destination) } : undefined;
  const lazy = new LazySparkSession(() => connectSession({ inCluster: !local, master: LOCAL_MASTER, conf }));
  const settings = { appName: SPARK_APP_NAME, master, conf, submitArgs, codeBundle };
  const spark: SparkSessionSettings = Object.defineProperty(settings, "session", { get: () => lazy.get(), enumerable: false }) as typeof settings & Pick<SparkSessionSettings, "session">;
  sessions.set(spark, lazy);
  return { spark };
}

const sessions = new WeakMap<SparkSessionSettings, LazySparkSession>();

/**
 * Closes the session that `ctx().data.spark.session` opened, if the body opened one: the Spark plugin's
 * `cleanup` hook. A plugin that reuses {@link sparkSessionSettings} as its `pre` calls it from its own
 * `cleanup`.
 */
export async function closeSparkSession(data: Partial<SparkHookData>): Promise<void> {
  const lazy = data.spark ? sessions.get(data.spark) : undefined;
  await lazy?.close();
}
