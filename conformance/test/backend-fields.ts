// The backend-only fields of conformance/backend-ignored-fields.yaml and how they are taken out of a
// resource before it is compared with `flyte-ts render` output.
//
// A path is dot-separated keys; `["a.b"]` quotes a key with dots, `*` is any key, `**` any number of
// levels, `[*]` any array item and `[name=X]` the array items whose `name` is X (X may end in `*`).
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { CONFORMANCE_DIR } from "./compare.ts";

type Json = Record<string, unknown>;

export interface IgnoredField {
  readonly path: string;
  /** Resource kinds it applies to; all when absent. */
  readonly kinds?: readonly string[];
  /** `empty`: removed only when it is {}, [] or ""; `zero`: also when false or the zero quantity "0". */
  readonly when?: "empty" | "zero";
  readonly why: string;
}

export interface PrunedField {
  readonly kind: string;
  readonly path: string;
  readonly why: string;
}

export interface BackendIgnoredFields {
  readonly backend: string;
  readonly substitutions: Readonly<Record<string, string>>;
  readonly fields: readonly IgnoredField[];
  readonly pruned: readonly PrunedField[];
}

export function loadBackendIgnoredFields(): BackendIgnoredFields {
  const doc = parse(readFileSync(`${CONFORMANCE_DIR}backend-ignored-fields.yaml`, "utf8")) as BackendIgnoredFields;
  return { backend: doc.backend, substitutions: doc.substitutions ?? {}, fields: doc.fields ?? [], pruned: doc.pruned ?? [] };
}

type Segment = { key: string } | { any: true } | { deep: true } | { index: true } | { name: string };

export function parseFieldPath(path: string): Segment[] {
  const out: Segment[] = [];
  const re = /\["([^"]+)"\]|\[\*\]|\[name=([^\]]+)\]|\*\*|\*|[^.[\]]+/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push({ key: m[1] });
    else if (m[0] === "[*]") out.push({ index: true });
    else if (m[2] !== undefined) out.push({ name: m[2] });
    else if (m[0] === "**") out.push({ deep: true });
    else if (m[0] === "*") out.push({ any: true });
    else out.push({ key: m[0] });
  }
  return out;
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function isEmpty(value: unknown, when: IgnoredField["when"]): boolean {
  if (when === undefined) return true;
  if (value === "" || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0)) return true;
  return when === "zero" && (value === false || value === "0");
}

const nameMatches = (pattern: string, name: unknown) =>
  typeof name === "string" && (pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern);

/** Removes every match of `segments` under `node`; returns how many were removed. */
function removeAt(node: unknown, segments: Segment[], when: IgnoredField["when"]): number {
  if (segments.length === 0) return 0;
  const [head, ...rest] = segments;
  let removed = 0;
  if ("deep" in head) {
    removed += removeAt(node, rest, when);
    const children = Array.isArray(node) ? node : isObject(node) ? Object.values(node) : [];
    for (const child of children) removed += removeAt(child, segments, when);
    return removed;
  }
  if (Array.isArray(node)) {
    if ("index" in head) for (const item of node) removed += removeAt(item, rest, when);
    if ("name" in head) {
      for (let i = node.length - 1; i >= 0; i--) {
        const item = node[i];
        if (!isObject(item) || !nameMatches(head.name, item.name)) continue;
        if (rest.length > 0) removed += removeAt(item, rest, when);
        else if (isEmpty(item, when)) {
          node.splice(i, 1);
          removed++;
        }
      }
    }
    return removed;
  }
  if (!isObject(node)) return 0;
  const keys = "key" in head ? [head.key] : "any" in head ? Object.keys(node) : [];
  for (const key of keys) {
    if (!(key in node)) continue;
    if (rest.length > 0) removed += removeAt(node[key], rest, when);
    else if (isEmpty(node[key], when)) {
      delete node[key];
      removed++;
    }
  }
  return removed;
}

/** A copy of `resource` without the ignored fields that apply to its kind, in the file's order. */
export function withoutIgnoredFields(resource: Json, fields: readonly IgnoredField[]): Json {
  return removeIgnoredFields(resource, fields).resource;
}

/** Also says how many values each field (by index) removed. */
export function removeIgnoredFields(resource: Json, fields: readonly IgnoredField[]): { resource: Json; removed: number[] } {
  const copy = structuredClone(resource);
  const kind = String(resource.kind);
  const removed = fields.map((field) => (field.kinds && !field.kinds.includes(kind) ? 0 : removeAt(copy, parseFieldPath(field.path), field.when)));
  return { resource: copy, removed };
}

/** `render` output with its `{{.…}}` placeholders filled in with what the oracle's run gives them. */
export function withSubstitutions(value: unknown, substitutions: Readonly<Record<string, string>>): unknown {
  if (typeof value === "string") {
    let out = value;
    for (const [placeholder, replacement] of Object.entries(substitutions)) out = out.split(placeholder).join(replacement);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => withSubstitutions(v, substitutions));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSubstitutions(v, substitutions)]));
  return value;
}
