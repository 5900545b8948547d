// Property-based test of RayJobConfig: accepted ⇒ the task serializes and its RayJob renders (and
// matches the CRD); refused ⇒ a ConfigError with paths. See packages/flyte-core/test/fuzz.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HeadNodeConfig, RayJobConfig, WorkerNodeConfig, rayPlugin } from "@flyte-ts/plugin-ray";
import { mostly, options, strange } from "../../flyte-core/test/fuzz/values.ts";
import { checkPluginConfigs } from "../../flyte-core/test/fuzz/plugin-property.ts";

const resources = options({
  cpu: mostly(fc.oneof(fc.constantFrom(1, 2, 0.5, 1.5, "500m", "2", "1.5"), fc.tuple(fc.constantFrom(1, "1"), fc.constantFrom(2, "2")))),
  memory: mostly(fc.constantFrom("1Gi", "512Mi", "1G")),
  gpu: mostly(fc.constantFrom(0, 1, "1", "A100:1", "T4 shared:1")),
  shm: mostly(fc.constantFrom("auto", "1Gi")),
  disk: mostly(fc.constantFrom("10Gi")),
}, { oddOneIn: 20 });
const startParams = mostly(fc.dictionary(fc.constantFrom("num-cpus", "num-gpus", "block", "dashboard-host", "object-store-memory"), mostly(fc.constantFrom("1", "2", "0.5", "true", ""))));
const podTemplate = options({
  primaryContainerName: mostly(fc.constantFrom("ray-head", "ray-worker", "primary")),
  podSpec: mostly(fc.record({ containers: fc.array(fc.record({ name: fc.constantFrom("ray-head", "ray-worker", "sidecar"), env: mostly(fc.array(fc.record({ name: fc.constantFrom("A", "B"), value: fc.constantFrom("1", "") }), { maxLength: 2 })) }, { requiredKeys: ["name"] }), { maxLength: 2 }) })),
}, { oddOneIn: 20 });
const node = { rayStartParams: startParams, requests: resources, limits: resources, podTemplate };
const worker = options({
  groupName: mostly(fc.constantFrom("workers", "gpu-group", "Bad_Name", "a".repeat(64))),
  replicas: mostly(fc.integer({ min: -1, max: 4 })),
  minReplicas: mostly(fc.integer({ min: 0, max: 4 })),
  maxReplicas: mostly(fc.constantFrom(1, 4, 2 ** 31)),
  ...node,
}, { oddOneIn: 20, requiredKeys: ["groupName", "replicas"] });
const config = options({
  workerNodeConfig: mostly(fc.array(fc.oneof(worker, worker.map((o) => { try { return new WorkerNodeConfig(o as never); } catch { return o; } })), { maxLength: 2 })),
  headNodeConfig: mostly(fc.oneof(options(node, { oddOneIn: 20 }), options(node, { oddOneIn: 20 }).map((o) => { try { return new HeadNodeConfig(o as never); } catch { return o; } }))),
  enableAutoscaling: mostly(fc.boolean()),
  autoscalerOptions: mostly(options({ upscalingMode: mostly(fc.constantFrom("Default", "Aggressive", "Conservative")), idleTimeoutSeconds: mostly(fc.integer({ min: 0, max: 2 ** 31 })), env: mostly(fc.dictionary(fc.constantFrom("A"), fc.constantFrom("1", ""))), resources })),
  runtimeEnv: mostly(fc.oneof(fc.constant({ pip: ["numpy"] }), fc.dictionary(fc.constantFrom("env_vars", "pip", "working_dir"), strange))),
  shutdownAfterJobFinishes: mostly(fc.boolean()),
  ttlSecondsAfterFinished: mostly(fc.integer({ min: -1, max: 2 ** 31 })),
}, { oddOneIn: 20 });

describe("RayJobConfig, any input", () => {
  it("is refused with a ConfigError or serializes and renders", { timeout: 240_000 }, async () => {
    const runs = 4_000;
    const rendered = await checkPluginConfigs(config, runs, rayPlugin, (o) => new RayJobConfig(o));
    expect(rendered).toBeGreaterThan(runs / 50);
  });
});
