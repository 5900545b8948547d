import { z } from "zod";

// Keys KubeRay or the Flyte backend own. `labels` is rejected by KubeRay v1.6 (use pod labels instead);
// the others KubeRay writes into the `ray start` command itself (the head flag, the workers' head
// address), so a user value would conflict with them.
const RESERVED: Readonly<Record<string, string>> = {
  labels: "KubeRay rejects rayStartParams.labels; set labels on the group's podTemplate instead",
  head: "KubeRay adds --head to the head's ray start command itself",
  address: "KubeRay points every worker at the head's service itself",
};

/**
 * `ray start` parameters: string keys without leading dashes (KubeRay adds "--") and string values
 * (the backend's decoder rejects numbers and booleans in this map).
 */
export const rayStartParamsField = z.record(z.string(), z.string()).superRefine((params, ctx) => {
  for (const key of Object.keys(params)) {
    if (key.startsWith("-")) {
      ctx.addIssue({ code: "custom", path: [key], message: `write the parameter without dashes ("${key.replace(/^-+/, "")}"): KubeRay adds "--" itself` });
    } else if (Object.hasOwn(RESERVED, key)) {
      ctx.addIssue({ code: "custom", path: [key], message: `must not be set: ${RESERVED[key]}` });
    } else if (!/^[a-z0-9][a-z0-9-_]*$/.test(key)) {
      ctx.addIssue({ code: "custom", path: [key], message: `is not a ray start parameter name (lower-case words joined by "-")` });
    }
  }
});
