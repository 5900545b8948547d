import { credentialKind } from "./looks-like-credential.ts";
import { describeValue, readSparkSettings, type IssueList } from "@flyte-ts/plugin-spark";
import { DATABRICKS_KIND, DATABRICKS_OPTION_KEYS, type DatabricksSettings } from "./databricks.ts";
import { readRunSpec } from "./read-run-spec.ts";

const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]+)?$/;
const SECRET_NAME = /^[A-Za-z0-9_.-]+$/;
// Databricks personal access tokens start with "dapi" followed by hex digits.
// Spark settings the Databricks connector never reads: accepting them would drop them silently.
const UNUSED_SPARK_FIELDS: Readonly<Record<string, string>> = {
  hadoopConf: "is not used on Databricks: set Hadoop settings as spark.hadoop.* keys in new_cluster.spark_conf",
  executorPath: "is not used on Databricks: the cluster's Databricks Runtime provides the interpreter",
  applicationsPath: "is not used on Databricks: the connector runs Flyte's entrypoint as the spark_python_task",
  driverPod: "is not used on Databricks, which runs no Kubernetes pods: size the cluster in new_cluster",
  executorPod: "is not used on Databricks, which runs no Kubernetes pods: size the cluster in new_cluster",
};

/** Validates a `Databricks` config: its Spark part, the run spec, the instance and the token's secret name. */
export function readDatabricksSettings(value: unknown, issues: IssueList): DatabricksSettings {
  const spark = readSparkSettings(value, issues, { kind: DATABRICKS_KIND, extraKeys: DATABRICKS_OPTION_KEYS, operatorKeys: false });
  const input = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  for (const [field, reason] of Object.entries(UNUSED_SPARK_FIELDS)) {
    const given = input[field];
    const empty = given === undefined || (typeof given === "object" && given !== null && Object.keys(given).length === 0);
    if (!empty) issues.push({ path: [field], message: reason });
  }
  if (spark.applicationType !== "python") {
    issues.push({ path: ["applicationType"], message: 'must be "python" on Databricks: the connector submits a spark_python_task' });
  }
  const databricksConf = readRunSpec(input.databricksConf, issues);
  checkSparkConfUse(spark.sparkConf, databricksConf, issues);
  return {
    ...spark,
    databricksConf,
    databricksInstance: readInstance(input.databricksInstance, issues),
    databricksToken: readTokenSecretName(input.databricksToken, issues),
  };
}

// sparkConf only becomes the new cluster's spark_conf when that is not given; elsewhere it is ignored.
function checkSparkConfUse(sparkConf: Readonly<Record<string, string>>, spec: DatabricksSettings["databricksConf"], issues: IssueList): void {
  if (Object.keys(sparkConf).length === 0 || !spec) return;
  if (spec.existing_cluster_id !== undefined && spec.existing_cluster_id !== null) {
    issues.push({ path: ["sparkConf"], message: "is not applied to an existing cluster (existing_cluster_id): configure that cluster instead" });
  } else if (spec.new_cluster && typeof spec.new_cluster === "object" && Object.keys(spec.new_cluster.spark_conf ?? {}).length > 0) {
    issues.push({ path: ["sparkConf"], message: "is not used when databricksConf.new_cluster.spark_conf is given: keep the settings in one place" });
  }
}

function readInstance(value: unknown, issues: IssueList): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !HOST.test(value)) {
    issues.push({ path: ["databricksInstance"], message: `must be the workspace host without scheme or path, such as "myorg.cloud.databricks.com", got ${describeValue(value)}` });
    return undefined;
  }
  return value;
}

// Never echo this field's value: a user may have pasted the token itself.
function readTokenSecretName(value: unknown, issues: IssueList): string | undefined {
  if (value === undefined) return undefined;
  const credential = typeof value === "string" ? credentialKind(value) : undefined;
  if (credential !== undefined) {
    issues.push({ path: ["databricksToken"], message: `looks like a token itself (${credential}): give the NAME of the secret that holds the token, such as "DATABRICKS_TOKEN" (letters, digits, '_', '.', '-')` });
    return undefined;
  }
  if (typeof value !== "string" || !SECRET_NAME.test(value)) {
    issues.push({ path: ["databricksToken"], message: "must be the name of the secret holding the token (letters, digits, '_', '.', '-')" });
    return undefined;
  }
  return value;
}
