import { FlyteTsError, checkAgainstSchema, type OpenApiSchema } from "@flyte-ts/core";

let schema: Promise<OpenApiSchema> | undefined;

// The schema is ~200 KB: loaded on the first render only, so importing the plugin stays cheap.
function rayJobSchema(): Promise<OpenApiSchema> {
  schema ??= import("../crd/rayjob.v1.schema.json", { with: { type: "json" } }).then((m) => m.default as OpenApiSchema);
  return schema;
}

/** Throws when the RayJob does not conform to KubeRay v1.5.0's CRD (ray.io/v1), naming each path. */
export async function assertValidRayJob(resource: Record<string, unknown>, what: string): Promise<void> {
  const violations = checkAgainstSchema(resource, await rayJobSchema());
  if (violations.length === 0) return;
  const lines = violations.map((v) => `  - ${v.path}: ${v.message} (schema: ${v.schemaPath})`);
  throw new FlyteTsError("SERIALIZATION", `The RayJob for ${what} does not match the RayJob CRD (KubeRay v1.5.0, ray.io/v1):\n${lines.join("\n")}`);
}
