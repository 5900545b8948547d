// Declares and serializes the workload with flyte-ts; prints timings and peak memory as JSON.
import { Backoff, PodTemplate, RetryStrategy, SerializationContext, TaskEnvironment, Timeout, encodeTask } from "@flyte-ts/core";
import { workload } from "./workload.mjs";

const n = Number(process.argv[2] ?? 100);
const kinds = (process.argv[3] ?? "plain,pod,gpu").split(",");
const plugins: Record<string, any> = {};
for (const [kind, pkg] of [["spark", "@flyte-ts/plugin-spark"], ["ray", "@flyte-ts/plugin-ray"], ["dask", "@flyte-ts/plugin-dask"]] as const) {
  if (kinds.includes(kind)) plugins[kind] = await import(pkg);
}

function pluginConfig(kind: string): unknown {
  switch (kind) {
    case "spark": return new plugins.spark.Spark({ sparkConf: { "spark.executor.instances": "4", "spark.executor.memory": "8g" } });
    case "ray": return new plugins.ray.RayJobConfig({ workerNodeConfig: [new plugins.ray.WorkerNodeConfig({ groupName: "gpu", replicas: 2, requests: { cpu: "4", memory: "16Gi" } })] });
    case "dask": return new plugins.dask.Dask({ workers: new plugins.dask.WorkerGroup({ numberOfWorkers: 4 }) });
    default: return undefined;
  }
}

const t0 = performance.now();
const envs = new Map<string, TaskEnvironment>();
const tasks = [];
for (const d of workload(n, kinds)) {
  let env = envs.get(d.env);
  if (!env) {
    env = new TaskEnvironment({
      name: d.env,
      image: "ghcr.io/acme/bench:1",
      resources: d.kind === "gpu" ? { cpu: ["4", "8"], memory: ["16Gi", "32Gi"], gpu: "A100:2", shm: "auto" } : { cpu: ["1", "2"], memory: "4Gi" },
      envVars: { LOG_LEVEL: "info", REGION: "eu" },
      secrets: ["db-password"],
      pluginConfig: pluginConfig(d.kind) as never,
      podTemplate: d.kind === "pod"
        ? new PodTemplate({ podSpec: { containers: [{ name: "primary" }, { name: "sidecar", image: "envoy:1" }], tolerations: [{ key: "gpu", operator: "Exists" }] }, labels: { team: "data" } })
        : undefined,
    });
    envs.set(d.env, env);
  }
  tasks.push(env.task({
    name: d.name,
    retries: new RetryStrategy({ count: 3, backoff: new Backoff({ base: 5, factor: 2, cap: 60 }) }),
    timeout: new Timeout({ maxRuntime: 3600 }),
  }, async () => d.i));
}
const t1 = performance.now();
// As `flyte-ts serialize` does: one context for all tasks, each task encoded to its binary TaskSpec.
const sctx = new SerializationContext({ version: "bench", codeBundle: { computedVersion: "bench", pkl: "s3://bucket/bench.pkl" } });
let bytes = 0;
for (const task of tasks) bytes += encodeTask(task, sctx).binary.length;
const t2 = performance.now();
console.log(JSON.stringify({ tasks: tasks.length, declareMs: t1 - t0, serializeMs: t2 - t1, bytes, maxRssKb: process.resourceUsage().maxRSS }));
