import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TaskEnvironment, ctx, run, type TaskContext } from "@flyte-ts/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { Spark, type SparkHookData, closeSparkSession, sparkConfigSchema, sparkSessionSettings } from "@flyte-ts/plugin-spark";

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

// Where a local Spark would be found: cleared so that these tests see a machine without Spark.
const SPARK_ENV = ["SPARK_REMOTE", "SPARK_HOME", "SPARK_CONNECT_PYTHON", "PYSPARK_PYTHON", "PATH"] as const;

describe("the body's Spark session (ctx().data.spark.session), without Spark on the machine", () => {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const name of SPARK_ENV) saved[name] = process.env[name];
    for (const name of SPARK_ENV) delete process.env[name];
    // No python3, python or java on PATH: nothing to find a Spark with.
    process.env.PATH = mkdtempSync(join(tmpdir(), "no-spark-"));
  });
  afterEach(() => {
    for (const name of SPARK_ENV) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it("is not opened by a body that does not read it, nor by spreading or serializing the settings", async () => {
    const env = new TaskEnvironment({ name: "spark-session-untouched", pluginConfig: config });
    const task = env.task({ output: z.unknown() }, async function untouched() {
      const { spark } = ctx()!.data as SparkHookData;
      return JSON.parse(JSON.stringify({ ...spark }));
    });
    const out = (await run(task)) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(["appName", "conf", "master", "submitArgs"]);
  });

  it("a local body that reads it gets an error naming what to install", async () => {
    const env = new TaskEnvironment({ name: "spark-session-no-spark", pluginConfig: config });
    const task = env.task(async function needsSpark() {
      await (ctx()!.data as SparkHookData).spark.session;
    });
    const error = await run(task).then(() => undefined, (e: unknown) => e as Error & { code: string });
    expect(error?.code).toBe("EXECUTION");
    expect(error?.message).toContain("ctx().data.spark.session: no local Spark Connect server for this run: no Spark found");
    expect(error?.message).toContain('install Java 17 and pyspark (pip install "pyspark[connect]==4.3.0"');
    expect(error?.message).toContain("or set SPARK_REMOTE=sc://host:port to use a running Spark Connect server");
  });

  it("in the cluster it needs the driver bridge's SPARK_REMOTE, and never starts a server", async () => {
    const hook = { config: sparkConfigSchema.parse(config), context: context("remote") };
    await expect(sparkSessionSettings(hook).spark.session).rejects.toThrowError(
      expect.objectContaining({ code: "EXECUTION", message: expect.stringMatching(/^SPARK_REMOTE is not set: in the cluster the Spark session is served by the Spark driver, which must run a0 through the flyte-ts driver bridge/) }),
    );
  });

  it("reports a SPARK_REMOTE it cannot reach without showing the URL's token, and opens once per attempt", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => {
        const address = server.address() as { port: number };
        server.close(() => resolve(address.port));
      });
    });
    process.env.SPARK_REMOTE = `sc://127.0.0.1:${port}/;token=s3cr3t-token;user_id=me`;
    const data = sparkSessionSettings({ config: sparkConfigSchema.parse(config), context: context("local") });
    const first = data.spark.session;
    expect(data.spark.session).toBe(first);
    const error = await first.then(() => undefined, (e: unknown) => e as Error & { code: string });
    expect(error?.code).toBe("EXECUTION");
    expect(error?.message).toMatch(new RegExp(`^cannot open a Spark session on sc://127\\.0\\.0\\.1:${port}/;token=<redacted>;user_id=me \\(from SPARK_REMOTE\\): `));
    expect(JSON.stringify({ message: error?.message, cause: String((error as { cause?: unknown }).cause) })).not.toContain("s3cr3t-token");
    // After the attempt the session is closed; reading it then is an error, not a new connection.
    await closeSparkSession(data);
    await expect(data.spark.session).rejects.toThrow("the task's Spark session is closed: use ctx().data.spark.session inside the task body");
  });
});
