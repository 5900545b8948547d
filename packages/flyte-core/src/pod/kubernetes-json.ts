import { createRequire } from "node:module";
import { isPlainObject } from "../util/issues.ts";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

type Serializer = { serialize(data: unknown, type: string): unknown };
let serializer: Serializer | undefined;

// @kubernetes/client-node costs ~0.5 s to import, so it is loaded only when a model instance
// (e.g. `new V1PodSpec()`) has to be turned into Kubernetes JSON; plain JSON never needs it.
function objectSerializer(): Serializer {
  if (!serializer) {
    const require = createRequire(import.meta.url);
    serializer = (require("@kubernetes/client-node/dist/serializer.js") as { ObjectSerializer: Serializer }).ObjectSerializer;
  }
  return serializer;
}

function hasClassInstance(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasClassInstance);
  if (value === null || typeof value !== "object") return false;
  if (!isPlainObject(value)) return !((value as object) instanceof Date);
  return Object.values(value).some(hasClassInstance);
}

/**
 * Kubernetes JSON for a value given as plain JSON or as @kubernetes/client-node models: a deep copy with
 * `null`/`undefined` dropped at every level, empty arrays and objects kept, numbers and strings as given.
 * `type` is the client-node model name used when the value holds model instances.
 */
export function toKubernetesJson(value: unknown, type: string): JsonObject {
  const source = hasClassInstance(value) ? objectSerializer().serialize(value, type) : value;
  return dropNullish(source) as JsonObject;
}

/**
 * Deep copy without `null`/`undefined` fields; Dates become ISO strings as in the Kubernetes API. List
 * items keep their positions (a null item stays null), as the Python client writes them.
 */
export function dropNullish(value: unknown): JsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((item) => dropNullish(item) ?? null);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      const v = dropNullish(item);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}
