import { PodTemplate, SerializationContext, TaskEnvironment, serializeTask, taskSpecToJson } from "@flyte-ts/core";
import { describe, expect, it } from "vitest";
import { Spark } from "@flyte-ts/plugin-spark";
import { Databricks, type DatabricksOptions, type DatabricksSettings, databricksPlugin } from "@flyte-ts/plugin-databricks";

// The reference's custom_config() for Databricks (python-sdk-behaviour.md §3.2.3, tests of §3.2.6, whose
// fixture context is used here). The serializer is called directly: some of these configs (no cluster,
// Kubernetes pods) are written by the reference but refused when a flyte-ts task is declared.
const sctx = new SerializationContext({
  project: "test-project", domain: "test-domain", version: "test-version", org: "test-org", inputPath: "/tmp/inputs", outputPath: "/tmp/outputs", rootDir: process.cwd(),
});
const custom = (options: DatabricksOptions) => databricksPlugin.customConfig(new Databricks(options) as unknown as DatabricksSettings, sctx);
const DEFAULTS = { mainApplicationFile: "local:///opt/venv/bin/runtime.py", executorPath: "/opt/venv/bin/python" };
const NO_TOKEN = { secrets: { databricks_token: null } };
const conf = { run_name: "flyte databricks", new_cluster: { spark_version: "13.3.x-scala2.12", node_type_id: "r3.xlarge", num_workers: 4 }, timeout_seconds: 3600 };
const pod = (name: string) => new PodTemplate({ podSpec: { containers: [{ name, image: "repo/img:1" }] }, primaryContainerName: name });

describe("Databricks custom", () => {
  it("config: a Databricks is a Spark with empty confs and no run spec", () => {
    const config = new Databricks();
    expect(config).toBeInstanceOf(Spark);
    expect(config).toMatchObject({ sparkConf: {}, hadoopConf: {}, databricksConf: undefined, databricksInstance: undefined, databricksToken: undefined });
    expect(databricksPlugin.taskType).toBe("databricks");
  });

  it("minimal: default paths, no databricksConf/databricksInstance, a null token secret", () => {
    expect(custom({})).toEqual({ ...DEFAULTS, ...NO_TOKEN });
  });

  it("databricksConf round-trips", () => {
    expect(custom({ databricksConf: conf })).toEqual({ ...DEFAULTS, databricksConf: conf, ...NO_TOKEN });
  });

  it("the instance round-trips, and the token is a secret name", () => {
    expect(custom({ databricksInstance: "test.cloud.databricks.com", databricksToken: "databricks-token" })).toEqual({
      ...DEFAULTS, databricksInstance: "test.cloud.databricks.com", secrets: { databricks_token: "databricks-token" },
    });
  });

  it("spark and hadoop confs round-trip", () => {
    expect(custom({ sparkConf: { "spark.executor.memory": "2g" }, hadoopConf: { "fs.s3a.impl": "x" } })).toEqual({
      ...DEFAULTS, sparkConf: { "spark.executor.memory": "2g" }, hadoopConf: { "fs.s3a.impl": "x" }, ...NO_TOKEN,
    });
  });

  it("custom paths", () => {
    expect(custom({ applicationsPath: "dbfs:/app/main.py", executorPath: "/databricks/python3/bin/python" })).toEqual({
      mainApplicationFile: "dbfs:/app/main.py", executorPath: "/databricks/python3/bin/python", ...NO_TOKEN,
    });
  });

  it("pod templates produce driverPod/executorPod", () => {
    expect(custom({ driverPod: pod("driver"), executorPod: pod("executor") })).toEqual({
      ...DEFAULTS,
      driverPod: { metadata: {}, podSpec: { containers: [{ name: "driver", image: "repo/img:1" }] }, primaryContainerName: "driver" },
      executorPod: { metadata: {}, podSpec: { containers: [{ name: "executor", image: "repo/img:1" }] }, primaryContainerName: "executor" },
      ...NO_TOKEN,
    });
  });

  it("all parameters together", () => {
    expect(
      custom({
        sparkConf: { a: "b" }, hadoopConf: { c: "d" }, executorPath: "/py", applicationsPath: "/main.py", driverPod: pod("driver"),
        databricksConf: conf, databricksInstance: "x.cloud.databricks.com", databricksToken: "tok-secret",
      }),
    ).toEqual({
      mainApplicationFile: "/main.py",
      sparkConf: { a: "b" },
      hadoopConf: { c: "d" },
      executorPath: "/py",
      databricksConf: conf,
      databricksInstance: "x.cloud.databricks.com",
      driverPod: { metadata: {}, podSpec: { containers: [{ name: "driver", image: "repo/img:1" }] }, primaryContainerName: "driver" },
      secrets: { databricks_token: "tok-secret" },
    });
  });

  it("is the custom of a declared task, whose type is databricks", () => {
    const env = new TaskEnvironment({
      name: "databricks-serialize",
      image: "repo/img:1",
      pluginConfig: new Databricks({ databricksConf: { existing_cluster_id: "0101-abc" }, databricksToken: "DATABRICKS_TOKEN" }),
    });
    const task = env.task(async function job() { return 1; });
    const template = taskSpecToJson(serializeTask(task, sctx)).taskTemplate as Record<string, unknown>;
    expect(template.type).toBe("databricks");
    expect(template.custom).toEqual({ ...DEFAULTS, databricksConf: { existing_cluster_id: "0101-abc" }, secrets: { databricks_token: "DATABRICKS_TOKEN" } });
  });
});
