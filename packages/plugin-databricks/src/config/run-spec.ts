/** `autoscale` of a Jobs API ClusterSpec. */
export interface DatabricksAutoscale {
  /**
   * Required. Fewest workers.
   *
   * Validation: an integer ≥ 0.
   */
  min_workers: number;
  /**
   * Required. Most workers.
   *
   * Validation: an integer ≥ 1 and ≥ `min_workers`.
   */
  max_workers: number;
}

/** The `new_cluster` fields that matter here; any other ClusterSpec field is passed through unchecked. */
export interface DatabricksNewCluster {
  /**
   * Required. Databricks Runtime version, e.g. "13.3.x-scala2.12".
   *
   * Validation: a non-empty string.
   */
  spark_version: string;
  /**
   * Worker node type, e.g. "i3.xlarge".
   *
   * Validation: a non-empty string; required unless `instance_pool_id` or `policy_id` is given.
   *
   * @defaultValue `undefined`: taken from the instance pool or the policy
   */
  node_type_id?: string;
  /**
   * Driver node type.
   *
   * Validation: a non-empty string.
   *
   * @defaultValue `undefined`: the worker node type (Databricks' default)
   */
  driver_node_type_id?: string;
  /**
   * Instance pool the cluster's nodes come from.
   *
   * Validation: a non-empty string.
   *
   * @defaultValue `undefined`
   */
  instance_pool_id?: string;
  /**
   * Cluster policy applied to the cluster.
   *
   * Validation: a non-empty string.
   *
   * @defaultValue `undefined`
   */
  policy_id?: string;
  /**
   * Number of workers (0 for a single-node cluster).
   *
   * Validation: an integer ≥ 0; exactly one of `num_workers` and `autoscale` is given.
   *
   * @defaultValue `undefined`: `autoscale` must then be given
   */
  num_workers?: number;
  /**
   * Worker range of an autoscaling cluster.
   *
   * Validation: as {@link DatabricksAutoscale}; exactly one of `num_workers` and `autoscale` is given.
   *
   * @defaultValue `undefined`: `num_workers` must then be given
   */
  autoscale?: DatabricksAutoscale;
  /**
   * Spark settings of the cluster.
   *
   * Validation: an object of string values.
   *
   * @defaultValue the task's `sparkConf`
   */
  spark_conf?: Record<string, string>;
  /**
   * Environment variables of the cluster; the task's environment variables are added (they win on conflicts).
   *
   * Validation: an object of string values.
   *
   * @defaultValue the task's `envVars`
   */
  spark_env_vars?: Record<string, string>;
  /**
   * Container image of the cluster.
   *
   * Validation: `{ url, basic_auth? }` with a non-empty `url`.
   *
   * @defaultValue the task's `image` (none for a local run without one: the Databricks Runtime image)
   */
  docker_image?: { url: string; basic_auth?: { username: string; password: string } };
  /**
   * Tags of the cluster's resources.
   *
   * Validation: an object of string values.
   *
   * @defaultValue `undefined`
   */
  custom_tags?: Record<string, string>;
  [field: string]: unknown;
}

/**
 * The Jobs API runs/submit fields of a Databricks task (`databricksConf`): the cluster (`new_cluster`
 * or `existing_cluster_id`, exactly one) and run settings. Other runs/submit fields (libraries,
 * notifications, access control…) are passed through unchecked, except `spark_python_task`, `git_source`
 * and `tasks`, which are refused.
 */
export interface DatabricksRunSpec {
  /**
   * Name of the run in Databricks.
   *
   * Validation: a string.
   *
   * @defaultValue `undefined`: Databricks' default name
   */
  run_name?: string;
  /**
   * Seconds before Databricks stops the run (0 = no timeout).
   *
   * Validation: an integer ≥ 0.
   *
   * @defaultValue `undefined`: no timeout
   */
  timeout_seconds?: number;
  /**
   * Id of a running cluster to use.
   *
   * Validation: a non-empty string; exactly one of `existing_cluster_id` and `new_cluster` is given.
   *
   * @defaultValue `undefined`: `new_cluster` must then be given
   */
  existing_cluster_id?: string;
  /**
   * A cluster created for the run.
   *
   * Validation: as {@link DatabricksNewCluster}; exactly one of `existing_cluster_id` and `new_cluster` is given.
   *
   * @defaultValue `undefined`: `existing_cluster_id` must then be given
   */
  new_cluster?: DatabricksNewCluster;
  /**
   * Token that makes a retried submission start no second run.
   *
   * Validation: a string of 1 to 64 characters.
   *
   * @defaultValue `undefined`: the connector makes one per submission
   */
  idempotency_token?: string;
  [field: string]: unknown;
}
