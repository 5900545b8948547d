import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serializeTask, taskSpecToJson } from "@flyte-ts/core";
import { sparkPlugin } from "@flyte-ts/plugin-spark";
import { describe, expect, it } from "vitest";
import { sparkPi, wordCount } from "../src/spark.ts";

const sctx = { version: "example", codeBundle: { computedVersion: "x", pkl: "s3://b/x.pkl" } };

describe("Spark example", () => {
  it("declares word_count's typed output and a TypeScript body (run against Spark in spark.spark.test.ts)", () => {
    type Variable = { key: string; value: { type: { metadata: { properties: Record<string, unknown> } } } };
    const template = taskSpecToJson(serializeTask(wordCount, sctx)).taskTemplate as { type: string; container: { args: string[] }; interface: { outputs: { variables: Variable[] } } };
    expect(template.type).toBe("spark");
    expect(template.container.args[0]).toBe("a0");
    const [output] = template.interface.outputs.variables;
    expect([output!.key, Object.keys(output!.value.type.metadata.properties)]).toEqual(["o0", ["words", "counts", "contentWords", "sparkVersion", "applicationId"]]);
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
