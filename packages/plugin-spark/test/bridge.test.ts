// The driver bridge's packaging and its command line; what it does in a Spark driver is tested against real
// Spark in examples/test/spark-driver.spark.test.ts.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { SPARK_DRIVER_BRIDGE, sparkDriverBridgePath } from "@flyte-ts/plugin-spark";
import { describe, expect, it } from "vitest";

describe("Spark driver bridge", () => {
  it("ships in the package (files) at the path sparkDriverBridgePath() gives", () => {
    const path = sparkDriverBridgePath();
    expect([basename(path), existsSync(path)]).toEqual([SPARK_DRIVER_BRIDGE, true]);
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { files: string[] };
    expect(manifest.files).toContain("bridge");
  });

  it("without a command to run it exits 2 with its usage, before starting Spark", () => {
    const r = spawnSync("python3", [sparkDriverBridgePath()], { encoding: "utf8" });
    expect([r.status, r.stderr]).toEqual([2, "[flyte-ts spark driver] usage: flyte_ts_spark_driver.py <command> [args...], e.g. a0 --inputs ... task <name>\n"]);
  });
});
