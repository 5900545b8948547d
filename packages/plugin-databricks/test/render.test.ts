import { TaskEnvironment, serializeTask, taskSpecToBinary, taskSpecToJson } from "@flyte-ts/core";
import { describe, expect, it } from "vitest";
import { Databricks, databricksPlugin } from "@flyte-ts/plugin-databricks";

const TOKEN = "dapi-never-written-0000";
process.env.DATABRICKS_TOKEN = TOKEN;

describe("runs/submit preview", () => {
  it("shows the request with the token redacted (named by its secret), and nothing writes the token", async () => {
    const env = new TaskEnvironment({
      name: "databricks_render",
      image: "repo/etl:2",
      envVars: { STAGE: "prod" },
      pluginConfig: new Databricks({
        sparkConf: { "spark.sql.shuffle.partitions": "16" },
        databricksConf: { run_name: "etl", new_cluster: { spark_version: "14.3.x", node_type_id: "m5.large", autoscale: { min_workers: 1, max_workers: 4 } } },
        databricksInstance: "acme.cloud.databricks.com",
        databricksToken: "DATABRICKS_TOKEN",
      }),
    });
    const task = env.task(async function load() { return 1; });
    const spec = serializeTask(task, { version: "v7", codeBundle: { computedVersion: "c", tgz: "s3://b/c.tgz" }, rootDir: "/" });
    const json = taskSpecToJson(spec);
    const args = (json.taskTemplate as { container: { args: string[] } }).container.args;
    const rendered = await databricksPlugin.render!(json);
    expect(rendered).toEqual([{
      name: "databricks_render.load.runs-submit",
      resource: {
        method: "POST",
        url: "https://acme.cloud.databricks.com/api/2.1/jobs/runs/submit",
        headers: { Authorization: "Bearer <redacted: the value of secret DATABRICKS_TOKEN>", "Content-Type": "application/json" },
        body: {
          run_name: "etl",
          new_cluster: {
            spark_version: "14.3.x", node_type_id: "m5.large", autoscale: { min_workers: 1, max_workers: 4 },
            docker_image: { url: "repo/etl:2" }, spark_conf: { "spark.sql.shuffle.partitions": "16" }, spark_env_vars: { STAGE: "prod" },
          },
          spark_python_task: { python_file: "/Workspace/Shared/flyte-ts/flyte_ts_entrypoint.py", parameters: args, source: "WORKSPACE" },
        },
      },
    }]);
    const everything = [JSON.stringify(json), JSON.stringify(rendered), Buffer.from(taskSpecToBinary(spec)).toString("latin1")].join("\n");
    expect(everything).not.toContain(TOKEN);
    expect(everything).toContain("DATABRICKS_TOKEN");
  });

  it("names the environment variables when the config has no instance or token secret", async () => {
    const env = new TaskEnvironment({ name: "databricks-render-env", image: "i:1", pluginConfig: new Databricks({ databricksConf: { existing_cluster_id: "c" } }) });
    const task = env.task(async function go() { return 1; });
    const [{ resource }] = await databricksPlugin.render!(taskSpecToJson(serializeTask(task, { version: "v", codeBundle: { computedVersion: "c", pkl: "s3://p" } })));
    expect(resource).toMatchObject({
      url: "https://<$FLYTE_DATABRICKS_INSTANCE or $DATABRICKS_HOST>/api/2.1/jobs/runs/submit",
      headers: { Authorization: "Bearer <redacted: the value of $DATABRICKS_TOKEN>" },
      body: { existing_cluster_id: "c" },
    });
  });
});
