// The plugin's config schema: normalises a RayJobConfig (class instances or plain objects) and reports
// every problem with its path under `pluginConfig`, including the checks the reference does not make.
import { ConfigError, toKubernetesJson } from "@flyte-ts/core";
import { z } from "zod";
import { UPSCALING_MODES } from "./config/upscaling-mode.ts";
import { RAY_JOB_CONFIG_KIND } from "./config/ray-job-config.ts";
import { DNS_LABEL, int32, podTemplateField, resourcesField } from "./fields.ts";
import { checkNodeResources } from "./node-resources.ts";
import { rayStartParamsField } from "./ray-start-params.ts";

const nodeFields = {
  rayStartParams: rayStartParamsField.optional(),
  podTemplate: podTemplateField.optional(),
  requests: resourcesField.optional(),
  limits: resourcesField.optional(),
};

export const HeadNodeConfigSchema = z.strictObject(nodeFields).superRefine(checkNodeResources);

export const WorkerNodeConfigSchema = z
  .strictObject({
    groupName: z.string().max(63).regex(DNS_LABEL, "must be a lower-case DNS label (a-z, 0-9, '-'), used in pod names"),
    replicas: int32.min(0),
    minReplicas: int32.min(0).optional(),
    maxReplicas: int32.min(0).optional(),
    ...nodeFields,
  })
  .superRefine(checkNodeResources)
  .superRefine((worker, ctx) => {
    // The backend clamps min to replicas and max up to replicas: out-of-range bounds would be changed
    // silently, so they are mistakes to report.
    const { replicas, minReplicas, maxReplicas } = worker;
    if (minReplicas !== undefined && maxReplicas !== undefined && minReplicas > maxReplicas) {
      ctx.addIssue({ code: "custom", path: ["minReplicas"], message: `minReplicas (${minReplicas}) must not exceed maxReplicas (${maxReplicas})` });
    } else if (minReplicas !== undefined && replicas < minReplicas) {
      ctx.addIssue({ code: "custom", path: ["replicas"], message: `replicas (${replicas}) is below minReplicas (${minReplicas}); the backend would lower minReplicas to ${replicas}` });
    } else if (maxReplicas !== undefined && replicas > maxReplicas) {
      ctx.addIssue({ code: "custom", path: ["replicas"], message: `replicas (${replicas}) is above maxReplicas (${maxReplicas}); the backend would raise maxReplicas to ${replicas}` });
    }
  });

export const AutoscalerOptionsSchema = z
  .strictObject({
    upscalingMode: z.enum(UPSCALING_MODES).optional(),
    // 0 is the proto default, which the backend reads as "not set".
    idleTimeoutSeconds: int32.min(1).optional(),
    image: z.string().min(1).optional(),
    env: z.record(z.string(), z.string()).optional(),
    resources: resourcesField.optional(),
  })
  .superRefine((options, ctx) => {
    if (options.resources?.shm !== undefined) {
      ctx.addIssue({ code: "custom", path: ["resources", "shm"], message: "shm cannot be set for the autoscaler: it is a volume, not a container resource, and would be ignored" });
    }
  });

// z.json() recurses without limit: a cycle or a very deep value would overflow the stack. Core's
// Kubernetes-JSON check reports those (and Maps, bigints, …) with their paths first.
const jsonTree = z.unknown().transform((value, ctx) => {
  try {
    toKubernetesJson(value, "runtimeEnv");
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const issue of err.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path] });
    return z.NEVER;
  }
  return value;
});

export const RayJobConfigSchema = z
  .strictObject({
    kind: z.literal(RAY_JOB_CONFIG_KIND),
    workerNodeConfig: z.array(WorkerNodeConfigSchema).default([]),
    headNodeConfig: HeadNodeConfigSchema.optional(),
    enableAutoscaling: z.boolean().default(false),
    autoscalerOptions: AutoscalerOptionsSchema.optional(),
    runtimeEnv: jsonTree.pipe(z.record(z.string(), z.json())).optional(),
    address: z.string().min(1).optional(),
    shutdownAfterJobFinishes: z.boolean().default(false),
    ttlSecondsAfterFinished: int32.min(0).optional(),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.workerNodeConfig.forEach((worker, i) => {
      const first = seen.get(worker.groupName);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["workerNodeConfig", i, "groupName"], message: `duplicate worker group name "${worker.groupName}" (also workerNodeConfig[${first}]); KubeRay needs unique group names` });
      } else seen.set(worker.groupName, i);
      if (config.enableAutoscaling && worker.maxReplicas === undefined) {
        ctx.addIssue({ code: "custom", path: ["workerNodeConfig", i, "maxReplicas"], message: `with enableAutoscaling, give maxReplicas (the autoscaler's upper bound); without it the backend uses replicas (${worker.replicas}) and the group never grows` });
      }
    });
    if (config.autoscalerOptions !== undefined && !config.enableAutoscaling) {
      ctx.addIssue({ code: "custom", path: ["autoscalerOptions"], message: "autoscalerOptions have no effect unless enableAutoscaling is true" });
    }
  });

export type RayJobSpec = z.output<typeof RayJobConfigSchema>;
export type HeadNodeSpec = z.output<typeof HeadNodeConfigSchema>;
export type WorkerNodeSpec = z.output<typeof WorkerNodeConfigSchema>;
export type AutoscalerOptionsSpec = z.output<typeof AutoscalerOptionsSchema>;
