import type { PluginConfig, PodTemplate, PodTemplateOptions } from "@flyte-ts/core";

export const SPARK_KIND = "@flyte-ts/plugin-spark#Spark";

/** `SparkJob.applicationType`; the reference SDK only writes Python applications. */
export type SparkApplicationType = "python" | "java" | "scala" | "r";
export const SPARK_APPLICATION_TYPES: readonly SparkApplicationType[] = ["python", "java", "scala", "r"];

export interface SparkOptions {
  /** Spark settings (`spark.*` keys); every value is a string, as Spark reads them. */
  sparkConf?: Record<string, string>;
  /** Hadoop settings, passed to the SparkApplication's `hadoopConf`. */
  hadoopConf?: Record<string, string>;
  /** Python interpreter of the executors; default: the serialization context's interpreter path. */
  executorPath?: string;
  /** The application file Spark starts; default `local://<entrypoint>` (the SDK's runtime). */
  applicationsPath?: string;
  /** Pod template of the driver; name its Spark container "spark-kubernetes-driver". */
  driverPod?: PodTemplate | PodTemplateOptions;
  /** Pod template of the executors; name its Spark container "spark-kubernetes-executor". */
  executorPod?: PodTemplate | PodTemplateOptions;
  /** Default "python". JVM ("java", "scala") and "r" applications need `applicationsPath`. */
  applicationType?: SparkApplicationType;
  /** Entry class of a JVM application (java or scala only). */
  mainClass?: string;
}

export const SPARK_OPTION_KEYS = [
  "sparkConf", "hadoopConf", "executorPath", "applicationsPath", "driverPod", "executorPod", "applicationType", "mainClass",
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

  constructor(options: SparkOptions = {}) {
    // As the reference: missing confs are empty maps.
    this.sparkConf = options.sparkConf ?? {};
    this.hadoopConf = options.hadoopConf ?? {};
    this.executorPath = options.executorPath;
    this.applicationsPath = options.applicationsPath;
    this.driverPod = options.driverPod;
    this.executorPod = options.executorPod;
    this.applicationType = options.applicationType ?? "python";
    this.mainClass = options.mainClass;
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
