import { FlyteTsError, checkAgainstSchema, type OpenApiSchema } from "@flyte-ts/core";

let schema: Promise<OpenApiSchema> | undefined;

/**
 * The openAPIV3Schema of the SparkApplication CRD, v1beta2 (spark-operator v2.5.2), loaded on first use
 * so that importing the plugin stays cheap. Derived at bootstrap from the operator's Go module (`pnpm run vendor:crds`).
 */
export function sparkApplicationSchema(): Promise<OpenApiSchema> {
  schema ??= import("../crd/sparkapplication.v1beta2.schema.json", { with: { type: "json" } }).then(
    (mod) => (mod as { default: OpenApiSchema }).default,
  );
  return schema;
}

/** Throws a SERIALIZATION error listing every schema violation (and field the API server would prune). */
export async function assertValidSparkApplication(resource: Record<string, unknown>, taskName: string): Promise<void> {
  const violations = checkAgainstSchema(resource, await sparkApplicationSchema());
  if (violations.length === 0) return;
  const lines = violations.map((v) => `  - ${v.path}: ${v.message} (schema: ${v.schemaPath})`);
  throw new FlyteTsError(
    "SERIALIZATION",
    `The SparkApplication for task ${taskName} does not match the CRD schema sparkoperator.k8s.io/v1beta2 (spark-operator v2.5.2):\n${lines.join("\n")}`,
  );
}
