// The body's session in local runs against real Spark: without SPARK_REMOTE the plugin starts a local Spark
// Connect server with the task's settings (from the project's pyspark, .engines/spark/venv), one per
// process and settings; with SPARK_REMOTE the body uses that server and gets the task's spark.sql settings.
import { resolve } from "node:path";
import { TaskEnvironment, ctx, run } from "@flyte-ts/core";
import { Spark, type SparkHookData, stopLocalSparkServers } from "@flyte-ts/plugin-spark";
import { SparkSession } from "@flyte-ts/spark-connect";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { z } from "zod";

// The spark project's global setup (packages/spark-connect/test/spark-global-setup.ts) provides it.
declare module "vitest" {
  export interface ProvidedContext {
    sparkConnectUrl: string;
  }
}

const venvPython = resolve(import.meta.dirname, "../../../.engines/spark/venv/bin/python");
const saved = { SPARK_REMOTE: process.env.SPARK_REMOTE, SPARK_CONNECT_PYTHON: process.env.SPARK_CONNECT_PYTHON };
beforeEach(() => {
  delete process.env.SPARK_REMOTE;
  process.env.SPARK_CONNECT_PYTHON = venvPython;
});
afterAll(async () => {
  await stopLocalSparkServers();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const Seen = z.object({ applicationId: z.string(), master: z.string(), partitions: z.string(), marker: z.string(), hadoop: z.string(), rows: z.array(z.object({ n: z.int(), squares: z.int() })) });

const env = new TaskEnvironment({
  name: "spark-session-real",
  pluginConfig: new Spark({
    sparkConf: { "spark.sql.shuffle.partitions": "7", "spark.flyte-ts.test.marker": "from-the-task" },
    hadoopConf: { "fs.flyte-ts.test": "hadoop-value" },
  }),
});

const look = env.task({ inputs: z.object({ n: z.int() }), output: Seen }, async function look({ n }) {
  const session = await (ctx()!.data as SparkHookData).spark.session;
  const rows = await session.range(1, n + 1).selectExpr("CAST(id % 2 AS INT) AS n", "CAST(id * id AS INT) AS sq").groupBy("n").agg({ sq: "sum" })
    .selectExpr("n", "CAST(`sum(sq)` AS INT) AS squares").orderBy("n").collect();
  return {
    applicationId: (await session.conf.get("spark.app.id"))!,
    master: (await session.conf.get("spark.master"))!,
    partitions: (await session.conf.get("spark.sql.shuffle.partitions"))!,
    marker: (await session.conf.get("spark.flyte-ts.test.marker", "(unset)"))!,
    hadoop: (await session.conf.get("spark.hadoop.fs.flyte-ts.test", "(unset)"))!,
    rows: rows as { n: number; squares: number }[],
  };
});

describe("ctx().data.spark.session in local runs", { timeout: 300_000 }, () => {
  it("starts a local Spark Connect server with the task's settings on local[*], once per process and settings", async () => {
    const first = await run(look, { n: 4 });
    expect(first).toEqual({
      applicationId: expect.stringMatching(/^local-\d+$/),
      master: "local[*]",
      partitions: "7",
      marker: "from-the-task",
      hadoop: "hadoop-value",
      rows: [{ n: 0, squares: 4 + 16 }, { n: 1, squares: 1 + 9 }],
    });
    // Another attempt with the same settings reuses the server (same Spark application).
    expect((await run(look, { n: 2 })).applicationId).toBe(first.applicationId);
    // The shared server of the test run is another application: this one was started by the plugin.
    const shared = await SparkSession.connect(inject("sparkConnectUrl"));
    expect(await shared.conf.get("spark.app.id")).not.toBe(first.applicationId);
    await shared.stop();
  });

  it("uses SPARK_REMOTE when set, applying the task's spark.sql settings to the session", async () => {
    process.env.SPARK_REMOTE = inject("sparkConnectUrl");
    const shared = await SparkSession.connect(inject("sparkConnectUrl"));
    const sharedId = await shared.conf.get("spark.app.id");
    const out = await run(look, { n: 3 });
    // Only the spark.sql settings reach a session of a running server; the others are the server's own.
    expect([out.applicationId, out.partitions, out.marker, out.rows]).toEqual([sharedId, "7", "(unset)", [{ n: 0, squares: 4 }, { n: 1, squares: 1 + 9 }]]);
    // Session settings stay in the task's session.
    expect(await shared.conf.get("spark.sql.shuffle.partitions")).toBe("4");
    await shared.stop();
  });

  it("closes the body's session after the body, also when the body fails", async () => {
    process.env.SPARK_REMOTE = inject("sparkConnectUrl");
    let held: SparkSession | undefined;
    const fails = env.task(async function fails() {
      held = await (ctx()!.data as SparkHookData).spark.session;
      await held.sql("SELECT 1").collect();
      throw new Error("body failed");
    });
    await expect(run(fails)).rejects.toThrow("body failed");
    await expect(held!.sql("SELECT 1").collect()).rejects.toThrow();
  });
});
