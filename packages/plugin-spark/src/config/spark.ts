import { ConfigError, type PluginConfig, type PodTemplate, type PodTemplateOptions } from "@flyte-ts/core";
import { describeValue } from "./issues.ts";

export const SPARK_KIND = "@flyte-ts/plugin-spark#Spark";

/** `SparkJob.applicationType`; the reference SDK only writes Python applications. */
export type SparkApplicationType = "python" | "java" | "scala" | "r";
export const SPARK_APPLICATION_TYPES: readonly SparkApplicationType[] = ["python", "java", "scala", "r"];

/**
 * Options of {@link Spark}. They are checked when a task is declared, all at once and with their paths
 * under `pluginConfig`; any other key is refused.
 */
export interface SparkOptions {
  /**
   * Spark settings (`spark.*` keys); every value is a string, as Spark reads them.
   *
   * Validation: string values only. Refused keys (the Spark operator denies them or the backend
   * overwrites them): `spark.master`, `spark.kubernetes.driver.master`, the `*.container.image` keys, the
   * `*.serviceAccountName` keys, `spark.kubernetes.namespace`, `spark.kubernetes.executor.podNamePrefix`,
   * `spark.kubernetes.driverEnv.FLYTE_START_TIME`, the `*.podTemplateContainerName` keys and OAuth token
   * keys. Typed keys: driver/executor cores and `spark.task.cpus` are positive integers; executor
   * instances and the dynamic-allocation executor counts are non-negative integers;
   * `spark.dynamicAllocation.enabled` and `…shuffleTracking.enabled` are `"true"`/`"false"`; memory,
   * overhead, `maxResultSize` and off-heap sizes are Spark sizes (an integer with an optional unit b, k, m,
   * g, t, p, e.g. `"4g"`; not `"4Gi"`); `spark.kubernetes.{driver,executor}.{request,limit}.cores` are
   * Kubernetes CPU quantities.
   *
   * @defaultValue `{}`
   */
  sparkConf?: Record<string, string>;
  /**
   * Hadoop settings, passed to the SparkApplication's `hadoopConf`.
   *
   * Validation: an object of string values.
   *
   * @defaultValue `{}`
   */
  hadoopConf?: Record<string, string>;
  /**
   * Python interpreter of the executors.
   *
   * Validation: a non-empty path; only for `applicationType` `"python"`.
   *
   * @defaultValue the serialization context's interpreter path (`/opt/venv/bin/python`)
   */
  executorPath?: string;
  /**
   * The application file Spark starts.
   *
   * Validation: a non-empty path; required when `applicationType` is not `"python"` (the jar or R script).
   *
   * @defaultValue `local://<entrypoint>` (the SDK's runtime)
   */
  applicationsPath?: string;
  /**
   * Pod template of the driver; name its Spark container "spark-kubernetes-driver".
   *
   * Validation: a PodTemplate or its options (see PodTemplateOptions in @flyte-ts/core); with several
   * containers, one must be named "spark-kubernetes-driver".
   *
   * @defaultValue `undefined`: the task's pod settings
   */
  driverPod?: PodTemplate | PodTemplateOptions;
  /**
   * Pod template of the executors; name its Spark container "spark-kubernetes-executor".
   *
   * Validation: a PodTemplate or its options; with several containers, one must be named
   * "spark-kubernetes-executor".
   *
   * @defaultValue `undefined`: the task's pod settings
   */
  executorPod?: PodTemplate | PodTemplateOptions;
  /**
   * The kind of application. JVM ("java", "scala") and "r" applications need `applicationsPath`.
   *
   * Validation: one of `"python"`, `"java"`, `"scala"`, `"r"`.
   *
   * @defaultValue `"python"`
   */
  applicationType?: SparkApplicationType;
  /**
   * Arguments of a JVM or R application: what its `main` (or script) receives, as the SparkApplication's
   * `arguments`. They become the task container's arguments, which the backend copies there; the Flyte
   * backend fills its template variables in them (`{{.input}}`, `{{.outputPrefix}}`, …). Such an
   * application runs instead of the TypeScript runtime, so the task's body, inputs and outputs are not used
   * in the cluster.
   *
   * Validation: an array of strings; only for `applicationType` `"java"`, `"scala"` or `"r"` (a Python
   * application is the runtime bridge, which receives the runtime's arguments).
   *
   * @defaultValue `[]` for JVM and R applications
   */
  arguments?: readonly string[];
  /**
   * Entry class of a JVM application.
   *
   * Validation: a fully qualified class name (`org.example.WordCount`); required for `"java"` and
   * `"scala"`, refused for other application types.
   *
   * @defaultValue `undefined`
   */
  mainClass?: string;
}

export const SPARK_OPTION_KEYS = [
  "sparkConf", "hadoopConf", "executorPath", "applicationsPath", "driverPod", "executorPod", "applicationType", "mainClass", "arguments",
] as const;

/** A Spark config after validation: what the serializer, hooks and renderer work from. */
export interface SparkSettings extends PluginConfig {
  readonly sparkConf: Readonly<Record<string, string>>;
  readonly hadoopConf: Readonly<Record<string, string>>;
  readonly executorPath: string | undefined;
  readonly applicationsPath: string | undefined;
  readonly driverPod: PodTemplate | undefined;
  readonly executorPod: PodTemplate | undefined;
  readonly applicationType: SparkApplicationType;
  readonly mainClass: string | undefined;
  /** Arguments of a JVM or R application (empty for Python applications). */
  readonly arguments: readonly string[];
}

/**
 * Makes the tasks of an environment Spark tasks (`pluginConfig: new Spark({...})`). The constructor only
 * stores the options; they are checked, all at once and with field paths, when a task is declared.
 */
export class Spark implements PluginConfig {
  readonly kind: string = SPARK_KIND;
  readonly sparkConf: Record<string, string>;
  readonly hadoopConf: Record<string, string>;
  readonly executorPath: string | undefined;
  readonly applicationsPath: string | undefined;
  readonly driverPod: PodTemplate | PodTemplateOptions | undefined;
  readonly executorPod: PodTemplate | PodTemplateOptions | undefined;
  readonly applicationType: SparkApplicationType;
  readonly mainClass: string | undefined;
  readonly arguments: readonly string[] | undefined;

  constructor(options: SparkOptions = {}) {
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
      throw new ConfigError("Spark", [{ path: [], message: `expected an options object, got ${describeValue(options)}` }]);
    }
    // As the reference: missing confs are empty maps.
    this.sparkConf = options.sparkConf ?? {};
    this.hadoopConf = options.hadoopConf ?? {};
    this.executorPath = options.executorPath;
    this.applicationsPath = options.applicationsPath;
    this.driverPod = options.driverPod;
    this.executorPod = options.executorPod;
    this.applicationType = options.applicationType ?? "python";
    this.mainClass = options.mainClass;
    this.arguments = options.arguments;
    keepUnknownOptions(this, options, SPARK_OPTION_KEYS);
  }
}

/**
 * Copies option keys the class does not declare onto the instance, so that validation reports them
 * (by name) instead of the constructor dropping them.
 */
export function keepUnknownOptions(target: object, options: object, known: readonly string[]): void {
  for (const [key, value] of Object.entries(options ?? {})) {
    if (!known.includes(key) && !(key in target)) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
}
