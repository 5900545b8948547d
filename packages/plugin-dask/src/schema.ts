// The plugin's config schema: normalises a Dask config and reports every problem with its path under
// `pluginConfig`, including checks the reference does not make.
import { ConfigError, Resources } from "@flyte-ts/core";
import { z } from "zod";
import { DASK_CONFIG_KIND } from "./config/dask.ts";

const resourcesField = z.unknown().transform((value, ctx) => {
  try {
    return Resources.from(value as never);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const issue of err.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path] });
    return z.NEVER;
  }
});

/**
 * Role resources the backend cannot use as given: it copies them into the pod without translating
 * resource names, so a GPU becomes the resource "gpu", which Kubernetes rejects; shm is not a container
 * resource and the reference drops it.
 */
function checkRoleResources(role: "scheduler" | "workers") {
  return (value: { resources?: Resources | undefined }, ctx: z.RefinementCtx) => {
    if (value.resources?.gpu !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["resources", "gpu"],
        message: `GPUs cannot be requested in ${role}.resources: the backend passes them on as the resource name "gpu", which Kubernetes rejects. Request the GPU in the task's resources (TaskEnvironment({ resources: { gpu: ... } })) and leave ${role}.resources unset, so that the ${role === "workers" ? "workers use" : "scheduler uses"} the task's resources, where the GPU is translated (nvidia.com/gpu, node selectors).`,
      });
    }
    if (value.resources?.shm !== undefined) {
      ctx.addIssue({ code: "custom", path: ["resources", "shm"], message: `shm cannot be set in ${role}.resources: shared memory is a volume, which the Dask plugin does not create; it would be ignored` });
    }
  };
}

const image = z.string().min(1, "must not be empty (omit image to use the task's image)");

export const SchedulerSchema = z
  .strictObject({ image: image.optional(), resources: resourcesField.optional() })
  .superRefine(checkRoleResources("scheduler"));

export const WorkerGroupSchema = z
  .strictObject({
    // uint32 on the wire; 0 would start no workers (the backend's default when omitted).
    numberOfWorkers: z.int("must be a positive integer").min(1, "must be a positive integer (at least 1 worker)").max(2 ** 32 - 1).default(1),
    image: image.optional(),
    resources: resourcesField.optional(),
  })
  .superRefine(checkRoleResources("workers"));

export const DaskSchema = z.strictObject({
  kind: z.literal(DASK_CONFIG_KIND),
  scheduler: SchedulerSchema.default({}),
  workers: WorkerGroupSchema.default({ numberOfWorkers: 1 }),
});

export type DaskSpec = z.output<typeof DaskSchema>;
