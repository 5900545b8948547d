/** `autoscale` of a Jobs API ClusterSpec. */
export interface DatabricksAutoscale {
  min_workers: number;
  max_workers: number;
}

/** The `new_cluster` fields that matter here; any other ClusterSpec field is passed through. */
export interface DatabricksNewCluster {
  /** Databricks Runtime version, e.g. "13.3.x-scala2.12". */
  spark_version: string;
  /** Worker node type (not needed with `instance_pool_id` or a `policy_id` that sets it). */
  node_type_id?: string;
  driver_node_type_id?: string;
  instance_pool_id?: string;
  policy_id?: string;
  /** Number of workers (0 for a single-node cluster); or give `autoscale`. */
  num_workers?: number;
  autoscale?: DatabricksAutoscale;
  /** Default: the task's sparkConf. */
  spark_conf?: Record<string, string>;
  /** The task's environment variables are added (they win on conflicts). */
  spark_env_vars?: Record<string, string>;
  /** Default: the task's image. */
  docker_image?: { url: string; basic_auth?: { username: string; password: string } };
  custom_tags?: Record<string, string>;
  [field: string]: unknown;
}

/**
 * The Jobs API runs/submit fields of a Databricks task (`databricksConf`): the cluster (`new_cluster`
 * or `existing_cluster_id`, exactly one) and run settings. Other runs/submit fields (libraries,
 * notifications, access control…) are passed through.
 */
export interface DatabricksRunSpec {
  run_name?: string;
  /** Seconds before Databricks stops the run (0 = no timeout). */
  timeout_seconds?: number;
  existing_cluster_id?: string;
  new_cluster?: DatabricksNewCluster;
  /** At most 64 characters; the connector makes one per submission when none is given. */
  idempotency_token?: string;
  [field: string]: unknown;
}
