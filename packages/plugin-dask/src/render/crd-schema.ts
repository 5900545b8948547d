import { FlyteTsError, checkAgainstSchema, type OpenApiSchema } from "@flyte-ts/core";

let schema: Promise<OpenApiSchema> | undefined;

// The schema is ~150 KB: loaded on the first render only, so importing the plugin stays cheap.
function daskJobSchema(): Promise<OpenApiSchema> {
  schema ??= import("../crd/daskjob.v1.schema.json", { with: { type: "json" } }).then((m) => withObjectFields(m.default as OpenApiSchema));
  return schema;
}

// The Dask CRD's root schema declares only spec and status; the API server always accepts the fields
// every object has, so they are added here rather than reported as unknown.
function withObjectFields(root: OpenApiSchema): OpenApiSchema {
  return {
    ...root,
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      ...root.properties,
    },
  };
}

/** Throws when the DaskJob does not conform to the dask-kubernetes 2023.6.0 CRD, naming each path. */
export async function assertValidDaskJob(resource: Record<string, unknown>, what: string): Promise<void> {
  const violations = checkAgainstSchema(resource, await daskJobSchema());
  if (violations.length === 0) return;
  const lines = violations.map((v) => `  - ${v.path}: ${v.message} (schema: ${v.schemaPath})`);
  throw new FlyteTsError("SERIALIZATION", `The DaskJob for ${what} does not match the DaskJob CRD (dask-kubernetes 2023.6.0, kubernetes.dask.org/v1):\n${lines.join("\n")}`);
}
