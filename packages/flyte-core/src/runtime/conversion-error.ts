import type { z } from "zod";
import { ConfigError, type IssuePath } from "../errors.ts";
import { enumNames, unionMembers, unwrapped } from "../serialize/interface.ts";
import { isDurationSchema } from "../types/duration-schema.ts";
import { isJsonLikeSchema, isUntypedDictSchema } from "../types/json-like-schema.ts";

/** INVALID_INPUT when reading a task's inputs, INVALID_OUTPUT when writing its outputs. */
export type ConversionCode = "INVALID_INPUT" | "INVALID_OUTPUT";

/** One conversion problem, located by its field path (e.g. `inputs.config.rows[2]`). */
export function conversionError(code: ConversionCode, path: IssuePath, message: string): ConfigError {
  return new ConfigError(code === "INVALID_INPUT" ? "task input" : "task output", [{ path, message }], code);
}

interface Def {
  type: string;
  element?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  items?: z.ZodType[];
}
export const zodDef = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/** A short, readable name of the type a schema declares (used in error messages). */
export function expectedType(schema: z.ZodType, depth = 0): string {
  const s = unwrapped(schema);
  const d = zodDef(s);
  if (depth > 2) return d.type;
  if (isJsonLikeSchema(s) && d.type !== "lazy") return "a JSON-like value";
  if (isUntypedDictSchema(s)) return d.type === "record" ? "a JSON-like object" : "a JSON value";
  switch (d.type) {
    case "number":
      if (isDurationSchema(s)) return "a duration in seconds (number)";
      return (s as z.ZodNumber).isInt ? "an integer (int64)" : "a float";
    case "bigint": return "a bigint (int64)";
    case "string": return "a string";
    case "boolean": return "a boolean";
    case "date": return "a Date";
    case "null": return "null";
    case "undefined": case "void": return "undefined";
    case "array": return `an array of ${expectedType(d.element!, depth + 1)}`;
    case "record": return `a record of ${expectedType(d.valueType!, depth + 1)}`;
    case "enum": case "literal": return `one of ${enumNames(s).map((n) => JSON.stringify(n)).join(", ")}`;
    case "object": return `an object {${Object.keys(d.shape ?? {}).join(", ")}}`;
    case "tuple": return `a tuple of ${d.items?.length ?? 0}`;
    case "optional": case "nullable": case "union":
      return unionMembers([s]).map((m) => expectedType(m, depth + 1)).join(" or ");
    default: return `a ${d.type}`;
  }
}

/** A short description of a JS value for error messages (strings are cut, never whole objects). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  if (typeof value === "bigint") return `bigint ${value}n`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : "a Date";
  if (value instanceof Uint8Array) return "bytes";
  if (value instanceof Map) return "a map";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value === "object" ? "an object" : typeof value;
}
