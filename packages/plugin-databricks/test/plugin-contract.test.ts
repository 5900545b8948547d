import { testPluginContract } from "@flyte-ts/core/testing";
import { Databricks, databricksPlugin } from "@flyte-ts/plugin-databricks";

const cluster = { spark_version: "13.3.x-scala2.12", node_type_id: "i3.xlarge", num_workers: 2 };

testPluginContract({
  plugin: databricksPlugin,
  config: () => new Databricks({ databricksConf: { run_name: "nightly", new_cluster: cluster }, databricksInstance: "acme.cloud.databricks.com", databricksToken: "DATABRICKS_TOKEN" }),
  expectedCustom: {
    mainApplicationFile: "local:///opt/venv/bin/runtime.py",
    executorPath: "/opt/venv/bin/python",
    databricksConf: { run_name: "nightly", new_cluster: cluster },
    databricksInstance: "acme.cloud.databricks.com",
    secrets: { databricks_token: "DATABRICKS_TOKEN" },
  },
  // Local runs submit to Databricks; they are tested against a fake Jobs API in local-run.test.ts.
  runsLocally: false,
  invalid: [
    { name: "no cluster", config: () => new Databricks({ databricksConf: { run_name: "x" } }), path: ["databricksConf"], message: "new_cluster or existing_cluster_id" },
    { name: "no databricksConf", config: () => new Databricks(), path: ["databricksConf"], message: "is required" },
    { name: "a scheme in the instance", config: () => new Databricks({ databricksConf: { existing_cluster_id: "c" }, databricksInstance: "https://x.cloud.databricks.com" }), path: ["databricksInstance"], message: "without scheme" },
    { name: "workers and autoscale", config: () => new Databricks({ databricksConf: { new_cluster: { ...cluster, autoscale: { min_workers: 1, max_workers: 2 } } } }), path: ["databricksConf", "new_cluster"], message: "not both" },
  ],
});
