// @flyte-ts/spark-connect is an optional peer of the plugin: declaring and serializing Spark tasks work
// without it, and a body that asks for the Spark session gets an error saying what to install. "Not
// installed" is simulated with core's test hooks that hide packages from the module resolver.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, expect, it } from "vitest";

const pkgDir = resolve(import.meta.dirname, "..");
const hide = resolve(pkgDir, "../flyte-core/test/fixtures/hide-packages-register.mjs");
// Inside the package, so that its own dependencies resolve as an installed plugin's would.
const dir = mkdtempSync(join(pkgDir, ".tmp-no-spark-connect-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("without @flyte-ts/spark-connect, Spark tasks serialize and the session's first use says what to install", { timeout: 60_000 }, () => {
  const script = join(dir, "main.mjs");
  writeFileSync(script, [
    `import { SerializationContext, TaskEnvironment, ctx, encodeTask, run } from "@flyte-ts/core";`,
    `import { Spark } from "@flyte-ts/plugin-spark";`,
    `const env = new TaskEnvironment({ name: "no-connect", image: "ghcr.io/acme/spark:1", pluginConfig: new Spark({ sparkConf: { "spark.executor.instances": "2" } }) });`,
    `const task = env.task(async function query() { await ctx().data.spark.session; });`,
    `const spec = encodeTask(task, new SerializationContext({ version: "v1", rootDir: ${JSON.stringify(dir)} }));`,
    `let failure;`,
    `try { await run(task); } catch (e) { failure = { code: e.code, message: e.message }; }`,
    `console.log(JSON.stringify({ type: spec.json.taskTemplate.type, sparkConf: spec.json.taskTemplate.custom.sparkConf, failure }));`,
  ].join("\n"));
  const r = spawnSync(process.execPath, ["--import", hide, script], { cwd: pkgDir, encoding: "utf8", env: { ...process.env, HIDE_PACKAGES: "@flyte-ts/spark-connect" } });
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({
    type: "spark",
    sparkConf: { "spark.executor.instances": "2" },
    failure: {
      code: "EXECUTION",
      message: "ctx().data.spark.session needs the package @flyte-ts/spark-connect: install it (npm install @flyte-ts/spark-connect) next to @flyte-ts/plugin-spark",
    },
  });
});
