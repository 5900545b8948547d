import { checkStringMap, describeValue, isPlainObject, type IssueList } from "@flyte-ts/plugin-spark";
import type { IssuePath } from "@flyte-ts/core";
import type { DatabricksRunSpec } from "./run-spec.ts";

const AT = ["databricksConf"] as const;
// Fields the connector writes itself: a user value would be overwritten without a word.
const CONNECTOR_FIELDS: Readonly<Record<string, string>> = {
  spark_python_task: "is set by the connector (it runs Flyte's entrypoint, with the task's container arguments) and would be overwritten",
  git_source: "is set by the connector (the repository of Flyte's entrypoint) and would be overwritten",
  tasks: "cannot be used: the connector submits a single-task run; describe its cluster with new_cluster or existing_cluster_id",
};

/** Validates `databricksConf`, checked when the task is declared rather than when the run is submitted. */
export function readRunSpec(value: unknown, issues: IssueList): DatabricksRunSpec | undefined {
  if (value === undefined || value === null) {
    issues.push({ path: [...AT], message: "is required: the Jobs API runs/submit fields, with new_cluster or existing_cluster_id" });
    return undefined;
  }
  if (!isPlainObject(value)) {
    issues.push({ path: [...AT], message: `must be an object of Jobs API runs/submit fields, got ${describeValue(value)}` });
    return undefined;
  }
  const spec = value as Record<string, unknown>;
  for (const [field, reason] of Object.entries(CONNECTOR_FIELDS)) {
    if (spec[field] !== undefined) issues.push({ path: [...AT, field], message: reason });
  }
  const hasExisting = spec.existing_cluster_id !== undefined && spec.existing_cluster_id !== null;
  const hasNew = spec.new_cluster !== undefined && spec.new_cluster !== null;
  if (hasExisting && hasNew) {
    issues.push({ path: [...AT], message: "give either new_cluster or existing_cluster_id, not both (the connector would ignore new_cluster)" });
  } else if (!hasExisting && !hasNew) {
    issues.push({ path: [...AT], message: "needs new_cluster or existing_cluster_id: the cluster the run uses" });
  }
  if (hasExisting && !(typeof spec.existing_cluster_id === "string" && spec.existing_cluster_id !== "")) {
    issues.push({ path: [...AT, "existing_cluster_id"], message: `must be a non-empty cluster id, got ${describeValue(spec.existing_cluster_id)}` });
  }
  if (hasNew) checkNewCluster(spec.new_cluster, [...AT, "new_cluster"], issues);
  if (spec.run_name !== undefined && typeof spec.run_name !== "string") {
    issues.push({ path: [...AT, "run_name"], message: `must be a string, got ${describeValue(spec.run_name)}` });
  }
  if (spec.timeout_seconds !== undefined && !isCount(spec.timeout_seconds)) {
    issues.push({ path: [...AT, "timeout_seconds"], message: `must be a non-negative integer (0 = no timeout), got ${describeValue(spec.timeout_seconds)}` });
  }
  if (spec.idempotency_token !== undefined && !(typeof spec.idempotency_token === "string" && spec.idempotency_token.length > 0 && spec.idempotency_token.length <= 64)) {
    issues.push({ path: [...AT, "idempotency_token"], message: "must be a string of 1 to 64 characters" });
  }
  return spec as DatabricksRunSpec;
}

function checkNewCluster(value: unknown, at: IssuePath, issues: IssueList): void {
  if (!isPlainObject(value)) {
    issues.push({ path: at, message: `must be an object (a Jobs API ClusterSpec), got ${describeValue(value)}` });
    return;
  }
  const cluster = value as Record<string, unknown>;
  if (!(typeof cluster.spark_version === "string" && cluster.spark_version !== "")) {
    issues.push({ path: [...at, "spark_version"], message: 'is required: the Databricks Runtime version, such as "13.3.x-scala2.12"' });
  }
  for (const field of ["node_type_id", "driver_node_type_id", "instance_pool_id", "policy_id"]) {
    if (cluster[field] !== undefined && !(typeof cluster[field] === "string" && cluster[field] !== "")) {
      issues.push({ path: [...at, field], message: `must be a non-empty string, got ${describeValue(cluster[field])}` });
    }
  }
  if (cluster.node_type_id === undefined && cluster.instance_pool_id === undefined && cluster.policy_id === undefined) {
    issues.push({ path: [...at, "node_type_id"], message: 'is required unless instance_pool_id or policy_id gives it: the node type, such as "i3.xlarge"' });
  }
  checkWorkers(cluster, at, issues);
  for (const field of ["spark_conf", "spark_env_vars", "custom_tags"]) {
    const map = cluster[field];
    if (map === undefined) continue;
    if (isPlainObject(map)) checkStringMap(map, [...at, field], issues);
    else issues.push({ path: [...at, field], message: `must be an object of string values, got ${describeValue(map)}` });
  }
  const image = cluster.docker_image;
  if (image !== undefined && !(isPlainObject(image) && typeof image.url === "string" && image.url !== "")) {
    issues.push({ path: [...at, "docker_image"], message: "must be { url, basic_auth? } with a non-empty url (leave it out for the task's image)" });
  }
}

function checkWorkers(cluster: Record<string, unknown>, at: IssuePath, issues: IssueList): void {
  const { num_workers: workers, autoscale } = cluster;
  if (workers !== undefined && autoscale !== undefined) {
    issues.push({ path: at, message: "give num_workers or autoscale, not both" });
  } else if (workers === undefined && autoscale === undefined) {
    issues.push({ path: at, message: "needs num_workers (0 for a single-node cluster) or autoscale { min_workers, max_workers }" });
  }
  if (workers !== undefined && !isCount(workers)) {
    issues.push({ path: [...at, "num_workers"], message: `must be a non-negative integer, got ${describeValue(workers)}` });
  }
  if (autoscale === undefined) return;
  if (!isPlainObject(autoscale)) {
    issues.push({ path: [...at, "autoscale"], message: `must be { min_workers, max_workers }, got ${describeValue(autoscale)}` });
    return;
  }
  const { min_workers: min, max_workers: max } = autoscale as Record<string, unknown>;
  if (!isCount(min)) issues.push({ path: [...at, "autoscale", "min_workers"], message: `must be a non-negative integer, got ${describeValue(min)}` });
  if (!isCount(max) || max === 0) issues.push({ path: [...at, "autoscale", "max_workers"], message: `must be a positive integer, got ${describeValue(max)}` });
  else if (isCount(min) && max < min) issues.push({ path: [...at, "autoscale", "max_workers"], message: `must be at least min_workers (${min}), got ${max}` });
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}
