// Property-based test of the Spark config: accepted ⇒ the task serializes and its SparkApplication
// renders (and matches the CRD); refused ⇒ a ConfigError with paths. See packages/flyte-core/test/fuzz.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Spark, sparkPlugin } from "@flyte-ts/plugin-spark";
import { mostly, options } from "../../flyte-core/test/fuzz/values.ts";
import { checkPluginConfigs } from "../../flyte-core/test/fuzz/plugin-property.ts";

const conf = mostly(fc.dictionary(
  fc.constantFrom("spark.executor.instances", "spark.executor.cores", "spark.driver.memory", "spark.executor.memory", "spark.driver.cores", "spark.kubernetes.executor.limit.cores", "spark.sql.shuffle.partitions", "spark.master"),
  mostly(fc.constantFrom("1", "2", "4g", "512m", "2147483648", "-1", "0.5", "", "1e3", "local")),
));
const pod = options({
  primaryContainerName: mostly(fc.constantFrom("spark-kubernetes-driver", "spark-kubernetes-executor", "primary")),
  podSpec: mostly(fc.record({ containers: fc.array(fc.record({ name: fc.constantFrom("spark-kubernetes-driver", "spark-kubernetes-executor", "sidecar") }), { maxLength: 2 }) })),
}, { oddOneIn: 20 });
const config = options({
  sparkConf: conf,
  hadoopConf: mostly(fc.dictionary(fc.constantFrom("fs.s3a.impl", "a"), fc.constantFrom("x", ""))),
  executorPath: mostly(fc.constantFrom("/usr/bin/python3", "")),
  applicationsPath: mostly(fc.constantFrom("local:///app/main.py", "")),
  driverPod: pod,
  executorPod: pod,
  applicationType: mostly(fc.constantFrom("PYTHON", "JAVA", "SCALA", "R", "python")),
  mainClass: mostly(fc.constantFrom("org.example.Main", "")),
}, { oddOneIn: 20 });

describe("Spark config, any input", () => {
  it("is refused with a ConfigError or serializes and renders", { timeout: 240_000 }, async () => {
    const runs = 4_000;
    const rendered = await checkPluginConfigs(config, runs, sparkPlugin, (o) => new Spark(o));
    expect(rendered).toBeGreaterThan(runs / 100);
  });
});
