import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { run, serializeTask, taskSpecToJson } from "@flyte-ts/core";
import { sparkPlugin } from "@flyte-ts/plugin-spark";
import { describe, expect, it } from "vitest";
import { sparkPi, wordCount } from "../src/spark.ts";

const sctx = { version: "example", codeBundle: { computedVersion: "x", pkl: "s3://b/x.pkl" } };

describe("Spark example", () => {
  it("runs word_count locally with the Spark session settings", async () => {
    expect(await run(wordCount, { text: "to be or not to be" })).toEqual({
      words: 6,
      appName: "FlyteSpark",
      master: "local[*]",
      submitArgs: [
        "--name", "FlyteSpark", "--master", "local[*]",
        "--conf", "spark.driver.memory=2g", "--conf", "spark.executor.memory=4g", "--conf", "spark.executor.cores=2",
        "--conf", "spark.executor.instances=3", "--conf", "spark.hadoop.fs.s3a.path.style.access=true",
      ],
    });
  });

  it("serializes the JVM application and renders a valid SparkApplication", async () => {
    const spec = taskSpecToJson(serializeTask(sparkPi, sctx));
    expect((spec.taskTemplate as { custom: unknown }).custom).toEqual({
      applicationType: "SCALA",
      mainApplicationFile: "local:///opt/spark/examples/jars/spark-examples.jar",
      mainClass: "org.apache.spark.examples.SparkPi",
      sparkConf: { "spark.executor.instances": "2" },
    });
    const [rendered] = await sparkPlugin.render!(spec);
    expect(rendered!.name).toBe("spark-examples-jvm.spark_pi.sparkapplication");
    expect((rendered!.resource.spec as Record<string, unknown>).type).toBe("Scala");
    // SparkPi's main gets its own argument (the number of slices), never the runtime's `a0 …`.
    expect((rendered!.resource.spec as Record<string, unknown>).arguments).toEqual(["10"]);
  });
});

// `flyte-ts render` as a user runs it (the built bin and packages, as the README's main job).
const examplesDir = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(examplesDir, "..", "packages", "flyte-core", "bin", "flyte-ts.js");

describe("flyte-ts render of the Spark example", () => {
  it("writes one SparkApplication YAML per Spark task", () => {
    const out = mkdtempSync(join(tmpdir(), "spark-render-"));
    const r = spawnSync(process.execPath, [bin, "render", "src/spark.ts", "--out", out, "--version", "v1"], { cwd: examplesDir, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["spark-examples-jvm.spark_pi.sparkapplication.yaml", "spark-examples.word_count.sparkapplication.yaml"]);
    const yaml = readFileSync(join(out, "spark-examples.word_count.sparkapplication.yaml"), "utf8");
    expect(yaml.split("\n").slice(0, 7)).toEqual([
      "apiVersion: sparkoperator.k8s.io/v1beta2",
      "kind: SparkApplication",
      "metadata:",
      "  name: spark-examples-word-count",
      "spec:",
      "  type: Python",
      "  image: ghcr.io/example/flyte-ts-spark:0.1.0",
    ]);
    expect(yaml).toContain("    spark.kubernetes.executor.limit.cores: \"2\"\n");
  }, 30_000);
});
