// Checks of a Ray task's settings that need more than its config: the reference's reuse-policy rules
// (python-sdk-behaviour §3.3.2, same messages and order) and the TTL that the backend would ignore.
import type { ConfigIssue, TaskSettings } from "@flyte-ts/core";
import type { RayJobSpec } from "./schema.ts";

export function rayTaskIssues(task: TaskSettings, config: RayJobSpec): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const reusable = task.reusable;
  if (reusable === undefined) {
    // The backend applies the task's TTL only together with shutdownAfterJobFinishes (backend-contract §3.2).
    if (config.ttlSecondsAfterFinished !== undefined && !config.shutdownAfterJobFinishes) {
      issues.push({
        path: ["pluginConfig", "ttlSecondsAfterFinished"],
        message: "ttlSecondsAfterFinished is ignored unless shutdownAfterJobFinishes is true (the platform's TTL applies instead); set shutdownAfterJobFinishes: true or remove it",
      });
    }
    return issues;
  }
  if (reusable.maxReplicas !== 1) {
    issues.push({
      path: ["reusable", "replicas"],
      message: `Reusable Ray tasks currently support exactly 1 replica (one shared RayCluster); got replicas=(${reusable.minReplicas}, ${reusable.maxReplicas}). Use ReusePolicy(replicas=1).`,
    });
  }
  if (reusable.concurrency !== 1) {
    issues.push({
      path: ["reusable", "concurrency"],
      message: `Reusable Ray tasks currently doesn't support setting concurrency; got concurrency=${reusable.concurrency}.`,
    });
  }
  if (config.shutdownAfterJobFinishes) {
    issues.push({
      path: ["pluginConfig", "shutdownAfterJobFinishes"],
      message: "shutdown_after_job_finishes cannot be used with a reuse policy: the shared RayCluster must outlive individual jobs. Remove shutdown_after_job_finishes; the cluster is shut down after ReusePolicy(idle_ttl=...) of inactivity.",
    });
  }
  if (config.ttlSecondsAfterFinished !== undefined) {
    issues.push({
      path: ["pluginConfig", "ttlSecondsAfterFinished"],
      message: "ttl_seconds_after_finished is ignored when a reuse policy is set; use ReusePolicy(idle_ttl=...) to control when the shared RayCluster is shut down.",
    });
  }
  return issues;
}
