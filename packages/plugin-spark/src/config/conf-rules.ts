import { isQuantity, type IssuePath } from "@flyte-ts/core";
import type { IssueList } from "./issues.ts";
import { isSparkSize } from "./spark-size.ts";

// Keys the Spark operator (v2.5.2 webhook) denies or the Flyte backend always overwrites: setting them
// would fail at admission or be silently replaced, so they are refused here with the reason.
const IMAGE_REASON = "the Spark operator refuses it: the image is the task environment's `image` (spec.image)";
const ACCOUNT_REASON =
  "the Spark operator refuses it: the backend sets the service account from the task's Kubernetes service account (default \"spark\")";
const REFUSED_KEYS: Readonly<Record<string, string>> = {
  "spark.master": "the Spark operator refuses it: the master is the Kubernetes API server in the cluster and local[*] in local runs",
  "spark.kubernetes.driver.master": "the Spark operator refuses it: the master is set by the operator",
  "spark.kubernetes.container.image": IMAGE_REASON,
  "spark.kubernetes.driver.container.image": IMAGE_REASON,
  "spark.kubernetes.executor.container.image": IMAGE_REASON,
  "spark.kubernetes.authenticate.driver.serviceAccountName": ACCOUNT_REASON,
  "spark.kubernetes.authenticate.executor.serviceAccountName": ACCOUNT_REASON,
  "spark.kubernetes.namespace": "the Spark operator refuses a namespace other than the application's, which Flyte chooses",
  "spark.kubernetes.executor.podNamePrefix": "the Flyte backend always overwrites it with the execution's name",
  "spark.kubernetes.driverEnv.FLYTE_START_TIME": "the Flyte backend always overwrites it with the submission time",
  "spark.kubernetes.driver.podTemplateContainerName":
    "the Flyte backend sets it to \"spark-kubernetes-driver\": name the Spark container of driverPod so instead",
  "spark.kubernetes.executor.podTemplateContainerName":
    "the Flyte backend sets it to \"spark-kubernetes-executor\": name the Spark container of executorPod so instead",
};
const TOKEN_KEY = /^spark\.kubernetes\.authenticate\..*oauthToken(File)?$/;
const TOKEN_REASON =
  "the Spark operator refuses credentials in sparkConf, and a task spec is stored in plain text: use the operator's service account";

type Rule = { check: (value: string) => boolean; expected: string };
// These values become int32 fields of the SparkApplication (instances, cores): a larger one fails its CRD.
const INT32_MAX = 2 ** 31 - 1;
const positiveInt: Rule = { check: (v) => /^[1-9][0-9]*$/.test(v) && Number(v) <= INT32_MAX, expected: `a positive integer up to ${INT32_MAX} such as "2"` };
const nonNegativeInt: Rule = { check: (v) => /^(0|[1-9][0-9]*)$/.test(v) && Number(v) <= INT32_MAX, expected: `a non-negative integer up to ${INT32_MAX} such as "4"` };
const sparkSize: Rule = { check: isSparkSize, expected: "a Spark size: an integer with an optional unit b, k, m, g, t or p, such as \"512m\" or \"4g\"" };
const kubernetesCpu: Rule = { check: isQuantity, expected: "a Kubernetes CPU quantity such as \"500m\" or \"1.5\"" };
const boolean: Rule = { check: (v) => v === "true" || v === "false", expected: "\"true\" or \"false\"" };

// Well-known keys whose values Spark or the backend parse. Driver/executor cores must be integers: the
// backend copies them into the SparkApplication only when they parse as one, and drops "1.5" silently.
const TYPED_KEYS: Readonly<Record<string, Rule>> = {
  "spark.driver.cores": positiveInt,
  "spark.executor.cores": positiveInt,
  "spark.executor.instances": nonNegativeInt,
  "spark.task.cpus": positiveInt,
  "spark.dynamicAllocation.minExecutors": nonNegativeInt,
  "spark.dynamicAllocation.maxExecutors": nonNegativeInt,
  "spark.dynamicAllocation.initialExecutors": nonNegativeInt,
  "spark.dynamicAllocation.enabled": boolean,
  "spark.dynamicAllocation.shuffleTracking.enabled": boolean,
  "spark.driver.memory": sparkSize,
  "spark.executor.memory": sparkSize,
  "spark.driver.memoryOverhead": sparkSize,
  "spark.executor.memoryOverhead": sparkSize,
  "spark.executor.pyspark.memory": sparkSize,
  "spark.driver.maxResultSize": sparkSize,
  "spark.memory.offHeap.size": sparkSize,
  "spark.kubernetes.driver.request.cores": kubernetesCpu,
  "spark.kubernetes.driver.limit.cores": kubernetesCpu,
  "spark.kubernetes.executor.request.cores": kubernetesCpu,
  "spark.kubernetes.executor.limit.cores": kubernetesCpu,
};

/**
 * Checks one conf map: string values, well-known keys and (unless `operatorKeys` is false, for engines
 * other than the Spark operator) the keys the operator or the Flyte backend refuse or overwrite.
 */
export function checkSparkConf(conf: Readonly<Record<string, unknown>>, path: IssuePath, issues: IssueList, operatorKeys = true): void {
  for (const [key, value] of Object.entries(conf)) {
    const at = [...path, key];
    if (typeof value !== "string") {
      const shown = typeof value === "number" || typeof value === "boolean" ? `; write "${String(value)}"` : "";
      issues.push({ path: at, message: `must be a string (Spark reads every setting as text), got ${typeOf(value)}${shown}` });
      continue;
    }
    const refused = operatorKeys ? (REFUSED_KEYS[key] ?? (TOKEN_KEY.test(key) ? TOKEN_REASON : undefined)) : undefined;
    if (refused) {
      issues.push({ path: at, message: `cannot be set: ${refused}` });
      continue;
    }
    const rule = TYPED_KEYS[key];
    if (rule && !rule.check(value)) issues.push({ path: at, message: `must be ${rule.expected}, got ${JSON.stringify(value)}` });
  }
}

/** Checks a map whose values must be strings (hadoopConf, and Databricks' string maps). */
export function checkStringMap(map: Readonly<Record<string, unknown>>, path: IssuePath, issues: IssueList): void {
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== "string") issues.push({ path: [...path, key], message: `must be a string, got ${typeOf(value)}` });
  }
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : typeof value;
}
