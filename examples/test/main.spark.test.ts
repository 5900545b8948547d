import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";

// The spark project's global setup (packages/spark-connect/test/spark-global-setup.ts) provides it.
declare module "vitest" {
  export interface ProvidedContext {
    sparkConnectUrl: string;
  }
}

// The README's main job, run as `pnpm --filter @flyte-ts/examples start` runs it (built packages). Its Spark
// example needs Spark: here the spark project's server, through SPARK_REMOTE.
const examplesDir = dirname(dirname(fileURLToPath(import.meta.url)));

describe("examples main job", { timeout: 120_000 }, () => {
  it("serializes and runs the basics examples locally", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", join(examplesDir, "src/main.ts"), "basics.ts", "spark.ts"], {
      cwd: examplesDir, encoding: "utf8", env: { ...process.env, SPARK_REMOTE: inject("sparkConnectUrl") },
    });
    expect(r.status, r.stderr).toBe(0);
    const spark = r.stdout.split("\n").find((l) => l.startsWith("--- spark-examples.word_count("));
    expect(spark).toMatch(/ returned \{"words":19,"counts":\[\{"word":"to","count":3,"stopWord":true\},.*"contentWords":8,"sparkVersion":"4\.3\.0","applicationId":"local-\d+"\}$/);
    const lines = r.stdout.split("\n").filter((l) => (l.startsWith("=== ") || l.startsWith("--- ")) && l.includes("./basics.ts") || l.startsWith("--- basics"));
    expect(lines).toEqual([
      "=== basics.add (add) — ./basics.ts",
      '--- basics.add({"a":2,"b":40}) returned 42',
      "=== basics.summarize (summarize) — ./basics.ts",
      '--- basics.summarize({"values":[1,2,3,4]}) returned {"count":4,"mean":2.5}',
      "=== basics-gpu.embed (embed) — ./basics.ts",
      '--- basics-gpu.embed({"text":"flyte"}) returned [0.4,0.4235294117647059,0.4745098039215686,0.4549019607843137]',
      "=== basics.add (add-big) — ./basics.ts",
      '--- basics.add({"a":2,"b":40}) returned 42',
    ]);
    const basics = r.stdout.slice(r.stdout.indexOf("=== basics.add"));
    const specs = basics.split(/^=== .*basics\.ts$/m).slice(1).map((chunk) => JSON.parse(chunk.slice(0, chunk.indexOf("\n---") === -1 ? undefined : chunk.indexOf("\n---"))));
    expect(specs.map((s) => s.taskTemplate.container?.resources ?? s.taskTemplate.k8sPod.podSpec.containers[0].resources)).toEqual([
      { requests: [{ name: "CPU", value: "1" }, { name: "MEMORY", value: "2Gi" }], limits: [{ name: "CPU", value: "2" }] },
      { requests: [{ name: "CPU", value: "1" }, { name: "MEMORY", value: "2Gi" }], limits: [{ name: "CPU", value: "2" }] },
      { requests: { cpu: "4", memory: "16Gi", gpu: "1" }, limits: {} },
      { requests: [{ name: "CPU", value: "4" }, { name: "MEMORY", value: "8Gi" }] },
    ]);
  });
});
