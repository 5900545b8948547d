import type { Resources } from "@flyte-ts/core";
import type { z } from "zod";

/**
 * Checks of a head's or worker group's `requests`/`limits`. The reference crashes on some of these
 * (KeyError for disk and shm, a ValueError for pairs); here they are reported, or handled:
 * - `disk` becomes the container's `ephemeral-storage` (done by core's podSpecFromResources);
 * - `shm` in requests becomes the group's shared-memory volume (`extendedResources.sharedMemory`),
 *   which the backend mounts; in limits it has no meaning and is rejected;
 * - [request, limit] pairs are rejected: requests and limits are given separately here;
 * - a typed GPU only in limits is rejected: the backend takes the accelerator type from requests only,
 *   so the GPU would land on any node.
 */
export function checkNodeResources(node: { requests?: Resources | undefined; limits?: Resources | undefined }, ctx: z.RefinementCtx): void {
  for (const side of ["requests", "limits"] as const) {
    const res = node[side];
    if (!res) continue;
    for (const field of ["cpu", "memory"] as const) {
      if (Array.isArray(res[field])) {
        ctx.addIssue({ code: "custom", path: [side, field], message: `${field} must be a single value here, not a [request, limit] pair: give requests and limits separately` });
      }
    }
    // The node's container takes cpu as written, and the RayJob CRD accepts an integer or a quantity
    // string there: a fractional number would be refused when the RayJob is created.
    if (typeof res.cpu === "number" && !Number.isInteger(res.cpu)) {
      ctx.addIssue({ code: "custom", path: [side, "cpu"], message: `a fractional cpu must be a quantity string here, such as "${res.cpu * 1000}m" or "${res.cpu}": the RayJob CRD takes an integer or a string` });
    }
  }
  if (node.limits?.shm !== undefined) {
    ctx.addIssue({ code: "custom", path: ["limits", "shm"], message: "shm is a shared-memory volume, not a limit: set it in requests" });
  }
  const limitGpu = node.limits?.gpu;
  if (limitGpu !== undefined && typeof limitGpu !== "number" && node.requests?.gpu === undefined) {
    ctx.addIssue({ code: "custom", path: ["limits", "gpu"], message: "a GPU type given only in limits is ignored by the backend (it reads the accelerator from requests): set gpu in requests" });
  }
}
