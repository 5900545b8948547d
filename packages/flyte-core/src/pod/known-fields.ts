// Pod specs are checked against the field names of the Kubernetes models (generated at build time from
// @kubernetes/client-node into src/gen): a misspelt or unknown field is refused where it is declared,
// with its path, instead of failing at render or being dropped by the cluster.
import podSpecFields from "../gen/k8s/pod-spec-fields.json" with { type: "json" };
import type { IssuePath } from "../errors.ts";
import type { IssueCollector } from "../util/issues.ts";

const TYPES = podSpecFields.types as Record<string, Record<string, string>>;

// "Array<V1Container>" → ["item", "V1Container"]; "{ [key: string]: V1X; }" → ["value", "V1X"]; "V1X" → ["object", "V1X"].
function shapeOf(type: string): ["item" | "value" | "object", string] | undefined {
  const m = /^(Array<|\{ \[key: string\]: )?([A-Z]\w*)(?:>|; \})?$/.exec(type);
  if (!m || !TYPES[m[2]!]) return undefined;
  return [m[1] === undefined ? "object" : m[1].startsWith("Array") ? "item" : "value", m[2]!];
}

/** Adds an issue for every field of `value` (Kubernetes JSON of model `type`) that the model does not have. */
export function checkKnownFields(issues: IssueCollector, value: unknown, type: string, path: IssuePath): void {
  const fields = TYPES[type];
  if (!fields || value === null || typeof value !== "object" || Array.isArray(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const fieldType = fields[key];
    if (fieldType === undefined) {
      issues.add([...path, key], `unknown field of ${type.replace(/^V1/, "")}; allowed: ${Object.keys(fields).join(", ")}`);
      continue;
    }
    const shape = shapeOf(fieldType);
    if (!shape) continue;
    const [kind, nested] = shape;
    if (kind === "object") checkKnownFields(issues, item, nested, [...path, key]);
    else if (kind === "item" && Array.isArray(item)) item.forEach((entry, i) => checkKnownFields(issues, entry, nested, [...path, key, i]));
    else if (kind === "value" && item !== null && typeof item === "object") {
      for (const [k, v] of Object.entries(item)) checkKnownFields(issues, v, nested, [...path, key, k]);
    }
  }
}
