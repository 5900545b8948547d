import type { IssuePath } from "@flyte-ts/core";
import { checkSparkConf, checkStringMap } from "./conf-rules.ts";
import { type IssueList, checkKnownKeys, describeValue, isPlainObject } from "./issues.ts";
import { readPodOption } from "./pod-option.ts";
import { SPARK_APPLICATION_TYPES, SPARK_KIND, SPARK_OPTION_KEYS, type SparkApplicationType, type SparkSettings } from "./spark.ts";

export const DRIVER_CONTAINER = "spark-kubernetes-driver";
export const EXECUTOR_CONTAINER = "spark-kubernetes-executor";

export interface ReadSparkOptions {
  /** The config kind expected (Databricks reads its Spark part with its own kind). */
  kind?: string;
  /** Keys that a subclass config adds and reads itself. */
  extraKeys?: readonly string[];
  /** Whether to refuse the sparkConf keys the Spark operator refuses (default true). */
  operatorKeys?: boolean;
}

const JAVA_CLASS = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/**
 * Validates a Spark config (a `Spark` instance or an equivalent object) and returns its settings.
 * Problems go to `issues`, each with its path; the result is only meaningful when none were added.
 */
export function readSparkSettings(value: unknown, issues: IssueList, options: ReadSparkOptions = {}): SparkSettings {
  const kind = options.kind ?? SPARK_KIND;
  const input = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    issues.push({ path: [], message: `expected a config object (new Spark({...})), got ${describeValue(value)}` });
  } else {
    checkKnownKeys(input, ["kind", ...SPARK_OPTION_KEYS, ...(options.extraKeys ?? [])], issues);
    if (input.kind !== kind) issues.push({ path: ["kind"], message: `must be ${JSON.stringify(kind)}, got ${describeValue(input.kind)}` });
  }
  const sparkConf = readMap(input.sparkConf, ["sparkConf"], issues);
  if (sparkConf) checkSparkConf(sparkConf, ["sparkConf"], issues, options.operatorKeys ?? true);
  const hadoopConf = readMap(input.hadoopConf, ["hadoopConf"], issues);
  if (hadoopConf) checkStringMap(hadoopConf, ["hadoopConf"], issues);
  const executorPath = readPath(input.executorPath, ["executorPath"], issues);
  const applicationsPath = readPath(input.applicationsPath, ["applicationsPath"], issues);
  const applicationType = readApplicationType(input.applicationType, issues);
  const mainClass = readMainClass(input.mainClass, issues);
  const args = readArguments(input.arguments, issues);
  checkApplicationConsistency({ applicationType, mainClass, applicationsPath, executorPath, arguments: args }, issues);
  return {
    kind,
    sparkConf: (sparkConf ?? {}) as Record<string, string>,
    hadoopConf: (hadoopConf ?? {}) as Record<string, string>,
    executorPath,
    applicationsPath,
    driverPod: readPodOption(input.driverPod, ["driverPod"], DRIVER_CONTAINER, issues),
    executorPod: readPodOption(input.executorPod, ["executorPod"], EXECUTOR_CONTAINER, issues),
    applicationType: applicationType ?? "python",
    mainClass,
    arguments: args ?? [],
  };
}

function readMap(value: unknown, path: IssuePath, issues: IssueList): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) {
    issues.push({ path, message: `must be an object of string keys to string values, got ${describeValue(value)}` });
    return undefined;
  }
  return { ...value };
}

// An empty path would make the reference fall back to the default without a word; here it is refused.
function readPath(value: unknown, path: IssuePath, issues: IssueList): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    issues.push({ path, message: `must be a non-empty path (leave it out for the default), got ${describeValue(value)}` });
    return undefined;
  }
  return value;
}

function readApplicationType(value: unknown, issues: IssueList): SparkApplicationType | undefined {
  if (value === undefined) return undefined;
  if (!SPARK_APPLICATION_TYPES.includes(value as SparkApplicationType)) {
    issues.push({ path: ["applicationType"], message: `must be one of ${SPARK_APPLICATION_TYPES.map((t) => `"${t}"`).join(", ")}, got ${describeValue(value)}` });
    return undefined;
  }
  return value as SparkApplicationType;
}

function readMainClass(value: unknown, issues: IssueList): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !JAVA_CLASS.test(value)) {
    issues.push({ path: ["mainClass"], message: `must be a fully qualified class name such as "org.example.WordCount", got ${describeValue(value)}` });
    return undefined;
  }
  return value;
}

function readArguments(value: unknown, issues: IssueList): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    issues.push({ path: ["arguments"], message: `must be an array of strings (the application's arguments), got ${describeValue(value)}` });
    return undefined;
  }
  const bad = value.findIndex((v) => typeof v !== "string");
  if (bad !== -1) {
    issues.push({ path: ["arguments", bad], message: `must be a string, got ${describeValue(value[bad])}` });
    return undefined;
  }
  return [...(value as string[])];
}

interface ApplicationFields {
  applicationType: SparkApplicationType | undefined;
  mainClass: string | undefined;
  applicationsPath: string | undefined;
  executorPath: string | undefined;
  arguments: string[] | undefined;
}

// A JVM or R application is started from its own file, so the Python runtime entrypoint that is the
// default application file would be wrong; a main class only means something to a JVM.
function checkApplicationConsistency(fields: ApplicationFields, issues: IssueList): void {
  const type = fields.applicationType ?? "python";
  const jvm = type === "java" || type === "scala";
  if (fields.mainClass !== undefined && !jvm) {
    issues.push({ path: ["mainClass"], message: `is only used by JVM applications: set applicationType "java" or "scala" (it is "${type}")` });
  }
  if (jvm && fields.mainClass === undefined) {
    issues.push({ path: ["mainClass"], message: `is required when applicationType is "${type}": the class whose main() Spark runs` });
  }
  if (type !== "python" && fields.applicationsPath === undefined) {
    issues.push({ path: ["applicationsPath"], message: `is required when applicationType is "${type}": the ${type === "r" ? "R script" : "jar"} Spark starts (the default is the Python runtime entrypoint)` });
  }
  // A Python application is the runtime bridge: it must receive the runtime's arguments, nothing else.
  if (type === "python" && fields.arguments !== undefined) {
    issues.push({ path: ["arguments"], message: 'are the arguments of a JVM or R application (applicationType "java", "scala" or "r"); a Python application receives the runtime\'s arguments' });
  }
  if (type !== "python" && fields.executorPath !== undefined) {
    issues.push({ path: ["executorPath"], message: `is the Python interpreter of the executors, unused when applicationType is "${type}"` });
  }
}
