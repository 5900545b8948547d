import { ConfigError, PodTemplate, TaskEnvironment, type ConfigIssue } from "@flyte-ts/core";
import { describe, expect, it } from "vitest";
import { Databricks, type DatabricksOptions } from "@flyte-ts/plugin-databricks";

let count = 0;
function issues(options: DatabricksOptions | Record<string, unknown>): ConfigIssue[] {
  try {
    new TaskEnvironment({ name: `databricks-validation-${++count}`, pluginConfig: new Databricks(options as DatabricksOptions) });
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return [...(err as ConfigError).issues];
  }
}
const at = (path: (string | number)[], message: string) => ({ path: ["pluginConfig", ...path], message });
const cluster = { spark_version: "13.3.x-scala2.12", node_type_id: "i3.xlarge", num_workers: 1 };

describe("Databricks config validation", () => {
  it("accepts a new cluster, an autoscaled one, an instance pool, an existing cluster, and passes other fields through", () => {
    expect(issues({ databricksConf: { new_cluster: cluster, run_name: "r", timeout_seconds: 600, libraries: [{ pypi: { package: "x" } }] } })).toEqual([]);
    expect(issues({ databricksConf: { new_cluster: { spark_version: "14.3", instance_pool_id: "pool", autoscale: { min_workers: 0, max_workers: 4 } } } })).toEqual([]);
    expect(issues({ databricksConf: { existing_cluster_id: "0101-abc" }, databricksInstance: "acme.cloud.databricks.com:443", databricksToken: "db-token" })).toEqual([]);
  });

  it("exactly one of new_cluster and existing_cluster_id, checked at declaration", () => {
    expect(issues({})).toEqual([at(["databricksConf"], "is required: the Jobs API runs/submit fields, with new_cluster or existing_cluster_id")]);
    expect(issues({ databricksConf: "x" as never })).toEqual([at(["databricksConf"], 'must be an object of Jobs API runs/submit fields, got string "x"')]);
    expect(issues({ databricksConf: { run_name: "r" } })).toEqual([at(["databricksConf"], "needs new_cluster or existing_cluster_id: the cluster the run uses")]);
    expect(issues({ databricksConf: { new_cluster: cluster, existing_cluster_id: "c" } })).toEqual([
      at(["databricksConf"], "give either new_cluster or existing_cluster_id, not both (the connector would ignore new_cluster)"),
    ]);
    expect(issues({ databricksConf: { existing_cluster_id: 12 as never } })).toEqual([at(["databricksConf", "existing_cluster_id"], "must be a non-empty cluster id, got number 12")]);
  });

  it("new_cluster: runtime version, node type, workers or autoscale, string maps, image", () => {
    expect(issues({ databricksConf: { new_cluster: {} as never } })).toEqual([
      at(["databricksConf", "new_cluster", "spark_version"], 'is required: the Databricks Runtime version, such as "13.3.x-scala2.12"'),
      at(["databricksConf", "new_cluster", "node_type_id"], 'is required unless instance_pool_id or policy_id gives it: the node type, such as "i3.xlarge"'),
      at(["databricksConf", "new_cluster"], "needs num_workers (0 for a single-node cluster) or autoscale { min_workers, max_workers }"),
    ]);
    expect(issues({ databricksConf: { new_cluster: { ...cluster, num_workers: 1.5, spark_env_vars: { A: 1 as never }, docker_image: { url: "" } } } })).toEqual([
      at(["databricksConf", "new_cluster", "num_workers"], "must be a non-negative integer, got number 1.5"),
      at(["databricksConf", "new_cluster", "spark_env_vars", "A"], "must be a string, got number"),
      at(["databricksConf", "new_cluster", "docker_image"], "must be { url, basic_auth? } with a non-empty url (leave it out for the task's image)"),
    ]);
    const { num_workers: _n, ...noWorkers } = cluster;
    expect(issues({ databricksConf: { new_cluster: { ...noWorkers, autoscale: { min_workers: 3, max_workers: 2 } } } })).toEqual([
      at(["databricksConf", "new_cluster", "autoscale", "max_workers"], "must be at least min_workers (3), got 2"),
    ]);
    expect(issues({ databricksConf: { new_cluster: { ...noWorkers, autoscale: { min_workers: -1, max_workers: 0 } } } })).toEqual([
      at(["databricksConf", "new_cluster", "autoscale", "min_workers"], "must be a non-negative integer, got number -1"),
      at(["databricksConf", "new_cluster", "autoscale", "max_workers"], "must be a positive integer, got number 0"),
    ]);
  });

  it("run fields, and fields the connector writes itself", () => {
    expect(issues({ databricksConf: { new_cluster: cluster, run_name: 1 as never, timeout_seconds: -5, idempotency_token: "x".repeat(65), spark_python_task: {}, git_source: {}, tasks: [] } })).toEqual([
      at(["databricksConf", "spark_python_task"], "is set by the connector (it runs Flyte's entrypoint, with the task's container arguments) and would be overwritten"),
      at(["databricksConf", "git_source"], "is set by the connector (the repository of Flyte's entrypoint) and would be overwritten"),
      at(["databricksConf", "tasks"], "cannot be used: the connector submits a single-task run; describe its cluster with new_cluster or existing_cluster_id"),
      at(["databricksConf", "run_name"], "must be a string, got number 1"),
      at(["databricksConf", "timeout_seconds"], "must be a non-negative integer (0 = no timeout), got number -5"),
      at(["databricksConf", "idempotency_token"], "must be a string of 1 to 64 characters"),
    ]);
  });

  it("sparkConf only where it is used; Spark fields Databricks ignores are refused", () => {
    expect(issues({ sparkConf: { "spark.executor.memory": "4g" }, databricksConf: { existing_cluster_id: "c" } })).toEqual([
      at(["sparkConf"], "is not applied to an existing cluster (existing_cluster_id): configure that cluster instead"),
    ]);
    expect(issues({ sparkConf: { a: "b" }, databricksConf: { new_cluster: { ...cluster, spark_conf: { c: "d" } } } })).toEqual([
      at(["sparkConf"], "is not used when databricksConf.new_cluster.spark_conf is given: keep the settings in one place"),
    ]);
    const pod = new PodTemplate({ podSpec: { containers: [] } });
    expect(issues({ hadoopConf: { a: "b" }, executorPath: "/py", applicationsPath: "/m.py", driverPod: pod, executorPod: pod, databricksConf: { new_cluster: cluster } })).toEqual([
      at(["hadoopConf"], "is not used on Databricks: set Hadoop settings as spark.hadoop.* keys in new_cluster.spark_conf"),
      at(["executorPath"], "is not used on Databricks: the cluster's Databricks Runtime provides the interpreter"),
      at(["applicationsPath"], "is not used on Databricks: the connector runs Flyte's entrypoint as the spark_python_task"),
      at(["driverPod"], "is not used on Databricks, which runs no Kubernetes pods: size the cluster in new_cluster"),
      at(["executorPod"], "is not used on Databricks, which runs no Kubernetes pods: size the cluster in new_cluster"),
    ]);
    expect(issues({ applicationType: "r", databricksConf: { new_cluster: cluster } })).toEqual([
      at(["applicationsPath"], 'is required when applicationType is "r": the R script Spark starts (the default is the Python runtime entrypoint)'),
      at(["applicationType"], 'must be "python" on Databricks: the connector submits a spark_python_task'),
    ]);
  });

  it("unknown options are reported with every allowed option", () => {
    expect(issues({ databricks_conf: {}, databricksConf: { existing_cluster_id: "c" } })).toEqual([
      at(["databricks_conf"], "unknown option; allowed: kind, sparkConf, hadoopConf, executorPath, applicationsPath, driverPod, executorPod, applicationType, mainClass, arguments, databricksConf, databricksInstance, databricksToken"),
    ]);
  });

  it("Spark's conf checks apply, but not the Spark operator's key rules", () => {
    expect(issues({ sparkConf: { "spark.executor.memory": "4Gi", "spark.master": "local" }, databricksConf: { new_cluster: cluster } })).toEqual([
      at(["sparkConf", "spark.executor.memory"], 'must be a Spark size: an integer with an optional unit b, k, m, g, t or p, such as "512m" or "4g", got "4Gi"'),
    ]);
  });

  it("the instance is a host name; the token is a secret name, never echoed", () => {
    const token = "dapi0123456789abcdef0123456789abcdef";
    const result = issues({ databricksConf: { existing_cluster_id: "c" }, databricksInstance: "https://acme.cloud.databricks.com/", databricksToken: token });
    expect(result).toEqual([
      at(["databricksInstance"], 'must be the workspace host without scheme or path, such as "myorg.cloud.databricks.com", got string "https://acme.cloud.databricks.com/"'),
      at(["databricksToken"], `looks like a token itself (it starts with a known token prefix): give the NAME of the secret that holds the token, such as "DATABRICKS_TOKEN" (letters, digits, '_', '.', '-')`),
    ]);
    expect(JSON.stringify(result)).not.toContain(token);
    // Other credentials pasted in place of a name: refused, never echoed, the reason named.
    const pasted: Array<[string, string]> = [
      ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "it is a JSON Web Token"],
      ["ghp_16C7e42F292c6912E7710c838347Ae178B4a", "it starts with a known token prefix"],
      ["github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "it starts with a known token prefix"],
      ["xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "it starts with a known token prefix"],
      ["AKIAIOSFODNN7EXAMPLE1234", "it starts with a known token prefix"],
      ["sk-proj-abcDEF123456ghiJKL789012", "it starts with a known token prefix"],
      ["dapi0123456789abcdef0123456789abcdef-2", "it starts with a known token prefix"],
      ["0123456789abcdef0123456789abcdef", "it is a long hexadecimal string"],
      ["q7Zx9Lm2Vb8Nc4Rt6Yp1Ws3Ke5Hd0Gj", "it is a long random string"],
      ["prod_Xk29fLq83ZmW7vBn4TcR1sYd", "it is a long random string"],
    ];
    for (const [value, why] of pasted) {
      const found = issues({ databricksConf: { existing_cluster_id: "c" }, databricksToken: value });
      expect(found, why).toEqual([
        at(["databricksToken"], `looks like a token itself (${why}): give the NAME of the secret that holds the token, such as "DATABRICKS_TOKEN" (letters, digits, '_', '.', '-')`),
      ]);
      expect(JSON.stringify(found)).not.toContain(value.slice(4, 20));
    }
    // Secret names, long ones included, are accepted.
    for (const name of ["DATABRICKS_TOKEN", "team.databricks-token", "databricks_token_prod_workspace_eu_west_1", "sk-config", "dapi-token-name", "ghp"]) {
      expect(issues({ databricksConf: { existing_cluster_id: "c" }, databricksToken: name }), name).toEqual([]);
    }
    expect(issues({ databricksConf: { existing_cluster_id: "c" }, databricksToken: "my secret" })).toEqual([
      at(["databricksToken"], "must be the name of the secret holding the token (letters, digits, '_', '.', '-')"),
    ]);
  });
});
