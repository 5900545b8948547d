// The reference's reuse-policy rules for Ray tasks (python-sdk-behaviour §3.3.2): same messages, same order.
import { describe, expect, it } from "vitest";
import { ReusePolicy, TaskEnvironment } from "@flyte-ts/core";
import { RayJobConfig, WorkerNodeConfig } from "@flyte-ts/plugin-ray";
import { issuesOf, rayTask } from "./helpers.ts";

const config = (options: ConstructorParameters<typeof RayJobConfig>[0] = {}) =>
  new RayJobConfig({ workerNodeConfig: [new WorkerNodeConfig({ groupName: "w", replicas: 1 })], ...options });

describe("reusable Ray tasks", () => {
  it("accept ReusePolicy({ replicas: 1 })", () => {
    expect(() => rayTask(config(), new ReusePolicy({ replicas: 1 }))).not.toThrow();
  });

  it("reject more than one replica, including ReusePolicy()'s default of 2", () => {
    expect(issuesOf(() => rayTask(config(), new ReusePolicy()))).toEqual([
      ["reusable.replicas", "Reusable Ray tasks currently support exactly 1 replica (one shared RayCluster); got replicas=(2, 2). Use ReusePolicy(replicas=1)."],
    ]);
    expect(issuesOf(() => rayTask(config(), new ReusePolicy({ replicas: [1, 3] })))[0]![1]).toContain("got replicas=(1, 3).");
  });

  it("reject concurrency", () => {
    expect(issuesOf(() => rayTask(config(), new ReusePolicy({ replicas: 1, concurrency: 4 })))).toEqual([
      ["reusable.concurrency", "Reusable Ray tasks currently doesn't support setting concurrency; got concurrency=4."],
    ]);
  });

  it("reject shutdownAfterJobFinishes and any TTL, even 0, in the reference's order", () => {
    expect(issuesOf(() => rayTask(config({ shutdownAfterJobFinishes: true, ttlSecondsAfterFinished: 0 }), new ReusePolicy({ replicas: [2, 2], concurrency: 2 })))).toEqual([
      ["reusable.replicas", "Reusable Ray tasks currently support exactly 1 replica (one shared RayCluster); got replicas=(2, 2). Use ReusePolicy(replicas=1)."],
      ["reusable.concurrency", "Reusable Ray tasks currently doesn't support setting concurrency; got concurrency=2."],
      ["pluginConfig.shutdownAfterJobFinishes", "shutdown_after_job_finishes cannot be used with a reuse policy: the shared RayCluster must outlive individual jobs. Remove shutdown_after_job_finishes; the cluster is shut down after ReusePolicy(idle_ttl=...) of inactivity."],
      ["pluginConfig.ttlSecondsAfterFinished", "ttl_seconds_after_finished is ignored when a reuse policy is set; use ReusePolicy(idle_ttl=...) to control when the shared RayCluster is shut down."],
    ]);
  });

  it("re-check on override", () => {
    const env = new TaskEnvironment({ name: "ray_reuse_override", image: "x:1", pluginConfig: config() });
    const task = env.task(async function work() { return 1; });
    expect(issuesOf(() => task.override({ reusable: new ReusePolicy({ replicas: 1, concurrency: 3 }) }))).toEqual([
      ["reusable.concurrency", "Reusable Ray tasks currently doesn't support setting concurrency; got concurrency=3."],
    ]);
  });
});
