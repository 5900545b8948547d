import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const examplesDir = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(examplesDir, "../packages/flyte-core/bin/flyte-ts.js");

describe("flyte-ts plugins in a project that installs every plugin", { timeout: 60_000 }, () => {
  it("finds, loads and lists the four engine plugins (ESM-only packages)", () => {
    const r = spawnSync(process.execPath, [cli, "plugins", "--json"], { cwd: examplesDir, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const plugins = JSON.parse(r.stdout) as Array<{ name: string; taskType: string; configKind: string }>;
    expect(plugins.map((p) => [p.name, p.taskType, p.configKind])).toEqual([
      ["@flyte-ts/plugin-dask", "dask", "@flyte-ts/plugin-dask#Dask"],
      ["@flyte-ts/plugin-databricks", "databricks", "@flyte-ts/plugin-databricks#Databricks"],
      ["@flyte-ts/plugin-ray", "ray", "@flyte-ts/plugin-ray#RayJobConfig"],
      ["@flyte-ts/plugin-spark", "spark", "@flyte-ts/plugin-spark#Spark"],
    ]);
  });
});
