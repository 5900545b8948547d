// Checks a Kubernetes object against a CRD's openAPIV3Schema (the structural-schema subset that CRDs
// use: type, properties, additionalProperties, items, required, enum, anyOf, nullable, numeric and
// string bounds, patterns, x-kubernetes-int-or-string and -preserve-unknown-fields). It also reports
// fields the schema does not know, which the API server would silently prune.
import { createRequire } from "node:module";

export interface OpenApiSchema {
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: boolean | OpenApiSchema;
  items?: OpenApiSchema;
  required?: string[];
  enum?: unknown[];
  anyOf?: OpenApiSchema[];
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  [key: string]: unknown;
}

export interface SchemaViolation {
  /** Where in the object, e.g. "spec.driver.cores". */
  readonly path: string;
  /** Where in the schema, e.g. "properties.spec.properties.driver.properties.cores.type". */
  readonly schemaPath: string;
  readonly message: string;
}

export interface SchemaCheckOptions {
  /** Report fields the schema does not declare (pruned by the API server). Default true. */
  unknownFields?: boolean;
}

/** The openAPIV3Schema of one version of a CRD given as YAML (or already parsed). */
export function crdSchema(crd: string | Record<string, unknown>, version: string): OpenApiSchema {
  // yaml is loaded only here, so that importing core does not pay for it.
  const parseYaml = (text: string): unknown => (createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse(text);
  const doc = (typeof crd === "string" ? parseYaml(crd) : crd) as { spec?: { versions?: Array<{ name: string; schema?: { openAPIV3Schema?: OpenApiSchema } }> } };
  const entry = doc?.spec?.versions?.find((v) => v.name === version);
  const schema = entry?.schema?.openAPIV3Schema;
  if (!schema) throw new Error(`CRD has no openAPIV3Schema for version ${version}`);
  return schema;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

const joinPath = (path: string, key: string | number) =>
  typeof key === "number" ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
const joinSchema = (path: string, ...parts: string[]) => [path, ...parts].filter(Boolean).join(".");

/** Every violation of `schema` by `value`; empty when it conforms. */
export function checkAgainstSchema(value: unknown, schema: OpenApiSchema, options: SchemaCheckOptions = {}): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  visit(value, schema, "", "", out, options.unknownFields ?? true);
  return out;
}

function visit(value: unknown, schema: OpenApiSchema, path: string, schemaPath: string, out: SchemaViolation[], unknownFields: boolean): void {
  const at = path || "(root)";
  if (value === null) {
    if (!schema.nullable && schema.type !== undefined) out.push({ path: at, schemaPath: joinSchema(schemaPath, "nullable"), message: "must not be null" });
    return;
  }
  if (schema["x-kubernetes-int-or-string"]) {
    const t = typeOf(value);
    if (t !== "integer" && t !== "string") out.push({ path: at, schemaPath: joinSchema(schemaPath, "x-kubernetes-int-or-string"), message: `must be an integer or a string, got ${t}` });
    if (!schema.anyOf) return;
  }
  if (schema.anyOf && !schema["x-kubernetes-int-or-string"]) {
    const ok = schema.anyOf.some((s) => { const sub: SchemaViolation[] = []; visit(value, s, path, schemaPath, sub, false); return sub.length === 0; });
    if (!ok) out.push({ path: at, schemaPath: joinSchema(schemaPath, "anyOf"), message: "matches none of the allowed forms" });
  }
  for (const [i, s] of (schema.allOf ?? []).entries()) visit(value, s, path, joinSchema(schemaPath, "allOf", String(i)), out, unknownFields);
  const actual = typeOf(value);
  if (schema.type && !schema["x-kubernetes-int-or-string"]) {
    const fits = schema.type === actual || (schema.type === "number" && actual === "integer");
    if (!fits) {
      out.push({ path: at, schemaPath: joinSchema(schemaPath, "type"), message: `must be ${schema.type}, got ${actual}` });
      return;
    }
  }
  if (schema.enum && !schema.enum.some((e) => e === value)) {
    out.push({ path: at, schemaPath: joinSchema(schemaPath, "enum"), message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}, got ${JSON.stringify(value)}` });
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) out.push({ path: at, schemaPath: joinSchema(schemaPath, "minimum"), message: `must be >= ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum) out.push({ path: at, schemaPath: joinSchema(schemaPath, "maximum"), message: `must be <= ${schema.maximum}` });
    if (schema.format === "int32" && (value < -(2 ** 31) || value >= 2 ** 31)) out.push({ path: at, schemaPath: joinSchema(schemaPath, "format"), message: "must fit in int32" });
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) out.push({ path: at, schemaPath: joinSchema(schemaPath, "minLength"), message: `must have at least ${schema.minLength} characters` });
    if (schema.maxLength !== undefined && value.length > schema.maxLength) out.push({ path: at, schemaPath: joinSchema(schemaPath, "maxLength"), message: `must have at most ${schema.maxLength} characters` });
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) out.push({ path: at, schemaPath: joinSchema(schemaPath, "pattern"), message: `must match ${schema.pattern}` });
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push({ path: at, schemaPath: joinSchema(schemaPath, "minItems"), message: `must have at least ${schema.minItems} items` });
    if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push({ path: at, schemaPath: joinSchema(schemaPath, "maxItems"), message: `must have at most ${schema.maxItems} items` });
    if (schema.items) value.forEach((item, i) => visit(item, schema.items!, joinPath(path, i), joinSchema(schemaPath, "items"), out, unknownFields));
    return;
  }
  if (actual === "object") {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (obj[key] === undefined) out.push({ path: joinPath(path, key), schemaPath: joinSchema(schemaPath, "required"), message: "is required" });
    }
    for (const [key, v] of Object.entries(obj)) {
      const prop = schema.properties?.[key];
      if (prop) visit(v, prop, joinPath(path, key), joinSchema(schemaPath, "properties", key), out, unknownFields);
      else if (typeof schema.additionalProperties === "object") visit(v, schema.additionalProperties, joinPath(path, key), joinSchema(schemaPath, "additionalProperties"), out, unknownFields);
      else if (schema.additionalProperties === false) out.push({ path: joinPath(path, key), schemaPath: joinSchema(schemaPath, "additionalProperties"), message: "is not allowed" });
      else if (unknownFields && schema.properties && !schema["x-kubernetes-preserve-unknown-fields"]) {
        out.push({ path: joinPath(path, key), schemaPath: joinSchema(schemaPath, "properties"), message: "is not a field of this resource (the API server would drop it)" });
      }
    }
  }
}
