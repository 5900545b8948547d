// A Databricks task. Its local run submits to the Databricks Jobs API: to a real workspace when
// DATABRICKS_HOST and DATABRICKS_TOKEN are set, otherwise to a local FAKE Jobs API started here.
import { TaskEnvironment } from "@flyte-ts/core";
import { Databricks, configureLocalRuns } from "@flyte-ts/plugin-databricks";
import { startFakeJobsServer } from "@flyte-ts/plugin-databricks/testing";

if (!(process.env.DATABRICKS_HOST && process.env.DATABRICKS_TOKEN)) {
  const token = "fake-token-for-the-local-test-server";
  const fake = await startFakeJobsServer({ token, unref: true });
  process.env.DATABRICKS_HOST = fake.url;
  process.env.DATABRICKS_TOKEN = token;
  configureLocalRuns({ pollIntervalMs: 10 });
  console.error(`### databricks example: DATABRICKS_HOST/DATABRICKS_TOKEN not set, so runs go to a LOCAL FAKE Databricks Jobs API at ${fake.url} (nothing runs on Databricks)`);
}

export const env = new TaskEnvironment({
  name: "databricks-examples",
  image: "ghcr.io/example/flyte-ts-databricks:0.1.0",
  envVars: { STAGE: "example" },
  pluginConfig: new Databricks({
    sparkConf: { "spark.sql.shuffle.partitions": "16" },
    databricksConf: {
      run_name: "flyte-ts example",
      timeout_seconds: 3600,
      new_cluster: { spark_version: "14.3.x-scala2.12", node_type_id: "m5.large", autoscale: { min_workers: 1, max_workers: 4 } },
    },
    // The NAME of the secret (here: the environment variable) that holds the token, never the token.
    databricksToken: "DATABRICKS_TOKEN",
  }),
});

/**
 * Runs on the Databricks driver (the run's entrypoint, this plugin's bridge, starts `a0` there); a local
 * run returns the remote run's final state instead.
 */
export const nightlyEtl = env.task(async function nightly_etl() {
  console.error(`nightly_etl: running on the driver, stage ${process.env.STAGE ?? "unset"}`);
});

export const exampleInputs: Record<string, Record<string, unknown>> = {
  "databricks-examples.nightly_etl": {},
};
