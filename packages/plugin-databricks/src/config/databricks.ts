import { ConfigError, type PodTemplate, type PodTemplateOptions } from "@flyte-ts/core";
import { Spark, describeValue, type SparkApplicationType, type SparkOptions, type SparkSettings } from "@flyte-ts/plugin-spark";
import type { DatabricksRunSpec } from "./run-spec.ts";

export const DATABRICKS_KIND = "@flyte-ts/plugin-databricks#Databricks";

/**
 * Options of {@link Databricks}: Spark's options as Databricks uses them, plus the Jobs API run. They are
 * checked when a task is declared, all at once and with their paths under `pluginConfig`; any other key
 * is refused.
 */
export interface DatabricksOptions extends SparkOptions {
  /**
   * Spark settings of a new cluster (its `spark_conf` when `databricksConf.new_cluster.spark_conf` is not given).
   *
   * Validation: string values; typed keys as in Spark's options (cores, counts, booleans, Spark sizes);
   * refused with `existing_cluster_id` or next to `new_cluster.spark_conf`, where it would be ignored.
   *
   * @defaultValue `{}`
   */
  sparkConf?: Record<string, string>;
  /**
   * Not used on Databricks: set Hadoop settings as `spark.hadoop.*` keys in `new_cluster.spark_conf`.
   *
   * Validation: must be left out (or empty).
   *
   * @defaultValue `undefined`
   */
  hadoopConf?: Record<string, string>;
  /**
   * Not used on Databricks: the cluster's Databricks Runtime provides the interpreter.
   *
   * Validation: must be left out (or empty).
   *
   * @defaultValue `undefined`
   */
  executorPath?: string;
  /**
   * Not used on Databricks: the connector runs Flyte's entrypoint as the `spark_python_task`.
   *
   * Validation: must be left out (or empty).
   *
   * @defaultValue `undefined`
   */
  applicationsPath?: string;
  /**
   * Not used on Databricks: Databricks runs no Kubernetes pods; size the cluster in `new_cluster`.
   *
   * Validation: must be left out (or empty).
   *
   * @defaultValue `undefined`
   */
  driverPod?: PodTemplate | PodTemplateOptions;
  /**
   * Not used on Databricks: Databricks runs no Kubernetes pods; size the cluster in `new_cluster`.
   *
   * Validation: must be left out (or empty).
   *
   * @defaultValue `undefined`
   */
  executorPod?: PodTemplate | PodTemplateOptions;
  /**
   * The kind of application; Databricks runs Python only.
   *
   * Validation: `"python"` (the connector submits a `spark_python_task`).
   *
   * @defaultValue `"python"`
   */
  applicationType?: SparkApplicationType;
  /**
   * Not used on Databricks: only JVM applications have a main class.
   *
   * Validation: must be left out (or empty).
   *
   * @defaultValue `undefined`
   */
  mainClass?: string;
  /**
   * Required. The runs/submit fields: the cluster (`new_cluster` or `existing_cluster_id`) and run settings.
   *
   * Validation: as {@link DatabricksRunSpec}: exactly one of `new_cluster` and `existing_cluster_id`;
   * `spark_python_task`, `git_source` and `tasks` are refused (the connector writes the first two and
   * submits a single task).
   */
  databricksConf?: DatabricksRunSpec;
  /**
   * Workspace host without scheme, e.g. "myorg.cloud.databricks.com".
   *
   * Validation: a host name with an optional port (`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]+)?$`),
   * no scheme or path.
   *
   * @defaultValue `$FLYTE_DATABRICKS_INSTANCE`, else `$DATABRICKS_HOST` (read when the run is submitted)
   */
  databricksInstance?: string;
  /**
   * The NAME of the secret holding the access token (never the token itself).
   *
   * Validation: letters, digits, `_`, `.`, `-` (`^[A-Za-z0-9_.-]+$`); a value that looks like a credential
   * (a known token prefix such as `dapi`, `ghp_`, `xoxb-`, `AKIA`, `sk-`; a JWT; a long hexadecimal or random
   * string) is refused without being echoed.
   *
   * @defaultValue `undefined`: the platform's connector token; local runs read `$DATABRICKS_TOKEN`
   */
  databricksToken?: string;
}

export const DATABRICKS_OPTION_KEYS = ["databricksConf", "databricksInstance", "databricksToken"] as const;

export interface DatabricksSettings extends SparkSettings {
  readonly databricksConf: DatabricksRunSpec | undefined;
  readonly databricksInstance: string | undefined;
  readonly databricksToken: string | undefined;
}

/**
 * A Spark config run on Databricks through the Jobs API. Like `Spark`, the constructor only stores the
 * options; they are checked when a task is declared.
 */
export class Databricks extends Spark {
  override readonly kind: string = DATABRICKS_KIND;
  readonly databricksConf: DatabricksRunSpec | undefined;
  readonly databricksInstance: string | undefined;
  readonly databricksToken: string | undefined;

  constructor(options: DatabricksOptions = {}) {
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
      throw new ConfigError("Databricks", [{ path: [], message: `expected an options object, got ${describeValue(options)}` }]);
    }
    const { databricksConf, databricksInstance, databricksToken, ...sparkOptions } = options;
    super(sparkOptions);
    this.databricksConf = databricksConf;
    this.databricksInstance = databricksInstance;
    this.databricksToken = databricksToken;
  }
}
