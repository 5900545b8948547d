import { TaskEnvironment, ctx, run, type TaskContext } from "@flyte-ts/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Spark, type SparkHookData, sparkConfigSchema, sparkSessionSettings } from "@flyte-ts/plugin-spark";

const config = new Spark({ sparkConf: { "spark.executor.instances": "2" }, hadoopConf: { "fs.s3a.endpoint": "http://minio:9000" } });

function context(mode: "local" | "remote", extra: Record<string, unknown> = {}): TaskContext {
  return { mode, runName: "r", actionName: "a0", taskName: "t", attempt: 0, data: {}, checkpointPath: undefined, prevCheckpointPath: undefined, isInCluster: () => mode === "remote", ...extra };
}

describe("Spark session settings (pre hook)", () => {
  it("a local run's body gets the app name, local master, effective conf and spark-submit arguments", async () => {
    const env = new TaskEnvironment({ name: "spark-session-local", pluginConfig: config });
    const task = env.task({ output: z.unknown() }, async function session() {
      return (ctx()!.data as SparkHookData).spark;
    });
    expect(await run(task)).toEqual({
      appName: "FlyteSpark",
      master: "local[*]",
      conf: {
        "spark.executor.instances": "2",
        "spark.app.name": "FlyteSpark",
        "spark.master": "local[*]",
        "spark.hadoop.fs.s3a.endpoint": "http://minio:9000",
      },
      submitArgs: [
        "--name", "FlyteSpark", "--master", "local[*]",
        "--conf", "spark.executor.instances=2",
        "--conf", "spark.hadoop.fs.s3a.endpoint=http://minio:9000",
      ],
      codeBundle: undefined,
    });
  });

  it("in the cluster the operator sets the master, and the code bundle's directory is given when the runtime knows it", () => {
    const settings = sparkConfigSchema.parse(config);
    expect(sparkSessionSettings({ config: settings, context: context("remote", { codeBundle: { destination: "/srv/code" } }) }).spark).toEqual({
      appName: "FlyteSpark",
      master: undefined,
      conf: { "spark.executor.instances": "2", "spark.app.name": "FlyteSpark", "spark.hadoop.fs.s3a.endpoint": "http://minio:9000" },
      submitArgs: ["--name", "FlyteSpark", "--conf", "spark.executor.instances=2", "--conf", "spark.hadoop.fs.s3a.endpoint=http://minio:9000"],
      codeBundle: { destination: "/srv/code" },
    });
    expect(sparkSessionSettings({ config: settings, context: context("remote") }).spark.codeBundle).toBeUndefined();
    // A local run never ships a bundle: the code is already here.
    expect(sparkSessionSettings({ config: settings, context: context("local", { codeBundle: { destination: "/srv/code" } }) }).spark.codeBundle).toBeUndefined();
  });
});
