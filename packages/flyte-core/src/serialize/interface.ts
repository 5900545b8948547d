import type { z } from "zod";
import { ConfigError, type ConfigIssue } from "../errors.ts";
import type { TaskSettings } from "../task/settings.ts";
import { isDurationSchema } from "../types/duration-schema.ts";
import { isJsonLikeSchema, isUntypedDictSchema } from "../types/json-like-schema.ts";
import { deepFreeze } from "../util/deep-freeze.ts";
import { zodModule } from "../types/zod-module.ts";

/** Proto JSON of `flyteidl2.core.LiteralType`. */
export type LiteralTypeJson = Record<string, unknown>;
export interface VariableJson {
  type: LiteralTypeJson;
  description?: string;
}
export interface TypedInterfaceJson {
  /** Sorted by name; present (possibly empty) for every task. */
  inputs: { variables: Array<{ key: string; value: VariableJson }> };
  /** o0, o1, … sorted by name; present (possibly empty) for every task. */
  outputs: { variables: Array<{ key: string; value: VariableJson }> };
}

// Values stored as msgpack binary literals carry this annotation, as in the reference SDK.
const MSGPACK_ANNOTATION = { annotations: { "cache-key-metadata": { "serialization-format": "msgpack" } } };
// Python's untyped `dict`: a STRUCT with the msgpack annotation, without JSON Schema or structure tag.
const UNTYPED_DICT_TYPE = { simple: "STRUCT", annotation: MSGPACK_ANNOTATION };

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  keyType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  items?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
}

const def = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/** The reference's transformer names, used as union variant tags (wrappers take their inner type's tag). */
export function transformerTag(schema: z.ZodType): string {
  const d = def(schema);
  if (isUntypedDictSchema(schema)) return "Typed Dict";
  switch (d.type) {
    case "number":
      if (isDurationSchema(schema)) return "timedelta";
      return (schema as z.ZodNumber).isInt ? "int" : "float";
    case "bigint": return "int";
    case "string": return "str";
    case "boolean": return "bool";
    case "date": return "datetime";
    case "null": case "undefined": case "void": return "none";
    case "array": return "Typed List";
    case "record": return "Typed Dict";
    case "enum": case "literal": return "DefaultEnumTransformer";
    case "object": return "Object-Dataclass-Transformer";
    case "tuple": return "Typed Tuple";
    default: {
      const inner = unwrapped(schema);
      return inner === schema ? d.type : transformerTag(inner);
    }
  }
}

/**
 * The schema under default/prefault/readonly/catch/nonoptional/pipe/lazy wrappers, which do not change the
 * literal type. z.json() (a recursive lazy) is kept: it is a type of its own.
 */
export function unwrapped(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const d = def(s);
    if (["default", "prefault", "readonly", "catch", "nonoptional"].includes(d.type)) s = d.innerType!;
    else if (d.type === "pipe") s = d.in!;
    else if (d.type === "lazy" && !isJsonLikeSchema(s)) s = d.getter!();
    else return s;
  }
}

/**
 * String enums travel by member NAME, as the reference writes Python Enums: for `z.enum(["a", "b"])` names and
 * values are the same; for `z.enum(NativeEnum)` the names are the enum's keys. Literals travel by value.
 */
export function enumNames(schema: z.ZodType): string[] {
  const d = def(schema);
  return d.type === "enum" ? Object.keys(d.entries ?? {}) : (d.values ?? []).map(String);
}

/** The Flyte literal type of a zod schema; unsupported schemas are reported at `path`. */
export function literalTypeOf(schema: z.ZodType, path: (string | number)[], issues: ConfigIssue[]): LiteralTypeJson {
  const d = def(schema);
  if (isUntypedDictSchema(schema)) return { ...UNTYPED_DICT_TYPE };
  switch (d.type) {
    case "number":
      if (isDurationSchema(schema)) return { simple: "DURATION" };
      return { simple: (schema as z.ZodNumber).isInt ? "INTEGER" : "FLOAT" };
    case "bigint":
      return { simple: "INTEGER" };
    case "string":
      return { simple: "STRING" };
    case "boolean":
      return { simple: "BOOLEAN" };
    case "date":
      return { simple: "DATETIME" };
    case "null": case "undefined": case "void":
      return { simple: "NONE" };
    case "array":
      return { collectionType: literalTypeOf(d.element!, [...path, "[]"], issues) };
    case "record": {
      if (def(d.keyType!).type !== "string") issues.push({ path, message: "record keys must be strings (z.record(z.string(), ...))" });
      return { mapValueType: literalTypeOf(d.valueType!, [...path, "{}"], issues) };
    }
    case "enum": {
      const values = Object.values(d.entries ?? {});
      if (!values.every((v) => typeof v === "string")) issues.push({ path, message: "enum values must be strings" });
      return { enumType: { values: enumNames(schema) } };
    }
    case "literal": {
      const values = d.values ?? [];
      if (!values.every((v) => typeof v === "string")) {
        issues.push({ path, message: "only string literals are supported (they become enum values)" });
      }
      return { enumType: { values: values.map(String) } };
    }
    case "object": case "tuple":
      return { simple: "STRUCT", metadata: jsonSchemaOf(schema, path, issues), annotation: MSGPACK_ANNOTATION, structure: { tag: d.type === "object" ? "Object-Dataclass-Transformer" : "Pydantic Transformer" } };
    case "optional": case "nullable":
      return unionOf([d.innerType!, zodModule().null()], path, issues);
    case "default": case "prefault": case "readonly": case "catch": case "nonoptional":
      return literalTypeOf(d.innerType!, path, issues);
    case "pipe":
      return literalTypeOf(d.in!, path, issues);
    case "lazy":
      return literalTypeOf(d.getter!(), path, issues);
    case "union":
      return unionOf(d.options!, path, issues);
    case "unknown": case "any":
      // Python pickles untyped values, which nothing but the same Python can read.
      issues.push({ path, message: `z.${d.type}() has no Flyte literal type on its own; declare the value's type, or use z.record(z.string(), z.${d.type}()) or z.json() for a JSON-like object (z.${d.type}() is fine inside z.object)` });
      return { simple: "NONE" };
    default:
      issues.push({ path, message: `zod type "${d.type}" has no Flyte literal type; use string, number, int, boolean, date, duration, array, record, enum, object, json, optional or union` });
      return { simple: "NONE" };
  }
}

function unionOf(options: readonly z.ZodType[], path: (string | number)[], issues: ConfigIssue[]): LiteralTypeJson {
  const variants = unionMembers(options).map((s) => ({ ...literalTypeOf(s, path, issues), structure: { tag: transformerTag(s) } }));
  return { unionType: { variants } };
}

/**
 * The variants of a union, optional or nullable schema in interface order: nested unions flattened, and
 * null/undefined/void kept once (as the `none` variant, last where optional/nullable added it).
 */
export function unionMembers(options: readonly z.ZodType[]): z.ZodType[] {
  const flat: z.ZodType[] = [];
  const isNone = (s: z.ZodType) => ["null", "undefined", "void"].includes(def(s).type);
  const visit = (schema: z.ZodType) => {
    const s = unwrapped(schema);
    const d = def(s);
    if (d.type === "union") d.options!.forEach(visit);
    else if (d.type === "optional" || d.type === "nullable") { visit(d.innerType!); visit(zodModule().null()); }
    else if (!(isNone(s) && flat.some(isNone))) flat.push(s);
  };
  options.forEach(visit);
  return flat;
}

/** The JSON Schema title of an object or tuple type that does not set one with `.meta({ title })`. */
export const DEFAULT_STRUCT_TITLE = "Object";

function jsonSchemaOf(schema: z.ZodType, path: (string | number)[], issues: ConfigIssue[]): Record<string, unknown> {
  try {
    const { $schema: _ignored, ...rest } = zodModule().toJSONSchema(schema, { unrepresentable: "any" }) as Record<string, unknown>;
    // Python readers rebuild a class from this schema (TypeEngine.guess_python_type) and only do so when it
    // has a title, the class name: the schema's own `.meta({ title })`, else a generic one.
    return { title: DEFAULT_STRUCT_TITLE, ...rest };
  } catch (err) {
    issues.push({ path, message: `cannot describe as JSON Schema: ${(err as Error).message}` });
    return {};
  }
}

/** The schema of each output o0, o1, … (a tuple output gives one per element; void/undefined give none). */
export function outputSchemas(output: z.ZodType | undefined): z.ZodType[] {
  if (!output) return [];
  const d = def(output);
  if (d.type === "void" || d.type === "undefined") return [];
  if (d.type === "tuple") return d.items ?? [];
  return [output];
}

// Keyed by the schema objects, which overrides share: an interface is computed once per declaration.
const interfaces = new WeakMap<object, WeakMap<object, TypedInterfaceJson>>();
const NO_SCHEMA = {};

/**
 * `flyteidl2.core.TypedInterface` (proto JSON, frozen): inputs by name and outputs o0, o1, … (both sorted by
 * name, as the reference does), each map present even when empty.
 */
export function typedInterfaceOf(settings: TaskSettings): TypedInterfaceJson {
  let byInputs = interfaces.get(settings.inputs ?? NO_SCHEMA);
  if (!byInputs) interfaces.set(settings.inputs ?? NO_SCHEMA, (byInputs = new WeakMap<object, TypedInterfaceJson>()));
  let cached = byInputs.get(settings.output ?? NO_SCHEMA);
  if (!cached) {
    cached = deepFreeze(computeInterface(settings));
    byInputs.set(settings.output ?? NO_SCHEMA, cached);
  }
  return cached;
}


function computeInterface(settings: TaskSettings): TypedInterfaceJson {
  const issues: ConfigIssue[] = [];
  const inputs = Object.entries((settings.inputs?.shape ?? {}) as Record<string, z.ZodType>).map(([key, schema]) => ({
    key,
    value: variable(schema, ["inputs", key], issues),
  }));
  const outputs = outputSchemas(settings.output).map((schema, i) => ({ key: `o${i}`, value: variable(schema, ["output", i], issues) }));
  if (issues.length > 0) throw new ConfigError(`interface of ${settings.name}`, issues);
  // As the reference: both maps are always present (an empty one is written as {}), each sorted by name.
  return { inputs: { variables: sortedByKey(inputs) }, outputs: { variables: sortedByKey(outputs) } };
}

/** Sorted by key in code-point order, like Python's sorted() on the names (so o10 comes before o2). */
function sortedByKey<T extends { key: string }>(entries: T[]): T[] {
  return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function variable(schema: z.ZodType, path: (string | number)[], issues: ConfigIssue[]): VariableJson {
  const v: VariableJson = { type: literalTypeOf(schema, path, issues) };
  if (schema.description) v.description = schema.description;
  return v;
}
