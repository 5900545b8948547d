// Runs under plain node against the installed tarballs: one task for core and one per installed plugin.
import { readFileSync, readdirSync } from "node:fs";
import { z } from "zod";
import { TaskEnvironment, listPlugins, run, serializeTask, taskSpecToJson } from "@flyte-ts/core";

const installed = readdirSync(new URL("./node_modules/@flyte-ts/", import.meta.url));
const sctx = { version: "v1", codeBundle: { computedVersion: "v1", pkl: "file:///bundle.pkl" } };
const check = (cond, message) => { if (!cond) { console.error(message); process.exit(1); } };

const env = new TaskEnvironment({ name: "smoke", image: "img:1", resources: { cpu: 1, memory: "1Gi" } });
const plain = env.task({ output: z.int() }, async function plain() { return 1; });
check(taskSpecToJson(serializeTask(plain, sctx)).taskTemplate.type === "python", "plain task type");
check((await run(plain)) === 1, "plain task run");

// Each plugin: a config a user would write, and the task type it must produce.
const plugins = {
  "plugin-spark": async (m) => [new m.Spark({ sparkConf: { "spark.executor.instances": "2" } }), "spark"],
  "plugin-databricks": async (m) => [new m.Databricks({ databricksConf: { run_name: "smoke", existing_cluster_id: "1234-abc" }, databricksInstance: "example.cloud.databricks.com" }), "databricks"],
  "plugin-ray": async (m) => [new m.RayJobConfig({ workerNodeConfig: [new m.WorkerNodeConfig({ groupName: "workers", replicas: 1 })] }), "ray"],
  "plugin-dask": async (m) => [new m.Dask({}), "dask"],
};
// The Spark Connect client is a library, not a plugin: it loads under plain node and builds plans offline.
if (installed.includes("spark-connect")) {
  const m = await import("@flyte-ts/spark-connect");
  check(m.parseConnectionString("sc://localhost/;user_id=smoke").port === 15002, "spark-connect: connection string");
  check(typeof (await import("@flyte-ts/spark-connect/local")).startLocalSparkConnect === "function", "spark-connect/local: entry");
}
for (const name of installed.filter((n) => n !== "core" && n !== "spark-connect")) {
  const make = plugins[name];
  check(make, `no smoke config for @flyte-ts/${name}`);
  const mod = await import(`@flyte-ts/${name}`);
  const [config, type] = await make(mod);
  const penv = new TaskEnvironment({ name: `smoke-${name}`, image: "img:1", pluginConfig: config });
  const task = penv.task(async function work() { return 1; });
  const template = taskSpecToJson(serializeTask(task, sctx)).taskTemplate;
  check(template.type === type, `${name}: task type ${template.type}`);
  check(template.custom !== undefined, `${name}: no custom`);
  console.error(`@flyte-ts/${name}: ${type} task serialized`);
}
// The range core checks at registration is the one npm checked at install: the plugin's peer range.
for (const plugin of listPlugins()) {
  const manifest = JSON.parse(readFileSync(new URL(`./node_modules/${plugin.name}/package.json`, import.meta.url), "utf8"));
  const peer = manifest.peerDependencies?.["@flyte-ts/core"];
  check(plugin.coreApiRange === peer, `${plugin.name}: registered core range ${plugin.coreApiRange} differs from its peer range ${peer}`);
}
console.error(`plugins registered: ${listPlugins().map((p) => p.name).join(", ") || "(none)"}`);
