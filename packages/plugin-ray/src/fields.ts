// zod fields for the core types a Ray config holds (Resources, PodTemplate), turning core's
// ConfigErrors into zod issues so that every problem keeps its full path under `pluginConfig`.
import { ConfigError, PodTemplate, Resources, isPodTemplate, type PodTemplateOptions } from "@flyte-ts/core";
import { z } from "zod";

function fromCore<T>(build: () => T, ctx: z.RefinementCtx): T {
  try {
    return build();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const issue of err.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path] });
    return z.NEVER;
  }
}

/** A `Resources` or a plain object of its shape, normalised to `Resources`. */
export const resourcesField = z.unknown().transform((value, ctx) => fromCore(() => Resources.from(value as never), ctx));

/** A `PodTemplate` or its options, normalised to `PodTemplate`. */
export const podTemplateField = z.unknown().transform((value, ctx) => {
  if (typeof value === "string") {
    ctx.addIssue({ code: "custom", message: "must be a PodTemplate (a named cluster pod template cannot be used per Ray node group)" });
    return z.NEVER;
  }
  return fromCore(() => (isPodTemplate(value) ? value : new PodTemplate(value as PodTemplateOptions)), ctx);
});

/** A proto int32 (KubeRay's replica counts and TTLs are int32). */
export const int32 = z.int().max(2 ** 31 - 1);

/** A Kubernetes name part (RFC 1123 label). */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
