// Property-based test of the Databricks config: accepted ⇒ the task serializes and its runs/submit body
// renders; refused ⇒ a ConfigError with paths, never echoing a pasted token. See packages/flyte-core/test/fuzz.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Databricks, databricksPlugin } from "@flyte-ts/plugin-databricks";
import { mostly, options, strange } from "../../flyte-core/test/fuzz/values.ts";
import { checkPluginConfigs } from "../../flyte-core/test/fuzz/plugin-property.ts";

const cluster = options({
  spark_version: mostly(fc.constantFrom("15.4.x-scala2.12", "")),
  node_type_id: mostly(fc.constantFrom("i3.xlarge", "")),
  num_workers: mostly(fc.integer({ min: -1, max: 2 ** 31 })),
  autoscale: mostly(options({ min_workers: mostly(fc.integer({ min: -1, max: 4 })), max_workers: mostly(fc.integer({ min: 0, max: 8 })) })),
  spark_conf: mostly(fc.dictionary(fc.constantFrom("spark.executor.memory", "a"), fc.constantFrom("4g", "x"))),
}, { oddOneIn: 20 });
const config = options({
  databricksConf: mostly(fc.oneof(
    fc.record({ existing_cluster_id: mostly(fc.constantFrom("0123-abc", "")) }),
    fc.record({ new_cluster: cluster, timeout_seconds: mostly(fc.integer({ min: -1, max: 2 ** 31 })), run_name: mostly(fc.string({ maxLength: 5 })) }, { requiredKeys: ["new_cluster"] }),
    strange,
  )),
  databricksInstance: mostly(fc.constantFrom("acme.cloud.databricks.com", "https://acme.cloud.databricks.com/")),
  databricksToken: mostly(fc.constantFrom("DATABRICKS_TOKEN", "dapi0123456789abcdef0123456789abcdef", "")),
  sparkConf: mostly(fc.dictionary(fc.constantFrom("spark.executor.instances", "spark.driver.memory"), fc.constantFrom("2", "4g", "-1"))),
}, { oddOneIn: 20 });

describe("Databricks config, any input", () => {
  it("is refused with a ConfigError or serializes and renders", { timeout: 240_000 }, async () => {
    const runs = 4_000;
    const rendered = await checkPluginConfigs(config, runs, databricksPlugin, (o) => new Databricks(o));
    expect(rendered).toBeGreaterThan(10);
  });
});
