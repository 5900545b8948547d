import { createRequire } from "node:module";
import type { IssuePath } from "../errors.ts";
import { IssueCollector, isPlainObject } from "../util/issues.ts";
import { show } from "../util/show.ts";

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
  const issues = new IssueCollector();
  checkKubernetesValue(issues, value, [], 0, new Set());
  issues.throwIfAny(type);
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

/** Deeper than this is no pod spec (the deepest real field, a probe's exec command, is about 10 levels). */
export const MAX_KUBERNETES_JSON_DEPTH = 64;

// What Kubernetes JSON may hold: plain objects, lists, strings, finite numbers, booleans, null/undefined
// (dropped), Dates and @kubernetes/client-node model instances (each model class lists its fields in
// `attributeTypeMap`). A Map, a typed array, a bigint or a cycle would be written as something else than
// what was meant, or crash the serializer, so each is reported with its path.
function checkKubernetesValue(issues: IssueCollector, value: unknown, path: IssuePath, depth: number, open: Set<object>): void {
  if (value === null || value === undefined || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) issues.add(path, `must be a finite number, got ${show(value)}`);
    return;
  }
  if (typeof value !== "object") {
    issues.add(path, `must be JSON (an object, a list, a string, a number or a boolean), got ${show(value)}`);
    return;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) issues.add(path, "must be a valid date, got an invalid Date");
    return;
  }
  if (depth >= MAX_KUBERNETES_JSON_DEPTH) {
    issues.add(path, `is nested deeper than ${MAX_KUBERNETES_JSON_DEPTH} levels`);
    return;
  }
  if (open.has(value)) {
    issues.add(path, "refers back to an object that contains it (a cycle): Kubernetes JSON is a tree");
    return;
  }
  if (!Array.isArray(value) && !isPlainObject(value) && !isKubernetesModel(value)) {
    issues.add(path, `must be JSON (an object, a list, a string, a number or a boolean), got ${show(value)}`);
    return;
  }
  open.add(value);
  if (Array.isArray(value)) value.forEach((item, i) => checkKubernetesValue(issues, item, [...path, i], depth + 1, open));
  else for (const [key, item] of Object.entries(value)) checkKubernetesValue(issues, item, [...path, key], depth + 1, open);
  open.delete(value);
}

function isKubernetesModel(value: object): boolean {
  const model = (value as { constructor?: { attributeTypeMap?: unknown; getAttributeTypeMap?: unknown } }).constructor;
  return Array.isArray(model?.attributeTypeMap) || typeof model?.getAttributeTypeMap === "function";
}
